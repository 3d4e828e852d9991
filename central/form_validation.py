"""Server-side validation of an application's ``form`` against its catalogue schema.

The kiosk pre-validates with the same schema, but the central is the
authority: every value is checked again here and every problem is reported as
a :class:`FieldError` whose ``field`` is the path of the value
(``form.mobile``, ``form.shareholders[1].id_number``):

* each field: required, types, characters (a text holds none that
  :mod:`central.text` refuses, and a line break only when the field is
  ``multiline``), lengths, patterns, options, ``cn_*`` validators, item
  counts, number and date bounds (a date bound may be ``"today"`` or
  ``"+5y"`` / ``"+6m"`` / ``"+30d"`` from the central's today);
* conditions: a field whose ``visible_if`` does not hold is hidden, and a
  hidden field is not sent (sent anyway, it is an error, whatever its value);
  ``required_if`` makes a visible field required; a person's sub-field's
  conditions name a sibling sub-field of the same person;
* persons: ``name``, ``document_type`` (one of the six of central-api.md) and
  ``id_number`` always, ``mobile`` when ``require_mobile``; ``cn_resident_id``
  checks a number only when its document is a resident identity card;
  ``min_age`` from the birth date in a GB 11643 number (or a ``birth_date``
  sub-field); the same person twice in one list is refused;
* the form's ``rules`` (``sum_equals``), once the fields they read are valid.

The authority's own cross-field rules from the registry are applied after all
of that passes (:func:`apply_rules`), skipping any the catalogue already states.
"""

import re
from collections.abc import Callable, Iterable
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from central.catalogue import (
    DOCUMENT_TYPES,
    PERSON_KEYS,
    Catalogue,
    form_fields,
    resolve_date_bound,
)
from central.identifiers import mobile_problem, resident_id_problem, uscc_problem
from central.payload import json_type_name, text_error
from central.problems import FieldError

_MONEY = re.compile(r"^\d{1,12}(\.\d{1,6})?$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_REGION = re.compile(r"^\d{6}$")
#: Documents whose number follows GB 11643 and so carries the holder's birth date.
_GB11643_DOCUMENTS = frozenset({"cn_resident_id", "hmt_residence_permit"})

#: A person's standard sub-fields when the catalogue does not restate them.
STANDARD_PERSON_FIELDS: dict[str, dict[str, Any]] = {
    "name": {
        "name": "name",
        "type": "text",
        "label": {"zh": "姓名", "en": "Name"},
        "required": True,
        "max_length": 30,
    },
    "document_type": {
        "name": "document_type",
        "type": "choice",
        "label": {"zh": "证件类型", "en": "Document type"},
        "required": True,
        "options": [
            {"value": value, "label": {"zh": value, "en": value}} for value in DOCUMENT_TYPES
        ],
    },
    "id_number": {
        "name": "id_number",
        "type": "text",
        "label": {"zh": "证件号码", "en": "Document number"},
        "required": True,
        "max_length": 40,
    },
    "mobile": {
        "name": "mobile",
        "type": "text",
        "label": {"zh": "手机号码", "en": "Mobile number"},
        "required": False,
        "validators": ["cn_mobile"],
    },
}


def person_fields(field: dict[str, Any]) -> list[dict[str, Any]]:
    """The sub-fields of a ``person`` / ``people`` field: the four standard ones (as the
    catalogue restates them, if it does), then the field's own further ones.

    ``name``, ``document_type`` and ``id_number`` are always required, ``mobile``
    exactly when ``require_mobile`` is true.
    """
    stated = {sub["name"]: sub for sub in field.get("fields", [])}
    merged: list[dict[str, Any]] = []
    for name in PERSON_KEYS:
        sub = {**STANDARD_PERSON_FIELDS[name], **stated.get(name, {})}
        sub["required"] = name != "mobile" or bool(field.get("require_mobile"))
        merged.append(sub)
    merged.extend(sub for name, sub in stated.items() if name not in PERSON_KEYS)
    return merged


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def same_json_value(left: object, right: object) -> bool:
    """JSON equality: ``5 == 5.0`` but ``true != 1``."""
    if _is_number(left) and _is_number(right):
        return left == right
    return type(left) is type(right) and left == right


def condition_holds(condition: dict[str, Any] | None, values: dict[str, Any]) -> bool:
    """Whether ``{"field", "equals"}`` / ``{"field", "in"}`` holds over ``values``.

    A list value (a multi_choice) holds when any of its items does.
    """
    if not condition:
        return False
    targets = [condition["equals"]] if "equals" in condition else list(condition.get("in", []))
    actual = values.get(condition["field"])
    candidates = actual if isinstance(actual, list) else [actual]
    return any(same_json_value(item, target) for item in candidates for target in targets)


def visible_names(fields: Iterable[dict[str, Any]], values: dict[str, Any]) -> frozenset[str]:
    """The fields shown given the values; a hidden field's value counts as absent.

    A condition may name a field that is itself hidden, so hiding is repeated
    until nothing changes (at most once per field).
    """
    fields = list(fields)
    shown = frozenset(field["name"] for field in fields)
    for _ in range(len(fields) + 1):
        seen = {name: value for name, value in values.items() if name in shown}
        now = frozenset(
            field["name"]
            for field in fields
            if "visible_if" not in field or condition_holds(field["visible_if"], seen)
        )
        if now == shown:
            break
        shown = now
    return shown


def _is_empty(value: object) -> bool:
    return value is None or value == [] or (isinstance(value, str) and not value.strip())


def _pattern_matches(pattern: str, value: str) -> bool:
    # Catalogue patterns follow ECMAScript (unanchored search); Python's "$"
    # would also accept a trailing newline, so an anchored match must end at
    # the end of the value.
    match = re.search(pattern, value)
    if match is None:
        return False
    return not (pattern.endswith("$") and not pattern.endswith("\\$") and match.end() != len(value))


def _age_on(born: date, today: date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def birth_date(person: dict[str, Any]) -> tuple[date | None, str]:
    """The person's birth date and the key it was read from (``None`` when unknown)."""
    number, document_type = person.get("id_number"), person.get("document_type")
    if document_type in _GB11643_DOCUMENTS and isinstance(number, str) and len(number) == 18:
        try:
            return date(int(number[6:10]), int(number[10:12]), int(number[12:14])), "id_number"
        except ValueError:
            return None, "id_number"
    born = person.get("birth_date")
    if isinstance(born, str) and _DATE.fullmatch(born):
        try:
            return date.fromisoformat(born), "birth_date"
        except ValueError:
            pass
    return None, "birth_date"


class FormValidator:
    """Validates values of one service's form; collects errors in :attr:`errors`."""

    def __init__(self, catalogue: Catalogue, *, today: date) -> None:
        self.catalogue = catalogue
        self.today = today
        self.errors: list[FieldError] = []

    def error(self, path: str, code: str, message: str) -> None:
        """Record an error at ``path``."""
        self.errors.append(FieldError(path, code, message))

    def _errors_under(self, path: str, since: int = 0) -> bool:
        return any(
            error.field == path or error.field.startswith((f"{path}.", f"{path}["))
            for error in self.errors[since:]
        )

    def check_object(
        self,
        values: dict[str, Any],
        fields: list[dict[str, Any]],
        prefix: str,
        *,
        signature_kinds: set[str],
    ) -> None:
        """Check an object's members against ``fields``; unknown members are errors, and so
        are members whose field is hidden (its ``visible_if`` does not hold)."""
        known = {field["name"] for field in fields}
        for name in values:
            if name not in known:
                self.error(
                    f"{prefix}{name}",
                    "unknown_field",
                    f"{prefix}{name} is not a field of this form.",
                )
        shown = visible_names(fields, values)
        visible_values = {name: value for name, value in values.items() if name in shown}
        for field in fields:
            name = field["name"]
            path = f"{prefix}{name}"
            value = values.get(name)
            if name not in shown:
                if name in values:
                    condition = field["visible_if"]
                    self.error(
                        path,
                        "hidden",
                        f"{field['label']['en']} is only asked for when {condition['field']}"
                        f" is {_condition_text(condition)}; leave it out of the form.",
                    )
                continue
            if field["type"] == "signature":
                if value is not None:
                    self.error(
                        path,
                        "misplaced",
                        "A signature is sent as an attachment of kind 'signature', not in the form.",
                    )
                elif self._required(field, visible_values) and (
                    field.get("attachment_kind", "signature") not in signature_kinds
                ):
                    self.error(
                        path,
                        "required",
                        "This form needs the applicant's signature as an attachment of kind"
                        f" '{field.get('attachment_kind', 'signature')}'.",
                    )
                continue
            if _is_empty(value):
                if self._required(field, visible_values):
                    label = field["label"]["en"]
                    self.error(path, "required", f"{label} is required.")
                continue
            self.check_value(field, value, path)

    def _required(self, field: dict[str, Any], values: dict[str, Any]) -> bool:
        return bool(field.get("required")) or condition_holds(field.get("required_if"), values)

    def check_value(self, field: dict[str, Any], value: Any, path: str) -> None:
        """Check one present value against its field definition."""
        checker: Callable[[dict[str, Any], Any, str], None] = getattr(
            self, f"_check_{field['type']}"
        )
        checker(field, value, path)

    def _type_error(self, path: str, expected: str, value: Any) -> None:
        self.error(path, "type", f"{path} must be {expected}, not {json_type_name(value)}.")

    def _check_text(self, field: dict[str, Any], value: Any, path: str) -> None:
        if not isinstance(value, str):
            self._type_error(path, "a string", value)
            return
        character = text_error(path, value, multiline=bool(field.get("multiline")))
        if character is not None:
            self.errors.append(character)
            return
        label = field["label"]["en"]
        if "min_length" in field and len(value) < field["min_length"]:
            self.error(
                path,
                "min_length",
                f"{label} must be at least {field['min_length']} characters long.",
            )
            return
        if "max_length" in field and len(value) > field["max_length"]:
            self.error(
                path,
                "max_length",
                f"{label} must be at most {field['max_length']} characters long.",
            )
            return
        if "pattern" in field and not _pattern_matches(field["pattern"], value):
            self.error(
                path,
                "pattern",
                f"{label} contains characters or a format that is not allowed here.",
            )
            return
        for validator in field.get("validators", []):
            problem = self._validator_problem(validator, value)
            if problem is not None:
                self.error(path, validator, problem)
                return

    def _validator_problem(self, validator: str, value: str) -> str | None:
        if validator == "cn_resident_id":
            return resident_id_problem(value, today=self.today)
        if validator == "cn_mobile":
            return mobile_problem(value)
        return uscc_problem(value)

    def _check_number(self, field: dict[str, Any], value: Any, path: str) -> None:
        if not _is_number(value):
            self._type_error(path, "a number", value)
            return
        if field.get("integer") and not float(value).is_integer():
            self.error(path, "integer", f"{field['label']['en']} must be a whole number.")
            return
        self._check_bounds(field, Decimal(str(value)), path)

    def _check_bounds(self, field: dict[str, Any], number: Decimal, path: str) -> None:
        label = field["label"]["en"]
        unit = f" {field['unit']}" if "unit" in field else ""
        if "min" in field and number < Decimal(str(field["min"])):
            self.error(path, "min", f"{label} must be at least {field['min']}{unit}.")
        elif "max" in field and number > Decimal(str(field["max"])):
            self.error(path, "max", f"{label} must be at most {field['max']}{unit}.")

    def _check_money(self, field: dict[str, Any], value: Any, path: str) -> None:
        if not isinstance(value, str) or _MONEY.fullmatch(value) is None:
            unit = field.get("unit", "")
            self.error(
                path,
                "type",
                f'{path} must be a decimal string such as "100" or "12.5" (in {unit}).',
            )
            return
        decimals = field.get("decimals")
        if decimals is not None and len(value.partition(".")[2].rstrip("0")) > decimals:
            self.error(
                path,
                "decimals",
                f"{field['label']['en']} may have at most {decimals} decimal places.",
            )
            return
        self._check_bounds(field, Decimal(value), path)

    def _check_date(self, field: dict[str, Any], value: Any, path: str) -> None:
        if not isinstance(value, str) or _DATE.fullmatch(value) is None:
            self.error(path, "type", f"{path} must be a date written YYYY-MM-DD.")
            return
        try:
            day = date.fromisoformat(value)
        except ValueError:
            self.error(path, "type", f"{path} is not a real calendar date.")
            return
        label = field["label"]["en"]
        earliest = resolve_date_bound(field.get("min"), self.today)
        latest = resolve_date_bound(field.get("max"), self.today)
        if earliest is not None and day < earliest:
            self.error(path, "too_early", f"{label} must be on or after {earliest.isoformat()}.")
        elif latest is not None and day > latest:
            self.error(path, "too_late", f"{label} must be on or before {latest.isoformat()}.")

    def _is_option(self, field: dict[str, Any], value: Any) -> bool:
        return any(same_json_value(value, option["value"]) for option in field["options"])

    def _check_choice(self, field: dict[str, Any], value: Any, path: str) -> None:
        if not self._is_option(field, value):
            allowed = ", ".join(repr(option["value"]) for option in field["options"])
            self.error(path, "option", f"{path} must be one of {allowed}.")

    def _check_items(self, field: dict[str, Any], value: Any, path: str) -> bool:
        if not isinstance(value, list):
            self._type_error(path, "an array", value)
            return False
        label = field["label"]["en"]
        if "min_items" in field and len(value) < field["min_items"]:
            self.error(path, "min_items", f"{label} needs at least {field['min_items']} item(s).")
            return False
        if "max_items" in field and len(value) > field["max_items"]:
            self.error(path, "max_items", f"{label} may have at most {field['max_items']} item(s).")
            return False
        return True

    def _check_multi_choice(self, field: dict[str, Any], value: Any, path: str) -> None:
        if not self._check_items(field, value, path):
            return
        for index, item in enumerate(value):
            self._check_choice(field, item, f"{path}[{index}]")
        if len({repr(item) for item in value}) != len(value):
            self.error(path, "duplicate", f"{path} lists an option more than once.")

    def _check_region(self, field: dict[str, Any], value: Any, path: str) -> None:
        if not isinstance(value, str) or _REGION.fullmatch(value) is None:
            self.error(path, "type", f"{path} must be a six-digit GB/T 2260 division code.")
        elif self.catalogue.region_name(value) is None:
            self.error(
                path, "option", f"{value} is not a region served by this registration system."
            )
        elif "level" in field and _region_level(value) != field["level"]:
            self.error(path, "level", f"{path} must be a {field['level']}-level division code.")

    def _check_scope(self, field: dict[str, Any], value: Any, path: str) -> None:
        if not self._check_items(field, value, path):
            return
        for index, item in enumerate(value):
            if not isinstance(item, str):
                self._type_error(f"{path}[{index}]", "a business scope code", item)
            elif self.catalogue.scope_entry(item) is None:
                self.error(
                    f"{path}[{index}]",
                    "option",
                    f"{item!r} is not an entry of the business scope catalogue.",
                )
        if len({repr(item) for item in value}) != len(value):
            self.error(path, "duplicate", f"{path} lists a scope entry more than once.")

    def _check_person(self, field: dict[str, Any], value: Any, path: str) -> None:
        if not isinstance(value, dict):
            self._type_error(path, "an object describing a person", value)
            return
        document_type = value.get("document_type")
        sub_fields = person_fields(field)
        if document_type != "cn_resident_id":
            # Only a resident identity card's number is checked as one (a passport's is not).
            sub_fields = [_without_resident_id_check(sub) for sub in sub_fields]
        start = len(self.errors)
        self.check_object(value, sub_fields, f"{path}.", signature_kinds=set())
        for validator in field.get("validators", []):
            if validator == "cn_resident_id" and document_type != "cn_resident_id":
                continue
            key = "mobile" if validator == "cn_mobile" else "id_number"
            target, where = value.get(key), f"{path}.{key}"
            if isinstance(target, str) and target.strip() and not self._errors_under(where, start):
                problem = self._validator_problem(validator, target)
                if problem is not None:
                    self.error(where, validator, problem)
        if "min_age" in field and not self._errors_under(path, start):
            born, key = birth_date(value)
            if born is not None and _age_on(born, self.today) < field["min_age"]:
                self.error(
                    f"{path}.{key}",
                    "min_age",
                    f"{field['label']['en']}: every person must be at least {field['min_age']}"
                    " years old today.",
                )

    def _check_people(self, field: dict[str, Any], value: Any, path: str) -> None:
        if not self._check_items(field, value, path):
            return
        listed: dict[tuple[object, str], int] = {}
        for index, person in enumerate(value):
            start = len(self.errors)
            self._check_person(field, person, f"{path}[{index}]")
            if len(self.errors) > start or not isinstance(person, dict):
                continue
            key = (person.get("document_type"), str(person.get("id_number")).strip().upper())
            if key in listed:
                self.error(
                    f"{path}[{index}].id_number",
                    "duplicate",
                    f"{field['label']['en']}: this person is already listed as number"
                    f" {listed[key] + 1}.",
                )
            else:
                listed[key] = index

    def check_rules(self, form: dict[str, Any], rules: list[dict[str, Any]]) -> None:
        """The form's ``rules`` (central-api.md), each once the fields it reads are valid."""
        for rule in rules:
            if rule["kind"] == "sum_equals":
                self._check_sum_equals(form, rule)
            else:  # pragma: no cover - the catalogue is checked when loaded
                raise ValueError(f"unknown rule kind {rule['kind']!r}")

    def _check_sum_equals(self, form: dict[str, Any], rule: dict[str, Any]) -> None:
        items_path, equals_path = f"form.{rule['items']}", f"form.{rule['equals']}"
        if self._errors_under(items_path) or self._errors_under(equals_path):
            return  # each unreadable value has an error of its own
        items, expected = form.get(rule["items"]), form.get(rule["equals"])
        if not isinstance(items, list) or not items or _is_empty(expected):
            return  # "required" says what is missing
        try:
            total = sum((Decimal(str(item[rule["item_field"]])) for item in items), Decimal(0))
            wanted = Decimal(str(expected))
        except (KeyError, TypeError, InvalidOperation):
            return
        if total != wanted:
            self.error(items_path, "sum_mismatch", f"{rule['message']['en']} ({total} ≠ {wanted})")


def _condition_text(condition: dict[str, Any]) -> str:
    if "equals" in condition:
        return repr(condition["equals"])
    return "one of " + ", ".join(repr(value) for value in condition["in"])


def _without_resident_id_check(sub_field: dict[str, Any]) -> dict[str, Any]:
    if sub_field["name"] != "id_number" or "cn_resident_id" not in sub_field.get("validators", []):
        return sub_field
    validators = [name for name in sub_field["validators"] if name != "cn_resident_id"]
    return {**sub_field, "validators": validators}


def _region_level(code: str) -> str:
    """GB/T 2260: ``xx0000`` a province, ``xxxx00`` a city, anything else a county."""
    if code.endswith("0000"):
        return "province"
    if code.endswith("00"):
        return "city"
    return "county"


def validate_form(
    form: dict[str, Any],
    service: dict[str, Any],
    catalogue: Catalogue,
    *,
    today: date,
    signature_kinds: set[str],
) -> list[FieldError]:
    """Check ``form`` against the service's schema and rules; return every problem found."""
    validator = FormValidator(catalogue, today=today)
    validator.check_object(
        form, list(form_fields(service)), "form.", signature_kinds=signature_kinds
    )
    validator.check_rules(form, service.get("form", {}).get("rules", []))
    return validator.errors


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a non-leap target year
        return day.replace(year=day.year + years, day=28)


def _stated_in_catalogue(rule: dict[str, Any], stated: list[dict[str, Any]]) -> bool:
    """Whether the catalogue's form rules already check this registry rule."""
    return rule["kind"] == "sum_equals" and any(
        other.get("kind") == "sum_equals"
        and (other.get("items"), other.get("item_field"), other.get("equals"))
        == (rule["list"], rule["item"], rule["total"])
        for other in stated
    )


def apply_rules(
    form: dict[str, Any],
    rules: list[dict[str, Any]],
    *,
    today: date,
    stated: list[dict[str, Any]] | None = None,
) -> list[FieldError]:
    """Apply the registry's cross-field rules to a form that passed field validation.

    A rule the catalogue's form ``rules`` already state (``stated``) is skipped:
    :func:`validate_form` has checked it, and one mismatch is reported once.
    """
    errors: list[FieldError] = []
    for rule in rules:
        if _stated_in_catalogue(rule, stated or []):
            continue
        items = form.get(rule["list"]) or []
        if rule["kind"] == "sum_equals":
            try:
                total = sum((Decimal(item[rule["item"]]) for item in items), Decimal(0))
                expected = Decimal(form[rule["total"]])
            except (KeyError, TypeError, InvalidOperation):
                continue
            if total != expected:
                errors.append(
                    FieldError(
                        f"form.{rule['list']}",
                        "sum_mismatch",
                        f"{rule['message']} ({total} ≠ {expected})",
                    )
                )
        elif rule["kind"] == "dates_within_years":
            limit = _add_years(today, int(rule["years"]))
            for index, item in enumerate(items):
                due = item.get(rule["item"]) if isinstance(item, dict) else None
                if isinstance(due, str) and date.fromisoformat(due) > limit:
                    errors.append(
                        FieldError(
                            f"form.{rule['list']}[{index}].{rule['item']}",
                            "too_late",
                            rule["message"],
                        )
                    )
        else:  # pragma: no cover - registry.json is checked by the test suite
            raise ValueError(f"unknown rule kind {rule['kind']!r}")
    return errors

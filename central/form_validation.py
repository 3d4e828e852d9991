"""Server-side validation of an application's ``form`` against its catalogue schema.

The kiosk pre-validates with the same schema, but the central is the
authority: every value is checked again here (required, types, lengths,
patterns, options, ``cn_*`` validators, ``required_if``, item counts, person
sub-fields) and every problem is reported as a :class:`FieldError` whose
``field`` is the path of the value (``form.mobile``,
``form.shareholders[1].id_number``). The authority's cross-field rules from
the registry (capital sums, contribution dates) are applied after the
per-field checks pass.
"""

import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from central.catalogue import Catalogue, form_fields
from central.identifiers import mobile_problem, resident_id_problem, uscc_problem
from central.payload import json_type_name
from central.problems import FieldError

_MONEY = re.compile(r"^\d{1,12}(\.\d{1,6})?$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_REGION = re.compile(r"^\d{6}$")

DEFAULT_PERSON_FIELDS: list[dict[str, Any]] = [
    {
        "name": "name",
        "type": "text",
        "label": {"zh": "姓名", "en": "Name"},
        "required": True,
        "max_length": 30,
    },
    {
        "name": "document_type",
        "type": "text",
        "label": {"zh": "证件类型", "en": "Document type"},
        "required": True,
        "max_length": 40,
    },
    {
        "name": "id_number",
        "type": "text",
        "label": {"zh": "证件号码", "en": "Document number"},
        "required": True,
        "max_length": 40,
    },
    {
        "name": "mobile",
        "type": "text",
        "label": {"zh": "手机号码", "en": "Mobile number"},
        "required": False,
        "validators": ["cn_mobile"],
    },
]


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def same_json_value(left: object, right: object) -> bool:
    """JSON equality: ``5 == 5.0`` but ``true != 1``."""
    if _is_number(left) and _is_number(right):
        return left == right
    return type(left) is type(right) and left == right


def _pattern_matches(pattern: str, value: str) -> bool:
    # Catalogue patterns follow ECMAScript (unanchored search); Python's "$"
    # would also accept a trailing newline, so an anchored match must end at
    # the end of the value.
    match = re.search(pattern, value)
    if match is None:
        return False
    return not (pattern.endswith("$") and not pattern.endswith("\\$") and match.end() != len(value))


class FormValidator:
    """Validates values of one service's form; collects errors in :attr:`errors`."""

    def __init__(self, catalogue: Catalogue, *, today: date) -> None:
        self.catalogue = catalogue
        self.today = today
        self.errors: list[FieldError] = []

    def error(self, path: str, code: str, message: str) -> None:
        """Record an error at ``path``."""
        self.errors.append(FieldError(path, code, message))

    def check_object(
        self,
        values: dict[str, Any],
        fields: list[dict[str, Any]],
        prefix: str,
        *,
        signature_kinds: set[str],
    ) -> None:
        """Check an object's members against ``fields``; unknown members are errors."""
        known = {field["name"] for field in fields}
        for name in values:
            if name not in known:
                self.error(
                    f"{prefix}{name}",
                    "unknown_field",
                    f"{prefix}{name} is not a field of this form.",
                )
        for field in fields:
            name = field["name"]
            path = f"{prefix}{name}"
            value = values.get(name)
            if field["type"] == "signature":
                if value is not None:
                    self.error(
                        path,
                        "misplaced",
                        "A signature is sent as an attachment of kind 'signature', not in the form.",
                    )
                elif field.get("required") and "signature" not in signature_kinds:
                    self.error(
                        path,
                        "required",
                        "This form needs the applicant's signature as an attachment of kind 'signature'.",
                    )
                continue
            if value is None or value == [] or (isinstance(value, str) and not value.strip()):
                if self._required(field, values):
                    label = field["label"]["en"]
                    self.error(path, "required", f"{label} is required.")
                continue
            self.check_value(field, value, path)

    def _required(self, field: dict[str, Any], values: dict[str, Any]) -> bool:
        if field.get("required"):
            return True
        condition = field.get("required_if")
        if not condition:
            return False
        other = values.get(condition["field"])
        if "equals" in condition:
            return same_json_value(other, condition["equals"])
        return any(same_json_value(other, candidate) for candidate in condition["in"])

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
        self._run_validators(field, value, path)

    def _run_validators(self, field: dict[str, Any], value: str, path: str) -> None:
        for validator in field.get("validators", []):
            if validator == "cn_resident_id":
                problem = resident_id_problem(value, today=self.today)
            elif validator == "cn_mobile":
                problem = mobile_problem(value)
            else:
                problem = uscc_problem(value)
            if problem is not None:
                self.error(path, validator, problem)
                return

    def _check_number(self, field: dict[str, Any], value: Any, path: str) -> None:
        if not _is_number(value):
            self._type_error(path, "a number", value)
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
        self._check_bounds(field, Decimal(value), path)

    def _check_date(self, field: dict[str, Any], value: Any, path: str) -> None:
        if not isinstance(value, str) or _DATE.fullmatch(value) is None:
            self.error(path, "type", f"{path} must be a date written YYYY-MM-DD.")
            return
        try:
            date.fromisoformat(value)
        except ValueError:
            self.error(path, "type", f"{path} is not a real calendar date.")

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
        self.check_object(
            value, field.get("fields", DEFAULT_PERSON_FIELDS), f"{path}.", signature_kinds=set()
        )

    def _check_people(self, field: dict[str, Any], value: Any, path: str) -> None:
        if not self._check_items(field, value, path):
            return
        for index, person in enumerate(value):
            self._check_person(field, person, f"{path}[{index}]")


def validate_form(
    form: dict[str, Any],
    service: dict[str, Any],
    catalogue: Catalogue,
    *,
    today: date,
    signature_kinds: set[str],
) -> list[FieldError]:
    """Check ``form`` against the service's schema; return every problem found."""
    validator = FormValidator(catalogue, today=today)
    validator.check_object(
        form, list(form_fields(service)), "form.", signature_kinds=signature_kinds
    )
    return validator.errors


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a non-leap target year
        return day.replace(year=day.year + years, day=28)


def apply_rules(
    form: dict[str, Any], rules: list[dict[str, Any]], *, today: date
) -> list[FieldError]:
    """Apply the registry's cross-field rules to a form that passed field validation."""
    errors: list[FieldError] = []
    for rule in rules:
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

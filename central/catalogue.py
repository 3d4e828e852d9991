"""The service catalogue: loading, its ETag, and look-ups used by validation.

The catalogue is data (``central/data/catalogue.json``): services with their
form schema (``form.pages[].sections[].fields[]`` and ``form.rules``), the
``business_scope`` entries and the ``regions``. It is checked strictly when
loaded, so a typo in a key, a field type, a validator, a condition's option or
a rule's field name fails at start-up rather than while a citizen waits: every
object may hold only the keys central-api.md ("The form schema in detail")
defines for it, plus the sandbox's extensions below, and only on the field
types they mean something for.

Extensions to ``central-api.md`` used here: per field ``prefill``,
``read_only``, ``input`` and ``multiline`` (text fields), ``default`` (a choice
field's preselected option); per scope entry ``requires_text`` and
``permit_service`` (the code of the catalogue's service that applies for the
permit the licensed item needs: 证照联办). Where the document leaves a choice
open, the sandbox takes the strict reading: a relative date bound counts
forwards only (``"+5y"``, ``"+6m"``, ``"+30d"``); ``required_if`` /
``visible_if`` name another field of the same form, which for a person's
sub-field is a sibling sub-field (as the kiosk reads them), with values among
its options if it has any; a person's ``name``, ``document_type`` and
``id_number`` are always asked and required, and its ``mobile`` exactly when
``require_mobile`` is true.
"""

import calendar
import hashlib
import json
import math
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from importlib import resources
from pathlib import Path
from typing import Any

FIELD_TYPES = frozenset(
    {
        "text",
        "number",
        "money",
        "date",
        "choice",
        "multi_choice",
        "region",
        "scope",
        "person",
        "people",
        "signature",
    }
)
#: Types a person's sub-field may have (no person within a person, no signature per person).
SUB_FIELD_TYPES = frozenset({"text", "number", "money", "date", "choice", "multi_choice", "region"})
VALIDATORS = frozenset({"cn_resident_id", "cn_uscc", "cn_mobile"})
FLOWS = frozenset(
    {"application", "name_check", "lookup", "licence_print", "queue_ticket", "feedback"}
)
RULE_KINDS = frozenset({"sum_equals"})
REQUIREMENTS = frozenset({"id_document", "name_reservation"})
REGION_LEVELS = frozenset({"province", "city", "county"})
#: The document types a person may have (central-api.md "Person and people").
DOCUMENT_TYPES = (
    "cn_resident_id",
    "hmt_residence_permit",
    "foreign_permanent_resident",
    "hk_mo_travel_permit",
    "tw_travel_permit",
    "passport",
)
#: The standard keys of every person; the first three are always required.
PERSON_KEYS = ("name", "document_type", "id_number", "mobile")

_DOCUMENT_KEYS = frozenset({"version", "services", "business_scope", "regions"})
_SERVICE_KEYS = frozenset(
    {
        "code",
        "title",
        "summary",
        "category",
        "flow",
        "channels",
        "form",
        "materials",
        "steps",
        "promise_days",
        "requires",
        "online_only",
    }
)
_FORM_KEYS = frozenset({"pages", "rules"})
_PAGE_KEYS = frozenset({"title", "sections"})
_SECTION_KEYS = frozenset({"title", "statement", "fields"})
_OPTION_KEYS = frozenset({"value", "label"})
_RULE_KEYS = {"sum_equals": frozenset({"kind", "message", "items", "item_field", "equals"})}
_SCOPE_KEYS = frozenset({"code", "text", "licensed", "requires", "requires_text", "permit_service"})
_REGION_KEYS = frozenset({"code", "name"})
_MATERIAL_KEYS = frozenset({"code", "title", "required"})
#: Keys every field may have, whatever its type.
_COMMON_FIELD_KEYS = frozenset(
    {"name", "type", "label", "required", "example", "help", "required_if", "visible_if"}
)
_TEXT_EXTENSIONS = frozenset({"prefill", "read_only", "input", "multiline"})
_PERSON_KEYS = frozenset({"fields", "min_age", "require_mobile", "validators"})
#: Keys a field may have beyond the common ones, by type.
_TYPE_KEYS: dict[str, frozenset[str]] = {
    "text": frozenset({"min_length", "max_length", "pattern", "validators", "from_reservation"})
    | _TEXT_EXTENSIONS,
    "number": frozenset({"min", "max", "unit", "integer"}),
    "money": frozenset({"min", "max", "unit", "decimals"}),
    "date": frozenset({"min", "max"}),
    "choice": frozenset({"options", "default"}),
    "multi_choice": frozenset({"options", "min_items", "max_items"}),
    "region": frozenset({"level"}),
    "scope": frozenset({"min_items", "max_items"}),
    "person": _PERSON_KEYS,
    "people": _PERSON_KEYS | {"min_items", "max_items"},
    "signature": frozenset({"attachment_kind"}),
}
_CONDITION_KINDS = ("equals", "in")
_PERIOD = re.compile(r"^\+(\d{1,4})([ymd])$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class CatalogueError(ValueError):
    """The catalogue file is not a usable catalogue."""


@dataclass(frozen=True)
class Catalogue:
    """A loaded catalogue document with its entity tag."""

    document: dict[str, Any]
    body: bytes
    etag: str

    @property
    def version(self) -> str:
        """The catalogue's ``version`` string."""
        return str(self.document["version"])

    def service(self, code: str) -> dict[str, Any] | None:
        """The service with this code, or ``None``."""
        for service in self.document["services"]:
            if service["code"] == code:
                return dict(service)
        return None

    def service_codes(self) -> list[str]:
        """Every service code, in catalogue order."""
        return [str(service["code"]) for service in self.document["services"]]

    def region_name(self, code: str) -> dict[str, str] | None:
        """The ``{"zh", "en"}`` name of a region code in the catalogue, or ``None``."""
        for region in self.document["regions"]:
            if region["code"] == code:
                return dict(region["name"])
        return None

    def scope_entry(self, code: str) -> dict[str, Any] | None:
        """The ``business_scope`` entry with this code, or ``None``."""
        for entry in self.document["business_scope"]:
            if entry["code"] == code:
                return dict(entry)
        return None


def service_flow(service: dict[str, Any]) -> str:
    """Which interface a service uses (``application`` unless it says otherwise)."""
    return str(service.get("flow", "application"))


def form_fields(service: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """The top-level fields of a service's form, in page order."""
    for page in service.get("form", {}).get("pages", []):
        for section in page.get("sections", []):
            yield from section.get("fields", [])


# -- date bounds --------------------------------------------------------------------


def shift(day: date, amount: int, unit: str) -> date:
    """``day`` moved by ``amount`` years ("y"), months ("m") or days ("d").

    A year or month step keeps the day where the target month has it and
    otherwise takes the month's last day (2028-02-29 + 1y = 2029-02-28).
    """
    if unit == "d":
        return day + timedelta(days=amount)
    months = amount * 12 if unit == "y" else amount
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def date_bound_resolver(bound: object) -> Callable[[date], date] | None:
    """How a date field's ``min`` / ``max`` becomes a date given today; ``None`` if it is
    not a bound: a date ``YYYY-MM-DD``, ``"today"``, or ``"+5y"`` / ``"+6m"`` / ``"+30d"``."""
    if not isinstance(bound, str):
        return None
    if bound == "today":
        return lambda today: today
    period = _PERIOD.fullmatch(bound)
    if period is not None:
        amount, unit = int(period.group(1)), period.group(2)
        return lambda today: shift(today, amount, unit)
    if _ISO_DATE.fullmatch(bound) is None:
        return None
    try:
        fixed = date.fromisoformat(bound)
    except ValueError:
        return None
    return lambda _today: fixed


def resolve_date_bound(bound: object, today: date) -> date | None:
    """A date field's bound as a date on ``today`` (``None`` when the field has none)."""
    resolver = date_bound_resolver(bound)
    return None if resolver is None else resolver(today)


# -- checking a catalogue -----------------------------------------------------------


def _is_count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _is_scalar(value: object) -> bool:
    return isinstance(value, str) or _is_number(value)


def _check_keys(where: str, value: object, allowed: frozenset[str], what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise CatalogueError(f"{where}: {what} must be a JSON object")
    unknown = sorted(set(value) - allowed)
    if unknown:
        raise CatalogueError(
            f"{where}: unknown key(s) {', '.join(repr(key) for key in unknown)} in {what}"
        )
    return value


def _check_label(where: str, label: object) -> None:
    if (
        not isinstance(label, dict)
        or set(label) != {"zh", "en"}
        or not all(isinstance(label[lang], str) and label[lang].strip() for lang in ("zh", "en"))
    ):
        raise CatalogueError(f"{where}: needs a label with non-empty zh and en texts (and no more)")


def _check_bool(where: str, owner: dict[str, Any], key: str) -> None:
    if key in owner and not isinstance(owner[key], bool):
        raise CatalogueError(f"{where}.{key}: must be true or false")


def _check_text(where: str, owner: dict[str, Any], key: str) -> None:
    if key in owner and (not isinstance(owner[key], str) or not owner[key].strip()):
        raise CatalogueError(f"{where}.{key}: must be a non-empty string")


def _check_counts(where: str, owner: dict[str, Any], low: str, high: str) -> None:
    for key in (low, high):
        if key in owner and not _is_count(owner[key]):
            raise CatalogueError(f"{where}.{key}: must be a whole number of at least 0")
    if low in owner and high in owner and owner[low] > owner[high]:
        raise CatalogueError(f"{where}: {low} {owner[low]} is above {high} {owner[high]}")


def _check_numeric_bounds(where: str, field: dict[str, Any]) -> None:
    for key in ("min", "max"):
        if key in field and not _is_number(field[key]):
            raise CatalogueError(f"{where}.{key}: a {field['type']} bound must be a number")
    if "min" in field and "max" in field and field["min"] > field["max"]:
        raise CatalogueError(f"{where}: min {field['min']} is above max {field['max']}")


def _check_date_bounds(where: str, field: dict[str, Any]) -> None:
    today = date.today()
    resolved: dict[str, date] = {}
    for key in ("min", "max"):
        if key not in field:
            continue
        resolver = date_bound_resolver(field[key])
        try:
            bound = resolver(today) if resolver is not None else None
        except (OverflowError, ValueError):
            bound = None
        if bound is None:
            raise CatalogueError(
                f'{where}.{key}: expected a date YYYY-MM-DD, "today" or a period from today'
                f' such as "+5y", "+6m" or "+30d", not {field[key]!r}'
            )
        resolved[key] = bound
    if len(resolved) == 2 and resolved["min"] > resolved["max"]:
        raise CatalogueError(f"{where}: min {field['min']!r} comes after max {field['max']!r}")


def _check_validators(where: str, field: dict[str, Any]) -> None:
    validators = field.get("validators", [])
    if not isinstance(validators, list):
        raise CatalogueError(f"{where}.validators: must be a list of validator names")
    for validator in validators:
        if validator not in VALIDATORS:
            raise CatalogueError(f"{where}: unknown validator {validator!r}")
    if len(set(validators)) != len(validators):
        raise CatalogueError(f"{where}.validators: names a validator twice")


def _check_options(where: str, field: dict[str, Any]) -> None:
    options = field.get("options")
    if not isinstance(options, list) or not options:
        raise CatalogueError(f"{where}: a {field['type']} field needs options")
    values: list[Any] = []
    for option in options:
        _check_keys(f"{where} option", option, _OPTION_KEYS, "an option")
        value = option.get("value")
        if not _is_scalar(value):
            raise CatalogueError(f"{where}: option value {value!r} is not a string or number")
        if any(_same(value, seen) for seen in values):
            raise CatalogueError(f"{where}: option value {value!r} is repeated")
        values.append(value)
        _check_label(f"{where} option {value!r}", option.get("label"))


def _same(left: object, right: object) -> bool:
    if _is_number(left) and _is_number(right):
        return left == right
    return type(left) is type(right) and left == right


def _check_field(
    where: str, field: object, names: set[str], *, sub_field: bool = False
) -> dict[str, Any]:
    if not isinstance(field, dict):
        raise CatalogueError(f"{where}: a field must be a JSON object")
    name = field.get("name")
    if not isinstance(name, str) or not name.isidentifier():
        raise CatalogueError(f"{where}: field name {name!r} is not an identifier")
    if name in names:
        raise CatalogueError(f"{where}: field {name!r} appears twice")
    names.add(name)
    where = f"{where}.{name}"
    kind = field.get("type")
    if kind not in FIELD_TYPES:
        raise CatalogueError(f"{where}: unknown field type {kind!r}")
    if sub_field and kind not in SUB_FIELD_TYPES:
        raise CatalogueError(f"{where}: a {kind} field cannot be a sub-field of a person")
    if sub_field and name in PERSON_KEYS and ({"required_if", "visible_if"} & field.keys()):
        raise CatalogueError(
            f"{where}: a person's {name} is always asked; it cannot have required_if / visible_if"
        )
    _check_keys(where, field, _COMMON_FIELD_KEYS | _TYPE_KEYS[kind], f"a {kind} field")
    _check_label(where, field.get("label"))
    if "help" in field:
        _check_label(f"{where}.help", field["help"])
    _check_bool(where, field, "required")
    if kind == "text":
        _check_counts(where, field, "min_length", "max_length")
        if "pattern" in field:
            try:
                re.compile(field["pattern"])
            except (re.error, TypeError) as exc:
                raise CatalogueError(f"{where}.pattern: not a regular expression ({exc})") from exc
        _check_validators(where, field)
        for key in ("from_reservation", "read_only", "multiline"):
            _check_bool(where, field, key)
        for key in ("prefill", "input"):
            _check_text(where, field, key)
    elif kind in ("number", "money"):
        _check_numeric_bounds(where, field)
        _check_text(where, field, "unit")
        if kind == "money" and "unit" not in field:
            raise CatalogueError(f"{where}: a money field needs its unit")
        _check_bool(where, field, "integer")
        _check_counts(where, field, "decimals", "decimals")
    elif kind == "date":
        _check_date_bounds(where, field)
    elif kind in ("choice", "multi_choice"):
        _check_options(where, field)
        if "default" in field and not any(
            _same(field["default"], option["value"]) for option in field["options"]
        ):
            raise CatalogueError(f"{where}.default: {field['default']!r} is not one of its options")
    elif kind == "region" and "level" in field and field["level"] not in REGION_LEVELS:
        raise CatalogueError(f"{where}.level: unknown region level {field['level']!r}")
    elif kind in ("person", "people"):
        _check_person(where, field)
    elif kind == "signature":
        _check_text(where, field, "attachment_kind")
    if kind in ("multi_choice", "scope", "people"):
        _check_counts(where, field, "min_items", "max_items")
    return field


def _check_person(where: str, field: dict[str, Any]) -> None:
    if "min_age" in field and (not _is_count(field["min_age"]) or field["min_age"] > 150):
        raise CatalogueError(f"{where}.min_age: must be a whole number of years (0 to 150)")
    _check_bool(where, field, "require_mobile")
    _check_validators(where, field)
    sub_fields = field.get("fields", [])
    if not isinstance(sub_fields, list):
        raise CatalogueError(f"{where}.fields: must be a list of sub-fields")
    names: set[str] = set()
    siblings: dict[str, dict[str, Any]] = {
        "document_type": {
            "name": "document_type",
            "type": "choice",
            "options": [{"value": value} for value in DOCUMENT_TYPES],
        },
        **{key: {"name": key, "type": "text"} for key in ("name", "id_number", "mobile")},
    }
    for sub_field in sub_fields:
        _check_field(where, sub_field, names, sub_field=True)
        _check_standard_sub_field(f"{where}.{sub_field['name']}", sub_field, field)
        siblings[sub_field["name"]] = sub_field
    # A sub-field's condition names a sibling: each person is a little form of its own.
    for sub_field in sub_fields:
        for key in ("required_if", "visible_if"):
            if key in sub_field:
                at = f"{where}.{sub_field['name']}.{key}"
                _check_condition(at, sub_field[key], sub_field["name"], siblings)


def _check_standard_sub_field(
    where: str, sub_field: dict[str, Any], person: dict[str, Any]
) -> None:
    """A restated standard key keeps its meaning: its type, its document types, required."""
    name = sub_field["name"]
    if name not in PERSON_KEYS:
        return
    expected = "choice" if name == "document_type" else "text"
    if sub_field["type"] != expected:
        raise CatalogueError(f"{where}: a person's {name} is a {expected} field")
    if name == "document_type":
        for option in sub_field["options"]:
            if option["value"] not in DOCUMENT_TYPES:
                raise CatalogueError(
                    f"{where}: {option['value']!r} is not a document type of central-api.md"
                )
    if name != "mobile" and sub_field.get("required", True) is not True:
        raise CatalogueError(f"{where}: a person's {name} is always required")
    require_mobile = person.get("require_mobile", False)
    if name == "mobile" and sub_field.get("required", require_mobile) != require_mobile:
        raise CatalogueError(
            f"{where}: a person's mobile is required exactly when require_mobile is true"
        )


def _check_condition(
    where: str, condition: object, own_name: str, fields: dict[str, dict[str, Any]]
) -> None:
    keys = _check_keys(where, condition, frozenset({"field", *_CONDITION_KINDS}), "a condition")
    kinds = [kind for kind in _CONDITION_KINDS if kind in keys]
    if "field" not in keys or len(kinds) != 1:
        raise CatalogueError(f"{where}: a condition needs 'field' and either 'equals' or 'in'")
    target = _named(fields, keys["field"])
    if target is None or keys["field"] == own_name:
        raise CatalogueError(f"{where}: {keys['field']!r} is not another field of this form")
    if target["type"] in ("person", "people", "scope", "signature"):
        raise CatalogueError(f"{where}: a condition cannot test a {target['type']} field")
    values = [keys["equals"]] if kinds == ["equals"] else keys["in"]
    if not isinstance(values, list) or not values or not all(_is_scalar(v) for v in values):
        raise CatalogueError(f"{where}: a condition compares with strings or numbers")
    if "options" in target:
        for value in values:
            if not any(_same(value, option["value"]) for option in target["options"]):
                raise CatalogueError(f"{where}: {value!r} is not an option of {target['name']}")


def _named(fields: dict[str, dict[str, Any]], name: object) -> dict[str, Any] | None:
    return fields.get(name) if isinstance(name, str) else None


def _check_rule(where: str, rule: object, fields: dict[str, dict[str, Any]]) -> None:
    if not isinstance(rule, dict) or rule.get("kind") not in RULE_KINDS:
        kind = rule.get("kind") if isinstance(rule, dict) else rule
        raise CatalogueError(f"{where}: unknown rule kind {kind!r}")
    _check_keys(where, rule, _RULE_KEYS[rule["kind"]], f"a {rule['kind']} rule")
    _check_label(f"{where}.message", rule.get("message"))
    # sum_equals: items a people field, item_field one of its money/number sub-fields,
    # equals a money/number field of the form.
    items = _named(fields, rule.get("items"))
    if items is None or items["type"] != "people":
        raise CatalogueError(f"{where}.items: {rule.get('items')!r} is not a people field")
    sub_fields = {sub["name"]: sub for sub in items.get("fields", [])}
    item_field = _named(sub_fields, rule.get("item_field"))
    if item_field is None or item_field["type"] not in ("money", "number"):
        raise CatalogueError(
            f"{where}.item_field: {rule.get('item_field')!r} is not a money or number"
            f" sub-field of {items['name']}"
        )
    equals = _named(fields, rule.get("equals"))
    if equals is None or equals["type"] not in ("money", "number"):
        raise CatalogueError(
            f"{where}.equals: {rule.get('equals')!r} is not a money or number field"
        )


def _check_guidance(where: str, entry: object, keys: frozenset[str]) -> None:
    """A material or step: a plain string, a ``{zh, en}`` text, or an object with a title."""
    if isinstance(entry, str):
        if not entry.strip():
            raise CatalogueError(f"{where}: must not be empty")
        return
    if isinstance(entry, dict) and "title" in entry:
        _check_keys(where, entry, keys, "an entry")
        _check_label(f"{where}.title", entry["title"])
        _check_text(where, entry, "code")
        _check_bool(where, entry, "required")
        return
    _check_label(where, entry)


def _check_form(code: str, form: object, requires: list[str]) -> None:
    _check_keys(f"{code}.form", form, _FORM_KEYS, "a form")
    assert isinstance(form, dict)
    pages = form.get("pages")
    if not isinstance(pages, list):
        raise CatalogueError(f"{code}.form: needs a list of pages")
    names: set[str] = set()
    fields: dict[str, dict[str, Any]] = {}
    for number, page in enumerate(pages):
        where = f"{code}.form.pages[{number}]"
        _check_keys(where, page, _PAGE_KEYS, "a page")
        _check_label(f"{where}.title", page.get("title"))
        if not isinstance(page.get("sections"), list):
            raise CatalogueError(f"{where}: needs a list of sections")
        for index, section in enumerate(page["sections"]):
            at = f"{where}.sections[{index}]"
            _check_keys(at, section, _SECTION_KEYS, "a section")
            _check_label(f"{at}.title", section.get("title"))
            if "statement" in section:
                _check_label(f"{at}.statement", section["statement"])
            if not isinstance(section.get("fields"), list):
                raise CatalogueError(f"{at}: needs a list of fields")
            for field in section["fields"]:
                checked = _check_field(code, field, names)
                fields[checked["name"]] = checked
    for name, field in fields.items():
        for key in ("required_if", "visible_if"):
            if key in field:
                _check_condition(f"{code}.{name}.{key}", field[key], name, fields)
    reserved = [name for name, field in fields.items() if field.get("from_reservation")]
    if len(reserved) > 1:
        raise CatalogueError(f"{code}: only one field can be filled from the name reservation")
    if reserved and "name_reservation" not in requires:
        raise CatalogueError(
            f"{code}.{reserved[0]}: filled from the name reservation, so the service must"
            " require 'name_reservation'"
        )
    rules = form.get("rules", [])
    if not isinstance(rules, list):
        raise CatalogueError(f"{code}.form.rules: must be a list of rules")
    for number, rule in enumerate(rules):
        _check_rule(f"{code}.form.rules[{number}]", rule, fields)


def _check_service(service: object, codes: set[str]) -> None:
    code = service.get("code") if isinstance(service, dict) else None
    if not isinstance(code, str) or not code or code in codes:
        raise CatalogueError(f"service code {code!r} is missing or repeated")
    codes.add(code)
    _check_keys(code, service, _SERVICE_KEYS, "a service")
    assert isinstance(service, dict)
    _check_label(code, service.get("title"))
    if "summary" in service:
        _check_label(f"{code}.summary", service["summary"])
    if service_flow(service) not in FLOWS:
        raise CatalogueError(f"{code}: unknown flow {service.get('flow')!r}")
    _check_text(code, service, "category")
    _check_bool(code, service, "online_only")
    if "promise_days" in service and not _is_count(service["promise_days"]):
        raise CatalogueError(f"{code}.promise_days: must be a whole number of at least 0")
    for key in ("channels", "requires"):
        value = service.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise CatalogueError(f"{code}.{key}: must be a list of names")
    for requirement in service.get("requires", []):
        if requirement not in REQUIREMENTS:
            raise CatalogueError(f"{code}.requires: unknown requirement {requirement!r}")
    for key, allowed in (("materials", _MATERIAL_KEYS), ("steps", frozenset({"title"}))):
        entries = service.get(key, [])
        if not isinstance(entries, list):
            raise CatalogueError(f"{code}.{key}: must be a list")
        for number, entry in enumerate(entries):
            _check_guidance(f"{code}.{key}[{number}]", entry, allowed)
    if "form" in service:
        _check_form(code, service["form"], service.get("requires", []))


def _check_permit_service(where: str, entry: dict[str, Any], services: list[Any]) -> None:
    """A licensed item's ``permit_service`` names a service of this catalogue taking applications."""
    if not entry["licensed"]:
        raise CatalogueError(f"{where}.permit_service: only a licensed item needs a permit")
    code = entry["permit_service"]
    service = next((s for s in services if s.get("code") == code), None)
    if service is None or service_flow(service) != "application":
        raise CatalogueError(
            f"{where}.permit_service: {code!r} is not a service of this catalogue taking applications"
        )


def check_catalogue(document: Any) -> None:
    """Raise :class:`CatalogueError` unless ``document`` is a well-formed catalogue."""
    if not isinstance(document, dict):
        raise CatalogueError("the catalogue must be a JSON object")
    _check_keys("the catalogue", document, _DOCUMENT_KEYS, "the catalogue")
    if not isinstance(document.get("version"), str) or not document["version"]:
        raise CatalogueError("the catalogue needs a version string")
    for key in ("services", "business_scope", "regions"):
        if not isinstance(document.get(key), list):
            raise CatalogueError(f"the catalogue needs a {key} list")
    codes: set[str] = set()
    for service in document["services"]:
        _check_service(service, codes)
    scope_codes: set[str] = set()
    for entry in document["business_scope"]:
        code = entry.get("code") if isinstance(entry, dict) else None
        where = f"business_scope {code!r}"
        if not isinstance(code, str) or not code or code in scope_codes:
            raise CatalogueError(f"{where}: code is missing or repeated")
        scope_codes.add(code)
        _check_keys(where, entry, _SCOPE_KEYS, "a business scope entry")
        _check_label(where, entry.get("text"))
        if not isinstance(entry.get("licensed"), bool):
            raise CatalogueError(f"{where}.licensed: must be true or false")
        requires = entry.get("requires")
        if not (
            requires is None
            or (isinstance(requires, str) and requires)
            or (isinstance(requires, list) and all(isinstance(r, str) and r for r in requires))
        ):
            raise CatalogueError(
                f"{where}.requires: must be a licence name, a list of them or null"
            )
        if "requires_text" in entry:
            _check_label(f"{where}.requires_text", entry["requires_text"])
        if "permit_service" in entry:
            _check_permit_service(where, entry, document["services"])
    region_codes: set[str] = set()
    for region in document["regions"]:
        code = region.get("code") if isinstance(region, dict) else None
        if not isinstance(code, str) or len(code) != 6 or not code.isdigit():
            raise CatalogueError(f"region code {code!r} is not six digits")
        if code in region_codes:
            raise CatalogueError(f"region code {code!r} is repeated")
        region_codes.add(code)
        _check_keys(f"region {code}", region, _REGION_KEYS, "a region")
        _check_label(f"region {code}", region.get("name"))


#: Another catalogue file for every command (serve, approve …), e.g. for a test service.
CATALOGUE_ENV = "KIOSK_CENTRAL_CATALOGUE"


def load_catalogue(path: Path | None = None) -> Catalogue:
    """Load and check the catalogue: ``path``, else ``$KIOSK_CENTRAL_CATALOGUE``, else the
    packaged one."""
    if path is None and os.environ.get(CATALOGUE_ENV):
        path = Path(os.environ[CATALOGUE_ENV])
    if path is None:
        raw = resources.files("central.data").joinpath("catalogue.json").read_bytes()
    else:
        raw = path.read_bytes()
    try:
        document = json.loads(raw)
    except ValueError as exc:
        raise CatalogueError(f"the catalogue is not valid JSON: {exc}") from exc
    check_catalogue(document)
    body = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    return Catalogue(document=document, body=body, etag=etag)

"""The service catalogue: loading, its ETag, and look-ups used by validation.

The catalogue is data (``central/data/catalogue.json``): services with their
form schema (``form.pages[].sections[].fields[]``), the ``business_scope``
entries and the ``regions``. It is checked when loaded, so a typo in a field
type or validator name fails at start-up rather than while a citizen waits.

Extensions to ``central-api.md`` used here: per service ``flow`` (which
interface the service uses; absent means ``application``) and ``summary``;
per field ``fields`` (the sub-fields of a ``person`` / ``people``),
``required_if`` (``{"field": name, "equals": v}`` or ``{"field": name,
"in": [...]}``), ``help``, ``prefill``, ``read_only``, ``input`` and
``multiline``; per scope entry ``requires_text``.
"""

import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
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
VALIDATORS = frozenset({"cn_resident_id", "cn_uscc", "cn_mobile"})
FLOWS = frozenset(
    {"application", "name_check", "lookup", "licence_print", "queue_ticket", "feedback"}
)


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


def _check_label(where: str, label: object) -> None:
    if not isinstance(label, dict) or not all(
        isinstance(label.get(lang), str) and label[lang] for lang in ("zh", "en")
    ):
        raise CatalogueError(f"{where}: needs a label with non-empty zh and en texts")


def _check_field(where: str, field: dict[str, Any], names: set[str]) -> None:
    name = field.get("name")
    if not isinstance(name, str) or not name.isidentifier():
        raise CatalogueError(f"{where}: field name {name!r} is not an identifier")
    if name in names:
        raise CatalogueError(f"{where}: field {name!r} appears twice")
    names.add(name)
    where = f"{where}.{name}"
    if field.get("type") not in FIELD_TYPES:
        raise CatalogueError(f"{where}: unknown field type {field.get('type')!r}")
    _check_label(where, field.get("label"))
    for validator in field.get("validators", []):
        if validator not in VALIDATORS:
            raise CatalogueError(f"{where}: unknown validator {validator!r}")
    if field["type"] in ("choice", "multi_choice"):
        options = field.get("options")
        if not isinstance(options, list) or not options:
            raise CatalogueError(f"{where}: a {field['type']} field needs options")
        for option in options:
            _check_label(f"{where} option {option.get('value')!r}", option.get("label"))
    condition = field.get("required_if")
    if condition is not None and (
        not isinstance(condition, dict)
        or "field" not in condition
        or not ({"equals", "in"} & condition.keys())
    ):
        raise CatalogueError(f"{where}: required_if needs 'field' and 'equals' or 'in'")
    if field["type"] in ("person", "people") and "fields" in field:
        sub_names: set[str] = set()
        for sub_field in field["fields"]:
            _check_field(where, sub_field, sub_names)


def check_catalogue(document: Any) -> None:
    """Raise :class:`CatalogueError` unless ``document`` is a well-formed catalogue."""
    if not isinstance(document, dict):
        raise CatalogueError("the catalogue must be a JSON object")
    if not isinstance(document.get("version"), str):
        raise CatalogueError("the catalogue needs a version string")
    for key in ("services", "business_scope", "regions"):
        if not isinstance(document.get(key), list):
            raise CatalogueError(f"the catalogue needs a {key} list")
    codes: set[str] = set()
    for service in document["services"]:
        code = service.get("code")
        if not isinstance(code, str) or code in codes:
            raise CatalogueError(f"service code {code!r} is missing or repeated")
        codes.add(code)
        _check_label(code, service.get("title"))
        if service_flow(service) not in FLOWS:
            raise CatalogueError(f"{code}: unknown flow {service.get('flow')!r}")
        names: set[str] = set()
        for field in form_fields(service):
            _check_field(code, field, names)
    for entry in document["business_scope"]:
        _check_label(f"business_scope {entry.get('code')!r}", entry.get("text"))
    for region in document["regions"]:
        code = region.get("code")
        if not isinstance(code, str) or len(code) != 6 or not code.isdigit():
            raise CatalogueError(f"region code {code!r} is not six digits")
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

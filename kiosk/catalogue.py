"""The service catalogue from the central, parsed into typed, immutable values.

Services are data: a new service appears on the kiosk by changing the catalogue
alone. Parsing is strict about structure (a malformed catalogue raises
`CatalogueError` naming the faulty path, and the kiosk keeps its previous one)
and lenient about extensions (unknown keys are ignored).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from kiosk.errors import CatalogueError

#: Field types the kiosk's form engine can show and validate today. A service
#: whose form uses another type is kept in the catalogue but not offered.
SUPPORTED_FIELD_TYPES = frozenset({"text", "number", "date", "choice"})

#: Kinds of service flow this kiosk release runs. "application" (the default) is a
#: form submitted to /v1/applications; lookups, licence printing, queue tickets and
#: ratings have flows of their own that later releases add.
SUPPORTED_FLOWS = frozenset({"application"})


@dataclass(frozen=True, slots=True)
class Text:
    """A text in Chinese and English."""

    zh: str
    en: str

    def get(self, language: str) -> str:
        """The text in ``language`` ("zh" or "en"), falling back to Chinese."""
        return self.en if language == "en" and self.en else self.zh


@dataclass(frozen=True, slots=True)
class Option:
    value: str
    label: Text


@dataclass(frozen=True, slots=True)
class Field:
    """One field of a form, with its constraints."""

    name: str
    type: str
    label: Text
    required: bool = False
    example: str = ""
    min_length: int | None = None
    max_length: int | None = None
    pattern: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    unit: str = ""
    validators: tuple[str, ...] = ()
    options: tuple[Option, ...] = ()
    prefill: str | None = None
    read_only: bool = False
    input_hint: str = ""
    multiline: bool = False


@dataclass(frozen=True, slots=True)
class Section:
    title: Text
    fields: tuple[Field, ...]


@dataclass(frozen=True, slots=True)
class Page:
    title: Text
    sections: tuple[Section, ...]

    @property
    def fields(self) -> tuple[Field, ...]:
        return tuple(f for s in self.sections for f in s.fields)


@dataclass(frozen=True, slots=True)
class FormSchema:
    pages: tuple[Page, ...]

    @property
    def fields(self) -> tuple[Field, ...]:
        return tuple(f for p in self.pages for f in p.fields)

    def field(self, name: str) -> Field:
        for candidate in self.fields:
            if candidate.name == name:
                return candidate
        raise KeyError(name)


@dataclass(frozen=True, slots=True)
class Service:
    """A service citizens can choose on the kiosk."""

    code: str
    title: Text
    summary: Text
    category: str
    channels: tuple[str, ...]
    promise_days: int | None
    requires: tuple[str, ...]
    online_only: bool
    form: FormSchema | None
    steps: tuple[Text, ...]
    materials: tuple[Text, ...]
    flow: str = "application"

    @property
    def offered_on_kiosk(self) -> bool:
        """True when this kiosk can run the service from the catalogue alone."""
        if self.flow not in SUPPORTED_FLOWS or "kiosk" not in self.channels:
            return False
        if self.form is None or not self.form.pages:
            return False
        return all(f.type in SUPPORTED_FIELD_TYPES for f in self.form.fields)


@dataclass(frozen=True, slots=True)
class Catalogue:
    version: str
    services: tuple[Service, ...]

    def service(self, code: str) -> Service:
        for service in self.services:
            if service.code == code:
                return service
        raise KeyError(code)

    @property
    def offered(self) -> tuple[Service, ...]:
        return tuple(s for s in self.services if s.offered_on_kiosk)


def parse_catalogue(data: Any) -> Catalogue:
    """Parse the central's catalogue JSON (already decoded) into a `Catalogue`.

    Raises:
        CatalogueError: the structure is wrong; the message names the path.
    """
    root = _mapping(data, "catalogue")
    version = _string(root.get("version"), "catalogue.version")
    services_raw = _sequence(root.get("services"), "catalogue.services")
    services = tuple(
        _service(item, f"catalogue.services[{i}]") for i, item in enumerate(services_raw)
    )
    codes = [s.code for s in services]
    duplicates = sorted({c for c in codes if codes.count(c) > 1})
    if duplicates:
        raise CatalogueError(f"catalogue.services: duplicate service codes {duplicates}")
    return Catalogue(version=version, services=services)


def _service(data: Any, path: str) -> Service:
    raw = _mapping(data, path)
    form_raw = raw.get("form")
    form = _form(form_raw, f"{path}.form") if form_raw is not None else None
    promise = raw.get("promise_days")
    if promise is not None and (not isinstance(promise, int) or isinstance(promise, bool)):
        raise CatalogueError(f"{path}.promise_days: expected a whole number")
    return Service(
        code=_string(raw.get("code"), f"{path}.code"),
        title=_text(raw.get("title"), f"{path}.title"),
        summary=_text(raw.get("summary", {"zh": "", "en": ""}), f"{path}.summary"),
        category=str(raw.get("category", "")),
        flow=str(raw.get("flow", "application")),
        channels=tuple(_strings(raw.get("channels", []), f"{path}.channels")),
        promise_days=promise,
        requires=tuple(_strings(raw.get("requires", []), f"{path}.requires")),
        online_only=bool(raw.get("online_only", False)),
        form=form,
        steps=tuple(
            _text(s, f"{path}.steps[{i}]")
            for i, s in enumerate(_sequence(raw.get("steps", []), f"{path}.steps"))
        ),
        materials=tuple(
            _text(s, f"{path}.materials[{i}]")
            for i, s in enumerate(_sequence(raw.get("materials", []), f"{path}.materials"))
        ),
    )


def _form(data: Any, path: str) -> FormSchema:
    raw = _mapping(data, path)
    pages = []
    for i, page_raw in enumerate(_sequence(raw.get("pages"), f"{path}.pages")):
        page_path = f"{path}.pages[{i}]"
        page = _mapping(page_raw, page_path)
        sections = []
        for j, section_raw in enumerate(_sequence(page.get("sections"), f"{page_path}.sections")):
            section_path = f"{page_path}.sections[{j}]"
            section = _mapping(section_raw, section_path)
            fields = tuple(
                _field(f, f"{section_path}.fields[{k}]")
                for k, f in enumerate(_sequence(section.get("fields"), f"{section_path}.fields"))
            )
            sections.append(
                Section(_text(section.get("title", {"zh": "", "en": ""}), section_path), fields)
            )
        pages.append(Page(_text(page.get("title"), f"{page_path}.title"), tuple(sections)))
    schema = FormSchema(tuple(pages))
    names = [f.name for f in schema.fields]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise CatalogueError(f"{path}: duplicate field names {duplicates}")
    return schema


def _field(data: Any, path: str) -> Field:
    raw = _mapping(data, path)
    pattern = raw.get("pattern")
    if pattern is not None:
        _string(pattern, f"{path}.pattern")
        try:
            re.compile(pattern)
        except re.error as exc:
            raise CatalogueError(f"{path}.pattern: not a valid regular expression ({exc})") from exc
    options = tuple(
        Option(
            value=str(_mapping(o, f"{path}.options[{i}]").get("value")),
            label=_text(_mapping(o, f"{path}.options[{i}]").get("label"), f"{path}.options[{i}]"),
        )
        for i, o in enumerate(_sequence(raw.get("options", []), f"{path}.options"))
    )
    return Field(
        name=_string(raw.get("name"), f"{path}.name"),
        type=_string(raw.get("type"), f"{path}.type"),
        label=_text(raw.get("label"), f"{path}.label"),
        required=bool(raw.get("required", False)),
        example=str(raw.get("example", "")),
        min_length=_optional_int(raw.get("min_length"), f"{path}.min_length"),
        max_length=_optional_int(raw.get("max_length"), f"{path}.max_length"),
        pattern=pattern,
        minimum=_optional_number(raw.get("min"), f"{path}.min"),
        maximum=_optional_number(raw.get("max"), f"{path}.max"),
        unit=str(raw.get("unit", "")),
        validators=tuple(_strings(raw.get("validators", []), f"{path}.validators")),
        options=options,
        prefill=raw.get("prefill") if isinstance(raw.get("prefill"), str) else None,
        read_only=bool(raw.get("read_only", False)),
        input_hint=str(raw.get("input", "")),
        multiline=bool(raw.get("multiline", False)),
    )


def _mapping(value: Any, path: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise CatalogueError(f"{path}: expected an object")
    return value


def _sequence(value: Any, path: str) -> Sequence[Any]:
    if not isinstance(value, list):
        raise CatalogueError(f"{path}: expected a list")
    return value


def _string(value: Any, path: str) -> str:
    if not isinstance(value, str) or not value:
        raise CatalogueError(f"{path}: expected a non-empty string")
    return value


def _strings(value: Any, path: str) -> list[str]:
    return [_string(v, f"{path}[{i}]") for i, v in enumerate(_sequence(value, path))]


def _text(value: Any, path: str) -> Text:
    raw = _mapping(value, path)
    zh, en = raw.get("zh", ""), raw.get("en", "")
    if not isinstance(zh, str) or not isinstance(en, str):
        raise CatalogueError(f"{path}: zh and en must be strings")
    return Text(zh=zh, en=en)


def _optional_int(value: Any, path: str) -> int | None:
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise CatalogueError(f"{path}: expected a whole number ≥ 0")
    return value


def _optional_number(value: Any, path: str) -> float | None:
    if value is None:
        return None
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise CatalogueError(f"{path}: expected a number")
    return float(value)

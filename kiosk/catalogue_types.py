"""The catalogue's declared schema: typed, immutable values decoded by msgspec.

Why msgspec (over pydantic): its ``Struct`` is frozen, slotted and typed for
mypy, decoding checks types strictly (no "1" for 1, no ``true`` for 1) and its
errors name the path (``$.form.pages[0]...``), which is what a technician
reads; it is one small C extension with no dependencies, where pydantic brings
a large runtime and coerces by default. Unknown keys are ignored (msgspec's
default), as central-api.md requires.

Texts accept ``{"zh", "en"}`` or a plain string; materials and steps accept each
of the forms the document gives. These custom shapes go through `decode_hook`.
Meaning checks (unknown types, bad patterns, conditions naming no field) are not
here but in `kiosk.catalogue_checks`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any

import msgspec

from kiosk.catalogue_checks import support_reasons
from kiosk.forms import kinds

_NonNegative = Annotated[int, msgspec.Meta(ge=0)]
#: A JSON scalar as an option value or a condition operand ("rating": 5).
Scalar = str | int | float | bool | None


class Text:
    """A text in Chinese and English (immutable)."""

    __slots__ = ("en", "zh")
    zh: str
    en: str

    def __init__(self, zh: str, en: str = "") -> None:
        object.__setattr__(self, "zh", zh)
        object.__setattr__(self, "en", en)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Text is immutable ({name})")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Text) and (self.zh, self.en) == (other.zh, other.en)

    def __hash__(self) -> int:
        return hash((self.zh, self.en))

    def __repr__(self) -> str:
        return f"Text({self.zh!r}, {self.en!r})"

    def __reduce__(self) -> tuple[type[Text], tuple[str, str]]:
        # copy, deepcopy and pickle rebuild through __init__ (setattr is refused).
        return (Text, (self.zh, self.en))

    def get(self, language: str) -> str:
        """The text in ``language`` ("zh" or "en"), falling back to Chinese."""
        return self.en if language == "en" and self.en else self.zh


EMPTY_TEXT = Text("", "")


class Material:
    """A material the citizen is told to bring: ``{"code"?, "title", "required"?}``."""

    __slots__ = ("code", "required", "title")
    code: str | None
    title: Text
    required: bool | None

    def __init__(self, title: Text, code: str | None = None, required: bool | None = None) -> None:
        object.__setattr__(self, "title", title)
        object.__setattr__(self, "code", code)
        object.__setattr__(self, "required", required)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Material is immutable ({name})")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Material) and (self.title, self.code, self.required) == (
            other.title,
            other.code,
            other.required,
        )

    def __hash__(self) -> int:
        return hash((self.title, self.code, self.required))

    def __repr__(self) -> str:
        return f"Material({self.title!r}, code={self.code!r}, required={self.required!r})"

    def __reduce__(self) -> tuple[type[Material], tuple[Text, str | None, bool | None]]:
        return (Material, (self.title, self.code, self.required))

    # The receipt lists materials as texts: a material reads as its title.
    @property
    def zh(self) -> str:
        return self.title.zh

    @property
    def en(self) -> str:
        return self.title.en

    def get(self, language: str) -> str:
        return self.title.get(language)


def decode_hook(kind: type, value: Any) -> Any:
    """msgspec's hook for the shapes a Struct cannot declare (texts, materials)."""
    if kind is Text:
        return _text(value)
    if kind is Material:
        if isinstance(value, dict) and "title" in value:
            code, required = value.get("code"), value.get("required")
            if code is not None and not isinstance(code, str):
                raise ValueError("code: expected a string")
            if required is not None and not isinstance(required, bool):
                raise ValueError("required: expected true or false")
            return Material(_text(value["title"]), code, required)
        return Material(_text(value))
    raise NotImplementedError(kind)


def _text(value: Any) -> Text:
    if isinstance(value, str):
        return Text(value, "")
    if isinstance(value, dict):
        if "title" in value and "zh" not in value and "en" not in value:
            return _text(value["title"])  # a step as {"title": {zh, en}}
        zh, en = value.get("zh", ""), value.get("en", "")
        if not isinstance(zh, str) or not isinstance(en, str):
            raise ValueError("zh and en must be strings")
        return Text(zh, en)
    raise ValueError("expected a text: {zh, en} or a string")


class Option(msgspec.Struct, frozen=True):
    value: Scalar
    label: Text = EMPTY_TEXT


class Condition(msgspec.Struct, frozen=True):
    """``{"field": NAME, "equals": VALUE}`` or ``{"field": NAME, "in": [...]}``."""

    field: str
    equals: Any = msgspec.UNSET
    among: list[Any] | msgspec.UnsetType = msgspec.field(default=msgspec.UNSET, name="in")

    @property
    def kind(self) -> str | None:
        """The kind, "equals" or "in"; None when the condition is neither (not a kind the kiosk knows)."""
        if self.equals is not msgspec.UNSET:
            return "equals"
        if self.among is not msgspec.UNSET:
            return "in"
        return None


#: A date bound: "YYYY-MM-DD", "today" or "+5y"/"-18y"/"+6m"/"+30d"; a number otherwise.
Bound = int | float | str | None


class Field(msgspec.Struct, frozen=True):
    """One field of a form, with every key of central-api.md and the sandbox's extensions."""

    name: str
    type: str = ""
    label: Text = EMPTY_TEXT
    required: bool = False
    example_value: Any = msgspec.field(default=None, name="example")
    help: Text = EMPTY_TEXT
    min_length: _NonNegative | None = None
    max_length: _NonNegative | None = None
    pattern: str | None = None
    minimum: Bound = msgspec.field(default=None, name="min")
    maximum: Bound = msgspec.field(default=None, name="max")
    unit: str = ""
    integer: bool = False
    decimals: _NonNegative | None = None
    validators: tuple[str, ...] = ()
    options: tuple[Option, ...] = ()
    min_items: _NonNegative | None = None
    max_items: _NonNegative | None = None
    required_if: Condition | None = None
    visible_if: Condition | None = None
    level: str | None = None
    from_reservation: bool = False
    attachment_kind: str = "signature"
    fields: tuple[Field, ...] = ()
    min_age: _NonNegative | None = None
    require_mobile: bool = False
    # The sandbox's extensions, read leniently.
    prefill: str | None = None
    read_only: bool = False
    input_hint: str = msgspec.field(default="", name="input")
    multiline: bool = False
    default: Any = None
    """A choice field's preselected option (the sandbox's extension; one that is not an
    option preselects nothing)."""

    @property
    def example(self) -> str:
        """The example as shown to the citizen (the catalogue may give any JSON)."""
        value = self.example_value
        if value is None:
            return ""
        if isinstance(value, str):
            return value
        return msgspec.json.encode(value).decode()

    def sub_field(self, name: str) -> Field | None:
        """A person's sub-field ``name`` as the catalogue states it, if it does."""
        return next((f for f in self.fields if f.name == name), None)


class Section(msgspec.Struct, frozen=True):
    title: Text = EMPTY_TEXT
    fields: tuple[Field, ...] = ()
    statement: Text | None = None


class Page(msgspec.Struct, frozen=True):
    title: Text = EMPTY_TEXT
    sections: tuple[Section, ...] = ()

    @property
    def fields(self) -> tuple[Field, ...]:
        return tuple(f for s in self.sections for f in s.fields)


class Rule(msgspec.Struct, frozen=True):
    """A check across fields; ``sum_equals`` uses items, item_field and equals."""

    kind: str
    message: Text = EMPTY_TEXT
    items: str | None = None
    item_field: str | None = None
    equals: str | None = None


class FormSchema(msgspec.Struct, frozen=True):
    pages: tuple[Page, ...] = ()
    rules: tuple[Rule, ...] = ()

    @property
    def fields(self) -> tuple[Field, ...]:
        return tuple(f for p in self.pages for f in p.fields)

    def field(self, name: str) -> Field:
        for candidate in self.fields:
            if candidate.name == name:
                return candidate
        raise KeyError(name)

    def page_of(self, name: str) -> int:
        """The index of the page holding field ``name``."""
        for index, page in enumerate(self.pages):
            if any(f.name == name for f in page.fields):
                return index
        raise KeyError(name)

    def located_fields(self) -> Iterator[tuple[str, Field]]:
        """Every field with its catalogue path (``pages[1].sections[0].fields[2]``)."""
        for i, page in enumerate(self.pages):
            for j, section in enumerate(page.sections):
                for k, spec in enumerate(section.fields):
                    yield f"pages[{i}].sections[{j}].fields[{k}]", spec


class ScopeItem(msgspec.Struct, frozen=True):
    """An entry of the business-scope catalogue; ``requires`` names the licence needed."""

    code: str
    text: Text = EMPTY_TEXT
    licensed: bool = False
    requires: str | list[str] | None = None
    permit_service: Any = None
    """The code of the catalogue's service that applies for the permit this licensed item
    needs (an extension, read leniently: anything but a string names nothing)."""


class Region(msgspec.Struct, frozen=True):
    """A GB/T 2260 division; the level is derived from the code when not given."""

    code: Annotated[str, msgspec.Meta(pattern=r"^\d{6}$")]
    name: Text = EMPTY_TEXT
    given_level: str | None = msgspec.field(default=None, name="level")

    @property
    def level(self) -> str:
        if self.given_level in kinds.REGION_LEVELS:
            return self.given_level
        return level_of_code(self.code)


def level_of_code(code: str) -> str:
    """GB/T 2260: ``xx0000`` a province, ``xxxx00`` a city, anything else a county."""
    if code.endswith("0000"):
        return "province"
    if code.endswith("00"):
        return "city"
    return "county"


class Service(msgspec.Struct, frozen=True):
    """A service of the catalogue; ``not_offered`` says why the kiosk does not offer it."""

    code: str
    title: Text
    summary: Text = EMPTY_TEXT
    category: str = ""
    channels: tuple[str, ...] = ()
    flow: str = "application"
    promise_days: _NonNegative | None = None
    requires: tuple[str, ...] = ()
    online_only: bool = False
    form: FormSchema | None = None
    steps: tuple[Text, ...] = ()
    materials: tuple[Material, ...] = ()
    # What is wrong with the service's data (malformed, unknown kinds), set by the
    # parser after decoding (a central's key of this name is overwritten).
    defects: tuple[str, ...] = ()

    @property
    def not_offered(self) -> tuple[str, ...]:
        """Why the kiosk does not offer this service, each with its path; () when it does.

        The catalogue's own defects, then what this kiosk cannot run yet (read
        from the registry now, so a kind registered later counts).
        """
        return self.defects + support_reasons(self)

    @property
    def offered_on_kiosk(self) -> bool:
        return not self.not_offered


class Catalogue(msgspec.Struct, frozen=True):
    version: str
    services: tuple[Service, ...] = ()
    business_scope: tuple[ScopeItem, ...] = ()
    regions: tuple[Region, ...] = ()

    def service(self, code: str) -> Service:
        for service in self.services:
            if service.code == code:
                return service
        raise KeyError(code)

    @property
    def offered(self) -> tuple[Service, ...]:
        return tuple(s for s in self.services if s.offered_on_kiosk)

    def scope_texts(self) -> dict[str, Text]:
        return {item.code: item.text for item in self.business_scope}

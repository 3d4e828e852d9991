"""A citizen's answers to one catalogue form, page by page, as JSON values.

`FormSession` holds each field's value as central-api.md gives it by type
(text → str, number → int/float, money → decimal string, person → object,
people → list of objects …), knows which came from the identity document,
validates a page or the whole form (problems carry paths such as
``shareholders[2].id_number``), and produces the ``form`` object the central
expects: hidden and empty fields left out. A ``signature`` is not a value but
an attachment, supplied through `set_attachment` by the signature step.

The text API (`set_value`, `value`) serves today's line-edit screens; the typed
setters (`set_json`, the list operations) serve the widgets of the other types.
"""

from __future__ import annotations

import base64
import copy
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from kiosk.catalogue_types import Catalogue, Field, FormSchema, Page, Region, ScopeItem
from kiosk.forms.conditions import is_required, same, visible_names
from kiosk.forms.money import canonical
from kiosk.forms.paths import Step, parse_path
from kiosk.forms.person import check_person, person_fields, shown_keys
from kiosk.forms.rules import rule_problems
from kiosk.forms.scalars import Context, is_empty, options_of, to_number
from kiosk.forms.validation import FieldProblem, normalise
from kiosk.forms.values import check_value

#: The attachment saying whose documents were read here and who is left for the
#: central's real-name verification (paths into ``form``).
IDENTITY_CHECKS = "identity_checks"

_LISTS = frozenset({"multi_choice", "scope", "people"})


@dataclass(frozen=True, slots=True)
class Attachment:
    """A file that goes with the application (a signature image)."""

    kind: str
    media_type: str
    data: bytes


class FormSession:
    """The values of one form being filled in."""

    def __init__(
        self,
        schema: FormSchema,
        prefill: Mapping[str, str] | None = None,
        *,
        catalogue: Catalogue | None = None,
        today: Callable[[], date] = date.today,
    ) -> None:
        self.schema = schema
        self._today = today
        self._regions = {r.code: r for r in catalogue.regions} if catalogue else {}
        self._scope = {s.code: s for s in catalogue.business_scope} if catalogue else {}
        self._values: dict[str, Any] = {f.name: _initial(f) for f in schema.fields}
        self._attachments: dict[str, Attachment] = {}
        self._identified: dict[tuple[str, str], str] = {}
        self._reserved: set[str] = set()
        self.prefilled: frozenset[str] = frozenset()
        if prefill:
            filled = set()
            for spec in schema.fields:
                source = spec.prefill
                if source and prefill.get(source) and spec.type == "text":
                    self._values[spec.name] = normalise(spec, prefill[source])
                    filled.add(spec.name)
            self.prefilled = frozenset(filled)

    @property
    def pages(self) -> tuple[Page, ...]:
        return self.schema.pages

    # -- reading ------------------------------------------------------------------
    def value(self, name: str) -> str:
        """The value as text: what a line edit shows, and the review reads out.

        ``name`` may be a path into a person (``shareholders[1].name``)."""
        if name in self._values:
            return display(self.schema.field(name), self._values[name])
        return display(self.field_at(name), self.json_value(name))

    def field_at(self, path: str) -> Field:
        """The field (or a person's sub-field) a path names: ``shareholders[1].name``."""
        steps = parse_path(path)
        spec = self.schema.field(str(steps[0]))
        key = next((s for s in steps[1:] if isinstance(s, str)), None)
        if key is None:
            return spec
        return next(f for f in person_fields(spec) if f.name == key)

    def json_value(self, path: str) -> Any:
        """The JSON value at ``path`` (``shareholders[1].name``); None when there is none."""
        current: Any = self._values
        for step in parse_path(path):
            if isinstance(step, int):
                ok = isinstance(current, list) and 0 <= step < len(current)
                current = current[step] if ok else None
            else:
                current = current.get(step) if isinstance(current, dict) else None
        return copy.deepcopy(current)

    def values(self) -> dict[str, Any]:
        return copy.deepcopy(self._values)

    def regions(self, level: str | None = None) -> tuple[Region, ...]:
        """The catalogue's regions (at ``level``), in catalogue order, for a region picker."""
        return tuple(r for r in self._regions.values() if level is None or r.level == level)

    def region(self, code: str) -> Region | None:
        return self._regions.get(code)

    @property
    def scope_items(self) -> tuple[ScopeItem, ...]:
        """The catalogue's business-scope phrases, for the scope picker and the review."""
        return tuple(self._scope.values())

    def today(self) -> date:
        """The session's today (date bounds, ages)."""
        return self._today()

    def is_locked(self, spec: Field) -> bool:
        """A read-only field filled from the document, or a field filled from the name
        reservation, cannot be edited by hand."""
        return (spec.read_only and spec.name in self.prefilled) or spec.name in self._reserved

    def reserved_fields(self) -> tuple[Field, ...]:
        """The text fields the name reservation fills (``from_reservation``)."""
        return tuple(f for f in self.schema.fields if f.from_reservation and f.type == "text")

    def fill_reserved(self, name: str, full_name: str) -> tuple[FieldProblem, ...]:
        """Fill field ``name`` with the reserved name and lock it; the problems the name
        has for this field (a pattern it does not match), in which case nothing is filled."""
        spec = self.schema.field(name)
        problems = check_value(spec, full_name, self._context())
        if not problems:
            self._values[name] = full_name
            self._reserved.add(name)
        return tuple(problems)

    def visible(self, name: str) -> bool:
        """Whether field ``name`` is shown (its ``visible_if`` holds, or it has none)."""
        return name in visible_names(self.schema.fields, self._values)

    # -- writing ------------------------------------------------------------------
    def set_value(self, name: str, raw: str) -> None:
        """What the citizen typed into field ``name`` (or a person's entry), normalised
        and typed."""
        if name not in self._values:
            sub = self.field_at(name)
            self.set_json(name, _from_text(sub, normalise(sub, raw)))
            return
        spec = self.schema.field(name)
        if self.is_locked(spec):
            return
        self._values[name] = _from_text(spec, normalise(spec, raw))

    def set_json(self, path: str, value: Any) -> None:
        """Set the JSON value at ``path``: a field name, or into a person or a list."""
        steps = parse_path(path)
        name = str(steps[0])
        spec = self.schema.field(name)
        if self.is_locked(spec):
            return
        if len(steps) == 1:
            self._values[name] = _tidy(spec, copy.deepcopy(value))
            return
        root = self._values.get(name)
        if root is None or is_empty(root):
            root = [] if spec.type in _LISTS else {}
        self._values[name] = _set_in(spec, root, steps[1:], copy.deepcopy(value))

    def add_item(self, name: str, item: Any = None) -> int:
        """Append a person (or an item) to list field ``name``; its index."""
        items = self._list(name)
        items.append(_tidy_item(self.schema.field(name), {} if item is None else item))
        return len(items) - 1

    def replace_item(self, name: str, index: int, item: Any) -> None:
        items = self._list(name)
        items[index] = _tidy_item(self.schema.field(name), copy.deepcopy(item))

    def remove_item(self, name: str, index: int) -> None:
        del self._list(name)[index]

    def move_item(self, name: str, index: int, to: int) -> None:
        """Move item ``index`` to position ``to`` (the first of a scope is the main item)."""
        items = self._list(name)
        items.insert(to, items.pop(index))

    def set_attachment(self, name: str, media_type: str, data: bytes) -> None:
        """The signature step's hook: the image signed for ``signature`` field ``name``."""
        spec = self.schema.field(name)
        self._attachments[name] = Attachment(spec.attachment_kind, media_type, data)

    def signed(self, name: str) -> bool:
        """True once signature field ``name`` has its image."""
        return name in self._attachments

    def clear_attachment(self, name: str) -> None:
        self._attachments.pop(name, None)

    def _list(self, name: str) -> list[Any]:
        spec = self.schema.field(name)
        if spec.type not in _LISTS:
            raise TypeError(f"{name} is a {spec.type} field, not a list")
        current = self._values.get(name)
        if not isinstance(current, list):
            current = []
            self._values[name] = current
        return current

    # -- checking -----------------------------------------------------------------
    def page_problems(self, index: int) -> tuple[FieldProblem, ...]:
        page = self.schema.pages[index]
        shown = self._shown_values()
        context = self._context()
        on_page = {f.name for f in page.fields}
        problems: list[FieldProblem] = []
        for spec in page.fields:
            if spec.name not in shown:
                continue  # a hidden field is not checked (and not sent)
            required = is_required(spec, shown)
            if spec.type == "signature":
                if required and spec.name not in self._attachments:
                    problems.append(FieldProblem(spec.name, "required"))
                continue
            problems += check_value(spec, shown[spec.name], context, required=required)
        problems += [p for p in rule_problems(self.schema, shown) if p.name in on_page]
        return tuple(problems)

    def problems(self) -> tuple[FieldProblem, ...]:
        return tuple(p for i in range(len(self.pages)) for p in self.page_problems(i))

    def person_problems(self, path: str) -> tuple[FieldProblem, ...]:
        """The problems of the one person at ``path`` (``shareholders[2]``, ``manager``)."""
        spec = self.field_at(path)
        person = self.json_value(path)
        # An empty person: each of their required entries is named, not the whole.
        problems = check_person(spec, {} if person is None else person, self._context(), path)
        if spec.type == "people" and isinstance(person, dict):
            problems += self._duplicate(path, person)
        return tuple(problems)

    def _duplicate(self, path: str, person: Any) -> list[FieldProblem]:
        """The same document twice in one list is one person entered twice."""
        steps = parse_path(path)
        others = self._values.get(str(steps[0])) or []
        key = (person.get("document_type"), person.get("id_number"))
        for index, other in enumerate(others):
            same_one = len(steps) > 1 and index == steps[1]
            if same_one or not isinstance(other, dict):
                continue
            if (other.get("document_type"), other.get("id_number")) == key:
                return [FieldProblem(f"{path}.id_number", "duplicate")]
        return []

    # -- who was identified here ---------------------------------------------------
    def mark_identified(self, document_type: str, id_number: str, name: str) -> None:
        """A document with this number, in this name, was read at the kiosk in this session."""
        self._identified[(document_type, id_number.upper())] = name

    def is_identified(self, person: Any) -> bool:
        """True when the person's document was read here (not only typed), name and all."""
        if not isinstance(person, dict):
            return False
        key = (str(person.get("document_type", "")), str(person.get("id_number", "")).upper())
        return key in self._identified and self._identified[key] == person.get("name")

    def persons(self) -> list[tuple[str, dict[str, Any]]]:
        """Every person the visible fields hold, with its path, in form order."""
        found: list[tuple[str, dict[str, Any]]] = []
        for name, value in self._shown_values().items():
            spec = self.schema.field(name)
            if spec.type == "person" and isinstance(value, dict) and value:
                found.append((name, value))
            elif spec.type == "people" and isinstance(value, list):
                found += [(f"{name}[{i}]", p) for i, p in enumerate(value) if isinstance(p, dict)]
        return found

    def still_to_identify(self) -> list[tuple[str, dict[str, Any]]]:
        """The persons whose document was not read here: the central verifies them."""
        return [(path, p) for path, p in self.persons() if not self.is_identified(p)]

    def first_page_with_problems(self) -> int | None:
        for index in range(len(self.pages)):
            if self.page_problems(index):
                return index
        return None

    def _shown_values(self) -> dict[str, Any]:
        shown = visible_names(self.schema.fields, self._values)
        return {name: value for name, value in self._values.items() if name in shown}

    def _context(self) -> Context:
        return Context(self._today(), self._regions or None, self._scope or None)

    # -- sending ------------------------------------------------------------------
    def payload(self) -> dict[str, Any]:
        """The ``form`` object of the application: typed values, hidden and empty left out."""
        out: dict[str, Any] = {}
        for name, value in self._shown_values().items():
            spec = self.schema.field(name)
            if spec.type == "signature" or is_empty(value):
                continue
            out[name] = _sent(spec, value)
        return out

    def attachments(self) -> list[dict[str, str]]:
        """The application's ``attachments``: the signatures of the visible fields, and
        which persons' documents were read here (``identity_checks``) when it names any."""
        shown = visible_names(self.schema.fields, self._values)
        files = [a for name, a in self._attachments.items() if name in shown]
        persons = self.persons()
        if persons:
            checks = {
                "read_at_kiosk": [path for path, p in persons if self.is_identified(p)],
                "to_verify": [path for path, p in persons if not self.is_identified(p)],
            }
            body = json.dumps(checks, separators=(",", ":")).encode()
            files.append(Attachment(IDENTITY_CHECKS, "application/json", body))
        return [
            {
                "kind": a.kind,
                "media_type": a.media_type,
                "data": base64.b64encode(a.data).decode("ascii"),
            }
            for a in files
        ]

    def clear(self) -> None:
        """Forget every value (the session is over)."""
        for spec in self.schema.fields:
            self._values[spec.name] = _empty(spec)
        self._attachments.clear()
        self._identified.clear()
        self._reserved.clear()
        self.prefilled = frozenset()


def _empty(spec: Field) -> Any:
    # Text fields start as "" (what the line edits show); the others as nothing.
    return "" if spec.type == "text" else None


def _initial(spec: Field) -> Any:
    """A new form's value: a choice's ``default`` when it is one of its options, else empty."""
    if spec.type == "choice" and spec.default is not None:
        chosen = [o.value for o in spec.options if same(o.value, spec.default)]
        if chosen:
            return chosen[0]
    return _empty(spec)


def _from_text(spec: Field, text: str) -> Any:
    """A typed line's text as the field's JSON value; kept as typed when it does not read."""
    if not text:
        return _empty(spec)
    if spec.type == "number":
        number = to_number(text)
        return text if number is None else number
    if spec.type == "choice":
        return next((o for o in options_of(spec) if same(o, text)), text)
    if spec.type == "money":
        return text.replace(",", "").replace("，", "")
    return text


def _tidy(spec: Field, value: Any) -> Any:
    """A widget's value as stored: amounts as decimal strings, persons' texts normalised."""
    if spec.type == "money":
        return canonical(value)
    if spec.type == "text" and isinstance(value, str):
        return normalise(spec, value)
    if spec.type == "person":
        return _tidy_person(spec, value)
    if spec.type == "people" and isinstance(value, list):
        return [_tidy_person(spec, p) for p in value]
    return value


def _tidy_item(spec: Field, item: Any) -> Any:
    return _tidy_person(spec, item) if spec.type == "people" else item


def _tidy_person(spec: Field, person: Any) -> Any:
    if not isinstance(person, dict):
        return person
    subs = {f.name: f for f in person_fields(spec)}
    return {key: _tidy_sub(subs.get(key), key, v) for key, v in person.items()}


def _tidy_sub(sub: Field | None, key: str, value: Any) -> Any:
    if isinstance(value, str):
        text = " ".join(value.split()).translate(_FULLWIDTH)
        if key == "id_number":
            return text.replace(" ", "").upper()
        if key == "mobile":
            return text.replace(" ", "").replace("-", "")
        if sub is not None and sub.type == "text":
            return normalise(sub, value)
        return text
    if sub is not None and sub.type == "money":
        return canonical(value)
    return value


_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")


def _set_in(spec: Field, root: Any, steps: tuple[Step, ...], value: Any) -> Any:
    """``root`` with ``value`` put at ``steps`` (creating persons on the way)."""
    step, rest = steps[0], steps[1:]
    if isinstance(step, int):
        items = root if isinstance(root, list) else []
        while len(items) <= step:
            items.append({} if spec.type == "people" else None)
        items[step] = _set_in(spec, items[step], rest, value) if rest else _tidy_item(spec, value)
        return items
    person = root if isinstance(root, dict) else {}
    if rest:
        person[step] = _set_in(spec, person.get(step), rest, value)
    else:
        subs = {f.name: f for f in person_fields(spec)}
        person[step] = _tidy_sub(subs.get(step), step, value)
    return person


def _sent(spec: Field, value: Any) -> Any:
    """The value as sent: numbers as numbers, persons without empty entries."""
    if spec.type == "number" and isinstance(value, str):
        number = to_number(value)
        return value if number is None else number
    if spec.type == "person" and isinstance(value, dict):
        return _sent_person(spec, value)
    if spec.type == "people" and isinstance(value, list):
        return [_sent_person(spec, p) if isinstance(p, dict) else p for p in value]
    return copy.deepcopy(value)


def _sent_person(spec: Field, person: dict[str, Any]) -> dict[str, Any]:
    """A person as sent: their asked entries that have a value (hidden ones left out)."""
    shown = shown_keys(spec, person)
    known = {f.name for f in person_fields(spec)}
    return {k: v for k, v in person.items() if not is_empty(v) and (k in shown or k not in known)}


def display(spec: Field, value: Any) -> str:
    """A value as plain text for a line edit or the review."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)
    if isinstance(value, dict):
        return str(value.get("name", ""))
    if isinstance(value, list):
        return "、".join(display(spec, item) for item in value)
    return str(value)

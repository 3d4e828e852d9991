"""One control per field type, chosen from a table: the form page asks here what to draw.

A control reports the citizen's input either as text (``text``: what was typed,
which the form engine normalises) or as a JSON value (``json``: a chosen code,
a list of codes). `DRAWN_TYPES` is what this table draws; it must equal what the
core's registry says the kiosk can run (`kiosk.forms.kinds`), and a test checks
that it does.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from kiosk.catalogue import Field
from kiosk.forms.dates import resolve_bound
from kiosk.forms.engine import FormSession
from kiosk.scope_search import ScopeIndex, ScopeItem
from screens.fields.amount import AmountInput
from screens.fields.choice import ChoiceButtons
from screens.fields.date_input import DateInput
from screens.fields.people_list import PeopleList
from screens.fields.person_summary import PersonSummary
from screens.fields.region_picker import SEARCH_FROM, RegionPicker
from screens.fields.scope_picker import ScopePicker
from screens.style import TOUCH_TARGET_PX


class ControlSignals(QObject):
    """What a control reports: text to normalise, or a JSON value as it is; for persons,
    a request to open the person editor (``(index or None, by_card)``) or a change to
    a list (``("remove", i)``, ``("move", i, j)``)."""

    text = Signal(str)
    json = Signal(object)
    person = Signal(object)
    people = Signal(object)


@dataclass
class Control:
    """A field's widget; ``editor`` is its text box where it has one (the keyboard's target)."""

    widget: QWidget
    signals: ControlSignals
    editor: QLineEdit | QPlainTextEdit | None = None
    refresh: Callable[[], None] | None = None
    """Draws the value again from the form (persons change in the person editor)."""


Builder = Callable[[Field, FormSession, str, bool], Control]


def _text(spec: Field, form: FormSession, language: str, locked: bool) -> Control:
    signals = ControlSignals()
    value = form.value(spec.name)
    editor: QLineEdit | QPlainTextEdit
    if spec.multiline:
        plain = QPlainTextEdit()
        plain.setPlainText(value)
        plain.setFixedHeight(TOUCH_TARGET_PX * 2)
        plain.setTabChangesFocus(True)  # Tab goes on to the next field, as everywhere else
        plain.textChanged.connect(lambda: signals.text.emit(plain.toPlainText()))
        editor = plain
    else:
        line = QLineEdit()
        line.setText(value)
        line.setReadOnly(locked)
        if spec.input_hint == "phone":
            line.setInputMethodHints(Qt.InputMethodHint.ImhDialableCharactersOnly)
            line.setMaxLength(13)
        line.textEdited.connect(signals.text)
        editor = line
    return Control(editor, signals, editor)


def _amount(spec: Field, form: FormSession, language: str, locked: bool) -> Control:
    signals = ControlSignals()
    money = spec.type == "money"
    amount = AmountInput(spec.unit, decimals=money and (spec.decimals or 0) > 0)
    amount.set_text(form.value(spec.name))
    amount.editor.setReadOnly(locked)
    amount.edited.connect(signals.text)
    return Control(amount, signals, amount.editor)


def _date(spec: Field, form: FormSession, language: str, locked: bool) -> Control:
    signals = ControlSignals()
    today = form.today()
    earliest = resolve_bound(spec.minimum, today) or date(1900, 1, 1)
    latest = resolve_bound(spec.maximum, today) or date(2100, 12, 31)
    current = form.value(spec.name)
    try:
        start = date.fromisoformat(current) if current else today
    except ValueError:
        start = today
    picker = DateInput(start, earliest=earliest, latest=latest)
    picker.setEnabled(not locked)
    picker.edited.connect(signals.text)
    return Control(picker, signals)


def _choice(spec: Field, form: FormSession, language: str, locked: bool) -> Control:
    signals = ControlSignals()
    options = [(str(o.value), o.label.get(language) or str(o.value)) for o in spec.options]
    multiple = spec.type == "multi_choice"
    current = form.json_value(spec.name)
    chosen = [str(v) for v in current] if isinstance(current, list) else [str(current or "")]
    buttons = ChoiceButtons(options, multiple=multiple, chosen=chosen)
    buttons.setEnabled(not locked)
    buttons.edited.connect(signals.json)
    return Control(buttons, signals)


def _region(spec: Field, form: FormSession, language: str, locked: bool) -> Control:
    signals = ControlSignals()
    regions = form.regions(spec.level)
    if len(regions) >= SEARCH_FROM:
        places = [(r.code, r.name.zh or r.code, r.name.en) for r in regions]
        picker = RegionPicker(places, form.value(spec.name), language)
        picker.setEnabled(not locked)
        picker.edited.connect(signals.json)
        return Control(picker, signals, picker.search)
    options = [(r.code, r.name.get(language) or r.code) for r in regions]
    buttons = ChoiceButtons(options, chosen=[form.value(spec.name)])
    buttons.setEnabled(not locked)
    buttons.edited.connect(signals.json)
    return Control(buttons, signals)


def _scope(spec: Field, form: FormSession, language: str, locked: bool) -> Control:
    signals = ControlSignals()
    current = form.json_value(spec.name)
    picker = ScopePicker(
        scope_index(form), language, [str(c) for c in current] if isinstance(current, list) else []
    )
    picker.setEnabled(not locked)
    picker.edited.connect(lambda codes: signals.json.emit(list(codes)))
    return Control(picker, signals, picker.search)


_INDEXES: dict[tuple[str, ...], ScopeIndex[ScopeItem]] = {}


def scope_index(form: FormSession) -> ScopeIndex[ScopeItem]:
    """The search index of the catalogue's scope phrases, built once per catalogue."""
    items = tuple(
        ScopeItem(
            code=item.code,
            zh=item.text.zh,
            en=item.text.en,
            licensed=item.licensed,
            requires=", ".join(item.requires) if isinstance(item.requires, list) else item.requires,
        )
        for item in form.scope_items
        if item.text.zh
    )
    key = tuple(item.code for item in items)
    if key not in _INDEXES:
        _INDEXES.clear()  # one catalogue at a time
        _INDEXES[key] = ScopeIndex(items)
    return _INDEXES[key]


def _person(spec: Field, form: FormSession, language: str, locked: bool) -> Control:
    signals = ControlSignals()
    summary = PersonSummary(spec.label.get(language))
    summary.setEnabled(not locked)
    summary.by_card.connect(lambda: signals.person.emit((None, True)))
    summary.by_typing.connect(lambda: signals.person.emit((None, False)))

    def refresh() -> None:
        person = form.json_value(spec.name)
        summary.show_person(
            person if isinstance(person, dict) else None, form.is_identified(person)
        )

    refresh()
    return Control(summary, signals, refresh=refresh)


def _people(spec: Field, form: FormSession, language: str, locked: bool) -> Control:
    signals = ControlSignals()
    people = PeopleList(
        min_items=spec.min_items, max_items=spec.max_items, subject=spec.label.get(language)
    )
    people.setEnabled(not locked)
    people.add_by_card.connect(lambda: signals.person.emit((None, True)))
    people.add_by_typing.connect(lambda: signals.person.emit((None, False)))
    people.edit.connect(lambda index: signals.person.emit((index, False)))
    people.remove.connect(lambda index: signals.people.emit(("remove", index)))
    people.reorder.connect(lambda index, to: signals.people.emit(("move", index, to)))

    def refresh() -> None:
        value = form.json_value(spec.name)
        persons = [p for p in value if isinstance(p, dict)] if isinstance(value, list) else []
        people.show_people(persons, [form.is_identified(p) for p in persons], language)

    refresh()
    return Control(people, signals, refresh=refresh)


BUILDERS: dict[str, Builder] = {
    "text": _text,
    "number": _amount,
    "money": _amount,
    "date": _date,
    "choice": _choice,
    "multi_choice": _choice,
    "region": _region,
    "scope": _scope,
    "person": _person,
    "people": _people,
}

#: The field types this kiosk's form page draws.
DRAWN_TYPES = frozenset(BUILDERS)


def build_control(spec: Field, form: FormSession, language: str, locked: bool) -> Control:
    return BUILDERS[spec.type](spec, form, language, locked)


def is_drawn(spec: Field) -> bool:
    return spec.type in BUILDERS

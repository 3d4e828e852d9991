"""What a screen shows, as things to say (`kiosk.speech.Spoken`), in reading order.

The screen under the header is read as a citizen sees it: labels, buttons and
fields that are shown now (not hidden, not scrolled out of sight, not under a
question laid over the page; while such a question is up, only the question), in
the order the focus follows (`screens.reading_order`). A form field is one thing
to say: its label, its value, its note and its problem. The header itself is not
read with every screen: its controls are said when they take the focus.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QScrollArea,
    QTextEdit,
    QWidget,
)

from kiosk.speech import Spoken
from screens.fields.field_editor import FieldEditor
from screens.reading_order import reading_order

HEADER = "header"
"""The object name of the header's frames (and of any row added under it): not read."""

_EDITORS = (QLineEdit, QPlainTextEdit, QTextEdit, QComboBox)
_UNITS = (FieldEditor, QAbstractButton, *_EDITORS)
"""Each said as one thing: what they hold is not read apart."""
_DIRECT = Qt.FindChildOption.FindDirectChildrenOnly


def screen_items(window: QWidget) -> list[Spoken]:
    """What is on the screen now, under the header, in reading order."""
    root = _root(window)
    units: list[QWidget] = []
    _collect(window, root, units)
    items = [item for unit in reading_order(window, units) if (item := _item(unit)) is not None]
    if any(_more_below(area) for area in root.findChildren(QScrollArea)):
        items.append(Spoken(kind="more", name=""))
    return items


def control_item(widget: QWidget) -> Spoken | None:
    """The control that has just taken the focus, as it is to be said: a field's editor
    is said as its field, an option as the field's label and the option."""
    field = _field_of(widget)
    if field is not None and widget is (field.editor or field.control.widget):
        return _field(field)
    item = _item(widget)
    if item is not None and field is not None and isinstance(widget, QAbstractButton):
        label = _field_label(field)
        return Spoken(
            kind=item.kind,
            name=f"{label}: {item.name}",
            checked=item.checked,
            description=item.description,
            enabled=item.enabled,
        )
    return item


def _root(window: QWidget) -> QWidget:
    """The page, or the question laid over it while one is up (a widget over the central
    area that its layout does not place)."""
    central = window.centralWidget() if isinstance(window, QMainWindow) else None
    if central is None:
        return window
    layout = central.layout()
    overlays = [
        child
        for child in central.findChildren(QWidget, options=_DIRECT)
        if child.isVisible() and layout is not None and layout.indexOf(child) < 0
    ]
    return overlays[-1] if overlays else central


def _collect(window: QWidget, widget: QWidget, units: list[QWidget]) -> None:
    for child in widget.findChildren(QWidget, options=_DIRECT):
        if child.isHidden() or child.objectName() == HEADER:
            continue
        if isinstance(child, _UNITS) or (isinstance(child, QLabel) and child.text().strip()):
            if _in_view(window, child):
                units.append(child)
        elif not isinstance(child, QLabel):
            _collect(window, child, units)


def _more_below(area: QScrollArea) -> bool:
    bar = area.verticalScrollBar()
    return area.isVisible() and bar.value() < bar.maximum()


def _in_view(window: QWidget, widget: QWidget) -> bool:
    """Some of it is on the screen: not scrolled away nor clipped off by what holds it."""
    seen = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
    parent = widget.parentWidget()
    while parent is not None and not seen.isEmpty():
        seen &= QRect(parent.mapTo(window, QPoint(0, 0)), parent.size())
        parent = parent.parentWidget() if parent is not window else None
    return not seen.isEmpty()


def _item(widget: QWidget) -> Spoken | None:
    if isinstance(widget, FieldEditor):
        return _field(widget)
    if isinstance(widget, QAbstractButton):
        name = widget.accessibleName() or widget.text()
        return Spoken(
            kind="toggle" if widget.isCheckable() else "button",
            name=name,
            checked=widget.isChecked() if widget.isCheckable() else None,
            description=widget.accessibleDescription(),
            enabled=widget.isEnabled(),
        )
    if isinstance(widget, _EDITORS):
        return Spoken(
            kind="field",
            name=widget.accessibleName(),
            value=_editor_value(widget),
            problem=widget.accessibleDescription(),
        )
    if isinstance(widget, QLabel):
        text = widget.text().strip()
        if not text:
            return None
        if widget.objectName() == "title":
            return Spoken(kind="title", name=text)
        return Spoken(kind="problem" if widget.objectName() == "error" else "text", name=text)
    name = widget.accessibleName()
    if not name:
        return None
    return Spoken(kind="control", name=name, description=widget.accessibleDescription())


def _field(editor: FieldEditor) -> Spoken:
    return Spoken(
        kind="field",
        name=_field_label(editor),
        value=_field_value(editor),
        note=editor.note.text() if editor.note.isVisibleTo(editor) else "",
        problem=editor.problem.text() if editor.problem.isVisibleTo(editor) else "",
        required=editor.spec.required,
        enabled=editor.isEnabled(),
        private=_private(editor),
    )


def _private(editor: FieldEditor) -> bool:
    """An identity or mobile number: never said whole in a public hall."""
    spec = editor.spec
    return (
        spec.input_hint == "phone"
        or spec.prefill == "id_number"
        or bool({"cn_mobile", "cn_resident_id"} & set(spec.validators))
    )


def _field_label(editor: FieldEditor) -> str:
    return editor.spec.label.get(editor.language)


def _field_value(editor: FieldEditor) -> str:
    """What the field holds: the options chosen, else the text typed, else what the
    control shows (a date's parts, a person's summary)."""
    widget = editor.control.widget
    options = [b for b in widget.findChildren(QAbstractButton) if b.isCheckable()]
    if options:
        return "、".join(b.accessibleName() or b.text() for b in options if b.isChecked())
    if editor.editor is not None:
        return _editor_value(editor.editor)
    shown = [
        w.text().strip()
        for w in widget.findChildren(QLabel)
        if w.isVisibleTo(widget) and w.text().strip()
    ]
    return " ".join(shown)


def _editor_value(widget: QWidget) -> str:
    if isinstance(widget, QLineEdit):
        return "" if widget.echoMode() != QLineEdit.EchoMode.Normal else widget.text()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QComboBox):
        return widget.currentText()
    return ""


def _field_of(widget: QWidget) -> FieldEditor | None:
    parent: QWidget | None = widget
    while parent is not None:
        if isinstance(parent, FieldEditor):
            return parent
        parent = parent.parentWidget()
    return None

"""Where a citizen's data is still held after their session ended: every widget's texts
(shown or hidden), the accessibility tree, the clipboard and the text boxes' undo history.

`traces_of(window, *needles)` scans everything a person, a screen reader or the next
citizen could reach; an empty list means nothing of the needles is left.
"""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtGui import QAccessible, QClipboard, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

_ACCESSIBLE_TEXTS = (
    QAccessible.Text.Name,
    QAccessible.Text.Description,
    QAccessible.Text.Value,
    QAccessible.Text.Help,
)


def traces_of(window: QWidget, *needles: str) -> list[str]:
    """Each place (widget class, object name, which text) still holding a needle."""
    assert needles
    # Screens drop old pages with deleteLater(): those go before anything is scanned.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    found: list[str] = []
    for place, text in _texts(window):
        if any(needle in text for needle in needles):
            found.append(f"{place}: {text[:120]!r}")
    return found


def undo_histories(window: QWidget) -> list[str]:
    """The text boxes that could still bring back what was typed (Ctrl+Z, context menu)."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    kept = []
    for widget in _widgets(window):
        if isinstance(widget, QLineEdit) and (widget.isUndoAvailable() or widget.isRedoAvailable()):
            kept.append(_where(widget))
        elif isinstance(widget, QPlainTextEdit | QTextEdit):
            document = widget.document()
            if document.isUndoAvailable() or document.isRedoAvailable():
                kept.append(_where(widget))
    return kept


def _widgets(window: QWidget) -> Iterator[QWidget]:
    """The window, everything under it, and every other top-level widget alive (a page
    taken off a scroll area has no parent until it is deleted)."""
    seen: set[int] = set()
    roots = [window, *QApplication.topLevelWidgets()]
    for root in roots:
        for widget in [root, *root.findChildren(QWidget)]:
            if id(widget) not in seen:
                seen.add(id(widget))
                yield widget


def _texts(window: QWidget) -> Iterator[tuple[str, str]]:
    for widget in _widgets(window):
        where = _where(widget)
        yield f"{where} window title", widget.windowTitle()
        yield f"{where} tooltip", widget.toolTip()
        yield f"{where} status tip", widget.statusTip()
        yield f"{where} what's this", widget.whatsThis()
        yield f"{where} accessible name", widget.accessibleName()
        yield f"{where} accessible description", widget.accessibleDescription()
        accessible = QAccessible.queryAccessibleInterface(widget)
        if accessible is not None and accessible.isValid():
            for kind in _ACCESSIBLE_TEXTS:
                yield f"{where} accessible {kind.name}", accessible.text(kind)
        match widget:
            case QLabel():
                yield f"{where} text", widget.text()
            case QAbstractButton():
                yield f"{where} text", widget.text()
            case QLineEdit():
                yield f"{where} text", widget.text()
                yield f"{where} placeholder", widget.placeholderText()
            case QPlainTextEdit() | QTextEdit():
                yield f"{where} text", widget.toPlainText()
            case QGroupBox():
                yield f"{where} title", widget.title()
            case QComboBox():
                for index in range(widget.count()):
                    yield f"{where} item {index}", widget.itemText(index)
        for raw in widget.dynamicPropertyNames():
            name = bytes(raw.data()).decode()
            try:
                value = widget.property(name)
            except RuntimeError:
                continue  # a C++ type PySide cannot convert (Qt's own bookkeeping): no text
            if isinstance(value, str):
                yield f"{where} property {name}", value
    clipboard = QGuiApplication.clipboard()
    yield "clipboard", clipboard.text(QClipboard.Mode.Clipboard)
    if clipboard.supportsSelection():
        yield "selection", clipboard.text(QClipboard.Mode.Selection)


def _where(widget: QWidget) -> str:
    name = widget.objectName()
    parent = widget.parentWidget()
    inside = f" in {type(parent).__name__}" if parent is not None else " (top level)"
    return f"{type(widget).__name__}{'#' + name if name else ''}{inside}"

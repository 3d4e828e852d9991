"""What Qt keeps of a citizen outside the screens' own fields, and how it is forgotten.

Whenever the workflow forgets the citizen (`KioskWorkflow.on_forget`: every end of
a session, and leaving a service for the menu) the window clears its screens, then
`forget_typing` clears what Qt itself holds:

- the undo history of every text box: `QLineEdit.clear()` keeps what it removed
  for Ctrl+Z and the box's context menu; setting the text drops it;
- the clipboard, and the X11 selection (a selected identity number lands there
  without any "copy");
- the input method's composition (a half-typed Pinyin word), and the keyboard.

Qt Virtual Keyboard's Pinyin learns every word chosen from its candidates into a
user dictionary on disk (``<config>/qtvirtualkeyboard/pinyin/usr_dict.dat``) and
offers it to every later typist: a citizen's name would be suggested to the next.
It has no API to clear it. It keeps no such dictionary while the focused field says
its text is sensitive (`Qt.ImhSensitiveData`), so `keep_text_boxes_private` marks
every text box the kiosk shows (and turns off next-word prediction), and
`remove_learned_words` deletes a dictionary left from before, at start-up, before
the keyboard opens it.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import QClipboard, QGuiApplication
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QTextEdit, QWidget

from kiosk.shell.keyboard import virtual_keyboard_enabled
from kiosk.shell.qt_app import kiosk_style

log = logging.getLogger(__name__)

PRIVATE_HINTS = Qt.InputMethodHint.ImhSensitiveData | Qt.InputMethodHint.ImhNoPredictiveText
_TEXT_BOXES = (QLineEdit, QPlainTextEdit, QTextEdit)
PINYIN_USER_DICTIONARY = Path("qtvirtualkeyboard") / "pinyin" / "usr_dict.dat"


def keep_text_boxes_private(widget: QWidget) -> None:
    """A text box is marked sensitive before it is first shown (the kiosk's style calls
    this as it polishes each widget: form pages build their boxes as they are drawn)."""
    if isinstance(widget, _TEXT_BOXES):
        keep_private(widget)


def keep_private(box: QWidget) -> None:
    """Tell the input method to learn nothing from ``box`` and predict nothing in it."""
    hints = box.inputMethodHints()
    if hints & PRIVATE_HINTS != PRIVATE_HINTS:
        box.setInputMethodHints(hints | PRIVATE_HINTS)


def forget_typing(root: QWidget) -> None:
    """Drop what Qt keeps of what was typed under ``root``, the clipboard, and the input
    method's composition. Call it once the screens have cleared their fields."""
    for line in root.findChildren(QLineEdit):
        if line.isUndoAvailable() or line.isRedoAvailable():
            line.setText(line.text())  # the same text: no signal, and no history any more
    for box in root.findChildren(QPlainTextEdit):
        box.document().clearUndoRedoStacks()
    for rich in root.findChildren(QTextEdit):
        rich.document().clearUndoRedoStacks()
    clipboard = QGuiApplication.clipboard()
    clipboard.clear(QClipboard.Mode.Clipboard)
    if clipboard.supportsSelection():
        clipboard.clear(QClipboard.Mode.Selection)
    if clipboard.supportsFindBuffer():
        clipboard.clear(QClipboard.Mode.FindBuffer)
    method = QGuiApplication.inputMethod()
    method.reset()
    method.hide()


def remove_learned_words(config_dir: Path | None = None) -> bool:
    """Delete the Pinyin user dictionary a keyboard may have kept; True if there was one.

    ``config_dir``: Qt's `QStandardPaths.ConfigLocation` unless given (tests).
    """
    base = config_dir or Path(
        QStandardPaths.writableLocation(QStandardPaths.StandardLocation.ConfigLocation)
    )
    learned = base / PINYIN_USER_DICTIONARY
    try:
        learned.unlink()
    except FileNotFoundError:
        return False
    except OSError as exc:
        log.warning("could not delete the keyboard's learned words at %s: %s", learned, exc)
        return False
    log.info("deleted the keyboard's learned words at %s", learned)
    return True


def install_private_typing(app: QApplication) -> None:
    """Once per application: every text box private, and no learned words left behind."""
    polishers = kiosk_style(app).polishers
    if keep_text_boxes_private in polishers:
        return
    if virtual_keyboard_enabled():
        remove_learned_words()
    polishers.append(keep_text_boxes_private)

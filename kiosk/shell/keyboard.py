"""The on-screen keyboard: its layout follows the interface language, and it never
covers the field being typed.

Qt Virtual Keyboard runs as its own window at the bottom of the screen. Its
layouts are chosen through the QML singleton ``VirtualKeyboardSettings``, which
lives in the plugin and is shared by the whole process, so a tiny QML object
made here reaches it. Only two layouts are active, Chinese Pinyin and English,
so the keyboard's language key switches between exactly those two.

While the keyboard is up, the window reserves the strip it covers (a spacer at
the bottom of its layout), so the screen's scroll area shrinks above it, and
the focused field is scrolled into view. Without the virtual keyboard (tests
offscreen, a kiosk with a real keyboard) all of this does nothing.
"""

from __future__ import annotations

import logging
import os

from PySide6.QtCore import Q_ARG, QMetaObject, QObject, QPoint, QRect, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtQml import QQmlComponent, QQmlEngine
from PySide6.QtWidgets import (
    QApplication,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QWidget,
)

log = logging.getLogger(__name__)

#: The keyboard's layout for each interface language.
LAYOUTS = {"zh": "zh_CN", "en": "en_GB"}

_SETTINGS_QML = b"""
import QtQuick
import QtQuick.VirtualKeyboard.Settings
QtObject {
    function setLayouts(active, current) {
        VirtualKeyboardSettings.activeLocales = active
        VirtualKeyboardSettings.locale = current
    }
}
"""

# Space kept between the field and the keyboard's top edge, so the citizen sees
# what they type and the line under it.
_MARGIN_PX = 40
_SETTLE_MS = 250
QWIDGETSIZE_MAX = 16777215


def virtual_keyboard_enabled() -> bool:
    return os.environ.get("QT_IM_MODULE", "") == "qtvirtualkeyboard"


class KeyboardLayouts:
    """Sets the virtual keyboard's layout: Pinyin in Chinese, English in English."""

    def __init__(self) -> None:
        self._engine: QQmlEngine | None = None
        self._component: QQmlComponent | None = None
        self._settings: QObject | None = None
        self.layout: str | None = None
        """The layout last asked for ("zh_CN", "en_GB"), None without the keyboard."""

    def _settings_object(self) -> QObject | None:
        if self._settings is None and virtual_keyboard_enabled():
            self._engine = QQmlEngine()
            self._component = QQmlComponent(self._engine)
            self._component.setData(_SETTINGS_QML, QUrl("kiosk-keyboard-settings.qml"))
            created = self._component.create()
            if created is None:
                log.error("keyboard settings unavailable: %s", self._component.errorString())
                return None
            # Ours, not the QML garbage collector's: it must live as long as the kiosk.
            QQmlEngine.setObjectOwnership(created, QQmlEngine.ObjectOwnership.CppOwnership)
            self._settings = created
        return self._settings

    def follow_language(self, language: str) -> None:
        """Pinyin for "zh", English for "en"; the other one stays one key away."""
        settings = self._settings_object()
        if settings is None:
            return
        current = LAYOUTS.get(language, LAYOUTS["zh"])
        active = [current, *(code for code in LAYOUTS.values() if code != current)]
        QMetaObject.invokeMethod(
            settings, "setLayouts", Q_ARG("QVariant", active), Q_ARG("QVariant", current)
        )
        self.layout = current


class KeyboardAvoider(QObject):
    """Keeps the focused field above the keyboard by shrinking the window's content.

    While the keyboard is up, ``content`` (the screens) may be no taller than the
    part of the window above it, and ``compact`` is emitted with True, so the
    screens can fold away what is not needed while typing (headings, the
    identity strip, the button row: the keyboard has its own Enter) and give the
    room to the fields.
    """

    compact = Signal(bool)

    def __init__(self, window: QWidget, content: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self._content = content
        self.is_compact = False
        method = QGuiApplication.inputMethod()
        method.keyboardRectangleChanged.connect(self._schedule)
        method.visibleChanged.connect(self._schedule)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_focus)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.update)

    def _on_focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        # A field that takes focus, by a touch or because it holds a problem, gets
        # the keyboard at once: widgets on their own ask only on some clicks.
        if new is not None and _is_text_entry(new):
            # After Qt's own focus handling, which may hide the panel on the way.
            QTimer.singleShot(0, lambda: self._show_if_focused(new))
        self._schedule()

    @staticmethod
    def _show_if_focused(widget: QWidget) -> None:
        if QApplication.focusWidget() is widget:
            show_keyboard_for(widget)

    def _schedule(self, *_: object) -> None:
        # The keyboard's geometry settles after its show animation starts: act
        # once the event loop has delivered every change.
        self._timer.start()

    def covered_height(self) -> int:
        """How many pixels at the bottom of the window the keyboard covers now."""
        method = QGuiApplication.inputMethod()
        if not method.isVisible():
            return 0
        keyboard = method.keyboardRectangle().toRect()
        if keyboard.isEmpty():
            return 0
        window = self._window.window()
        handle = window.windowHandle()
        if handle is None:
            return 0
        # The rectangle is in the focus window's coordinates, which is ours. Pinyin's
        # strip of word candidates above the keys is inside it (664 px against 600
        # for the digits, measured on a 1920 px screen): nothing more is kept clear.
        inside = QRect(0, 0, window.width(), window.height())
        overlap = inside.intersected(keyboard)
        return max(0, inside.bottom() - overlap.top() + 1) if not overlap.isEmpty() else 0

    def update(self) -> None:
        covered = self.covered_height()
        if bool(covered) != self.is_compact:
            self.is_compact = bool(covered)
            self.compact.emit(self.is_compact)
        window = self._window.window()
        holder = self._content.parentWidget()
        layout = holder.layout() if holder is not None else None
        if covered:
            # Where the content starts once what folds away with the keyboard up (the
            # speech row) is gone: lay the window out before measuring.
            if layout is not None:
                layout.activate()
            top = self._content.mapTo(window, QPoint(0, 0)).y()
            self._content.setMaximumHeight(max(0, window.height() - covered - top))
        else:
            self._content.setMaximumHeight(QWIDGETSIZE_MAX)
        # Lay the window out now, so that revealing the field uses the new height.
        if layout is not None:
            layout.activate()
        if covered:
            self._raise_keyboard()
            self.reveal_focus()
            # Once more when the keyboard's slide-in and the page's relayout are over.
            QTimer.singleShot(_SETTLE_MS, self.reveal_focus)

    def _raise_keyboard(self) -> None:
        # A kiosk window manager may stack our full-screen window over the panel
        # when focus moves between fields: the panel must stay in front.
        ours = self._window.window().windowHandle()
        for window in QGuiApplication.topLevelWindows():
            if (
                window is not ours
                and window.isVisible()
                and window.flags() & Qt.WindowType.WindowDoesNotAcceptFocus
            ):
                window.raise_()

    def reveal_focus(self) -> None:
        """Scroll the focused field into view inside every scroll area around it: its
        page's, then the screen's (a screen taller than the room above the keyboard)."""
        focus = QApplication.focusWidget()
        if focus is None:
            return
        parent = focus.parentWidget()
        while parent is not None:
            page = parent.widget() if isinstance(parent, QScrollArea) else None
            if isinstance(parent, QScrollArea) and page is not None:
                # The whole field, not only its text cursor (ensureWidgetVisible's
                # choice for text editors), so a citizen sees the box they type into.
                centre = focus.mapTo(page, focus.rect().center())
                half = min(focus.height() // 2 + _MARGIN_PX, parent.viewport().height() // 2)
                parent.ensureVisible(centre.x(), centre.y(), 20, half)
            parent = parent.parentWidget()


def _is_text_entry(widget: QWidget) -> bool:
    if isinstance(widget, QLineEdit | QPlainTextEdit):
        return not widget.isReadOnly()
    return False


def show_keyboard_for(widget: QWidget) -> None:
    """Open the keyboard for a field focused by code (widgets only ask on a touch)."""
    if virtual_keyboard_enabled() and widget.testAttribute(
        Qt.WidgetAttribute.WA_InputMethodEnabled
    ):
        QGuiApplication.inputMethod().show()

"""Accessible roles for the kiosk's own touch widgets.

A standard control tells assistive technology what it is (a button, a text
field); a widget the kiosk draws itself is only a "client" area unless it says
so. A class declares ``accessible_role`` (the name of a `QAccessible.Role`, e.g.
"Button": a name, so that the first screen need not load Qt's accessibility
enums) and `install` makes Qt report it: the signature pad is a canvas to write
on, the attract screen one big button.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAccessible, QAccessibleInterface
from PySide6.QtWidgets import QAccessibleWidget, QWidget

_installed = False


def _interface(key: str, obj: QObject) -> QAccessibleInterface | None:
    name = getattr(type(obj), "accessible_role", None)
    role = getattr(QAccessible.Role, name, None) if isinstance(name, str) else None
    if isinstance(obj, QWidget) and isinstance(role, QAccessible.Role):
        return QAccessibleWidget(obj, role, "")
    return None


def install() -> None:
    """Register the roles with Qt's accessibility, once per process."""
    global _installed
    if not _installed:
        QAccessible.installFactory(_interface)
        _installed = True

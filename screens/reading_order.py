"""The focus follows the reading order: top to bottom, and left to right on a row.

Qt moves the focus in the order widgets were created; the kiosk builds a page's
fields after its buttons (and a long page a few fields at a time), so the
creation order is not the order a citizen reads. `next_in_reading_order` is
what the window's Tab (and a switch or keyboard user's "next") follows instead:
the controls that can be touched now (not scrolled away, not under a question
asked over the page), in the order they are read.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QAbstractScrollArea, QPlainTextEdit, QScrollArea, QTextEdit, QWidget


def reading_order(window: QWidget, widgets: list[QWidget]) -> list[QWidget]:
    """``widgets`` in the order they are read: in rows (blocks that overlap vertically),
    each row left to right. What a scroll area holds is read as one block where the
    area stands, in the order of its page (a field further down it comes before the
    buttons under the area, even while it is scrolled out of sight); a scroll area
    inside another is a block of the outer one's page."""
    return _ordered(window, widgets)


def _ordered(within: QWidget, widgets: list[QWidget]) -> list[QWidget]:
    blocks: dict[int, list[QWidget]] = {}
    places: list[tuple[QRect, int]] = []
    areas: dict[int, QScrollArea] = {}
    for widget in widgets:
        area = _outermost_area(widget, within)
        anchor: QWidget = area if area is not None else widget
        if id(anchor) not in blocks:
            blocks[id(anchor)] = []
            places.append((_rect_in(within, anchor), id(anchor)))
            if area is not None:
                areas[id(anchor)] = area
        blocks[id(anchor)].append(widget)
    ordered: list[QWidget] = []
    for anchor_id in _in_rows(places):
        members = blocks[anchor_id]
        page = areas[anchor_id].widget() if anchor_id in areas else None
        ordered += _ordered(page, members) if page is not None else members
    return ordered


def _outermost_area(widget: QWidget, within: QWidget) -> QScrollArea | None:
    """The outermost scroll area between ``widget`` and ``within`` (neither included)."""
    found: QScrollArea | None = None
    parent = widget.parentWidget()
    while parent is not None and parent is not within:
        if isinstance(parent, QScrollArea):
            found = parent
        parent = parent.parentWidget()
    return found


def _in_rows(places: list[tuple[QRect, int]]) -> list[int]:
    """The keys of ``places`` in rows (places that overlap vertically), top row first,
    each row left to right."""
    rows: list[list[tuple[QRect, int]]] = []
    for place in sorted(places, key=lambda p: p[0].top()):
        row = rows[-1] if rows else None
        if row is not None and place[0].top() < min(rect.bottom() for rect, _ in row):
            row.append(place)
        else:
            rows.append([place])
    return [key for row in rows for _, key in sorted(row, key=lambda p: p[0].left())]


def focusable_controls(window: QWidget) -> list[QWidget]:
    """What the focus may go to now, in reading order; inside an overlay when one is up."""
    found = [w for w in window.findChildren(QWidget) if _takes_focus(w) and _reachable(window, w)]
    return reading_order(window, found)


def next_in_reading_order(
    window: QWidget, current: QWidget | None, forward: bool
) -> QWidget | None:
    controls = focusable_controls(window)
    if not controls:
        return None
    if current not in controls:
        return controls[0] if forward else controls[-1]
    index = controls.index(current) + (1 if forward else -1)
    return controls[index % len(controls)]


def move_focus(window: QWidget, forward: bool) -> bool:
    """Give the focus to the next (or previous) control and bring it into view."""
    target = next_in_reading_order(window, window.focusWidget(), forward)
    if target is None:
        return False
    _scroll_into_view(target)
    target.setFocus(Qt.FocusReason.TabFocusReason if forward else Qt.FocusReason.BacktabFocusReason)
    return True


def _takes_focus(widget: QWidget) -> bool:
    if isinstance(widget, QAbstractScrollArea) and not isinstance(
        widget, QPlainTextEdit | QTextEdit
    ):
        return False  # a container: the focus goes to what it holds
    return bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus) and widget.isEnabled()


def _reachable(window: QWidget, widget: QWidget) -> bool:
    if not widget.isVisible():
        return False
    # A control in sight is reachable where a finger could touch it (not under a
    # question laid over the page); one scrolled out of sight, if its scroll area is
    # not under such a question: the focus scrolls to it.
    shown = widget.visibleRegion().boundingRect()
    if not shown.isEmpty():
        anchor: QWidget = widget
        middle = widget.mapTo(window, shown.center())
    else:
        area = _scroll_area_of(widget)
        if area is None:
            return False
        anchor = area
        middle = _rect_in(window, area).center()
    hit = window.childAt(middle)
    return hit is not None and (hit is anchor or anchor.isAncestorOf(hit))


def _scroll_area_of(widget: QWidget) -> QScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            return parent
        parent = parent.parentWidget()
    return None


def _scroll_into_view(widget: QWidget) -> None:
    """Scroll every area around ``widget`` (a page's, then the screen's) to show it."""
    inner: QWidget = widget
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            parent.ensureWidgetVisible(inner, 20, 20)
            inner = parent
        parent = parent.parentWidget()


def _rect_in(window: QWidget, widget: QWidget) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())

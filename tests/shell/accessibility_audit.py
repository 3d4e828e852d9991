"""The project's accessibility checker: audits every visible widget of a window.

It looks at the window as drawn, the way an inspector with a ruler would:

- **contrast**: every text against its real background, the colour that covers
  most of the widget's area in a grab of the whole window (so a parent's panel
  or a style sheet's background counts); 4.5:1, 7:1 in high-contrast mode;
- **target**: every control at least 60 x 60 px, with 8 px between controls;
- **name**: every control has an accessible name and a role that says what it is;
- **cut**: no label or button text cut off (`tests.shell.text_fit`);
- **colour only**: no coloured mark that says something without text or icon;
- **focus order**: moving the focus forward never jumps back up or leftwards
  in the reading order.

`audit` returns the violations and a table for the test's output; `assert_accessible`
prints the table and fails on any violation.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QAccessible, QColor, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QFrame,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollBar,
    QTextEdit,
    QWidget,
)

from screens.style import contrast_ratio
from tests.shell.text_fit import cut_texts

MIN_TARGET_PX = 60
MIN_GAP_PX = 8
NORMAL_CONTRAST = 4.5
HIGH_CONTRAST = 7.0

CONTROL_TYPES: tuple[type[QWidget], ...] = (
    QAbstractButton,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QComboBox,
    QAbstractSpinBox,
    QAbstractSlider,
)

# Roles that say nothing about what a control does.
_VAGUE_ROLES = {
    QAccessible.Role.NoRole,
    QAccessible.Role.Client,
    QAccessible.Role.Pane,
    QAccessible.Role.Border,
    QAccessible.Role.Grouping,
    QAccessible.Role.Window,
}


@dataclass(frozen=True, slots=True)
class Violation:
    check: str
    widget: str
    detail: str


@dataclass
class Report:
    screen: str
    checked: Counter[str] = field(default_factory=Counter)
    violations: list[Violation] = field(default_factory=list)

    def add(self, check: str, widget: QWidget, detail: str) -> None:
        self.violations.append(Violation(check, describe(widget), detail))

    def table(self) -> str:
        """One line per check (how many widgets it looked at, how many failed), then
        one line per violation."""
        lines = [
            f"accessibility audit: {self.screen}",
            f"{'check':<12} {'looked at':>9} {'failed':>6}",
        ]
        failed = Counter(v.check for v in self.violations)
        for check in CHECKS:
            lines.append(f"{check:<12} {self.checked[check]:>9} {failed[check]:>6}")
        lines += [f"  ✗ {v.check}: {v.widget}: {v.detail}" for v in self.violations]
        return "\n".join(lines)


CHECKS = ("contrast", "target", "spacing", "name", "role", "cut", "colour only", "focus order")


def describe(widget: QWidget) -> str:
    name = widget.accessibleName() or _text(widget) or widget.objectName()
    return f"{type(widget).__name__} {name[:30]!r}"


def audit(window: QWidget, screen: str, *, high_contrast: bool = False) -> Report:
    """Every check over the visible widgets of ``window`` as it is drawn now."""
    report = Report(screen)
    image = window.grab().toImage()
    visible = [w for w in window.findChildren(QWidget) if _shown(w, window) and _on_top(window, w)]
    controls = [w for w in visible if _is_control(w)]
    _check_contrast(
        report, window, image, visible, HIGH_CONTRAST if high_contrast else NORMAL_CONTRAST
    )
    _check_targets(report, window, controls)
    _check_names(report, controls)
    _check_cut(report, window)
    _check_colour_only(report, window, image, visible)
    _check_focus_order(report, window, controls)
    return report


def assert_accessible(window: QWidget, screen: str, *, high_contrast: bool = False) -> Report:
    report = audit(window, screen, high_contrast=high_contrast)
    print(report.table())  # noqa: T201  (the table is the test output a reader wants)
    assert not report.violations, report.table()
    return report


# -- the checks -----------------------------------------------------------------------
def _check_contrast(
    report: Report, window: QWidget, image: QImage, widgets: list[QWidget], needed: float
) -> None:
    for widget in widgets:
        if not _text(widget) or (isinstance(widget, QLabel) and not widget.pixmap().isNull()):
            continue
        drawn, rect = _as_drawn(window, image, widget)
        if drawn is None:
            continue
        report.checked["contrast"] += 1
        # Inside the border and the focus ring: the background and the letters alone.
        inside = rect.adjusted(5, 5, -5, -5)
        background = _dominant_colour(drawn, inside)
        if background is None:
            continue
        letters = _strongest_against(drawn, inside, background)
        ratio = contrast_ratio(letters.name(), background.name())
        if ratio < needed:
            report.add(
                "contrast",
                widget,
                f"{letters.name()} on {background.name()} is {ratio:.2f}:1 (needs {needed}:1)",
            )


def _as_drawn(window: QWidget, image: QImage, widget: QWidget) -> tuple[QImage | None, QRect]:
    """The widget's pixels as on screen: from the window's grab when all of it is in
    sight; else drawn on its own (a field half scrolled under the page's edge), when it
    paints its own background (every widget styled with one does)."""
    rect = _rect_in(window, widget)
    if _visible_rect_in(window, widget) == rect:
        return image, rect
    own = widget.grab().toImage()
    corner = own.pixelColor(own.width() // 2, 1)
    if corner.alpha() < 255:
        return None, rect  # see-through: its background is its parents', not known here
    return own, own.rect()


def _check_targets(report: Report, window: QWidget, controls: list[QWidget]) -> None:
    for control in controls:
        report.checked["target"] += 1
        if control.width() < MIN_TARGET_PX or control.height() < MIN_TARGET_PX:
            size = f"{control.width()}x{control.height()} px"
            report.add("target", control, f"{size}, under {MIN_TARGET_PX}")
    # Spacing is measured between what can be touched: the parts not scrolled away.
    rects = [(c, _visible_rect_in(window, c)) for c in controls]
    for i, (a, ra) in enumerate(rects):
        for b, rb in rects[i + 1 :]:
            if a.isAncestorOf(b) or b.isAncestorOf(a):
                continue
            report.checked["spacing"] += 1
            gap = _gap(ra, rb)
            if gap < MIN_GAP_PX:
                report.add("spacing", a, f"{gap} px from {describe(b)}, under {MIN_GAP_PX}")


def _check_names(report: Report, controls: list[QWidget]) -> None:
    for control in controls:
        report.checked["name"] += 1
        report.checked["role"] += 1
        if not control.accessibleName().strip():
            report.add("name", control, "no accessible name")
        interface = QAccessible.queryAccessibleInterface(control)
        role = interface.role() if interface is not None else QAccessible.Role.NoRole
        if role in _VAGUE_ROLES:
            report.add("role", control, f"its role ({role.name}) does not say what it is")


def _check_cut(report: Report, window: QWidget) -> None:
    texts = [
        w
        for w in window.findChildren(QLabel) + window.findChildren(QAbstractButton)
        if _shown(w, window)
    ]
    report.checked["cut"] += sum(1 for w in texts if _text(w))
    for area in window.findChildren(QAbstractScrollArea):
        if _shown(area, window) and area.horizontalScrollBar().maximum() > 0:
            wider = area.horizontalScrollBar().maximum()
            report.add("cut", area, f"what it holds is {wider} px too wide: it scrolls sideways")
    for problem in cut_texts(window):
        report.violations.append(
            Violation("cut", problem.split(":", 1)[0], problem.split(":", 1)[-1].strip())
        )


def _check_colour_only(
    report: Report, window: QWidget, image: QImage, widgets: list[QWidget]
) -> None:
    """A small filled shape with no text, no icon and no picture that stands out from
    what is around it by its colour alone (a red dot for "wrong", a green one for "done")."""
    for widget in widgets:
        if _text(widget) or _is_control(widget) or widget.children() and _has_visible_child(widget):
            continue
        if isinstance(widget, QLabel) and not widget.pixmap().isNull():
            continue
        if not isinstance(widget, QFrame | QLabel) or widget.width() > 120 or widget.height() > 120:
            continue
        report.checked["colour only"] += 1
        own = _dominant_colour(image, _rect_in(window, widget))
        parent = widget.parentWidget()
        around = _dominant_colour(image, _rect_in(window, parent)) if parent is not None else None
        if own is not None and around is not None and own != around and widget.accessibleName():
            report.add(
                "colour only",
                widget,
                f"says {widget.accessibleName()!r} by its colour {own.name()} alone",
            )


def _check_focus_order(report: Report, window: QWidget, controls: list[QWidget]) -> None:
    """Press Tab round all the controls, as a keyboard or switch user does; then, from
    the first control read (top left), each step must go on in the reading order."""
    focusable = [c for c in controls if c.focusPolicy() & Qt.FocusPolicy.TabFocus and c.isEnabled()]
    if len(focusable) < 2:
        return
    had_focus = window.focusWidget()
    first = _first_read(focusable, window)  # before Tab scrolls anything
    scrolled = [(bar, bar.value()) for bar in window.findChildren(QScrollBar)]
    cycle = _tab_cycle(report, window, focusable[0])
    for control in focusable:
        if control not in cycle:
            report.add("focus order", control, "Tab never reaches it")
    start = cycle.index(first) if first in cycle else 0
    ordered = cycle[start:] + cycle[:start]
    _restore(scrolled)
    ordered[0].setFocus(Qt.FocusReason.TabFocusReason)
    for current, following in zip(ordered, ordered[1:], strict=False):
        QTest.keyClick(current, Qt.Key.Key_Tab)  # scrolls what it reaches into view
        report.checked["focus order"] += 1
        a, b = _rect_in(window, current), _rect_in(window, following)
        goes_up = b.bottom() < a.top() and b.left() < a.right()
        same_row = b.top() < a.bottom() and a.top() < b.bottom()
        goes_left = same_row and b.right() < a.left()
        if goes_up or goes_left:
            where = "up" if goes_up else "left"
            report.add(
                "focus order", following, f"the focus goes {where} to it from {describe(current)}"
            )
    if had_focus is not None:
        had_focus.setFocus(Qt.FocusReason.OtherFocusReason)
    _restore(scrolled)  # the screen as it was, for the screenshot after


def _restore(scrolled: list[tuple[QScrollBar, int]]) -> None:
    for bar, value in scrolled:
        bar.setValue(value)


def _first_read(widgets: list[QWidget], window: QWidget) -> QWidget:
    """The leftmost of the top row (widgets beside the topmost one, whatever their height)."""
    rects = {id(w): _rect_in(window, w) for w in widgets}
    top = min(widgets, key=lambda w: rects[id(w)].top())
    row = [w for w in widgets if rects[id(w)].top() < rects[id(top)].bottom()]
    return min(row, key=lambda w: rects[id(w)].left())


def _tab_cycle(report: Report, window: QWidget, start: QWidget) -> list[QWidget]:
    """The controls the focus visits, pressing Tab from ``start`` until it comes round."""
    start.setFocus(Qt.FocusReason.TabFocusReason)
    cycle = [start]
    for _ in range(len(window.findChildren(QWidget))):
        before = _text(cycle[-1])
        QTest.keyClick(cycle[-1], Qt.Key.Key_Tab)
        following = window.focusWidget()
        if isinstance(cycle[-1], QPlainTextEdit) and _text(cycle[-1]) != before:
            cycle[-1].undo()  # the Tab went into the text: the citizen's words as they were
        if following is None or following is cycle[-1]:
            report.add("focus order", cycle[-1], "Tab does not move the focus on from it")
            break
        if following in cycle:
            break
        cycle.append(following)
    return cycle


# -- helpers ---------------------------------------------------------------------------
def _shown(widget: QWidget, window: QWidget) -> bool:
    """Visible, and at least partly inside the window (a scrolled-away row is not shown)."""
    if not widget.isVisible():
        return False
    return _rect_in(window, widget).intersects(window.rect()) and not _clipped_away(widget)


def _on_top(window: QWidget, widget: QWidget) -> bool:
    """Not covered by an overlay (a question asked over the page): a touch at its middle
    reaches it, or something inside it."""
    middle = _visible_rect_in(window, widget).center()
    hit = window.childAt(middle)
    if hit is None:
        return False
    if widget.testAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents):
        return hit.isAncestorOf(widget)  # words drawn on a button: the touch goes to it
    return hit is widget or widget.isAncestorOf(hit)


def _clipped_away(widget: QWidget) -> bool:
    """Scrolled out of its scroll area's viewport."""
    rect = QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())
    parent = widget.parentWidget()
    while parent is not None:
        if parent.objectName() == "qt_scrollarea_viewport":
            view = QRect(parent.mapToGlobal(QPoint(0, 0)), parent.size())
            if not view.intersects(rect):
                return True
        parent = parent.parentWidget()
    return False


def _is_control(widget: QWidget) -> bool:
    """A widget the citizen works: a standard control, or one of our own that takes the
    focus when touched (a signature pad); a scroll area is a container, not a control."""
    if isinstance(widget, QScrollBar | QAbstractScrollArea) and not isinstance(
        widget, QPlainTextEdit | QTextEdit
    ):
        return False
    if isinstance(widget, CONTROL_TYPES):
        return True
    return _handles_touch_itself(widget) or bool(widget.focusPolicy() & Qt.FocusPolicy.ClickFocus)


def _handles_touch_itself(widget: QWidget) -> bool:
    """True when one of our own classes (not Qt's) handles the press of a finger."""
    for cls in type(widget).__mro__:
        if "mousePressEvent" in cls.__dict__:
            return not cls.__module__.startswith("PySide6")
    return False


def _has_visible_child(widget: QWidget) -> bool:
    return any(isinstance(c, QWidget) and c.isVisible() for c in widget.children())


def _text(widget: QWidget) -> str:
    if isinstance(widget, QLabel | QAbstractButton | QLineEdit):
        return widget.text().strip()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText().strip()
    return ""


def _visible_rect_in(window: QWidget, widget: QWidget) -> QRect:
    """The part of ``widget`` not hidden by its parents (a scroll area's edges), in
    window coordinates."""
    shown = widget.visibleRegion().boundingRect()
    return QRect(widget.mapTo(window, shown.topLeft()), shown.size())


def _rect_in(window: QWidget, widget: QWidget) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def _gap(a: QRect, b: QRect) -> int:
    """The distance between two rectangles; 0 when they touch or overlap."""
    dx = max(b.left() - a.right() - 1, a.left() - b.right() - 1, 0)
    dy = max(b.top() - a.bottom() - 1, a.top() - b.bottom() - 1, 0)
    return max(dx, dy)


def _strongest_against(image: QImage, rect: QRect, background: QColor) -> QColor:
    """The drawn colour in ``rect`` that stands out most from ``background``: the core
    of the letters (their anti-aliased edges are always fainter). The background
    itself when nothing is drawn on it, as for text the colour of its background."""
    rect = rect.intersected(image.rect())
    seen: Counter[int] = Counter()
    # Every other pixel: a stroke of a letter is wider than that at the kiosk's sizes.
    for y in range(rect.top(), rect.bottom() + 1, 2):
        for x in range(rect.left(), rect.right() + 1, 2):
            seen[image.pixel(x, y) & 0xFFFFFF] += 1
    best, best_ratio = background, 1.0
    for rgb, count in seen.items():
        if count < 2:  # a lone pixel is noise, not a letter
            continue
        colour = QColor(rgb)
        ratio = contrast_ratio(colour.name(), background.name())
        if ratio > best_ratio:
            best, best_ratio = colour, ratio
    return best


def _dominant_colour(image: QImage, rect: QRect) -> QColor | None:
    """The colour covering most of ``rect`` in ``image`` (sampled every few pixels)."""
    rect = rect.intersected(image.rect())
    if rect.isEmpty():
        return None
    step = max(1, min(rect.width(), rect.height()) // 24)
    counts: Counter[int] = Counter()
    for y in range(rect.top(), rect.bottom() + 1, step):
        for x in range(rect.left(), rect.right() + 1, step):
            counts[image.pixel(x, y) & 0xFFFFFF] += 1
    colour, _ = counts.most_common(1)[0]
    return QColor(colour)

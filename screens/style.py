"""Colours, sizes and the style sheet, chosen for elderly first-time users.

Touch targets are at least `TOUCH_TARGET_PX` high; every text/background pair in
`CONTRAST_PAIRS` has a contrast ratio of at least 4.5:1 (a test checks it). A
citizen who reads with difficulty can switch, from the header, to large type
(`LARGE_BODY_PT`) and to high contrast (`HIGH_CONTRAST`, every pair at least
7:1): `style_sheet` builds the style sheet for any combination of the two.
"""

from __future__ import annotations

from dataclasses import dataclass

TOUCH_TARGET_PX = 72
BUTTON_PADDING_X_PX = 28
SCROLL_BAR_PX = 32
"""Wide enough to see and to drag with a finger (the page itself also drags)."""
BODY_PT = 20
TITLE_PT = 34
LARGE_BODY_PT = 26
LARGE_TITLE_PT = 40


@dataclass(frozen=True, slots=True)
class Palette:
    """The colours of one look of the kiosk."""

    background: str
    text: str
    muted: str
    primary: str
    on_primary: str
    secondary_text: str
    error: str
    success: str
    header_bg: str
    on_header: str
    panel_bg: str
    warning_bg: str
    focus: str


STANDARD = Palette(
    background="#ffffff",
    text="#1a1a1a",
    muted="#4a4a4a",
    primary="#0b57a4",
    on_primary="#ffffff",
    secondary_text="#0b57a4",
    error="#b00020",
    success="#1e6b2e",
    header_bg="#0b3d6e",
    on_header="#ffffff",
    panel_bg="#eef3f8",
    warning_bg="#fff4d6",
    focus="#f0a000",
)

HIGH_CONTRAST = Palette(
    background="#000000",
    text="#ffffff",
    muted="#e6e6e6",
    primary="#ffd400",
    on_primary="#000000",
    secondary_text="#ffd400",
    error="#ff9e9e",
    success="#8ff0a4",
    header_bg="#000000",
    on_header="#ffffff",
    panel_bg="#1a1a1a",
    warning_bg="#262000",
    focus="#00e5ff",
)

BACKGROUND = STANDARD.background
TEXT = STANDARD.text
MUTED = STANDARD.muted
PRIMARY = STANDARD.primary
ON_PRIMARY = STANDARD.on_primary
ERROR = STANDARD.error
SUCCESS = STANDARD.success
HEADER_BG = STANDARD.header_bg
ON_HEADER = STANDARD.on_header
PANEL_BG = STANDARD.panel_bg
WARNING_BG = STANDARD.warning_bg


def contrast_pairs(palette: Palette) -> dict[str, tuple[str, str]]:
    """(foreground, background) pairs used on screen in ``palette``."""
    p = palette
    return {
        "body text": (p.text, p.background),
        "muted text": (p.muted, p.background),
        "primary button": (p.on_primary, p.primary),
        "secondary button": (p.secondary_text, p.background),
        "error text": (p.error, p.background),
        "success text": (p.success, p.background),
        "header": (p.on_header, p.header_bg),
        "panel text": (p.text, p.panel_bg),
        "muted panel text": (p.muted, p.panel_bg),
        "warning text": (p.text, p.warning_bg),
        "error on panel": (p.error, p.panel_bg),
    }


#: (foreground, background) pairs used on screen; each must reach 4.5:1.
CONTRAST_PAIRS = contrast_pairs(STANDARD)


def style_sheet(*, large: bool = False, high_contrast: bool = False) -> str:
    """The kiosk's style sheet in standard or large type, standard or high contrast."""
    body = LARGE_BODY_PT if large else BODY_PT
    title = LARGE_TITLE_PT if large else TITLE_PT
    p = HIGH_CONTRAST if high_contrast else STANDARD
    return f"""
QWidget {{ background: {p.background}; color: {p.text}; font-size: {body}pt; }}
QLabel#title {{ font-size: {title}pt; font-weight: bold; }}
QLabel#subtitle {{ font-size: {body + 4}pt; color: {p.muted}; }}
QLabel#hint {{ color: {p.muted}; font-size: {body - 2}pt; }}
QLabel#error {{ color: {p.error}; font-weight: bold; }}
QLabel#success {{ color: {p.success}; font-weight: bold; }}
QLabel#reminder {{
    font-size: {body + 4}pt; font-weight: bold; background: {p.warning_bg}; padding: 12px;
}}
QLabel#big_number {{ font-size: {title + 6}pt; font-weight: bold; color: {p.secondary_text}; }}
QFrame#header, QFrame#header QLabel {{ background: {p.header_bg}; color: {p.on_header}; }}
QFrame#header {{ border-bottom: 3px solid {p.on_header if high_contrast else p.header_bg}; }}
QFrame#panel, QFrame#panel QLabel {{ background: {p.panel_bg}; }}
QFrame#warning, QFrame#warning QLabel {{ background: {p.warning_bg}; }}
QPushButton {{
    min-height: {TOUCH_TARGET_PX}px; padding: 8px {BUTTON_PADDING_X_PX}px; border-radius: 10px;
    background: {p.primary}; color: {p.on_primary}; border: 3px solid {p.primary};
}}
QPushButton#secondary {{ background: {p.background}; color: {p.secondary_text}; }}
QPushButton QLabel#button_words {{ background: transparent; color: {p.on_primary}; }}
QPushButton#secondary QLabel#button_words {{ color: {p.secondary_text}; }}
QPushButton#choice {{ background: {p.background}; color: {p.secondary_text}; text-align: left; }}
QPushButton#choice:checked {{ background: {p.primary}; color: {p.on_primary}; }}
QPushButton#header_button {{
    background: {p.header_bg}; color: {p.on_header}; border: 3px solid {p.on_header};
}}
QPushButton#header_button:checked {{ background: {p.on_header}; color: {p.header_bg}; }}
QPushButton:focus {{ border: 4px solid {p.focus}; }}
QLineEdit, QPlainTextEdit {{
    min-height: {TOUCH_TARGET_PX - 8}px; padding: 6px 12px; border: 3px solid {p.muted};
    border-radius: 8px; background: {p.background}; color: {p.text};
}}
QLineEdit:focus, QPlainTextEdit:focus {{ border: 4px solid {p.primary}; }}
QLineEdit[readOnly="true"] {{ background: {p.panel_bg}; }}
QLineEdit[invalid="true"], QPlainTextEdit[invalid="true"] {{ border: 4px solid {p.error}; }}
QScrollBar:vertical {{ width: {SCROLL_BAR_PX}px; background: {p.panel_bg}; border: none; margin: 0; }}
QScrollBar::handle:vertical {{
    background: {p.muted}; min-height: {TOUCH_TARGET_PX}px; border-radius: 10px; margin: 4px;
}}
QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical {{ height: 0; border: none; }}
QScrollBar::add-page:vertical, QScrollBar::sub-page:vertical {{ background: none; }}
"""


STYLE_SHEET = style_sheet()


def relative_luminance(hex_colour: str) -> float:
    """WCAG 2 relative luminance of an sRGB colour like "#0b57a4"."""
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio between two colours (1 to 21)."""
    a, b = sorted((relative_luminance(foreground), relative_luminance(background)), reverse=True)
    return (a + 0.05) / (b + 0.05)

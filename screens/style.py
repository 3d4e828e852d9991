"""Colours, sizes and the style sheet, chosen for elderly first-time users.

Touch targets are at least `TOUCH_TARGET_PX` high; every text/background pair in
`CONTRAST_PAIRS` has a contrast ratio of at least 4.5:1 (a test checks it).
"""

from __future__ import annotations

TOUCH_TARGET_PX = 72
BUTTON_PADDING_X_PX = 28
SCROLL_BAR_PX = 32
"""Wide enough to see and to drag with a finger (the page itself also drags)."""
BODY_PT = 20
TITLE_PT = 34

BACKGROUND = "#ffffff"
TEXT = "#1a1a1a"
MUTED = "#4a4a4a"
PRIMARY = "#0b57a4"
ON_PRIMARY = "#ffffff"
ERROR = "#b00020"
SUCCESS = "#1e6b2e"
HEADER_BG = "#0b3d6e"
ON_HEADER = "#ffffff"
PANEL_BG = "#eef3f8"
WARNING_BG = "#fff4d6"

#: (foreground, background) pairs used on screen; each must reach 4.5:1.
CONTRAST_PAIRS = {
    "body text": (TEXT, BACKGROUND),
    "muted text": (MUTED, BACKGROUND),
    "primary button": (ON_PRIMARY, PRIMARY),
    "secondary button": (PRIMARY, BACKGROUND),
    "error text": (ERROR, BACKGROUND),
    "success text": (SUCCESS, BACKGROUND),
    "header": (ON_HEADER, HEADER_BG),
    "panel text": (TEXT, PANEL_BG),
    "warning text": (TEXT, WARNING_BG),
}

STYLE_SHEET = f"""
QWidget {{ background: {BACKGROUND}; color: {TEXT}; font-size: {BODY_PT}pt; }}
QLabel#title {{ font-size: {TITLE_PT}pt; font-weight: bold; }}
QLabel#subtitle {{ font-size: {BODY_PT + 4}pt; color: {MUTED}; }}
QLabel#hint {{ color: {MUTED}; font-size: {BODY_PT - 2}pt; }}
QLabel#error {{ color: {ERROR}; font-weight: bold; }}
QLabel#success {{ color: {SUCCESS}; font-weight: bold; }}
QLabel#reminder {{
    font-size: {BODY_PT + 4}pt; font-weight: bold; background: {WARNING_BG}; padding: 12px;
}}
QLabel#big_number {{ font-size: {TITLE_PT + 6}pt; font-weight: bold; color: {PRIMARY}; }}
QFrame#header, QFrame#header QLabel {{ background: {HEADER_BG}; color: {ON_HEADER}; }}
QFrame#panel, QFrame#panel QLabel {{ background: {PANEL_BG}; }}
QFrame#warning, QFrame#warning QLabel {{ background: {WARNING_BG}; }}
QPushButton {{
    min-height: {TOUCH_TARGET_PX}px; padding: 8px {BUTTON_PADDING_X_PX}px; border-radius: 10px;
    background: {PRIMARY}; color: {ON_PRIMARY}; border: 3px solid {PRIMARY};
}}
QPushButton#secondary {{ background: {BACKGROUND}; color: {PRIMARY}; }}
QPushButton#choice {{ background: {BACKGROUND}; color: {PRIMARY}; text-align: left; }}
QPushButton#choice:checked {{ background: {PRIMARY}; color: {ON_PRIMARY}; }}
QPushButton#header_button {{ background: {HEADER_BG}; color: {ON_HEADER}; border: 3px solid {ON_HEADER}; }}
QPushButton:focus {{ border: 4px solid #f0a000; }}
QLineEdit, QPlainTextEdit {{
    min-height: {TOUCH_TARGET_PX - 8}px; padding: 6px 12px; border: 3px solid {MUTED};
    border-radius: 8px; background: {BACKGROUND}; color: {TEXT};
}}
QLineEdit:focus, QPlainTextEdit:focus {{ border: 4px solid {PRIMARY}; }}
QLineEdit[readOnly="true"] {{ background: {PANEL_BG}; }}
QLineEdit[invalid="true"], QPlainTextEdit[invalid="true"] {{ border: 4px solid {ERROR}; }}
QScrollBar:vertical {{ width: {SCROLL_BAR_PX}px; background: {PANEL_BG}; border: none; margin: 0; }}
QScrollBar::handle:vertical {{
    background: {MUTED}; min-height: {TOUCH_TARGET_PX}px; border-radius: 10px; margin: 4px;
}}
QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical {{ height: 0; border: none; }}
QScrollBar::add-page:vertical, QScrollBar::sub-page:vertical {{ background: none; }}
"""


def relative_luminance(hex_colour: str) -> float:
    """WCAG 2 relative luminance of an sRGB colour like "#0b57a4"."""
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio between two colours (1 to 21)."""
    a, b = sorted((relative_luminance(foreground), relative_luminance(background)), reverse=True)
    return (a + 0.05) / (b + 0.05)

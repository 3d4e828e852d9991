"""Finding and registering an embeddable CJK TrueType font for reportlab.

Printed documents must embed their font: a PDF that relies on the printer's
CID fonts comes out of the CUPS filter chain as garbage. reportlab cannot embed
the CFF-flavoured Noto CJK fonts, so the TrueType WenQuanYi faces are used.
"""

from __future__ import annotations

import threading
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

CJK_FONT_NAME = "KioskCJK"

_registering = threading.Lock()
"""The kiosk registers the font on a worker at start while a document may be made on
another: the font is parsed once, not twice over."""

CANDIDATES = (
    Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
    Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
)


class FontMissingError(RuntimeError):
    """No embeddable CJK TrueType font was found."""


def register_cjk_font(configured: Path | None = None) -> str:
    """Register the CJK font with reportlab once and return its name."""
    with _registering:
        if CJK_FONT_NAME in pdfmetrics.getRegisteredFontNames():
            return CJK_FONT_NAME
        for path in ((configured,) if configured else ()) + CANDIDATES:
            if path is not None and path.is_file():
                pdfmetrics.registerFont(TTFont(CJK_FONT_NAME, str(path), subfontIndex=0))
                return CJK_FONT_NAME
    raise FontMissingError(
        "no embeddable CJK TrueType font found; install fonts-wqy-microhei "
        "or set documents.cjk_font in the configuration"
    )

"""The face from an identity document, in a form any screen can draw.

Passport chips carry the face as JPEG or JPEG 2000 (ICAO 9303 DG2). Qt draws
JPEG but its JPEG 2000 plugin is not shipped with PySide6, so JPEG 2000 is
converted to PNG here, with Pillow, on the worker thread that read the document.
Resident ID cards carry a WLT photo whose decoder is licensed by the reader
vendor: the kiosk keeps the bytes and shows no photo for them.
"""

from __future__ import annotations

import io
import logging

from PIL import Image, UnidentifiedImageError

from devices.identity import IdentityDocument

log = logging.getLogger(__name__)

DRAWABLE_AS_IS = frozenset({"image/jpeg", "image/png"})
CONVERTED = frozenset({"image/jp2", "image/j2c"})
LICENSED_FORMATS = frozenset({"application/x-wlt"})

_MAX_PIXELS = 4_000_000  # a DG2 face is ~ 480 x 640; anything far larger is not a face


def drawable_face(document: IdentityDocument) -> bytes | None:
    """JPEG or PNG bytes of the document's face, or None when there is none to show."""
    media = document.photo_media_type
    if not document.photo or media in LICENSED_FORMATS:
        return None
    if media in DRAWABLE_AS_IS:
        return document.photo
    if media in CONVERTED:
        return _to_png(document.photo)
    log.info("face in %r not shown: unknown format", media)
    return None


def _to_png(data: bytes) -> bytes | None:
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.width * image.height > _MAX_PIXELS:
                return None
            out = io.BytesIO()
            image.convert("RGB").save(out, format="PNG")
            return out.getvalue()
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        log.warning("face could not be converted: %s", exc)
        return None

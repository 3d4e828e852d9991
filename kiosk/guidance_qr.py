"""The guidance slip's QR text: ``KSV1|guidance|<service code>``.

A kiosk's scanner that reads it opens that service's guidance (starting
nothing). Kept apart from the slip's layout so the window can recognise a scan
without loading reportlab.
"""

from __future__ import annotations

QR_PREFIX = "KSV1|guidance|"


def guidance_qr(service_code: str) -> str:
    return f"{QR_PREFIX}{service_code}"


def service_in_guidance_qr(text: str) -> str | None:
    """The service code a scanned guidance QR names, or None for another code."""
    if not text.startswith(QR_PREFIX):
        return None
    code = text[len(QR_PREFIX) :].strip()
    return code if code and code.isprintable() and len(code) <= 64 else None

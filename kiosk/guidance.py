"""Printing a service's guidance slip on the document printer, off the UI thread.

The slip holds nothing personal, so it is not journaled like a receipt: if it
does not come out the citizen simply asks again. Its PDF is deleted once sent.
"""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

from devices.protocols import DocumentPrinter, PrintOutcome, PrintResult
from kiosk.catalogue import Service
from kiosk.clock import Clock

log = logging.getLogger(__name__)


class GuidanceDesk:
    def __init__(self, printer: DocumentPrinter, clock: Clock, font: Path | None = None) -> None:
        self._printer = printer
        self._clock = clock
        self._font = font

    def print_guidance(self, service: Service) -> PrintResult:
        # reportlab loads with the first slip, not at the kiosk's start.
        from kiosk.documents.guidance_slip import write_guidance_pdf

        with tempfile.TemporaryDirectory(prefix="kiosk-guidance-") as folder:
            pdf = Path(folder) / f"guidance-{service.code}.pdf"
            try:
                write_guidance_pdf(service, pdf, printed_at=self._clock.now(), font_path=self._font)
            except Exception:
                log.exception("the guidance slip could not be made")
                return PrintResult(PrintOutcome.FAILED, detail="the slip could not be made")
            return self._printer.print_pdf(pdf, title=f"guidance {service.code}")

"""The receipt desk: renders the receipt PDF and sends it to the document printer."""

from __future__ import annotations

import logging
from pathlib import Path

from devices.protocols import DocumentPrinter, PrintOutcome, PrintResult
from kiosk.documents.fonts import FontMissingError
from kiosk.documents.receipt import ReceiptData, write_receipt_pdf

log = logging.getLogger(__name__)


class PrintingReceiptDesk:
    def __init__(self, printer: DocumentPrinter, folder: Path, font: Path | None = None) -> None:
        self._printer = printer
        self._folder = folder
        self._font = font

    def print_receipt(self, receipt: ReceiptData) -> PrintResult:
        try:
            self._folder.mkdir(parents=True, exist_ok=True)
            pdf = write_receipt_pdf(
                receipt, self._folder / f"receipt-{receipt.reference}.pdf", font_path=self._font
            )
        except (OSError, FontMissingError) as exc:
            log.exception("could not make the receipt")
            return PrintResult(PrintOutcome.FAILED, detail=f"could not make the receipt: {exc}")
        return self._printer.print_pdf(pdf, title=f"receipt-{receipt.qr_payload}")

"""Real printer drivers: PDFs through CUPS, tickets on ESC/POS thermal printers.

`CupsDocumentPrinter` imports pycups only when used (the optional ``cups`` extra).
The error model and the retry rule are in devices/printers/README.md.
"""

from devices.printers.cups import CupsDocumentPrinter
from devices.printers.escpos import EscposReceiptPrinter
from devices.printers.escpos_connections import (
    EscposConnection,
    NetworkConnection,
    SerialConnection,
    UsbConnection,
    connection_from_config,
)

__all__ = [
    "CupsDocumentPrinter",
    "EscposConnection",
    "EscposReceiptPrinter",
    "NetworkConnection",
    "SerialConnection",
    "UsbConnection",
    "connection_from_config",
]

"""Barcode and QR scanners: keyboard-wedge detection and serial-port scanners.

`WedgeDetector` is pure Python for the Qt shell to feed with key events;
`SerialCodeScanner` implements `devices.protocols.CodeScanner` over pyserial.
See devices/scanners/README.md.
"""

from devices.scanners.framing import LineFramer
from devices.scanners.serial_scanner import SerialCodeScanner
from devices.scanners.wedge import WedgeDetector, WedgeOutput

__all__ = ["LineFramer", "SerialCodeScanner", "WedgeDetector", "WedgeOutput"]

"""Simulators for every device kind, controllable at run time (demo and tests).

Identity reader (resident card or passport, MRZ key, pull, unplug), document
printer, receipt printer and code scanner: none needs hardware or ``../shared``.
"""

from devices.simulated.id_reader import SimulatedIdReader, synthetic_resident_card
from devices.simulated.passport import passport_mrz_lines, synthetic_face_jpeg, synthetic_passport
from devices.simulated.printer import SimulatedPrinter
from devices.simulated.receipt_printer import SimulatedReceiptPrinter, render_ticket
from devices.simulated.scanner import SimulatedScanner

__all__ = [
    "SimulatedIdReader",
    "SimulatedPrinter",
    "SimulatedReceiptPrinter",
    "SimulatedScanner",
    "passport_mrz_lines",
    "render_ticket",
    "synthetic_face_jpeg",
    "synthetic_passport",
    "synthetic_resident_card",
]

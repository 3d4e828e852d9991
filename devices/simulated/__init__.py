"""Simulators for every device kind, controllable at run time (demo and tests)."""

from devices.simulated.id_reader import SimulatedIdReader, synthetic_resident_card
from devices.simulated.printer import SimulatedPrinter

__all__ = ["SimulatedIdReader", "SimulatedPrinter", "synthetic_resident_card"]

"""A simulated document printer: "prints" a PDF by copying it into an output folder.

It is the development and demo printer, and the one tests inspect. Paper out and
offline can be set at run time; a job printed while the printer is out of paper
fails and leaves no file, exactly as a real job that never came out.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from devices.protocols import PrintOutcome, PrintResult
from devices.simulated.printer_controls import PrinterControls
from devices.status import DeviceState, DeviceStatus

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


class SimulatedPrinter(PrinterControls):
    """Writes each printed PDF to ``output_dir/<title>-<n>.pdf``."""

    def __init__(self, output_dir: Path, name: str = "printer") -> None:
        super().__init__()
        self.name = name
        self.output_dir = Path(output_dir)
        self._jobs = 0

    def status(self) -> DeviceStatus:
        with self._lock:
            if not self._online:
                return DeviceStatus(DeviceState.OFFLINE, "printer offline")
            if self._paper == "out":
                return DeviceStatus(DeviceState.USER_ERROR, "paper out", media="out")
            return DeviceStatus(
                DeviceState.ONLINE,
                "simulated printer",
                media=self._paper,
                presented=self._presented,
            )

    def print_pdf(self, pdf: Path, *, title: str) -> PrintResult:
        with self._lock:
            if not self._online:
                return PrintResult(PrintOutcome.OFFLINE, detail="printer offline")
            if self._paper == "out":
                return PrintResult(PrintOutcome.PAPER_OUT, detail="paper out")
            self._jobs += 1
            job = self._jobs
        try:
            self.output_dir.mkdir(parents=True, exist_ok=True)
            target = self.output_dir / f"{_UNSAFE.sub('_', title)}-{job}.pdf"
            shutil.copyfile(pdf, target)
        except OSError as exc:
            return PrintResult(PrintOutcome.FAILED, detail=f"could not write the output: {exc}")
        with self._lock:
            self._presented = True
        return PrintResult(PrintOutcome.PRINTED, job_id=str(target))

    def close(self) -> None:
        """Nothing to release."""

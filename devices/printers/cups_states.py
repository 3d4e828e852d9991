"""IPP words from CUPS turned into the kiosk's status and print outcomes.

Pure functions over the attribute dictionaries pycups returns, so the mapping is
tested without a scheduler. IPP keywords (RFC 8011 §5.4.12, §5.3.8 and the PWG
registry) may carry a ``-report``/``-warning``/``-error`` suffix; the suffix
decides how serious a reason is, the stem decides which reason it is.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from devices.protocols import PrintOutcome
from devices.status import DeviceState, DeviceStatus


class PrinterState(IntEnum):
    """IPP ``printer-state`` (RFC 8011 §5.4.11)."""

    IDLE = 3
    PROCESSING = 4
    STOPPED = 5


class JobState(IntEnum):
    """IPP ``job-state`` (RFC 8011 §5.3.7)."""

    PENDING = 3
    PENDING_HELD = 4
    PROCESSING = 5
    PROCESSING_STOPPED = 6
    CANCELED = 7
    ABORTED = 8
    COMPLETED = 9

    @property
    def final(self) -> bool:
        """True once the job can no longer change (canceled, aborted, completed)."""
        return self >= JobState.CANCELED


_SUFFIXES = ("-error", "-warning", "-report")

# Stems that mean "no paper": the job cannot come out until someone refills.
_PAPER_OUT = {"media-empty", "media-needed", "input-tray-missing"}
_JAM = {"media-jam", "input-tray-jam", "output-tray-jam"}
_COVER = {"door-open", "cover-open", "interlock-open"}
_OFFLINE = {"offline", "shutdown", "timed-out", "connecting-to-device"}
_SUPPLY_OUT = {"toner-empty", "marker-supply-empty", "developer-empty", "opc-life-over"}
_SUPPLY_LOW = {"toner-low", "marker-supply-low", "developer-low", "opc-near-eol"}


def split_reason(keyword: str) -> tuple[str, str]:
    """Split ``media-empty-error`` into (``media-empty``, ``error``); no suffix → "error",
    except CUPS's own ``cups-…`` words, which are notes ("report").

    RFC 8011 says a keyword without a suffix is to be read as an error. CUPS sends
    its own words without one: ``cups-waiting-for-job-completed`` ("Waiting for
    printer to finish.") is every network printer finishing a job, and read as an
    error it cancelled the job while it printed. The CUPS words that do mean
    trouble (a missing filter) are named and checked by their stem.
    """
    for suffix in _SUFFIXES:
        if keyword.endswith(suffix):
            return keyword[: -len(suffix)], suffix[1:]
    return keyword, "report" if keyword.startswith("cups-") else "error"


def as_keywords(value: Any) -> tuple[str, ...]:
    """pycups gives a one-valued keyword set as ``str`` and a longer one as ``list``."""
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,) if value and value != "none" else ()
    if isinstance(value, Iterable):
        return tuple(str(v) for v in value if v and v != "none")
    return (str(value),)


def printer_status(attrs: Mapping[str, Any]) -> DeviceStatus:
    """Map ``printer-state``, ``printer-state-reasons``, ``printer-state-message`` and
    ``printer-is-accepting-jobs`` to a `DeviceStatus` with a human reason."""
    try:
        state = PrinterState(int(attrs.get("printer-state", PrinterState.IDLE)))
    except ValueError:
        state = PrinterState.IDLE
    message = str(attrs.get("printer-state-message") or "").strip()
    reasons = as_keywords(attrs.get("printer-state-reasons"))
    accepting = bool(attrs.get("printer-is-accepting-jobs", True))

    def why(text: str) -> str:
        return f"{text} ({message})" if message and message.lower() not in text.lower() else text

    stems: dict[str, str] = {}
    for keyword in reasons:
        stem, severity = split_reason(keyword)
        stems[stem] = severity
    serious = {s for s, sev in stems.items() if sev == "error"}

    # Order matters: the condition a technician must fix first is named first.
    if serious & _PAPER_OUT or "media-empty" in stems:
        return DeviceStatus(DeviceState.USER_ERROR, why("paper out"), media="out")
    if serious & _JAM:
        return DeviceStatus(DeviceState.USER_ERROR, why("paper jam"), media="out")
    if serious & _COVER or stems.keys() & _COVER:
        return DeviceStatus(DeviceState.USER_ERROR, why("cover or door open"))
    if serious & _SUPPLY_OUT:
        return DeviceStatus(DeviceState.USER_ERROR, why("toner or ink empty"))
    if serious & _OFFLINE or "offline" in stems:
        return DeviceStatus(DeviceState.OFFLINE, why("printer offline or not reachable"))
    if "paused" in stems or state is PrinterState.STOPPED:
        return DeviceStatus(
            DeviceState.OFFLINE, why("queue stopped (disabled); jobs would wait, not print")
        )
    if not accepting:
        return DeviceStatus(DeviceState.OFFLINE, why("queue is rejecting jobs"))
    if "cups-missing-filter" in stems or "cups-insecure-filter" in stems:
        return DeviceStatus(DeviceState.HARDWARE_ERROR, why("driver filter missing or unusable"))
    if serious:
        return DeviceStatus(DeviceState.HARDWARE_ERROR, why(", ".join(sorted(serious))))

    media = "low" if stems.keys() & {"media-low"} else "ok"
    notes = sorted(stems.keys() & ({"media-low"} | _SUPPLY_LOW))
    base = "printing" if state is PrinterState.PROCESSING else "ready"
    reason = (f"{base}; " + ", ".join(n.replace("-", " ") for n in notes)) if notes else base
    return DeviceStatus(DeviceState.ONLINE, why(reason), media=media)


def outcome_for_status(status: DeviceStatus) -> PrintOutcome:
    """The outcome to report when a job is refused or stopped because of ``status``."""
    if status.media == "out":
        return PrintOutcome.PAPER_OUT
    if status.state in (DeviceState.OFFLINE, DeviceState.NO_DEVICE):
        return PrintOutcome.OFFLINE
    return PrintOutcome.FAILED


@dataclass(frozen=True, slots=True)
class JobView:
    """The parts of ``Get-Job-Attributes`` the driver follows."""

    state: JobState
    reasons: tuple[str, ...]
    message: str = ""

    @classmethod
    def from_attrs(cls, attrs: Mapping[str, Any]) -> JobView:
        return cls(
            state=JobState(int(attrs["job-state"])),
            reasons=as_keywords(attrs.get("job-state-reasons")),
            message=str(attrs.get("job-printer-state-message") or "").strip(),
        )

    @property
    def retry_safe(self) -> bool:
        """True only when CUPS says the job ended without printing (canceled or aborted)."""
        return self.state in (JobState.CANCELED, JobState.ABORTED)

    def describe(self) -> str:
        words = self.state.name.lower().replace("_", "-")
        if self.reasons:
            words += " [" + ", ".join(self.reasons) + "]"
        if self.message:
            words += f": {self.message}"
        return words

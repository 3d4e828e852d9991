"""IPP printer and job attributes mapped to kiosk status and print outcomes (no cupsd needed)."""

from __future__ import annotations

import sys
from typing import Any

import pytest

from devices.printers.cups_states import JobState, JobView, outcome_for_status, printer_status
from devices.protocols import PrintOutcome
from devices.status import DeviceState


def attrs(
    state: int = 3, reasons: Any = "none", message: str = "", accepting: bool = True
) -> dict[str, Any]:
    return {
        "printer-state": state,
        "printer-state-reasons": reasons,
        "printer-state-message": message,
        "printer-is-accepting-jobs": accepting,
    }


@pytest.mark.parametrize(
    ("given", "state", "reason", "media", "outcome"),
    [
        (attrs(), DeviceState.ONLINE, "ready", "ok", PrintOutcome.PRINTED),
        (
            attrs(4, ["media-low-report"]),
            DeviceState.ONLINE,
            "printing; media low",
            "low",
            PrintOutcome.PRINTED,
        ),
        (
            attrs(5, ["media-empty-error"]),
            DeviceState.USER_ERROR,
            "paper out",
            "out",
            PrintOutcome.PAPER_OUT,
        ),
        (
            attrs(3, "media-needed"),
            DeviceState.USER_ERROR,
            "paper out",
            "out",
            PrintOutcome.PAPER_OUT,
        ),
        (
            attrs(5, ["door-open-error"]),
            DeviceState.USER_ERROR,
            "cover or door open",
            None,
            PrintOutcome.FAILED,
        ),
        (
            attrs(5, ["offline-report"], "unplugged"),
            DeviceState.OFFLINE,
            "printer offline or not reachable (unplugged)",
            None,
            PrintOutcome.OFFLINE,
        ),
        (
            attrs(5, ["paused"], "Paused"),
            DeviceState.OFFLINE,
            "queue stopped (disabled); jobs would wait, not print (Paused)",
            None,
            PrintOutcome.OFFLINE,
        ),
        (
            attrs(accepting=False),
            DeviceState.OFFLINE,
            "queue is rejecting jobs",
            None,
            PrintOutcome.OFFLINE,
        ),
        (
            attrs(3, ["cups-missing-filter-warning"]),
            DeviceState.HARDWARE_ERROR,
            "driver filter missing or unusable",
            None,
            PrintOutcome.FAILED,
        ),
        (
            # A network printer finishing the job: CUPS's own word, without a suffix.
            attrs(4, "cups-waiting-for-job-completed", "Waiting for printer to finish."),
            DeviceState.ONLINE,
            "printing (Waiting for printer to finish.)",
            "ok",
            PrintOutcome.PRINTED,
        ),
        (
            attrs(3, "cups-missing-filter"),
            DeviceState.HARDWARE_ERROR,
            "driver filter missing or unusable",
            None,
            PrintOutcome.FAILED,
        ),
        (
            attrs(3, ["fuser-over-temp-error"]),
            DeviceState.HARDWARE_ERROR,
            "fuser-over-temp",
            None,
            PrintOutcome.FAILED,
        ),
    ],
)
def test_printer_attributes_become_status_with_a_human_reason(
    given: dict[str, Any], state: DeviceState, reason: str, media: str | None, outcome: PrintOutcome
) -> None:
    status = printer_status(given)

    assert (status.state, status.reason, status.media) == (state, reason, media)
    if not status.usable:
        assert outcome_for_status(status) is outcome


def test_only_canceled_and_aborted_jobs_are_safe_to_print_again() -> None:
    safe = {s for s in JobState if JobView(s, ()).retry_safe}

    assert safe == {JobState.CANCELED, JobState.ABORTED}
    assert {s for s in JobState if s.final} == {
        JobState.CANCELED,
        JobState.ABORTED,
        JobState.COMPLETED,
    }


def test_job_reasons_come_as_one_string_or_a_list() -> None:
    one = JobView.from_attrs({"job-state": 9, "job-state-reasons": "job-completed-successfully"})
    two = JobView.from_attrs(
        {"job-state": 8, "job-state-reasons": ["aborted-by-system", "job-printing"]}
    )

    assert one.describe() == "completed [job-completed-successfully]"
    assert two.reasons == ("aborted-by-system", "job-printing")


def test_missing_pycups_is_a_clear_config_error_at_use_not_at_import(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from devices.errors import DeviceConfigError
    from devices.printers.cups import CupsDocumentPrinter

    monkeypatch.setitem(sys.modules, "cups", None)  # what `import cups` meets without pycups
    printer = CupsDocumentPrinter("kiosk-pdf")

    with pytest.raises(DeviceConfigError, match="pycups"):
        printer.status()

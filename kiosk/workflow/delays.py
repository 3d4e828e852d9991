"""Every timeout of the citizen's session in one place; tests pass tiny values."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Delays:
    idle_timeout_s: float = 120.0
    """Seconds without a touch before the session ends and the data is wiped."""

    idle_warning_s: float = 30.0
    """Seconds before the end at which the citizen is warned with a countdown."""

    id_poll_s: float = 1.0
    """Seconds between two attempts to read a document not yet on the reader."""

    finished_return_s: float = 60.0
    """Seconds the result screen stays up after the receipt, before attract."""

    card_taken_s: float = 10.0
    """Seconds the "you took your card" warning counts down before the session ends, once
    the card is lifted off a step that no longer needs it (`kiosk.workflow.leaving`)."""

    slip_left_s: float = 60.0
    """Seconds a printout may wait in the printer's slot, on a step the citizen is done
    with, before the session ends (the last `idle_warning_s`, at most half, warn)."""

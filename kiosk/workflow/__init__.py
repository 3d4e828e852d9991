"""The citizen's session as a pure state machine, driven without Qt."""

from kiosk.workflow.delays import Delays
from kiosk.workflow.machine import KioskWorkflow
from kiosk.workflow.states import (
    Attract,
    Filling,
    Finished,
    IdentityCheck,
    Reviewing,
    ServiceMenu,
    State,
    Submitting,
)

__all__ = [
    "Attract",
    "Delays",
    "Filling",
    "Finished",
    "IdentityCheck",
    "KioskWorkflow",
    "Reviewing",
    "ServiceMenu",
    "State",
    "Submitting",
]

"""What the window shows of the kiosk's availability: out of service between citizens
(the central's maintenance command), and the calm word that the network is down on
the screens where an application is about to be, or is being, sent.

Maintenance never interrupts a citizen: the window draws the out-of-service
screen only in place of the attract screen, so whoever is in a session finishes
it and the kiosk goes out of service as it returns to the start.
"""

from __future__ import annotations

from PySide6.QtWidgets import QStackedWidget

from kiosk.sync.connection import ConnectionState
from kiosk.workflow.states import Reviewing, State, Submitting
from screens.connection_notice import ConnectionNotice
from screens.out_of_service import OutOfServiceScreen

#: The steps where the network matters to a citizen: their application goes out from them.
_SENDING_STEPS = (Reviewing, Submitting)


class Availability:
    """Holds the out-of-service screen (in ``stack``) and the connection notice band."""

    def __init__(self, stack: QStackedWidget) -> None:
        self._stack = stack
        self.screen = OutOfServiceScreen()
        stack.addWidget(self.screen)
        self.notice = ConnectionNotice()
        self.out_of_service = False
        self.offline = False
        """True while what a citizen submits waits on the kiosk (offline, or refused)."""

    def set_out_of_service(self, on: bool) -> bool:
        """True when it changed (the window then draws again)."""
        changed = on != self.out_of_service
        self.out_of_service = on
        return changed

    def set_connection(self, state: ConnectionState) -> bool:
        """True when what citizens are told changed."""
        offline = state.citizen_offline
        changed = offline != self.offline
        self.offline = offline
        return changed

    def show_out_of_service(self) -> None:
        self.screen.show_state()
        self._stack.setCurrentWidget(self.screen)

    def show_notice(self, state: State) -> None:
        """The connection notice on the sending steps while offline; hidden elsewhere."""
        self.notice.show_notice(self.offline and isinstance(state, _SENDING_STEPS))

"""PC/SC smart-card access over pyscard: connections, error mapping, presence monitor.

Public API:

* `list_readers`, `PcscContext`, `find_reader`, `CardConnection`: talk to a card.
* `PresenceMonitor` (+ `PresenceEvent`, `PresenceKind`): debounced, self-healing
  card/reader presence with callbacks from its own thread.
* `PcscError` and its subclasses `CardRemovedError`, `ReaderUnavailableError`,
  `ServiceUnavailableError`, `CardBusyError`: every PC/SC failure, mapped once.
"""

from devices.pcsc.connection import CardConnection, PcscContext, find_reader, list_readers
from devices.pcsc.errors import (
    CardBusyError,
    CardRemovedError,
    PcscError,
    ReaderUnavailableError,
    ServiceUnavailableError,
)
from devices.pcsc.monitor import PresenceMonitor
from devices.pcsc.presence import PresenceDebouncer, PresenceEvent, PresenceKind

__all__ = [
    "CardBusyError",
    "CardConnection",
    "CardRemovedError",
    "PcscContext",
    "PcscError",
    "PresenceDebouncer",
    "PresenceEvent",
    "PresenceKind",
    "PresenceMonitor",
    "ReaderUnavailableError",
    "ServiceUnavailableError",
    "find_reader",
    "list_readers",
]

"""Exceptions of the device layer, raised only for bugs and broken configuration.

Expected conditions are values (`ReadResult`, `PrintResult`, `DeviceStatus`), never
exceptions. A driver wraps every third-party exception it cannot turn into a
value with ``raise ... from exc``::

    DeviceError
    ├── DeviceConfigError      configuration names an unknown driver or bad option
    ├── ReaderError            identity-document reader failure that is not a card condition
    │   └── ProtocolError      a peer answered with bytes that break the protocol
    └── PrinterError           printer failure that is not a media condition
"""


class DeviceError(Exception):
    """Base class of every exception the device layer raises."""


class DeviceConfigError(DeviceError):
    """The configuration names an unknown driver or an invalid option."""


class ReaderError(DeviceError):
    """An identity-document reader failed in a way that is not a card condition."""


class ProtocolError(ReaderError):
    """A peer answered with bytes that break the protocol (bad frame, bad TLV, bad MAC)."""


class PrinterError(DeviceError):
    """A printer failed in a way that is not a media condition."""

"""The kiosk core: session, service workflows and form engine, catalogue, sync,
documents, configuration and command line. Qt-free except `kiosk.shell`."""

__version__ = "0.1.0"

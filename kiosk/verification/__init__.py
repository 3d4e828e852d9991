"""Signed slips anyone can check offline: licences signed by the central (``KCV1``) and
acceptance receipts signed by the kiosk (``KRV2``), verified against cached public keys.

Qt-free: the ``kiosk verify`` command, the receipt desk and the kiosk's "scan to
verify" screen all use it.
"""

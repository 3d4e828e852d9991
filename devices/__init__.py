"""The device layer: one small Protocol per device kind, real drivers, simulators.

Nothing here imports Qt or the rest of the kiosk. Expected conditions (no card,
card pulled, paper out) come back as status or result values; third-party
exceptions are wrapped at each driver's boundary into `devices.errors`.
"""

"""Tests of the resident ID card drivers (devices.resident_id)."""

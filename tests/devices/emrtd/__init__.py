"""Tests of the eMRTD reader and the PC/SC layer."""

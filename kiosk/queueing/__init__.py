"""Queue tickets and appointments for the hall's counters (Qt-free)."""

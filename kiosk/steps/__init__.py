"""A service is a list of steps: step kinds registered once, run by one interpreter.

`kinds` holds the registry (each kind: its state type, its pure rules, whether a
timeout may interrupt it); `plan` turns a catalogue service into its list of
steps by its ``flow``; `interpreter` walks that list. The kinds register
themselves when `kiosk.steps.registered` is imported.
"""

"""Thin Qt views of the citizen's session: each screen draws a workflow state and
emits the citizen's intents as signals. No business rules, devices, disk or
network here."""

"""The citizen's session: its states and events, the session's rules, and the
workflow that runs them with their effects (`kiosk.workflow.machine`).

Nothing is imported here: the step kinds (`kiosk.steps`) import the states and
events, and the machine imports the step kinds.
"""

"""What a registration's result offers besides the receipt: the bank account, the permit.

At a bank branch the citizen may open the company's account here (注册开户一条龙):
asked, they consent or decline; consenting prints the hand-off slip (and may try
again when nothing came out). Where the chosen scope holds a licensed item whose
permit the catalogue offers as a service (证照联办), they may go on to apply for it
now: a `Switch` to that service, the document carried and the form prefilled
(`kiosk.permits`). The screen shows an offer only when it holds
(`kiosk.bank_handoff.bank_offered`, `kiosk.permits.permit_offers`); these rules
accept a permit only among those the scope names.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from kiosk.permits import permit_codes
from kiosk.steps.kinds import Move, StepContext, StepPorts, Switch
from kiosk.workflow import events as ev
from kiosk.workflow.states import Finished

_ASKABLE = ("", "declined")
_CONSENTABLE = ("asking", "failed")


def offer_rules(state: Finished, event: ev.Event, context: StepContext) -> Finished | Move | None:
    """The result's next state or move for an offer's event; None for any other event."""
    match event:
        case ev.BankAccountAsked() if state.handoff in _ASKABLE:
            return replace(state, handoff="asking", handoff_detail="")
        case ev.BankConsentDeclined() if state.handoff == "asking":
            return replace(state, handoff="declined")
        case ev.BankConsentGiven() if state.handoff in _CONSENTABLE:
            return replace(state, handoff="printing", handoff_detail="")
        case ev.BankSlipPrinted(outcome=outcome, detail=detail) if state.handoff == "printing":
            return replace(state, handoff=outcome, handoff_detail=detail)
        case ev.ContinueWith(code=code) if code != state.service and code in permit_codes(
            context.form
        ):
            return Switch(code)  # apply for the permit now, prefilled and linked
        case (
            ev.BankAccountAsked()
            | ev.BankConsentDeclined()
            | ev.BankConsentGiven()
            | ev.BankSlipPrinted()
        ):
            return state  # not now (e.g. a second touch while the slip prints)
    return None  # not an offer's event (a permit the scope does not name included)


def offer_effects(ports: StepPorts, old: Any, new: Finished) -> None:
    """Consent given: record it and print the slip (once per "yes")."""
    if new.handoff == "printing" and getattr(old, "handoff", "") != "printing":
        ports.hand_off_to_bank(new)

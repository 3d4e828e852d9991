"""What this kiosk knows of the catalogue's vocabulary, and what it can run today.

The one place that says which flows, field types, rule kinds and requirements
exist (the engine knows all of central-api.md's) and, separately, which of them
a step or screen exists for. A service using something known but not yet
runnable is kept in the catalogue and not offered, with the reason; adding
support later means registering the name here (``register_*``), nothing else.
No imports from the rest of the kiosk: everyone may read this registry.
"""

from __future__ import annotations

#: Every flow of central-api.md ("The form schema in detail").
KNOWN_FLOWS = frozenset(
    {"application", "name_check", "lookup", "licence_print", "queue_ticket", "feedback"}
)

#: Every field type of central-api.md; the form engine holds and validates them all.
KNOWN_FIELD_TYPES = frozenset(
    {
        "text",
        "number",
        "money",
        "date",
        "choice",
        "multi_choice",
        "region",
        "scope",
        "person",
        "people",
        "signature",
    }
)

#: Types a person's sub-field may have: scalars and lists of choices. A person
#: inside a person, a scope or a signature per shareholder is not in the document.
SUB_FIELD_TYPES = frozenset({"text", "number", "money", "date", "choice", "multi_choice", "region"})

#: Form-level rule kinds the engine evaluates (kiosk.forms.rules).
KNOWN_RULE_KINDS = frozenset({"sum_equals"})

#: Condition kinds of ``required_if`` / ``visible_if`` (kiosk.forms.conditions).
CONDITION_KINDS = ("equals", "in")

#: What a service may require before it starts (the document's examples).
KNOWN_REQUIREMENTS = frozenset({"id_document", "name_reservation"})

#: The standard keys of a person (central-api.md "Person and people").
PERSON_KEYS = ("name", "document_type", "id_number", "mobile")
DOCUMENT_TYPES = (
    "cn_resident_id",
    "hmt_residence_permit",
    "foreign_permanent_resident",
    "hk_mo_travel_permit",
    "tw_travel_permit",
    "passport",
)
REGION_LEVELS = ("province", "city", "county")

# What the kiosk can run end to end today: a step/screen exists for it. Sets,
# not frozensets: screens and steps register what they add.
_runnable_flows: set[str] = {"application"}
_runnable_field_types: set[str] = {
    "text",
    "number",
    "money",
    "date",
    "choice",
    "multi_choice",
    "region",
    "scope",
    "signature",
}
_runnable_requirements: set[str] = {"id_document"}
#: Features beyond a type: "from_reservation" (a text field filled from the name
#: reservation), "online_only" (a service that must not be queued offline).
_runnable_features: set[str] = set()


def register_flow(name: str) -> None:
    """A step list (kiosk.steps.plan) now runs flow ``name``."""
    _runnable_flows.add(name)


def register_field_type(name: str) -> None:
    """A screen now draws fields of type ``name``."""
    _runnable_field_types.add(name)


def register_requirement(name: str) -> None:
    """A step now provides requirement ``name`` (e.g. "name_reservation")."""
    _runnable_requirements.add(name)


def register_feature(name: str) -> None:
    """The kiosk now supports feature ``name`` ("from_reservation", "online_only")."""
    _runnable_features.add(name)


def runnable_flows() -> frozenset[str]:
    return frozenset(_runnable_flows)


def runnable_field_types() -> frozenset[str]:
    return frozenset(_runnable_field_types)


def runnable_requirements() -> frozenset[str]:
    return frozenset(_runnable_requirements)


def runnable_features() -> frozenset[str]:
    return frozenset(_runnable_features)

"""The generic form engine: validates and holds the values of a catalogue form."""

from kiosk.forms.engine import FormSession
from kiosk.forms.validation import FieldProblem, normalise, validate_field

__all__ = ["FieldProblem", "FormSession", "normalise", "validate_field"]

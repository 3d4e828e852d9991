"""A citizen's answers to one catalogue form, page by page.

`FormSession` holds the values (as the citizen typed them, normalised), knows
which came from the identity document, validates a page or the whole form, and
produces the ``form`` object the central expects.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kiosk.catalogue import Field, FormSchema, Page
from kiosk.forms.validation import FieldProblem, normalise, validate_field


class FormSession:
    """The values of one form being filled in."""

    def __init__(self, schema: FormSchema, prefill: Mapping[str, str] | None = None) -> None:
        self.schema = schema
        self._values: dict[str, str] = {f.name: "" for f in schema.fields}
        self.prefilled: frozenset[str] = frozenset()
        if prefill:
            filled = set()
            for spec in schema.fields:
                source = spec.prefill
                if source and prefill.get(source):
                    self._values[spec.name] = normalise(spec, prefill[source])
                    filled.add(spec.name)
            self.prefilled = frozenset(filled)

    @property
    def pages(self) -> tuple[Page, ...]:
        return self.schema.pages

    def value(self, name: str) -> str:
        return self._values[name]

    def values(self) -> dict[str, str]:
        return dict(self._values)

    def is_locked(self, spec: Field) -> bool:
        """A read-only field filled from the document cannot be edited by hand."""
        return spec.read_only and spec.name in self.prefilled

    def set_value(self, name: str, raw: str) -> None:
        spec = self.schema.field(name)
        if self.is_locked(spec):
            return
        self._values[name] = normalise(spec, raw)

    def page_problems(self, index: int) -> tuple[FieldProblem, ...]:
        page = self.schema.pages[index]
        return tuple(
            p for f in page.fields if (p := validate_field(f, self._values[f.name])) is not None
        )

    def problems(self) -> tuple[FieldProblem, ...]:
        return tuple(p for i in range(len(self.pages)) for p in self.page_problems(i))

    def first_page_with_problems(self) -> int | None:
        for index in range(len(self.pages)):
            if self.page_problems(index):
                return index
        return None

    def payload(self) -> dict[str, Any]:
        """The ``form`` object of the application: typed values, empty ones left out."""
        out: dict[str, Any] = {}
        for spec in self.schema.fields:
            value = self._values[spec.name]
            if not value:
                continue
            out[spec.name] = _typed(spec, value)
        return out

    def clear(self) -> None:
        """Forget every value (the session is over)."""
        for name in self._values:
            self._values[name] = ""
        self.prefilled = frozenset()


def _typed(spec: Field, value: str) -> Any:
    if spec.type == "number":
        number = float(value)
        return int(number) if number.is_integer() else number
    return value

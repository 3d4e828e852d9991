"""Reading JSON request bodies: strict parsing and typed field readers.

:func:`parse_json_object` turns bytes into a JSON object or raises a ``400``
problem; it never lets malformed input (bad UTF-8, invalid JSON, NaN, absurd
nesting or numbers, a lone UTF-16 surrogate) escape as a server error. It is
also where every string of every body comes in, so it refuses (``422``) the
characters :mod:`central.text` refuses, in member values and member names
alike, wherever they are. The line feed is the one character it leaves to the
readers, which know whether a text may have several lines: :class:`Reader`
(``multiline``) and the form validator (the catalogue's ``multiline``).

:class:`Reader` pulls typed members out of an object and collects every
:class:`FieldError` so a client learns about all of its mistakes at once.
:func:`canonical_json` gives the "same JSON value" comparison the idempotency
rules need.
"""

import json
from collections.abc import Callable
from typing import Any, TypeVar

from central.problems import MALFORMED_REQUEST, FieldError, Problem, validation_problem
from central.text import describe, escaped, has_surrogate, refused_character

JsonObject = dict[str, Any]
T = TypeVar("T")


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def parse_json_object(body: bytes) -> JsonObject:
    """Parse a request body that must be one JSON object, every text of it readable.

    Raises:
        Problem: ``400 malformed-request`` for anything but a JSON object (a lone
            surrogate included); ``422 validation-failed`` for a text holding a
            character :mod:`central.text` refuses (see :func:`check_strings`).
    """
    if not body.strip():
        raise Problem(MALFORMED_REQUEST, "The request needs a JSON object body; the body is empty.")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise Problem(MALFORMED_REQUEST, "The request body is not valid UTF-8.") from exc
    try:
        value = json.loads(text, parse_constant=_reject_constant)
    except RecursionError as exc:
        raise Problem(MALFORMED_REQUEST, "The request body is nested too deeply.") from exc
    except ValueError as exc:
        raise Problem(MALFORMED_REQUEST, f"The request body is not valid JSON: {exc}") from exc
    if not isinstance(value, dict):
        raise Problem(
            MALFORMED_REQUEST,
            f"The request body must be a JSON object, not {json_type_name(value)}.",
        )
    check_strings(value)
    return value


MAX_CHARACTER_ERRORS = 50
"""At most this many refused texts are listed in one problem."""

CHARACTER_ERROR = "character"
"""The ``errors[].code`` of a text holding a refused character."""


def text_error(path: str, value: str, *, multiline: bool = False) -> FieldError | None:
    """The error for a text at ``path`` holding a character :mod:`central.text` refuses
    (a line feed too unless ``multiline``), or None when the text is fine."""
    char = refused_character(value, multiline=multiline)
    if char is None:
        return None
    return FieldError(
        path,
        CHARACTER_ERROR,
        f"{path} contains {describe(char)}, which is not allowed here: control characters,"
        " invisible formatting (such as right-to-left overrides) and characters that cannot"
        " be shown or printed are refused.",
    )


def _member_path(parent: str, name: str) -> str:
    return f"{parent}.{escaped(name)}" if parent else escaped(name)


def check_strings(document: JsonObject) -> None:
    """Refuse a document with a text nobody can safely read, wherever the text is.

    Walks the whole document (iteratively: it may be nested as deeply as the JSON
    parser allows). Member names are single-line texts; values may hold line
    feeds here, which the readers refuse where a text has one line.

    Raises:
        Problem: ``400 malformed-request`` for a lone UTF-16 surrogate (``"\\ud800"``
            in JSON text is well-formed, but names no character and cannot be
            stored as UTF-8); else ``422 validation-failed`` with an error
            (code ``character``) at the path of each refused text.
    """
    errors: list[FieldError] = []
    stack: list[tuple[str, Any]] = [("", document)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str):
            _check_text_value(path, value, errors, member_name=False)
        elif isinstance(value, dict):
            children = []
            for name, item in value.items():
                child = _member_path(path, name)
                _check_text_value(child, name, errors, member_name=True)
                children.append((child, item))
            stack.extend(reversed(children))
        elif isinstance(value, list):
            stack.extend(
                (f"{path}[{index}]", item) for index, item in reversed(list(enumerate(value)))
            )
    if errors:
        raise validation_problem(errors[:MAX_CHARACTER_ERRORS], "request")


def _check_text_value(path: str, text: str, errors: list[FieldError], *, member_name: bool) -> None:
    if text.isprintable():  # the common case, fast: no surrogate and nothing refused
        return
    if has_surrogate(text):
        where = f"the name of member {path}" if member_name else path
        raise Problem(
            MALFORMED_REQUEST,
            f"The request body has a lone UTF-16 surrogate in {where}: JSON text must"
            " stand for Unicode characters, and half of a surrogate pair is none.",
        )
    if not member_name:
        error = text_error(path, text, multiline=True)
        if error is not None:
            errors.append(error)
        return
    char = refused_character(text)
    if char is not None:
        errors.append(
            FieldError(
                path,
                CHARACTER_ERROR,
                f"The member name {path} contains {describe(char)}, which is not allowed"
                " in a member name.",
            )
        )


def json_type_name(value: object) -> str:
    """Name a JSON value's type the way a client would ("a string", "null" ...)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    return "an object"


def _normalise(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    if isinstance(value, dict):
        return {key: _normalise(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_normalise(item) for item in value]
    return value


def canonical_json(value: Any) -> str:
    """Serialise a JSON value so that equal JSON values give equal strings.

    Object member order and the spelling of numbers (``1`` / ``1.0``) do not
    matter; ``true`` and ``1`` stay different.
    """
    return json.dumps(_normalise(value), sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def dumps(value: Any) -> str:
    """Serialise for storage (UTF-8 text, compact)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class Reader:
    """Typed access to the members of a JSON object, collecting errors.

    Every ``get_*`` method returns ``None`` when the member is absent, ``null``
    or invalid, having recorded an error where one is due; call
    :meth:`raise_if_invalid` when done.
    """

    def __init__(self, document: JsonObject, *, prefix: str = "", what: str = "request") -> None:
        self.document = document
        self.prefix = prefix
        self.what = what
        self.errors: list[FieldError] = []

    def path(self, name: str) -> str:
        """The dotted path of a member for error messages."""
        return f"{self.prefix}{name}"

    def error(self, name: str, code: str, message: str) -> None:
        """Record a problem with member ``name``."""
        self.errors.append(FieldError(self.path(name), code, message))

    def raise_if_invalid(self) -> None:
        """Raise the 422 validation problem if any error was recorded."""
        if self.errors:
            raise validation_problem(self.errors, self.what)

    def _get(
        self, name: str, required: bool, check: Callable[[Any], bool], expected: str
    ) -> Any | None:
        value = self.document.get(name)
        if value is None:
            if required:
                self.error(name, "required", f"{self.path(name)} is required.")
            return None
        if not check(value):
            self.error(
                name, "type", f"{self.path(name)} must be {expected}, not {json_type_name(value)}."
            )
            return None
        return value

    def get_str(
        self,
        name: str,
        *,
        required: bool = True,
        max_length: int = 200,
        allow_empty: bool = False,
        multiline: bool = False,
    ) -> str | None:
        """A string member, at most ``max_length`` characters, of one line unless
        ``multiline``, without characters :mod:`central.text` refuses."""
        value: str | None = self._get(name, required, lambda v: isinstance(v, str), "a string")
        if value is None:
            return None
        if not value.strip() and not allow_empty:
            if required:
                self.error(name, "required", f"{self.path(name)} must not be empty.")
            return None
        character = text_error(self.path(name), value, multiline=multiline)
        if character is not None:
            self.errors.append(character)
            return None
        if len(value) > max_length:
            self.error(
                name, "max_length", f"{self.path(name)} must be at most {max_length} characters."
            )
            return None
        return value

    def get_choice(
        self, name: str, choices: tuple[str, ...], *, required: bool = True
    ) -> str | None:
        """A string member that must be one of ``choices``."""
        value = self.get_str(name, required=required)
        if value is not None and value not in choices:
            self.error(
                name,
                "option",
                f"{self.path(name)} must be one of {', '.join(choices)}; got {value!r}.",
            )
            return None
        return value

    def get_int(
        self,
        name: str,
        *,
        required: bool = True,
        minimum: int | None = None,
        maximum: int | None = None,
    ) -> int | None:
        """An integer member (``true`` and ``1.5`` are not integers)."""
        value = self._get(
            name,
            required,
            lambda v: (
                not isinstance(v, bool)
                and (isinstance(v, int) or (isinstance(v, float) and v.is_integer()))
            ),
            "an integer",
        )
        if value is None:
            return None
        number = int(value)
        if minimum is not None and number < minimum:
            self.error(name, "min", f"{self.path(name)} must be at least {minimum}.")
            return None
        if maximum is not None and number > maximum:
            self.error(name, "max", f"{self.path(name)} must be at most {maximum}.")
            return None
        return number

    def get_object(self, name: str, *, required: bool = True) -> JsonObject | None:
        """An object member."""
        value: JsonObject | None = self._get(
            name, required, lambda v: isinstance(v, dict), "an object"
        )
        return value

    def get_list(
        self, name: str, *, required: bool = True, max_items: int = 100
    ) -> list[Any] | None:
        """An array member with at most ``max_items`` elements."""
        value: list[Any] | None = self._get(
            name, required, lambda v: isinstance(v, list), "an array"
        )
        if value is not None and len(value) > max_items:
            self.error(name, "max_items", f"{self.path(name)} may have at most {max_items} items.")
            return None
        return value

    def get_str_list(
        self, name: str, *, required: bool = True, max_items: int = 100, max_length: int = 200
    ) -> list[str] | None:
        """An array of strings."""
        items = self.get_list(name, required=required, max_items=max_items)
        if items is None:
            return None
        if not all(isinstance(item, str) and 0 < len(item) <= max_length for item in items):
            self.error(
                name,
                "type",
                f"{self.path(name)} must be an array of non-empty strings of at most {max_length} characters.",
            )
            return None
        characters = [
            error
            for index, item in enumerate(items)
            if (error := text_error(f"{self.path(name)}[{index}]", item)) is not None
        ]
        if characters:
            self.errors.extend(characters)
            return None
        return list(items)

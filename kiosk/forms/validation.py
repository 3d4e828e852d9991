"""Validation of one text value against its catalogue constraints, and the named validators.

Values of the other types (numbers, money, lists, persons) are checked in
`kiosk.forms.values` and `kiosk.forms.person`, which reuse what is here.

Problems are codes with parameters, not sentences: the screens turn them into
plain words in the citizen's language through Qt's translation mechanism.
Named validators use python-stdnum (GB 11643 identity numbers, GB 32100 unified
social credit codes).
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from stdnum.cn import ric, uscc
from stdnum.exceptions import ValidationError
from stdnum.iso7064 import mod_11_2

from kiosk.catalogue import Field

_MOBILE = re.compile(r"^1[3-9]\d{9}$")


@dataclass(frozen=True, slots=True)
class FieldProblem:
    """Why a value is not acceptable: where, ``code``, and the numbers the message needs.

    ``field`` is the value's path: a field name (``registered_capital``) or a path
    into a person or a list (``shareholders[2].id_number``, ``scope[1]``).

    Codes: required, too_short, too_long, pattern, not_a_number, too_small,
    too_large, not_a_date, not_an_option, cn_resident_id, cn_uscc, cn_mobile;
    for the other types also: wrong_type, not_an_integer, not_an_amount,
    too_many_decimals, too_early, too_late (params min/max as YYYY-MM-DD),
    too_few, too_many (min/max items), duplicate, not_a_region,
    wrong_region_level (level), not_in_scope, too_young (min), and a rule's kind
    (``sum_equals``: sum, expected, message_zh, message_en).
    """

    field: str
    code: str
    params: dict[str, int | float | str] = dataclasses.field(default_factory=dict)

    @property
    def path(self) -> str:
        return self.field

    @property
    def name(self) -> str:
        """The top-level field the problem belongs to (``shareholders``)."""
        return self.field.split("[", 1)[0].split(".", 1)[0]


def normalise(spec: Field, raw: str) -> str:
    """What the citizen meant: only characters that can be shown and printed
    (`printable`), trimmed, full-width digits folded, ID checksum 'x' upper-cased."""
    multiline = spec.type == "text" and spec.multiline
    value = printable(raw, multiline=multiline).strip()
    if not multiline:
        value = " ".join(value.split())
    value = value.translate(_FULLWIDTH_DIGITS)
    if "cn_resident_id" in spec.validators or "cn_uscc" in spec.validators:
        value = value.replace(" ", "").upper()
    if "cn_mobile" in spec.validators:
        value = value.replace(" ", "").replace("-", "")
    return value


_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")

#: Format characters kept: the zero-width non-joiner and joiner.
_KEPT = frozenset({"\u200c", "\u200d"})
_SURROGATE = re.compile("[\ud800-\udfff]")
#: Line ends of every kind, in a text of several lines all written ``\n``.
_LINE_ENDS = re.compile("\r\n|[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def printable(text: str, *, multiline: bool = False) -> str:
    r"""``text`` with only characters that can be shown on screen and printed, as the
    central takes them (it refuses the others with 422).

    Typed text can carry what nobody sees: a pasted or scanned right-to-left
    override (U+202E) that turns ``gpj.exe`` into ``exe.jpg``, a terminal escape,
    a lone half of a UTF-16 surrogate pair from a device's text. So:

    * a surrogate pair split into two code points is joined into its character;
      a **lone surrogate** is replaced by U+FFFD (�), which the citizen sees and
      can correct, rather than silently dropped (it stood for something);
    * whitespace controls become a space (tab, vertical tab, form feed, the
      information separators, NEL), or, when ``multiline``, every kind of line
      end (``\r\n``, ``\r``, U+2028, U+2029, NEL …) becomes ``\n``;
    * every other control (Cc), format character (Cf: the bidirectional
      overrides, embeddings, isolates and marks U+202A–U+202E, U+2066–U+2069,
      U+200E, U+200F, U+061C; zero-width space, soft hyphen, BOM, tags …),
      private-use (Co) and unassigned (Cn) code point is removed, except the
      zero-width joiner and non-joiner, which emoji sequences and Persian or
      Indic names need;
    * spaces (U+3000, no-break space) stay.

    Never raises, whatever the text; the result is always UTF-8-encodable.
    """
    if text.isprintable():  # refuses a superset of what is removed here
        return text
    if _SURROGATE.search(text):
        text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    if multiline:
        text = _LINE_ENDS.sub("\n", text)
    kept: list[str] = []
    for char in text:
        # What str.isprintable refuses is Cc, Cf, Cs, Co, Cn, Zl, Zp and the spaces (Zs)
        # but U+0020: of those, keep the spaces, the joiners and a multiline's "\n".
        keep = (
            char.isprintable()
            or char in _KEPT
            or (multiline and char == "\n")
            or unicodedata.category(char) == "Zs"
        )
        if keep:
            kept.append(char)
        elif char.isspace():
            kept.append(" ")
    return "".join(kept)


def validate_field(spec: Field, value: str) -> FieldProblem | None:
    """The first problem with ``value`` (already normalised), or None if it is fine."""
    if not value:
        return FieldProblem(spec.name, "required") if spec.required else None
    if spec.min_length is not None and len(value) < spec.min_length:
        return FieldProblem(spec.name, "too_short", {"min": spec.min_length})
    if spec.max_length is not None and len(value) > spec.max_length:
        return FieldProblem(spec.name, "too_long", {"max": spec.max_length})
    type_problem = _check_type(spec, value)
    if type_problem is not None:
        return type_problem
    if spec.pattern is not None and not _matches(spec.pattern, value):
        return FieldProblem(spec.name, "pattern", {"example": spec.example})
    for validator in spec.validators:
        if not check_named(validator, value):
            return FieldProblem(spec.name, validator, {"example": spec.example})
    return None


def check_named(validator: str, value: str) -> bool:
    """Whether ``value`` passes the named validator (an unknown name passes)."""
    return _VALIDATORS.get(validator, _unknown_validator)(value)


def _matches(pattern: str, value: str) -> bool:
    try:
        return re.fullmatch(pattern, value) is not None
    except re.error:
        # A pattern that does not compile keeps its service from being offered;
        # should one get here anyway, nothing matches it.
        return False


def _check_type(spec: Field, value: str) -> FieldProblem | None:
    if spec.type == "number":
        try:
            number = float(value)
        except ValueError:
            return FieldProblem(spec.name, "not_a_number")
        low, high = spec.minimum, spec.maximum
        if isinstance(low, int | float) and not isinstance(low, bool) and number < low:
            return FieldProblem(spec.name, "too_small", {"min": low})
        if isinstance(high, int | float) and not isinstance(high, bool) and number > high:
            return FieldProblem(spec.name, "too_large", {"max": high})
    elif spec.type == "date":
        try:
            date.fromisoformat(value)
        except ValueError:
            return FieldProblem(spec.name, "not_a_date")
    elif spec.type == "choice" and value not in {str(o.value) for o in spec.options}:
        return FieldProblem(spec.name, "not_an_option")
    return None


#: GB/T 2260 province-level prefixes (id_numbers.md §1.3). Address codes are frozen
#: at first issue, so only the province is checked, never the current county list.
_PROVINCES = frozenset(
    [
        "11",
        "12",
        "13",
        "14",
        "15",
        "21",
        "22",
        "23",
        "31",
        "32",
        "33",
        "34",
        "35",
        "36",
        "37",
        "41",
        "42",
        "43",
        "44",
        "45",
        "46",
        "50",
        "51",
        "52",
        "53",
        "54",
        "61",
        "62",
        "63",
        "64",
        "65",
        "71",
        "81",
        "82",
        "83",
    ]
)


def _valid_resident_id(value: str) -> bool:
    """GB 11643: 17 digits + MOD 11-2 check character, a real birth date, a province.

    python-stdnum's ``ric.validate`` also requires the county code to have existed
    in the birth year, which wrongly refuses people born before their county was
    created (the code is assigned at first issue, not at birth): so its parts are
    used instead.
    """
    number = value  # already normalised for keyboard input; chip data is exact
    if len(number) != 18 or not number[:17].isdigit() or number[17] not in "0123456789X":
        return False
    if number[:2] not in _PROVINCES or not mod_11_2.is_valid(number):
        return False
    try:
        born = ric.get_birth_date(number)
    except ValidationError:
        return False
    return born <= date.today()


def _valid_uscc(value: str) -> bool:
    try:
        uscc.validate(value)
    except ValidationError:
        return False
    return True


def _valid_mobile(value: str) -> bool:
    return _MOBILE.fullmatch(value) is not None


def _unknown_validator(_value: str) -> bool:
    # A validator this kiosk release does not know: the central checks it again,
    # so accepting here loses nothing and keeps the service usable.
    return True


_VALIDATORS = {
    "cn_resident_id": _valid_resident_id,
    "cn_uscc": _valid_uscc,
    "cn_mobile": _valid_mobile,
}

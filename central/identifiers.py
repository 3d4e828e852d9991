"""Chinese identifiers the central checks or issues.

* GB 11643-1999 citizen identity numbers (ISO 7064 MOD 11-2 check character),
  also used by Hong Kong / Macao / Taiwan residence permits (81/82/83 prefixes).
* GB 32100-2015 unified social credit codes (USCC): validation and issuing,
  with the GB 11714 organisation-code check inside positions 9-17.
* Mainland mobile numbers.

Each ``*_problem`` function returns ``None`` for a valid value or a sentence
saying what is wrong, for use in validation errors.
"""

import re
import secrets
from datetime import date

_RESIDENT_ID_WEIGHTS = tuple(2 ** (17 - i) % 11 for i in range(17))
_RESIDENT_ID_CHECK = "10X98765432"
_PROVINCE_PREFIXES = frozenset(
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
_MOBILE = re.compile(r"^1[3-9]\d{9}$")

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = tuple(3**i % 31 for i in range(17))
_USCC_FORMAT = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$")
_ORG_CODE_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def resident_id_check_character(body: str) -> str:
    """The MOD 11-2 check character for the first 17 digits of an identity number."""
    total = sum(
        int(digit) * weight for digit, weight in zip(body, _RESIDENT_ID_WEIGHTS, strict=True)
    )
    return _RESIDENT_ID_CHECK[total % 11]


def resident_id_problem(value: str, *, today: date | None = None) -> str | None:
    """Check a GB 11643 identity number; ``None`` if valid, else what is wrong."""
    number = value.strip().upper()
    if len(number) != 18:
        return "An identity number has 18 characters."
    if not number[:17].isdigit() or not (number[17].isdigit() or number[17] == "X"):
        return "An identity number is 17 digits followed by a digit or X."
    if number[:2] not in _PROVINCE_PREFIXES:
        return "The identity number does not start with a known province code."
    try:
        born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return "The identity number does not contain a valid date of birth."
    if born > (today or date.today()):
        return "The identity number contains a date of birth in the future."
    if resident_id_check_character(number[:17]) != number[17]:
        return "The identity number's check character is wrong; please check for a typing error."
    return None


def mobile_problem(value: str) -> str | None:
    """Check a mainland mobile number (11 digits starting 13-19)."""
    if _MOBILE.fullmatch(value) is None:
        return "A mobile number has 11 digits and starts with 13 to 19."
    return None


def _org_code_check_character(body: str) -> str:
    # GB 11714 values run through the full Latin alphabet (A=10 ... Z=35),
    # unlike the USCC alphabet, which skips I, O, S, V and Z.
    total = sum(
        int(char, 36) * weight for char, weight in zip(body, _ORG_CODE_WEIGHTS, strict=True)
    )
    check = 11 - total % 11
    return {10: "X", 11: "0"}.get(check, str(check))


def uscc_check_character(first17: str) -> str:
    """The GB 32100 MOD 31 check character for the first 17 characters of a USCC."""
    total = sum(
        USCC_ALPHABET.index(char) * weight
        for char, weight in zip(first17, _USCC_WEIGHTS, strict=True)
    )
    return USCC_ALPHABET[(31 - total % 31) % 31]


def uscc_problem(value: str) -> str | None:
    """Check a unified social credit code's format and final check character."""
    code = value.strip().upper()
    if _USCC_FORMAT.fullmatch(code) is None:
        return (
            "A unified social credit code has 18 characters (digits and capital letters except "
            "I, O, S, V, Z), with digits in positions 3 to 8."
        )
    if uscc_check_character(code[:17]) != code[17]:
        return "The unified social credit code's check character is wrong."
    return None


def issue_uscc(type_code: str, division: str) -> str:
    """Make a new, valid USCC for an entity registered by market regulation.

    Args:
        type_code: ``"92"`` for an individual business, ``"91"`` for an enterprise.
        division: six-digit GB/T 2260 code of the registration authority.
    """
    if type_code not in ("91", "92", "93"):
        raise ValueError(f"not a market-regulation USCC type: {type_code!r}")
    if len(division) != 6 or not division.isdigit():
        raise ValueError(f"not a six-digit division code: {division!r}")
    # New subject identifiers since 2015 start with "MA"; the rest is random
    # from characters both alphabets share.
    body = "MA" + "".join(secrets.choice(USCC_ALPHABET) for _ in range(6))
    first17 = type_code + division + body + _org_code_check_character(body)
    return first17 + uscc_check_character(first17)


def mask_id_number(number: str) -> str:
    """Mask an identity number for printing: the first 4 and last 4 characters stay."""
    if len(number) <= 8:
        return "*" * len(number)
    return number[:4] + "*" * (len(number) - 8) + number[-4:]

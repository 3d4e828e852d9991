"""Plain-words messages for the codes the core reports, through Qt's translator.

The core speaks in codes (a field problem "cn_mobile", a read outcome "removed");
these functions turn them into sentences in the current interface language.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from kiosk.forms.validation import FieldProblem


def field_problem(problem: FieldProblem, label: str) -> str:
    """What is wrong with a field and how to put it right."""
    p = problem.params
    example = str(p.get("example", ""))
    match problem.code:
        case "required":
            return QCoreApplication.translate("Messages", "Please fill in “%1”.").replace(
                "%1", label
            )
        case "sum_equals":
            # The catalogue's own words for its rule, in the screen's language: the
            # translation file turns this key into "message_zh".
            said = str(p.get(QCoreApplication.translate("Messages", "message_en")) or "")
            sums = QCoreApplication.translate(
                "Messages", "The amounts add up to %1; they must add up to %2."
            )
            sums = sums.replace("%1", str(p.get("sum", ""))).replace(
                "%2", str(p.get("expected", ""))
            )
            return f"{said} {sums}".strip()
        case "duplicate":
            return QCoreApplication.translate("Messages", "This person is already in the list.")
        case "too_young":
            return QCoreApplication.translate(
                "Messages", "This person must be at least %1 years old."
            ).replace("%1", str(p.get("min", "")))
        case "too_short":
            return QCoreApplication.translate(
                "Messages", "Too short: please write at least %1 characters."
            ).replace("%1", str(p["min"]))
        case "too_long":
            return QCoreApplication.translate(
                "Messages", "Too long: please write at most %1 characters."
            ).replace("%1", str(p["max"]))
        case "cn_mobile":
            return QCoreApplication.translate(
                "Messages",
                "This is not a mobile number: it has 11 digits and starts with 1, like %1.",
            ).replace("%1", example)
        case "document_number":
            return QCoreApplication.translate(
                "Messages",
                "A passport number has 5 to 9 letters and digits, like EA1234567. Please check it.",
            )
        case "cn_resident_id":
            return QCoreApplication.translate(
                "Messages", "This identity number is not valid: please check every digit."
            )
        case "cn_uscc":
            return QCoreApplication.translate(
                "Messages",
                "This credit code is not valid: it has 18 characters, please check them.",
            )
        case "pattern":
            return QCoreApplication.translate(
                "Messages", "Please use Chinese characters only, like %1."
            ).replace("%1", example)
        case "not_a_number":
            return QCoreApplication.translate("Messages", "Please write a number.")
        case "not_a_date":
            return QCoreApplication.translate("Messages", "Please write a date like 2026-01-31.")
        case "not_an_option":
            return QCoreApplication.translate("Messages", "Please choose one of the options.")
        case "too_small" | "too_large":
            return QCoreApplication.translate(
                "Messages", "This number is outside the allowed range."
            )
        case "not_an_integer":
            return QCoreApplication.translate("Messages", "Please write a whole number.")
        case "too_early":
            return QCoreApplication.translate(
                "Messages", "This date is too early: please give %1 or later."
            ).replace("%1", str(p.get("min", "")))
        case "too_late":
            return QCoreApplication.translate(
                "Messages", "This date is too late: please give %1 or earlier."
            ).replace("%1", str(p.get("max", "")))
    return QCoreApplication.translate("Messages", "Please check this entry.")


def read_problem(outcome: str) -> str:
    """Why the identity document could not be read, and what to do."""
    match outcome:
        case "no_document":
            return ""
        case "removed":
            return QCoreApplication.translate(
                "Messages",
                "The card was taken away too early. Please put it back and keep it still until you hear the beep.",
            )
        case "already_read":
            return QCoreApplication.translate(
                "Messages", "Please lift your card off the reader and put it down again."
            )
        case "card_from_before":
            return QCoreApplication.translate(
                "Messages",
                "A card is already on the reader. If it is yours, lift it off and put it down again. If it is not yours, please give it to a member of staff.",
            )
        case "access_denied":
            return QCoreApplication.translate(
                "Messages",
                "The passport did not accept these details. Please check the passport number and the two dates on the photo page.",
            )
        case "mrz_unreadable":
            return QCoreApplication.translate(
                "Messages",
                "The scanner could not read the two lines at the bottom of the photo page. Please try again, or type the details.",
            )
        case "not_genuine":
            return QCoreApplication.translate(
                "Messages",
                "This document could not be checked as genuine. Please ask a member of staff for help.",
            )
        case "no_reader":
            return QCoreApplication.translate(
                "Messages", "The card reader is not working. Please ask a member of staff for help."
            )
        case "timeout":
            return QCoreApplication.translate(
                "Messages", "Reading took too long. Please put the card down again."
            )
    return QCoreApplication.translate(
        "Messages",
        "The card could not be read. Please put it down again, or ask a member of staff.",
    )


def storage_problem(code: str) -> str:
    if code == "storage_full":
        return QCoreApplication.translate(
            "Messages",
            "The kiosk cannot save your application because its storage is full. Nothing was sent. Please ask a member of staff; your answers are still here.",
        )
    if code == "unencodable_text":
        return QCoreApplication.translate(
            "Messages",
            "Some of your answers contain characters the kiosk cannot send. Please check them, or ask a member of staff.",
        )
    return QCoreApplication.translate(
        "Messages",
        "The kiosk could not save your application. Nothing was sent. Please try again or ask a member of staff.",
    )


def device_notice(code: str) -> str:
    """What a citizen must know before starting when a device does not work."""
    if code == "printer_unavailable":
        return QCoreApplication.translate(
            "Messages",
            "The printer is not working at the moment. You can still apply: your application number is shown on the screen, and staff can print your receipt.",
        )
    if code == "reader_unavailable":
        return QCoreApplication.translate(
            "Messages",
            "The card reader is not working at the moment. Services that need your identity card cannot be used; please ask a member of staff.",
        )
    return ""


def name_problem(problem: FieldProblem) -> str:
    """What is wrong with a proposed enterprise name, or "" for a code not about names.

    Problems the central found carry its own words in ``message``.
    """
    p = problem.params
    tr = QCoreApplication.translate
    match problem.code:
        case "name_script":
            return tr(
                "Messages", "A name is written in Chinese characters only: please remove %1."
            ).replace("%1", str(p.get("characters", "")))
        case "restricted_word":
            return tr(
                "Messages",
                "“%1” may be used in a name only with the State Council's approval: please choose other words.",
            ).replace("%1", str(p.get("word", "")))
        case "prohibited_word":
            return tr("Messages", "“%1” may not be used in an enterprise name.").replace(
                "%1", str(p.get("word", ""))
            )
        case "trade_name_is_place":
            return tr("Messages", "The trade name may not be a place name such as “%1”.").replace(
                "%1", str(p.get("place", ""))
            )
        case "trade_name_is_industry":
            return tr(
                "Messages",
                "The trade name may not be only the industry (“%1”): add words of your own.",
            ).replace("%1", str(p.get("word", "")))
        case "has_organisation_form":
            return tr(
                "Messages",
                "Leave out “%1”: the form of organisation is chosen separately.",
            ).replace("%1", str(p.get("word", "")))
        case "industry_is_place":
            return tr("Messages", "The industry may not be a place name.")
        case "region_bare_district":
            return tr(
                "Messages",
                "A district's name is used together with its city's: please choose the region again.",
            )
        case "organisation_form_not_allowed":
            return tr("Messages", "A sole proprietorship may not call itself “%1”.").replace(
                "%1", str(p.get("word", ""))
            )
    message = p.get("message")
    return str(message) if message else ""

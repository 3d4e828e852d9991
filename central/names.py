"""Enterprise name self-declaration: checking a proposed name and reserving it.

A name is 行政区划 + 字号 + 行业 + 组织形式. The check reports ``problems``
(rule breaches: script, length, restricted or prohibited words, a place name
or industry word as 字号, an unknown legal form) and ``conflicts`` with
registered or reserved names: ``identical`` (same 字号 and the same or
equivalent industry, or the same text) and ``similar`` (one 字号 contains the
other, same industry). An available name is reserved for the registry's
reservation period; a reservation counts as an identical conflict until it
expires, and once used by an application it stands for a registered name
(unless that application is rejected).
"""

import re
import secrets
from datetime import datetime, timedelta

from central.catalogue import Catalogue
from central.clock import rfc3339, stamp, unstamp
from central.database import Connection
from central.payload import JsonObject, Reader
from central.problems import FieldError
from central.registry import Registry

_CJK_ONLY = re.compile(r"^[\u4e00-\u9fff]+$")


def _problems(
    registry: Registry, trade_name: str, industry: str, organisation_form: str
) -> list[dict[str, str]]:
    problems: list[dict[str, str]] = []

    def add(code: str, detail: str) -> None:
        problems.append({"code": code, "detail": detail})

    if _CJK_ONLY.fullmatch(trade_name) is None:
        add("trade_name_script", "The trade name (字号) may only contain Chinese characters.")
    elif len(trade_name) < 2:
        add("trade_name_too_short", "The trade name (字号) needs at least two Chinese characters.")
    if _CJK_ONLY.fullmatch(industry) is None:
        add("industry_script", "The industry term may only contain Chinese characters.")
    if organisation_form not in registry.words("organisation_forms"):
        add("organisation_form", f"{organisation_form!r} is not a recognised legal form.")
    for prefix in registry.words("restricted_prefixes"):
        if trade_name.startswith(prefix):
            add(
                "restricted_word",
                f"A name using {prefix!r} this way needs State Council approval and cannot be declared here.",
            )
    for word in registry.words("prohibited_words"):
        if word in trade_name or word in industry:
            add("prohibited_word", f"The name may not contain {word!r}.")
    if trade_name in registry.words("division_names"):
        add("trade_name_is_division", "A place name cannot be used as the trade name (字号).")
    if trade_name in registry.words("industry_words"):
        add("trade_name_is_industry", "An industry term cannot be used as the trade name (字号).")
    return problems


def _existing_names(
    connection: Connection, registry: Registry, now: datetime
) -> list[dict[str, str]]:
    names = registry.registered_names()
    rows = connection.execute(
        "SELECT r.full_name, r.trade_name, r.industry FROM name_reservations r "
        "LEFT JOIN applications a ON a.application_no = r.used_by "
        "WHERE (r.used_by IS NULL AND r.expires_at > ?) OR (r.used_by IS NOT NULL AND a.status != 'rejected')",
        (stamp(now),),
    ).fetchall()
    names.extend({"full_name": row[0], "trade_name": row[1], "industry": row[2]} for row in rows)
    return names


def _conflicts(
    registry: Registry,
    existing: list[dict[str, str]],
    full_name: str,
    trade_name: str,
    industry: str,
) -> list[dict[str, str]]:
    industries = registry.industry_group(industry)
    found: dict[str, str] = {}
    for other in existing:
        same_industry = bool(industries & registry.industry_group(other["industry"]))
        if other["full_name"] == full_name or (other["trade_name"] == trade_name and same_industry):
            found[other["full_name"]] = "identical"
        elif same_industry and (
            trade_name in other["trade_name"] or other["trade_name"] in trade_name
        ):
            found.setdefault(other["full_name"], "similar")
    return [{"name": name, "similarity": similarity} for name, similarity in found.items()]


def check_name(
    connection: Connection,
    document: JsonObject,
    *,
    catalogue: Catalogue,
    registry: Registry,
    kiosk_id: str,
    now: datetime,
) -> JsonObject:
    """Handle ``POST /v1/name-checks`` inside a write transaction; returns the 200 body."""
    reader = Reader(document, what="name check")
    region = reader.get_str("region", max_length=6)
    trade_name = reader.get_str("trade_name", max_length=20)
    industry = reader.get_str("industry", max_length=20)
    organisation_form = reader.get_str("organisation_form", max_length=20)
    region_name = catalogue.region_name(region) if region is not None else None
    if region is not None and region_name is None:
        reader.error(
            "region", "option", f"{region!r} is not a region served by this registration system."
        )
    reader.raise_if_invalid()
    assert region is not None
    assert trade_name is not None
    assert industry is not None
    assert organisation_form is not None
    assert region_name is not None

    full_name = region_name["zh"] + trade_name + industry + organisation_form
    problems = _problems(registry, trade_name, industry, organisation_form)
    conflicts = _conflicts(
        registry, _existing_names(connection, registry, now), full_name, trade_name, industry
    )
    available = not problems and all(
        conflict["similarity"] != "identical" for conflict in conflicts
    )
    reservation: JsonObject | None = None
    if available:
        token = "NR-" + secrets.token_hex(10)
        expires = now + timedelta(days=registry.reservation_days)
        connection.execute(
            "INSERT INTO name_reservations (token, full_name, region, trade_name, industry, organisation_form, "
            "kiosk_id, reserved_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                token,
                full_name,
                region,
                trade_name,
                industry,
                organisation_form,
                kiosk_id,
                stamp(now),
                stamp(expires),
            ),
        )
        reservation = {"token": token, "expires_at": rfc3339(expires)}
    return {
        "full_name": full_name,
        "available": available,
        "conflicts": conflicts,
        "problems": problems,
        "reservation": reservation,
    }


def use_reservation(
    connection: Connection,
    *,
    token: str,
    name: str | None,
    application_no: str,
    now: datetime,
) -> FieldError | None:
    """Consume a reservation for an application whose form names ``name``.

    Returns the validation error if the reservation cannot be used.
    """
    row = connection.execute("SELECT * FROM name_reservations WHERE token = ?", (token,)).fetchone()
    field = "name_reservation"
    if row is None:
        return FieldError(field, "unknown", "No name reservation has this token.")
    if row["used_by"] is not None:
        return FieldError(
            field, "used", "This name reservation was already used by another application."
        )
    if unstamp(row["expires_at"]) <= now:
        return FieldError(
            field, "expired", "This name reservation has expired; declare the name again."
        )
    if name != row["full_name"]:
        return FieldError(
            field,
            "mismatch",
            f"The form's name must be exactly the reserved name {row['full_name']!r}.",
        )
    connection.execute(
        "UPDATE name_reservations SET used_by = ? WHERE token = ?", (application_no, token)
    )
    return None

"""Decoding the central's catalogue JSON into `Catalogue` values.

A malformed top level (version, the list of services, business_scope, regions,
duplicate codes) raises `CatalogueError` naming the path, and the kiosk keeps its
previous catalogue. A malformed *service* does not sink the others: it is kept,
with what could be read of it, and its `defects` say where it is wrong.
"""

from __future__ import annotations

import contextlib
import re
from typing import Any

import msgspec

from kiosk.catalogue_checks import service_defects
from kiosk.catalogue_types import (
    EMPTY_TEXT,
    Catalogue,
    Region,
    ScopeItem,
    Service,
    Text,
    decode_hook,
)
from kiosk.errors import CatalogueError


class _TopLevel(msgspec.Struct, frozen=True):
    # Services stay raw here: each is decoded on its own so one cannot sink the rest.
    version: str
    services: list[Any]
    business_scope: tuple[ScopeItem, ...] = ()
    regions: tuple[Region, ...] = ()


def parse_catalogue(data: Any) -> Catalogue:
    """Parse the catalogue JSON (already decoded) into a `Catalogue`.

    Raises:
        CatalogueError: the top level is malformed; the message names the path.
    """
    try:
        top = msgspec.convert(data, _TopLevel, dec_hook=decode_hook)
    except msgspec.ValidationError as exc:
        raise CatalogueError(describe(exc, "catalogue")) from None
    if not top.version:
        raise CatalogueError("catalogue.version: expected a non-empty string")
    services = tuple(parse_service(raw, i) for i, raw in enumerate(top.services))
    codes = [s.code for s in services]
    duplicates = sorted({c for c in codes if codes.count(c) > 1})
    if duplicates:
        raise CatalogueError(f"catalogue.services: duplicate service codes {duplicates}")
    return Catalogue(top.version, services, top.business_scope, top.regions)


def parse_service(raw: Any, index: int) -> Service:
    """One service; a malformed one comes back with its defects, never an exception."""
    try:
        service = msgspec.convert(raw, Service, dec_hook=decode_hook)
    except msgspec.ValidationError as exc:
        return _unreadable(raw, index, describe(exc, ""))
    if not service.code:
        return _unreadable(raw, index, "code: expected a non-empty string")
    return msgspec.structs.replace(service, defects=service_defects(service))


def _unreadable(raw: Any, index: int, reason: str) -> Service:
    """What can be said of a service that does not decode: its code and title if any."""
    code = raw.get("code") if isinstance(raw, dict) else None
    if not isinstance(code, str) or not code:
        code = f"services[{index}]"
    title: Text = Text(code, code)
    if isinstance(raw, dict):
        with contextlib.suppress(msgspec.ValidationError):
            title = msgspec.convert(raw.get("title"), Text, dec_hook=decode_hook)
    flow = raw.get("flow") if isinstance(raw, dict) else None
    return Service(
        code=code,
        title=title if title != EMPTY_TEXT else Text(code, code),
        flow=flow if isinstance(flow, str) else "application",
        defects=(f"{reason} (the service could not be read)",),
    )


_AT = re.compile(r"^(?P<what>.*?)(?: - at `\$(?P<path>[^`]*)`)?$", re.DOTALL)
_MISSING = re.compile(r"^Object missing required field `(?P<key>[^`]*)`$")


def describe(exc: msgspec.ValidationError, root: str) -> str:
    """msgspec's "Expected `str`, got `int` - at `$.a[0].b`" as "root.a[0].b: expected ..."."""
    match = _AT.match(str(exc))
    what, path = (match.group("what"), match.group("path") or "") if match else (str(exc), "")
    missing = _MISSING.match(what)
    if missing is not None:
        path, what = f"{path}.{missing.group('key')}", "missing"
    where = (root + path) if root else path.lstrip(".")
    return f"{where or '(top)'}: {what[:1].lower()}{what[1:]}"

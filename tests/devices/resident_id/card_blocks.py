"""Builders of synthetic text blocks for the decoder tests (test data, not driver code)."""

from __future__ import annotations

FIELDS: tuple[tuple[str, int], ...] = (
    ("name", 30), ("sex", 2), ("nation", 4), ("birth", 16), ("address", 70),
    ("id_number", 36), ("authority", 30), ("valid_from", 16), ("valid_to", 16),
    ("reserved", 36),
)  # fmt: skip

GOOD_FIELDS: dict[str, str] = {
    "name": "王丽华",
    "sex": "2",
    "nation": "01",
    "birth": "19620505",
    "address": "浙江省金华市婺城区将军路88号",
    "id_number": "330702196205050824",
    "authority": "金华市公安局婺城分局",
    "valid_from": "20160301",
    "valid_to": "长期",
    "reserved": "",
}


def field_bytes(value: str, width: int) -> bytes:
    raw = value.encode("utf-16-le")
    assert len(raw) <= width, value
    return raw + " ".encode("utf-16-le") * ((width - len(raw)) // 2)


def text_block(**overrides: str) -> bytes:
    values = dict(GOOD_FIELDS, **overrides)
    block = b"".join(field_bytes(values[name], width) for name, width in FIELDS)
    assert len(block) == 256
    return block

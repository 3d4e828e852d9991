"""Where the kiosk stands (``[site]``): a bank branch names its bank, or it is refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.config import load_config
from kiosk.errors import ConfigError


def _config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "kiosk.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_kiosk_is_at_a_service_centre_unless_configured_in_a_bank_branch(
    tmp_path: Path,
) -> None:
    plain = load_config(_config(tmp_path, "[kiosk]\nid = 'K-330702-0007'\n"))
    assert (plain.site_kind, plain.bank_name) == ("service_centre", "")
    bank = load_config(
        _config(
            tmp_path, '[site]\nkind = "bank_branch"\nbank_name = " 中国工商银行金华婺城支行 "\n'
        )
    )
    assert (bank.site_kind, bank.bank_name) == ("bank_branch", "中国工商银行金华婺城支行")


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ('[site]\nkind = "bank_branch"\n', "needs site.bank_name"),
        ('[site]\nkind = "bank_branch"\nbank_name = "  "\n', "needs site.bank_name"),
        ('[site]\nkind = "bank"\n', 'site.kind must be "service_centre" or "bank_branch"'),
        ("[site]\nbank_name = 7\n", "bank_name must be of type str"),
    ],
)
def test_a_bank_branch_without_its_bank_or_an_unknown_site_is_refused_saying_why(
    tmp_path: Path, text: str, says: str
) -> None:
    with pytest.raises(ConfigError, match=says):
        load_config(_config(tmp_path, text))

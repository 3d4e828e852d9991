"""A citizen reads a commitment to its end and signs it by finger; the signature reaches the
central as a PNG attachment. The service exists only in a test catalogue that the central
sandbox serves: no kiosk code knows it."""

from __future__ import annotations

import base64
import copy
import io
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from kiosk.workflow.states import Attract, Filling, Finished, Reviewing, Signing
from tests.conftest import CATALOGUE_JSON
from tests.shell.conftest import KioskDriver, central_applications, make_kiosk
from tests.shell.text_fit import cut_texts

SERVICE = "GT-SIGNED"
STATEMENT_ZH = "本人承诺：所填信息真实、合法、有效，" * 30 + "如有虚假，愿承担法律责任。"


def signed_catalogue(path: Path) -> Path:
    data = json.loads(CATALOGUE_JSON.read_text(encoding="utf-8"))
    [base] = [s for s in data["services"] if s["code"] == "GT-SETUP"]
    service = copy.deepcopy(base)
    service["code"] = SERVICE
    service["title"] = {
        "zh": "个体工商户设立登记（承诺制）",
        "en": "Sole proprietorship, by commitment",
    }
    service["form"]["pages"].append(
        {
            "title": {"zh": "承诺与签名", "en": "Commitment and signature"},
            "sections": [
                {
                    "title": {"zh": "承诺书", "en": "Commitment"},
                    "statement": {
                        "zh": STATEMENT_ZH,
                        "en": "I declare that what I have given is true. " * 30,
                    },
                    "fields": [
                        {
                            "name": "operator_signature",
                            "type": "signature",
                            "label": {"zh": "经营者签名", "en": "Operator's signature"},
                            "required": True,
                        }
                    ],
                }
            ],
        }
    )
    data["services"].append(service)
    data["version"] += "-signed"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def kiosk_with_commitment(
    tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> Iterator[KioskDriver]:
    # The sandbox the kiosk starts serves this catalogue, and checks applications against it.
    monkeypatch.setenv("KIOSK_CENTRAL_CATALOGUE", str(signed_catalogue(tmp_path / "cat.json")))
    app = make_kiosk(tmp_path)
    driver = KioskDriver(app, qtbot)
    qtbot.waitUntil(
        lambda: (
            app.workflow.catalogue is not None
            and any(s.code == SERVICE for s in app.workflow.catalogue.offered)
        ),
        timeout=30000,
    )
    yield driver
    app.close()


def _sign(kiosk: KioskDriver) -> None:
    pad = kiosk.window.router.sign_page.pad
    kiosk.touches += 1
    kiosk.qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(80, 150))
    for x in range(100, 520, 15):
        kiosk.qtbot.mouseMove(pad, QPoint(x, 150 + (x % 40) - 20))
    kiosk.qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(520, 160))


def test_citizen_reads_the_commitment_signs_and_the_signature_is_sent(
    kiosk_with_commitment: KioskDriver, tmp_path: Path
) -> None:
    kiosk = kiosk_with_commitment
    kiosk.press("点击这里开始")
    kiosk.start("个体工商户设立登记（承诺制）")
    kiosk.put_document_down()
    kiosk.wait_for(Filling)
    kiosk.type_into("mobile", "13800138000")
    kiosk.press("下一步")
    kiosk.qtbot.waitUntil(lambda: kiosk.workflow.state == Filling(SERVICE, 1))
    kiosk.type_into("trade_name", "金华市婺城区丽华百货店")
    kiosk.type_into("business_scope", "日用百货销售")
    kiosk.press("下一步")
    kiosk.wait_for(Signing)
    assert "本人承诺" in kiosk.texts()
    assert cut_texts(kiosk.window) == []

    kiosk.press("核对我的信息")  # neither read nor signed yet
    state = kiosk.workflow.state
    assert isinstance(state, Signing)
    assert {p.code for p in state.problems} == {"statement_not_read", "required"}
    assert "请阅读全文后再签名" in kiosk.texts()

    area = kiosk.window.router.sign_page._statement_area
    bar = area.verticalScrollBar()
    assert bar.maximum() > 0  # the commitment is longer than the screen
    bar.setValue(bar.maximum())  # the citizen drags it to its end
    kiosk.qtbot.waitUntil(lambda: kiosk.state(Signing).statement_read)
    _sign(kiosk)
    kiosk.screenshot("17-commitment-signed")
    kiosk.press("核对我的信息")
    kiosk.wait_for(Reviewing)
    assert "已签名" in kiosk.texts()
    kiosk.press("提交")
    kiosk.wait_for(Finished)

    [application] = central_applications(kiosk.app.config.data_dir)
    assert application["service"] == SERVICE
    [attachment] = application["attachments"]
    assert attachment["kind"] == "signature"
    assert attachment["media_type"] == "image/png"
    assert attachment["bytes"] > 1000
    # What the central stored, read from its database: the PNG the citizen signed.
    database = kiosk.app.config.data_dir / "central-sandbox" / "central.db"
    with sqlite3.connect(database) as connection:
        [(stored,)] = connection.execute("SELECT attachments_json FROM applications").fetchall()
    [png] = [base64.b64decode(a["data"]) for a in json.loads(stored)]
    image = Image.open(io.BytesIO(png))
    assert sum(image.convert("L").histogram()[:100]) > 300  # ink on it

    kiosk.press("完成")
    kiosk.wait_for(Attract)
    assert kiosk.window.router.sign_page.pad.is_empty()  # the strokes went with the session

"""Shared fixtures: the real catalogue, an in-memory store, synchronous ports."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from devices.protocols import PrintResult  # noqa: E402
from devices.simulated import SimulatedPrinter  # noqa: E402
from kiosk.catalogue import Catalogue, Text, parse_catalogue  # noqa: E402
from kiosk.clock import CHINA_TZ  # noqa: E402
from kiosk.documents.receipt import ReceiptData  # noqa: E402
from kiosk.workflow.machine import KioskWorkflow  # noqa: E402
from kiosk.workflow.states import State  # noqa: E402
from offline_cache.db import Database  # noqa: E402
from tests.postgresql import postgresql_cluster  # noqa: E402, F401  (a session fixture)

REPO = Path(__file__).resolve().parents[1]
CATALOGUE_JSON = REPO / "central" / "data" / "catalogue.json"
T = TypeVar("T")


@pytest.fixture
def catalogue_data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(CATALOGUE_JSON.read_text(encoding="utf-8"))
    return data


@pytest.fixture
def catalogue(catalogue_data: dict[str, Any]) -> Catalogue:
    return parse_catalogue(catalogue_data)


@pytest.fixture
def db(request: pytest.FixtureRequest) -> Iterator[Database]:
    database = Database.in_memory(name=request.node.name)
    yield database
    database.close()


def state_now(workflow: KioskWorkflow) -> State:
    """The workflow's state as it is now, whatever an earlier assert said it was.

    After ``assert wf.state == Filling(...)`` mypy holds ``wf.state`` to be a Filling
    until the end of the test, though the next event (or a timer fired) changes it:
    read through this call, it is compared as the state it has become."""
    return workflow.state


class InlineRunner:
    """Runs jobs at once on the caller's thread (the workflow's Runner port)."""

    def run(self, job: Callable[[], T], done: Callable[[T], None]) -> None:
        done(job())


class ManualScheduler:
    """Keeps delayed calls until the test fires them."""

    def __init__(self) -> None:
        self.pending: list[tuple[float, Callable[[], None]]] = []

    def call_later(self, delay_s: float, fn: Callable[[], None]) -> None:
        self.pending.append((delay_s, fn))

    def fire_all(self) -> None:
        pending, self.pending = self.pending, []
        for _, fn in pending:
            fn()


class DriverBugAfterThePage(SimulatedPrinter):
    """A driver with a bug: the page comes out, then the driver raises (nobody can know)."""

    def print_pdf(self, pdf: Path, *, title: str) -> PrintResult:
        result = super().print_pdf(pdf, title=title)
        if result.ok:
            raise RuntimeError("driver bug: lost its handle after sending")
        return result


def sample_receipt(reference: str, application_no: str | None = None) -> ReceiptData:
    """A synthetic citizen's receipt (sole proprietorship, Jinhua) for the receipt tests."""
    return ReceiptData(
        service_title_zh="个体工商户设立登记",
        service_title_en="Sole proprietorship registration",
        applicant_name="王丽华",
        masked_id_number="3307**********0824",
        business_name="金华市婺城区丽华百货店",
        reference=reference,
        application_no=application_no,
        submitted_at=datetime(2026, 11, 2, 9, 30, tzinfo=CHINA_TZ),
        promise_days=3,
        site_name="测试大厅",
        service_code="GT-SETUP",
        kiosk_id="K-330702-0001",
        authority=Text(
            "金华市婺城区市场监督管理局",
            "Administration for Market Regulation, Wucheng District, Jinhua",
        ),
        accepted_at=(datetime(2026, 11, 2, 9, 30, 5, tzinfo=CHINA_TZ) if application_no else None),
        business_address="浙江省金华市婺城区八一南街100号",
        business_scope=(Text("日用百货销售", ""),),
        materials_received=(
            Text("电子申请表（在本机填写并提交）", "Application form (submitted at this kiosk)"),
            Text("居民身份证（读卡器读取）", "Resident identity card (read by the card reader)"),
        ),
        materials_listed=(
            Text("经营者本人有效身份证件", "The operator's valid identity document"),
        ),
    )

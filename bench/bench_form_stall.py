"""Benchmark: how long the UI thread stalls while a page of 40 fields opens, and while the
people list draws 50 persons
(ten to a page: screens/fields/people_list.py PAGE_SIZE).

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_form_stall.py [--runs 20]
The stall is the longest gap between two turns of the event loop (a 1 ms timer's
ticks) while the screen is built, laid out and painted: what a citizen feels as the
kiosk not answering. Figures: median and worst of the runs, and the ratio to the
50 ms target. Offscreen painting is a software raster, as on a
kiosk without a GPU.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from kiosk.catalogue import parse_catalogue  # noqa: E402
from kiosk.forms.engine import FormSession  # noqa: E402
from kiosk.workflow.states import Filling  # noqa: E402
from screens.fields.people_list import PeopleList  # noqa: E402
from screens.form_page import FormPageScreen  # noqa: E402
from screens.style import STYLE_SHEET  # noqa: E402

TARGET_MS = 50.0


def forty_field_catalogue() -> dict[str, Any]:
    fields = [
        {
            "name": f"field_{n}",
            "type": "text",
            "label": {"zh": f"第{n}项信息", "en": f"Detail number {n}"},
            "required": n % 3 == 0,
            "example": "示例内容",
            "max_length": 50,
        }
        for n in range(40)
    ]
    return {
        "version": "bench",
        "services": [
            {
                "code": "BENCH",
                "title": {"zh": "基准", "en": "Bench"},
                "category": "registration",
                "channels": ["kiosk"],
                "form": {
                    "pages": [
                        {
                            "title": {"zh": "四十项", "en": "Forty fields"},
                            "sections": [{"title": {"zh": "全部", "en": "All"}, "fields": fields}],
                        }
                    ]
                },
            }
        ],
    }


def settle(app: QApplication) -> None:
    """Lay out and paint what was asked for, as the event loop would next."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    app.processEvents()


def longest_stall(action: Any, done: Any = lambda: True, settle_ms: int = 100) -> float:
    """The longest gap between two turns of the event loop while ``action`` runs and
    what it scheduled finishes (until ``done()``), in ms: what a citizen feels."""
    loop = QEventLoop()
    ticks: list[float] = []
    ticker = QTimer()
    ticker.setInterval(1)
    ticker.timeout.connect(lambda: ticks.append(time.perf_counter()))

    def finish_when_done() -> None:
        if done():
            QTimer.singleShot(settle_ms, loop.quit)  # the layout and paint that follow
        else:
            QTimer.singleShot(5, finish_when_done)

    ticker.start()
    QTimer.singleShot(5, action)
    QTimer.singleShot(10, finish_when_done)
    loop.exec()
    ticker.stop()
    return max(b - a for a, b in zip(ticks, ticks[1:], strict=False)) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setStyleSheet(STYLE_SHEET)

    catalogue = parse_catalogue(forty_field_catalogue())
    schema = catalogue.service("BENCH").form
    assert schema is not None
    page = FormPageScreen()
    page.resize(1920, 1000)
    page.show()
    settle(app)
    opening: list[float] = []
    for _ in range(args.runs):
        form = FormSession(schema)  # a new citizen: the page is built anew
        opening.append(
            longest_stall(
                lambda f=form: page.show_state(Filling("BENCH", 0), f, "基准", "zh"),
                lambda: page.complete,
            )
        )
        page.clear()
        settle(app)

    people = [
        {"name": f"股东{n}", "document_type": "cn_resident_id", "id_number": "330702196205050824"}
        for n in range(50)
    ]
    listing = PeopleList(min_items=1, max_items=50)
    listing.resize(1800, 900)
    listing.show()
    settle(app)
    identified = [n % 2 == 0 for n in range(50)]
    building: list[float] = []
    adding: list[float] = []
    redrawing: list[float] = []
    for _ in range(args.runs):
        building.append(
            longest_stall(
                lambda: listing.show_people(people, identified, "zh"), lambda: listing.complete
            )
        )
        # The citizen moves one person up: every row's words may change.
        people.insert(0, people.pop(1))
        redrawing.append(longest_stall(lambda: listing.show_people(people, identified, "zh")))
        listing.show_people(people[:49], identified, "zh")
        settle(app)
        adding.append(longest_stall(lambda: listing.show_people(people, identified, "zh")))
        listing.show_people([], [], "zh")  # the next citizen's list starts empty
        settle(app)
    figures_by_case = (
        ("a 40-field page opens", opening),
        ("a list of 50 persons drawn from none (its page of 10)", building),
        ("a person moved among 50", redrawing),
        ("the 50th person added", adding),
    )
    for what, figures in figures_by_case:
        median, worst = statistics.median(figures), max(figures)
        print(
            f"{what}: median {median:.1f} ms, worst {worst:.1f} ms over {len(figures)} runs;"
            f" worst / {TARGET_MS:.0f} ms target = {worst / TARGET_MS:.2f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

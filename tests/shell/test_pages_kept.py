"""The service menu and a service's guidance hold nothing of a citizen, so the next
citizen gets them as they were made (quicker to show), unless the catalogue reworded
them or the language changed; the guidance then opens at its top."""

from __future__ import annotations

import copy
from typing import Any

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from kiosk.catalogue import Catalogue
from kiosk.catalogue_parse import parse_catalogue
from kiosk.workflow.states import ReadingGuidance
from screens.guidance import GuidanceScreen
from screens.service_menu import ServiceMenuScreen
from screens.wrapping_button import WrappingButton


def service_buttons(menu: ServiceMenuScreen) -> list[WrappingButton]:
    return [b for b in menu.findChildren(WrappingButton) if not b.isHidden()]


def words(button: WrappingButton) -> str:
    label = button.findChild(QLabel)
    assert label is not None
    return label.text()


def reworded(data: dict[str, Any], zh: str) -> Catalogue:
    changed = copy.deepcopy(data)
    changed["version"] = "reworded"
    changed["services"][0]["title"]["zh"] = zh
    changed["services"][0]["steps"][0]["zh"] = zh
    return parse_catalogue(changed)


def test_the_next_citizen_gets_the_same_menu_until_the_catalogue_or_language_changes(
    qtbot: QtBot, catalogue: Catalogue, catalogue_data: dict[str, Any]
) -> None:
    menu = ServiceMenuScreen()
    qtbot.addWidget(menu)
    menu.show_state(catalogue, "zh")
    first = service_buttons(menu)
    assert "个体工商户设立登记" in words(first[0])

    menu.show_state(catalogue, "zh")  # the next session
    assert service_buttons(menu) == first

    menu.show_state(catalogue, "en")
    assert "Register a sole proprietorship" in words(service_buttons(menu)[0])

    menu.show_state(reworded(catalogue_data, "开个体店"), "en")
    menu.show_state(reworded(catalogue_data, "开个体店"), "zh")
    assert words(service_buttons(menu)[0]).startswith("开个体店\n")


def test_the_next_citizen_reads_the_kept_guidance_from_its_top_and_new_words_when_reworded(
    qtbot: QtBot, catalogue: Catalogue, catalogue_data: dict[str, Any]
) -> None:
    page = GuidanceScreen()
    qtbot.addWidget(page)
    page.resize(1280, 400)  # short: the guidance scrolls
    page.show()
    service = catalogue.service("GT-SETUP")
    page.show_state(ReadingGuidance("GT-SETUP"), service, "zh")
    labels = page.findChildren(QLabel)
    bar = page._scroll.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum())  # the citizen read to the end

    page.clear()  # the session ends
    page.show_state(ReadingGuidance("GT-SETUP"), service, "zh")
    assert bar.value() == 0
    assert page.findChildren(QLabel) == labels

    new = reworded(catalogue_data, "先在本机填写申请").service("GT-SETUP")
    page.show_state(ReadingGuidance("GT-SETUP"), new, "zh")
    qtbot.waitUntil(lambda: "1. 先在本机填写申请" in [w.text() for w in visible_labels(page)])


def visible_labels(page: GuidanceScreen) -> list[QLabel]:
    return [w for w in page.findChildren(QLabel) if w.isVisibleTo(page)]

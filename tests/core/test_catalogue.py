"""The catalogue is data: parsed strictly, malformed input named clearly, never a crash."""

from __future__ import annotations

import contextlib
import copy
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.catalogue import parse_catalogue
from kiosk.errors import CatalogueError
from tests.conftest import CATALOGUE_JSON


def test_central_catalogue_offers_sole_proprietor_registration(
    catalogue_data: dict[str, Any],
) -> None:
    catalogue = parse_catalogue(catalogue_data)
    service = catalogue.service("GT-SETUP")
    assert service.title.zh == "个体工商户设立登记"
    assert service.offered_on_kiosk
    assert "GT-SETUP" in [s.code for s in catalogue.offered]
    names = [f.name for f in service.form.fields] if service.form else []
    assert names[:3] == ["operator_name", "operator_id_number", "mobile"]
    assert service.form is not None
    assert service.form.field("operator_id_number").validators == ("cn_resident_id",)


def test_service_with_unknown_field_type_is_kept_but_not_offered(
    catalogue_data: dict[str, Any],
) -> None:
    data = copy.deepcopy(catalogue_data)
    new = copy.deepcopy(data["services"][0])
    new["code"] = "FUTURE"
    new["form"]["pages"][0]["sections"][0]["fields"][0]["type"] = "hologram"
    data["services"].append(new)
    catalogue = parse_catalogue(data)
    assert catalogue.service("FUTURE").offered_on_kiosk is False
    assert "FUTURE" not in [s.code for s in catalogue.offered]


@pytest.mark.parametrize(
    ("mutate", "where"),
    [
        (lambda d: d.pop("version"), "catalogue.version"),
        (lambda d: d.__setitem__("services", {}), "catalogue.services"),
        (lambda d: d["regions"][0].__setitem__("code", "3307"), "catalogue.regions[0].code"),
        (lambda d: d["business_scope"][0].pop("code"), "catalogue.business_scope[0].code"),
        (
            lambda d: d["services"].append(copy.deepcopy(d["services"][0])),
            "duplicate service codes",
        ),
    ],
)
def test_malformed_catalogue_is_refused_with_the_faulty_place(
    catalogue_data: dict[str, Any], mutate: Any, where: str
) -> None:
    data = copy.deepcopy(catalogue_data)
    mutate(data)
    with pytest.raises(
        CatalogueError, match=where.replace("[", r"\[").replace("]", r"\]").replace("(", r"\(")
    ):
        parse_catalogue(data)


@pytest.mark.parametrize(
    ("mutate", "where"),
    [
        (lambda s: s.pop("code"), "code: missing"),
        (
            lambda s: s["form"]["pages"][0]["sections"][0]["fields"][1].__setitem__(
                "pattern", "(["
            ),
            "form.pages[0].sections[0].fields[1].pattern: not a valid regular expression",
        ),
        (
            lambda s: s["form"]["pages"][0]["sections"][0]["fields"][0].__setitem__(
                "max_length", -3
            ),
            "form.pages[0].sections[0].fields[0].max_length",
        ),
    ],
)
def test_malformed_service_is_kept_not_offered_with_the_faulty_place(
    catalogue_data: dict[str, Any], mutate: Any, where: str
) -> None:
    data = copy.deepcopy(catalogue_data)
    mutate(data["services"][0])
    catalogue = parse_catalogue(data)
    broken = catalogue.services[0]
    assert not broken.offered_on_kiosk
    assert any(reason.startswith(where) for reason in broken.not_offered), broken.not_offered
    assert len(catalogue.services) == len(data["services"])


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=30,
)


@settings(max_examples=300)
@given(json_values)
def test_any_json_is_parsed_or_refused_with_catalogue_error(value: Any) -> None:
    with contextlib.suppress(CatalogueError):
        parse_catalogue(value)


@settings(max_examples=200)
@given(st.data())
def test_mangled_real_catalogue_never_escapes_catalogue_error(data: st.DataObject) -> None:
    mangled = json.loads(CATALOGUE_JSON.read_text(encoding="utf-8"))
    field = mangled["services"][0]["form"]["pages"][1]["sections"][0]["fields"][0]
    key = data.draw(st.sampled_from(sorted(field)))
    field[key] = data.draw(json_values)
    with contextlib.suppress(CatalogueError):
        parse_catalogue(mangled)

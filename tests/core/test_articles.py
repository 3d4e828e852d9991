"""Articles of association from the form's values: Art. 46 items, bodies, missing data, masks."""

from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.documents.articles import (
    ART46_ITEMS,
    Articles,
    ArticlesRoles,
    build_articles,
    chinese_number,
)

REPO = Path(__file__).resolve().parents[2]
AS_OF = date(2026, 12, 4)
SCOPE = {"I6510": "软件开发", "H6210": "正餐服务"}
IDS = {
    "张三": "330702198503140035",
    "李四": "33070219900101002X",
    "王五": "330702197001010018",
    "赵六": "330702198001010014",
    "钱七": "330702199202020012",
}


def person(name: str, **more: Any) -> dict[str, Any]:
    return {"name": name, "document_type": "cn_resident_id", "id_number": IDS[name], **more}


def shareholder(name: str, amount: str, day: str, form: Any = "currency") -> dict[str, Any]:
    return person(name, subscribed_amount=amount, contribution_date=day, contribution_form=form)


def three_shareholders() -> dict[str, Any]:
    return {
        "company_name": "金华市婺城区青禾餐饮有限公司",
        "domicile": "浙江省金华市婺城区八一南街100号3幢201室",
        "scope": ["H6210", "I6510"],
        "registered_capital": "100",
        "shareholders": [
            shareholder("张三", "40", "2029-12-31"),
            shareholder("李四", "35.5", "2030-06-30", "货币"),
            shareholder("王五", "24.50", "2028-01-01", ["currency", "in_kind"]),
        ],
        "directors": [person("张三"), person("李四"), person("赵六")],
        "supervisors": [person("王五")],
        "manager": person("赵六"),
        "legal_representative": person("张三"),
        "legal_representative_role": "director",
    }


def one_shareholder() -> dict[str, Any]:
    values = three_shareholders()
    values["shareholders"] = [shareholder("张三", "100", "2031-12-01")]
    values["directors"] = [person("张三")]
    values["supervisors"] = [person("王五")]
    values["manager"] = None
    return values


def build(values: dict[str, Any], **kw: Any) -> Articles:
    return build_articles(values, scope_texts=SCOPE, as_of=AS_OF, **kw)


# -- every Art. 46 item --------------------------------------------------------------


def test_a_three_shareholder_company_covers_every_art46_item() -> None:
    articles = build(three_shareholders())
    text = articles.plain_text()

    assert articles.missing == ()
    assert articles.problems == ()
    assert articles.complete
    assert articles.covered_items() == frozenset(ART46_ITEMS)
    # 1 name and domicile
    assert articles.title == "金华市婺城区青禾餐饮有限公司章程"
    assert "公司名称：金华市婺城区青禾餐饮有限公司" in text
    assert "公司住所：浙江省金华市婺城区八一南街100号3幢201室" in text
    # 2 scope, main item first
    assert "公司的经营范围：正餐服务；软件开发。其中主营项目为：正餐服务" in text
    # 3 capital
    assert "公司注册资本为人民币100万元" in text
    # 4 and 5 each shareholder's name, amount, form and date
    for line in (
        "张三（居民身份证 3307**********0035），认缴出资额人民币40万元，占注册资本的40%，"
        "出资方式为货币，于2029年12月31日前缴足",
        "李四（居民身份证 3307**********002X），认缴出资额人民币35.5万元，占注册资本的35.5%，"
        "出资方式为货币，于2030年6月30日前缴足",
        "王五（居民身份证 3307**********0018），认缴出资额人民币24.5万元，占注册资本的24.5%，"
        "出资方式为货币、实物，于2028年1月1日前缴足",
    ):
        assert line in text
    assert "五年内缴足" in text
    # 6 bodies: formation, powers, rules of procedure
    assert "公司股东会由全体股东组成" in text
    assert "股东会会议由股东按照出资比例行使表决权" in text
    assert "公司设董事会，成员为3人，由股东会选举产生" in text
    assert "首届董事会成员为：张三、李四、赵六" in text
    assert "董事会对股东会负责，行使下列职权" in text
    assert "董事会决议的表决，应当一人一票" in text
    assert "公司设经理一名，由董事会决定聘任或者解聘" in text
    assert "设监事一名，由股东会选举产生" in text
    assert "监事为：王五" in text
    # 7 the legal representative: who, and how appointed and changed
    assert "公司的法定代表人由代表公司执行公司事务的董事担任。公司的法定代表人为张三" in text
    assert "三十日内确定新的法定代表人" in text
    # 8 other matters
    assert "第八章　其他事项" in text
    assert text.rstrip().endswith("年　　月　　日")
    assert articles.signatories == ("张三", "李四", "王五")


def test_articles_are_numbered_across_chapters() -> None:
    articles = build(three_shareholders())

    numbers = [a.number for c in articles.chapters for a in c.articles]
    assert numbers == list(range(1, len(numbers) + 1))
    assert [c.number for c in articles.chapters] == list(range(1, len(articles.chapters) + 1))
    text = articles.plain_text(english_headings=True)
    assert "第一章　总则（Chapter 1: General provisions）" in text
    assert f"第{chinese_number(numbers[-1])}条　" in text
    assert all(c.title_en for c in articles.chapters)


def test_identity_numbers_appear_only_masked() -> None:
    text = build(three_shareholders()).plain_text()

    for number in IDS.values():
        assert number not in text
        assert number[6:14] not in text  # not even the birth date
    assert "3307**********0035" in text


def test_a_company_shareholder_is_named_as_the_company_with_its_credit_code() -> None:
    values = three_shareholders()
    values["shareholders"][1] |= {
        "entity_name": "金华市恒泰投资有限公司",
        "uscc": "91330702MA2ABCDE0J",
    }
    text = build(values).plain_text()

    assert "金华市恒泰投资有限公司（统一社会信用代码 91330702MA2ABCDE0J，法定代表人：" in text


# -- the bodies --------------------------------------------------------------------


def test_a_single_director_replaces_the_board() -> None:
    values = three_shareholders()
    values["directors"] = [person("张三")]
    articles = build(values)
    text = articles.plain_text()

    assert articles.complete
    assert 6 in articles.covered_items()
    assert "公司不设董事会，设董事一名，由股东会选举产生" in text
    assert "董事为：张三" in text
    assert "董事行使《公司法》规定的董事会的职权" in text
    assert "董事会成员" not in text
    assert "公司设经理一名，由董事决定聘任或者解聘" in text
    assert "股东会会议由董事召集和主持" in text


def test_two_directors_are_neither_a_board_nor_a_single_director() -> None:
    values = three_shareholders()
    values["directors"] = [person("张三"), person("李四")]
    values["legal_representative_role"] = "director"
    articles = build(values)

    assert any("at least three" in p for p in articles.problems)
    assert 6 not in articles.covered_items()


def test_no_supervisor_only_when_all_shareholders_agreed() -> None:
    values = three_shareholders()
    values["supervisors"] = []

    silent = build(values)
    assert "supervisors" in silent.missing
    assert "不设监事会或者监事" not in silent.plain_text()
    assert 6 not in silent.covered_items()

    values["supervisor_waiver"] = False
    assert "supervisors" in build(values).missing

    values["supervisor_waiver"] = True
    agreed = build(values)
    text = agreed.plain_text()
    assert agreed.complete
    assert "经全体股东一致同意，公司不设监事会或者监事" in text
    assert 6 in agreed.covered_items()
    assert "审议批准监事" not in text
    assert "三分之一以上的董事提议召开临时会议" in text


def test_a_board_audit_committee_replaces_the_supervisors() -> None:
    values = three_shareholders()
    values["supervisors"] = []
    values["audit_committee"] = "yes"
    articles = build(values)

    assert articles.complete
    assert "在董事会中设置由董事组成的审计委员会，行使《公司法》规定的监事会的职权" in (
        articles.plain_text()
    )

    values["directors"] = [person("张三")]
    single = build(values)
    assert any("audit committee" in p for p in single.problems)


def test_three_supervisors_form_a_board_of_supervisors() -> None:
    values = three_shareholders()
    values["supervisors"] = [person("王五"), person("钱七"), {"name": "孙八"}]
    text = build(values).plain_text()

    assert "公司设监事会，成员为3人，其中职工代表的比例不得低于三分之一" in text
    assert "首届监事会成员为：王五、钱七、孙八" in text
    assert "监事会决议应当经全体监事的过半数通过" in text


def test_a_director_cannot_also_be_the_supervisor() -> None:
    values = three_shareholders()
    values["supervisors"] = [person("李四")]

    assert any("李四 is a director" in p for p in build(values).problems)


def test_the_legal_representative_must_be_a_director_or_the_manager() -> None:
    values = three_shareholders()
    values["legal_representative"] = person("王五")
    assert any("王五 is not a director" in p for p in build(values).problems)

    values["legal_representative"] = person("赵六")
    values["legal_representative_role"] = "manager"
    text = build(values).plain_text()
    assert "公司的法定代表人由经理担任。公司的法定代表人为赵六" in text
    assert "担任法定代表人的经理由董事会决定聘任或者解聘" in text

    values["manager"] = None
    assert "manager" in build(values).missing


def test_the_legal_representatives_role_is_inferred_when_not_given() -> None:
    values = three_shareholders()
    del values["legal_representative_role"]

    assert "由代表公司执行公司事务的董事担任" in build(values).plain_text()


# -- one shareholder or many -----------------------------------------------------------


def test_one_shareholder_decides_alone_without_a_shareholders_meeting() -> None:
    articles = build(one_shareholder())
    text = articles.plain_text()

    assert articles.complete, (articles.missing, articles.problems)
    assert articles.covered_items() == frozenset(ART46_ITEMS)
    assert "公司股东为张三（居民身份证 3307**********0035），认缴出资额人民币100万元" in text
    assert "占注册资本" not in text
    assert "公司不设股东会，由股东行使下列职权" in text
    assert "应当采用书面形式，并由股东签名或者盖章后置备于公司" in text
    assert "股东会会议" not in text
    assert "股东会由全体股东组成" not in text
    assert "设董事一名，由股东委派" in text
    assert "优先购买权" not in text
    assert "本章程自股东签名或者盖章之日起生效" in text
    assert "股东签名（盖章）：\n张三：" in text
    assert "全体股东签名" not in text


def test_many_shareholders_meet_and_vote_by_contribution() -> None:
    text = build(three_shareholders()).plain_text()

    assert "公司股东共3名，各股东的出资情况如下：（一）张三" in text
    assert "（三）王五" in text
    assert "首次股东会会议由出资最多的股东召集和主持" in text
    assert "其他股东在同等条件下有优先购买权" in text
    assert "全体股东签名（盖章）：" in text


# -- contributions ----------------------------------------------------------------------


def test_every_contribution_date_appears() -> None:
    values = three_shareholders()
    values["shareholders"][0]["contribution_date"] = "2027-02-28"
    text = build(values).plain_text()

    for day in ("2027年2月28日", "2030年6月30日", "2028年1月1日"):
        assert f"于{day}前缴足" in text


def test_a_contribution_due_after_five_years_is_a_problem() -> None:
    values = three_shareholders()
    values["shareholders"][1]["contribution_date"] = "2031-12-05"

    problems = build(values).problems
    assert any(p.startswith("shareholders[1].contribution_date") for p in problems)
    values["shareholders"][1]["contribution_date"] = "2031-12-04"
    assert build(values).problems == ()


def test_subscriptions_must_add_up_to_the_registered_capital() -> None:
    values = three_shareholders()
    values["registered_capital"] = "120"

    assert any("add up to 100" in p for p in build(values).problems)


def test_a_forbidden_form_of_contribution_is_a_problem() -> None:
    values = three_shareholders()
    values["shareholders"][2]["contribution_form"] = "劳务"

    assert any("劳务" in p for p in build(values).problems)


# -- missing data ------------------------------------------------------------------------


def test_missing_pieces_are_listed_and_no_clause_is_left_blank() -> None:
    values = three_shareholders()
    del values["company_name"]
    values["domicile"] = "  "
    values["registered_capital"] = "abc"
    values["scope"] = []
    del values["shareholders"][1]["contribution_date"]
    values["shareholders"][2]["contribution_form"] = None
    values["shareholders"][0]["subscribed_amount"] = ""
    del values["directors"]
    del values["legal_representative"]
    articles = build(values)
    text = articles.plain_text()

    assert set(articles.missing) == {
        "company_name",
        "domicile",
        "registered_capital",
        "scope",
        "shareholders[0].subscribed_amount",
        "shareholders[1].contribution_date",
        "shareholders[2].contribution_form",
        "directors",
        "legal_representative",
    }
    assert not articles.complete
    assert articles.covered_items() == {4, 7, 8}
    assert articles.title == "有限责任公司章程"
    for blank in (
        "公司名称",
        "公司住所",
        "注册资本为",
        "经营范围：",
        "None",
        "于前",
        "为：。",
        "：。",
    ):
        assert blank not in text, blank
    assert "李四（居民身份证 3307**********002X），认缴出资额人民币35.5万元，出资方式为货币。" in (
        text.replace("；（三）", "。")
    )


def test_unnamed_people_are_missing_by_their_place_in_the_list() -> None:
    values = three_shareholders()
    values["shareholders"].append({"name": " ", "subscribed_amount": "0"})
    values["shareholders"] = [values["shareholders"][3], *values["shareholders"][:3]]
    articles = build(values)

    assert "shareholders[0].name" in articles.missing
    # The others keep their own places in the form's list.
    assert "shareholders[1].contribution_date" not in articles.missing
    assert articles.signatories == ("张三", "李四", "王五")


def test_with_no_values_at_all_everything_is_missing_and_nothing_raises() -> None:
    articles = build_articles({})

    assert {"company_name", "shareholders", "directors", "supervisors"} <= set(articles.missing)
    assert articles.covered_items() == {7, 8}
    assert articles.plain_text().startswith("有限责任公司章程\n")


# -- field names differ between centrals ----------------------------------------------------


def test_other_field_names_are_given_by_roles_not_by_the_template() -> None:
    renames = {
        "company_name": "qymc",
        "domicile": "zs",
        "business_scope": "jyfw",
        "registered_capital": "zczb",
        "shareholders": "gd",
        "subscribed_amount": "rjcze",
        "contribution_date": "czrq",
        "contribution_form": "czfs",
        "legal_representative": "fddbr",
        "legal_representative_role": "fddbr_zw",
        "directors": "dsh",
        "supervisors": "js",
        "manager": "jl",
    }
    default = ArticlesRoles()
    values = three_shareholders()
    renamed: dict[str, Any] = {}
    for role, new in renames.items():
        old = getattr(default, role)
        if old in values:
            renamed[new] = copy.deepcopy(values[old])
    for item in renamed["gd"]:
        for sub in ("subscribed_amount", "contribution_date", "contribution_form"):
            item[renames[sub]] = item.pop(getattr(default, sub))

    articles = build(renamed, roles=ArticlesRoles.from_mapping(renames))

    assert articles.plain_text() == build(values).plain_text()
    with pytest.raises(ValueError, match="unknown articles roles: nonsense"):
        ArticlesRoles.from_mapping({"nonsense": "x"})


def test_the_default_roles_match_the_test_catalogue() -> None:
    catalogue = json.loads((REPO / "tests" / "data" / "catalogue_doc.json").read_text("utf-8"))
    (service,) = [s for s in catalogue["services"] if s["code"] == "GS-SETUP"]
    fields = {
        f["name"]: f
        for page in service["form"]["pages"]
        for section in page["sections"]
        for f in section["fields"]
    }
    roles = ArticlesRoles()

    for role in (
        "company_name",
        "domicile",
        "business_scope",
        "registered_capital",
        "shareholders",
        "legal_representative",
        "legal_representative_role",
        "contribution_methods",
        "business_term",
        "business_term_years",
    ):
        assert getattr(roles, role) in fields, role
    subfields = {f["name"] for f in fields[roles.shareholders]["fields"]}
    assert {roles.subscribed_amount, roles.contribution_date} <= subfields


def test_other_provisions_and_a_business_term_are_included() -> None:
    values = three_shareholders()
    values["other_provisions"] = ["公司利润按实缴出资比例分配", "股东会每年三月召开"]
    values["business_term"] = "long_term"
    text = build(values).plain_text()

    assert "公司利润按实缴出资比例分配。" in text
    assert "股东会每年三月召开。" in text
    assert "公司的营业期限为长期。" in text
    values["business_term"] = 20
    assert "公司的营业期限为20年，自公司成立之日起计算。" in build(values).plain_text()


def test_contribution_methods_asked_once_for_the_company_go_to_every_shareholder() -> None:
    values = three_shareholders()
    for item in values["shareholders"]:
        del item["contribution_form"]
    values["contribution_methods"] = ["currency"]
    articles = build(values)

    assert articles.complete
    assert articles.plain_text().count("出资方式为货币，") == 3

    values["contribution_methods"] = []
    assert "contribution_methods" in build(values).missing
    del values["contribution_methods"]
    assert "shareholders[2].contribution_form" in build(values).missing


def test_a_business_term_in_years_comes_from_its_own_field() -> None:
    values = three_shareholders()
    values["business_term"] = "years"
    values["term_years"] = 30
    assert "公司的营业期限为30年，自公司成立之日起计算。" in build(values).plain_text()

    del values["term_years"]
    assert "公司的营业期限为" not in build(values).plain_text()  # "years" alone is no term


def test_the_sandbox_catalogues_names_are_one_role_away() -> None:
    values = three_shareholders()
    for item in values["shareholders"]:
        item["subscribed_capital"] = item.pop("subscribed_amount")
    roles = ArticlesRoles(subscribed_amount="subscribed_capital")

    assert build(values, roles=roles).plain_text() == build(three_shareholders()).plain_text()


@pytest.mark.parametrize(
    ("n", "zh"),
    [(1, "一"), (10, "十"), (11, "十一"), (20, "二十"), (27, "二十七"), (100, "一百"),
     (105, "一百零五"), (110, "一百一十"), (123, "一百二十三")],
)  # fmt: skip
def test_chinese_numbers(n: int, zh: str) -> None:
    assert chinese_number(n) == zh


# -- never raises ------------------------------------------------------------------------

NAMES = st.text(alphabet="张王李赵钱孙周吴郑冯陈褚卫蒋沈韩杨朱秦尤许ABCDE ", max_size=6)
ID_NUMBERS = st.from_regex(r"[1-9]\d{16}[\dX]", fullmatch=True)
MONEY = st.one_of(
    st.decimals(min_value=0, max_value=10**6, places=4, allow_nan=False).map(str),
    st.sampled_from(["", "0", "-1", "1e400", "NaN", "abc", "1E-30"]),
)
DATES = st.one_of(st.dates().map(date.isoformat), st.sampled_from(["", "2026-02-30", "x"]))
FORMS = st.one_of(
    st.sampled_from(["currency", "in_kind", "货币", "劳务", ""]),
    st.lists(st.sampled_from(["currency", "equity"]), max_size=2),
    st.none(),
)
PERSON = st.fixed_dictionaries(
    {"name": NAMES, "id_number": ID_NUMBERS},
    optional={
        "document_type": st.sampled_from(["cn_resident_id", "passport", "other"]),
        "mobile": st.from_regex(r"1\d{10}", fullmatch=True),
        "subscribed_amount": MONEY,
        "contribution_date": DATES,
        "contribution_form": FORMS,
    },
)
FLAGS = st.one_of(st.booleans(), st.sampled_from(["yes", "no", "true", ""]), st.none())
VALUES = st.fixed_dictionaries(
    {},
    optional={
        "company_name": NAMES,
        "domicile": NAMES,
        "scope": st.one_of(st.lists(st.sampled_from([*SCOPE, "X1"]), max_size=3), NAMES),
        "registered_capital": MONEY,
        "shareholders": st.lists(PERSON, max_size=5),
        "directors": st.lists(PERSON, max_size=4),
        "supervisors": st.lists(PERSON, max_size=4),
        "manager": st.one_of(PERSON, st.none()),
        "legal_representative": PERSON,
        "legal_representative_role": st.sampled_from(["director", "manager", "经理", "other"]),
        "audit_committee": FLAGS,
        "supervisor_waiver": FLAGS,
        "business_term": st.one_of(st.integers(-5, 2000), NAMES, st.just("years")),
        "term_years": st.one_of(st.integers(-5, 2000), st.floats(), st.text(max_size=3)),
        "contribution_methods": FORMS,
        "other_provisions": st.one_of(st.lists(NAMES, max_size=2), NAMES),
    },
)


@settings(max_examples=300, deadline=None)
@given(values=VALUES, as_of=st.one_of(st.none(), st.dates()))
def test_well_typed_values_never_raise_nor_print_a_full_identity_number(
    values: dict[str, Any], as_of: date | None
) -> None:
    articles = build_articles(values, scope_texts=SCOPE, as_of=as_of)
    text = articles.plain_text()

    assert text.startswith(articles.title)
    assert articles.covered_items() <= frozenset(ART46_ITEMS)
    if articles.complete:
        assert articles.covered_items() == frozenset(ART46_ITEMS)
    people = [
        p for key in ("shareholders", "directors", "supervisors") for p in values.get(key, [])
    ] + [values[k] for k in ("manager", "legal_representative") if values.get(k)]
    for p in people:
        assert p["id_number"] not in text


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=12,
)


@settings(max_examples=200, deadline=None)
@given(
    values=st.dictionaries(
        st.sampled_from([getattr(ArticlesRoles(), f) for f in ArticlesRoles.__slots__]), JSON
    )
)
def test_ill_typed_values_never_raise_either(values: dict[str, Any]) -> None:
    build_articles(values, as_of=AS_OF).plain_text()

"""Articles of association (公司章程) of a limited liability company, from the form's values.

`build_articles` fills a fixed template with the values of the registration form
(JSON as the central's API gives them: money as decimal strings in 万元, dates as
``YYYY-MM-DD``, people as lists of ``{"name", "document_type", "id_number", ...}``)
and covers every item Company Law (2023 revision, in force 2024-07-01) Art. 46
requires: name and domicile, business scope, registered capital, the
shareholders, each one's amount, form and date of contribution (paid within five
years, Art. 47), the company's bodies with their formation, powers and rules of
procedure (a board or a single director; a board of supervisors, one supervisor,
the board's audit committee, or none when all shareholders agree), how the legal
representative is appointed and changed, and other matters.

Which form field holds what is an `ArticlesRoles` value, never a name inside the
template: centrals name their fields differently. Data that is absent is listed
in `Articles.missing` (as field paths) and its clause left out, never printed
blank; inconsistent data (a two-person board, a director as supervisor) is listed
in `Articles.problems`. Identity numbers appear masked only (first 4, last 4).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from kiosk.documents.articles_values import (
    CONTRIBUTION_FORMS,
    DOCUMENT_TYPES,
    FORBIDDEN_CONTRIBUTIONS,
    LONG_TERM,
    MAX_SHAREHOLDERS,
    ArticlesRoles,
    Person,
    add_years,
    chinese_number,
    clean_text,
    contribution_labels,
    enumerate_items,
    is_yes,
    parse_date,
    parse_money,
    parse_people,
    parse_person,
    parse_years,
    percent,
    plain_amount,
    zh_date,
)

__all__ = [
    "ART46_ITEMS",
    "CONTRIBUTION_FORMS",
    "DOCUMENT_TYPES",
    "FORBIDDEN_CONTRIBUTIONS",
    "Article",
    "Articles",
    "ArticlesRoles",
    "Chapter",
    "build_articles",
    "chinese_number",
]


# -- the result -------------------------------------------------------------------

#: Art. 46's items, by number, as `Article.covers` names them.
ART46_ITEMS: Mapping[int, str] = {
    1: "name and domicile",
    2: "business scope",
    3: "registered capital",
    4: "shareholders' names",
    5: "each shareholder's amount, form and date of contribution",
    6: "bodies: formation, powers and rules of procedure",
    7: "appointment and change of the legal representative",
    8: "other matters",
}


@dataclass(frozen=True, slots=True)
class Article:
    """One numbered article (条); ``covers`` names the Art. 46 items it fully states."""

    number: int
    text: str
    covers: tuple[int, ...] = ()

    @property
    def heading(self) -> str:
        return f"第{chinese_number(self.number)}条"


@dataclass(frozen=True, slots=True)
class Chapter:
    number: int
    title: str
    title_en: str
    articles: tuple[Article, ...]

    @property
    def heading(self) -> str:
        return f"第{chinese_number(self.number)}章　{self.title}"


@dataclass(frozen=True, slots=True)
class Articles:
    """The articles as numbered chapters and articles, with what could not be filled."""

    title: str
    chapters: tuple[Chapter, ...]
    signatories: tuple[str, ...]
    missing: tuple[str, ...]
    """Form fields (paths such as ``shareholders[1].contribution_date``) with no usable value."""
    problems: tuple[str, ...] = ()
    """Values that contradict the law or each other, one sentence each (English)."""

    @property
    def complete(self) -> bool:
        return not self.missing and not self.problems

    def covered_items(self) -> frozenset[int]:
        """The Art. 46 items these articles state in full."""
        return frozenset(item for c in self.chapters for a in c.articles for item in a.covers)

    def plain_text(self, *, english_headings: bool = False) -> str:
        lines = [self.title, ""]
        for chapter in self.chapters:
            heading = chapter.heading
            if english_headings:
                heading += f"（Chapter {chapter.number}: {chapter.title_en}）"
            lines += [heading, ""]
            lines += [f"{a.heading}　{a.text}" for a in chapter.articles]
            lines.append("")
        if self.signatories:
            lines.append(
                "全体股东签名（盖章）：" if len(self.signatories) > 1 else "股东签名（盖章）："
            )
            lines += [f"{name}：＿＿＿＿＿＿＿＿" for name in self.signatories]
            lines += ["", "　　　　年　　月　　日"]
        return "\n".join(lines).rstrip() + "\n"


# -- the template ------------------------------------------------------------------


def build_articles(
    values: Mapping[str, Any],
    roles: ArticlesRoles | None = None,
    *,
    scope_texts: Mapping[str, str] | None = None,
    as_of: date | None = None,
) -> Articles:
    """The articles for ``values`` (the form's JSON values); never raises on odd values.

    ``scope_texts`` turns business-scope codes into their wording (the
    catalogue's ``business_scope``); a code without one is printed as it is.
    ``as_of`` is the day the articles are made: contribution dates more than
    five years after it are listed as problems (Art. 47).
    """
    return _Template(values, roles or ArticlesRoles(), scope_texts or {}, as_of).build()


@dataclass
class _Chapter:
    title: str
    title_en: str
    articles: list[tuple[str, tuple[int, ...]]] = field(default_factory=list)

    def add(self, text: str, *covers: int) -> None:
        self.articles.append((text, covers))


class _Template:
    def __init__(
        self,
        values: Mapping[str, Any],
        roles: ArticlesRoles,
        scope_texts: Mapping[str, str],
        as_of: date | None,
    ) -> None:
        self.values = values if isinstance(values, Mapping) else {}
        self.roles = roles
        self.scope_texts = scope_texts
        self.as_of = as_of
        self.missing: list[str] = []
        self.problems: list[str] = []
        self.shareholders = self._shareholders()
        self.single_shareholder = len(self.shareholders) == 1
        self.directors = self._officers(roles.directors)
        self.supervisors = self._officers(roles.supervisors)
        managers = self._officers(roles.manager)
        self.manager = managers[0] if managers else None
        self.board = len(self.directors) >= 3
        # The words for "the shareholders decide" differ with one shareholder (Art. 60).
        self.owners = "股东" if self.single_shareholder else "股东会"
        self.chosen_by_owners = "由股东委派" if self.single_shareholder else "由股东会选举产生"
        self.board_name = "董事会" if self.board else "董事"
        self.supervision_name = self._supervision_name()

    def value(self, name: str) -> Any:
        return self.values.get(name)

    def _supervision_name(self) -> str | None:
        """The body that supervises (Art. 76, 83, 69), as the clauses name it; None for none."""
        if len(self.supervisors) >= 3:
            return "监事会"
        if len(self.supervisors) == 1:
            return "监事"
        if self.board and is_yes(self.value(self.roles.audit_committee)):
            return "审计委员会"
        return None

    def build(self) -> Articles:
        name = clean_text(self.value(self.roles.company_name))
        drafts = [
            self._general(name),
            self._scope(),
            self._capital(),
            self._contributions(),
            self._bodies(),
            self._legal_representative(),
            self._transfers(),
            self._other(),
        ]
        chapters: list[Chapter] = []
        number = 0
        for draft in drafts:
            articles = []
            for text, covers in draft.articles:
                number += 1
                articles.append(Article(number, text, covers))
            chapters.append(
                Chapter(len(chapters) + 1, draft.title, draft.title_en, tuple(articles))
            )
        return Articles(
            title=f"{name}章程" if name else "有限责任公司章程",
            chapters=tuple(chapters),
            signatories=tuple(p.name for _, p, _ in self.shareholders),
            missing=tuple(dict.fromkeys(self.missing)),
            problems=tuple(dict.fromkeys(self.problems)),
        )

    # -- reading people --------------------------------------------------------

    def _shareholders(self) -> list[tuple[int, Person, Mapping[str, Any]]]:
        """(index in the form's list, person, the form's values) of each named shareholder."""
        field_name = self.roles.shareholders
        found = []
        for i, raw in enumerate(parse_people(self.value(field_name))):
            person = parse_person(raw)
            if person is None:
                self.missing.append(f"{field_name}[{i}].name")
            else:
                found.append((i, self._as_entity(person, raw), raw))
        if not found and f"{field_name}[0].name" not in self.missing:
            self.missing.append(field_name)
        if len(found) > MAX_SHAREHOLDERS:
            self.problems.append(
                f"{field_name}: a limited company has at most {MAX_SHAREHOLDERS} shareholders"
            )
        return found

    def _as_entity(self, person: Person, raw: Any) -> Person:
        """A shareholder that is a company is named as the company, with its credit code;
        the person given is its legal representative."""
        entity = (
            clean_text(raw.get(self.roles.shareholder_entity_name))
            if isinstance(raw, Mapping)
            else None
        )
        if entity is None:
            return person
        code = clean_text(raw.get(self.roles.shareholder_uscc)) or ""
        document = f"统一社会信用代码 {code}，" if code else ""
        return Person(
            name=entity,
            document=f"{document}法定代表人：{person.name}",
            id_number=code or person.id_number,
        )

    def _officers(self, field_name: str) -> list[Person]:
        found = []
        for i, raw in enumerate(parse_people(self.value(field_name))):
            person = parse_person(raw)
            if person is None:
                self.missing.append(f"{field_name}[{i}].name")
            else:
                found.append(person)
        return found

    # -- chapters --------------------------------------------------------------

    def _general(self, name: str | None) -> _Chapter:
        chapter = _Chapter("总则", "General provisions")
        chapter.add(
            "为规范公司的组织和行为，保护公司、股东、职工和债权人的合法权益，根据《中华人民共和国"
            "公司法》（以下简称《公司法》）和有关法律、行政法规的规定，制定本章程。"
        )
        domicile = clean_text(self.value(self.roles.domicile))
        if name:
            chapter.add(f"公司名称：{name}。", *((1,) if domicile else ()))
        else:
            self.missing.append(self.roles.company_name)
        if domicile:
            chapter.add(f"公司住所：{domicile}。", *((1,) if name else ()))
        else:
            self.missing.append(self.roles.domicile)
        chapter.add(
            "公司类型为有限责任公司。公司是企业法人，有独立的法人财产，享有法人财产权，以其全部财产"
            "对公司的债务承担责任；股东以其认缴的出资额为限对公司承担责任。"
        )
        term = self._business_term()
        if term:
            chapter.add(f"公司的营业期限为{term}。")
        chapter.add("本章程对公司、股东、董事、监事、高级管理人员具有约束力。")
        return chapter

    def _business_term(self) -> str | None:
        """The business term, if the form gives one (a filing item, not an Art. 46 one)."""
        value = self.value(self.roles.business_term)
        text = clean_text(value)
        if text is not None and text.lower() in LONG_TERM:
            return "长期"
        for candidate in (value, self.value(self.roles.business_term_years)):
            years = parse_years(candidate)
            if years is not None:
                return f"{years}年，自公司成立之日起计算"
        # A choice's own value ("years") is no term; a typed Chinese one ("三十年") is.
        if text is not None and not text.isascii():
            return text
        return None

    def _scope(self) -> _Chapter:
        chapter = _Chapter("经营范围", "Business scope")
        raw = self.value(self.roles.business_scope)
        items: list[str] = []
        if isinstance(raw, str):
            items = [t for t in re.split(r"[;；\n]", raw) if t.strip()]
        elif isinstance(raw, list | tuple):
            for item in raw:
                if isinstance(item, str) and item.strip():
                    items.append(self.scope_texts.get(item.strip(), item.strip()))
        items = [" ".join(t.split()) for t in items]
        if not items:
            self.missing.append(self.roles.business_scope)
            return chapter
        text = f"公司的经营范围：{'；'.join(items)}。"
        if len(items) > 1:
            text += f"其中主营项目为：{items[0]}。"
        chapter.add(
            text + "经营范围以公司登记机关登记的为准；依法须经批准的项目，经相关部门批准后方可开展"
            "经营活动。",
            2,
        )
        chapter.add("公司变更经营范围，应当修改本章程，并依法办理变更登记。")
        return chapter

    def _capital(self) -> _Chapter:
        chapter = _Chapter("注册资本", "Registered capital")
        field_name = self.roles.registered_capital
        capital = parse_money(self.value(field_name))
        if capital is None or capital == 0:
            self.missing.append(field_name)
        else:
            chapter.add(f"公司注册资本为人民币{plain_amount(capital)}万元。", 3)
            self._check_sum(capital)
        chapter.add(
            f"公司增加或者减少注册资本，由{self.owners}作出"
            f"{'决定' if self.single_shareholder else '决议'}，并依法办理变更登记。"
        )
        return chapter

    def _check_sum(self, capital: Decimal) -> None:
        amounts = [
            parse_money(raw.get(self.roles.subscribed_amount)) for _, _, raw in self.shareholders
        ]
        if not amounts or any(a is None for a in amounts):
            return
        total = sum((a for a in amounts if a is not None), Decimal(0))
        if total != capital:
            self.problems.append(
                f"{self.roles.shareholders}: the subscribed amounts add up to {plain_amount(total)} 万元,"
                f" not the registered capital {plain_amount(capital)} 万元"
            )

    def _contributions(self) -> _Chapter:
        chapter = _Chapter(
            "股东的姓名或者名称、出资额、出资方式和出资日期",
            "Shareholders and their capital contributions",
        )
        if not self.shareholders:
            return chapter
        roles = self.roles
        amounts = [parse_money(raw.get(roles.subscribed_amount)) for _, _, raw in self.shareholders]
        # Shares are of the registered capital; without one, of the subscriptions if all are known.
        base = parse_money(self.value(roles.registered_capital))
        if not base and all(a is not None for a in amounts):
            base = sum((a for a in amounts if a is not None), Decimal(0))
        lines = []
        complete = True
        for (index, person, raw), amount in zip(self.shareholders, amounts, strict=True):
            parts = [person.described]
            if amount is None:
                self.missing.append(f"{roles.shareholders}[{index}].{roles.subscribed_amount}")
                complete = False
            else:
                part = f"认缴出资额人民币{plain_amount(amount)}万元"
                if base and len(self.shareholders) > 1:
                    part += f"，占注册资本的{percent(amount, base)}%"
                parts.append(part)
            form = self._contribution_form(raw, index)
            if form is None:
                complete = False
            else:
                parts.append(f"出资方式为{form}")
            day = parse_date(raw.get(roles.contribution_date))
            if day is None:
                self.missing.append(f"{roles.shareholders}[{index}].{roles.contribution_date}")
                complete = False
            else:
                parts.append(f"于{zh_date(day)}前缴足")
                self._check_deadline(day, index)
            lines.append("，".join(parts))
        if self.single_shareholder:
            text = f"公司股东为{lines[0]}。"
        else:
            text = f"公司股东共{len(lines)}名，各股东的出资情况如下：" + enumerate_items(lines)
        chapter.add(text, *((4, 5) if complete else (4,)))
        chapter.add(
            "全体股东认缴的出资额应当自公司成立之日起五年内缴足。股东应当按期足额缴纳其认缴的"
            "出资额：以货币出资的，应当将货币出资足额存入公司在银行开设的账户；以非货币财产出资的，"
            "应当依法评估作价，并依法办理其财产权的转移手续。"
        )
        chapter.add(
            "股东未按期足额缴纳出资的，除应当向公司足额缴纳外，还应当对给公司造成的损失承担赔偿"
            "责任。公司成立后，应当向股东签发出资证明书，并置备股东名册。"
        )
        return chapter

    def _contribution_form(self, raw: Mapping[str, Any], index: int) -> str | None:
        """The shareholder's form(s) of contribution, else the form-level methods."""
        own = f"{self.roles.shareholders}[{index}].{self.roles.contribution_form}"
        labels = contribution_labels(raw.get(self.roles.contribution_form))
        source = own
        if not labels:
            labels = contribution_labels(self.value(self.roles.contribution_methods))
            source = self.roles.contribution_methods
        if not labels:
            # Name the field the form has: a form-level one when shareholders carry none.
            asks_once = self.roles.contribution_form not in raw and (
                self.roles.contribution_methods in self.values
            )
            self.missing.append(self.roles.contribution_methods if asks_once else own)
            return None
        for label in labels:
            if label in FORBIDDEN_CONTRIBUTIONS:
                self.problems.append(f"{source}: {label} cannot be contributed as capital")
        return "、".join(labels)

    def _check_deadline(self, day: date, index: int) -> None:
        if self.as_of is not None and day > add_years(self.as_of, 5):
            self.problems.append(
                f"{self.roles.shareholders}[{index}].{self.roles.contribution_date}:"
                " contributions must be paid within five years of the company's formation"
            )

    # -- the bodies (Art. 46 item 6) ----------------------------------------------

    def _bodies(self) -> _Chapter:
        chapter = _Chapter(
            "公司的机构及其产生办法、职权、议事规则",
            "Company bodies: formation, powers and rules of procedure",
        )
        owners_ok = self._owners(chapter)
        board_ok = self._directors(chapter)
        self._manager(chapter)
        supervision_ok = self._supervision(chapter)
        if owners_ok and board_ok and supervision_ok and chapter.articles:
            # The chapter as a whole states item 6; its last article carries the mark.
            text, covers = chapter.articles[-1]
            chapter.articles[-1] = (text, (*covers, 6))
        return chapter

    def _owner_powers(self) -> list[str]:
        powers = [
            "选举和更换董事、监事，决定有关董事、监事的报酬事项",
            f"审议批准{self.board_name}的报告",
        ]
        if self.supervision_name in ("监事会", "监事"):
            powers.append(f"审议批准{self.supervision_name}的报告")
        powers += [
            "审议批准公司的利润分配方案和弥补亏损方案",
            "对公司增加或者减少注册资本作出决议",
            "对发行公司债券作出决议",
            "对公司合并、分立、解散、清算或者变更公司形式作出决议",
            "修改公司章程",
            "本章程规定的其他职权",
        ]
        return powers

    def _owners(self, chapter: _Chapter) -> bool:
        if self.single_shareholder:
            chapter.add(
                "公司不设股东会，由股东行使下列职权：" + enumerate_items(self._owner_powers())
            )
            chapter.add(
                "股东作出前条所列决定时，应当采用书面形式，并由股东签名或者盖章后置备于公司。"
            )
            return True
        chapter.add(
            "公司股东会由全体股东组成，是公司的权力机构，行使下列职权："
            + enumerate_items(self._owner_powers())
            + "对前款所列事项股东以书面形式一致表示同意的，可以不召开股东会会议，直接作出决定，"
            "并由全体股东在决定文件上签名或者盖章。"
        )
        convener = "董事会召集，董事长主持" if self.board else "董事召集和主持"
        chapter.add(
            "股东会会议分为定期会议和临时会议。首次股东会会议由出资最多的股东召集和主持。定期会议"
            "每年召开一次；代表十分之一以上表决权的股东、三分之一以上的董事"
            f"{'或者' + self.supervision_name if self.supervision_name else ''}提议"
            f"召开临时会议的，应当召开临时会议。股东会会议由{convener}；不能履行或者不履行职务的，"
            "依照《公司法》的规定召集和主持。召开股东会会议，应当于会议召开十五日前通知全体股东。"
        )
        chapter.add(
            "股东会会议由股东按照出资比例行使表决权。股东会作出决议，应当经代表过半数表决权的股东"
            "通过；作出修改公司章程、增加或者减少注册资本的决议，以及公司合并、分立、解散或者变更"
            "公司形式的决议，应当经代表三分之二以上表决权的股东通过。股东会应当对所议事项的决定"
            "作成会议记录，出席会议的股东应当在会议记录上签名或者盖章。"
        )
        return bool(self.shareholders)

    def _directors(self, chapter: _Chapter) -> bool:
        field_name = self.roles.directors
        names = "、".join(p.name for p in self.directors)
        if not self.directors:
            if f"{field_name}[0].name" not in self.missing:
                self.missing.append(field_name)
            return False
        if len(self.directors) == 2:
            self.problems.append(
                f"{field_name}: a board has at least three members; otherwise name one director"
            )
            return False
        if self.board:
            chapter.add(
                f"公司设董事会，成员为{len(self.directors)}人，{self.chosen_by_owners}；董事会设"
                f"董事长一人，由董事会以全体董事的过半数选举产生。董事任期三年，任期届满，连选可以"
                f"连任。首届董事会成员为：{names}。"
            )
            chapter.add(
                f"董事会对{self.owners}负责，行使下列职权："
                + enumerate_items(
                    [
                        "召集股东会会议，并向股东会报告工作"
                        if not self.single_shareholder
                        else "向股东报告工作",
                        f"执行{self.owners}的{'决定' if self.single_shareholder else '决议'}",
                        "决定公司的经营计划和投资方案",
                        "制订公司的利润分配方案和弥补亏损方案",
                        "制订公司增加或者减少注册资本以及发行公司债券的方案",
                        "制订公司合并、分立、解散或者变更公司形式的方案",
                        "决定公司内部管理机构的设置",
                        "决定聘任或者解聘公司经理及其报酬事项，并根据经理的提名决定聘任或者解聘"
                        "公司副经理、财务负责人及其报酬事项",
                        "制定公司的基本管理制度",
                        f"本章程规定或者{self.owners}授予的其他职权",
                    ]
                )
            )
            chapter.add(
                "董事会会议由董事长召集和主持；董事长不能履行或者不履行职务的，由过半数的董事共同"
                "推举一名董事召集和主持。董事会会议应当有过半数的董事出席方可举行。董事会作出决议，"
                "应当经全体董事的过半数通过。董事会决议的表决，应当一人一票。董事会应当对所议事项"
                "的决定作成会议记录，出席会议的董事应当在会议记录上签名。"
            )
            return True
        chapter.add(
            f"公司不设董事会，设董事一名，{self.chosen_by_owners}，任期三年，任期届满，连选可以"
            f"连任。董事为：{names}。"
        )
        chapter.add(
            f"董事行使《公司法》规定的董事会的职权，对{self.owners}负责；董事可以兼任公司经理。"
            "董事对前述职权范围内的事项作出决定，应当采用书面形式，由董事签名后置备于公司。"
        )
        return True

    def _manager(self, chapter: _Chapter) -> None:
        appointer = "董事会" if self.board else "董事"
        text = (
            f"公司可以设经理，由{appointer}决定聘任或者解聘。经理对{appointer}负责，根据本章程的"
            f"规定或者{appointer}的授权行使职权；经理列席董事会会议。"
        )
        if self.manager is not None:
            text = (
                text.replace("公司可以设经理", "公司设经理一名") + f"经理为：{self.manager.name}。"
            )
        chapter.add(text)

    def _supervision(self, chapter: _Chapter) -> bool:
        field_name = self.roles.supervisors
        for person in self.supervisors:
            if any(person.same_as(d) for d in self.directors) or (
                self.manager is not None and person.same_as(self.manager)
            ):
                self.problems.append(
                    f"{field_name}: {person.name} is a director or the manager and cannot also"
                    " be a supervisor"
                )
        names = "、".join(p.name for p in self.supervisors)
        if len(self.supervisors) >= 3:
            chapter.add(
                f"公司设监事会，成员为{len(self.supervisors)}人，其中职工代表的比例不得低于三分之一，"
                "由公司职工通过职工代表大会、职工大会或者其他形式民主选举产生；其余监事"
                f"{self.chosen_by_owners}。监事会设主席一人，由全体监事过半数选举产生。监事的任期"
                f"每届为三年，任期届满，连选可以连任。董事、高级管理人员不得兼任监事。首届监事会成员"
                f"为：{names}。"
            )
            chapter.add("监事会行使下列职权：" + enumerate_items(_supervisor_powers(self.owners)))
            chapter.add(
                "监事会每年度至少召开一次会议，监事可以提议召开临时监事会会议。监事会决议应当经"
                "全体监事的过半数通过。监事会应当对所议事项的决定作成会议记录，出席会议的监事应当"
                "在会议记录上签名。"
            )
            return True
        if len(self.supervisors) == 2:
            self.problems.append(
                f"{field_name}: a board of supervisors has at least three members;"
                " otherwise name one supervisor"
            )
            return False
        if len(self.supervisors) == 1:
            chapter.add(
                f"公司不设监事会，设监事一名，{self.chosen_by_owners}，任期每届为三年，任期届满，"
                f"连选可以连任。董事、高级管理人员不得兼任监事。监事为：{names}。"
            )
            chapter.add(
                "监事行使《公司法》规定的监事会的职权，包括："
                + enumerate_items(_supervisor_powers(self.owners))
                + "监事可以列席董事会会议，并对董事会决议事项提出质询或者建议。"
            )
            return True
        if is_yes(self.value(self.roles.audit_committee)):
            if not self.board:
                self.problems.append(
                    f"{self.roles.audit_committee}: an audit committee sits within a board of"
                    " directors; a company with a single director needs a supervisor"
                )
                return False
            chapter.add(
                "公司在董事会中设置由董事组成的审计委员会，行使《公司法》规定的监事会的职权，"
                "不设监事会或者监事。审计委员会成员由董事会从董事中选任。审计委员会作出决议，应当经"
                "审计委员会成员的过半数通过；决议的表决，应当一人一票；审计委员会应当对所议事项的"
                "决定作成会议记录，出席会议的成员应当在会议记录上签名。"
            )
            return True
        if is_yes(self.value(self.roles.supervisor_waiver)):
            chapter.add(
                "经全体股东一致同意，公司不设监事会或者监事。"
                if not self.single_shareholder
                else "经股东决定，公司不设监事会或者监事。"
            )
            return True
        if f"{field_name}[0].name" not in self.missing:
            self.missing.append(field_name)
        return False

    # -- the legal representative (item 7) ------------------------------------------

    def _legal_representative(self) -> _Chapter:
        chapter = _Chapter("法定代表人", "Legal representative")
        field_name = self.roles.legal_representative
        person = parse_person(self.value(field_name))
        role = self._legal_role(person)
        holder = {
            "director": "代表公司执行公司事务的董事",
            "manager": "经理",
        }.get(role or "", "代表公司执行公司事务的董事或者经理")
        if person is None:
            self.missing.append(field_name)
        if role is None:
            self.missing.append(self.roles.legal_representative_role)
        text = f"公司的法定代表人由{holder}担任。"
        if person is not None:
            text += f"公司的法定代表人为{person.name}。"
        chapter.add(text)
        chosen = {
            "director": f"担任法定代表人的董事{self.chosen_by_owners}，并由{self.owners}更换",
            "manager": f"担任法定代表人的经理由{'董事会' if self.board else '董事'}决定聘任或者解聘",
        }.get(role or "", "法定代表人随其所任董事或者经理职务的产生而产生、变更而变更")
        chapter.add(
            f"{chosen}。担任法定代表人的董事或者经理辞任的，视为同时辞去法定代表人。法定代表人"
            "辞任的，公司应当在法定代表人辞任之日起三十日内确定新的法定代表人。公司变更法定代表人"
            "的，应当依法办理变更登记，变更登记申请书由变更后的法定代表人签署。",
            7,
        )
        return chapter

    def _legal_role(self, person: Person | None) -> str | None:
        """ "director" or "manager": from the role field, else from who the person is."""
        raw = clean_text(self.value(self.roles.legal_representative_role))
        role = None
        if raw is not None:
            lowered = raw.lower()
            if "manager" in lowered or "经理" in raw:
                role = "manager"
            elif "director" in lowered or "董事" in raw:
                role = "director"
        if person is not None:
            is_director = any(person.same_as(d) for d in self.directors)
            is_manager = self.manager is not None and person.same_as(self.manager)
            if role is None:
                role = "director" if is_director else "manager" if is_manager else None
            elif role == "director" and self.directors and not is_director:
                self.problems.append(
                    f"{self.roles.legal_representative}: {person.name} is not a director"
                )
            elif role == "manager" and self.manager is not None and not is_manager:
                self.problems.append(
                    f"{self.roles.legal_representative}: {person.name} is not the manager"
                )
        if role == "manager" and self.manager is None:
            # Art. 10: the manager may represent the company only if there is one.
            self.missing.append(self.roles.manager)
        return role

    # -- other matters (item 8) -------------------------------------------------

    def _transfers(self) -> _Chapter:
        chapter = _Chapter("股权转让", "Transfer of equity")
        if self.single_shareholder:
            chapter.add("股东可以依法转让其全部或者部分股权，并依法办理变更登记。")
            return chapter
        chapter.add(
            "股东之间可以相互转让其全部或者部分股权。股东向股东以外的人转让股权的，应当将股权转让"
            "的数量、价格、支付方式和期限等事项书面通知其他股东，其他股东在同等条件下有优先购买权。"
            "股东自接到书面通知之日起三十日内未答复的，视为放弃优先购买权。两个以上股东行使优先购买"
            "权的，协商确定各自的购买比例；协商不成的，按照转让时各自的出资比例行使优先购买权。"
        )
        return chapter

    def _other(self) -> _Chapter:
        chapter = _Chapter("其他事项", "Other matters")
        extra = self.value(self.roles.other_provisions)
        for item in extra if isinstance(extra, list | tuple) else [extra]:
            text = clean_text(item)
            if text:
                chapter.add(text.rstrip("。") + "。")
        chapter.add("公司依照法律、行政法规和国务院财政部门的规定建立本公司的财务、会计制度。")
        chapter.add(
            "公司因本章程规定的营业期限届满或者其他解散事由出现、"
            f"{self.owners}{'决定' if self.single_shareholder else '决议'}解散、因公司合并或者分立"
            "需要解散、依法被吊销营业执照、责令关闭或者被撤销、人民法院依法予以解散而解散，并依法"
            "进行清算。"
        )
        chapter.add(
            "本章程未规定的事项，依照《公司法》和有关法律、行政法规执行；本章程与法律、行政法规"
            "不一致的，以法律、行政法规为准。公司登记事项以公司登记机关登记的为准。本章程自"
            f"{'股东' if self.single_shareholder else '全体股东'}签名或者盖章之日起生效。",
            8,
        )
        return chapter


def _supervisor_powers(owners: str) -> list[str]:
    return [
        "检查公司财务",
        "对董事、高级管理人员执行职务的行为进行监督，对违反法律、行政法规、本章程或者"
        f"{owners}决议的董事、高级管理人员提出解任的建议",
        "当董事、高级管理人员的行为损害公司的利益时，要求董事、高级管理人员予以纠正",
        "提议召开临时股东会会议，在董事会不履行召集和主持股东会会议职责时召集和主持股东会会议"
        if owners == "股东会"
        else f"向{owners}报告工作",
        f"向{owners}提出提案" if owners == "股东会" else "向股东提出建议",
        "依照《公司法》的规定，对董事、高级管理人员提起诉讼",
        "本章程规定的其他职权",
    ]

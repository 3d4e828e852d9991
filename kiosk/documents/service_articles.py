"""Which services get articles of association, and their text from the citizen's answers.

The catalogue says it, not the code: a form whose ``sum_equals`` rule makes a
people field's subscribed amounts add up to a money field is a company with
capital contributions, so the kiosk draws up its articles (`build_articles`)
with that rule's fields as the shareholders, their amounts and the registered
capital, and the template's plain names for the rest. The articles are shown in
full before the signature, signed with it, and sent as an attachment.
"""

from __future__ import annotations

import base64
from datetime import date

from kiosk.catalogue import Catalogue, FormSchema
from kiosk.documents.articles import ArticlesRoles, build_articles
from kiosk.forms.engine import FormSession

#: The attachment kind of the articles sent with an application.
ARTICLES_KIND = "articles_of_association"


def articles_roles(schema: FormSchema) -> ArticlesRoles | None:
    """The articles' field names for this form, or None when it needs no articles."""
    for rule in schema.rules:
        if rule.kind != "sum_equals" or not (rule.items and rule.item_field and rule.equals):
            continue
        try:
            people, total = schema.field(rule.items), schema.field(rule.equals)
        except KeyError:
            continue
        if people.type == "people" and total.type == "money":
            return ArticlesRoles(
                shareholders=rule.items,
                subscribed_amount=rule.item_field,
                registered_capital=rule.equals,
            )
    return None


def articles_text(form: FormSession, catalogue: Catalogue | None, today: date) -> str | None:
    """The articles drawn up from the form's answers so far, or None for a form without."""
    roles = articles_roles(form.schema)
    if roles is None:
        return None
    scope = {s.code: s.text.zh for s in catalogue.business_scope} if catalogue else {}
    articles = build_articles(form.payload(), roles, scope_texts=scope, as_of=today)
    return articles.plain_text()


def articles_attachment(
    form: FormSession, catalogue: Catalogue | None, today: date
) -> dict[str, str] | None:
    """The articles as an application's attachment (UTF-8 text), or None."""
    text = articles_text(form, catalogue, today)
    if text is None:
        return None
    return {
        "kind": ARTICLES_KIND,
        "media_type": "text/plain; charset=utf-8",
        "data": base64.b64encode(text.encode("utf-8")).decode("ascii"),
    }

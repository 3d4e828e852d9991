"""How the citizen chose to get the paper licence (证照快递): read from the form's own data.

The catalogue asks it as an ordinary choice field (print at a kiosk, collect at
the counter, post), with the postal details as fields shown only when "post" is
chosen (``visible_if`` naming the choice). Nothing here is tied to one
catalogue: the choice is found by well-known names, then by its Chinese label;
what an option means by its value or label words; the postal details are the
fields whose ``visible_if`` names the choice, told apart by type (region), by
validator (a mobile number) and by label (收件人). An option the kiosk cannot
place is shown by its own label.

The receipt and the result screen say where the licence will go, masked: the
result screen is read over the citizen's shoulder, the receipt may be left
behind. The recipient keeps their family name, the mobile its first three and
last four digits, the address its district and first few characters.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from kiosk.catalogue import Field, FormSchema, Region, Text

DELIVERY_FIELDS = ("licence_delivery", "delivery", "delivery_method", "result_delivery")
DELIVERY_LABELS = ("领取方式", "送达方式", "营业执照")
POST, KIOSK_PRINT, COUNTER, OTHER = "post", "kiosk_print", "counter", "other"
# What an option means: by its value first, then by words of its Chinese label.
_BY_VALUE = {
    POST: ("post", "mail", "postal", "ems", "express"),
    KIOSK_PRINT: ("kiosk_print", "self_print", "kiosk"),
    COUNTER: ("counter", "window", "collect"),
}
_BY_LABEL = {POST: ("邮寄", "寄送", "快递"), KIOSK_PRINT: ("自助",), COUNTER: ("窗口", "领取")}
_ADDRESS_SHOWN = 4
"""Characters of the street address shown before it is masked."""


@dataclass(frozen=True, slots=True)
class Delivery:
    """The chosen way, its option's label, and for a posted licence where it goes (masked)."""

    how: str
    """``post``, ``kiosk_print``, ``counter`` or ``other`` (see ``label``)."""
    label: Text
    recipient: str = ""
    mobile: str = ""
    region: Text | None = None
    address: str = ""

    def place(self, language: str) -> str:
        """Where a posted licence goes, masked: the district, then the street's first words."""
        district = self.region.get(language) if self.region is not None else ""
        joiner = "" if language == "zh" else ", "
        return joiner.join(part for part in (district, self.address) if part)


def delivery_field(schema: FormSchema | None) -> Field | None:
    """The form's choice field that says how the licence is delivered, if it has one."""
    choices = [f for f in (schema.fields if schema is not None else ()) if f.type == "choice"]
    for name in DELIVERY_FIELDS:
        found = next((f for f in choices if f.name == name), None)
        if found is not None:
            return found
    return next((f for f in choices if any(w in f.label.zh for w in DELIVERY_LABELS)), None)


def licence_delivery(
    schema: FormSchema | None, form: Mapping[str, Any], regions: Sequence[Region] = ()
) -> Delivery | None:
    """How the licence of this submitted ``form`` (the payload: hidden fields left out) is
    to be delivered; None when the form does not ask, or nothing was chosen."""
    field = delivery_field(schema)
    if field is None or schema is None:
        return None
    value = form.get(field.name)
    option = next((o for o in field.options if str(o.value) == str(value)), None)
    if value is None or option is None:
        return None
    how = _meaning(str(value), option.label)
    if how != POST:
        return Delivery(how, option.label)
    details = [f for f in schema.fields if f.visible_if and f.visible_if.field == field.name]
    names = {r.code: r.name for r in regions}
    region = next((str(form[f.name]) for f in details if f.type == "region" and f.name in form), "")
    mobile = next((f for f in details if "cn_mobile" in f.validators), None)
    recipient = next(
        (f for f in details if f.type == "text" and f is not mobile and _is_recipient(f)), None
    )
    address = next((f for f in details if f.type == "text" and f not in (mobile, recipient)), None)
    return Delivery(
        POST,
        option.label,
        recipient=mask_name(_text(form, recipient)),
        mobile=mask_mobile(_text(form, mobile)),
        region=names.get(region, Text(region, region)) if region else None,
        address=mask_address(_text(form, address)),
    )


def _meaning(value: str, label: Text) -> str:
    for how, values in _BY_VALUE.items():
        if value.lower() in values:
            return how
    for how, words in _BY_LABEL.items():
        if any(word in label.zh for word in words):
            return how
    return OTHER


def _is_recipient(field: Field) -> bool:
    return "recipient" in field.name or "收件人" in field.label.zh


def _text(form: Mapping[str, Any], field: Field | None) -> str:
    value = form.get(field.name) if field is not None else None
    return value if isinstance(value, str) else ""


def mask_name(name: str) -> str:
    """王丽华 → 王*华, 王丽 → 王*, Li Ming → L*******g: enough to recognise, not to read out."""
    if len(name) <= 1:
        return name
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


def mask_mobile(mobile: str) -> str:
    """13800138000 → 138****8000."""
    if len(mobile) < 8:
        return "*" * len(mobile)
    return mobile[:3] + "*" * (len(mobile) - 7) + mobile[-4:]


def mask_address(address: str) -> str:
    """八一南街100号3楼301室 → 八一南街****: the street, not the door."""
    if not address:
        return ""
    return address[:_ADDRESS_SHOWN] + "****"


def delivery_words(delivery: Delivery) -> tuple[str, str]:
    """The receipt's sentence for the chosen way, in Chinese and English (masked)."""
    match delivery.how:
        case "post":
            to = f"，收件人 {delivery.recipient}" if delivery.recipient else ""
            to_en = f", for {delivery.recipient}" if delivery.recipient else ""
            phone = f"（{delivery.mobile}）" if delivery.mobile else ""
            phone_en = f" ({delivery.mobile})" if delivery.mobile else ""
            return (
                f"核准后营业执照邮寄至：{delivery.place('zh')}{to}{phone}。",
                f"Once approved, the licence will be posted to {delivery.place('en')}"
                f"{to_en}{phone_en}.",
            )
        case "counter":
            return (
                "核准后凭本人身份证件到登记窗口领取营业执照。",
                "Once approved, collect the licence at the registration counter with your"
                " identity document.",
            )
        case "kiosk_print":
            return (
                "核准后凭本人身份证件在自助终端打印营业执照。",
                "Once approved, print the licence at a self-service kiosk with your identity"
                " document.",
            )
    return f"营业执照：{delivery.label.zh}。", f"Licence: {delivery.label.en or delivery.label.zh}."

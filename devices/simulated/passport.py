"""A synthetic Chinese passport for the simulated reader and scanner: data, face, MRZ.

The passport is fiction (never a real person) but internally consistent: its MRZ
carries correct ICAO 9303 check digits, so the kiosk's real MRZ parser accepts
the lines the demo scanner "scans", and the key it derives opens the passport
in `devices.simulated.SimulatedIdReader`.
"""

from __future__ import annotations

import functools
import io
from datetime import date

from PIL import Image, ImageDraw

from devices.identity import (
    Authenticity,
    DocumentType,
    IdentityDocument,
    Provenance,
    Verdict,
)

_TD3_WIDTH = 44
_FACE_SIZE = (240, 320)  # ICAO portraits are 3:4


def synthetic_passport(
    *,
    document_number: str = "EA1234567",
    surname: str = "LI",
    given_names: str = "WEIMING",
    name_cn: str = "李卫明",
    sex: str = "M",
    birth_date: date = date(1985, 3, 14),
    expiry_date: date = date(2031, 7, 20),
) -> IdentityDocument:
    """A synthetic ordinary passport of the People's Republic of China."""
    return IdentityDocument(
        document_type=DocumentType.PASSPORT,
        document_number=document_number,
        surname=surname,
        given_names=given_names,
        name_cn=name_cn,
        sex=sex,
        birth_date=birth_date,
        expiry_date=expiry_date,
        valid_from=date(2021, 7, 21),
        nationality="CHN",
        issuing_state="CHN",
        issuing_authority="国家移民管理局",
        provenance=Provenance(reader="simulated", protocol="simulated"),
        authenticity=Authenticity(Verdict.NOT_CHECKED, "simulated reader"),
        photo=synthetic_face_jpeg(),
        photo_media_type="image/jpeg",
    )


@functools.cache
def synthetic_face_jpeg() -> bytes:
    """A simple drawn face as JPEG bytes, drawn once per process."""
    image = Image.new("RGB", _FACE_SIZE, (214, 228, 240))
    draw = ImageDraw.Draw(image)
    draw.ellipse((30, 250, 210, 400), fill=(40, 60, 90))  # shoulders
    draw.rectangle((100, 200, 140, 260), fill=(230, 190, 160))  # neck
    draw.ellipse((60, 60, 180, 220), fill=(236, 198, 168))  # face
    draw.chord((56, 40, 184, 150), 180, 360, fill=(30, 25, 20))  # hair
    for eye_x in (92, 132):
        draw.ellipse((eye_x - 8, 120, eye_x + 8, 132), fill=(255, 255, 255))
        draw.ellipse((eye_x - 4, 122, eye_x + 4, 130), fill=(40, 30, 20))
    draw.line((120, 135, 114, 165, 124, 165), fill=(180, 130, 110), width=2)  # nose
    draw.arc((96, 165, 144, 195), 20, 160, fill=(160, 70, 70), width=3)  # mouth
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=85)
    return out.getvalue()


def mrz_date(value: date | None) -> str:
    """A date as the MRZ writes it (YYMMDD), or fillers when unknown."""
    return value.strftime("%y%m%d") if value is not None else "<<<<<<"


def passport_mrz_lines(document: IdentityDocument | None = None) -> tuple[str, str]:
    """The two 44-character TD3 lines of ``document`` (the synthetic passport by default)."""
    # Imported here: the eMRTD package's __init__ loads the PC/SC driver, which a
    # kiosk running only simulators must not need at start-up.
    from devices.emrtd.mrz import check_digit

    passport = document if document is not None else synthetic_passport()
    names = f"{_mrz_name(passport.surname)}<<{_mrz_name(passport.given_names)}"
    line1 = f"P<{passport.issuing_state or passport.nationality}{names}"
    number = passport.document_number.ljust(9, "<")
    birth = mrz_date(passport.birth_date)
    expiry = mrz_date(passport.expiry_date)
    optional = passport.personal_number.ljust(14, "<")
    line2 = (
        number
        + check_digit(number)
        + passport.nationality
        + birth
        + check_digit(birth)
        + (passport.sex if passport.sex in {"M", "F"} else "<")
        + expiry
        + check_digit(expiry)
        + optional
        + check_digit(optional)
    )
    composite = line2[0:10] + line2[13:20] + line2[21:43]
    line2 += check_digit(composite)
    return line1[:_TD3_WIDTH].ljust(_TD3_WIDTH, "<"), line2


def _mrz_name(name: str) -> str:
    return "<".join(name.upper().split())

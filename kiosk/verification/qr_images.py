"""Finding the QR codes on a printed slip: a PDF's pages rendered, or a photo or scan.

A PDF is rendered with poppler's ``pdftoppm`` (installed with the kiosk's
printing tools) at 200 dpi, as a printer would see it, and each page is read
with zxing-cpp; an image (PNG, JPEG, …) is read directly through Pillow.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import zxingcpp
from PIL import Image, UnidentifiedImageError

RENDER_DPI = 200
MAX_PAGES = 20
_RENDER_TIMEOUT_S = 120


class SlipFileError(Exception):
    """The file cannot be read as a PDF or an image."""


def codes_in_file(path: Path) -> list[str]:
    """The texts of every QR code found in the file, page by page.

    Raises:
        SlipFileError: no such file, or neither a PDF nor an image it can read.
    """
    if not path.is_file():
        raise SlipFileError(f"no file {path}")
    with path.open("rb") as handle:
        head = handle.read(5)
    if head == b"%PDF-":
        return _codes_in_pdf(path)
    try:
        with Image.open(path) as image:
            return codes_in_image(image)
    except (UnidentifiedImageError, OSError) as exc:
        raise SlipFileError(f"{path} is neither a PDF nor an image: {exc}") from None


def codes_in_image(image: Image.Image) -> list[str]:
    """The texts of the codes in one image."""
    if image.mode not in ("L", "RGB"):
        image = image.convert("RGB")
    # Every kind of code is read: a code that is not a slip's is told so by the verifier.
    return [found.text for found in zxingcpp.read_barcodes(image) if found.valid]


def _codes_in_pdf(pdf: Path) -> list[str]:
    tool = shutil.which("pdftoppm")
    if tool is None:
        raise SlipFileError("pdftoppm (poppler-utils) is needed to read a PDF")
    with tempfile.TemporaryDirectory(prefix="kiosk-verify-") as folder:
        prefix = Path(folder) / "page"
        done = subprocess.run(
            [
                tool,
                "-r",
                str(RENDER_DPI),
                "-gray",
                "-png",
                "-l",
                str(MAX_PAGES),
                str(pdf),
                str(prefix),
            ],
            capture_output=True,
            text=True,
            timeout=_RENDER_TIMEOUT_S,
            check=False,
        )
        if done.returncode != 0:
            detail = done.stderr.strip().splitlines()[-1:] or ["pdftoppm failed"]
            raise SlipFileError(f"{pdf} cannot be rendered: {detail[0]}")
        codes: list[str] = []
        for page in sorted(Path(folder).glob("page*.png"), key=_page_number):
            with Image.open(page) as image:
                codes += codes_in_image(image)
        return codes


def _page_number(path: Path) -> int:
    digits = path.stem.rpartition("-")[2]
    return int(digits) if digits.isdigit() else 0

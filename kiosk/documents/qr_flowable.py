"""A QR code as a reportlab flowable, drawn as vector squares (no image round trip).

One rectangle per run of dark modules keeps the page small and fast to draw;
the four-module quiet zone a scanner needs is part of the matrix.
"""

from __future__ import annotations

import qrcode
from reportlab.lib import colors
from reportlab.platypus import Flowable


class QrCode(Flowable):  # type: ignore[misc]  # reportlab has no type hints
    def __init__(self, payload: str, size: float) -> None:
        super().__init__()
        code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4)
        code.add_data(payload)
        code.make(fit=True)
        self._matrix: list[list[bool]] = code.get_matrix()
        self.width = self.height = size

    def draw(self) -> None:
        modules = len(self._matrix)
        unit = self.width / modules
        canvas = self.canv
        canvas.setFillColor(colors.black)
        for row, line in enumerate(self._matrix):
            y = self.height - (row + 1) * unit
            column = 0
            while column < modules:
                if not line[column]:
                    column += 1
                    continue
                run = column
                while run < modules and line[run]:
                    run += 1
                canvas.rect(column * unit, y, (run - column) * unit, unit, stroke=0, fill=1)
                column = run

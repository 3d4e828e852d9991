"""CupsDocumentPrinter against the devstack's real cupsd and cups-pdf queues."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from devices.printers.cups import CupsDocumentPrinter
from devices.printers.cups_states import JobState
from devices.protocols import DocumentPrinter, PrintOutcome
from devices.status import DeviceState
from tests.devices.printers.conftest import WQY_FONT, PrintStack

pytestmark = pytest.mark.cups
pytest.importorskip("cups", reason="pycups is the optional 'cups' extra")

CHINESE = "营业执照办理回执"
CHINESE_Y = 600  # points from the bottom of the A4 page


def make_pdf(path: Path, token: str) -> Path:
    """A one-page A4 PDF: the token in Latin letters and a Chinese line in an embedded font."""
    if "WQY" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("WQY", str(WQY_FONT), subfontIndex=0))
    page = canvas.Canvas(str(path))
    page.setFont("WQY", 14)
    page.drawString(72, 720, f"ref {token}")
    page.setFont("WQY", 28)
    page.drawString(72, CHINESE_Y, CHINESE)
    page.showPage()
    page.save()
    return path


def dark_pixels(pdf: Path, tmp: Path, top_pt: float, height_pt: float) -> int:
    """Dark pixels of page 1 between ``top_pt`` and ``top_pt + height_pt`` from the top."""
    dpi = 50
    scale = dpi / 72
    out = tmp / f"{pdf.stem}-{int(top_pt)}"
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-gray", "-png", "-f", "1", "-l", "1", "-singlefile"]
        + ["-x", "0", "-y", str(int(top_pt * scale)), "-W", str(int(595 * scale))]
        + ["-H", str(int(height_pt * scale)), str(pdf), str(out)],
        check=True,
    )
    with Image.open(f"{out}.png") as image:
        return sum(image.histogram()[:128])


def jobs_on(queue: str) -> list[int]:
    import cups

    conn = cups.Connection()
    # which_jobs="all" answers {} on CUPS 2.4.2 here: ask for both halves instead.
    ids = set(conn.getJobs(which_jobs="completed")) | set(conn.getJobs(which_jobs="not-completed"))
    return sorted(
        job
        for job in ids
        if conn.getJobAttributes(job, requested_attributes=["job-printer-uri"])[
            "job-printer-uri"
        ].endswith(f"/{queue}")
    )


def wait_for(path_glob: Path, pattern: str, timeout: float = 5.0) -> list[Path]:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        found = sorted(path_glob.glob(pattern))
        if found:
            return found
        time.sleep(0.05)
    return []


@pytest.fixture
def scratch_queue(devstack_print: PrintStack, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A cups-pdf queue of our own, writing to tmp_path/out; removed afterwards."""
    name = f"kiosk-test-{uuid.uuid4().hex[:8]}"
    out = tmp_path / "out"
    out.mkdir()
    conf = Path(f"/etc/cups/cups-pdf-{name}.conf")
    conf.write_text(f"Out {out}\nAnonDirName {out}\nTitlePref 1\nLabel 2\nGrp lpadmin\n")
    subprocess.run(
        ["lpadmin", "-p", name, "-E", "-v", f"cups-pdf:/{name}"]
        + ["-m", "lsb/usr/cups-pdf/CUPS-PDF_noopt.ppd"],
        check=True,
        capture_output=True,
    )
    try:
        yield name, out
    finally:
        subprocess.run(["lpadmin", "-x", name], check=False, capture_output=True)
        conf.unlink(missing_ok=True)


def test_cups_printer_fulfils_the_document_printer_protocol() -> None:
    assert isinstance(CupsDocumentPrinter("kiosk-pdf"), DocumentPrinter)


def test_pdf_with_chinese_text_is_reported_printed_only_once_the_file_is_out(
    devstack_print: PrintStack, tmp_path: Path
) -> None:
    token = f"KX{uuid.uuid4().hex[:10].upper()}"
    pdf = make_pdf(tmp_path / "slip.pdf", token)
    printer = CupsDocumentPrinter(devstack_print.pdf_queue, poll_interval_s=0.05, timeout_s=30)

    result = printer.print_pdf(pdf, title=token)

    assert result.outcome is PrintOutcome.PRINTED, result.detail
    # cups-pdf writes the file before CUPS marks the job completed, so a PRINTED that
    # came only after completion finds the file already there, without waiting.
    out = devstack_print.pdf_out / f"{token}-job_{result.job_id}.pdf"
    assert out.is_file()
    view = printer.job_state(result.job_id)
    assert view is not None
    assert view.state is JobState.COMPLETED
    assert (
        f"ref {token}"
        in subprocess.run(
            ["pdftotext", str(out), "-"], capture_output=True, text=True, check=True
        ).stdout
    )
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True)
    assert "WenQuanYiMicroHei" in fonts.stdout
    # The CUPS chain drops the font's ToUnicode map, so pdftotext cannot read the
    # Chinese back: check that its glyphs are inked where they were drawn instead.
    chinese_top = 842 - CHINESE_Y - 30
    assert dark_pixels(out, tmp_path, chinese_top, 40) > 150
    assert dark_pixels(out, tmp_path, 700, 40) == 0


def test_stopped_queue_reports_offline_submits_nothing_and_the_retry_prints_once(
    scratch_queue: tuple[str, Path], tmp_path: Path
) -> None:
    queue, out = scratch_queue
    pdf = make_pdf(tmp_path / "slip.pdf", "RETRY1")
    printer = CupsDocumentPrinter(queue, poll_interval_s=0.05, timeout_s=30)
    subprocess.run(["cupsdisable", "-r", "kiosk maintenance", queue], check=True)

    status = printer.status()
    failed = printer.print_pdf(pdf, title="retry")

    assert status.state is DeviceState.OFFLINE
    assert "stopped" in status.reason
    assert "kiosk maintenance" in status.reason
    assert failed.outcome is PrintOutcome.OFFLINE
    assert failed.detail.startswith("not submitted")
    assert failed.job_id == ""
    assert jobs_on(queue) == []

    subprocess.run(["cupsenable", queue], check=True)
    retried = printer.print_pdf(pdf, title="retry")

    assert retried.outcome is PrintOutcome.PRINTED, retried.detail
    assert jobs_on(queue) == [int(retried.job_id)]
    assert [p.name for p in out.glob("*.pdf")] == [f"retry-job_{retried.job_id}.pdf"]


def test_job_stuck_on_an_unreachable_printer_is_cancelled_and_reported_not_printed(
    devstack_print: PrintStack, tmp_path: Path
) -> None:
    queue = f"kiosk-test-dead-{uuid.uuid4().hex[:8]}"
    # Port 9 (discard) on loopback: nothing listens, the socket backend keeps retrying.
    subprocess.run(
        ["lpadmin", "-p", queue, "-E", "-v", "socket://127.0.0.1:9", "-m", "raw"],
        check=True,
        capture_output=True,
    )
    try:
        printer = CupsDocumentPrinter(queue, poll_interval_s=0.05, timeout_s=1.0)
        started = time.monotonic()
        result = printer.print_pdf(make_pdf(tmp_path / "slip.pdf", "STUCK"), title="stuck")
        elapsed = time.monotonic() - started

        assert result.outcome is PrintOutcome.FAILED
        assert "not completed within 1 s" in result.detail
        assert "cancelled" in result.detail
        view = printer.job_state(result.job_id)
        assert view is not None
        assert view.state is JobState.CANCELED
        assert view.retry_safe
        assert 1.0 <= elapsed < 4.0
    finally:
        subprocess.run(["lpadmin", "-x", queue], check=False, capture_output=True)


class Cable:
    """A link to cupsd's socket that the test cuts, as a cupsd restart or a broken
    connection would: every connection through it breaks and no new one is taken.

    A Unix socket, not TCP: libcups treats a server on another TCP port as remote
    and then addresses the queue by its device URI, which cupsd refuses.
    """

    def __init__(self, path: Path) -> None:
        server = os.environ.get("CUPS_SERVER", "")
        self.path = path
        self.target = server if server.startswith("/") else "/run/cups/cups.sock"
        self.server = socket.socket(socket.AF_UNIX)
        self.server.bind(str(path))
        self.server.listen()
        self._lock = threading.Lock()
        self._links: list[socket.socket] = []
        self._cut = False
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.server.accept()
            except OSError:
                return
            with self._lock:
                if self._cut:
                    client.close()
                    return
                upstream = socket.socket(socket.AF_UNIX)
                upstream.connect(self.target)
                self._links += [client, upstream]
            threading.Thread(target=self._pump, args=(client, upstream), daemon=True).start()
            threading.Thread(target=self._pump, args=(upstream, client), daemon=True).start()

    @staticmethod
    def _pump(source: socket.socket, sink: socket.socket) -> None:
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                sink.sendall(data)

    def cut(self) -> None:
        with self._lock:
            self._cut = True
            links, self._links = self._links, []
        # shutdown() wakes the blocked accept(); close() alone would not.
        with contextlib.suppress(OSError):
            self.server.shutdown(socket.SHUT_RDWR)
        self.server.close()
        self.path.unlink(missing_ok=True)
        for link in links:
            with contextlib.suppress(OSError):
                link.shutdown(socket.SHUT_RDWR)
            link.close()


def test_losing_cups_while_the_job_is_queued_is_unconfirmed_and_the_job_stays_alive(
    devstack_print: PrintStack, tmp_path: Path
) -> None:
    queue = f"kiosk-test-cut-{uuid.uuid4().hex[:8]}"
    # A printer that takes the connection and never answers: the job stays processing,
    # as on a slow printer. (Nothing listening at all, CUPS soon reports the printer
    # offline, and that, not the lost link, would be the answer.)
    slow_printer = socket.create_server(("127.0.0.1", 0))
    port = slow_printer.getsockname()[1]
    subprocess.run(
        ["lpadmin", "-p", queue, "-E", "-v", f"socket://127.0.0.1:{port}", "-m", "raw"],
        check=True,
        capture_output=True,
    )
    cable = Cable(tmp_path / "cups.sock")
    try:
        printer = CupsDocumentPrinter(
            queue,
            server=str(cable.path),
            poll_interval_s=0.05,
            timeout_s=30,
            sleep=lambda _: cable.cut(),  # the link breaks after the first look at the job
        )

        result = printer.print_pdf(make_pdf(tmp_path / "slip.pdf", "CUT"), title="cut")

        assert result.outcome is PrintOutcome.UNCONFIRMED, result.detail
        assert not result.retry_safe
        assert "lost contact with CUPS" in result.detail
        assert "it may still print" in result.detail
        # CUPS still has the job and would print it: a retry would make two.
        view = CupsDocumentPrinter(queue).job_state(result.job_id)
        assert view is not None
        assert not view.state.final
    finally:
        cable.cut()
        subprocess.run(["lpadmin", "-x", queue], check=False, capture_output=True)
        slow_printer.close()


def test_queue_rejecting_jobs_reports_offline_and_submits_nothing(
    scratch_queue: tuple[str, Path], tmp_path: Path
) -> None:
    queue, _ = scratch_queue
    subprocess.run(["cupsreject", "-r", "closing", queue], check=True)
    printer = CupsDocumentPrinter(queue)

    result = printer.print_pdf(make_pdf(tmp_path / "slip.pdf", "REJECT"), title="reject")

    assert result.outcome is PrintOutcome.OFFLINE
    assert "rejecting" in result.detail
    assert jobs_on(queue) == []


def test_unknown_queue_is_no_device_and_prints_nothing(
    devstack_print: PrintStack, tmp_path: Path
) -> None:
    printer = CupsDocumentPrinter("kiosk-no-such-queue")

    status = printer.status()
    result = printer.print_pdf(make_pdf(tmp_path / "slip.pdf", "NONE"), title="none")

    assert status.state is DeviceState.NO_DEVICE
    assert "kiosk-no-such-queue" in status.reason
    assert result.outcome is PrintOutcome.OFFLINE
    assert result.detail == "not submitted: no CUPS queue named 'kiosk-no-such-queue'"


def test_unreachable_scheduler_is_offline_not_a_crash(tmp_path: Path) -> None:
    printer = CupsDocumentPrinter("kiosk-pdf", server="127.0.0.1:1")

    status = printer.status()
    result = printer.print_pdf(make_pdf(tmp_path / "slip.pdf", "DOWN"), title="down")

    assert status.state is DeviceState.OFFLINE
    assert "not reachable" in status.reason
    assert result.outcome is PrintOutcome.OFFLINE
    assert result.detail.startswith("not submitted")


def test_missing_pdf_is_a_failed_result_with_nothing_submitted(tmp_path: Path) -> None:
    result = CupsDocumentPrinter("kiosk-pdf").print_pdf(tmp_path / "absent.pdf", title="x")

    assert result.outcome is PrintOutcome.FAILED
    assert result.detail == f"not submitted: no PDF at {tmp_path / 'absent.pdf'}"

"""Benchmark: APDUs and wall time of a full eMRTD read over the real PC/SC stack.

Starts the devstack's emulated passport (DG1, a ~7 KB DG2 face made from the
sample JPEG, DG11, EF.SOD from a throw-away test PKI) on ``Virtual PCD 00 01``
and reads it with `EmrtdPcscReader`: SELECT, BAC, EF.COM, DG1, DG2, DG11, EF.SOD.
For each chip profile it prints the APDU count, the minimum the file sizes and
the chip's largest response allow (SELECT + GET CHALLENGE + MUTUAL AUTHENTICATE
+ one READ BINARY per full chunk of every file), their ratio, and the wall time.

Usage (from the repo root): PYTHONPATH=. .venv/bin/python bench/bench_emrtd.py [--runs N]
Needs pcscd + vpcd (started through the devstack's start_pcsc.sh if not running).
"""

from __future__ import annotations

import argparse
import math
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from devices.emrtd import ApduTrace, EmrtdPcscReader, MrzKey
from devices.identity import Verdict
from devices.pcsc import PcscError, list_readers

READER = "Virtual PCD 00 01"
MRZ = (
    "P<CHNZHANG<<SAN<<<<<<<<<<<<<<<<<<<<<<<<<<<<<",
    "E123456782CHN9001011M3001019<<<<<<<<<<<<<<02",
)
KEY = MrzKey("E12345678", "900101", "300101")
READ_FIDS = (0x011E, 0x0101, 0x0102, 0x010B, 0x011D)  # EF.COM, DG1, DG2, DG11, EF.SOD
EXTENDED_CHUNK = 65472  # the emulator's (and vpcd's) largest protected answer
SHORT_CHUNK = 231  # the most a short 3DES-protected answer carries


def devstack_dir() -> Path:
    env = os.environ.get("KIOSK_DEVSTACK_DIR")
    return Path(env) if env else Path(__file__).resolve().parents[2] / "shared" / "devstack"


def ensure_pcscd(devstack: Path) -> None:
    try:
        if READER in list_readers():
            return
    except PcscError:
        pass
    env = dict(os.environ, SKIP_INSTALL="1", DEVSTACK_PYTHON=sys.executable)
    subprocess.run([str(devstack / "start_pcsc.sh")], env=env, check=True)


def seven_kb_face(sample: Path, out: Path) -> Path:
    """The sample JPEG grown to ~7 KB with a JPEG comment segment (still a valid JPEG)."""
    jpeg = sample.read_bytes()
    comment = b"bench padding " * ((7000 - len(jpeg)) // 14)
    out.write_bytes(
        jpeg[:2] + b"\xff\xfe" + (len(comment) + 2).to_bytes(2, "big") + comment + jpeg[2:]
    )
    return out


def card_present() -> bool:
    reader = EmrtdPcscReader(READER, None, None)
    return reader.status().media == "present"


def wait(predicate: object, timeout: float) -> None:
    assert callable(predicate)
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return
        time.sleep(0.02)
    raise SystemExit("timed out waiting for the emulated passport")


def run_profile(devstack: Path, workdir: Path, label: str, chip_args: list[str], runs: int) -> None:
    face = seven_kb_face(devstack / "smartcard/samples/face_zhang_san.jpg", workdir / "face.jpg")
    slug = re.sub(r"\W+", "-", label).strip("-")
    dump = workdir / f"ef-{slug}"
    common = [
        "--mrz", *MRZ, "--photo", str(face),
        "--dg11", str(devstack / "smartcard/samples/dg11_zhang_san.json"),
        "--pki", str(workdir / "pki"), "--dump-files", str(dump),
    ]  # fmt: skip
    cmd = [sys.executable, str(devstack / "smartcard/epass_card.py"), "--port", "35964"]
    log = (workdir / f"{slug}.log").open("wb")
    card = subprocess.Popen([*cmd, *common, *chip_args], stdout=log, stderr=subprocess.STDOUT)
    try:
        wait(card_present, 10)
        sizes = {fid: (dump / f"{fid:04X}.bin").stat().st_size for fid in READ_FIDS}
        traces: list[ApduTrace] = []
        reader = EmrtdPcscReader(READER, KEY, workdir / "pki", apdu_hook=traces.append)
        times, counts = [], []
        for _ in range(runs):
            traces.clear()
            start = time.perf_counter()
            result = reader.read()
            times.append(time.perf_counter() - start)
            counts.append(len(traces))
            doc = result.document
            if doc is None or doc.authenticity.verdict is not Verdict.VERIFIED:
                raise SystemExit(f"{label}: read failed: {result}")
        short_only = "--no-extended" in chip_args
        chunk = SHORT_CHUNK if short_only else EXTENDED_CHUNK
        minimum = 3 + sum(math.ceil(size / chunk) for size in sizes.values())
        apdus = counts[-1]
        print(
            f"{label:<34} APDUs {apdus:>3}  minimum {minimum:>3}  ratio {apdus / minimum:4.2f}"
            f"  wall median {statistics.median(times) * 1000:7.1f} ms"
            f"  (min {min(times) * 1000:.1f}, max {max(times) * 1000:.1f}, {runs} runs)"
        )
    finally:
        card.send_signal(signal.SIGTERM)
        card.wait(10)
        log.close()
        # pcscd needs a poll (400 ms) to see the card gone before the next profile
        wait(lambda: not card_present(), 10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    devstack = devstack_dir()
    ensure_pcscd(devstack)
    with tempfile.TemporaryDirectory(prefix="bench-emrtd-") as tmp:
        workdir = Path(tmp)
        sample_face = seven_kb_face(
            devstack / "smartcard/samples/face_zhang_san.jpg", workdir / "f.jpg"
        )
        print(f"DG2 face: {sample_face.stat().st_size} bytes JPEG; reader {READER}")
        run_profile(devstack, workdir, "extended length", [], args.runs)
        run_profile(
            devstack, workdir, "extended, 2 ms/APDU chip delay", ["--apdu-delay-ms", "2"], args.runs
        )
        run_profile(devstack, workdir, "short only (--no-extended)", ["--no-extended"], args.runs)
        run_profile(
            devstack, workdir, "short only, 2 ms/APDU chip delay",
            ["--no-extended", "--apdu-delay-ms", "2"], args.runs,
        )  # fmt: skip
        sizes = {
            name: (workdir / "ef-extended-length" / f"{fid:04X}.bin").stat().st_size
            for name, fid in zip(("EF.COM", "DG1", "DG2", "DG11", "EF.SOD"), READ_FIDS, strict=True)
        }
        print("file sizes:", ", ".join(f"{k} {v} B" for k, v in sizes.items()))


if __name__ == "__main__":
    main()

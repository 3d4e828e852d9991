"""`kiosk devices ...` as a technician runs it: a real process, its output and exit code."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from devices.simulated import SimulatedPrinter
from kiosk.config import load_config
from kiosk.instance import KioskInstance
from kiosk.runtime import KioskServices
from tests.devices.resident_id.sam_simulator import SAMPLE_CARD, SamSimulator

REPO = Path(__file__).resolve().parents[1]
DOCUMENT_KEYS = {
    "document_type",
    "document_number",
    "surname",
    "given_names",
    "name_cn",
    "sex",
    "birth_date",
    "expiry_date",
    "nationality",
    "id_number",
    "address",
    "authenticity",
}


def kiosk(*args: str, config: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``python -m kiosk [--config FILE] ARGS`` and capture its output."""
    command = [sys.executable, "-m", "kiosk"]
    if config is not None:
        command += ["--config", str(config)]
    environment = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [*command, *args],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )


@pytest.fixture
def config_file(tmp_path: Path) -> Path:
    """A kiosk configuration with a simulated reader and printer in a private data dir."""
    path = tmp_path / "kiosk.toml"
    path.write_text(
        f"""
[kiosk]
data_dir = "{(tmp_path / "data").as_posix()}"

[devices.id_reader]
driver = "simulated"

[devices.printer]
driver = "simulated"
output_dir = "{(tmp_path / "printed").as_posix()}"
""",
        encoding="utf-8",
    )
    return path


def test_read_id_with_the_simulated_reader_prints_the_document_as_json() -> None:
    done = kiosk("devices", "read-id", "--driver", "simulated", "--json")

    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    assert document.keys() >= DOCUMENT_KEYS
    assert "photo" not in document
    assert document["document_type"] == "cn_resident_id"
    assert document["name_cn"] == "王丽华"
    assert set(document["authenticity"]) == {"verdict", "detail"}


def test_read_id_includes_the_photo_only_when_asked() -> None:
    done = kiosk("devices", "read-id", "--driver", "simulated", "--json", "--photo")

    assert done.returncode == 0, done.stderr
    assert "photo" in json.loads(done.stdout)


def test_read_id_without_json_prints_a_short_human_summary() -> None:
    done = kiosk("devices", "read-id", "--driver", "simulated")

    assert done.returncode == 0, done.stderr
    assert "王丽华" in done.stdout
    assert "330702196205050824" in done.stdout
    assert "authenticity: not checked" in done.stdout


def test_read_id_on_a_serial_port_that_does_not_exist_fails_with_the_reason_on_stderr(
    tmp_path: Path,
) -> None:
    missing = tmp_path / "ttyUSB-nothing"
    done = kiosk("devices", "read-id", "--driver", "resident-serial", "--port", str(missing))

    assert done.returncode == 1
    assert done.stdout == ""
    assert "no_reader" in done.stderr


def test_read_id_with_the_sdk_driver_but_no_library_says_what_is_missing() -> None:
    done = kiosk("devices", "read-id", "--driver", "resident-sdk")

    assert done.returncode != 0
    assert "--library" in done.stderr


def test_devices_list_json_shows_each_configured_device_with_driver_and_status(
    config_file: Path,
) -> None:
    done = kiosk("devices", "list", "--json", config=config_file)

    assert done.returncode == 0, done.stderr
    rows = {row["name"]: row for row in map(json.loads, done.stdout.splitlines())}
    assert set(rows) == {"id_reader", "printer"}
    assert rows["id_reader"]["driver"] == "simulated"
    assert rows["id_reader"]["kind"] == "identity_reader"
    assert rows["id_reader"]["state"] == "online"
    assert rows["id_reader"]["media"] == "present"
    assert rows["printer"]["kind"] == "document_printer"
    assert rows["printer"]["reason"] == "simulated printer"


def test_devices_test_passes_a_simulated_reader_that_reads_its_card(config_file: Path) -> None:
    done = kiosk("devices", "test", "id_reader", config=config_file)

    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip().splitlines()[-1].startswith("PASS: id_reader")
    assert "read:    ok" in done.stdout


def test_devices_test_of_a_name_not_in_the_configuration_fails(config_file: Path) -> None:
    done = kiosk("devices", "test", "front_door", config=config_file)

    assert done.returncode != 0
    assert "FAIL: no device 'front_door'" in done.stdout
    assert "id_reader" in done.stdout


def test_a_configuration_naming_an_unknown_driver_is_a_clear_failure(tmp_path: Path) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text('[devices.id_reader]\ndriver = "magic-wand"\n', encoding="utf-8")

    tested = kiosk("devices", "test", "id_reader", config=config)
    listed = kiosk("devices", "list", config=config)

    assert tested.returncode != 0
    assert tested.stdout.strip().splitlines()[-1].startswith("FAIL: device 'id_reader'")
    assert "unknown driver 'magic-wand'" in tested.stdout
    assert "resident-serial" in tested.stdout  # the known drivers are listed
    assert listed.returncode != 0
    assert "configError" in listed.stdout
    assert "magic-wand" in listed.stdout
    assert "misconfigured" in listed.stderr


def test_the_kiosk_refuses_to_start_with_a_misconfigured_device_and_says_which(
    tmp_path: Path,
) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text(
        f'[kiosk]\ndata_dir = "{(tmp_path / "data").as_posix()}"\n'
        '[devices.scanner]\ndriver = "serial"\n',  # no port
        encoding="utf-8",
    )

    started = kiosk("--windowed", config=config)

    assert started.returncode == 2
    assert "Traceback" not in started.stderr
    assert "kiosk: device 'scanner'" in started.stderr
    assert "kiosk devices list" in started.stderr


@pytest.fixture
def sam_simulator(tmp_path: Path) -> Iterator[SamSimulator]:
    simulator = SamSimulator(tmp_path / "sam")
    yield simulator
    simulator.stop()


def test_read_id_over_a_serial_sam_reads_the_simulated_resident_card(
    sam_simulator: SamSimulator,
) -> None:
    done = kiosk(
        "devices", "read-id", "--driver", "resident-serial", "--port", sam_simulator.port, "--json"
    )

    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    assert document["document_type"] == "cn_resident_id"
    assert document["id_number"] == SAMPLE_CARD["id_number"]
    assert document["name_cn"] == SAMPLE_CARD["name"]
    assert document["birth_date"] == "1990-05-17"
    assert document["provenance"]["protocol"] != "simulated"


def test_read_id_over_a_serial_sam_with_no_card_fails_with_exit_1(
    sam_simulator: SamSimulator,
) -> None:
    sam_simulator.lift_card()

    done = kiosk("devices", "read-id", "--driver", "resident-serial", "--port", sam_simulator.port)

    assert done.returncode == 1
    assert "no_document" in done.stderr


def test_devices_test_starts_a_scanner_and_passes_it(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text(
        f"""
[kiosk]
data_dir = "{(tmp_path / "data").as_posix()}"

[devices.scanner]
driver = "simulated"
""",
        encoding="utf-8",
    )

    done = kiosk("devices", "test", "scanner", config=path)

    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip().splitlines()[-1] == "PASS: scanner is online"


def test_cli_refuses_to_test_the_running_kiosks_simulated_devices(
    config_file: Path, tmp_path: Path
) -> None:
    running = KioskInstance.acquire(tmp_path / "data")  # the kiosk, with its simulators
    try:
        tested = kiosk("devices", "test", "printer", config=config_file)
        reader = kiosk("devices", "test", "id_reader", config=config_file)
        listed = kiosk("devices", "list", "--json", config=config_file)
    finally:
        running.release()

    assert tested.returncode == 2  # the kiosk holds its data dir but does not answer
    assert tested.stderr.startswith(
        "kiosk devices test: the kiosk is running with a simulated printer, which lives inside"
        " the kiosk; use the Simulators panel, or stop the kiosk first (the kiosk does not"
        " answer on "
    )
    assert reader.returncode == 2
    assert "simulated identity reader" in reader.stderr
    assert listed.returncode == 0, listed.stderr
    rows = {row["name"]: row for row in map(json.loads, listed.stdout.splitlines())}
    assert rows["printer"]["state"] == "deviceBusy"
    assert "lives inside the kiosk" in rows["printer"]["reason"]
    # Once the kiosk has stopped, the command checks a simulator of its own again.
    assert kiosk("devices", "test", "printer", config=config_file).returncode == 0


def test_cli_asks_the_running_kiosk_for_its_simulated_printers_status(
    config_file: Path,
) -> None:
    services = KioskServices(load_config(config_file))  # the running kiosk, without Qt
    try:
        printer = services.printer
        assert isinstance(printer, SimulatedPrinter)
        printer.set_paper("out")
        tested = kiosk("devices", "test", "printer", config=config_file)
        listed = kiosk("devices", "list", "--json", config=config_file)
    finally:
        services.close()

    assert tested.returncode == 1
    assert tested.stdout.splitlines()[-1] == (
        "FAIL: printer is userError: paper out (inside the running kiosk)"
    )
    rows = {row["name"]: row for row in map(json.loads, listed.stdout.splitlines())}
    assert (rows["printer"]["state"], rows["printer"]["media"]) == ("userError", "out")
    assert rows["id_reader"]["reason"].endswith("(inside the running kiosk)")

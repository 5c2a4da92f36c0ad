"""The `seatsense` command: help everywhere, one-line errors, nothing half-written."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import cv2
import pytest

from seatsense.cli import main
from tests.conftest import FIXTURES

SITE = """name: cafe
cameras:
  - id: cam
    width: 1280
    height: 720
    seats:
      - id: A1
        polygon: [[700, 0], [1280, 0], [1280, 720], [700, 720]]
      - id: A2
        polygon: [[0, 0], [500, 0], [500, 720], [0, 720]]
"""


@pytest.mark.parametrize(
    "command", [[], ["eval"], ["snapshot"], ["check-layout"], ["run"], ["soak"]]
)
def test_help_on_every_command(command: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "seatsense.cli", *command, "--help"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0 and "usage: seatsense" in result.stdout


def test_check_layout_ok_and_bad(tmp_path: Path, capsys) -> None:
    good = tmp_path / "site.yaml"
    good.write_text(SITE)
    assert main(["check-layout", str(good)]) == 0
    assert "2 seat(s)" in capsys.readouterr().out
    bad = tmp_path / "bad.yaml"
    bad.write_text(SITE.replace("[[0, 0], [500, 0]", "[[0, 0], [500, 720], [500, 0]"))
    assert main(["check-layout", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.strip().count("\n") == 0
    assert "bad.yaml" in err and "'cam'" in err and "'A2'" in err and "self-intersecting" in err


def test_snapshot_draws_states_and_writes_whole_files(tmp_path: Path, capsys) -> None:
    site = tmp_path / "site.yaml"
    site.write_text(SITE)
    out = tmp_path / "out" / "snap.png"
    assert (
        main(
            [
                "snapshot",
                str(FIXTURES / "zidane.jpg"),
                "--layout",
                str(site),
                "-o",
                str(out),
                "--blur",
            ]
        )
        == 0
    )
    report = json.loads(capsys.readouterr().out)
    assert report["seats"] == {"A1": "occupied", "A2": "occupied"}
    image = cv2.imread(str(out))
    assert image.shape == (720, 1280, 3)
    assert [p.name for p in out.parent.iterdir()] == ["snap.png"]  # no temp file left


def test_snapshot_errors_are_one_line(tmp_path: Path, capsys) -> None:
    site = tmp_path / "site.yaml"
    site.write_text(SITE)
    assert (
        main(
            [
                "snapshot",
                str(tmp_path / "missing.jpg"),
                "--layout",
                str(site),
                "-o",
                str(tmp_path / "x.png"),
            ]
        )
        == 2
    )
    assert (
        main(
            [
                "snapshot",
                str(FIXTURES / "zidane.jpg"),
                "--layout",
                str(site),
                "--camera",
                "nope",
                "-o",
                str(tmp_path / "x.png"),
            ]
        )
        == 2
    )
    assert (
        main(
            [
                "snapshot",
                str(FIXTURES / "zidane.jpg"),
                "--layout",
                str(site),
                "--model",
                str(tmp_path / "none.onnx"),
                "-o",
                str(tmp_path / "x.png"),
            ]
        )
        == 2
    )
    errors = capsys.readouterr().err.strip().splitlines()
    assert len(errors) == 3 and all(e.startswith("seatsense: error: ") for e in errors)
    assert "none.onnx" in errors[2] and "no camera 'nope'" in errors[1]
    assert not (tmp_path / "x.png").exists()


def test_snapshot_refuses_a_truncated_jpeg(tmp_path: Path, capsys) -> None:
    """Cut at half its length, bus.jpg decodes grey below the cut; it must not be analysed."""
    site = tmp_path / "site.yaml"
    site.write_text(SITE)
    bus = (FIXTURES / "bus.jpg").read_bytes()
    truncated = tmp_path / "half.jpg"
    truncated.write_bytes(bus[: len(bus) // 2])
    out = tmp_path / "x.png"
    command = ["snapshot", str(truncated), "--layout", str(site), "-o", str(out)]
    assert main(command) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.strip() == (
        f"seatsense: error: {truncated}: a truncated JPEG "
        "(the data ends before its end-of-image marker)"
    )
    assert not out.exists()


def test_run_streams_events_and_keeps_an_sqlite_log(tmp_path: Path) -> None:
    import shutil
    import signal
    import time

    from seatsense.live.store import EventStore

    frames = tmp_path / "frames"
    frames.mkdir()
    shutil.copy(FIXTURES / "zidane.jpg", frames / "0001.jpg")
    site = tmp_path / "site.yaml"
    site.write_text(
        SITE.replace("    width: 1280", f"    source: {frames}\n    width: 1280").replace(
            "name: cafe", "name: cafe\ninterval_s: 0.5"
        )
    )
    db = tmp_path / "log.sqlite"
    process = subprocess.Popen(
        [sys.executable, "-m", "seatsense.cli", "run", str(site), "--db", str(db)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        lines: list[str] = []
        assert process.stdout is not None
        while len(lines) < 2 and time.monotonic() < deadline:
            lines.append(process.stdout.readline())
    finally:
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=30)
    assert process.returncode == 0, err
    events = [json.loads(line) for line in lines + out.splitlines() if line.strip()]
    assert {(e["type"], e["seat_id"]) for e in events} == {
        ("person_enter", "A1"),
        ("person_enter", "A2"),
    }
    assert "cam[on] occupied=2" in err  # the status line
    with EventStore(db) as store:
        assert len(store.events()) == 2
        assert {k: s.state.value for k, s in store.seat_statuses().items()} == {
            "cam/A1": "occupied",
            "cam/A2": "occupied",
        }
        rows = store.hourly()
        assert {(r.seat_id, r.entries) for r in rows} >= {("A1", 1), ("A2", 1)}

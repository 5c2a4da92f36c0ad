"""`seatsense run` as a process: what it prints is in its log before it prints it, a restart
after SIGKILL resumes the seats, and a camera that is down says why."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from seatsense.live.store import EventStore
from tests.conftest import FIXTURES
from tests.lib.rtsp import RtspServer, make_clip, rtsp_missing

SEATS = """    width: 1280
    height: 720
    seats:
      - id: A1
        polygon: [[700, 0], [1280, 0], [1280, 720], [700, 720]]
      - id: A2
        polygon: [[0, 0], [500, 0], [500, 720], [0, 720]]
"""


def start_run(site: Path, db: Path, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "seatsense.cli", "run", str(site), "--db", str(db), *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def read_events(process: subprocess.Popen[str], count: int, timeout_s: float) -> list[dict]:
    """The first `count` JSON event lines the process prints."""
    assert process.stdout is not None
    deadline = time.monotonic() + timeout_s
    lines: list[dict] = []
    while len(lines) < count and time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        lines.append(json.loads(line))
    return lines


def test_sigkill_loses_nothing_printed_and_a_restart_resumes_the_seats(tmp_path: Path) -> None:
    frames = tmp_path / "frames"
    frames.mkdir()
    shutil.copy(FIXTURES / "zidane.jpg", frames / "0001.jpg")
    site = tmp_path / "site.yaml"
    site.write_text(f"name: cafe\ninterval_s: 0.5\ncameras:\n  - id: cam\n    source: {frames}\n")
    site.write_text(site.read_text() + SEATS)
    db = tmp_path / "log.sqlite"

    first = start_run(site, db, "--quiet")
    try:
        printed = read_events(first, 2, timeout_s=60)
    finally:
        first.kill()  # SIGKILL the moment the events are out: no flush, no goodbye
        first.communicate(timeout=30)
    assert sorted((e["type"], e["seat_id"]) for e in printed) == [
        ("person_enter", "A1"),
        ("person_enter", "A2"),
    ]
    with EventStore(db) as store:
        assert sorted((e.type.value, e.seat_id) for e in store.events()) == sorted(
            (e["type"], e["seat_id"]) for e in printed
        )
        before = store.seat_statuses()
    assert {k: s.state.value for k, s in before.items()} == {
        "cam/A1": "occupied",
        "cam/A2": "occupied",
    }

    second = start_run(site, db, "--quiet", "--duration", "4")
    out, err = second.communicate(timeout=90)
    assert second.returncode == 0, err
    assert out == ""  # the same people still sit there: no second person_enter, no leave
    with EventStore(db) as store:
        assert len(store.events()) == 2
        after = store.seat_statuses()
    for key, status in after.items():
        assert status.state.value == "occupied"
        assert status.occupied_since_s == before[key].occupied_since_s  # the stay's clock
        assert status.last_update_s > before[key].last_update_s  # seen again after the restart


@pytest.mark.usefixtures("socket_enabled")
@pytest.mark.skipif(rtsp_missing() is not None, reason=str(rtsp_missing()))
def test_run_says_why_each_camera_is_offline(tmp_path: Path) -> None:
    clip = make_clip(tmp_path / "clip.h264", width=320, height=240, seconds=2)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]  # nothing listens here once the socket closes
    with RtspServer(clip, user="admin", password="s3cret-pass") as server:
        sources = {
            "refused": f"rtsp://admin:s3cret-pass@127.0.0.1:{closed_port}/ch1",
            "path": server.url(7, "admin", "s3cret-pass"),
            "auth": server.url(1, "admin", "not-the-pass"),
        }
        cameras = "".join(
            f"  - id: {camera}\n    source: {url}\n{SEATS}" for camera, url in sources.items()
        )
        site = tmp_path / "site.yaml"
        site.write_text(f"name: cafe\ninterval_s: 0.5\ncameras:\n{cameras}")
        process = start_run(site, tmp_path / "log.sqlite", "--duration", "8")
        out, err = process.communicate(timeout=120)
    assert process.returncode == 0, err
    reasons = {
        e["camera_id"]: e["data"]["reason"]
        for e in map(json.loads, out.splitlines())
        if e["type"] == "camera_offline"
    }
    assert reasons.keys() == sources.keys()
    assert reasons["refused"].endswith("Connection refused")
    assert reasons["path"].endswith("stream not found on the server")
    assert "authentication failed" in reasons["auth"]
    status = err.rsplit("\r", 1)[-1]  # the status line as last drawn
    assert "refused[OFF: Connection refused]" in status
    assert "path[OFF: stream not found on the server]" in status
    assert "auth[OFF: authentication failed" in status
    for text in (out, err):
        assert "s3cret-pass" not in text and "not-the-pass" not in text

"""`scripts/demo` end to end: a fresh config folder, Home Assistant answering on 127.0.0.1 with
the printed login, the seatsense entities (and every entity the dashboard shows) there, and a
clean stop on SIGTERM. Headless, in a temporary folder: the developer's demo-config/ is never
touched."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("socket_enabled")]

STARTUP_S = 150.0
SEATS = ("A1", "A2", "A3", "A4", "B1", "B2", "B3", "B4")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class _Api:
    """Logs in through Home Assistant's auth API like the frontend does."""

    def __init__(self, base: str, username: str, password: str) -> None:
        self.base, client = base, base + "/"
        flow = self._post(
            "/auth/login_flow",
            {"client_id": client, "redirect_uri": client, "handler": ["homeassistant", None]},
        )
        done = self._post(
            f"/auth/login_flow/{flow['flow_id']}",
            {"username": username, "password": password, "client_id": client},
        )
        assert done["type"] == "create_entry", done
        tokens = self._post(
            "/auth/token",
            {"grant_type": "authorization_code", "code": done["result"], "client_id": client},
            form=True,
        )
        self.token = tokens["access_token"]

    def _post(self, path: str, data: dict[str, Any], form: bool = False) -> Any:
        body = urllib.parse.urlencode(data).encode() if form else json.dumps(data).encode()
        kind = "application/x-www-form-urlencoded" if form else "application/json"
        request = urllib.request.Request(self.base + path, body, {"Content-Type": kind})
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.load(response)

    def states(self) -> dict[str, dict[str, Any]]:
        request = urllib.request.Request(
            self.base + "/api/states", headers={"Authorization": f"Bearer {self.token}"}
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            return {state["entity_id"]: state for state in json.load(response)}


@pytest.fixture
def demo(socket_enabled: None, tmp_path: Path) -> Iterator[tuple[subprocess.Popen[str], Path, str]]:
    """scripts/demo on a free port with a fresh config folder; stopped whatever happens."""
    config = tmp_path / "config"
    log = (tmp_path / "demo.log").open("w+")
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("SEATSENSE_DEMO_")}
    process = subprocess.Popen(
        [str(ROOT / "scripts" / "demo"), "--config", str(config), "--port", str(port)],
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    try:
        yield process, tmp_path / "demo.log", f"http://127.0.0.1:{port}"
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(30)
        log.close()


def _wait(what: str, check: Any, process: subprocess.Popen[str], log: Path, until: float) -> Any:
    while time.monotonic() < until:
        if process.poll() is not None:
            pytest.fail(
                f"scripts/demo exited ({process.returncode}) before {what}:\n"
                + log.read_text()[-3000:]
            )
        try:
            if value := check():
                return value
        except (OSError, urllib.error.URLError):
            pass
        time.sleep(1.0)
    pytest.fail(f"no {what} within {STARTUP_S:.0f} s:\n" + log.read_text()[-3000:])


def test_scripts_demo_starts_home_assistant_with_seatsense_and_stops_cleanly(
    demo: tuple[subprocess.Popen[str], Path, str],
) -> None:
    process, log, base = demo
    until = time.monotonic() + STARTUP_S

    def answering() -> bool:
        with urllib.request.urlopen(base + "/manifest.json", timeout=5) as response:
            return response.status == 200 and b"Home Assistant" in response.read()

    _wait("answer on /manifest.json", answering, process, log, until)
    printed = re.search(r"login: (\S+) / (\S+)", log.read_text())
    assert printed, log.read_text()
    assert f"{base}/" in log.read_text()
    api = _Api(base, printed.group(1), printed.group(2))

    def seatsense_states() -> dict[str, dict[str, Any]] | None:
        states = api.states()
        # Live: the camera delivered frames and the seats have a state.
        ready = states.get("binary_sensor.demo_study_room_connectivity", {}).get("state") == "on"
        return states if ready else None

    states = _wait("seatsense entities", seatsense_states, process, log, until)
    for seat in SEATS:
        key = seat.lower()
        assert states[f"sensor.demo_study_room_{key}_state"]["state"] in (
            "empty",
            "occupied",
            "away",
            "abandoned",
        )
        assert f"binary_sensor.demo_study_room_{key}_occupied" in states
    assert "image.demo_study_room_annotated_picture" in states
    assert states["sensor.seatsense_demo_occupied_seats"]["state"].isdigit()

    # Every entity the demo dashboard shows exists.
    config = Path(re.search(r"config: (\S+)", log.read_text()).group(1))  # type: ignore[union-attr]
    dashboard = (config / ".storage" / "lovelace").read_text()
    shown = set(re.findall(r'"entity": "([a-z_]+\.[a-z0-9_]+)"', dashboard))
    assert len(shown) > 20 and shown <= set(states), shown - set(states)
    registry = json.loads((config / ".storage" / "core.config_entries").read_text())
    sites = [e for e in registry["data"]["entries"] if e["domain"] == "seatsense"]
    assert len(sites) == 1 and len(sites[0]["subentries"]) == 1

    process.send_signal(signal.SIGTERM)
    assert process.wait(60) == 0, log.read_text()[-3000:]
    text = log.read_text()
    assert not re.search(r"ERROR .*seatsense", text), text[-3000:]

"""A real Home Assistant with the demo site, and Debian's Chromium driven by Playwright.

The Home Assistant process is started once per test module on a free loopback port, with a
config folder made the way `scripts/demo` makes it (onboarding done, one admin login, a site
whose camera watches the rendered demo study room) plus a second camera that never connects
(its seats must look unknown) and a dashboard holding the seat-map card of each camera.
Every test gets a fresh browser. Screenshots go to pytest's temporary folder, never the repo.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import pytest_socket

from seatsense.core.layout import format_seat_lines
from seatsense.demo import demo_site
from tests.conftest import ROOT

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
STARTUP_S = 180.0
SITE_TITLE = "seatsense demo"
DEMO_CAMERA = "Demo study room"
OFFLINE_CAMERA = "Back room"
# The demo from 600 s on: B2, A2 and A4 seated, B3's things left behind; with hogging after
# 60 s the card shows every state within the first minutes.
DEMO_SOURCE = "demo:default?start=600"
SITE_OPTIONS = {
    "interval_s": 1.0,
    "enter_samples": 2,
    "exit_grace_s": 30.0,
    "abandoned_after_s": 60.0,
    "belongings_sensitivity": 50,
    "privacy_blur": True,
}


@dataclass
class DemoHomeAssistant:
    """A running Home Assistant: where it answers, its admin login and the site's ids."""

    base: str
    config: Path
    log: Path
    username: str
    password: str
    entry_id: str
    demo_camera_id: str
    offline_camera_id: str

    def tokens(self, username: str | None = None, password: str | None = None) -> dict[str, Any]:
        """Log in through the auth API as the frontend does; the tokens it would store."""
        client = self.base + "/"
        flow = _post(
            self.base + "/auth/login_flow",
            {"client_id": client, "redirect_uri": client, "handler": ["homeassistant", None]},
        )
        done = _post(
            f"{self.base}/auth/login_flow/{flow['flow_id']}",
            {
                "username": username or self.username,
                "password": password or self.password,
                "client_id": client,
            },
        )
        assert done["type"] == "create_entry", done
        tokens = _post(
            self.base + "/auth/token",
            {"grant_type": "authorization_code", "code": done["result"], "client_id": client},
            form=True,
        )
        return {
            "hassUrl": self.base,
            "clientId": client,
            "expires": int(time.time() * 1000) + tokens["expires_in"] * 1000,
            **tokens,
        }

    def states(self, token: str) -> dict[str, dict[str, Any]]:
        """Every entity's state, through the REST API."""
        request = urllib.request.Request(
            self.base + "/api/states", headers={"Authorization": f"Bearer {token}"}
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            return {state["entity_id"]: state for state in json.load(response)}

    def stored_subentry(self, subentry_id: str) -> dict[str, Any]:
        """A camera subentry as Home Assistant wrote it to .storage."""
        entries = json.loads((self.config / ".storage" / "core.config_entries").read_text())
        for entry in entries["data"]["entries"]:
            for subentry in entry.get("subentries", []):
                if subentry["subentry_id"] == subentry_id:
                    return dict(subentry)
        raise KeyError(subentry_id)


def _post(url: str, data: dict[str, Any], form: bool = False) -> Any:
    body = urllib.parse.urlencode(data).encode() if form else json.dumps(data).encode()
    kind = "application/x-www-form-urlencoded" if form else "application/json"
    request = urllib.request.Request(url, body, {"Content-Type": kind})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _store(storage: Path, key: str, version: int, minor: int, data: object) -> None:
    body = {"version": version, "minor_version": minor, "key": key, "data": data}
    (storage / key).write_text(json.dumps(body, indent=2) + "\n", encoding="utf-8")


def _camera_subentry(subentry_id: str, title: str, url: str, seats: str) -> dict[str, Any]:
    camera = demo_site().cameras[0]
    return {
        "data": {
            "source_type": "rtsp",
            "url": url,
            "seats": seats,
            "width": camera.width,
            "height": camera.height,
        },
        "subentry_id": subentry_id,
        "subentry_type": "camera",
        "title": title,
        "unique_id": f"rtsp:{url}",
    }


def _write_config(config: Path, port: int, ids: dict[str, str]) -> None:
    """configuration.yaml, onboarding done, the site (two cameras) and the dashboard."""
    from homeassistant import config_entries
    from homeassistant.components.onboarding import STORAGE_KEY as ONBOARDING_KEY
    from homeassistant.components.onboarding import STORAGE_VERSION as ONBOARDING_VERSION
    from homeassistant.components.onboarding.const import STEPS

    storage = config / ".storage"
    storage.mkdir(parents=True)
    (config / "configuration.yaml").write_text(
        "homeassistant:\n  name: seatsense demo\n  time_zone: UTC\n  country: KR\n"
        f"http:\n  server_host: 127.0.0.1\n  server_port: {port}\n"
        "frontend:\nconfig:\n"
        "logger:\n  default: warning\n  logs:\n    custom_components.seatsense: info\n"
        "    homeassistant.components.camera.img_util: critical\n",
        encoding="utf-8",
    )
    (config / "custom_components").mkdir()
    (config / "custom_components" / "seatsense").symlink_to(
        ROOT / "custom_components" / "seatsense"
    )
    _store(storage, ONBOARDING_KEY, ONBOARDING_VERSION, 1, {"done": list(STEPS)})
    seats = format_seat_lines(demo_site().cameras[0].seats)
    now = datetime.now(UTC).isoformat()
    site = {
        "created_at": now,
        "modified_at": now,
        "data": {"name": SITE_TITLE, "model": "bundled"},
        "discovery_keys": {},
        "disabled_by": None,
        "domain": "seatsense",
        "entry_id": ids["entry"],
        "minor_version": 1,
        "options": SITE_OPTIONS,
        "pref_disable_new_entities": False,
        "pref_disable_polling": False,
        "source": config_entries.SOURCE_USER,
        "subentries": [
            _camera_subentry(ids["demo"], DEMO_CAMERA, DEMO_SOURCE, seats),
            # Port 9 (discard) refuses: this camera never delivers a frame.
            _camera_subentry(
                ids["offline"],
                OFFLINE_CAMERA,
                "rtsp://127.0.0.1:9/none",
                "X1: 100,100 300,100 300,300 100,300",
            ),
        ],
        "title": SITE_TITLE,
        "unique_id": None,
        "version": 1,
    }
    _store(
        storage,
        config_entries.STORAGE_KEY,
        config_entries.STORAGE_VERSION,
        config_entries.STORAGE_VERSION_MINOR,
        {"entries": [site]},
    )
    card = {"type": "custom:seatsense-seat-map", "entry_id": ids["entry"]}
    dashboard = {
        "title": "seatsense",
        "views": [
            {
                "title": "Seats",
                "path": "seats",
                "type": "sections",
                "max_columns": 2,
                "sections": [
                    {"type": "grid", "cards": [{**card, "camera_id": ids["demo"]}]},
                    {"type": "grid", "cards": [{**card, "camera_id": ids["offline"]}]},
                ],
            }
        ],
    }
    _store(storage, "lovelace", 1, 1, {"config": dashboard})


def _add_login(config: Path, username: str, password: str) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "homeassistant",
            "--script",
            "auth",
            "-c",
            str(config),
            "add",
            username,
            password,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert "Auth created" in done.stdout, done.stdout + done.stderr


def _wait_ready(ha: DemoHomeAssistant, process: subprocess.Popen[bytes]) -> None:
    """Until the frontend answers and the demo camera's seats have live states."""
    until = time.monotonic() + STARTUP_S
    token: str | None = None
    while time.monotonic() < until:
        if process.poll() is not None:
            pytest.fail(
                f"Home Assistant exited ({process.returncode}):\n{ha.log.read_text()[-3000:]}"
            )
        with contextlib.suppress(OSError, urllib.error.URLError, AssertionError, KeyError):
            token = token or ha.tokens()["access_token"]
            states = ha.states(token)
            if states["binary_sensor.demo_study_room_connectivity"]["state"] == "on":
                return
        time.sleep(1.0)
    pytest.fail(f"Home Assistant not ready in {STARTUP_S:.0f} s:\n{ha.log.read_text()[-3000:]}")


@pytest.fixture(scope="module")
def demo_ha(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoHomeAssistant]:
    """Home Assistant with the demo site, for every test of a module; stopped afterwards."""
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (scripts/setup-services)")
    pytest.importorskip("playwright.sync_api")
    pytest_socket.enable_socket()  # this fixture outlives the per-test socket switch
    folder = tmp_path_factory.mktemp("demo-ha")
    config = folder / "config"
    port = _free_port()
    ids = {"entry": uuid.uuid4().hex[:26].upper(), "demo": "DEMOCAMERA", "offline": "BACKROOM"}
    _write_config(config, port, ids)
    ha = DemoHomeAssistant(
        base=f"http://127.0.0.1:{port}",
        config=config,
        log=folder / "home-assistant.log",
        username="owner",
        password="pw" + secrets.token_urlsafe(12),  # never "-..." (an option to the auth script)
        entry_id=ids["entry"],
        demo_camera_id=ids["demo"],
        offline_camera_id=ids["offline"],
    )
    _add_login(config, ha.username, ha.password)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "ORT_DISABLE_TELEMETRY": "1"}
    with ha.log.open("wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "homeassistant", "-c", str(config), "--skip-pip"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
        try:
            _wait_ready(ha, process)
            yield ha
        finally:
            process.terminate()
            try:
                process.wait(60)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(30)


@pytest.fixture
def browser(demo_ha: DemoHomeAssistant, socket_enabled: None, tmp_path: Path) -> Iterator[Any]:
    """A fresh headless Chromium (Debian's, never a downloaded one).

    Every page still open at the end is photographed into the test's temporary folder, so a
    failure can be seen, not only read.
    """
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            for c, context in enumerate(chromium.contexts):
                for p, page in enumerate(context.pages):
                    with contextlib.suppress(Exception):
                        page.screenshot(path=str(tmp_path / f"end-{c}-{p}.png"))
            chromium.close()


def open_page(
    browser: Any, ha: DemoHomeAssistant, path: str, tokens: dict[str, Any], **context: Any
) -> Any:
    """A page signed in with `tokens` (put where the frontend keeps them) at `path`."""
    page_context = browser.new_context(**{"viewport": {"width": 1280, "height": 900}, **context})
    page_context.add_init_script(
        f"window.localStorage.setItem('hassTokens', {json.dumps(json.dumps(tokens))});"
    )
    page = page_context.new_page()
    page.goto(ha.base + path)
    return page

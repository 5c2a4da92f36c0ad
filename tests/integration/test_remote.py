"""Remote mode against a real `seatsense serve` on 127.0.0.1, and the light imports it needs.

The server runs in the test's event loop (`SeatServer`, the same object `seatsense serve`
runs) with its data folder in tmp_path, so it can be stopped and started again on the same
port and data; the bundled model is loaded once and shared.
"""

from __future__ import annotations

import asyncio
import json
import os
import socket
import subprocess
import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any
from unittest.mock import patch

import pytest
import yaml
from homeassistant.config_entries import SOURCE_RECONFIGURE, SOURCE_USER, ConfigEntryState
from homeassistant.const import CONF_NAME, STATE_ON, STATE_UNAVAILABLE
from homeassistant.core import Event, EventStateChangedData, HomeAssistant, callback
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import device_registry as dr
from homeassistant.helpers import entity_registry as er
from homeassistant.util import dt as dt_util
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.components.diagnostics import (
    get_diagnostics_for_config_entry,
)
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from custom_components.seatsense.backend import BackendConnectionError
from custom_components.seatsense.const import (
    CONF_ENTITY_ID,
    CONF_MODE,
    CONF_SOURCE_TYPE,
    CONF_TOKEN,
    CONF_URL,
    DEFAULT_OPTIONS,
    DOMAIN,
    SourceType,
)
from custom_components.seatsense.coordinator import SeatsenseCoordinator
from seatsense.server.app import SeatServer, ServerConfig
from seatsense.server.client import ServerClient
from seatsense.vision.detect import Detector

from .helpers import (
    CAMERA_ID,
    HEIGHT,
    SEATS,
    WIDTH,
    add_local_camera,
    camera_subentry,
    person_jpeg,
    site_entry,
)

ROOT = Path(__file__).resolve().parents[2]
ENTRY_ID = "site1entry"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    """A `seatsense serve` on a fixed loopback port that can be stopped and started again."""

    def __init__(self, data: Path, detector: Detector) -> None:
        self.site_path = data / "site.yaml"
        self.data_dir = data / ".seatsense"
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.detector = detector
        self.server: SeatServer | None = None
        layout = {
            "name": "Study Cafe",
            "interval_s": 0.5,
            "cameras": [
                {"id": "own", "width": WIDTH, "height": HEIGHT, "source": "push:",
                 "seats": [{"id": "Z1", "polygon": [[0, 0], [100, 0], [100, 100], [0, 100]]}]}
            ],
        }
        self.site_path.write_text(yaml.safe_dump(layout), encoding="utf-8")

    async def start(self) -> None:
        config = ServerConfig(site_path=self.site_path, port=self.port, data_dir=self.data_dir)
        self.server = SeatServer(config, detector=self.detector)
        await self.server.start()

    async def stop(self) -> None:
        if self.server is not None:
            await self.server.stop()
            self.server = None

    @property
    def token(self) -> str:
        return (self.data_dir / "token").read_text(encoding="utf-8").strip()


@pytest.fixture
async def server(
    hass: HomeAssistant, socket_enabled: None, tmp_path: Path, detector: Detector
) -> AsyncIterator[Server]:
    """A running server; the site layout it starts with has one camera of its own."""
    running = Server(tmp_path, detector)
    await running.start()
    yield running
    await running.stop()


@pytest.fixture(autouse=True)
def fast_reconnect() -> Any:
    """Reconnect after a tenth of a second (backoff doubles from there)."""
    with patch("custom_components.seatsense.backend.remote.RECONNECT_MIN_S", 0.1):
        yield


def remote_entry(
    server: Server, subentries: list[Any] | None = None, token: str | None = None, **options: Any
) -> MockConfigEntry:
    """A remote site entry (not yet added to hass)."""
    return MockConfigEntry(
        domain=DOMAIN,
        title="Study Cafe",
        unique_id=server.url,
        data={
            CONF_MODE: "remote",
            CONF_NAME: "Study Cafe",
            CONF_URL: server.url,
            CONF_TOKEN: token if token is not None else server.token,
        },
        options={**DEFAULT_OPTIONS, "interval_s": 0.5, **options},
        subentries_data=subentries or [],
        entry_id=ENTRY_ID,
    )


async def wait_for(
    hass: HomeAssistant, check: Callable[[], bool], timeout_s: float = 15.0
) -> None:
    """Let HA and the server run until `check()` holds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout_s
    while not check():
        assert loop.time() < deadline, "timed out"
        await asyncio.sleep(0.05)
        await hass.async_block_till_done()


def state(hass: HomeAssistant, entity_id: str) -> str | None:
    found = hass.states.get(entity_id)
    return None if found is None else found.state


type Setup = Callable[..., Awaitable[SeatsenseCoordinator]]


@pytest.fixture
def setup_remote(hass: HomeAssistant, server: Server, desk_camera: str) -> Setup:
    """Set up a remote site whose one camera is the desk camera entity."""

    async def setup(**options: Any) -> SeatsenseCoordinator:
        source = {CONF_SOURCE_TYPE: SourceType.ENTITY, CONF_ENTITY_ID: desk_camera}
        entry = remote_entry(server, [camera_subentry(source)], **options)
        entry.add_to_hass(hass)
        assert await hass.config_entries.async_setup(entry.entry_id)
        await hass.async_block_till_done()
        coordinator: SeatsenseCoordinator = entry.runtime_data
        return coordinator

    return setup


def record_seat_events(hass: HomeAssistant, entity_id: str) -> list[tuple[str, str]]:
    """(event type, time) of every event the seat's event entity fires from now on."""
    fired: list[tuple[str, str]] = []
    last: list[tuple[str, str, str]] = []

    @callback
    def changed(event: Event[EventStateChangedData]) -> None:
        new = event.data["new_state"]
        if event.data["entity_id"] != entity_id or new is None or "time" not in new.attributes:
            return
        # Coming back from unavailable shows the last event again: that is no new event.
        seen = (new.state, new.attributes["event_type"], new.attributes["time"])
        if last and last[-1] == seen:
            return
        last.append(seen)
        fired.append((new.attributes["event_type"], new.attributes["time"]))

    hass.bus.async_listen("state_changed", changed)
    return fired


# -- light imports ----------------------------------------------------------------------------

WITHOUT_DETECTION = (
    "import sys\n"
    "for name in ('cv2', 'av', 'onnxruntime'):\n"
    "    sys.modules[name] = None  # as on Home Assistant OS: no wheels\n"
)
"""The start of a script run where OpenCV, PyAV and ONNX Runtime cannot be imported."""
PYTHON_ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def test_integration_imports_without_detection_libraries() -> None:
    """Without OpenCV, PyAV and ONNX Runtime the integration, its platforms, the client and the
    status types all import, and none of the library's heavy modules is loaded."""
    modules = [
        "custom_components.seatsense",
        *(
            f"custom_components.seatsense.{name}"
            for name in ("backend", "backend.local", "backend.remote", "binary_sensor", "camera",
                         "config_flow", "coordinator", "diagnostics", "entity", "event", "image",
                         "sensor", "services", "site")
        ),
        "seatsense.server.client",
        "seatsense.core.status",
        "seatsense.core.figures",
    ]
    script = WITHOUT_DETECTION + (
        "import importlib\n"
        f"for module in {modules!r}:\n"
        "    importlib.import_module(module)\n"
        "heavy = {'monitor', 'detect', 'grabber', 'stream', 'http', 'images', 'evidence',\n"
        "         'pipeline', 'draw'}\n"
        "loaded = [m for m in sys.modules if m.split('.')[0] == 'seatsense'\n"
        "          and m.split('.')[-1] in heavy]\n"
        "assert not loaded, loaded\n"
        "import seatsense\n"
        "try:\n"
        "    seatsense.Pipeline\n"
        "except ImportError:\n"
        "    print('OK')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env=PYTHON_ENV,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip().endswith("OK")


async def test_remote_camera_test_and_preview_run_without_detection_libraries(
    server: Server, http_camera: str
) -> None:
    """The remote camera flow's grab and preview, in a process that cannot import OpenCV,
    PyAV or ONNX Runtime, against the real server."""
    script = WITHOUT_DETECTION + (
        "import asyncio, aiohttp\n"
        "from seatsense.server.client import ServerClient\n"
        "from seatsense.core.layout import parse_seat_lines\n"
        "from custom_components.seatsense.backend.remote import ServerFrameProbe\n"
        "async def main():\n"
        "    async with aiohttp.ClientSession() as session:\n"
        f"        client = ServerClient(session, {server.url!r}, {server.token!r})\n"
        "        frame = ServerFrameProbe(client, 10.0)\n"
        f"        await frame.async_grab({http_camera + '/snap.jpg'!r})\n"
        f"        seats = parse_seat_lines({SEATS!r}, frame.width, frame.height)\n"
        "        jpeg = await frame.async_preview(seats, False)\n"
        "        print(frame.width, frame.height, jpeg[:2].hex())\n"
        "asyncio.run(main())\n"
    )
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-c", script, cwd=ROOT, env=PYTHON_ENV,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(process.communicate(), 120)
    assert process.returncode == 0, err.decode()[-3000:]
    assert out.decode().split() == [str(WIDTH), str(HEIGHT), "ffd8"]


# -- config flow ------------------------------------------------------------------------------


async def test_remote_flow(hass: HomeAssistant, server: Server) -> None:
    """URL and token are checked with the server: refused token, unreachable URL, then done."""
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"next_step_id": "remote"}
    )
    assert result["step_id"] == "remote"
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_URL: server.url, CONF_TOKEN: "wrong"}
    )
    assert result["errors"] == {"base": "invalid_auth"}
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_URL: f"http://127.0.0.1:{_free_port()}", CONF_TOKEN: "x"}
    )
    assert result["errors"] == {"base": "cannot_connect"}
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_URL: server.url + "/", CONF_TOKEN: f" {server.token} "}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == "Study Cafe"  # the server's site
    result_data = dict(result["data"])
    assert result["data"] == {
        CONF_MODE: "remote", CONF_NAME: "Study Cafe", CONF_URL: server.url,
        CONF_TOKEN: server.token,
    }
    await hass.async_block_till_done()
    entry = result["result"]
    assert entry.unique_id == server.url
    assert entry.state is ConfigEntryState.LOADED
    # Without cameras in HA the server keeps its own layout.
    assert (await ServerClient(_session(hass), server.url, server.token).info())["cameras"] == 1
    # The same server again is refused.
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"next_step_id": "remote"}
    )
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_URL: server.url, CONF_TOKEN: server.token}
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "already_configured"

    # Reconfigure: an empty token keeps the saved one; a wrong one is refused.
    result = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_RECONFIGURE, "entry_id": entry.entry_id}
    )
    assert result["step_id"] == "reconfigure_remote"
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_URL: server.url, CONF_TOKEN: "wrong"}
    )
    assert result["errors"] == {"base": "invalid_auth"}
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_URL: server.url + "/"}
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "reconfigure_successful"
    await hass.async_block_till_done()
    assert entry.data == {**result_data, CONF_URL: server.url}
    assert entry.unique_id == server.url
    assert entry.state is ConfigEntryState.LOADED
    assert await hass.config_entries.async_unload(entry.entry_id)


async def test_remote_camera_flow_is_tested_and_previewed_by_the_server(
    hass: HomeAssistant,
    server: Server,
    http_camera: str,
    desk_camera: str,
    hass_client_no_auth: ClientSessionGenerator,
) -> None:
    """A remote site's camera test and layout preview are made by its server: Home Assistant
    grabs and draws nothing itself, so it needs no capture libraries (Home Assistant OS)."""
    entry = remote_entry(server)
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    not_here = AssertionError("a remote site's flow grabbed or drew in Home Assistant")
    with (
        patch("seatsense.sources.grab_one", side_effect=not_here),
        patch("seatsense.sources.decode_image", side_effect=not_here),
        patch("seatsense.vision.draw.draw_layout", side_effect=not_here),
        patch("custom_components.seatsense.config_flow.GRAB_TIMEOUT_S", 1.0),
    ):
        result = await hass.config_entries.subentries.async_init(
            (entry.entry_id, "camera"), context={"source": SOURCE_USER}
        )
        result = await hass.config_entries.subentries.async_configure(
            result["flow_id"], {CONF_NAME: "Hall", CONF_SOURCE_TYPE: "rtsp"}
        )
        for path, error in [("/login", "invalid_auth"), ("/slow", "timeout"),
                            ("/text", "not_an_image"), ("/missing", "path_not_found")]:
            result = await hass.config_entries.subentries.async_configure(
                result["flow_id"], {CONF_URL: http_camera + path, "username": "u",
                                    "password": "wrong"}
            )
            assert result["errors"] == {"base": error}, path
        result = await hass.config_entries.subentries.async_configure(
            result["flow_id"], {CONF_URL: http_camera + "/snap.jpg"}
        )
        assert result["step_id"] == "layout"
        placeholders = result["description_placeholders"]
        assert (placeholders["width"], placeholders["height"]) == (str(WIDTH), str(HEIGHT))
        client = await hass_client_no_auth()
        for seats in (SEATS, SEATS):  # the preview drawn by the server, then saved
            response = await client.get(result["description_placeholders"]["preview_url"])
            assert response.status == 200 and (await response.read())[:2] == b"\xff\xd8"
            result = await hass.config_entries.subentries.async_configure(
                result["flow_id"], {"seats": seats}
            )
        assert result["type"] is FlowResultType.CREATE_ENTRY
        await hass.async_block_till_done()

        # A Home Assistant camera: HA takes the still, the server checks and draws on it.
        result = await hass.config_entries.subentries.async_init(
            (entry.entry_id, "camera"), context={"source": SOURCE_USER}
        )
        result = await hass.config_entries.subentries.async_configure(
            result["flow_id"], {CONF_NAME: "Desk", CONF_SOURCE_TYPE: "entity"}
        )
        result = await hass.config_entries.subentries.async_configure(
            result["flow_id"], {CONF_ENTITY_ID: desk_camera}
        )
        assert result["step_id"] == "layout"
        assert result["description_placeholders"]["width"] == str(WIDTH)
        result = await hass.config_entries.subentries.async_configure(
            result["flow_id"], {"seats": "A1: 760,250 1130,250 1130,710\nB2: 1,1 2,2"}
        )
        assert result["errors"] == {"seats": "layout_too_few_points"}
        assert result["description_placeholders"]["line"] == "2"
        # The server drew the valid seat: the preview is there despite the wrong line.
        response = await client.get(result["description_placeholders"]["preview_url"])
        assert response.status == 200 and (await response.read())[:2] == b"\xff\xd8"
        for _ in range(2):
            result = await hass.config_entries.subentries.async_configure(
                result["flow_id"], {"seats": SEATS}
            )
        assert result["type"] is FlowResultType.CREATE_ENTRY
        await hass.async_block_till_done()
    layout = await ServerClient(_session(hass), server.url, server.token).site()
    sources = sorted(camera["source"] for camera in layout["cameras"])
    assert sources == [http_camera + "/snap.jpg", "push:"]
    assert await hass.config_entries.async_unload(entry.entry_id)


def _session(hass: HomeAssistant) -> Any:
    from homeassistant.helpers.aiohttp_client import async_get_clientsession

    return async_get_clientsession(hass)


async def test_wrong_token_starts_reauth(hass: HomeAssistant, server: Server) -> None:
    """A refused token fails set-up and starts the reauth flow; the right token recovers."""
    entry = remote_entry(server, token="old-token")
    entry.add_to_hass(hass)
    assert not await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    assert entry.state is ConfigEntryState.SETUP_ERROR
    (flow,) = hass.config_entries.flow.async_progress_by_handler(DOMAIN)
    assert flow["context"]["source"] == "reauth"
    assert flow["step_id"] == "reauth_confirm"
    result = await hass.config_entries.flow.async_configure(
        flow["flow_id"], {CONF_TOKEN: "still-wrong"}
    )
    assert result["errors"] == {"base": "invalid_auth"}
    result = await hass.config_entries.flow.async_configure(
        flow["flow_id"], {CONF_TOKEN: server.token}
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "reauth_successful"
    await hass.async_block_till_done()
    assert entry.data[CONF_TOKEN] == server.token
    assert entry.state is ConfigEntryState.LOADED
    assert await hass.config_entries.async_unload(entry.entry_id)


# -- entities and actions ---------------------------------------------------------------------


async def test_remote_site_matches_local_site(
    hass: HomeAssistant, server: Server, desk_camera: str
) -> None:
    """A remote site has the same entities (ids and unique ids) and devices as a local one."""
    source = {CONF_SOURCE_TYPE: SourceType.ENTITY, CONF_ENTITY_ID: desk_camera}
    registry = er.async_get(hass)

    def entities() -> dict[str, str | None]:
        return {
            e.entity_id: e.unique_id
            for e in er.async_entries_for_config_entry(registry, ENTRY_ID)
        }

    local = site_entry([camera_subentry(source)], interval_s=3600.0)
    local.add_to_hass(hass)
    assert await hass.config_entries.async_setup(local.entry_id)
    await hass.async_block_till_done()
    expected = entities()
    assert "binary_sensor.hall_a1_occupied" in expected
    assert await hass.config_entries.async_remove(local.entry_id)
    await hass.async_block_till_done()
    assert not entities()

    remote = remote_entry(server, [camera_subentry(source)])
    remote.add_to_hass(hass)
    assert await hass.config_entries.async_setup(remote.entry_id)
    await hass.async_block_till_done()
    assert entities() == expected
    devices = dr.async_entries_for_config_entry(dr.async_get(hass), ENTRY_ID)
    assert {d.name for d in devices} == {"Study Cafe", "Hall", "Hall A1", "Hall C1"}
    # The server now runs HA's layout, the entity camera as a push: camera.
    layout = await ServerClient(_session(hass), server.url, server.token).site()
    assert [(c["id"], c["source"]) for c in layout["cameras"]] == [(CAMERA_ID, "push:")]
    assert await hass.config_entries.async_unload(remote.entry_id)


async def test_remote_frames_states_and_actions(
    hass: HomeAssistant, setup_remote: Setup, server: Server
) -> None:
    """HA pushes the camera entity's stills; states, events and actions go through the server."""
    fired = record_seat_events(hass, "event.hall_a1_seat_event")
    coordinator = await setup_remote(enter_samples=1)
    device = dr.async_get(hass).async_get_device(
        {(DOMAIN, f"{ENTRY_ID}_{CAMERA_ID}")}
    )
    assert device is not None
    # No frame on the server yet: the baseline is refused with the server's reason.
    with pytest.raises(HomeAssistantError) as err:
        await hass.services.async_call(
            DOMAIN, "capture_baseline", {"device_id": device.id}, blocking=True
        )
    assert err.value.translation_key == "baseline_failed"

    await coordinator.async_pull_entity_frames()
    await wait_for(hass, lambda: state(hass, "binary_sensor.hall_a1_occupied") == STATE_ON)
    assert state(hass, "binary_sensor.hall_connectivity") == STATE_ON
    assert state(hass, "sensor.hall_people") not in (None, "0", STATE_UNAVAILABLE)
    assert state(hass, "sensor.study_cafe_entries_today") == "1"
    assert [kind for kind, _ in fired] == ["person_enter"]
    assert (await coordinator.async_annotated_jpeg(CAMERA_ID) or b"")[:2] == b"\xff\xd8"

    await hass.services.async_call(
        DOMAIN, "capture_baseline", {"device_id": device.id}, blocking=True
    )
    seat = dr.async_get(hass).async_get_device({(DOMAIN, f"{ENTRY_ID}_{CAMERA_ID}_A1")})
    assert seat is not None
    await hass.services.async_call(DOMAIN, "reset_seat", {"device_id": seat.id}, blocking=True)
    await wait_for(hass, lambda: len(fired) == 2)
    assert fired[1][0] == "person_leave"
    # The events received are kept in the site's own log: its report is made from them.
    await hass.async_add_executor_job(coordinator.backend._store.flush)
    response = await hass.services.async_call(
        DOMAIN,
        "generate_report",
        {"config_entry_id": coordinator.config_entry.entry_id},
        blocking=True,
        return_response=True,
    )
    seats = Path(response["directory"], "seats.csv").read_text(encoding="utf-8-sig")
    a1 = next(line.split(",") for line in seats.splitlines() if ",A1," in line)
    assert a1[9] == "1"  # one arrival, the one the server sent
    assert await hass.config_entries.async_unload(coordinator.config_entry.entry_id)
    assert coordinator.backend.event_log is None  # closed with the site


async def test_server_outage_and_restarts_lose_no_event(
    hass: HomeAssistant, setup_remote: Setup, server: Server
) -> None:
    """Server stopped: unavailable; back on the same data: available, and the events made
    meanwhile arrive once. After an HA restart the stored seq resumes the stream too."""
    fired = record_seat_events(hass, "event.hall_a1_seat_event")
    # Reconnecting only after 4 s, HA misses what the server does right after its restart.
    reconnect = patch("custom_components.seatsense.backend.remote.RECONNECT_MIN_S", 4.0)
    reconnect.start()
    coordinator = await setup_remote(enter_samples=1)
    entry = coordinator.config_entry
    await coordinator.async_pull_entity_frames()
    await wait_for(hass, lambda: state(hass, "binary_sensor.hall_a1_occupied") == STATE_ON)
    seq_before = coordinator.backend.state_to_save()["seq"]
    assert isinstance(seq_before, int)

    try:
        await server.stop()
        await wait_for(
            hass, lambda: state(hass, "binary_sensor.hall_a1_occupied") == STATE_UNAVAILABLE
        )
        assert state(hass, "sensor.study_cafe_occupied_seats") == STATE_UNAVAILABLE
        assert not coordinator.last_update_success
        # Meanwhile: no snapshot, stills are dropped quietly, actions fail with a clear error.
        assert await coordinator.async_annotated_jpeg(CAMERA_ID) is None
        await coordinator.async_pull_entity_frames()
        with pytest.raises(BackendConnectionError, match="127.0.0.1"):
            await coordinator.async_reset_seat(CAMERA_ID, "A1")
        with pytest.raises(BackendConnectionError):
            await coordinator.async_capture_baseline(CAMERA_ID, None)
        await server.start()
        client = ServerClient(_session(hass), server.url, server.token)
        await client.reset_seat(CAMERA_ID, "A1")  # person_leave, while HA is away
        await client.push_frame(CAMERA_ID, person_jpeg(), dt_util.utcnow().timestamp())
        assert state(hass, "binary_sensor.hall_a1_occupied") == STATE_UNAVAILABLE
        await wait_for(hass, lambda: len(fired) >= 3)
    finally:
        reconnect.stop()
    await wait_for(hass, lambda: state(hass, "binary_sensor.hall_a1_occupied") == STATE_ON)
    assert coordinator.last_update_success

    # What the server logged after `seq_before` is exactly what HA fired, in order, once.
    logged = await _logged_events(client, seq_before, coordinator.backend.state_to_save()["seq"])
    assert [kind for kind, _ in fired[1:]] == [kind for kind, _ in logged]
    assert fired[1:] == logged
    assert [kind for kind, _ in fired] == ["person_enter", "person_leave", "person_enter"]

    # HA restarts: the seq is stored; a reset made while HA was down is delivered on start.
    assert await hass.config_entries.async_unload(entry.entry_id)
    await client.reset_seat(CAMERA_ID, "A1")
    assert await hass.config_entries.async_setup(entry.entry_id)
    await wait_for(hass, lambda: len(fired) == 4)
    assert fired[3][0] == "person_leave"
    await asyncio.sleep(0.3)
    await hass.async_block_till_done()
    assert len(fired) == 4
    assert await hass.config_entries.async_unload(entry.entry_id)


async def _logged_events(
    client: ServerClient, after: int, until: int
) -> list[tuple[str, str]]:
    """The seat A1 events the server logged with after < seq <= until, as HA shows them."""
    found: list[tuple[str, str]] = []
    async for message in client.messages(after=after):
        if message.type == "event" and message.seq <= until and message.event is not None:
            event = message.event
            if event.seat_id == "A1":
                time = dt_util.utc_from_timestamp(event.time_s).isoformat()
                found.append((event.type.value, time))
        if message.type == "status":
            break
    return found


async def test_sixteen_cameras(
    hass: HomeAssistant, server: Server, frame_file: Path
) -> None:
    """An NVR's worth of HA cameras: 16 push: cameras on the server, each with its entities."""
    subentries = []
    for index in range(1, 17):
        entity_id = await add_local_camera(hass, frame_file, name=f"Desk{index}")
        subentries.append(
            camera_subentry(
                {CONF_SOURCE_TYPE: SourceType.ENTITY, CONF_ENTITY_ID: entity_id},
                seats="A1: 760,250 1130,250 1130,710 760,710",
                title=f"Room {index}",
                subentry_id=f"cam{index:02d}",
            )
        )
    entry = remote_entry(server, subentries, interval_s=2.0, enter_samples=1)
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    coordinator: SeatsenseCoordinator = entry.runtime_data
    assert (await ServerClient(_session(hass), server.url, server.token).info())["cameras"] == 16
    await coordinator.async_pull_entity_frames()
    await wait_for(
        hass,
        lambda: all(
            state(hass, f"binary_sensor.room_{i}_a1_occupied") == STATE_ON for i in range(1, 17)
        ),
        timeout_s=30.0,
    )
    assert state(hass, "sensor.study_cafe_occupied_seats") == "16"
    assert await hass.config_entries.async_unload(entry.entry_id)


async def test_token_changed_on_server_starts_reauth(
    hass: HomeAssistant, setup_remote: Setup, server: Server
) -> None:
    """The server comes back with another token: unavailable, and HA asks for the new one."""
    coordinator = await setup_remote()
    entry = coordinator.config_entry
    await server.stop()
    (server.data_dir / "token").write_text("a-new-token\n", encoding="utf-8")
    await server.start()
    await wait_for(hass, lambda: bool(hass.config_entries.flow.async_progress_by_handler(DOMAIN)))
    assert state(hass, "sensor.study_cafe_occupied_seats") == STATE_UNAVAILABLE
    (flow,) = hass.config_entries.flow.async_progress_by_handler(DOMAIN)
    assert flow["context"]["source"] == "reauth"
    result = await hass.config_entries.flow.async_configure(
        flow["flow_id"], {CONF_TOKEN: "a-new-token"}
    )
    assert result["reason"] == "reauth_successful"
    await hass.async_block_till_done()
    assert entry.state is ConfigEntryState.LOADED
    await wait_for(hass, lambda: state(hass, "sensor.study_cafe_occupied_seats") == "0")
    assert await hass.config_entries.async_unload(entry.entry_id)


async def test_diagnostics_redact_the_token(
    hass: HomeAssistant, setup_remote: Setup, server: Server, hass_client: Any
) -> None:
    """The server token never appears in diagnostics."""
    coordinator = await setup_remote()
    diagnostics = await get_diagnostics_for_config_entry(
        hass, hass_client, coordinator.config_entry
    )
    assert server.token not in json.dumps(diagnostics)
    assert diagnostics["entry"]["data"][CONF_TOKEN] == "**REDACTED**"
    assert diagnostics["mode"] == "remote"
    assert await hass.config_entries.async_unload(coordinator.config_entry.entry_id)


async def test_remote_preview_blurs_people_when_privacy_is_on(
    hass: HomeAssistant,
    server: Server,
    desk_camera: str,
    hass_client_no_auth: ClientSessionGenerator,
) -> None:
    """With privacy on, the server finds and blurs the people in the layout preview it draws."""
    import cv2
    import numpy as np

    entry = remote_entry(server)
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    client = await hass_client_no_auth()
    faces = []
    for privacy in (False, True):
        hass.config_entries.async_update_entry(
            entry, options={**entry.options, "privacy_blur": privacy}
        )
        await hass.async_block_till_done()
        result = await hass.config_entries.subentries.async_init(
            (entry.entry_id, "camera"), context={"source": SOURCE_USER}
        )
        result = await hass.config_entries.subentries.async_configure(
            result["flow_id"], {CONF_NAME: "Desk", CONF_SOURCE_TYPE: "entity"}
        )
        result = await hass.config_entries.subentries.async_configure(
            result["flow_id"], {CONF_ENTITY_ID: desk_camera}
        )
        assert result["step_id"] == "layout"
        assert not result["errors"], result["errors"]
        response = await client.get(result["description_placeholders"]["preview_url"])
        image = cv2.imdecode(np.frombuffer(await response.read(), np.uint8), 0)
        faces.append(cv2.Laplacian(image[60:200, 1000:1120], cv2.CV_64F).var())
    sharp, private = faces
    assert private < sharp / 10
    # Privacy changed live above; a server takes new thresholds only with a restart.
    coordinator = entry.runtime_data
    hass.config_entries.async_update_entry(
        entry, options={**entry.options, "exit_grace_min": 2.0}
    )
    await hass.async_block_till_done()
    assert entry.runtime_data is not coordinator
    assert await hass.config_entries.async_unload(entry.entry_id)


async def test_remote_site_without_a_log_runs_and_says_so(
    hass: HomeAssistant, setup_remote: Setup, server: Server
) -> None:
    """The site's log cannot be opened (a folder is in its place): the site runs all the same,
    and the report action says why there is nothing to report."""
    from custom_components.seatsense.backend import event_log_path

    event_log_path(hass, ENTRY_ID).mkdir(parents=True)
    coordinator = await setup_remote()
    assert coordinator.backend.event_log is None
    with pytest.raises(HomeAssistantError) as err:
        await hass.services.async_call(
            DOMAIN, "generate_report", {"config_entry_id": ENTRY_ID}, blocking=True
        )
    assert err.value.translation_key == "no_event_log"
    assert await hass.config_entries.async_unload(ENTRY_ID)

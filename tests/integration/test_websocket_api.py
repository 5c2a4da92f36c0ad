"""The WebSocket commands of the seat-map card and the seat editor, and the served bundle."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import pytest
from homeassistant.components.frontend import DATA_EXTRA_MODULE_URL, DATA_PANELS
from homeassistant.const import STATE_ON
from homeassistant.core import HomeAssistant
from homeassistant.setup import async_setup_component
from pytest_homeassistant_custom_component.typing import (
    ClientSessionGenerator,
    WebSocketGenerator,
)

from custom_components.seatsense.const import (
    CONF_ENTITY_ID,
    CONF_PRIVACY_BLUR,
    CONF_SEATS,
    CONF_SOURCE_TYPE,
    SourceType,
)
from custom_components.seatsense.coordinator import SeatsenseCoordinator
from custom_components.seatsense.frontend_registration import (
    BUNDLE,
    DATA_BUNDLE_URL,
    PANEL_URL_PATH,
)
from seatsense.core.legend import STATE_COLORS
from seatsense.server.client import ServerClient

from .conftest import SetupSite
from .helpers import (
    CAMERA_ID,
    HEIGHT,
    WIDTH,
    add_local_camera,
    camera_subentry,
    person_jpeg,
    run_cycle,
    site_entry,
)

# The remote-mode fixtures (a real `seatsense serve` on loopback) are shared with test_remote.
from .test_remote import (  # noqa: F401
    Server,
    Setup,
    _session,
    fast_reconnect,
    server,
    setup_remote,
    state,
    wait_for,
)

A1 = [[760, 250], [1130, 250], [1130, 710], [760, 710]]
C1 = [[0, 0], [600, 0], [600, 200], [0, 200]]
B1 = [[620, 300], [740, 300], [740, 700], [620, 700]]
ANNEX_ID = "cam2subentry"


async def _command(client: Any, **message: Any) -> dict[str, Any]:
    await client.send_json_auto_id(message)
    response: dict[str, Any] = await client.receive_json()
    return response


@pytest.fixture
async def two_cameras(
    hass: HomeAssistant, desk_camera: str, tmp_path: Path
) -> SeatsenseCoordinator:
    """A site with two camera entities showing the same scene: Hall and Annex."""
    annex_file = tmp_path / "annex.jpg"
    annex_file.write_bytes(person_jpeg())
    annex_camera = await add_local_camera(hass, annex_file, name="Door")
    entry = site_entry(
        [
            camera_subentry({CONF_SOURCE_TYPE: SourceType.ENTITY, CONF_ENTITY_ID: desk_camera}),
            camera_subentry(
                {CONF_SOURCE_TYPE: SourceType.ENTITY, CONF_ENTITY_ID: annex_camera},
                title="Annex",
                subentry_id=ANNEX_ID,
            ),
        ],
        interval_s=3600.0,
    )
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    coordinator: SeatsenseCoordinator = entry.runtime_data
    return coordinator


async def test_layout_lists_cameras_seats_and_their_entities(
    hass: HomeAssistant, setup_site: SetupSite, hass_ws_client: WebSocketGenerator
) -> None:
    coordinator = await setup_site()
    client = await hass_ws_client(hass)
    response = await _command(client, type="seatsense/layout")
    assert response["success"], response
    (site,) = response["result"]["sites"]
    assert site["entry_id"] == coordinator.config_entry.entry_id
    assert site["loaded"] is True
    assert site["privacy_blur"] is False
    (camera,) = site["cameras"]
    assert (camera["camera_id"], camera["name"]) == (CAMERA_ID, "Hall")
    assert (camera["width"], camera["height"]) == (WIDTH, HEIGHT)
    assert camera["entities"]["annotated"] == "image.hall_annotated_picture"
    assert camera["entities"]["connected"] == "binary_sensor.hall_connectivity"
    seats = {seat["id"]: seat for seat in camera["seats"]}
    assert seats["A1"]["polygon"] == A1
    assert seats["C1"]["polygon"] == C1
    assert seats["A1"]["entities"]["state"] == "sensor.hall_a1_state"
    assert seats["A1"]["entities"]["occupied"] == "binary_sensor.hall_a1_occupied"
    assert seats["A1"]["entities"]["vacant_minutes"] == "sensor.hall_a1_vacant_for"
    assert seats["A1"]["device_id"] is not None
    assert response["result"]["max_seat_overlap"] == 0.5


async def test_frame_is_the_plain_picture_and_blurred_with_privacy(
    hass: HomeAssistant,
    setup_site: SetupSite,
    frame_file: Path,
    hass_ws_client: WebSocketGenerator,
) -> None:
    """No frame before the first sample; then the picture without drawings; with the privacy
    option the person in A1 comes back smoothed beyond recognition."""
    coordinator = await setup_site()
    client = await hass_ws_client(hass)
    message = {"type": "seatsense/frame", "entry_id": coordinator.config_entry.entry_id}
    response = await _command(client, **message, camera_id=CAMERA_ID)
    assert response["error"]["code"] == "no_frame"
    await run_cycle(hass, coordinator, frame_file, person_jpeg())
    plain = await _command(client, **message, camera_id=CAMERA_ID)
    assert plain["result"]["blurred"] is False
    source = cv2.imdecode(np.frombuffer(person_jpeg(), np.uint8), cv2.IMREAD_COLOR)
    picture = _decode(plain["result"]["image"])
    assert picture.shape == source.shape
    # Nothing drawn: the picture is the camera's own (up to JPEG noise).
    assert np.abs(picture.astype(int) - source.astype(int)).mean() < 3

    entry = coordinator.config_entry
    hass.config_entries.async_update_entry(
        entry, options={**entry.options, CONF_PRIVACY_BLUR: True}
    )
    await hass.async_block_till_done()
    await run_cycle(hass, entry.runtime_data)
    blurred = await _command(client, **message, camera_id=CAMERA_ID)
    assert blurred["result"]["blurred"] is True
    face = (slice(260, 500), slice(800, 1100))  # the seated man's head and chest, inside A1
    sharp = cv2.Laplacian(cv2.cvtColor(picture[face], cv2.COLOR_BGR2GRAY), cv2.CV_64F).var()
    smooth = cv2.Laplacian(
        cv2.cvtColor(_decode(blurred["result"]["image"])[face], cv2.COLOR_BGR2GRAY), cv2.CV_64F
    ).var()
    assert smooth < sharp / 10, (sharp, smooth)
    response = await _command(client, **message, camera_id="nope")
    assert response["error"]["code"] == "not_found"


def _decode(image: str) -> np.ndarray:
    return cv2.imdecode(np.frombuffer(base64.b64decode(image), np.uint8), cv2.IMREAD_COLOR)


async def test_save_stores_polygons_adds_seats_and_keeps_other_states(
    hass: HomeAssistant,
    two_cameras: SeatsenseCoordinator,
    frame_file: Path,
    hass_ws_client: WebSocketGenerator,
) -> None:
    coordinator = two_cameras
    entry = coordinator.config_entry
    await run_cycle(hass, coordinator, frame_file, person_jpeg())
    await run_cycle(hass, coordinator)
    assert hass.states.get("binary_sensor.annex_a1_occupied").state == STATE_ON
    annex_since = coordinator.seat_status(ANNEX_ID, "A1").occupied_since_s
    entries = hass.states.get("sensor.study_cafe_entries_today").state
    assert entries == "2"

    client = await hass_ws_client(hass)
    seats = [{"id": "A1", "polygon": A1}, {"id": "C1", "polygon": C1}, {"id": "B1", "polygon": B1}]
    response = await _command(
        client,
        type="seatsense/save_layout",
        entry_id=entry.entry_id,
        camera_id=CAMERA_ID,
        seats=seats,
    )
    assert response["result"] == {"changed": True, "seats": 3}, response
    await hass.async_block_till_done()
    assert entry.subentries[CAMERA_ID].data[CONF_SEATS] == (
        "A1: 760,250 1130,250 1130,710 760,710\n"
        "C1: 0,0 600,0 600,200 0,200\n"
        "B1: 620,300 740,300 740,700 620,700"
    )
    restored = entry.runtime_data
    assert restored is not coordinator
    assert hass.states.get("sensor.hall_b1_state") is not None
    assert restored.seat_status(ANNEX_ID, "A1").occupied_since_s == annex_since
    await run_cycle(hass, restored)
    assert hass.states.get("binary_sensor.annex_a1_occupied").state == STATE_ON
    assert hass.states.get("binary_sensor.hall_a1_occupied").state == STATE_ON
    assert hass.states.get("sensor.study_cafe_entries_today").state == entries

    layout = await _command(client, type="seatsense/layout")
    hall = next(c for c in layout["result"]["sites"][0]["cameras"] if c["camera_id"] == CAMERA_ID)
    assert [seat["id"] for seat in hall["seats"]] == ["A1", "C1", "B1"]
    assert hall["seats"][2]["entities"]["state"] == "sensor.hall_b1_state"

    again = await _command(
        client,
        type="seatsense/save_layout",
        entry_id=entry.entry_id,
        camera_id=CAMERA_ID,
        seats=seats,
    )
    assert again["result"] == {"changed": False, "seats": 3}


@pytest.mark.parametrize(
    ("seats", "reason"),
    [
        ([{"id": "A1", "polygon": [[0, 0], [100, 100], [100, 0], [0, 100]]}], "self-intersecting"),
        ([{"id": "A1", "polygon": A1}, {"id": "A1", "polygon": C1}], "duplicate seat id"),
        ([{"id": "A1", "polygon": A1}, {"id": "A2", "polygon": A1}], "overlap by 100%"),
        ([{"id": "A1", "polygon": [[0, 0], [1300, 0], [0, 100]]}], "outside the 1280x720 frame"),
        ([{"id": "A1", "polygon": [[0, 0], [10, 0]]}], "at least 3 points"),
        ([], "no seats given"),
        ([{"id": "A:1", "polygon": A1}], "an id is 1-64 characters"),
        ([{"id": "#A1", "polygon": A1}, {"id": "C1", "polygon": C1}], "an id is 1-64 characters"),
        ([{"id": " A1", "polygon": A1}], "an id is 1-64 characters"),
        ([{"id": "A1", "polygon": [[0, 0], [1, 0], [1, 1], [0, 1]]}], "would not read back"),
    ],
)
async def test_invalid_layout_is_refused_with_the_reason(
    hass: HomeAssistant,
    setup_site: SetupSite,
    hass_ws_client: WebSocketGenerator,
    seats: list[dict[str, Any]],
    reason: str,
) -> None:
    coordinator = await setup_site()
    entry = coordinator.config_entry
    before = dict(entry.subentries[CAMERA_ID].data)
    client = await hass_ws_client(hass)
    response = await _command(
        client,
        type="seatsense/save_layout",
        entry_id=entry.entry_id,
        camera_id=CAMERA_ID,
        seats=seats,
    )
    assert response["error"]["code"] == "invalid_layout", response
    assert reason in response["error"]["message"]
    assert dict(entry.subentries[CAMERA_ID].data) == before
    assert entry.runtime_data is coordinator


async def test_non_admin_may_read_but_not_save(
    hass: HomeAssistant,
    setup_site: SetupSite,
    hass_ws_client: WebSocketGenerator,
    hass_read_only_access_token: str,
) -> None:
    coordinator = await setup_site()
    entry = coordinator.config_entry
    client = await hass_ws_client(hass, hass_read_only_access_token)
    layout = await _command(client, type="seatsense/layout")
    assert layout["success"]
    response = await _command(
        client,
        type="seatsense/save_layout",
        entry_id=entry.entry_id,
        camera_id=CAMERA_ID,
        seats=[{"id": "A1", "polygon": A1}],
    )
    assert response["error"]["code"] == "unauthorized"
    missing = await _command(
        await hass_ws_client(hass),
        type="seatsense/save_layout",
        entry_id="nope",
        camera_id=CAMERA_ID,
        seats=[],
    )
    assert missing["error"]["code"] == "not_found"


async def test_bundle_served_card_loaded_and_panel_for_admins_only(
    hass: HomeAssistant,
    setup_site: SetupSite,
    hass_client: ClientSessionGenerator,
    hass_ws_client: WebSocketGenerator,
    hass_read_only_access_token: str,
) -> None:
    assert await async_setup_component(hass, "frontend", {})
    await setup_site()
    url = hass.data[DATA_BUNDLE_URL]
    assert url.startswith("/seatsense_frontend/") and url.endswith("/seatsense-frontend.js")
    response = await (await hass_client()).get(url)
    assert response.status == 200
    assert await response.read() == BUNDLE.read_bytes()
    assert url in hass.data[DATA_EXTRA_MODULE_URL].urls
    panel = hass.data[DATA_PANELS][PANEL_URL_PATH]
    assert panel.require_admin is True
    assert panel.config["_panel_custom"]["module_url"] == url

    admin = await _command(await hass_ws_client(hass), type="get_panels")
    assert PANEL_URL_PATH in admin["result"]
    reader = await _command(
        await hass_ws_client(hass, hass_read_only_access_token), type="get_panels"
    )
    assert PANEL_URL_PATH not in reader["result"]


def test_state_colours_are_five_distinct_colours() -> None:
    assert set(STATE_COLORS) == {"empty", "occupied", "away", "abandoned", "unknown"}
    assert len(set(STATE_COLORS.values())) == 5
    assert all(len(colour) == 7 and colour.startswith("#") for colour in STATE_COLORS.values())


async def test_remote_site_frame_and_save_reach_the_server(
    hass: HomeAssistant,
    setup_remote: Setup,  # noqa: F811 (the fixture imported from test_remote)
    server: Server,  # noqa: F811
    hass_ws_client: WebSocketGenerator,
) -> None:
    """A site whose detection runs in `seatsense serve`: the frame is the server's picture,
    and a saved layout is the one the server runs after the reload."""
    coordinator = await setup_remote(enter_samples=1)
    entry = coordinator.config_entry
    await coordinator.async_pull_entity_frames()
    await wait_for(hass, lambda: state(hass, "binary_sensor.hall_a1_occupied") == STATE_ON)
    client = await hass_ws_client(hass)
    frame = await _command(
        client, type="seatsense/frame", entry_id=entry.entry_id, camera_id=CAMERA_ID
    )
    assert frame["result"]["blurred"] is False
    assert _decode(frame["result"]["image"]).shape == (HEIGHT, WIDTH, 3)

    seats = [{"id": "A1", "polygon": A1}, {"id": "B1", "polygon": B1}]
    response = await _command(
        client,
        type="seatsense/save_layout",
        entry_id=entry.entry_id,
        camera_id=CAMERA_ID,
        seats=seats,
    )
    assert response["result"]["changed"] is True
    await hass.async_block_till_done()
    served = await ServerClient(_session(hass), server.url, server.token).site()
    camera = next(c for c in served["cameras"] if c["id"] == CAMERA_ID)
    assert [(s["id"], s["polygon"]) for s in camera["seats"]] == [("A1", A1), ("B1", B1)]
    assert await hass.config_entries.async_unload(entry.entry_id)

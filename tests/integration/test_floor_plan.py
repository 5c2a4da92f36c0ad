"""The floor plan commands in a real Home Assistant: upload, places, reading, limits, admins."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

import cv2
import numpy as np
from homeassistant.core import HomeAssistant
from pytest_homeassistant_custom_component.typing import WebSocketGenerator

from custom_components.seatsense.floor_plan import plan_folder
from seatsense.core.floor_plan import MAX_PLAN_BYTES

from .conftest import SetupSite
from .helpers import CAMERA_ID


def plan(extension: str = ".png", width: int = 900, height: int = 500) -> str:
    image = np.full((height, width, 3), 245, np.uint8)
    cv2.rectangle(image, (100, 100), (800, 400), (60, 60, 60), 4)
    ok, data = cv2.imencode(extension, image)
    assert ok
    return base64.b64encode(data.tobytes()).decode("ascii")


async def _command(client: Any, **message: Any) -> dict[str, Any]:
    await client.send_json_auto_id(message)
    response: dict[str, Any] = await client.receive_json()
    return response


async def test_upload_place_and_read_back(
    hass: HomeAssistant, setup_site: SetupSite, hass_ws_client: WebSocketGenerator
) -> None:
    """A plan uploaded once is written under the config folder; seats placed on it (a point,
    a small polygon) read back with it; a new plan of another type keeps the places."""
    coordinator = await setup_site()
    entry_id = coordinator.config_entry.entry_id
    client = await hass_ws_client(hass)
    none = await _command(client, type="seatsense/floor_plan", entry_id=entry_id)
    assert none["error"]["code"] == "not_found"
    early = await _command(
        client, type="seatsense/floor_plan/place_seats", entry_id=entry_id, seats=[]
    )
    assert early["error"]["message"] == "upload a floor plan first"

    uploaded = await _command(
        client, type="seatsense/floor_plan/upload", entry_id=entry_id, image=plan()
    )
    assert uploaded["result"] == {"width": 900, "height": 500}
    assert (plan_folder(hass) / f"{entry_id}.png").is_file()
    assert str(plan_folder(hass)).startswith(hass.config.config_dir)
    places = [
        {"camera_id": CAMERA_ID, "seat_id": "A1", "points": [[0.2, 0.3]]},
        {
            "camera_id": CAMERA_ID,
            "seat_id": "C1",
            "points": [[0.5, 0.5], [0.6, 0.5], [0.6, 0.6], [0.5, 0.6]],
        },
    ]
    placed = await _command(
        client, type="seatsense/floor_plan/place_seats", entry_id=entry_id, seats=places
    )
    assert placed["result"] == {"seats": 2}

    read = (await _command(client, type="seatsense/floor_plan", entry_id=entry_id))["result"]
    assert base64.b64decode(read["image"]) == base64.b64decode(plan())
    assert (read["content_type"], read["width"], read["height"]) == ("image/png", 900, 500)
    assert read["seats"] == {CAMERA_ID: {"A1": [[0.2, 0.3]], "C1": places[1]["points"]}}

    again = await _command(
        client, type="seatsense/floor_plan/upload", entry_id=entry_id, image=plan(".jpg", 1200, 800)
    )
    assert again["success"], again
    assert not (plan_folder(hass) / f"{entry_id}.png").exists()  # the old file went
    read = (await _command(client, type="seatsense/floor_plan", entry_id=entry_id))["result"]
    assert (read["content_type"], read["width"]) == ("image/jpeg", 1200)
    assert read["seats"][CAMERA_ID]["A1"] == [[0.2, 0.3]]

    # The file gone from the disk: the card is told there is none rather than failing.
    (plan_folder(hass) / f"{entry_id}.jpg").unlink()
    gone = await _command(client, type="seatsense/floor_plan", entry_id=entry_id)
    assert gone["error"]["code"] == "not_found"


async def test_wrong_files_and_places_are_refused_in_one_line(
    hass: HomeAssistant, setup_site: SetupSite, hass_ws_client: WebSocketGenerator
) -> None:
    coordinator = await setup_site()
    entry_id = coordinator.config_entry.entry_id
    client = await hass_ws_client(hass)
    svg = base64.b64encode(b"<svg xmlns='http://www.w3.org/2000/svg'/>").decode()
    refusals = {
        svg: "a floor plan must be a PNG or JPEG image",
        "not base64!": "the image is not base64",
        base64.b64encode(
            bytes(MAX_PLAN_BYTES + 1)
        ).decode(): "the floor plan is 2.0 MB; at most 2 MB",
    }
    for image, message in refusals.items():
        response = await _command(
            client, type="seatsense/floor_plan/upload", entry_id=entry_id, image=image
        )
        assert response["error"] == {"code": "invalid_floor_plan", "message": message}
    assert not plan_folder(hass).exists()

    await _command(client, type="seatsense/floor_plan/upload", entry_id=entry_id, image=plan())
    off_plan = await _command(
        client,
        type="seatsense/floor_plan/place_seats",
        entry_id=entry_id,
        seats=[{"camera_id": CAMERA_ID, "seat_id": "A1", "points": [[1.5, 0.5]]}],
    )
    assert off_plan["error"] == {
        "code": "invalid_floor_plan",
        "message": "a seat's place must lie on the plan (0-1)",
    }
    missing = await _command(client, type="seatsense/floor_plan", entry_id="no-such-site")
    assert missing["error"]["code"] == "not_found"


async def test_non_admin_reads_the_plan_but_cannot_change_it(
    hass: HomeAssistant,
    setup_site: SetupSite,
    hass_ws_client: WebSocketGenerator,
    hass_read_only_access_token: str,
) -> None:
    coordinator = await setup_site()
    entry_id = coordinator.config_entry.entry_id
    admin = await hass_ws_client(hass)
    await _command(admin, type="seatsense/floor_plan/upload", entry_id=entry_id, image=plan())
    staff = await hass_ws_client(hass, hass_read_only_access_token)
    upload = await _command(
        staff, type="seatsense/floor_plan/upload", entry_id=entry_id, image=plan(".jpg")
    )
    assert upload["error"]["code"] == "unauthorized"
    place = await _command(
        staff, type="seatsense/floor_plan/place_seats", entry_id=entry_id, seats=[]
    )
    assert place["error"]["code"] == "unauthorized"
    read = await _command(staff, type="seatsense/floor_plan", entry_id=entry_id)
    assert read["result"]["content_type"] == "image/png"


async def test_deleting_the_site_deletes_its_plan(
    hass: HomeAssistant, setup_site: SetupSite, hass_ws_client: WebSocketGenerator
) -> None:
    coordinator = await setup_site()
    entry_id = coordinator.config_entry.entry_id
    client = await hass_ws_client(hass)
    await _command(client, type="seatsense/floor_plan/upload", entry_id=entry_id, image=plan())
    path: Path = plan_folder(hass) / f"{entry_id}.png"
    assert path.is_file()
    assert await hass.config_entries.async_remove(entry_id)
    await hass.async_block_till_done()
    assert not path.exists()

"""A floor plan per site for the seat-map card: WebSocket commands and where it is kept.

- `seatsense/floor_plan/upload` (admins): a PNG or JPEG (base64, at most 2 MB) becomes the
  site's plan, written under the config folder (`seatsense/floor_plans/`); seats already
  placed stay where they were (places are fractions of the plan).
- `seatsense/floor_plan/place_seats` (admins): each seat's place on the plan, one point or a
  small polygon.
- `seatsense/floor_plan` (any signed-in user): the plan and the places, for the card.

The image's type and size are read from its header by the library (nothing is decoded here).
"""

from __future__ import annotations

import base64
import binascii
from pathlib import Path
from typing import Any

import voluptuous as vol
from homeassistant.components.websocket_api import async_register_command
from homeassistant.components.websocket_api.connection import ActiveConnection
from homeassistant.components.websocket_api.const import ERR_NOT_FOUND
from homeassistant.components.websocket_api.decorators import (
    async_response,
    require_admin,
    websocket_command,
)
from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.storage import Store

from seatsense.core.floor_plan import (
    MAX_PLAN_BYTES,
    FloorPlanError,
    read_plan_image,
    seat_place,
)

from .const import DOMAIN

WS_FLOOR_PLAN = f"{DOMAIN}/floor_plan"
WS_UPLOAD = f"{DOMAIN}/floor_plan/upload"
WS_PLACE_SEATS = f"{DOMAIN}/floor_plan/place_seats"
ERR_INVALID_FLOOR_PLAN = "invalid_floor_plan"
STORE_VERSION = 1
MAX_PLACES = 1024

_POINT = vol.ExactSequence([vol.Coerce(float), vol.Coerce(float)])
_PLACE = vol.Schema(
    {
        vol.Required("camera_id"): str,
        vol.Required("seat_id"): str,
        vol.Required("points"): [_POINT],
    }
)


@callback
def async_register_floor_plan_commands(hass: HomeAssistant) -> None:
    """Register the commands (once, in `async_setup`)."""
    async_register_command(hass, ws_floor_plan)
    async_register_command(hass, ws_upload)
    async_register_command(hass, ws_place_seats)


def plan_store(hass: HomeAssistant, entry_id: str) -> Store[dict[str, Any]]:
    """The site's plan: its file, type and size, and the seats' places."""
    return Store(hass, STORE_VERSION, f"{DOMAIN}.floor_plan.{entry_id}")


def plan_folder(hass: HomeAssistant) -> Path:
    """Where the plans' images are written."""
    return Path(hass.config.path(DOMAIN, "floor_plans"))


async def async_remove_floor_plan(hass: HomeAssistant, entry_id: str) -> None:
    """The site was deleted: its plan goes with it."""
    store = plan_store(hass, entry_id)
    saved = await store.async_load()
    await store.async_remove()
    if saved:
        path = plan_folder(hass) / saved["file"]
        await hass.async_add_executor_job(lambda: path.unlink(missing_ok=True))


def _site(hass: HomeAssistant, connection: ActiveConnection, msg: dict[str, Any]) -> bool:
    entry: ConfigEntry | None = hass.config_entries.async_get_entry(msg["entry_id"])
    if entry is None or entry.domain != DOMAIN:
        connection.send_error(msg["id"], ERR_NOT_FOUND, "no such site")
        return False
    return True


@websocket_command({vol.Required("type"): WS_FLOOR_PLAN, vol.Required("entry_id"): str})
@async_response
async def ws_floor_plan(
    hass: HomeAssistant, connection: ActiveConnection, msg: dict[str, Any]
) -> None:
    """The site's plan (base64) with its size and the seats' places."""
    if not _site(hass, connection, msg):
        return
    saved = await plan_store(hass, msg["entry_id"]).async_load()
    path = plan_folder(hass) / saved["file"] if saved else None
    data = await hass.async_add_executor_job(_read, path) if path else None
    if saved is None or data is None:
        connection.send_error(msg["id"], ERR_NOT_FOUND, "this site has no floor plan")
        return
    connection.send_result(
        msg["id"],
        {
            "image": base64.b64encode(data).decode("ascii"),
            "content_type": saved["content_type"],
            "width": saved["width"],
            "height": saved["height"],
            "seats": saved["seats"],
        },
    )


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


@websocket_command(
    {
        vol.Required("type"): WS_UPLOAD,
        vol.Required("entry_id"): str,
        # base64 makes 4 characters of 3 bytes; a little over the limit is read to say so.
        vol.Required("image"): vol.All(str, vol.Length(max=MAX_PLAN_BYTES * 2)),
    }
)
@require_admin
@async_response
async def ws_upload(hass: HomeAssistant, connection: ActiveConnection, msg: dict[str, Any]) -> None:
    """Check and keep the site's floor plan image."""
    if not _site(hass, connection, msg):
        return
    try:
        data = base64.b64decode(msg["image"], validate=True)
        image = read_plan_image(data)
    except binascii.Error:
        connection.send_error(msg["id"], ERR_INVALID_FLOOR_PLAN, "the image is not base64")
        return
    except FloorPlanError as err:
        connection.send_error(msg["id"], ERR_INVALID_FLOOR_PLAN, str(err))
        return
    store = plan_store(hass, msg["entry_id"])
    saved = await store.async_load() or {"seats": {}}
    name = f"{msg['entry_id']}{image.extension}"
    await hass.async_add_executor_job(_write, plan_folder(hass), name, data, saved.get("file"))
    await store.async_save(
        {
            "file": name,
            "content_type": image.content_type,
            "width": image.width,
            "height": image.height,
            "seats": saved["seats"],
        }
    )
    connection.send_result(msg["id"], {"width": image.width, "height": image.height})


def _write(folder: Path, name: str, data: bytes, old: str | None) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    partial = folder / f".{name}.partial"
    partial.write_bytes(data)
    partial.replace(folder / name)  # whole or not at all
    if old and old != name:
        (folder / old).unlink(missing_ok=True)


@websocket_command(
    {
        vol.Required("type"): WS_PLACE_SEATS,
        vol.Required("entry_id"): str,
        vol.Required("seats"): vol.All([_PLACE], vol.Length(max=MAX_PLACES)),
    }
)
@require_admin
@async_response
async def ws_place_seats(
    hass: HomeAssistant, connection: ActiveConnection, msg: dict[str, Any]
) -> None:
    """Store every seat's place on the plan (the seats left out have none)."""
    if not _site(hass, connection, msg):
        return
    store = plan_store(hass, msg["entry_id"])
    saved = await store.async_load()
    if saved is None:
        connection.send_error(msg["id"], ERR_NOT_FOUND, "upload a floor plan first")
        return
    seats: dict[str, dict[str, list[list[float]]]] = {}
    try:
        for place in msg["seats"]:
            points = seat_place(place["points"])
            seats.setdefault(place["camera_id"], {})[place["seat_id"]] = [list(p) for p in points]
    except FloorPlanError as err:
        connection.send_error(msg["id"], ERR_INVALID_FLOOR_PLAN, str(err))
        return
    await store.async_save({**saved, "seats": seats})
    connection.send_result(msg["id"], {"seats": len(msg["seats"])})

"""WebSocket commands of the seat-map card and the seat editor panel.

- `seatsense/layout` (any signed-in user): every site (with its totals' entity ids), its
  cameras (frame size) and seats (polygons) with the entity ids the card and dashboard follow.
- `seatsense/frame` (any signed-in user): a camera's latest frame as JPEG, people blurred when
  the site's privacy option is on.
- `seatsense/save_layout` (admins): new seats for one camera, checked with the library's own
  layout rules, written into the camera's config subentry; the site then reloads and every
  seat that kept its id (on every camera) keeps its state.
"""

from __future__ import annotations

import base64
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
from homeassistant.config_entries import ConfigEntry, ConfigEntryState, ConfigSubentry
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import device_registry as dr
from homeassistant.helpers import entity_registry as er

from seatsense.core.layout import (
    MAX_SEAT_OVERLAP,
    LayoutError,
    Seat,
    format_seat_lines,
    parse_seat_lines,
)

from .backend.local import LocalBackend
from .const import CONF_HEIGHT, CONF_PRIVACY_BLUR, CONF_SEATS, CONF_WIDTH, DOMAIN
from .entity import camera_identifier, seat_identifier, site_identifier
from .site import camera_subentries, options_of

WS_LAYOUT = f"{DOMAIN}/layout"
WS_FRAME = f"{DOMAIN}/frame"
WS_SAVE_LAYOUT = f"{DOMAIN}/save_layout"

ERR_INVALID_LAYOUT = "invalid_layout"
ERR_NO_FRAME = "no_frame"

MAX_ID_LENGTH = 64
MAX_SEATS_PER_CAMERA = 256
MAX_POINTS_PER_SEAT = 64

_POINT = vol.All(vol.ExactSequence([vol.Coerce(float), vol.Coerce(float)]))
_SEAT = vol.Schema(
    {
        vol.Required("id"): str,
        vol.Required("polygon"): vol.All([_POINT], vol.Length(max=MAX_POINTS_PER_SEAT)),
    }
)


@callback
def async_register_websocket_commands(hass: HomeAssistant) -> None:
    """Register the commands (once, in `async_setup`)."""
    async_register_command(hass, ws_layout)
    async_register_command(hass, ws_frame)
    async_register_command(hass, ws_save_layout)


# -- reading ------------------------------------------------------------------------------------


@websocket_command({vol.Required("type"): WS_LAYOUT})
@callback
def ws_layout(
    hass: HomeAssistant, connection: ActiveConnection, msg: dict[str, Any]
) -> None:
    """Every site with its cameras, seats and their entities."""
    sites = [_site_json(hass, entry) for entry in hass.config_entries.async_entries(DOMAIN)]
    connection.send_result(msg["id"], {"sites": sites, "max_seat_overlap": MAX_SEAT_OVERLAP})


def _site_json(hass: HomeAssistant, entry: ConfigEntry) -> dict[str, Any]:
    return {
        "entry_id": entry.entry_id,
        "title": entry.title,
        "loaded": entry.state is ConfigEntryState.LOADED,
        "privacy_blur": bool(options_of(entry)[CONF_PRIVACY_BLUR]),
        **_device_json(hass, site_identifier(entry.entry_id)),
        "cameras": [_camera_json(hass, entry, sub) for sub in camera_subentries(entry)],
    }


def _camera_json(
    hass: HomeAssistant, entry: ConfigEntry, subentry: ConfigSubentry
) -> dict[str, Any]:
    width, height = int(subentry.data[CONF_WIDTH]), int(subentry.data[CONF_HEIGHT])
    camera_id = subentry.subentry_id
    camera: dict[str, Any] = {
        "camera_id": camera_id,
        "name": subentry.title,
        "width": width,
        "height": height,
        **_device_json(hass, camera_identifier(entry.entry_id, camera_id)),
        "seats": [],
    }
    try:
        seats = parse_seat_lines(subentry.data[CONF_SEATS], width, height, where=subentry.title)
    except LayoutError as err:  # a layout the config flow let through once; the editor fixes it
        camera["error"] = str(err)
        return camera
    camera["seats"] = [
        {
            "id": seat.id,
            "polygon": [list(point) for point in seat.polygon],
            **_device_json(hass, seat_identifier(entry.entry_id, camera_id, seat.id)),
        }
        for seat in seats
    ]
    return camera


def _device_json(hass: HomeAssistant, identifier: str) -> dict[str, Any]:
    """The device id and its entities by key (the end of their unique ids), enabled ones only."""
    device = dr.async_get(hass).async_get_device(identifiers={(DOMAIN, identifier)})
    if device is None:
        return {"device_id": None, "entities": {}}
    prefix = f"{identifier}_"
    entities = {
        entity.unique_id.removeprefix(prefix): entity.entity_id
        for entity in er.async_entries_for_device(er.async_get(hass), device.id)
        if entity.platform == DOMAIN and entity.unique_id.startswith(prefix)
    }
    return {"device_id": device.id, "entities": dict(sorted(entities.items()))}


@websocket_command(
    {
        vol.Required("type"): WS_FRAME,
        vol.Required("entry_id"): str,
        vol.Required("camera_id"): str,
    }
)
@async_response
async def ws_frame(
    hass: HomeAssistant, connection: ActiveConnection, msg: dict[str, Any]
) -> None:
    """The camera's latest frame (JPEG, base64), blurred when the site's privacy is on."""
    entry = hass.config_entries.async_get_entry(msg["entry_id"])
    if (
        entry is None
        or entry.domain != DOMAIN
        or entry.state is not ConfigEntryState.LOADED
        or msg["camera_id"] not in entry.runtime_data.cameras
    ):
        connection.send_error(msg["id"], ERR_NOT_FOUND, "no such loaded camera")
        return
    coordinator = entry.runtime_data
    blurred = coordinator.privacy_blur
    backend = coordinator.backend
    if isinstance(backend, LocalBackend):
        jpeg = await hass.async_add_executor_job(
            backend.monitor.plain_jpeg, msg["camera_id"], blurred
        )
    else:
        # A seatsense server hands out its annotated picture only; still blurred as asked.
        jpeg = await coordinator.async_annotated_jpeg(msg["camera_id"])
    if jpeg is None:
        connection.send_error(msg["id"], ERR_NO_FRAME, "the camera has no frame yet")
        return
    connection.send_result(
        msg["id"],
        {
            "content_type": "image/jpeg",
            "image": base64.b64encode(jpeg).decode("ascii"),
            "blurred": blurred,
        },
    )


# -- saving -------------------------------------------------------------------------------------


@websocket_command(
    {
        vol.Required("type"): WS_SAVE_LAYOUT,
        vol.Required("entry_id"): str,
        vol.Required("camera_id"): str,
        vol.Required("seats"): vol.All([_SEAT], vol.Length(max=MAX_SEATS_PER_CAMERA)),
    }
)
@require_admin
@callback
def ws_save_layout(
    hass: HomeAssistant, connection: ActiveConnection, msg: dict[str, Any]
) -> None:
    """Check and store one camera's seats; the site reloads with them."""
    entry = hass.config_entries.async_get_entry(msg["entry_id"])
    subentry = entry.subentries.get(msg["camera_id"]) if entry and entry.domain == DOMAIN else None
    if entry is None or subentry is None:
        connection.send_error(msg["id"], ERR_NOT_FOUND, "no such camera")
        return
    try:
        text = seat_lines(subentry, msg["seats"])
    except LayoutError as err:
        connection.send_error(msg["id"], ERR_INVALID_LAYOUT, str(err))
        return
    changed = hass.config_entries.async_update_subentry(
        entry, subentry, data={**subentry.data, CONF_SEATS: text}
    )
    # A change reaches the site's update listener, which reloads it (and, in remote mode,
    # puts the new layout to the server).
    connection.send_result(msg["id"], {"changed": changed, "seats": len(msg["seats"])})


def seat_lines(subentry: ConfigSubentry, raw_seats: list[dict[str, Any]]) -> str:
    """The seats as the subentry stores them, checked by the library's own parser.

    Raises LayoutError with the reason a seat cannot be saved.
    """
    width, height = int(subentry.data[CONF_WIDTH]), int(subentry.data[CONF_HEIGHT])
    for raw in raw_seats:
        if not _storable_id(raw["id"]):
            raise LayoutError(
                f"{subentry.title}: seat '{raw['id']}': an id is 1-{MAX_ID_LENGTH} characters, "
                "has no ':' or line break, and does not start with '#' or a space"
            )
    seats = [
        Seat(id=raw["id"], polygon=tuple((float(x), float(y)) for x, y in raw["polygon"]))
        for raw in raw_seats
    ]
    text = format_seat_lines(seats)
    parsed = parse_seat_lines(text, width, height, where=subentry.title)
    # The text must read back as exactly these seats: a seat whose corners all lie within
    # 0-1 would come back as fractions of the frame.
    for wanted, stored in zip(seats, parsed, strict=True):
        if wanted.polygon != stored.polygon:
            raise LayoutError(
                f"{subentry.title}: seat '{wanted.id}' would not read back as drawn: a seat "
                "inside the frame's first pixel reads as fractions of the frame"
            )
    return text


def _storable_id(seat_id: str) -> bool:
    """Whether a seat line (`ID: x,y ...`) keeps this id as it is."""
    return (
        0 < len(seat_id) <= MAX_ID_LENGTH
        and seat_id == seat_id.strip()
        and ":" not in seat_id
        and "\n" not in seat_id
        and "\r" not in seat_id
        and not seat_id.startswith("#")
    )

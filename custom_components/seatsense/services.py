"""Actions: capture a seat's empty reference, reset a seat, save an annotated snapshot, write
a utilisation report."""

from __future__ import annotations

import time
from datetime import timedelta
from pathlib import Path

import voluptuous as vol
from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant, ServiceCall, ServiceResponse, SupportsResponse
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
from homeassistant.helpers import config_validation as cv
from homeassistant.helpers import device_registry as dr
from homeassistant.util import dt as dt_util
from homeassistant.util import slugify
from homeassistant.util.json import JsonValueType

from seatsense.core.engine import SeatState
from seatsense.core.legend import state_label

from .backend import BackendError
from .const import (
    ATTR_CONFIG_ENTRY_ID,
    ATTR_DEVICE_ID,
    ATTR_DIRECTORY,
    ATTR_END,
    ATTR_RETENTION_DAYS,
    ATTR_START,
    DAILY_REPORT_DAYS,
    DOMAIN,
    SNAPSHOT_PREFIX,
    SNAPSHOT_RETENTION_DAYS,
)
from .coordinator import SeatsenseCoordinator
from .entity import camera_identifier, seat_identifier, site_identifier
from .history import async_generate_report, media_folder
from .report_files import async_report_link
from .site import SeatsenseConfigEntry

SERVICE_CAPTURE_BASELINE = "capture_baseline"
SERVICE_RESET_SEAT = "reset_seat"
SERVICE_SNAPSHOT = "snapshot"
SERVICE_GENERATE_REPORT = "generate_report"

_DEVICE_SCHEMA = vol.Schema({vol.Required(ATTR_DEVICE_ID): cv.string})
_SNAPSHOT_SCHEMA = vol.Schema(
    {
        vol.Required(ATTR_DEVICE_ID): cv.string,
        vol.Optional(ATTR_DIRECTORY): cv.string,
        vol.Optional(ATTR_RETENTION_DAYS, default=SNAPSHOT_RETENTION_DAYS): vol.All(
            vol.Coerce(int), vol.Range(min=0, max=3650)
        ),
    }
)


_REPORT_SCHEMA = vol.Schema(
    {
        vol.Required(ATTR_CONFIG_ENTRY_ID): cv.string,
        vol.Optional(ATTR_START): cv.date,
        vol.Optional(ATTR_END): cv.date,
    }
)


def async_setup_services(hass: HomeAssistant) -> None:
    """Register the actions (once, in `async_setup`); each answers what it did."""
    hass.services.async_register(
        DOMAIN,
        SERVICE_CAPTURE_BASELINE,
        _async_capture_baseline,
        schema=_DEVICE_SCHEMA,
        supports_response=SupportsResponse.OPTIONAL,
    )
    hass.services.async_register(
        DOMAIN,
        SERVICE_RESET_SEAT,
        _async_reset_seat,
        schema=_DEVICE_SCHEMA,
        supports_response=SupportsResponse.OPTIONAL,
    )
    hass.services.async_register(
        DOMAIN,
        SERVICE_SNAPSHOT,
        _async_snapshot,
        schema=_SNAPSHOT_SCHEMA,
        supports_response=SupportsResponse.OPTIONAL,
    )
    hass.services.async_register(
        DOMAIN,
        SERVICE_GENERATE_REPORT,
        _async_generate_report,
        schema=_REPORT_SCHEMA,
        supports_response=SupportsResponse.OPTIONAL,
    )


def _error(key: str, **placeholders: str) -> ServiceValidationError:
    return ServiceValidationError(
        translation_domain=DOMAIN, translation_key=key, translation_placeholders=placeholders
    )


def _resolve(hass: HomeAssistant, device_id: str) -> tuple[SeatsenseCoordinator, str, str | None]:
    """The coordinator, camera id and seat id (None for a camera) of a seatsense device."""
    device = dr.async_get(hass).async_get(device_id)
    if device is None:
        raise _error("device_not_found", device_id=device_id)
    for entry_id in device.config_entries:
        entry: SeatsenseConfigEntry | None = hass.config_entries.async_get_entry(entry_id)
        if entry is None or entry.domain != DOMAIN:
            continue
        if entry.state is not ConfigEntryState.LOADED:
            raise _error("not_loaded", site=entry.title)
        coordinator = entry.runtime_data
        identifiers = {ident for domain, ident in device.identifiers if domain == DOMAIN}
        if site_identifier(entry_id) in identifiers:
            raise _error("site_not_allowed", device=device.name or device_id)
        for camera, seat in coordinator.seats():
            if seat_identifier(entry_id, camera.id, seat.id) in identifiers:
                return coordinator, camera.id, seat.id
        for camera in coordinator.site.cameras:
            if camera_identifier(entry_id, camera.id) in identifiers:
                return coordinator, camera.id, None
    raise _error("not_a_camera_or_seat", device=device.name or device_id)


async def _async_capture_baseline(call: ServiceCall) -> ServiceResponse:
    """Learn the empty reference of one seat, or of every seat of a camera where nobody sits.

    A seat with a person at it is refused (its reference would show that person); a camera
    skips such seats and says which.
    """
    coordinator, camera_id, seat_id = _resolve(call.hass, call.data[ATTR_DEVICE_ID])
    language = call.hass.config.language
    camera = coordinator.cameras[camera_id]
    seats = [seat_id] if seat_id is not None else [seat.id for seat in camera.seats]
    occupied = [s for s in seats if _state_of(coordinator, camera_id, s) is SeatState.OCCUPIED]
    if seat_id is not None and occupied:
        raise _error(
            "seat_occupied",
            seat=seat_id,
            state=state_label(SeatState.OCCUPIED, language),
        )
    captured = [s for s in seats if s not in occupied]
    if not captured:
        raise _error("no_empty_seat", camera=coordinator.camera_name(camera_id))
    try:
        for seat in captured:
            await coordinator.async_capture_baseline(camera_id, seat)
    except BackendError as err:
        raise HomeAssistantError(
            translation_domain=DOMAIN,
            translation_key="baseline_failed",
            translation_placeholders={"error": str(err)},
        ) from err
    return {
        "camera": coordinator.camera_name(camera_id),
        "captured": list[JsonValueType](captured),
        "skipped_occupied": list[JsonValueType](occupied),
    }


async def _async_reset_seat(call: ServiceCall) -> ServiceResponse:
    """Staff cleared the seat: it starts again as empty, and its events fire."""
    coordinator, camera_id, seat_id = _resolve(call.hass, call.data[ATTR_DEVICE_ID])
    if seat_id is None:
        raise _error("not_a_seat")
    was = _state_of(coordinator, camera_id, seat_id)
    try:
        await coordinator.async_reset_seat(camera_id, seat_id)
    except BackendError as err:
        raise HomeAssistantError(
            translation_domain=DOMAIN,
            translation_key="reset_failed",
            translation_placeholders={"error": str(err)},
        ) from err
    now = _state_of(coordinator, camera_id, seat_id)
    return {
        "camera": coordinator.camera_name(camera_id),
        "seat": seat_id,
        "was": None if was is None else was.value,
        "now": None if now is None else now.value,
    }


def _state_of(coordinator: SeatsenseCoordinator, camera_id: str, seat_id: str) -> SeatState | None:
    status = coordinator.seat_status(camera_id, seat_id)
    return None if status is None else status.state


def default_snapshot_directory(hass: HomeAssistant) -> Path:
    """`seatsense` in Home Assistant's local media folder (`history.media_folder`)."""
    return media_folder(hass)


async def _async_snapshot(call: ServiceCall) -> ServiceResponse:
    """Write the camera's annotated frame into an allowed folder; prune old snapshots there."""
    hass = call.hass
    coordinator, camera_id, _ = _resolve(hass, call.data[ATTR_DEVICE_ID])
    if ATTR_DIRECTORY in call.data:
        directory = Path(call.data[ATTR_DIRECTORY])
    else:
        directory = default_snapshot_directory(hass)
    stamp = dt_util.now().strftime("%Y%m%d-%H%M%S")
    name = f"{SNAPSHOT_PREFIX}{slugify(coordinator.camera_name(camera_id))}_{stamp}.jpg"
    # The file's own path is checked: the folder itself may not exist yet.
    if not directory.is_absolute() or not await hass.async_add_executor_job(
        hass.config.is_allowed_path, str(directory / name)
    ):
        raise _error("path_not_allowed", path=str(directory))
    jpeg = await coordinator.async_annotated_jpeg(camera_id)
    if jpeg is None:
        raise _error("no_frame", camera=coordinator.camera_name(camera_id))
    retention_s = call.data[ATTR_RETENTION_DAYS] * 86400
    path, deleted = await hass.async_add_executor_job(
        _write_snapshot, directory, name, jpeg, retention_s
    )
    return {"path": str(path), "deleted": list[JsonValueType](deleted)}


def _write_snapshot(
    directory: Path, name: str, jpeg: bytes, retention_s: float
) -> tuple[Path, list[str]]:
    """Write one snapshot; delete this integration's snapshots there older than the retention."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    path.write_bytes(jpeg)
    cutoff = time.time() - retention_s
    deleted = []
    # Only files this action wrote (by name) are ever deleted.
    for old in directory.glob(f"{SNAPSHOT_PREFIX}*.jpg"):
        if old != path and old.stat().st_mtime < cutoff:
            old.unlink(missing_ok=True)
            deleted.append(old.name)
    return path, sorted(deleted)


async def _async_generate_report(call: ServiceCall) -> ServiceResponse:
    """Write the site's report for the days asked (default: the 30 days up to today)."""
    hass = call.hass
    entry_id = call.data[ATTR_CONFIG_ENTRY_ID]
    entry: SeatsenseConfigEntry | None = hass.config_entries.async_get_entry(entry_id)
    if entry is None or entry.domain != DOMAIN or entry.state is not ConfigEntryState.LOADED:
        raise _error("site_not_loaded", site=entry.title if entry is not None else entry_id)
    last = call.data.get(ATTR_END) or dt_util.now().date()
    first = call.data.get(ATTR_START) or last - timedelta(days=DAILY_REPORT_DAYS - 1)
    if last < first:
        raise _error("report_dates", start=str(first), end=str(last))
    report = await async_generate_report(entry.runtime_data, first, last)
    return {
        "site": entry.title,
        "start": str(report.first_day),
        "end": str(report.last_day),
        "directory": str(report.directory),
        "html": str(report.html),
        "url": async_report_link(hass, entry_id, report),
        "files": list[JsonValueType](str(path) for path in report.files),
    }

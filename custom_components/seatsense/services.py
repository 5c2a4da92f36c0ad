"""Actions: capture the empty references of a seat, a camera or a whole site, reset a seat,
save an annotated snapshot, write a utilisation report."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum
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
# Exactly one of the two is checked in the action, so that the error is translated.
_CAPTURE_SCHEMA = vol.Schema(
    {vol.Optional(ATTR_DEVICE_ID): cv.string, vol.Optional(ATTR_CONFIG_ENTRY_ID): cv.string}
)
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
        schema=_CAPTURE_SCHEMA,
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


def _loaded_entry(hass: HomeAssistant, entry_id: str) -> SeatsenseConfigEntry:
    """The running site of a `config_entry_id` field."""
    entry: SeatsenseConfigEntry | None = hass.config_entries.async_get_entry(entry_id)
    if entry is None or entry.domain != DOMAIN or entry.state is not ConfigEntryState.LOADED:
        raise _error("site_not_loaded", site=entry.title if entry is not None else entry_id)
    return entry


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
    """Learn the empty reference of one seat, of every really empty seat of a camera, or of
    every really empty seat of a site (at opening time).

    A seat named alone is refused only when a person sits there (staff who name one seat know
    it is clear). A camera or a site skips seats with a person and seats holding belongings
    (the left bag would become part of the empty picture); a site also skips its offline
    cameras. Each camera answers what it captured and what it skipped, and why.
    """
    hass = call.hass
    if (ATTR_DEVICE_ID in call.data) == (ATTR_CONFIG_ENTRY_ID in call.data):
        raise _error("capture_target")
    if ATTR_CONFIG_ENTRY_ID in call.data:
        return await _async_capture_site(_loaded_entry(hass, call.data[ATTR_CONFIG_ENTRY_ID]))
    coordinator, camera_id, seat_id = _resolve(hass, call.data[ATTR_DEVICE_ID])
    if seat_id is None:
        plan = _CameraCapture.plan(coordinator, camera_id)
        if not plan.captured:
            raise _error("no_empty_seat", camera=plan.camera)
    else:
        if _state_of(coordinator, camera_id, seat_id) is SeatState.OCCUPIED:
            raise _error(
                "seat_occupied",
                seat=seat_id,
                state=state_label(SeatState.OCCUPIED, hass.config.language),
            )
        plan = _CameraCapture(coordinator.camera_name(camera_id), camera_id, [seat_id], {})
    await _async_capture(coordinator, plan)
    return plan.answer()


class SkipReason(StrEnum):
    """Why a camera or a site left a seat's reference as it was."""

    OCCUPIED = "occupied"
    BELONGINGS = "belongings"
    OFFLINE = "offline"


_BELONGINGS_STATES = (SeatState.AWAY, SeatState.ABANDONED)


@dataclass
class _CameraCapture:
    """The seats of one camera to capture, and those skipped with their reason."""

    camera: str
    camera_id: str
    captured: list[str]
    skipped: dict[str, SkipReason]

    @classmethod
    def plan(
        cls, coordinator: SeatsenseCoordinator, camera_id: str, *, skip_offline: bool = False
    ) -> _CameraCapture:
        """Every seat of the camera that is really empty; offline cameras skip every seat
        when `skip_offline` (their newest frame may be hours old)."""
        seats = [seat.id for seat in coordinator.cameras[camera_id].seats]
        plan = cls(coordinator.camera_name(camera_id), camera_id, [], {})
        status = coordinator.camera_status(camera_id)
        offline = status is None or not status.online
        for seat_id in seats:
            state = _state_of(coordinator, camera_id, seat_id)
            if skip_offline and offline:
                plan.skipped[seat_id] = SkipReason.OFFLINE
            elif state is SeatState.OCCUPIED:
                plan.skipped[seat_id] = SkipReason.OCCUPIED
            elif state in _BELONGINGS_STATES:
                plan.skipped[seat_id] = SkipReason.BELONGINGS
            else:
                plan.captured.append(seat_id)
        return plan

    def answer(self) -> dict[str, JsonValueType]:
        """What the action answers for this camera: one list of seats per outcome."""
        answer: dict[str, JsonValueType] = {
            "camera": self.camera,
            "captured": list[JsonValueType](self.captured),
        }
        for reason in SkipReason:
            answer[f"skipped_{reason}"] = list[JsonValueType](
                seat for seat, why in self.skipped.items() if why is reason
            )
        return answer


async def _async_capture_site(entry: SeatsenseConfigEntry) -> ServiceResponse:
    """Capture every really empty seat of every online camera of the site."""
    coordinator = entry.runtime_data
    plans = [
        _CameraCapture.plan(coordinator, camera.id, skip_offline=True)
        for camera in coordinator.site.cameras
    ]
    if not any(plan.captured for plan in plans):
        raise _error("no_empty_seat_in_site", site=entry.title)
    for plan in plans:
        await _async_capture(coordinator, plan)
    return {"site": entry.title, "cameras": [plan.answer() for plan in plans]}


async def _async_capture(coordinator: SeatsenseCoordinator, plan: _CameraCapture) -> None:
    """Take the camera's newest frame as the reference of the seats the plan captures."""
    try:
        for seat in plan.captured:
            await coordinator.async_capture_baseline(plan.camera_id, seat)
    except BackendError as err:
        raise HomeAssistantError(
            translation_domain=DOMAIN,
            translation_key="baseline_failed",
            translation_placeholders={"error": str(err)},
        ) from err


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
    entry = _loaded_entry(hass, entry_id)
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

"""What the coordinator and the config flow see of a backend, whichever mode it runs in."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, Protocol

from homeassistant.components.camera import Image
from homeassistant.util import dt as dt_util

from seatsense.core.engine import EngineSettings
from seatsense.core.layout import Seat, Site
from seatsense.core.status import MonitorUpdate

from ..layout_check import BadSeat


def monitor_clock() -> float:
    """The monitor's clock: HA's, so recorded times and HA's timers agree."""
    return dt_util.utcnow().timestamp()


class BackendError(Exception):
    """An action or the start of a backend failed; the message is for the user."""


class BackendAuthError(BackendError):
    """The seatsense server refused the token."""


class BackendConnectionError(BackendError):
    """The seatsense server cannot be reached."""


class DetectUnavailable(BackendError):
    """Local detection cannot run here: the `detect` extra is missing and cannot be installed."""


class ModelLoadError(BackendError):
    """The site's detection model does not load."""


class GrabFailed(Exception):
    """A camera's test frame or preview failed; `reason` is the camera flow's error key."""

    def __init__(self, reason: str) -> None:
        """`reason`: a key of the camera flow's translated errors."""
        super().__init__(reason)
        self.reason = reason


class BackendListener(Protocol):
    """What a backend reports to (the coordinator); every call is made on the event loop."""

    def async_handle_update(self, update: MonitorUpdate) -> None:
        """A cycle's statuses and the events since the previous update, each event once."""

    def async_connection_lost(self, error: str) -> None:
        """The backend cannot deliver updates for now (it keeps trying)."""

    def async_auth_failed(self) -> None:
        """The backend was refused for good until the user gives new credentials."""


class Backend(Protocol):
    """One site's detection, wherever it runs."""

    @property
    def event_log(self) -> Path | None:
        """The SQLite event log this backend writes in Home Assistant's config folder (the
        source of the long-term statistics and reports), None when the log is elsewhere."""

    async def async_start(self, listener: BackendListener) -> MonitorUpdate:
        """Start delivering updates to `listener`; returns the current statuses."""

    async def async_stop(self) -> None:
        """Stop delivering updates and release everything."""

    async def async_push_frame(self, camera_id: str, jpeg: bytes, time_s: float) -> None:
        """A JPEG still of a camera fed from Home Assistant (a camera entity)."""

    def frame_failed(self, camera_id: str, message: str) -> None:
        """No still could be had from a camera fed from Home Assistant."""

    async def async_reset_seat(self, camera_id: str, seat_id: str) -> None:
        """Mark a seat empty now; its closing events arrive through the listener."""

    async def async_capture_baseline(self, camera_id: str, seat_id: str | None) -> None:
        """Take the camera's newest frame as the empty reference of a seat (or all its seats)."""

    async def async_apply_settings(self, settings: EngineSettings) -> bool:
        """Use new site thresholds from now, keeping every seat's state; False when this
        backend cannot (the site is then reloaded)."""

    async def async_annotated_jpeg(
        self, camera_id: str, blur_people: bool, language: str
    ) -> bytes | None:
        """The camera's last processed frame, annotated (state words in `language` where the
        backend can); None when there is none yet."""

    def state_to_save(self) -> dict[str, Any]:
        """What the backend needs back after a restart (kept in the site's store)."""


class FrameProbe(Protocol):
    """A camera's test frame (its size in pixels) and the layout previews drawn on it."""

    width: int
    height: int

    async def async_grab(self, source: str | Image) -> None:
        """Take the frame from a source URL or a camera entity's still, or `GrabFailed`."""

    async def async_preview(
        self, seats: tuple[Seat, ...], blur_people: bool, bad: tuple[BadSeat, ...] = ()
    ) -> bytes:
        """The frame with `seats` drawn (people blurred when `blur_people`, and the `bad`
        seat lines marked where the backend can), as JPEG, or `GrabFailed`."""


class BackendFactory(Protocol):
    """Makes a site's backend and camera probes: one kind per mode (local or remote)."""

    async def async_create_backend(
        self,
        site: Site,
        stored: Mapping[str, Any] | None,
        entity_cameras: Mapping[str, str],
        belongings_sensitivity: float,
    ) -> Backend:
        """The site's backend, created and not yet started; what `stored` kept is resumed.

        `entity_cameras`: camera id -> HA camera entity whose stills are pushed in.
        Raises `DetectUnavailable` or `ModelLoadError` when local detection cannot run.
        """

    def frame_probe(self, timeout_s: float) -> FrameProbe:
        """A probe for the camera flow's test frame and layout previews; a grab waits up to
        `timeout_s` for the source."""

"""Where a site's detection runs: in Home Assistant (local) or in a seatsense server (remote).

The coordinator and the entities see only `Backend`: a stream of `MonitorUpdate`s handed to a
`BackendListener`, and a few actions. `LocalBackend` runs the library's `Monitor` in this
process and needs the library's `detect` extra (OpenCV, ONNX Runtime, PyAV), which has no
wheels for Home Assistant OS and the HA container (Alpine). `RemoteBackend` follows a
`seatsense serve` over HTTP and its WebSocket and needs only the light core of the library.

Nothing here imports the heavy modules at module level: the local path imports them when a
local site starts.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import logging
from collections.abc import Mapping
from dataclasses import replace
from importlib import metadata
from typing import TYPE_CHECKING, Any, Protocol

from homeassistant.core import HomeAssistant
from homeassistant.requirements import RequirementsNotFound, async_process_requirements
from packaging.requirements import Requirement

from seatsense.core.engine import Event
from seatsense.core.layout import Site, site_to_dict
from seatsense.core.status import MonitorUpdate
from seatsense.core.urls import scrub_credentials
from seatsense.server.client import (
    ServerAuthError,
    ServerClient,
    ServerConnectionError,
    ServerError,
)
from seatsense.sources.registry import PUSH_SCHEME

from .const import DOMAIN, RECONNECT_MAX_S, RECONNECT_MIN_S

if TYPE_CHECKING:
    from seatsense.live.monitor import Monitor
    from seatsense.sources import PushSource

_LOGGER = logging.getLogger(__name__)

DETECT_EXTRA = "detect"
PUSH_SOURCE = f"{PUSH_SCHEME}:"
"""The server-side source of a camera whose frames Home Assistant pushes (HA camera entities)."""


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

    async def async_annotated_jpeg(self, camera_id: str, blur_people: bool) -> bytes | None:
        """The camera's last processed frame, annotated; None when there is none yet."""

    def state_to_save(self) -> dict[str, Any]:
        """What the backend needs back after a restart (kept in the site's store)."""


# -- local ---------------------------------------------------------------------------------------


def detect_requirements() -> list[str]:
    """The packages of the library's `detect` extra, as its installed metadata lists them.

    Home Assistant's requirement check ignores extras (`seatsense[detect]` counts as met
    whenever `seatsense` is installed), so the extra's own packages are asked for instead.
    """
    found = []
    for line in metadata.requires("seatsense") or []:
        requirement = Requirement(line)
        marker = requirement.marker
        if marker is None or not marker.evaluate({"extra": DETECT_EXTRA}):
            continue
        if marker.evaluate({"extra": ""}):  # not specific to the extra
            continue
        requirement.marker = None
        found.append(str(requirement))
    return found


def _import_detect() -> None:
    # The monitor imports capture, detect, pipeline, evidence and draw: all of the extra.
    importlib.import_module("seatsense.live.monitor")


async def async_ensure_detect(hass: HomeAssistant) -> None:
    """Install (Home Assistant's way) and import what local detection needs.

    Raises `DetectUnavailable` with the reason when that is not possible on this system.
    """
    try:
        requirements = await hass.async_add_executor_job(detect_requirements)
    except metadata.PackageNotFoundError:
        requirements = []  # a source checkout: the import below decides
    try:
        await async_process_requirements(hass, DOMAIN, requirements)
    except RequirementsNotFound as err:
        raise DetectUnavailable(str(err)) from err
    try:
        await hass.async_add_import_executor_job(_import_detect)
    except ImportError as err:
        raise DetectUnavailable(str(err)) from err


async def async_check_model(hass: HomeAssistant, model: str) -> None:
    """Load a model once; `ModelLoadError` says why it does not load."""
    from seatsense.vision.detect import ModelError, load_detector

    try:
        await hass.async_add_executor_job(load_detector, model)
    except ModelError as err:
        raise ModelLoadError(str(err)) from err


async def async_create_local_backend(
    hass: HomeAssistant,
    site: Site,
    restore: Mapping[str, Mapping[str, Any]] | None,
    entity_cameras: Mapping[str, str],
    belongings_sensitivity: float,
) -> LocalBackend:
    """Make sure detection can run here, load the model and create the (stopped) monitor.

    `entity_cameras`: camera id -> HA camera entity whose stills are pushed in.
    """
    await async_ensure_detect(hass)
    from seatsense.live.monitor import Monitor
    from seatsense.sources import PushSource
    from seatsense.vision.detect import ModelError, load_detector
    from seatsense.vision.evidence import EvidenceSettings

    from .coordinator import monitor_clock

    try:
        detector = await hass.async_add_executor_job(load_detector, site.model)
    except ModelError as err:
        raise ModelLoadError(str(err)) from err
    sources = {camera_id: PushSource() for camera_id in entity_cameras}

    def create() -> Monitor:
        return Monitor(
            site,
            detector=detector,
            restore=restore,
            sources=dict(sources),
            evidence_settings=EvidenceSettings(belongings_sensitivity=belongings_sensitivity),
            clock=monitor_clock,
        )

    monitor = await hass.async_add_executor_job(create)
    return LocalBackend(hass, monitor, sources, entity_cameras)


class LocalBackend:
    """The library's `Monitor` in this process: its own threads, updates pushed to the loop."""

    def __init__(
        self,
        hass: HomeAssistant,
        monitor: Monitor,
        sources: Mapping[str, PushSource],
        entity_cameras: Mapping[str, str],
    ) -> None:
        """Wrap a created, not yet started monitor and the push sources of its entity cameras."""
        self.hass = hass
        self.monitor = monitor
        self.sources = dict(sources)
        self._entity_cameras = dict(entity_cameras)
        self._listener: BackendListener | None = None
        self._remove_listener: Any = None

    async def async_start(self, listener: BackendListener) -> MonitorUpdate:
        """Start the monitor's threads."""
        self._listener = listener
        status = await self.hass.async_add_executor_job(self.monitor.status)
        self._remove_listener = self.monitor.add_listener(self._on_monitor_update)
        await self.hass.async_add_executor_job(self.monitor.start)
        return status

    async def async_stop(self) -> None:
        """Stop the monitor (joins its threads off the loop)."""
        if self._remove_listener is not None:
            self._remove_listener()
            self._remove_listener = None
        await self.hass.async_add_executor_job(self.monitor.stop)

    def _on_monitor_update(self, update: MonitorUpdate) -> None:
        """Called on the monitor's thread: hand over to the loop."""
        if self._listener is not None:
            self.hass.loop.call_soon_threadsafe(self._listener.async_handle_update, update)

    async def async_push_frame(self, camera_id: str, jpeg: bytes, time_s: float) -> None:
        """Decode off the loop and hand the frame to the camera's push source."""
        from seatsense.sources import CaptureError, decode_image

        try:
            frame = await self.hass.async_add_executor_job(decode_image, jpeg)
        except CaptureError as err:
            message = f"{self._entity_cameras[camera_id]}: {err}"
            self.frame_failed(camera_id, scrub_credentials(message))
            return
        self.sources[camera_id].push(frame, time_s)

    def frame_failed(self, camera_id: str, message: str) -> None:
        """The camera's push source goes offline with the message."""
        self.sources[camera_id].fail(message)

    async def async_reset_seat(self, camera_id: str, seat_id: str) -> None:
        """Reset in the monitor; publish the new status with the closing events."""
        try:
            events = await self.hass.async_add_executor_job(
                self.monitor.reset_seat, camera_id, seat_id
            )
        except KeyError as err:
            raise BackendError(str(err.args[0] if err.args else err)) from err
        if self._listener is not None:
            self._listener.async_handle_update(replace(self.monitor.status(), events=list(events)))

    async def async_capture_baseline(self, camera_id: str, seat_id: str | None) -> None:
        """Learn the empty reference from the newest frame."""
        try:
            await self.hass.async_add_executor_job(
                self.monitor.capture_baseline, camera_id, seat_id
            )
        except (KeyError, ValueError, RuntimeError) as err:
            raise BackendError(str(err.args[0] if err.args else err)) from err

    async def async_annotated_jpeg(self, camera_id: str, blur_people: bool) -> bytes | None:
        """Rendered off the loop."""
        return await self.hass.async_add_executor_job(
            self.monitor.annotated_jpeg, camera_id, blur_people
        )

    def state_to_save(self) -> dict[str, Any]:
        """The seat statuses, for `Monitor(restore=...)` after a restart."""
        return {"seats": self.monitor.seat_statuses()}


# -- remote --------------------------------------------------------------------------------------


def remote_layout(site: Site, entity_cameras: Mapping[str, str]) -> dict[str, Any]:
    """The layout a server runs for a site: HA camera entities become `push:` cameras."""
    cameras = tuple(
        replace(camera, source=PUSH_SOURCE) if camera.id in entity_cameras else camera
        for camera in site.cameras
    )
    return site_to_dict(replace(site, cameras=cameras))


def _server_error(err: ServerError) -> BackendError:
    if isinstance(err, ServerAuthError):
        return BackendAuthError(err.message)
    if isinstance(err, ServerConnectionError):
        return BackendConnectionError(err.message)
    return BackendError(err.message)


class RemoteBackend:
    """A `seatsense serve`: the site's layout is put there, its messages are followed here.

    Every message carries the server's sequence number. An update is handed on only with a
    status message, carrying the events received since the previous one; `seq` then moves
    to that status. After a lost connection the client reconnects with `after=seq`: events
    not yet handed on are replayed, events handed on are not, so each arrives exactly once.
    """

    def __init__(
        self,
        hass: HomeAssistant,
        client: ServerClient,
        layout: Mapping[str, Any],
        seq: int | None,
    ) -> None:
        """`layout` as `remote_layout` builds it; `seq` the last one handed on (None: new)."""
        self.hass = hass
        self.client = client
        self.layout = dict(layout)
        self.seq = seq
        self._listener: BackendListener | None = None
        self._task: asyncio.Task[None] | None = None
        self._pending: list[Event] = []
        self._pending_seq = 0

    async def async_start(self, listener: BackendListener) -> MonitorUpdate:
        """Put the layout (the server's own model kept), read the status, follow messages.

        The layout of the site's cameras in Home Assistant replaces the one the server ran.
        """
        try:
            info = await self.client.info()
            # A new site has no cameras yet; a served site needs one, so the server keeps its
            # own layout until the first camera is added here.
            if self.layout["cameras"]:
                server_site = await self.client.site()
                model = server_site.get("model", self.layout["model"])
                await self.client.put_site({**self.layout, "model": model})
            status = await self.client.status()
        except ServerError as err:
            raise _server_error(err) from err
        sequence = int(info.get("sequence") or 0)
        if self.seq is None or self.seq > sequence:
            if self.seq is not None:
                _LOGGER.warning(
                    "seatsense server %s restarted its sequence (%s < %s); older events are lost",
                    info.get("site"),
                    sequence,
                    self.seq,
                )
            # Events from before this site followed the server were never ours to deliver.
            self.seq = sequence
        self._listener = listener
        self._task = self.hass.async_create_background_task(
            self._async_follow(), name=f"{DOMAIN} server messages"
        )
        return status

    async def async_stop(self) -> None:
        """Stop following."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def _async_follow(self) -> None:
        assert self._listener is not None
        delay = RECONNECT_MIN_S
        while True:
            # Events not handed on yet are replayed after `seq` on the new connection.
            self._pending, self._pending_seq = [], 0
            try:
                async for message in self.client.messages(after=self.seq):
                    if self._handle(message.type, message.seq, message.event, message.update):
                        delay = RECONNECT_MIN_S
            except ServerAuthError:
                self._listener.async_auth_failed()
                return
            except ServerError as err:
                error = err.message
            self._listener.async_connection_lost(error)
            _LOGGER.debug("seatsense server: %s; reconnecting in %.1f s", error, delay)
            await asyncio.sleep(delay)
            delay = min(delay * 2, RECONNECT_MAX_S)

    def _handle(
        self, kind: str, seq: int, event: Event | None, update: MonitorUpdate | None
    ) -> bool:
        """One message; True when it handed an update on."""
        assert self._listener is not None
        if kind == "gap":
            _LOGGER.warning(
                "seatsense server dropped events after %s from its log; continuing at %s",
                self.seq,
                seq,
            )
            return False
        last = self.seq if self.seq is not None else -1
        if kind == "event" and event is not None:
            if seq > last:  # else handed on before
                self._pending.append(event)
                self._pending_seq = seq
            return False
        if kind == "status" and update is not None:
            # A connection starts with the current status, whose seq may be older than the
            # events replayed (a seat reset after the last cycle) or than the last one handed
            # on (nothing happened meanwhile): it is still the seats' state now, and the next
            # connection resumes after the newest seq seen.
            events, self._pending = self._pending, []
            self.seq = max(last, seq, self._pending_seq)
            self._listener.async_handle_update(replace(update, events=events))
            return True
        return False

    async def async_push_frame(self, camera_id: str, jpeg: bytes, time_s: float) -> None:
        """Post the still; while the server is away it is dropped (its camera goes offline)."""
        try:
            await self.client.push_frame(camera_id, jpeg, time_s)
        except ServerError as err:
            _LOGGER.debug("frame of %s not delivered: %s", camera_id, err.message)

    def frame_failed(self, camera_id: str, message: str) -> None:
        """Nothing to tell: without frames the server's camera goes offline by itself."""
        _LOGGER.debug("no frame for %s: %s", camera_id, message)

    async def async_reset_seat(self, camera_id: str, seat_id: str) -> None:
        """The server resets the seat; its events come through the message stream."""
        try:
            await self.client.reset_seat(camera_id, seat_id)
        except ServerError as err:
            raise _server_error(err) from err

    async def async_capture_baseline(self, camera_id: str, seat_id: str | None) -> None:
        """The server takes the reference from its newest frame."""
        try:
            await self.client.capture_baseline(camera_id, seat_id)
        except ServerError as err:
            raise _server_error(err) from err

    async def async_annotated_jpeg(self, camera_id: str, blur_people: bool) -> bytes | None:
        """The server's annotated snapshot; None while it has none or cannot be reached."""
        try:
            return await self.client.snapshot(camera_id, blur=blur_people)
        except ServerError as err:
            _LOGGER.debug("no snapshot of %s: %s", camera_id, err.message)
            return None

    def state_to_save(self) -> dict[str, Any]:
        """The last sequence number handed on: a restart resumes right after it."""
        return {"seq": self.seq}

"""Local mode: the library's `Monitor` in Home Assistant's process.

Needs the library's `detect` extra (OpenCV, ONNX Runtime, PyAV), which has no wheels for Home
Assistant OS and the HA container (Alpine). Nothing here imports the heavy modules at module
level: they are imported when a local site starts or a local camera is probed.

The monitor keeps an SQLite event log in `.storage` (`event_log_path`): every cycle with
events writes them, with the seat statuses and camera states they lead to, in one transaction
before Home Assistant hears of them, so a site resumes its seat clocks however Home Assistant
stopped (a crash or a power cut included). The site's store keeps a copy saved on stop, which
a site without a log yet (one made by an older version) resumes from.
"""

from __future__ import annotations

import contextlib
import importlib
import logging
from collections.abc import Mapping
from dataclasses import replace
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from homeassistant.components.camera import Image
from homeassistant.core import HomeAssistant
from homeassistant.helpers.storage import STORAGE_DIR
from homeassistant.requirements import RequirementsNotFound, async_process_requirements
from packaging.requirements import Requirement

from seatsense.core.engine import EngineSettings
from seatsense.core.layout import Seat, Site
from seatsense.core.status import MonitorUpdate
from seatsense.core.urls import scrub_credentials

from ..const import DOMAIN, MODEL_BUNDLED
from ..layout_check import BadSeat
from .protocol import (
    BackendError,
    BackendListener,
    DetectUnavailable,
    GrabFailed,
    ModelLoadError,
    monitor_clock,
)

if TYPE_CHECKING:
    from seatsense.core.frame import Frame
    from seatsense.live.monitor import Monitor
    from seatsense.live.store import EventStore
    from seatsense.sources import PushSource
    from seatsense.vision.detect import Detector

_LOGGER = logging.getLogger(__name__)

DETECT_EXTRA = "detect"


def event_log_path(hass: HomeAssistant, entry_id: str) -> Path:
    """Where a local site keeps its event log (in `.storage`, beside its store)."""
    return Path(hass.config.path(STORAGE_DIR, f"{DOMAIN}.{entry_id}.events.sqlite3"))


def item_model_cache(hass: HomeAssistant) -> Path:
    """Where local sites keep the optional item model once fetched (in `.storage`)."""
    return Path(hass.config.path(STORAGE_DIR, f"{DOMAIN}_models"))


def remove_event_log(path: Path) -> None:
    """Delete an event log and its WAL files (the site was deleted)."""
    for suffix in ("", "-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            Path(f"{path}{suffix}").unlink()


def detect_requirements() -> list[str]:
    """The packages of the library's `detect` extra, as its installed metadata lists them.

    Home Assistant's requirement check ignores extras (`seatsense[detect]` counts as met
    whenever `seatsense` is installed), so the extra's own packages are asked for instead.
    """
    return extra_requirements(DETECT_EXTRA)


def extra_requirements(extra: str) -> list[str]:
    """The packages of one of the library's extras (`detect`, `report`), from its metadata."""
    found = []
    for line in metadata.requires("seatsense") or []:
        requirement = Requirement(line)
        marker = requirement.marker
        if marker is None or not marker.evaluate({"extra": extra}):
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


def check_item_source(url: str, sha256: str) -> str | None:
    """Why an item model source (URL and sha256 as typed, may be empty) names no archive."""
    from seatsense.vision.detect import ItemModel, ModelError

    try:
        ItemModel(url.strip() or None, sha256.strip() or None).archive()
    except ModelError as err:
        return str(err)
    return None


async def async_load_item_detector(hass: HomeAssistant, url: str, sha256: str) -> Detector:
    """The optional COCO item model, fetched into `.storage` on first use (then from there,
    without network). `ModelLoadError` says why it cannot be had."""
    await async_ensure_detect(hass)
    from seatsense.vision.detect import ItemModel, ModelError, load_item_detector

    items = ItemModel(url.strip() or None, sha256.strip() or None, None, item_model_cache(hass))
    try:
        return await hass.async_add_executor_job(load_item_detector, items)
    except ModelError as err:
        raise ModelLoadError(str(err)) from err


class LocalBackendFactory:
    """Makes local backends and probes: detection and drawing in this process."""

    def __init__(
        self,
        hass: HomeAssistant,
        model: str = MODEL_BUNDLED,
        event_log: Path | None = None,
        items: Detector | None = None,
    ) -> None:
        """For sites whose detection runs in Home Assistant with `model`; `event_log` is the
        site's SQLite event log (`event_log_path`), None for none (a camera probe needs none);
        `items` the optional item model's detector (`async_load_item_detector`)."""
        self.hass = hass
        self.model = model
        self.event_log = event_log
        self.items = items

    async def async_create_backend(
        self,
        site: Site,
        stored: Mapping[str, Any] | None,
        entity_cameras: Mapping[str, str],
        belongings_sensitivity: float,
    ) -> LocalBackend:
        """Make sure detection can run here, load the model and create the (stopped) monitor.

        The monitor resumes the seat statuses and camera states of the event log, or where
        the log has none yet, the seat statuses in `stored`.
        """
        hass = self.hass
        await async_ensure_detect(hass)
        from seatsense.live.monitor import Monitor
        from seatsense.sources import PushSource
        from seatsense.vision.detect import ModelError, load_detector
        from seatsense.vision.evidence import EvidenceSettings

        try:
            detector = await hass.async_add_executor_job(load_detector, site.model)
        except ModelError as err:
            raise ModelLoadError(str(err)) from err
        if self.items is not None:
            from seatsense.vision.detect import WithItems

            detector = WithItems(detector, self.items)
        sources = {camera_id: PushSource() for camera_id in entity_cameras}
        saved = restore_statuses(stored)

        def create() -> tuple[Monitor, EventStore | None]:
            store = self._open_event_log()
            logged = store.seat_statuses() if store is not None else {}
            return Monitor(
                site,
                detector=detector,
                store=store,
                restore=logged or saved,
                restore_cameras=store.camera_statuses() if store is not None else None,
                restore_references=store.camera_references() if store is not None else None,
                sources=dict(sources),
                evidence_settings=EvidenceSettings(belongings_sensitivity=belongings_sensitivity),
                clock=monitor_clock,
            ), store

        monitor, store = await hass.async_add_executor_job(create)
        return LocalBackend(hass, monitor, sources, entity_cameras, store)

    def _open_event_log(self) -> EventStore | None:
        """The site's event log; without one (it cannot be opened) the site still runs."""
        from seatsense.live.store import EventStore, StoreError

        if self.event_log is None:
            return None
        try:
            return EventStore(self.event_log)
        except StoreError as err:
            _LOGGER.warning("%s; seat clocks survive only a clean stop", err)
            return None

    def frame_probe(self, timeout_s: float) -> LocalFrameProbe:
        """A probe that grabs and draws here (and detects people with the site's model to
        blur them)."""
        return LocalFrameProbe(self.hass, timeout_s, self.model)


def restore_statuses(stored: Mapping[str, Any] | None) -> dict[str, dict[str, Any]] | None:
    """The stored seat statuses in the form `Monitor(restore=...)` takes."""
    if not stored or not isinstance(stored.get("seats"), dict):
        return None
    return dict(stored["seats"])


class LocalBackend:
    """The library's `Monitor` in this process: its own threads, updates pushed to the loop."""

    def __init__(
        self,
        hass: HomeAssistant,
        monitor: Monitor,
        sources: Mapping[str, PushSource],
        entity_cameras: Mapping[str, str],
        store: EventStore | None = None,
    ) -> None:
        """Wrap a created, not yet started monitor, the push sources of its entity cameras and
        the monitor's event log (closed on stop)."""
        self.hass = hass
        self.monitor = monitor
        self.store = store
        self.sources = dict(sources)
        self._entity_cameras = dict(entity_cameras)
        self._listener: BackendListener | None = None
        self._remove_listener: Any = None

    @property
    def event_log(self) -> Path | None:
        """The monitor's event log; None when it could not be opened."""
        return Path(self.store.path) if self.store is not None else None

    async def async_start(self, listener: BackendListener) -> MonitorUpdate:
        """Start the monitor's threads."""
        self._listener = listener
        status = await self.hass.async_add_executor_job(self.monitor.status)
        self._remove_listener = self.monitor.add_listener(self._on_monitor_update)
        await self.hass.async_add_executor_job(self.monitor.start)
        return status

    async def async_stop(self) -> None:
        """Stop the monitor (joins its threads off the loop) and close its event log."""
        if self._remove_listener is not None:
            self._remove_listener()
            self._remove_listener = None
        await self.hass.async_add_executor_job(self.monitor.stop)
        if self.store is not None:
            await self.hass.async_add_executor_job(self._close_store, self.store)

    @staticmethod
    def _close_store(store: EventStore) -> None:
        from seatsense.live.store import StoreError

        try:
            store.close()
        except StoreError as err:  # a full disk: the store said so when it began
            _LOGGER.warning("%s", err)

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

    async def async_apply_settings(self, settings: EngineSettings) -> bool:
        """The monitor's seats take the thresholds in place."""
        await self.hass.async_add_executor_job(self.monitor.apply_settings, settings)
        return True

    async def async_annotated_jpeg(
        self, camera_id: str, blur_people: bool, language: str
    ) -> bytes | None:
        """Rendered off the loop."""
        return await self.hass.async_add_executor_job(
            self.monitor.annotated_jpeg, camera_id, blur_people, language
        )

    def state_to_save(self) -> dict[str, Any]:
        """The seat statuses, for `Monitor(restore=...)` after a restart."""
        return {"seats": self.monitor.seat_statuses()}


class LocalFrameProbe:
    """Grabbed and drawn on here, with the library's capture and drawing modules."""

    def __init__(self, hass: HomeAssistant, timeout_s: float, model: str = MODEL_BUNDLED) -> None:
        """Nothing grabbed yet; a grab waits `timeout_s` for the source; people are found with
        `model` when a preview is to be blurred."""
        self.hass = hass
        self.timeout_s = timeout_s
        self.model = model
        self.width = self.height = 0
        self._frame: Frame | None = None
        self._detector: Detector | None = None

    async def async_grab(self, source: str | Image) -> None:
        """Grab from the source URL, or decode the still."""
        try:
            from seatsense import sources as frame_sources
        except ImportError as err:
            # A local site on a system where the `detect` extra went missing.
            raise GrabFailed("detect_unavailable") from err
        try:
            if isinstance(source, str):
                frame = await self.hass.async_add_executor_job(
                    frame_sources.grab_one, source, self.timeout_s
                )
            else:
                frame = await self.hass.async_add_executor_job(
                    frame_sources.decode_image, source.content
                )
        except frame_sources.CaptureError as err:
            raise GrabFailed(err.reason) from err
        self._frame = frame
        self.height, self.width = frame.shape[:2]

    async def async_preview(
        self, seats: tuple[Seat, ...], blur_people: bool, bad: tuple[BadSeat, ...] = ()
    ) -> bytes:
        """Draw the seats (and the `bad` lines, marked) in the executor; with `blur_people`,
        find the people first (the model is loaded once per probe) and blur them."""
        assert self._frame is not None
        frame = self._frame
        if blur_people:
            from seatsense.vision.draw import blurred
            from seatsense.vision.evidence import EvidenceSettings

            detector = await self._async_detector()
            conf = EvidenceSettings().detection_conf
            frame = await self.hass.async_add_executor_job(blurred, frame, detector, conf)
        return await self.hass.async_add_executor_job(_render_preview, frame, seats, bad)

    async def _async_detector(self) -> Detector:
        from seatsense.vision.detect import ModelError, load_detector

        if self._detector is None:
            try:
                self._detector = await self.hass.async_add_executor_job(load_detector, self.model)
            except ModelError as err:
                # Without people found, the picture must not be shown at all.
                raise GrabFailed("privacy_unavailable") from err
        return self._detector


def _render_preview(frame: Frame, seats: tuple[Seat, ...], bad: tuple[BadSeat, ...]) -> bytes:
    """The frame with the seat polygons and ids drawn, refused lines marked, as JPEG (runs in
    the executor)."""
    from seatsense.vision import draw

    invalid = [draw.InvalidSeat(seat.label, seat.points) for seat in bad]
    return draw.encode_jpeg(draw.draw_layout(frame, seats, invalid=invalid))

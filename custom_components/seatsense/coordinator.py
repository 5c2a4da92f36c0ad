"""The push coordinator: one site's backend (local monitor or seatsense server) mapped onto HA."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from homeassistant.components.camera import async_get_image
from homeassistant.config_entries import ConfigEntry, ConfigSubentry
from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import issue_registry as ir
from homeassistant.helpers.event import async_track_time_change, async_track_time_interval
from homeassistant.helpers.storage import Store
from homeassistant.helpers.update_coordinator import DataUpdateCoordinator, UpdateFailed
from homeassistant.util import dt as dt_util

from seatsense.core.engine import EngineSettings, Event, EventType, SeatState, SeatStatus
from seatsense.core.layout import Camera, Seat, Site, parse_seat_lines
from seatsense.core.stats import site_summary
from seatsense.core.status import CameraStatus, MonitorUpdate
from seatsense.core.urls import nvr_url, scrub_credentials, with_credentials
from seatsense.sources.registry import HOMEASSISTANT_SCHEME

from .backend import Backend
from .const import (
    CAMERA_OFFLINE_ISSUE_AFTER_S,
    CONF_ABANDONED_AFTER_S,
    CONF_CHANNEL,
    CONF_ENTER_SAMPLES,
    CONF_ENTITY_ID,
    CONF_EXIT_GRACE_S,
    CONF_HEIGHT,
    CONF_HOST,
    CONF_INTERVAL_S,
    CONF_MODE,
    CONF_MODEL,
    CONF_PASSWORD,
    CONF_PORT,
    CONF_PRIVACY_BLUR,
    CONF_SEATS,
    CONF_SOURCE_TYPE,
    CONF_STREAM,
    CONF_URL,
    CONF_USERNAME,
    CONF_VENDOR,
    CONF_WIDTH,
    DEFAULT_OPTIONS,
    DOMAIN,
    MODEL_BUNDLED,
    SAVE_DELAY_S,
    STORAGE_VERSION,
    SUBENTRY_CAMERA,
    Mode,
    SourceType,
)

_LOGGER = logging.getLogger(__name__)

type SeatsenseConfigEntry = ConfigEntry[SeatsenseCoordinator]


def source_url(data: Mapping[str, Any]) -> str | None:
    """The library source string (with credentials) of an RTSP or NVR camera; None otherwise."""
    kind = data[CONF_SOURCE_TYPE]
    username = data.get(CONF_USERNAME) or None
    password = data.get(CONF_PASSWORD) or None
    if kind == SourceType.RTSP:
        url = data[CONF_URL]
        # The URL field also takes a video file or an image folder (replays), which have no login.
        return with_credentials(url, username, password) if "://" in url else url
    if kind == SourceType.NVR:
        return nvr_url(
            data[CONF_VENDOR],
            data[CONF_HOST],
            int(data[CONF_CHANNEL]),
            stream=data.get(CONF_STREAM, "sub"),
            port=int(data.get(CONF_PORT, 554)),
            username=username,
            password=password,
        )
    return None


def mode_of(entry: ConfigEntry) -> Mode:
    """Where the site's detection runs (sites made before remote mode existed are local)."""
    return Mode(entry.data.get(CONF_MODE, Mode.LOCAL))


def options_of(entry: ConfigEntry) -> dict[str, Any]:
    """The site's options with defaults filled in."""
    return {**DEFAULT_OPTIONS, **entry.options}


def camera_subentries(entry: ConfigEntry) -> list[ConfigSubentry]:
    """The camera subentries of a site, in a stable order."""
    return [s for s in entry.subentries.values() if s.subentry_type == SUBENTRY_CAMERA]


def entity_cameras(entry: ConfigEntry) -> dict[str, str]:
    """Camera id -> HA camera entity, for the cameras whose stills HA fetches and pushes."""
    return {
        subentry.subentry_id: subentry.data[CONF_ENTITY_ID]
        for subentry in camera_subentries(entry)
        if subentry.data[CONF_SOURCE_TYPE] == SourceType.ENTITY
    }


def build_site(entry: ConfigEntry) -> Site:
    """The library's `Site` for a config entry; camera ids are the subentry ids (stable)."""
    options = options_of(entry)
    cameras = []
    for subentry in camera_subentries(entry):
        data = subentry.data
        width, height = int(data[CONF_WIDTH]), int(data[CONF_HEIGHT])
        seats = parse_seat_lines(data[CONF_SEATS], width, height, where=subentry.title)
        source = (
            f"{HOMEASSISTANT_SCHEME}:{data[CONF_ENTITY_ID]}"
            if data[CONF_SOURCE_TYPE] == SourceType.ENTITY
            else source_url(data)
        )
        cameras.append(
            Camera(
                id=subentry.subentry_id,
                width=width,
                height=height,
                seats=seats,
                source=source,
                name=subentry.title,
            )
        )
    return Site(
        name=entry.title,
        cameras=tuple(cameras),
        interval_s=float(options[CONF_INTERVAL_S]),
        model=entry.data.get(CONF_MODEL, MODEL_BUNDLED),
        settings=EngineSettings(
            enter_samples=int(options[CONF_ENTER_SAMPLES]),
            exit_grace_s=float(options[CONF_EXIT_GRACE_S]),
            abandoned_after_s=float(options[CONF_ABANDONED_AFTER_S]),
        ),
    )


def monitor_clock() -> float:
    """The monitor's clock: HA's, so recorded times and HA's timers agree."""
    return dt_util.utcnow().timestamp()


@dataclass
class TodayLog:
    """Seat events of the current local day, for the site's daily figures (restored on restart)."""

    day: str
    events: list[Event] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready."""
        return {"day": self.day, "events": [e.to_dict() for e in self.events]}

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any] | None, today: str) -> TodayLog:
        """Read back a stored log; a log of another day starts empty."""
        if not raw or raw.get("day") != today:
            return cls(today)
        return cls(today, [Event.from_dict(e) for e in raw.get("events", [])])


@dataclass(frozen=True)
class SiteFigures:
    """Today's operating figures of the site."""

    entries: int
    turnover: float | None
    average_stay_s: float | None


class SeatsenseCoordinator(DataUpdateCoordinator[MonitorUpdate]):
    """Receives the backend's updates and hands them to entities; knows nothing of the mode."""

    config_entry: SeatsenseConfigEntry

    def __init__(
        self,
        hass: HomeAssistant,
        entry: SeatsenseConfigEntry,
        site: Site,
        backend: Backend,
        store: Store[dict[str, Any]],
        stored: Mapping[str, Any] | None,
        entity_sources: Mapping[str, str] | None = None,
    ) -> None:
        """Wrap a created (not yet started) backend.

        `entity_sources`: camera id -> HA camera entity whose stills are pushed to the backend.
        """
        super().__init__(
            hass, _LOGGER, config_entry=entry, name=f"{DOMAIN} {entry.title}", always_update=True
        )
        self.site = site
        self.backend = backend
        self.store = store
        self.privacy_blur = bool(options_of(entry)[CONF_PRIVACY_BLUR])
        self.cameras: dict[str, Camera] = {c.id: c for c in site.cameras}
        self.subentries: dict[str, ConfigSubentry] = dict(entry.subentries)
        self.today = TodayLog.from_dict((stored or {}).get("today"), self._today())
        self.figures = self._figures()
        self._offline_since: dict[str, float] = {}
        self.entity_sources = dict(entity_sources or {})
        self._pulling = False
        self._unsubs: list[CALLBACK_TYPE] = []

    # -- lifecycle ------------------------------------------------------------------------------

    async def async_start(self) -> None:
        """Start the backend and begin receiving its updates (raises `BackendError`s)."""
        self.data = await self.backend.async_start(self)
        self._unsubs.append(
            async_track_time_change(self.hass, self._async_new_day, hour=0, minute=0, second=0)
        )
        if self.entity_sources:
            self._unsubs.append(
                async_track_time_interval(
                    self.hass,
                    self._async_pull_timer,
                    timedelta(seconds=self.site.interval_s),
                    name=f"{DOMAIN} camera entity frames",
                    cancel_on_shutdown=True,
                )
            )

    async def async_stop(self) -> None:
        """Stop the backend and save the seat clocks and today's events."""
        while self._unsubs:
            self._unsubs.pop()()
        await self.backend.async_stop()
        await self.store.async_save(self._data_to_save())

    # -- frames of HA camera entities ---------------------------------------------------------

    async def _async_pull_timer(self, now: datetime) -> None:
        if self._pulling:  # a slow camera entity: skip a beat rather than pile up requests
            return
        self._pulling = True
        try:
            await self.async_pull_entity_frames()
        finally:
            self._pulling = False

    async def async_pull_entity_frames(self) -> None:
        """Fetch a still from every HA camera entity source and hand it to the backend."""
        await asyncio.gather(
            *(
                self._async_pull_one(camera_id, entity_id)
                for camera_id, entity_id in self.entity_sources.items()
            )
        )

    async def _async_pull_one(self, camera_id: str, entity_id: str) -> None:
        # Capture time is when HA was asked: the camera entity gives no better one.
        time_s = monitor_clock()
        try:
            image = await async_get_image(self.hass, entity_id)
        except HomeAssistantError as err:
            self.backend.frame_failed(camera_id, scrub_credentials(f"{entity_id}: {err}"))
            return
        await self.backend.async_push_frame(camera_id, image.content, time_s)

    # -- backend updates ------------------------------------------------------------------------

    @callback
    def async_handle_update(self, update: MonitorUpdate) -> None:
        """Process one update of the backend on the loop."""
        if not self.last_update_success:
            _LOGGER.info("%s: updates are back", self.config_entry.title)
        new_day = self._today() != self.today.day
        if new_day:
            self.today = TodayLog(self._today())
        # Only arrivals and departures make the daily figures; they are recomputed when those come.
        daily = [e for e in update.events if e.type in _DAILY_EVENTS and e.seat_id is not None]
        self.today.events.extend(daily)
        if daily or new_day:
            self.figures = self._figures()
        self._track_health(update)
        self.async_set_updated_data(update)
        self.store.async_delay_save(self._data_to_save, SAVE_DELAY_S)

    @callback
    def async_connection_lost(self, error: str) -> None:
        """The backend cannot deliver for now: every entity goes unavailable until it can."""
        self.async_set_update_error(
            UpdateFailed(
                translation_domain=DOMAIN,
                translation_key="server_unreachable",
                translation_placeholders={"site": self.config_entry.title, "error": error},
            )
        )

    @callback
    def async_auth_failed(self) -> None:
        """The server refused the token: unavailable, and the user is asked for a new one."""
        self.async_set_update_error(
            UpdateFailed(
                translation_domain=DOMAIN,
                translation_key="invalid_auth",
                translation_placeholders={"site": self.config_entry.title},
            )
        )
        self.config_entry.async_start_reauth(self.hass)

    @callback
    def _async_new_day(self, now: datetime) -> None:
        self.today = TodayLog(self._today())
        self.figures = self._figures()
        self.async_update_listeners()

    def _track_health(self, update: MonitorUpdate) -> None:
        for camera_id, status in update.cameras.items():
            if camera_id not in self.cameras:  # a server's own camera, not one of this site
                continue
            issue_id = f"camera_offline_{self.config_entry.entry_id}_{camera_id}"
            if status.online:
                if self._offline_since.pop(camera_id, None) is not None:
                    ir.async_delete_issue(self.hass, DOMAIN, issue_id)
                continue
            since = self._offline_since.setdefault(camera_id, update.time_s)
            if update.time_s - since >= CAMERA_OFFLINE_ISSUE_AFTER_S:
                ir.async_create_issue(
                    self.hass,
                    DOMAIN,
                    issue_id,
                    is_fixable=False,
                    severity=ir.IssueSeverity.WARNING,
                    translation_key="camera_offline",
                    translation_placeholders={
                        "camera": self.camera_name(camera_id),
                        "site": self.config_entry.title,
                        "minutes": str(int((update.time_s - since) // 60)),
                    },
                )

    async def async_reset_seat(self, camera_id: str, seat_id: str) -> None:
        """Reset a seat; its new status and closing events arrive as an update."""
        await self.backend.async_reset_seat(camera_id, seat_id)

    async def async_capture_baseline(self, camera_id: str, seat_id: str | None) -> None:
        """Learn the empty reference of a seat (or of every seat of the camera) from now."""
        await self.backend.async_capture_baseline(camera_id, seat_id)

    # -- reading --------------------------------------------------------------------------------

    @property
    def now_s(self) -> float:
        """The time of the latest update (frame time): what every clock is measured against."""
        return self.data.time_s

    def camera_status(self, camera_id: str) -> CameraStatus | None:
        """The latest status of a camera."""
        return self.data.cameras.get(camera_id)

    def seat_status(self, camera_id: str, seat_id: str) -> SeatStatus | None:
        """The latest status of a seat."""
        camera = self.camera_status(camera_id)
        return camera.seats.get(seat_id) if camera else None

    def camera_name(self, camera_id: str) -> str:
        """The camera's name as the user gave it."""
        return self.cameras[camera_id].name or camera_id

    def seats(self) -> list[tuple[Camera, Seat]]:
        """Every seat of the site."""
        return [(camera, seat) for camera in self.site.cameras for seat in camera.seats]

    def seat_states(self) -> list[SeatState]:
        """The current state of every seat (unknown where there is no status yet)."""
        states = []
        for camera, seat in self.seats():
            status = self.seat_status(camera.id, seat.id)
            states.append(status.state if status else SeatState.UNKNOWN)
        return states

    async def async_annotated_jpeg(self, camera_id: str) -> bytes | None:
        """The camera's latest frame, annotated (and blurred when privacy is on)."""
        return await self.backend.async_annotated_jpeg(camera_id, self.privacy_blur)

    def _figures(self) -> SiteFigures:
        keys = [(camera.id, seat.id) for camera, seat in self.seats()]
        start = dt_util.start_of_local_day().timestamp()
        events = self.today.events
        end = max([dt_util.utcnow().timestamp(), *(e.time_s + 1 for e in events)])
        summary = site_summary(events, keys, start, end, dt_util.get_default_time_zone())
        return SiteFigures(
            entries=summary.entries,
            turnover=round(summary.entries / len(keys), 2) if keys else None,
            average_stay_s=summary.average_stay_s,
        )

    def _data_to_save(self) -> dict[str, Any]:
        return {**self.backend.state_to_save(), "today": self.today.to_dict()}

    @staticmethod
    def _today() -> str:
        return dt_util.now().date().isoformat()


_DAILY_EVENTS = frozenset({EventType.PERSON_ENTER, EventType.PERSON_LEAVE})


def restore_statuses(stored: Mapping[str, Any] | None) -> dict[str, dict[str, Any]] | None:
    """The stored seat statuses in the form `Monitor(restore=...)` takes."""
    if not stored or not isinstance(stored.get("seats"), dict):
        return None
    return dict(stored["seats"])


def stored_seq(stored: Mapping[str, Any] | None) -> int | None:
    """The last server sequence number a remote site handed on, if any."""
    seq = (stored or {}).get("seq")
    return seq if isinstance(seq, int) else None


def storage(hass: HomeAssistant, entry: ConfigEntry) -> Store[dict[str, Any]]:
    """The store that keeps a site's seat statuses and today's events across restarts."""
    return Store(hass, STORAGE_VERSION, f"{DOMAIN}.{entry.entry_id}")

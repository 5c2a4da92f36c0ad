"""The push coordinator: one site's backend (local monitor or seatsense server) mapped onto HA."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from homeassistant.components.camera import async_get_image
from homeassistant.config_entries import ConfigSubentry
from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import issue_registry as ir
from homeassistant.helpers.event import async_track_time_change, async_track_time_interval
from homeassistant.helpers.storage import Store
from homeassistant.helpers.update_coordinator import DataUpdateCoordinator, UpdateFailed
from homeassistant.util import dt as dt_util

from seatsense.core.engine import SeatStatus
from seatsense.core.figures import SiteFigures, SiteSnapshot, TodayLog
from seatsense.core.layout import Camera, Seat, Site
from seatsense.core.status import CameraStatus, MonitorUpdate
from seatsense.core.urls import scrub_credentials

from .backend import Backend, monitor_clock
from .const import (
    CAMERA_OFFLINE_ISSUE_AFTER_S,
    CONF_ABANDONED_AFTER_MIN,
    CONF_ENTER_SAMPLES,
    CONF_EXIT_GRACE_MIN,
    CONF_PRIVACY_BLUR,
    DOMAIN,
    SAVE_DELAY_S,
)
from .site import SeatsenseConfigEntry, build_site, options_of

_LOGGER = logging.getLogger(__name__)


THRESHOLD_OPTIONS = frozenset({CONF_ENTER_SAMPLES, CONF_EXIT_GRACE_MIN, CONF_ABANDONED_AFTER_MIN})
LIVE_OPTIONS = THRESHOLD_OPTIONS | {CONF_PRIVACY_BLUR}
"""Options a running site takes without a reload."""


@dataclass(frozen=True)
class _EntrySetup:
    """What a site was started with: a later change of anything but the options reloads."""

    data: dict[str, Any]
    cameras: dict[str, tuple[str, dict[str, Any]]]
    options: dict[str, Any]


def _entry_setup(entry: SeatsenseConfigEntry) -> _EntrySetup:
    return _EntrySetup(
        data=dict(entry.data),
        cameras={sid: (sub.title, dict(sub.data)) for sid, sub in entry.subentries.items()},
        options=options_of(entry),
    )


@dataclass(frozen=True)
class GeneratedReport:
    """A utilisation report written for the site: its local days, folder and files."""

    first_day: date
    last_day: date
    directory: Path
    files: tuple[Path, ...]
    made: datetime

    @property
    def html(self) -> Path:
        """The page, with every figure inside it."""
        return self.directory / "report.html"

    @property
    def main_figure(self) -> Path:
        """The seat x hour-of-day heatmap, shown by the site's report image."""
        return self.directory / "heatmap.png"


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
        self._applied = _entry_setup(entry)
        self.cameras: dict[str, Camera] = {c.id: c for c in site.cameras}
        self.subentries: dict[str, ConfigSubentry] = dict(entry.subentries)
        self.today = TodayLog.from_dict((stored or {}).get("today"), self._today())
        self.figures = self._figures()
        self._offline_since: dict[str, float] = {}
        self.entity_sources = dict(entity_sources or {})
        self._pulling = False
        self._unsubs: list[CALLBACK_TYPE] = []
        self.latest_report: GeneratedReport | None = None
        """The newest report written for the site (daily or by the action)."""

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

    @callback
    def async_on_stop(self, unsubscribe: CALLBACK_TYPE) -> None:
        """Call `unsubscribe` (a timer's) when the site stops: unloaded, or Home Assistant
        stopping (which unloads no entry)."""
        self._unsubs.append(unsubscribe)

    async def async_stop(self) -> None:
        """Stop the backend and save the seat clocks and today's events."""
        while self._unsubs:
            self._unsubs.pop()()
        await self.backend.async_stop()
        await self.store.async_save(self._data_to_save())

    async def async_apply_options(self) -> bool:
        """Take the site's new options without a reload where that is possible, so no seat
        goes unavailable: privacy here, thresholds in the running backend. False when the
        entry changed in another way (cameras, model, interval, sensitivity): reload then."""
        entry = self.config_entry
        setup = _entry_setup(entry)
        changed = {
            key for key in setup.options if setup.options[key] != self._applied.options.get(key)
        }
        if setup.data != self._applied.data or setup.cameras != self._applied.cameras:
            return False
        if changed - LIVE_OPTIONS:
            return False
        site = build_site(entry)
        if changed & THRESHOLD_OPTIONS and not await self.backend.async_apply_settings(
            site.settings
        ):
            return False
        self.site = site
        self.privacy_blur = bool(setup.options[CONF_PRIVACY_BLUR])
        self._applied = setup
        self.async_update_listeners()
        return True

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
        if self.today.record(update.events) or new_day:
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

    async def async_annotated_jpeg(self, camera_id: str) -> bytes | None:
        """The camera's latest frame, annotated in the server's language (Settings > System >
        General), people blurred when privacy is on."""
        return await self.backend.async_annotated_jpeg(
            camera_id, self.privacy_blur, self.hass.config.language
        )

    def site_snapshot(self) -> SiteSnapshot:
        """Every seat's state and today's figures, for the site's figures; the seats of an
        offline camera count as unknown (they are not seen)."""
        statuses = [
            self.seat_status(camera.id, seat.id) if self._online(camera.id) else None
            for camera, seat in self.seats()
        ]
        return SiteSnapshot.of(statuses, self.figures)

    def _online(self, camera_id: str) -> bool:
        camera = self.camera_status(camera_id)
        return camera is not None and camera.online

    def _figures(self) -> SiteFigures:
        return self.today.figures(
            [(camera.id, seat.id) for camera, seat in self.seats()],
            day_start_s=dt_util.start_of_local_day().timestamp(),
            now_s=dt_util.utcnow().timestamp(),
            tz=dt_util.get_default_time_zone(),
        )

    def _data_to_save(self) -> dict[str, Any]:
        return {**self.backend.state_to_save(), "today": self.today.to_dict()}

    @staticmethod
    def _today() -> str:
        return dt_util.now().date().isoformat()

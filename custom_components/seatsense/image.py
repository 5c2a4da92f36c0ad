"""Image entities: each camera's latest frame, annotated (people blurred when privacy is on),
and the site's latest utilisation report (its seat x hour-of-day heatmap)."""

from __future__ import annotations

from pathlib import Path

from homeassistant.components.image import ImageEntity, ImageEntityDescription
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.util import dt as dt_util

from .coordinator import GeneratedReport, SeatsenseCoordinator
from .entity import CameraDeviceEntity, SiteEntity
from .report_files import async_report_link
from .site import SeatsenseConfigEntry

PARALLEL_UPDATES = 0

IMAGE_REFRESH_S = 10.0
"""Dashboards are handed a fresh picture at most this often, not at every sample."""

ANNOTATED = ImageEntityDescription(key="annotated", translation_key="annotated")
REPORT = ImageEntityDescription(key="report", translation_key="report")


async def async_setup_entry(
    hass: HomeAssistant,
    entry: SeatsenseConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """The site's report, and one annotated image per camera."""
    coordinator = entry.runtime_data
    async_add_entities([ReportImage(hass, coordinator)])
    for camera in coordinator.site.cameras:
        async_add_entities(
            [AnnotatedImage(hass, coordinator, camera.id)], config_subentry_id=camera.id
        )


class AnnotatedImage(CameraDeviceEntity, ImageEntity):
    """The camera's latest frame with seats, states and people drawn.

    The picture changes with every sample, but its state (`image_last_updated`) only says
    since when the camera has been sending pictures: a state change per refresh would fill the
    logbook and the history with "Annotated picture changed to ..." entries. Dashboards learn
    of a fresh picture through its URL instead: a new access token (an attribute, which is
    neither recorded nor logged) every `IMAGE_REFRESH_S`.
    """

    entity_description = ANNOTATED
    _attr_content_type = "image/jpeg"

    def __init__(
        self, hass: HomeAssistant, coordinator: SeatsenseCoordinator, camera_id: str
    ) -> None:
        """Describe it."""
        super().__init__(coordinator, camera_id, ANNOTATED.key)
        ImageEntity.__init__(self, hass)
        self._refreshed_s: float | None = None

    @callback
    def _handle_coordinator_update(self) -> None:
        now = self.coordinator.now_s
        if not self.camera_online:
            self._refreshed_s = None  # the next picture starts a new run
        elif self._refreshed_s is None:
            self._refreshed_s = now
            self._attr_image_last_updated = dt_util.utc_from_timestamp(now)
        elif now - self._refreshed_s >= IMAGE_REFRESH_S:
            self._refreshed_s = now
            self.async_update_token()
        super()._handle_coordinator_update()

    async def async_image(self) -> bytes | None:
        """The annotated JPEG, rendered off the loop."""
        return await self.coordinator.async_annotated_jpeg(self.camera_id)


class ReportImage(SiteEntity, ImageEntity):
    """The main figure of the site's latest report (daily, or by `seatsense.generate_report`):
    occupancy % by seat and hour of day. Its state is when that report was written; the
    report's days and files are attributes."""

    entity_description = REPORT
    _attr_content_type = "image/png"
    # A signed link changes with every report: no history of it.
    _unrecorded_attributes = frozenset({"url"})

    def __init__(self, hass: HomeAssistant, coordinator: SeatsenseCoordinator) -> None:
        """Describe it."""
        super().__init__(coordinator, REPORT.key)
        ImageEntity.__init__(self, hass)
        self.hass = hass  # the report's link is signed before the entity is added
        self._shown: GeneratedReport | None = None
        self._attr_image_last_updated = None
        self._show_latest()

    @callback
    def _handle_coordinator_update(self) -> None:
        self._show_latest()
        super()._handle_coordinator_update()

    def _show_latest(self) -> None:
        report = self.coordinator.latest_report
        if report is not self._shown:
            self._shown = report
            self._attr_image_last_updated = report.made if report is not None else None
            self._attr_extra_state_attributes = (
                {
                    "start": str(report.first_day),
                    "end": str(report.last_day),
                    "html": str(report.html),
                    "url": async_report_link(
                        self.hass, self.coordinator.config_entry.entry_id, report, content_user=True
                    ),
                }
                if report is not None
                else {}
            )

    @property
    def available(self) -> bool:
        """Always: the report is of the past, whatever the cameras or the server do now
        (without a report yet its state is unknown)."""
        return True

    async def async_image(self) -> bytes | None:
        """The heatmap's PNG, read off the loop."""
        report = self.coordinator.latest_report
        if report is None:
            return None
        return await self.hass.async_add_executor_job(_read, report.main_figure)


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:  # the folder was cleared by hand
        return None

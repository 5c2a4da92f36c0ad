"""Sensors: seat state and clocks, camera people count and health, site figures.

Each table row is a figure of the library's catalogue (`seatsense.core.figures`), which says
its key, translation key, device class, unit and how its value is read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from homeassistant.components.sensor import (
    SensorDeviceClass,
    SensorEntity,
    SensorEntityDescription,
    SensorStateClass,
)
from homeassistant.const import EntityCategory
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.helpers.typing import StateType

from seatsense.core import figures
from seatsense.core.engine import SeatStatus
from seatsense.core.figures import Figure, FigureValue, SiteSnapshot
from seatsense.core.status import CameraStatus

from .coordinator import SeatsenseCoordinator
from .entity import CameraDeviceEntity, SeatDeviceEntity, SiteEntity
from .site import SeatsenseConfigEntry

PARALLEL_UPDATES = 0


@dataclass(frozen=True, kw_only=True)
class FigureSensorEntityDescription[Owner](SensorEntityDescription):
    """A sensor of a seat, a camera or the site: its value read from its owner's status."""

    value_fn: Callable[[Owner, float], FigureValue]
    """The value from the owner and the update time (the catalogue's function)."""
    follows_camera: bool
    """Unavailable while the camera is offline."""


def describe[Owner](figure: Figure[Owner]) -> FigureSensorEntityDescription[Owner]:
    """The sensor description of a figure of the catalogue."""
    return FigureSensorEntityDescription(
        key=figure.key,
        translation_key=figure.translation_key,
        device_class=None
        if figure.device_class is None
        else SensorDeviceClass(figure.device_class),
        native_unit_of_measurement=figure.unit,
        state_class=None if figure.state_class is None else SensorStateClass(figure.state_class),
        options=list(figure.options) or None,
        suggested_display_precision=figure.display_precision,
        entity_category=EntityCategory.DIAGNOSTIC if figure.diagnostic else None,
        entity_registry_enabled_default=figure.enabled_by_default,
        value_fn=figure.value_fn,
        follows_camera=figure.follows_camera,
    )


def _sensors[Owner](
    catalogue: tuple[Figure[Owner], ...],
) -> tuple[FigureSensorEntityDescription[Owner], ...]:
    return tuple(describe(f) for f in catalogue if f.platform is figures.Platform.SENSOR)


SEAT_SENSORS = _sensors(figures.SEAT_FIGURES)
CAMERA_SENSORS = _sensors(figures.CAMERA_FIGURES)
SITE_SENSORS = _sensors(figures.SITE_FIGURES)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: SeatsenseConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Sensors for the site, each camera (in its subentry) and each seat."""
    coordinator = entry.runtime_data
    async_add_entities(SiteSensor(coordinator, d) for d in SITE_SENSORS)
    for camera in coordinator.site.cameras:
        entities: list[SensorEntity] = [
            CameraSensor(coordinator, camera.id, d) for d in CAMERA_SENSORS
        ]
        entities.extend(
            SeatSensor(coordinator, camera.id, seat.id, d)
            for seat in camera.seats
            for d in SEAT_SENSORS
        )
        async_add_entities(entities, config_subentry_id=camera.id)


class SeatSensor(SeatDeviceEntity, SensorEntity):
    """A sensor of one seat."""

    entity_description: FigureSensorEntityDescription[SeatStatus]

    def __init__(
        self,
        coordinator: SeatsenseCoordinator,
        camera_id: str,
        seat_id: str,
        description: FigureSensorEntityDescription[SeatStatus],
    ) -> None:
        """Describe it."""
        super().__init__(coordinator, camera_id, seat_id, description.key)
        self.entity_description = description

    @property
    def native_value(self) -> StateType | datetime:
        """From the seat's latest status; unknown while its camera is offline."""
        status = self.coordinator.seat_status(self.camera_id, self.seat_id)
        if status is None or (self.entity_description.follows_camera and not self.camera_online):
            return None
        return self.entity_description.value_fn(status, self.coordinator.now_s)


class CameraSensor(CameraDeviceEntity, SensorEntity):
    """A sensor of one camera."""

    entity_description: FigureSensorEntityDescription[CameraStatus]

    def __init__(
        self,
        coordinator: SeatsenseCoordinator,
        camera_id: str,
        description: FigureSensorEntityDescription[CameraStatus],
    ) -> None:
        """Describe it."""
        super().__init__(coordinator, camera_id, description.key)
        self.entity_description = description

    @property
    def available(self) -> bool:
        """Whenever updates arrive: an offline camera's figures are unknown, not unavailable."""
        return self.coordinator.last_update_success

    @property
    def native_value(self) -> StateType | datetime:
        """From the camera's latest status; what it sees is unknown while it is offline,
        its health figures stay readable."""
        status = self.coordinator.camera_status(self.camera_id)
        if status is None or (self.entity_description.follows_camera and not self.camera_online):
            return None
        return self.entity_description.value_fn(status, self.coordinator.now_s)


class SiteSensor(SiteEntity, SensorEntity):
    """A figure of the whole site."""

    entity_description: FigureSensorEntityDescription[SiteSnapshot]

    def __init__(
        self,
        coordinator: SeatsenseCoordinator,
        description: FigureSensorEntityDescription[SiteSnapshot],
    ) -> None:
        """Describe it."""
        super().__init__(coordinator, description.key)
        self.entity_description = description

    @property
    def native_value(self) -> StateType | datetime:
        """From every seat's state and today's figures."""
        return self.entity_description.value_fn(
            self.coordinator.site_snapshot(), self.coordinator.now_s
        )

"""Sensors: seat state and clocks, camera people count and health, site figures."""

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
from homeassistant.const import PERCENTAGE, EntityCategory, UnitOfTime
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.helpers.typing import StateType
from homeassistant.util import dt as dt_util

from seatsense.core.engine import SeatState, SeatStatus
from seatsense.core.status import CameraStatus

from .coordinator import SeatsenseConfigEntry, SeatsenseCoordinator
from .entity import CameraDeviceEntity, SeatDeviceEntity, SiteEntity

PARALLEL_UPDATES = 0


def _whole_minutes(seconds: float | None) -> int | None:
    """Whole minutes, so a clock sensor changes at most once a minute."""
    return None if seconds is None else int(seconds // 60)


def _timestamp(seconds: float | None) -> datetime | None:
    return None if seconds is None else dt_util.utc_from_timestamp(seconds)


@dataclass(frozen=True, kw_only=True)
class SeatSensorEntityDescription(SensorEntityDescription):
    """A seat sensor: its value from the seat's status at the latest update time."""

    value_fn: Callable[[SeatStatus, float], StateType | datetime]


SEAT_SENSORS: tuple[SeatSensorEntityDescription, ...] = (
    SeatSensorEntityDescription(
        key="state",
        translation_key="seat_state",
        device_class=SensorDeviceClass.ENUM,
        options=[state.value for state in SeatState],
        value_fn=lambda status, now: status.state.value,
    ),
    SeatSensorEntityDescription(
        key="vacant_minutes",
        translation_key="vacant_minutes",
        device_class=SensorDeviceClass.DURATION,
        native_unit_of_measurement=UnitOfTime.MINUTES,
        state_class=SensorStateClass.MEASUREMENT,
        value_fn=lambda status, now: _whole_minutes(status.vacant_s(now)),
    ),
    SeatSensorEntityDescription(
        key="vacant_since",
        translation_key="vacant_since",
        device_class=SensorDeviceClass.TIMESTAMP,
        value_fn=lambda status, now: (
            _timestamp(status.vacant_since_s) if status.vacant_s(now) is not None else None
        ),
    ),
    SeatSensorEntityDescription(
        key="stay_minutes",
        translation_key="stay_minutes",
        device_class=SensorDeviceClass.DURATION,
        native_unit_of_measurement=UnitOfTime.MINUTES,
        state_class=SensorStateClass.MEASUREMENT,
        value_fn=lambda status, now: _whole_minutes(status.stay_s(now)),
    ),
    SeatSensorEntityDescription(
        key="last_stay_minutes",
        translation_key="last_stay_minutes",
        device_class=SensorDeviceClass.DURATION,
        native_unit_of_measurement=UnitOfTime.MINUTES,
        state_class=SensorStateClass.MEASUREMENT,
        suggested_display_precision=0,
        value_fn=lambda status, now: (
            None if status.last_stay_s is None else round(status.last_stay_s / 60, 1)
        ),
    ),
)


@dataclass(frozen=True, kw_only=True)
class CameraSensorEntityDescription(SensorEntityDescription):
    """A camera sensor: its value from the camera's status."""

    value_fn: Callable[[CameraStatus], StateType]


CAMERA_SENSORS: tuple[CameraSensorEntityDescription, ...] = (
    CameraSensorEntityDescription(
        key="people",
        translation_key="people",
        state_class=SensorStateClass.MEASUREMENT,
        value_fn=lambda camera: camera.people,
    ),
    CameraSensorEntityDescription(
        key="fps",
        translation_key="fps",
        native_unit_of_measurement="fps",
        state_class=SensorStateClass.MEASUREMENT,
        suggested_display_precision=1,
        entity_category=EntityCategory.DIAGNOSTIC,
        entity_registry_enabled_default=False,
        value_fn=lambda camera: camera.health.get("input_fps"),
    ),
    CameraSensorEntityDescription(
        key="frame_age",
        translation_key="frame_age",
        device_class=SensorDeviceClass.DURATION,
        native_unit_of_measurement=UnitOfTime.SECONDS,
        state_class=SensorStateClass.MEASUREMENT,
        suggested_display_precision=1,
        entity_category=EntityCategory.DIAGNOSTIC,
        entity_registry_enabled_default=False,
        value_fn=lambda camera: camera.health.get("frame_age_s"),
    ),
)


def _occupancy_rate(coordinator: SeatsenseCoordinator) -> float | None:
    known = [s for s in coordinator.seat_states() if s is not SeatState.UNKNOWN]
    if not known:
        return None
    return round(100 * sum(s is SeatState.OCCUPIED for s in known) / len(known), 1)


def _average_stay_minutes(coordinator: SeatsenseCoordinator) -> float | None:
    stay = coordinator.figures.average_stay_s
    return None if stay is None else round(stay / 60, 1)


@dataclass(frozen=True, kw_only=True)
class SiteSensorEntityDescription(SensorEntityDescription):
    """A site sensor: its value from the whole coordinator."""

    value_fn: Callable[[SeatsenseCoordinator], StateType]


SITE_SENSORS: tuple[SiteSensorEntityDescription, ...] = (
    SiteSensorEntityDescription(
        key="occupied_seats",
        translation_key="occupied_seats",
        state_class=SensorStateClass.MEASUREMENT,
        value_fn=lambda c: sum(s is SeatState.OCCUPIED for s in c.seat_states()),
    ),
    SiteSensorEntityDescription(
        key="occupancy_rate",
        translation_key="occupancy_rate",
        native_unit_of_measurement=PERCENTAGE,
        state_class=SensorStateClass.MEASUREMENT,
        value_fn=_occupancy_rate,
    ),
    SiteSensorEntityDescription(
        key="abandoned_seats",
        translation_key="abandoned_seats",
        state_class=SensorStateClass.MEASUREMENT,
        value_fn=lambda c: sum(s is SeatState.ABANDONED for s in c.seat_states()),
    ),
    SiteSensorEntityDescription(
        key="entries_today",
        translation_key="entries_today",
        state_class=SensorStateClass.TOTAL_INCREASING,
        value_fn=lambda c: c.figures.entries,
    ),
    SiteSensorEntityDescription(
        key="turnover_today",
        translation_key="turnover_today",
        state_class=SensorStateClass.MEASUREMENT,
        suggested_display_precision=2,
        value_fn=lambda c: c.figures.turnover,
    ),
    SiteSensorEntityDescription(
        key="average_stay",
        translation_key="average_stay",
        device_class=SensorDeviceClass.DURATION,
        native_unit_of_measurement=UnitOfTime.MINUTES,
        state_class=SensorStateClass.MEASUREMENT,
        suggested_display_precision=0,
        value_fn=_average_stay_minutes,
    ),
)


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

    entity_description: SeatSensorEntityDescription

    def __init__(
        self,
        coordinator: SeatsenseCoordinator,
        camera_id: str,
        seat_id: str,
        description: SeatSensorEntityDescription,
    ) -> None:
        """Describe it."""
        super().__init__(coordinator, camera_id, seat_id, description.key)
        self.entity_description = description

    @property
    def native_value(self) -> StateType | datetime:
        """From the seat's latest status."""
        status = self.coordinator.seat_status(self.camera_id, self.seat_id)
        if status is None:
            return None
        return self.entity_description.value_fn(status, self.coordinator.now_s)


class CameraSensor(CameraDeviceEntity, SensorEntity):
    """A sensor of one camera."""

    entity_description: CameraSensorEntityDescription

    def __init__(
        self,
        coordinator: SeatsenseCoordinator,
        camera_id: str,
        description: CameraSensorEntityDescription,
    ) -> None:
        """Describe it."""
        super().__init__(coordinator, camera_id, description.key)
        self.entity_description = description

    @property
    def available(self) -> bool:
        """Health figures stay readable while the camera is offline; the rest do not."""
        if self.entity_category is EntityCategory.DIAGNOSTIC:
            return self.coordinator.last_update_success
        return super().available

    @property
    def native_value(self) -> StateType:
        """From the camera's latest status."""
        status = self.coordinator.camera_status(self.camera_id)
        return None if status is None else self.entity_description.value_fn(status)


class SiteSensor(SiteEntity, SensorEntity):
    """A figure of the whole site."""

    entity_description: SiteSensorEntityDescription

    def __init__(
        self, coordinator: SeatsenseCoordinator, description: SiteSensorEntityDescription
    ) -> None:
        """Describe it."""
        super().__init__(coordinator, description.key)
        self.entity_description = description

    @property
    def native_value(self) -> StateType:
        """From the whole site."""
        return self.entity_description.value_fn(self.coordinator)

"""Binary sensors: seat occupancy and hogging, camera connectivity."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from homeassistant.components.binary_sensor import (
    BinarySensorDeviceClass,
    BinarySensorEntity,
    BinarySensorEntityDescription,
)
from homeassistant.const import EntityCategory
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from seatsense.core import figures
from seatsense.core.engine import SeatStatus
from seatsense.core.figures import Figure, FigureValue
from seatsense.core.status import CameraStatus

from .coordinator import SeatsenseCoordinator
from .entity import CameraDeviceEntity, SeatDeviceEntity
from .site import SeatsenseConfigEntry

PARALLEL_UPDATES = 0


@dataclass(frozen=True, kw_only=True)
class FigureBinarySensorEntityDescription[Owner](BinarySensorEntityDescription):
    """A binary sensor of a seat or a camera: on, off or unknown from its owner's status."""

    is_on_fn: Callable[[Owner, float], FigureValue]
    """True, False or None (unknown) from the owner and the update time (the catalogue's)."""


def describe[Owner](figure: Figure[Owner]) -> FigureBinarySensorEntityDescription[Owner]:
    """The binary sensor description of a figure of the catalogue."""
    return FigureBinarySensorEntityDescription(
        key=figure.key,
        translation_key=figure.translation_key,
        device_class=(
            None if figure.device_class is None else BinarySensorDeviceClass(figure.device_class)
        ),
        entity_category=EntityCategory.DIAGNOSTIC if figure.diagnostic else None,
        entity_registry_enabled_default=figure.enabled_by_default,
        is_on_fn=figure.value_fn,
    )


SEAT_BINARY_SENSORS = tuple(
    describe(f) for f in figures.SEAT_FIGURES if f.platform is figures.Platform.BINARY_SENSOR
)
CONNECTIVITY = describe(figures.CAMERA_CONNECTED)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: SeatsenseConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Per camera: connectivity; per seat: occupied and abandoned."""
    coordinator = entry.runtime_data
    for camera in coordinator.site.cameras:
        entities: list[BinarySensorEntity] = [CameraConnectivity(coordinator, camera.id)]
        entities.extend(
            SeatBinarySensor(coordinator, camera.id, seat.id, description)
            for seat in camera.seats
            for description in SEAT_BINARY_SENSORS
        )
        async_add_entities(entities, config_subentry_id=camera.id)


class SeatBinarySensor(SeatDeviceEntity, BinarySensorEntity):
    """Occupied or abandoned, for one seat."""

    entity_description: FigureBinarySensorEntityDescription[SeatStatus]

    def __init__(
        self,
        coordinator: SeatsenseCoordinator,
        camera_id: str,
        seat_id: str,
        description: FigureBinarySensorEntityDescription[SeatStatus],
    ) -> None:
        """Describe it."""
        super().__init__(coordinator, camera_id, seat_id, description.key)
        self.entity_description = description

    @property
    def is_on(self) -> bool | None:
        """From the seat's state; unknown while the seat has never been seen or its camera
        is offline."""
        status = self.coordinator.seat_status(self.camera_id, self.seat_id)
        if status is None or not self.camera_online:
            return None
        value = self.entity_description.is_on_fn(status, self.coordinator.now_s)
        return None if value is None else bool(value)


class CameraConnectivity(CameraDeviceEntity, BinarySensorEntity):
    """Whether the camera delivers usable frames; always available, since it reports that."""

    entity_description: FigureBinarySensorEntityDescription[CameraStatus] = CONNECTIVITY
    # Counters and errors change with every frame or reconnect: not worth recording.
    _unrecorded_attributes = frozenset({"frames_used", "reconnects", "last_error", "health_state"})

    def __init__(self, coordinator: SeatsenseCoordinator, camera_id: str) -> None:
        """Describe it."""
        super().__init__(coordinator, camera_id, CONNECTIVITY.key)

    @property
    def available(self) -> bool:
        """Available whenever the coordinator is."""
        return self.coordinator.last_update_success

    @property
    def is_on(self) -> bool:
        """Online or not (not before the camera's first status)."""
        status = self.coordinator.camera_status(self.camera_id)
        if status is None:
            return False
        return self.entity_description.is_on_fn(status, self.coordinator.now_s) is True

    @property
    def extra_state_attributes(self) -> dict[str, Any]:
        """The grabber's health, credentials already scrubbed by the library."""
        status = self.coordinator.camera_status(self.camera_id)
        health = status.health if status else {}
        return {
            "health_state": health.get("state"),
            "frames_used": health.get("frames_used"),
            "reconnects": health.get("reconnects"),
            "last_error": health.get("last_error"),
        }

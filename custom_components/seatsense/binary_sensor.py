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

from seatsense.core.engine import SeatState, SeatStatus

from .coordinator import SeatsenseConfigEntry, SeatsenseCoordinator
from .entity import CameraDeviceEntity, SeatDeviceEntity

PARALLEL_UPDATES = 0


@dataclass(frozen=True, kw_only=True)
class SeatBinarySensorEntityDescription(BinarySensorEntityDescription):
    """A seat binary sensor: on or off from the seat's status."""

    is_on_fn: Callable[[SeatStatus], bool]


SEAT_BINARY_SENSORS: tuple[SeatBinarySensorEntityDescription, ...] = (
    SeatBinarySensorEntityDescription(
        key="occupied",
        translation_key="occupied",
        device_class=BinarySensorDeviceClass.OCCUPANCY,
        is_on_fn=lambda status: status.state is SeatState.OCCUPIED,
    ),
    SeatBinarySensorEntityDescription(
        key="abandoned",
        translation_key="abandoned",
        device_class=BinarySensorDeviceClass.PROBLEM,
        is_on_fn=lambda status: status.state is SeatState.ABANDONED,
    ),
)

CONNECTIVITY = BinarySensorEntityDescription(
    key="connected",
    device_class=BinarySensorDeviceClass.CONNECTIVITY,
    entity_category=EntityCategory.DIAGNOSTIC,
)


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

    entity_description: SeatBinarySensorEntityDescription

    def __init__(
        self,
        coordinator: SeatsenseCoordinator,
        camera_id: str,
        seat_id: str,
        description: SeatBinarySensorEntityDescription,
    ) -> None:
        """Describe it."""
        super().__init__(coordinator, camera_id, seat_id, description.key)
        self.entity_description = description

    @property
    def is_on(self) -> bool | None:
        """From the seat's state; unknown while the seat has never been seen."""
        status = self.coordinator.seat_status(self.camera_id, self.seat_id)
        if status is None or status.state is SeatState.UNKNOWN:
            return None
        return self.entity_description.is_on_fn(status)


class CameraConnectivity(CameraDeviceEntity, BinarySensorEntity):
    """Whether the camera delivers usable frames; always available, since it reports that."""

    entity_description = CONNECTIVITY
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
        """Online or not."""
        return self.camera_online

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

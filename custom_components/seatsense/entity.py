"""Base entities: the site, camera and seat devices and their availability."""

from __future__ import annotations

from homeassistant.config_entries import ConfigEntry
from homeassistant.helpers.device_registry import DeviceInfo
from homeassistant.helpers.update_coordinator import CoordinatorEntity

from .const import CONF_SOURCE_TYPE, DOMAIN, SourceType
from .coordinator import SeatsenseCoordinator

MANUFACTURER = "seatsense"

MODEL_ID_SITE = "site"
MODEL_ID_CAMERA = "camera"
MODEL_ID_SEAT = "seat"
"""Device model ids: what the actions' device pickers filter on (services.yaml)."""


_CAMERA_MODELS = {
    SourceType.ENTITY: "Home Assistant camera",
    SourceType.RTSP: "RTSP camera",
    SourceType.NVR: "NVR channel",
}


def site_identifier(entry_id: str) -> str:
    """Device identifier of a site."""
    return entry_id


def camera_identifier(entry_id: str, camera_id: str) -> str:
    """Device identifier of a camera (its id is the config subentry id)."""
    return f"{entry_id}_{camera_id}"


def seat_identifier(entry_id: str, camera_id: str, seat_id: str) -> str:
    """Device identifier of a seat."""
    return f"{entry_id}_{camera_id}_{seat_id}"


def site_device(entry: ConfigEntry) -> DeviceInfo:
    """The site's device."""
    return DeviceInfo(
        identifiers={(DOMAIN, site_identifier(entry.entry_id))},
        name=entry.title,
        manufacturer=MANUFACTURER,
        model="Site",
        model_id=MODEL_ID_SITE,
    )


def camera_device(coordinator: SeatsenseCoordinator, camera_id: str) -> DeviceInfo:
    """A camera's device, under the site."""
    entry_id = coordinator.config_entry.entry_id
    source_type = coordinator.subentries[camera_id].data[CONF_SOURCE_TYPE]
    return DeviceInfo(
        identifiers={(DOMAIN, camera_identifier(entry_id, camera_id))},
        name=coordinator.camera_name(camera_id),
        manufacturer=MANUFACTURER,
        model=_CAMERA_MODELS[SourceType(source_type)],
        model_id=MODEL_ID_CAMERA,
        via_device=(DOMAIN, site_identifier(entry_id)),
    )


class SeatsenseEntity(CoordinatorEntity[SeatsenseCoordinator]):
    """Any seatsense entity."""

    _attr_has_entity_name = True


class SiteEntity(SeatsenseEntity):
    """An entity of the whole site."""

    def __init__(self, coordinator: SeatsenseCoordinator, key: str) -> None:
        """Attach to the site device."""
        super().__init__(coordinator)
        entry_id = coordinator.config_entry.entry_id
        self._attr_unique_id = f"{entry_id}_{key}"
        self._attr_device_info = site_device(coordinator.config_entry)


class CameraDeviceEntity(SeatsenseEntity):
    """An entity of one camera; unavailable while the camera is offline."""

    def __init__(self, coordinator: SeatsenseCoordinator, camera_id: str, key: str) -> None:
        """Attach to the camera device (under the site)."""
        super().__init__(coordinator)
        entry_id = coordinator.config_entry.entry_id
        self.camera_id = camera_id
        self._attr_unique_id = f"{entry_id}_{camera_id}_{key}"
        self._attr_device_info = camera_device(coordinator, camera_id)

    @property
    def camera_online(self) -> bool:
        """Whether the camera delivers usable frames."""
        status = self.coordinator.camera_status(self.camera_id)
        return status is not None and status.online

    @property
    def available(self) -> bool:
        """Follows the camera's health."""
        return super().available and self.camera_online


class SeatDeviceEntity(SeatsenseEntity):
    """An entity of one seat; its value is unknown while its camera is offline (the seat is
    not seen then, which is not the same as the integration being unavailable)."""

    def __init__(
        self, coordinator: SeatsenseCoordinator, camera_id: str, seat_id: str, key: str
    ) -> None:
        """Attach to the seat device (under its camera)."""
        super().__init__(coordinator)
        entry_id = coordinator.config_entry.entry_id
        self.camera_id = camera_id
        self.seat_id = seat_id
        self._attr_unique_id = f"{entry_id}_{camera_id}_{seat_id}_{key}"
        self._attr_device_info = DeviceInfo(
            identifiers={(DOMAIN, seat_identifier(entry_id, camera_id, seat_id))},
            name=f"{coordinator.camera_name(camera_id)} {seat_id}",
            manufacturer=MANUFACTURER,
            model="Seat",
            model_id=MODEL_ID_SEAT,
            via_device=(DOMAIN, camera_identifier(entry_id, camera_id)),
        )

    @property
    def camera_online(self) -> bool:
        """Whether the seat's camera delivers usable frames (its value is known)."""
        camera = self.coordinator.camera_status(self.camera_id)
        return camera is not None and camera.online

    @property
    def available(self) -> bool:
        """While updates arrive and the camera reports the seat."""
        camera = self.coordinator.camera_status(self.camera_id)
        return super().available and camera is not None and self.seat_id in camera.seats


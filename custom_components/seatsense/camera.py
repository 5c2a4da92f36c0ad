"""Camera entities for RTSP and NVR sources: HA's stream (go2rtc: WebRTC, HLS) plays the source."""

from __future__ import annotations

from homeassistant.components.camera import Camera, CameraEntityDescription, CameraEntityFeature
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from seatsense.sources.registry import url_kind

from .const import SUBENTRY_CAMERA
from .coordinator import SeatsenseCoordinator
from .entity import CameraDeviceEntity
from .site import SeatsenseConfigEntry, source_url

PARALLEL_UPDATES = 0

LIVE = CameraEntityDescription(key="live", translation_key="live")


async def async_setup_entry(
    hass: HomeAssistant,
    entry: SeatsenseConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """A live camera for each camera that streams (an HA camera entity already is one)."""
    coordinator = entry.runtime_data
    for camera_id, subentry in coordinator.subentries.items():
        if subentry.subentry_type != SUBENTRY_CAMERA:
            continue
        url = source_url(subentry.data)
        # HA camera entities already are cameras; files and image folders have no live view.
        if url is None or url_kind(url) != "rtsp":
            continue
        async_add_entities([LiveCamera(coordinator, camera_id)], config_subentry_id=camera_id)


class LiveCamera(CameraDeviceEntity, Camera):
    """The source's live stream; stills are the annotated frame.

    With privacy on there is no live stream: HA could not blur it, and every image this
    integration shows must be blurred then.
    """

    entity_description = LIVE

    def __init__(self, coordinator: SeatsenseCoordinator, camera_id: str) -> None:
        """Describe it."""
        super().__init__(coordinator, camera_id, LIVE.key)
        Camera.__init__(self)
        self._stream_url = source_url(coordinator.subentries[camera_id].data)

    @property
    def supported_features(self) -> CameraEntityFeature:
        """Streaming, unless privacy is on (which a site's options may switch live)."""
        if self.coordinator.privacy_blur:
            return CameraEntityFeature(0)
        return CameraEntityFeature.STREAM

    async def stream_source(self) -> str | None:
        """The RTSP URL (with credentials) for HA's stream integration."""
        if self.coordinator.privacy_blur:
            return None
        return self._stream_url

    async def async_camera_image(
        self, width: int | None = None, height: int | None = None
    ) -> bytes | None:
        """The annotated frame."""
        return await self.coordinator.async_annotated_jpeg(self.camera_id)

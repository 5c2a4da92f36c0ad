"""Event entities: one per seat, firing the seat's events for automations."""

from __future__ import annotations

from homeassistant.components.event import EventEntity, EventEntityDescription
from homeassistant.const import ATTR_ENTITY_ID, ATTR_NAME
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.util import dt as dt_util

from seatsense.core.engine import SEAT_EVENT_TYPES

from .const import ATTR_DEVICE_ID, ATTR_EVENT_TYPE, ATTR_SEAT, EVENT_SEAT
from .coordinator import SeatsenseCoordinator
from .entity import SeatDeviceEntity
from .site import SeatsenseConfigEntry

PARALLEL_UPDATES = 0

SEAT_EVENT = EventEntityDescription(
    key="event",
    translation_key="seat_event",
    event_types=[kind.value for kind in SEAT_EVENT_TYPES],
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: SeatsenseConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """One event entity per seat."""
    coordinator = entry.runtime_data
    for camera in coordinator.site.cameras:
        async_add_entities(
            (SeatEvent(coordinator, camera.id, seat.id) for seat in camera.seats),
            config_subentry_id=camera.id,
        )


class SeatEvent(SeatDeviceEntity, EventEntity):
    """person_enter, person_leave, abandoned_detected, belongings_removed of one seat."""

    entity_description = SEAT_EVENT
    # The evidence of each event is for automations, not for the history database.
    _unrecorded_attributes = frozenset(
        {"time", "confidence", "person_score", "belongings_score", "occupied_since_s",
         "belongings_since_s", "unattended_s", "stay_s", "was", "reset"}
    )

    def __init__(self, coordinator: SeatsenseCoordinator, camera_id: str, seat_id: str) -> None:
        """Describe it."""
        super().__init__(coordinator, camera_id, seat_id, SEAT_EVENT.key)

    @property
    def available(self) -> bool:
        """Whenever updates arrive: a seat's events are facts and fire while its camera is
        offline too (a staff reset), where an unavailable entity would swallow them."""
        return self.coordinator.last_update_success

    @callback
    def _handle_coordinator_update(self) -> None:
        """Fire this seat's events of the update, in order."""
        for event in self.coordinator.data.events:
            if event.camera_id != self.camera_id or event.seat_id != self.seat_id:
                continue
            if event.type.value not in self.event_types:
                continue
            self._trigger_event(
                event.type.value,
                {
                    # When it happened (leaves are back-dated), which can precede the firing.
                    "time": dt_util.utc_from_timestamp(event.time_s).isoformat(),
                    "confidence": round(event.confidence, 3),
                    **event.data,
                },
            )
            # One state per event: an update can carry several events of a seat (a replay
            # after a lost connection), and automations must see each of them.
            self.async_write_ha_state()
            self._fire_on_bus(event.type.value)
        super()._handle_coordinator_update()

    def _fire_on_bus(self, event_type: str) -> None:
        """The logbook shows the event entity's firing as "detected an event" without its
        type; this bus event is what the logbook describes instead (`logbook.py`)."""
        device = self.device_entry
        self.hass.bus.async_fire(
            EVENT_SEAT,
            {
                ATTR_ENTITY_ID: self.entity_id,
                ATTR_DEVICE_ID: device.id if device else None,
                ATTR_NAME: device.name if device else self.seat_id,
                ATTR_SEAT: self.seat_id,
                ATTR_EVENT_TYPE: event_type,
            },
            context=self._context,
        )

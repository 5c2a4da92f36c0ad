"""Logbook: each seat event says what happened, in the server's language ("Hall A1 person
sat down"), where the event entity alone would read "detected an event"."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from homeassistant.components.logbook.const import (
    LOGBOOK_ENTRY_ENTITY_ID,
    LOGBOOK_ENTRY_MESSAGE,
    LOGBOOK_ENTRY_NAME,
)
from homeassistant.const import ATTR_ENTITY_ID, ATTR_NAME
from homeassistant.core import Event, HomeAssistant, callback
from homeassistant.helpers.translation import async_get_cached_translations

from .const import ATTR_EVENT_TYPE, ATTR_SEAT, DOMAIN, EVENT_SEAT

EVENT_TYPE_KEY = (
    f"component.{DOMAIN}.entity.event.seat_event.state_attributes.event_type.state.{{}}"
)
"""Where the event types' words are in the integration's entity translations."""


@callback
def async_describe_events(
    hass: HomeAssistant,
    async_describe_event: Callable[[str, str, Callable[[Event], dict[str, Any]]], None],
) -> None:
    """Describe the seat events fired on the bus."""

    @callback
    def async_describe_seat_event(event: Event) -> dict[str, Any]:
        data = event.data
        event_type = str(data[ATTR_EVENT_TYPE])
        # The entity translations are cached while the site's entities exist; the raw type
        # is the fallback for a site since removed.
        words = async_get_cached_translations(hass, hass.config.language, "entity", DOMAIN)
        what = words.get(EVENT_TYPE_KEY.format(event_type)) or event_type.replace("_", " ")
        return {
            LOGBOOK_ENTRY_NAME: data.get(ATTR_NAME) or data.get(ATTR_SEAT),
            # Logbook messages follow the name in lower case ("Hall A1 person sat down").
            LOGBOOK_ENTRY_MESSAGE: what[:1].lower() + what[1:],
            LOGBOOK_ENTRY_ENTITY_ID: data.get(ATTR_ENTITY_ID),
        }

    async_describe_event(DOMAIN, EVENT_SEAT, async_describe_seat_event)

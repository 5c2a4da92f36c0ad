"""Diagnostics: the site, its cameras and the live status, with every credential removed."""

from __future__ import annotations

from typing import Any

from homeassistant.components.diagnostics import async_redact_data
from homeassistant.core import HomeAssistant

from seatsense.core.urls import scrub_credentials

from .const import CONF_PASSWORD, CONF_TOKEN, CONF_USERNAME
from .site import SeatsenseConfigEntry, mode_of

TO_REDACT = {CONF_USERNAME, CONF_PASSWORD, CONF_TOKEN}


def _scrub(value: Any) -> Any:
    """Credentials can hide in any string (URLs, error messages): scrub them all."""
    if isinstance(value, str):
        return scrub_credentials(value)
    if isinstance(value, dict):
        return {key: _scrub(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_scrub(item) for item in value]
    return value


async def async_get_config_entry_diagnostics(
    hass: HomeAssistant, entry: SeatsenseConfigEntry
) -> dict[str, Any]:
    """Everything needed to understand a site's behaviour, nothing that logs into a camera."""
    coordinator = entry.runtime_data
    update = coordinator.data
    cameras = {
        camera_id: {
            "online": status.online,
            "people": status.people,
            "health": dict(status.health),
            "seats": {seat_id: seat.to_dict() for seat_id, seat in status.seats.items()},
        }
        for camera_id, status in update.cameras.items()
    }
    data = {
        "entry": {"title": entry.title, "data": dict(entry.data), "options": dict(entry.options)},
        "subentries": [
            {
                "subentry_id": sub.subentry_id,
                "title": sub.title,
                "unique_id": sub.unique_id,
                "data": dict(sub.data),
            }
            for sub in entry.subentries.values()
        ],
        "mode": mode_of(entry).value,
        "available": coordinator.last_update_success,
        "site": {
            "interval_s": coordinator.site.interval_s,
            "model": coordinator.site.model,
            "settings": {
                "enter_samples": coordinator.site.settings.enter_samples,
                "exit_grace_s": coordinator.site.settings.exit_grace_s,
                "abandoned_after_s": coordinator.site.settings.abandoned_after_s,
            },
            "cameras": {
                camera.id: {
                    "source": camera.source,
                    "width": camera.width,
                    "height": camera.height,
                    "seats": [seat.id for seat in camera.seats],
                }
                for camera in coordinator.site.cameras
            },
        },
        "status": {"time_s": update.time_s, "cameras": cameras},
        "today": {
            "day": coordinator.today.day,
            "events": len(coordinator.today.events),
            "entries": coordinator.figures.entries,
        },
    }
    scrubbed: dict[str, Any] = _scrub(async_redact_data(data, TO_REDACT))
    return scrubbed

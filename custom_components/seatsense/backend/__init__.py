"""Where a site's detection runs: in Home Assistant (local) or in a seatsense server (remote).

The coordinator and the flows see only the protocols of `protocol`: a `Backend` that hands
`MonitorUpdate`s to a `BackendListener` and runs a few actions, and a `FrameProbe` for the
camera flow. `backend_factory` is the one place that chooses between the two modes:

- `local`: the library's `Monitor` in this process (needs the library's `detect` extra);
- `remote`: a `seatsense serve` followed over HTTP and its WebSocket (the light core only).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant

from ..const import CONF_MODEL, CONF_TOKEN, CONF_URL, MODEL_BUNDLED, Mode
from ..site import mode_of
from .local import (
    LocalBackendFactory,
    async_check_model,
    async_ensure_detect,
    async_load_item_detector,
    check_item_source,
    event_log_path,
    extra_requirements,
    remove_event_log,
)
from .protocol import (
    Backend,
    BackendAuthError,
    BackendConnectionError,
    BackendError,
    BackendFactory,
    BackendListener,
    DetectUnavailable,
    FrameProbe,
    GrabFailed,
    ModelLoadError,
    monitor_clock,
)
from .remote import RemoteBackendFactory, async_server_info, server_client

if TYPE_CHECKING:
    from seatsense.vision.detect import Detector


def backend_factory(
    hass: HomeAssistant, entry: ConfigEntry, items: Detector | None = None
) -> BackendFactory:
    """The backends and probes of a site, for the mode its entry was made in; `items`: the
    optional item model's detector, for a local site."""
    if mode_of(entry) is Mode.REMOTE:
        client = server_client(hass, entry.data[CONF_URL], entry.data[CONF_TOKEN])
        return RemoteBackendFactory(hass, client, event_log_path(hass, entry.entry_id))
    return LocalBackendFactory(
        hass,
        entry.data.get(CONF_MODEL, MODEL_BUNDLED),
        event_log_path(hass, entry.entry_id),
        items,
    )


__all__ = [
    "Backend",
    "BackendAuthError",
    "BackendConnectionError",
    "BackendError",
    "BackendFactory",
    "BackendListener",
    "DetectUnavailable",
    "FrameProbe",
    "GrabFailed",
    "ModelLoadError",
    "async_check_model",
    "async_ensure_detect",
    "async_load_item_detector",
    "async_server_info",
    "backend_factory",
    "check_item_source",
    "event_log_path",
    "extra_requirements",
    "monitor_clock",
    "remove_event_log",
]

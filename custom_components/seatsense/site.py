"""A site's config entry read as the library's `Site`, and the entry's type.

The only module that knows how the entry and its camera subentries store a site; everything
above it (backends, coordinator, flows, platforms) asks here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from homeassistant.config_entries import ConfigEntry, ConfigSubentry
from homeassistant.core import HomeAssistant
from homeassistant.helpers.storage import Store

from seatsense.core.engine import EngineSettings
from seatsense.core.layout import Camera, Site, parse_seat_lines
from seatsense.core.urls import nvr_url, with_credentials
from seatsense.sources.registry import HOMEASSISTANT_SCHEME

from .const import (
    CONF_ABANDONED_AFTER_MIN,
    CONF_CHANNEL,
    CONF_ENTER_SAMPLES,
    CONF_ENTITY_ID,
    CONF_EXIT_GRACE_MIN,
    CONF_HEIGHT,
    CONF_HOST,
    CONF_INTERVAL_S,
    CONF_MODE,
    CONF_MODEL,
    CONF_PASSWORD,
    CONF_PORT,
    CONF_SEATS,
    CONF_SOURCE_TYPE,
    CONF_STREAM,
    CONF_URL,
    CONF_USERNAME,
    CONF_VENDOR,
    CONF_WIDTH,
    DEFAULT_OPTIONS,
    DOMAIN,
    MODEL_BUNDLED,
    STORAGE_VERSION,
    SUBENTRY_CAMERA,
    Mode,
    SourceType,
)

if TYPE_CHECKING:
    # For the type only: the coordinator sits above this module and imports it.
    from .coordinator import SeatsenseCoordinator

type SeatsenseConfigEntry = ConfigEntry[SeatsenseCoordinator]


def mode_of(entry: ConfigEntry) -> Mode:
    """Where the site's detection runs (sites made before remote mode existed are local)."""
    return Mode(entry.data.get(CONF_MODE, Mode.LOCAL))


def options_of(entry: ConfigEntry) -> dict[str, Any]:
    """The site's options with defaults filled in."""
    return {**DEFAULT_OPTIONS, **entry.options}


def source_url(data: Mapping[str, Any]) -> str | None:
    """The library source string (with credentials) of an RTSP or NVR camera; None otherwise."""
    kind = data[CONF_SOURCE_TYPE]
    username = data.get(CONF_USERNAME) or None
    password = data.get(CONF_PASSWORD) or None
    if kind == SourceType.RTSP:
        url = data[CONF_URL]
        # The URL field also takes a video file or an image folder (replays), which have no login.
        return with_credentials(url, username, password) if "://" in url else url
    if kind == SourceType.NVR:
        return nvr_url(
            data[CONF_VENDOR],
            data[CONF_HOST],
            int(data[CONF_CHANNEL]),
            stream=data.get(CONF_STREAM, "sub"),
            port=int(data.get(CONF_PORT, 554)),
            username=username,
            password=password,
        )
    return None


def camera_subentries(entry: ConfigEntry) -> list[ConfigSubentry]:
    """The camera subentries of a site, in a stable order."""
    return [s for s in entry.subentries.values() if s.subentry_type == SUBENTRY_CAMERA]


def entity_cameras(entry: ConfigEntry) -> dict[str, str]:
    """Camera id -> HA camera entity, for the cameras whose stills HA fetches and pushes."""
    return {
        subentry.subentry_id: subentry.data[CONF_ENTITY_ID]
        for subentry in camera_subentries(entry)
        if subentry.data[CONF_SOURCE_TYPE] == SourceType.ENTITY
    }


def _camera(subentry: ConfigSubentry) -> Camera:
    data = subentry.data
    width, height = int(data[CONF_WIDTH]), int(data[CONF_HEIGHT])
    source = (
        f"{HOMEASSISTANT_SCHEME}:{data[CONF_ENTITY_ID]}"
        if data[CONF_SOURCE_TYPE] == SourceType.ENTITY
        else source_url(data)
    )
    return Camera(
        id=subentry.subentry_id,
        width=width,
        height=height,
        seats=parse_seat_lines(data[CONF_SEATS], width, height, where=subentry.title),
        source=source,
        name=subentry.title,
    )


def build_site(entry: ConfigEntry) -> Site:
    """The library's `Site` for a config entry; camera ids are the subentry ids (stable).

    Raises the library's `LayoutError` for a seat layout it does not accept.
    """
    options = options_of(entry)
    return Site(
        name=entry.title,
        cameras=tuple(_camera(subentry) for subentry in camera_subentries(entry)),
        interval_s=float(options[CONF_INTERVAL_S]),
        model=entry.data.get(CONF_MODEL, MODEL_BUNDLED),
        settings=EngineSettings(
            enter_samples=int(options[CONF_ENTER_SAMPLES]),
            # Asked and stored in minutes, run in seconds.
            exit_grace_s=float(options[CONF_EXIT_GRACE_MIN]) * 60,
            abandoned_after_s=float(options[CONF_ABANDONED_AFTER_MIN]) * 60,
        ),
    )


def storage(hass: HomeAssistant, entry: ConfigEntry) -> Store[dict[str, Any]]:
    """The store that keeps a site's seat statuses and today's events across restarts."""
    return Store(hass, STORAGE_VERSION, f"{DOMAIN}.{entry.entry_id}")

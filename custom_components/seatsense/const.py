"""Constants of the seatsense integration."""

from __future__ import annotations

from enum import StrEnum
from typing import Final

DOMAIN: Final = "seatsense"


SUBENTRY_CAMERA: Final = "camera"

# Site (config entry data)
CONF_MODE: Final = "mode"
CONF_MODEL: Final = "model"
CONF_TOKEN: Final = "token"
MODEL_BUNDLED: Final = "bundled"

# Site options
CONF_INTERVAL_S: Final = "interval_s"
CONF_ENTER_SAMPLES: Final = "enter_samples"
CONF_EXIT_GRACE_MIN: Final = "exit_grace_min"
CONF_ABANDONED_AFTER_MIN: Final = "abandoned_after_min"
LEGACY_SECONDS_OPTIONS: Final = {
    "exit_grace_s": CONF_EXIT_GRACE_MIN,
    "abandoned_after_s": CONF_ABANDONED_AFTER_MIN,
}
"""Options stored in seconds before version 1.2, and the minutes options that replace them."""
CONF_BELONGINGS_SENSITIVITY: Final = "belongings_sensitivity"
CONF_PRIVACY_BLUR: Final = "privacy_blur"
# The optional COCO item model (local sites only; off unless turned on).
CONF_ITEM_MODEL: Final = "item_model"
CONF_ITEM_MODEL_URL: Final = "item_model_url"
CONF_ITEM_MODEL_SHA256: Final = "item_model_sha256"

DEFAULT_INTERVAL_S: Final = 3.0
DEFAULT_ENTER_SAMPLES: Final = 2
DEFAULT_EXIT_GRACE_MIN: Final = 0.5
DEFAULT_ABANDONED_AFTER_MIN: Final = 10.0
DEFAULT_BELONGINGS_SENSITIVITY: Final = 30
DEFAULT_PRIVACY_BLUR: Final = False

DEFAULT_OPTIONS: Final = {
    CONF_INTERVAL_S: DEFAULT_INTERVAL_S,
    CONF_ENTER_SAMPLES: DEFAULT_ENTER_SAMPLES,
    CONF_EXIT_GRACE_MIN: DEFAULT_EXIT_GRACE_MIN,
    CONF_ABANDONED_AFTER_MIN: DEFAULT_ABANDONED_AFTER_MIN,
    CONF_BELONGINGS_SENSITIVITY: DEFAULT_BELONGINGS_SENSITIVITY,
    CONF_PRIVACY_BLUR: DEFAULT_PRIVACY_BLUR,
    CONF_ITEM_MODEL: False,
    CONF_ITEM_MODEL_URL: "",
    CONF_ITEM_MODEL_SHA256: "",
}

# Camera (config subentry data)
CONF_SOURCE_TYPE: Final = "source_type"
CONF_ENTITY_ID: Final = "entity_id"
CONF_URL: Final = "url"
CONF_HOST: Final = "host"
CONF_PORT: Final = "port"
CONF_CHANNEL: Final = "channel"
CONF_VENDOR: Final = "vendor"
CONF_STREAM: Final = "stream"
CONF_USERNAME: Final = "username"
CONF_PASSWORD: Final = "password"
CONF_SEATS: Final = "seats"
CONF_WIDTH: Final = "width"
CONF_HEIGHT: Final = "height"


class Mode(StrEnum):
    """Where a site's detection runs."""

    LOCAL = "local"
    """In Home Assistant's own process (needs the library's `detect` extra)."""
    REMOTE = "remote"
    """In a `seatsense serve` that Home Assistant follows over HTTP and a WebSocket."""


class SourceType(StrEnum):
    """Where a camera's frames come from."""

    ENTITY = "entity"
    RTSP = "rtsp"
    NVR = "nvr"


VENDORS: Final = ("hikvision", "dahua", "generic")
STREAMS: Final = ("sub", "main")

CAMERA_OFFLINE_ISSUE_AFTER_S: Final = 600.0
"""A camera offline this long raises a repair issue."""

SNAPSHOT_RETENTION_DAYS: Final = 7
SNAPSHOT_PREFIX: Final = "seatsense_"

RECONNECT_MIN_S: Final = 1.0
RECONNECT_MAX_S: Final = 60.0
"""Backoff between reconnects to an unreachable seatsense server."""

STORAGE_VERSION: Final = 1
SAVE_DELAY_S: Final = 30.0

EVENT_SEAT: Final = "seatsense_seat_event"
"""Fired on Home Assistant's bus with every seat event (the logbook describes it)."""
ATTR_SEAT: Final = "seat"
ATTR_EVENT_TYPE: Final = "event_type"

ATTR_DEVICE_ID: Final = "device_id"
ATTR_DIRECTORY: Final = "directory"
ATTR_RETENTION_DAYS: Final = "retention_days"

STATISTICS_SETTLE_S: Final = 900.0
"""An hour is imported as a statistic this long after it ends: a departure is back-dated by the
exit grace, so the last minutes of an hour are settled only a little later."""
STATISTICS_MINUTE: Final = 20
"""The minute of every hour at which finished hours are imported."""
DAILY_REPORT_DAYS: Final = 30
"""The daily report covers this many days, up to yesterday."""
DAILY_REPORT_TIME: Final = (0, 10)
"""Local (hour, minute) of the daily report: shortly after midnight, once yesterday ended."""
REPORT_FOLDER: Final = "reports"
REPORT_RETENTION_DAYS: Final = 30
"""After each daily report, the site's reports written longer ago than this are deleted."""
ATTR_CONFIG_ENTRY_ID: Final = "config_entry_id"
ATTR_START: Final = "start"
ATTR_END: Final = "end"

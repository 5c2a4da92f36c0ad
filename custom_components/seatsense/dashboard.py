"""The "Seats" dashboard in the sidebar: generated from the sites, so nobody edits YAML.

The dashboard holds no cards of its own: its stored configuration is one line,
`strategy: {type: custom:seatsense}`, and the bundle's dashboard strategy
(`frontend/src/dashboard-strategy.ts`) builds a view per site from the live layout every time
it is opened. A camera added later, or seats drawn in the editor, are on it at the next load
(Home Assistant's frontend offers a refresh as soon as their entities appear).

It is registered the way Home Assistant's own `lovelace` component registers a dashboard kept
in storage: a built-in `lovelace` panel in storage mode whose configuration lives in
`.storage/lovelace.seatsense_dashboard`. The strategy line is written only while that file
holds no configuration, so a user who takes control of the dashboard and edits it keeps their
edits across restarts; a dashboard of the user's at the same address is left alone.
"""

from __future__ import annotations

import logging
from typing import Any, Final

from homeassistant.components import frontend
from homeassistant.components.lovelace.const import (
    LOVELACE_DATA,
    MODE_STORAGE,
    ConfigNotFound,
)
from homeassistant.components.lovelace.dashboard import LovelaceStorage
from homeassistant.core import HomeAssistant

from .const import DOMAIN

DASHBOARD_URL_PATH: Final = f"{DOMAIN}-dashboard"
DASHBOARD_ID: Final = f"{DOMAIN}_dashboard"
DASHBOARD_ICON: Final = "mdi:seat"
DASHBOARD_TITLES: Final = {"en": "Seats", "ko": "좌석"}
STRATEGY_CONFIG: Final = {"strategy": {"type": f"custom:{DOMAIN}"}}

_LOGGER = logging.getLogger(__name__)


def _title(hass: HomeAssistant) -> str:
    return DASHBOARD_TITLES.get(hass.config.language.split("-")[0], DASHBOARD_TITLES["en"])


async def async_ensure_dashboard(hass: HomeAssistant) -> None:
    """Put the generated dashboard in everyone's sidebar, once a site exists."""
    if (
        "frontend" not in hass.config.components
        or LOVELACE_DATA not in hass.data
        or hass.config.recovery_mode
        or DASHBOARD_URL_PATH in hass.data.get(frontend.DATA_PANELS, {})
    ):
        return
    dashboards = hass.data[LOVELACE_DATA].dashboards
    if DASHBOARD_URL_PATH in dashboards:
        _LOGGER.info("A dashboard of yours is at /%s: seatsense adds none", DASHBOARD_URL_PATH)
        return
    title = _title(hass)
    item: dict[str, Any] = {
        "id": DASHBOARD_ID,
        "url_path": DASHBOARD_URL_PATH,
        "mode": MODE_STORAGE,
        "title": title,
        "icon": DASHBOARD_ICON,
        "show_in_sidebar": True,
        "require_admin": False,
    }
    config = LovelaceStorage(hass, item)
    try:
        await config.async_load(False)
    except ConfigNotFound:
        await config.async_save(STRATEGY_CONFIG)
    dashboards[DASHBOARD_URL_PATH] = config
    frontend.async_register_built_in_panel(
        hass,
        "lovelace",
        frontend_url_path=DASHBOARD_URL_PATH,
        sidebar_title=title,
        sidebar_icon=DASHBOARD_ICON,
        config={"mode": MODE_STORAGE},
        require_admin=False,
    )

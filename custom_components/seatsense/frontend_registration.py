"""Serves the frontend bundle (seat-map card and seat editor panel) and registers both.

The bundle is built from `frontend/src` and committed (HACS installs no build step). Its URL
carries a hash of its content, so a browser never keeps an older card after an update.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path
from typing import Final

from homeassistant.components import frontend, panel_custom
from homeassistant.components.http import StaticPathConfig
from homeassistant.core import HomeAssistant
from homeassistant.util.hass_dict import HassKey

from .const import DOMAIN

BUNDLE: Final = Path(__file__).parent / "frontend" / "dist" / "seatsense-frontend.js"
URL_BASE: Final = f"/{DOMAIN}_frontend"
PANEL_URL_PATH: Final = f"{DOMAIN}-editor"
PANEL_ELEMENT: Final = "seatsense-editor-panel"
PANEL_ICON: Final = "mdi:seat-outline"
PANEL_TITLES: Final = {"en": "Seat editor", "ko": "좌석 편집기"}

DATA_BUNDLE_URL: HassKey[str] = HassKey(f"{DOMAIN}_bundle_url")

_LOGGER = logging.getLogger(__name__)


def bundle_url(content: bytes) -> str:
    """The bundle's URL: the first 16 hex digits of its SHA-256 name the version."""
    return f"{URL_BASE}/{hashlib.sha256(content).hexdigest()[:16]}/seatsense-frontend.js"


async def async_setup_frontend(hass: HomeAssistant) -> None:
    """Serve the bundle and load it on every dashboard (the card); once, in `async_setup`."""
    try:
        content = await hass.async_add_executor_job(BUNDLE.read_bytes)
    except OSError as err:
        # A checkout without the built bundle: the entities work, the card and editor do not.
        _LOGGER.error("No seat-map card or seat editor: %s (run scripts/build-frontend)", err)
        return
    url = bundle_url(content)
    await hass.http.async_register_static_paths(
        [StaticPathConfig(url, str(BUNDLE), cache_headers=True)]
    )
    hass.data[DATA_BUNDLE_URL] = url
    if "frontend" in hass.config.components:
        frontend.add_extra_js_url(hass, url)


async def async_ensure_panel(hass: HomeAssistant) -> None:
    """Add the seat editor to the sidebar of admins, once a site exists."""
    url = hass.data.get(DATA_BUNDLE_URL)
    if (
        url is None
        or "frontend" not in hass.config.components
        or PANEL_URL_PATH in hass.data.get(frontend.DATA_PANELS, {})
    ):
        return
    await panel_custom.async_register_panel(
        hass,
        frontend_url_path=PANEL_URL_PATH,
        webcomponent_name=PANEL_ELEMENT,
        sidebar_title=PANEL_TITLES.get(hass.config.language.split("-")[0], PANEL_TITLES["en"]),
        sidebar_icon=PANEL_ICON,
        module_url=url,
        require_admin=True,
    )

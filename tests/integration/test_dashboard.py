"""The "Seats" dashboard the integration puts in the sidebar (a strategy dashboard).

A real Home Assistant with its frontend and lovelace components: the dashboard appears with
the first site, its stored configuration is the strategy line, and a configuration the user
saved (or a dashboard of their own at the same address) is never overwritten.
"""

from __future__ import annotations

from typing import Any

from homeassistant.components.frontend import DATA_PANELS
from homeassistant.components.lovelace.const import LOVELACE_DATA
from homeassistant.core import HomeAssistant
from homeassistant.setup import async_setup_component
from pytest_homeassistant_custom_component.typing import WebSocketGenerator

from custom_components.seatsense.dashboard import (
    DASHBOARD_ID,
    DASHBOARD_URL_PATH,
    STRATEGY_CONFIG,
    async_ensure_dashboard,
)

from .conftest import SetupSite

USER_CONFIG = {"title": "Mine", "views": [{"title": "Front desk", "cards": []}]}


async def _command(client: Any, **message: Any) -> dict[str, Any]:
    await client.send_json_auto_id(message)
    response: dict[str, Any] = await client.receive_json()
    return response


async def test_dashboard_appears_with_the_first_site_in_strategy_mode(
    hass: HomeAssistant,
    setup_site: SetupSite,
    hass_ws_client: WebSocketGenerator,
    hass_read_only_access_token: str,
    hass_storage: dict[str, Any],
) -> None:
    assert await async_setup_component(hass, "frontend", {})
    assert DASHBOARD_URL_PATH not in hass.data[DATA_PANELS]
    await setup_site()

    panel = hass.data[DATA_PANELS][DASHBOARD_URL_PATH]
    assert panel.component_name == "lovelace"
    assert panel.config == {"mode": "storage"}
    assert (panel.sidebar_title, panel.sidebar_icon) == ("Seats", "mdi:seat")
    assert panel.require_admin is False
    assert hass_storage[f"lovelace.{DASHBOARD_ID}"]["data"]["config"] == STRATEGY_CONFIG

    staff = await hass_ws_client(hass, hass_read_only_access_token)
    assert DASHBOARD_URL_PATH in (await _command(staff, type="get_panels"))["result"]
    loaded = await _command(staff, type="lovelace/config", url_path=DASHBOARD_URL_PATH)
    assert loaded["result"] == {"strategy": {"type": "custom:seatsense"}}

    # The strategy's data: the site's totals are listed with its cameras and seats.
    layout = await _command(staff, type="seatsense/layout")
    (site,) = layout["result"]["sites"]
    assert site["entities"]["occupied_seats"] == "sensor.study_cafe_occupied_seats"
    assert site["entities"]["occupancy_rate"].startswith("sensor.study_cafe_")
    assert site["device_id"] is not None


async def test_a_config_the_user_saved_is_kept_across_restarts(
    hass: HomeAssistant,
    setup_site: SetupSite,
    hass_ws_client: WebSocketGenerator,
    hass_storage: dict[str, Any],
) -> None:
    """The user took control and edited the dashboard: the next start must not undo that."""
    hass_storage[f"lovelace.{DASHBOARD_ID}"] = {
        "version": 1,
        "key": f"lovelace.{DASHBOARD_ID}",
        "data": {"config": USER_CONFIG},
    }
    assert await async_setup_component(hass, "frontend", {})
    await setup_site()

    client = await hass_ws_client(hass)
    loaded = await _command(client, type="lovelace/config", url_path=DASHBOARD_URL_PATH)
    assert loaded["result"] == USER_CONFIG

    # Editing it now is stored where the next start finds it; a second site changes nothing.
    edited = {**USER_CONFIG, "title": "Mine, edited"}
    saved = await _command(
        client, type="lovelace/config/save", url_path=DASHBOARD_URL_PATH, config=edited
    )
    assert saved["success"], saved
    await async_ensure_dashboard(hass)
    await hass.async_block_till_done()
    assert hass_storage[f"lovelace.{DASHBOARD_ID}"]["data"]["config"] == edited


async def test_a_dashboard_of_the_user_at_the_same_address_is_left_alone(
    hass: HomeAssistant, setup_site: SetupSite, hass_storage: dict[str, Any]
) -> None:
    hass_storage["lovelace_dashboards"] = {
        "version": 1,
        "key": "lovelace_dashboards",
        "data": {
            "items": [
                {
                    "id": "theirs",
                    "url_path": DASHBOARD_URL_PATH,
                    "mode": "storage",
                    "title": "Their own",
                    "icon": "mdi:home",
                    "show_in_sidebar": True,
                    "require_admin": True,
                }
            ]
        },
    }
    assert await async_setup_component(hass, "frontend", {})
    await setup_site()

    panel = hass.data[DATA_PANELS][DASHBOARD_URL_PATH]
    assert (panel.sidebar_title, panel.require_admin) == ("Their own", True)
    assert hass.data[LOVELACE_DATA].dashboards[DASHBOARD_URL_PATH].config["id"] == "theirs"
    assert f"lovelace.{DASHBOARD_ID}" not in hass_storage

    # Without the panel (as if another component had taken the address first) still nothing.
    hass.data[DATA_PANELS].pop(DASHBOARD_URL_PATH)
    await async_ensure_dashboard(hass)
    assert DASHBOARD_URL_PATH not in hass.data[DATA_PANELS]


async def test_korean_title_and_no_dashboard_without_a_frontend(
    hass: HomeAssistant, setup_site: SetupSite
) -> None:
    await setup_site()
    assert DASHBOARD_URL_PATH not in hass.data.get(DATA_PANELS, {})

    hass.config.language = "ko"
    assert await async_setup_component(hass, "frontend", {})
    await async_ensure_dashboard(hass)
    assert hass.data[DATA_PANELS][DASHBOARD_URL_PATH].sidebar_title == "좌석"

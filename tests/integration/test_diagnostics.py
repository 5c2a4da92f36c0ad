"""Diagnostics carry no credentials, in fields or inside URLs and messages."""

from __future__ import annotations

import json

from homeassistant.core import HomeAssistant
from homeassistant.setup import async_setup_component
from pytest_homeassistant_custom_component.components.diagnostics import (
    get_diagnostics_for_config_entry,
)
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from custom_components.seatsense.const import CONF_SOURCE_TYPE, SourceType

from .helpers import camera_subentry, site_entry


async def test_diagnostics_are_redacted(
    hass: HomeAssistant, hass_client: ClientSessionGenerator
) -> None:
    """User names and passwords are redacted; URLs are scrubbed of their login."""
    await async_setup_component(hass, "homeassistant", {})
    source = {
        CONF_SOURCE_TYPE: SourceType.RTSP,
        "url": "rtsp://viewer:inurl-secret@127.0.0.1:9/live?password=param-secret",
        "username": "admin",
        "password": "field-secret",
    }
    entry = site_entry([camera_subentry(source)], interval_s=3600.0)
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()

    diagnostics = await get_diagnostics_for_config_entry(hass, hass_client, entry)
    text = json.dumps(diagnostics)
    for secret in ("inurl-secret", "param-secret", "field-secret", "viewer", "admin"):
        assert secret not in text
    (camera,) = diagnostics["subentries"]
    assert camera["data"]["password"] == "**REDACTED**"
    assert camera["data"]["url"] == "rtsp://127.0.0.1:9/live?password=***"
    assert "seats" in camera["data"]
    assert diagnostics["site"]["cameras"][camera["subentry_id"]]["seats"] == ["A1", "C1"]
    assert await hass.config_entries.async_unload(entry.entry_id)

"""The automation blueprints load, and an automation made from each validates."""

from __future__ import annotations

from pathlib import Path

import pytest
from homeassistant.components.automation.config import (
    AUTOMATION_BLUEPRINT_SCHEMA,
    async_validate_config_item,
)
from homeassistant.components.blueprint.models import Blueprint, BlueprintInputs
from homeassistant.core import HomeAssistant
from homeassistant.util.yaml import load_yaml_dict

BLUEPRINTS = Path(__file__).resolve().parents[2] / "blueprints" / "automation" / "seatsense"
NOTIFY = [{"action": "notify.notify", "data": {"message": "{{ seat }}"}}]


@pytest.mark.parametrize(
    ("name", "inputs"),
    [
        ("hogged_seat_alert.yaml",
         {"hogged_sensors": ["binary_sensor.hall_a1_hogged"], "notify": NOTIFY}),
        ("cleaning_reminder.yaml",
         {"occupancy_sensors": ["binary_sensor.hall_a1_occupied"], "notify": NOTIFY}),
    ],
)
async def test_blueprint_makes_valid_automation(
    hass: HomeAssistant, name: str, inputs: dict
) -> None:
    """Schema-valid blueprint; with the required inputs it is a valid automation."""
    blueprint = Blueprint(
        load_yaml_dict(BLUEPRINTS / name),
        expected_domain="automation",
        schema=AUTOMATION_BLUEPRINT_SCHEMA,
    )
    config = {"use_blueprint": {"path": f"seatsense/{name}", "input": inputs}}
    substituted = BlueprintInputs(blueprint, config).async_substitute()
    assert await async_validate_config_item(hass, "test", substituted) is not None

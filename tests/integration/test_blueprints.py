"""The automation blueprints load, an automation made from each validates, and the opening
capture runs against a real site."""

from __future__ import annotations

import shutil
from datetime import timedelta
from pathlib import Path

import pytest
from freezegun.api import FrozenDateTimeFactory
from homeassistant.components.automation.config import (
    AUTOMATION_BLUEPRINT_SCHEMA,
    async_validate_config_item,
)
from homeassistant.components.blueprint.models import Blueprint, BlueprintInputs
from homeassistant.core import HomeAssistant
from homeassistant.setup import async_setup_component
from homeassistant.util import dt as dt_util
from homeassistant.util.yaml import load_yaml_dict
from pytest_homeassistant_custom_component.common import (
    async_capture_events,
    async_fire_time_changed,
)

from .conftest import SetupSite
from .helpers import person_jpeg, run_cycle

BLUEPRINTS = Path(__file__).resolve().parents[2] / "blueprints" / "automation" / "seatsense"
NOTIFY = [{"action": "notify.notify", "data": {"message": "{{ seat }}"}}]


@pytest.mark.parametrize(
    ("name", "inputs"),
    [
        ("hogged_seat_alert.yaml",
         {"hogged_sensors": ["binary_sensor.hall_a1_hogged"], "notify": NOTIFY}),
        ("cleaning_reminder.yaml",
         {"occupancy_sensors": ["binary_sensor.hall_a1_occupied"], "notify": NOTIFY}),
        ("capture_at_opening.yaml", {"site": "site1entry", "notify": NOTIFY}),
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


async def test_capture_at_opening_captures_the_site_and_reports_what_it_skipped(
    hass: HomeAssistant, setup_site: SetupSite, frame_file: Path, freezer: FrozenDateTimeFactory
) -> None:
    """An automation made from the blueprint, run as at opening time: the site's empty seat
    is captured, and the report names the seat someone already sits at."""
    coordinator = await setup_site()
    for _ in range(2):
        await run_cycle(hass, coordinator, frame_file, person_jpeg())
        freezer.tick(3)
    assert hass.states.get("sensor.hall_a1_state").state == "occupied"
    folder = Path(hass.config.path("blueprints", "automation", "seatsense"))
    folder.mkdir(parents=True)
    shutil.copy(BLUEPRINTS / "capture_at_opening.yaml", folder)
    report = [{"event": "opening_report",
               "event_data": {"captured": "{{ captured }}", "skipped": "{{ skipped }}"}}]
    inputs = {"site": coordinator.config_entry.entry_id, "notify": report}
    assert await async_setup_component(hass, "automation", {"automation": [{
        "id": "opening", "alias": "Opening",
        "use_blueprint": {"path": "seatsense/capture_at_opening.yaml", "input": inputs},
    }]})
    reports = async_capture_events(hass, "opening_report")
    now = dt_util.now()
    opening = now.replace(hour=8, minute=0, second=0, microsecond=0)
    if opening <= now:
        opening += timedelta(days=1)
    freezer.move_to(opening)
    async_fire_time_changed(hass, opening)
    await hass.async_block_till_done()
    assert [event.data for event in reports] == [{"captured": 1, "skipped": "Hall A1 (occupied)"}]
    # Its time trigger would otherwise outlive the test.
    await hass.services.async_call(
        "automation", "turn_off", {"entity_id": "automation.opening"}, blocking=True
    )
    evidence = coordinator.backend.monitor.pipeline.cameras[coordinator.site.cameras[0].id].evidence
    assert evidence.has_reference("C1")
    assert not evidence.has_reference("A1")

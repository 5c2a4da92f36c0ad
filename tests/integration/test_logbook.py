"""The logbook, read through Home Assistant's own logbook and recorder: seat events say what
happened, in the server's language, and the annotated picture does not flood it."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
from homeassistant.setup import async_setup_component
from homeassistant.util import dt as dt_util
from pytest_homeassistant_custom_component.components.recorder.common import (
    async_wait_recording_done,
)
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from .conftest import SetupSite
from .helpers import person_jpeg, run_cycle

IMAGE = "image.hall_annotated_picture"
EVENT = "event.hall_a1_seat_event"


@pytest.fixture
def mock_recorder_before_hass(async_setup_recorder_instance: Any) -> None:
    """The recorder's database is prepared before Home Assistant starts (the recorder and
    logbook then run for real, on an in-memory SQLite)."""


async def _logbook(
    hass: HomeAssistant, client: Any, start: Any, entity_id: str | None = None
) -> list[dict[str, Any]]:
    await async_wait_recording_done(hass)
    end = dt_util.utcnow() + timedelta(hours=1)
    params = {"end_time": end.isoformat(), **({"entity": entity_id} if entity_id else {})}
    response = await client.get(f"/api/logbook/{quote(start.isoformat())}", params=params)
    assert response.status == 200
    entries: list[dict[str, Any]] = await response.json()
    return entries


async def _person_sits_for_a_minute(
    hass: HomeAssistant, setup_site: SetupSite, frame_file: Path, freezer: FrozenDateTimeFactory
) -> None:
    """A person sits down and stays: 21 samples 3 s apart (the picture refreshes 6 times)."""
    coordinator = await setup_site()
    for _ in range(21):
        await run_cycle(hass, coordinator, frame_file, person_jpeg())
        freezer.tick(3)


async def test_seat_events_say_what_happened_and_the_picture_stays_quiet(
    recorder_mock: Any,
    hass: HomeAssistant,
    setup_site: SetupSite,
    frame_file: Path,
    freezer: FrozenDateTimeFactory,
    hass_client: ClientSessionGenerator,
) -> None:
    """One minute of a person at A1: the logbook says "Hall A1 person sat down", and the
    picture logs once (when its camera's pictures start), though dashboards got six fresh
    pictures (six new access tokens)."""
    assert await async_setup_component(hass, "logbook", {})
    start = dt_util.utcnow()
    tokens = set()

    def remember_token(*_: Any) -> None:
        state = hass.states.get(IMAGE)
        if state is not None and "access_token" in state.attributes:
            tokens.add(state.attributes["access_token"])

    hass.bus.async_listen("state_changed", remember_token)
    await _person_sits_for_a_minute(hass, setup_site, frame_file, freezer)
    client = await hass_client()
    entries = await _logbook(hass, client, start)

    seat = [e for e in entries if e.get("entity_id") == EVENT and e.get("message")]
    assert [(e["name"], e["message"]) for e in seat] == [("Hall A1", "person sat down")]
    picture = [e for e in entries if e.get("entity_id") == IMAGE]
    assert len(picture) <= 1, picture
    assert len(tokens) >= 6  # the picture did refresh
    state = [e for e in entries if e.get("entity_id") == "sensor.hall_a1_state"]
    assert [e["state"] for e in state][-1] == "occupied"


async def test_seat_events_are_described_in_korean(
    recorder_mock: Any,
    hass: HomeAssistant,
    setup_site: SetupSite,
    frame_file: Path,
    freezer: FrozenDateTimeFactory,
    hass_client: ClientSessionGenerator,
) -> None:
    """With Home Assistant in Korean, the logbook's seat event is Korean too."""
    hass.config.language = "ko"
    assert await async_setup_component(hass, "logbook", {})
    start = dt_util.utcnow()
    coordinator = await setup_site()
    for _ in range(2):
        await run_cycle(hass, coordinator, frame_file, person_jpeg())
        freezer.tick(3)
    entries = await _logbook(hass, await hass_client(), start, EVENT)
    assert [e["message"] for e in entries if e.get("message")] == ["착석"]

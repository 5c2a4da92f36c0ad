"""Entity states from real frames through the bundled model, under HA's simulated clock."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from freezegun.api import FrozenDateTimeFactory
from homeassistant.const import STATE_OFF, STATE_ON, STATE_UNAVAILABLE, STATE_UNKNOWN
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
from homeassistant.util import dt as dt_util

from .conftest import SetupSite
from .helpers import bag_jpeg, empty_jpeg, person_jpeg, run_cycle

A1 = "hall_a1"
C1 = "hall_c1"


def state(hass: HomeAssistant, entity_id: str) -> str:
    found = hass.states.get(entity_id)
    assert found is not None, entity_id
    return found.state


async def test_person_enters_and_leaves_back_dated(
    hass: HomeAssistant, setup_site: SetupSite, frame_file: Path, freezer: FrozenDateTimeFactory
) -> None:
    """Seen twice -> occupied from the first sighting; gone 30 s -> left when first missed."""
    coordinator = await setup_site()
    t0 = dt_util.utcnow()
    await run_cycle(hass, coordinator, frame_file, person_jpeg())
    assert state(hass, f"sensor.{A1}_state") == "empty"
    assert state(hass, f"binary_sensor.{A1}_occupied") == STATE_OFF
    freezer.tick(3)
    await run_cycle(hass, coordinator)
    assert state(hass, f"binary_sensor.{A1}_occupied") == STATE_ON
    assert state(hass, f"sensor.{A1}_state") == "occupied"
    assert state(hass, "sensor.hall_people") == "2"
    assert state(hass, "binary_sensor.hall_connectivity") == STATE_ON
    assert state(hass, "sensor.study_cafe_occupied_seats") == "1"
    assert state(hass, "sensor.study_cafe_entries_today") == "1"
    enter = hass.states.get(f"event.{A1}_seat_event")
    assert enter.attributes["event_type"] == "person_enter"
    assert enter.attributes["time"] == t0.isoformat()

    freezer.tick(3)  # t0 + 6: first sample without the person
    await run_cycle(hass, coordinator, frame_file, empty_jpeg())
    freezer.tick(14)
    await run_cycle(hass, coordinator)
    assert state(hass, f"binary_sensor.{A1}_occupied") == STATE_ON  # within the grace
    assert state(hass, f"sensor.{A1}_current_stay") == "0"
    freezer.tick(20)  # t0 + 40
    await run_cycle(hass, coordinator)
    assert state(hass, f"binary_sensor.{A1}_occupied") == STATE_OFF
    leave = hass.states.get(f"event.{A1}_seat_event")
    assert leave.attributes["event_type"] == "person_leave"
    assert leave.attributes["time"] == (t0 + timedelta(seconds=6)).isoformat()
    assert leave.attributes["stay_s"] == 6.0
    vacant_since = (t0 + timedelta(seconds=6)).replace(microsecond=0)
    assert state(hass, f"sensor.{A1}_vacant_since") == vacant_since.isoformat()
    assert state(hass, f"sensor.{A1}_vacant_for") == "0"
    assert state(hass, f"sensor.{A1}_last_stay") == "0.1"
    assert state(hass, "sensor.study_cafe_average_stay_today") == "0.1"
    assert state(hass, "sensor.study_cafe_turnover_today") == "0.5"

    # The vacancy sensor moves in whole minutes: at most once a minute.
    freezer.tick(25)  # t0 + 65: 59 s vacant
    await run_cycle(hass, coordinator)
    assert state(hass, f"sensor.{A1}_vacant_for") == "0"
    freezer.tick(2)  # t0 + 67: 61 s vacant
    await run_cycle(hass, coordinator)
    assert state(hass, f"sensor.{A1}_vacant_for") == "1"


async def test_belongings_left_become_abandoned_at_600_s(
    hass: HomeAssistant, setup_site: SetupSite, frame_file: Path, freezer: FrozenDateTimeFactory
) -> None:
    """Belongings without a person: away at once, abandoned (hogged) 600 s after first seen."""
    # A plain box on a wall is weak evidence for the change measure: most sensitive, and one
    # sample is enough (the reference keeps learning while the seat still counts as empty).
    coordinator = await setup_site(belongings_sensitivity=100, enter_samples=1)
    for _ in range(2):  # C1 seen empty: its reference is learned
        await run_cycle(hass, coordinator, frame_file, person_jpeg())
        freezer.tick(3)
    await run_cycle(hass, coordinator, frame_file, bag_jpeg())  # t1: belongings first seen
    assert state(hass, f"sensor.{C1}_state") == "away"
    assert state(hass, f"binary_sensor.{C1}_hogged") == STATE_OFF
    freezer.tick(599)  # t1 + 599
    await run_cycle(hass, coordinator)
    assert state(hass, f"sensor.{C1}_state") == "away"
    freezer.tick(1)  # t1 + 600
    await run_cycle(hass, coordinator)
    assert state(hass, f"sensor.{C1}_state") == "abandoned"
    assert state(hass, f"binary_sensor.{C1}_hogged") == STATE_ON
    assert state(hass, "sensor.study_cafe_hogged_seats") == "1"
    event = hass.states.get(f"event.{C1}_seat_event")
    assert event.attributes["event_type"] == "abandoned_detected"
    assert event.attributes["unattended_s"] == 600.0


async def test_belongings_since_names_when_things_were_left_across_a_restart(
    hass: HomeAssistant, setup_site: SetupSite, frame_file: Path, freezer: FrozenDateTimeFactory
) -> None:
    """The seat's "belongings since" timestamp is when the bag was first seen: while away,
    once hogged, and after Home Assistant restarts the site; it goes unknown when the bag
    is taken away."""
    coordinator = await setup_site(belongings_sensitivity=100, enter_samples=1)
    entry = coordinator.config_entry
    for _ in range(2):  # C1 seen empty: its reference is learned
        await run_cycle(hass, coordinator, frame_file, person_jpeg())
        freezer.tick(3)
    assert state(hass, f"sensor.{C1}_belongings_since") == STATE_UNKNOWN
    left = dt_util.utcnow().replace(microsecond=0)
    await run_cycle(hass, coordinator, frame_file, bag_jpeg())
    assert state(hass, f"sensor.{C1}_state") == "away"
    assert state(hass, f"sensor.{C1}_belongings_since") == left.isoformat()
    freezer.tick(600)
    await run_cycle(hass, coordinator)
    assert state(hass, f"sensor.{C1}_state") == "abandoned"
    assert state(hass, f"sensor.{C1}_belongings_since") == left.isoformat()

    assert await hass.config_entries.async_unload(entry.entry_id)
    freezer.tick(300)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    restored = entry.runtime_data
    assert restored is not coordinator
    await run_cycle(hass, restored)
    assert state(hass, f"sensor.{C1}_state") == "abandoned"
    assert state(hass, f"sensor.{C1}_belongings_since") == left.isoformat()
    entity = er.async_get(hass).async_get(f"sensor.{C1}_belongings_since")
    assert entity is not None and entity.translation_key == "belongings_since"

    await run_cycle(hass, restored, frame_file, person_jpeg())  # the bag is gone
    await run_cycle(hass, restored)
    assert state(hass, f"sensor.{C1}_state") == "empty"
    assert state(hass, f"sensor.{C1}_belongings_since") == STATE_UNKNOWN


async def test_offline_camera_makes_seats_unknown_and_raises_issue(
    hass: HomeAssistant, setup_site: SetupSite, frame_file: Path, freezer: FrozenDateTimeFactory
) -> None:
    """No usable frame: the seats' states are unknown (as the README says; not unavailable),
    an issue after 10 minutes; back with clocks intact."""
    from homeassistant.helpers import issue_registry as ir

    coordinator = await setup_site()
    for _ in range(2):
        await run_cycle(hass, coordinator, frame_file, person_jpeg())
        freezer.tick(3)
    assert state(hass, f"binary_sensor.{A1}_occupied") == STATE_ON
    frame_file.write_text("not a picture")
    freezer.tick(coordinator.backend.monitor.offline_after_s + 1)
    await run_cycle(hass, coordinator)
    for entity_id in (f"binary_sensor.{A1}_occupied", f"binary_sensor.{A1}_hogged",
                      f"sensor.{A1}_state", f"sensor.{A1}_current_stay", "sensor.hall_people"):
        assert state(hass, entity_id) == STATE_UNKNOWN, entity_id
    assert state(hass, "sensor.study_cafe_occupied_seats") == "0"  # not seen, not counted
    assert state(hass, "sensor.study_cafe_occupancy_rate") == STATE_UNKNOWN
    assert state(hass, "binary_sensor.hall_connectivity") == STATE_OFF
    issues = ir.async_get(hass)
    issue_id = f"camera_offline_site1entry_{coordinator.site.cameras[0].id}"
    assert issues.async_get_issue("seatsense", issue_id) is None
    freezer.tick(600)
    await run_cycle(hass, coordinator)
    assert issues.async_get_issue("seatsense", issue_id) is not None

    await run_cycle(hass, coordinator, frame_file, person_jpeg())
    assert issues.async_get_issue("seatsense", issue_id) is None
    assert state(hass, f"binary_sensor.{A1}_occupied") == STATE_ON
    stay_s = coordinator.seat_status(coordinator.site.cameras[0].id, "A1").stay_s(coordinator.now_s)
    assert stay_s == pytest.approx(6 + coordinator.backend.monitor.offline_after_s + 1 + 600)


async def test_diagnostic_sensors_disabled_by_default(
    hass: HomeAssistant, setup_site: SetupSite, entity_registry: er.EntityRegistry
) -> None:
    """fps and last-frame age exist but start disabled."""
    await setup_site()
    for key in ("frame_rate", "last_frame_age"):
        entry = entity_registry.async_get(f"sensor.hall_{key}")
        assert entry is not None
        assert entry.disabled_by is er.RegistryEntryDisabler.INTEGRATION


async def test_annotated_image_and_day_rollover(
    hass: HomeAssistant,
    setup_site: SetupSite,
    frame_file: Path,
    freezer: FrozenDateTimeFactory,
    hass_client,
) -> None:
    """The image entity serves the annotated frame; today's figures restart at midnight."""
    from pytest_homeassistant_custom_component.common import async_fire_time_changed

    coordinator = await setup_site()
    assert state(hass, "image.hall_annotated_picture") == STATE_UNAVAILABLE  # no frame yet
    for _ in range(2):
        await run_cycle(hass, coordinator, frame_file, person_jpeg())
        freezer.tick(3)
    assert state(hass, "image.hall_annotated_picture") not in ("unknown", STATE_UNAVAILABLE)
    client = await hass_client()
    response = await client.get("/api/image_proxy/image.hall_annotated_picture")
    assert response.status == 200
    assert (await response.read())[:2] == b"\xff\xd8"
    assert state(hass, "sensor.study_cafe_entries_today") == "1"
    assert state(hass, "sensor.study_cafe_occupancy_rate") == "50.0"

    # The camera entity source is polled on the site's interval.
    camera_id = next(iter(coordinator.entity_sources))
    source = coordinator.backend.sources[camera_id]
    sequence = source.latest().sequence
    freezer.tick(3600)
    async_fire_time_changed(hass)
    await hass.async_block_till_done(wait_background_tasks=True)
    assert source.latest().sequence == sequence + 1

    freezer.move_to(dt_util.start_of_local_day() + timedelta(days=1, seconds=1))
    async_fire_time_changed(hass)
    await hass.async_block_till_done()
    assert state(hass, "sensor.study_cafe_entries_today") == "0"


async def test_annotated_picture_speaks_the_server_language(
    hass: HomeAssistant, setup_site: SetupSite, frame_file: Path
) -> None:
    """The picture's state words follow Home Assistant's language, in the state colours."""
    import cv2
    import numpy as np

    coordinator = await setup_site()
    await run_cycle(hass, coordinator, frame_file, person_jpeg())
    camera_id = coordinator.site.cameras[0].id
    english = await coordinator.async_annotated_jpeg(camera_id)
    hass.config.language = "ko"
    korean = await coordinator.async_annotated_jpeg(camera_id)
    assert english is not None and korean is not None
    first, second = (
        cv2.imdecode(np.frombuffer(j, np.uint8), cv2.IMREAD_COLOR) for j in (english, korean)
    )
    changed = np.abs(first.astype(int) - second.astype(int)).max(axis=2) > 40
    rows = np.nonzero(changed.any(axis=1))[0]
    assert rows.size  # the words differ ...
    assert rows.max() < 300  # ... and only in the label strips at the seats' tops (y 0 and 250)


async def test_saving_options_keeps_every_seat_available(
    hass: HomeAssistant, setup_site: SetupSite, frame_file: Path, freezer: FrozenDateTimeFactory
) -> None:
    """New thresholds and privacy are taken by the running site: no seat entity goes
    unavailable, the seat keeps its state, the new grace applies from the next sample. A new
    interval needs a restart, and gets one."""
    from homeassistant.core import Event, callback

    coordinator = await setup_site()
    for _ in range(2):
        await run_cycle(hass, coordinator, frame_file, person_jpeg())
        freezer.tick(3)
    assert state(hass, f"binary_sensor.{A1}_occupied") == STATE_ON
    entry = coordinator.config_entry
    went_unavailable: list[str] = []

    @callback
    def watch(event: Event) -> None:
        new = event.data["new_state"]
        if new is not None and new.state == STATE_UNAVAILABLE:
            went_unavailable.append(event.data["entity_id"])

    unsubscribe = hass.bus.async_listen("state_changed", watch)
    result = await hass.config_entries.options.async_init(entry.entry_id)
    result = await hass.config_entries.options.async_configure(
        result["flow_id"],
        {**entry.options, "exit_grace_min": 2.0, "abandoned_after_min": 20.0,
         "enter_samples": 3, "privacy_blur": True},
    )
    await hass.async_block_till_done()
    assert went_unavailable == []
    assert entry.runtime_data is coordinator  # not reloaded
    assert coordinator.privacy_blur is True
    camera_id = coordinator.site.cameras[0].id
    engine = coordinator.backend.monitor.pipeline.cameras[camera_id].engines["A1"]
    assert (engine.settings.exit_grace_s, engine.settings.abandoned_after_s) == (120.0, 1200.0)
    assert engine.settings.enter_samples == 3
    assert state(hass, f"binary_sensor.{A1}_occupied") == STATE_ON
    # The person leaves: 60 s later the seat is still taken (the grace is 2 minutes now).
    await run_cycle(hass, coordinator, frame_file, empty_jpeg())
    freezer.tick(60)
    await run_cycle(hass, coordinator)
    assert state(hass, f"binary_sensor.{A1}_occupied") == STATE_ON

    result = await hass.config_entries.options.async_init(entry.entry_id)
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {**entry.options, "interval_s": 1800.0}
    )
    await hass.async_block_till_done()
    unsubscribe()
    assert entry.runtime_data is not coordinator  # restarted with the new interval
    assert entry.runtime_data.site.interval_s == 1800.0

"""Set-up, unload, reload, restart restore, devices and repair issues of a site."""

from __future__ import annotations

import asyncio
import shutil
import sqlite3
from pathlib import Path
from unittest.mock import patch

from freezegun.api import FrozenDateTimeFactory
from homeassistant.components.camera import CameraEntityFeature, async_get_stream_source
from homeassistant.config_entries import ConfigEntryState
from homeassistant.const import STATE_ON, STATE_UNAVAILABLE
from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr
from homeassistant.helpers import issue_registry as ir
from homeassistant.requirements import RequirementsNotFound
from homeassistant.setup import async_setup_component

from custom_components.seatsense.backend import event_log_path
from custom_components.seatsense.const import (
    CONF_HOST,
    CONF_MODEL,
    CONF_PASSWORD,
    CONF_SOURCE_TYPE,
    CONF_URL,
    CONF_USERNAME,
    DOMAIN,
    SourceType,
)
from seatsense.core.status import MonitorUpdate

from .conftest import SetupSite
from .helpers import (
    SEATS,
    ZIDANE,
    camera_subentry,
    person_jpeg,
    run_cycle,
    site_entry,
)


async def test_setup_unload_reload(hass: HomeAssistant, setup_site: SetupSite) -> None:
    """The site loads, unloads (monitor stopped) and reloads."""
    coordinator = await setup_site()
    entry = coordinator.config_entry
    assert entry.state is ConfigEntryState.LOADED
    assert hass.states.get("binary_sensor.hall_a1_occupied") is not None
    assert await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()
    assert entry.state is ConfigEntryState.LOADED
    assert entry.runtime_data is not coordinator
    assert await hass.config_entries.async_unload(entry.entry_id)
    await hass.async_block_till_done()
    assert entry.state is ConfigEntryState.NOT_LOADED
    assert hass.states.get("binary_sensor.hall_a1_occupied").state == STATE_UNAVAILABLE


async def test_deleting_the_site_removes_its_stored_seats(
    hass: HomeAssistant, setup_site: SetupSite, frame_file: Path, hass_storage: dict
) -> None:
    """Nothing of a deleted site is left in .storage."""
    coordinator = await setup_site()
    entry = coordinator.config_entry
    await run_cycle(hass, coordinator, frame_file, person_jpeg())
    assert await hass.config_entries.async_unload(entry.entry_id)
    key = f"seatsense.{entry.entry_id}"
    assert key in hass_storage
    await hass.config_entries.async_remove(entry.entry_id)
    await hass.async_block_till_done()
    assert key not in hass_storage


async def test_state_and_clocks_survive_restart(
    hass: HomeAssistant, setup_site: SetupSite, frame_file: Path, freezer: FrozenDateTimeFactory
) -> None:
    """Seat statuses are stored on unload and restored: the stay clock keeps counting."""
    coordinator = await setup_site()
    entry = coordinator.config_entry
    await run_cycle(hass, coordinator, frame_file, person_jpeg())
    freezer.tick(3)
    await run_cycle(hass, coordinator)
    camera_id = coordinator.site.cameras[0].id
    since = coordinator.seat_status(camera_id, "A1").occupied_since_s
    assert hass.states.get("sensor.study_cafe_entries_today").state == "1"

    assert await hass.config_entries.async_unload(entry.entry_id)
    freezer.tick(120)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    restored = entry.runtime_data
    assert restored is not coordinator
    # Before the first new frame the seat is not observed, but its clock is kept.
    assert restored.seat_status(camera_id, "A1").occupied_since_s == since
    await run_cycle(hass, restored)
    assert hass.states.get("binary_sensor.hall_a1_occupied").state == STATE_ON
    assert hass.states.get("sensor.hall_a1_current_stay").state == "2"
    assert hass.states.get("sensor.study_cafe_entries_today").state == "1"


async def test_model_that_fails_to_load_raises_issue(hass: HomeAssistant, tmp_path: Path) -> None:
    """A missing model: set-up is retried and a repair issue says why; it goes when fixed."""
    entry = site_entry()
    entry.add_to_hass(hass)
    hass.config_entries.async_update_entry(
        entry, data={**entry.data, CONF_MODEL: str(tmp_path / "gone.onnx")}
    )
    await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    assert entry.state is ConfigEntryState.SETUP_RETRY
    issue = ir.async_get(hass).async_get_issue(DOMAIN, f"model_failed_{entry.entry_id}")
    assert issue is not None
    assert issue.translation_key == "model_failed"

    hass.config_entries.async_update_entry(entry, data={**entry.data, CONF_MODEL: "bundled"})
    await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()
    assert entry.state is ConfigEntryState.LOADED
    assert ir.async_get(hass).async_get_issue(DOMAIN, f"model_failed_{entry.entry_id}") is None


async def test_local_site_without_detection_raises_issue(hass: HomeAssistant) -> None:
    """A local site where the detection libraries cannot be installed: an error and an issue
    that point to a seatsense server; both go once it can run."""
    entry = site_entry()
    entry.add_to_hass(hass)
    with patch(
        "custom_components.seatsense.backend.local.async_process_requirements",
        side_effect=RequirementsNotFound(DOMAIN, ["av>=12.0"]),
    ):
        await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    assert entry.state is ConfigEntryState.SETUP_ERROR
    assert "seatsense server" in (entry.reason or "")
    issue_id = f"detect_unavailable_{entry.entry_id}"
    issue = ir.async_get(hass).async_get_issue(DOMAIN, issue_id)
    assert issue is not None
    assert issue.translation_placeholders["site"] == "Study Cafe"
    assert "av" in issue.translation_placeholders["error"]

    await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()
    assert entry.state is ConfigEntryState.LOADED
    assert ir.async_get(hass).async_get_issue(DOMAIN, issue_id) is None


async def test_invalid_stored_layout_fails_setup(hass: HomeAssistant, desk_camera: str) -> None:
    """A layout that no longer validates is a set-up error with the library's message."""
    entry = site_entry(
        [
            camera_subentry(
                {CONF_SOURCE_TYPE: SourceType.ENTITY, "entity_id": desk_camera}, seats="A1: 1,1"
            )
        ]
    )
    entry.add_to_hass(hass)
    await hass.config_entries.async_setup(entry.entry_id)
    assert entry.state is ConfigEntryState.SETUP_ERROR
    assert "A1" in (entry.reason or "")


async def test_site_without_cameras(hass: HomeAssistant) -> None:
    """A new site has no camera yet: only its own sensors."""
    entry = site_entry()
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    assert hass.states.get("sensor.study_cafe_occupied_seats").state == "0"
    assert hass.states.get("sensor.study_cafe_occupancy_rate").state == "unknown"
    assert hass.states.get("sensor.study_cafe_turnover_today").state == "unknown"


async def test_devices_follow_cameras_and_seats(
    hass: HomeAssistant, setup_site: SetupSite, device_registry: dr.DeviceRegistry
) -> None:
    """Site > camera > seat devices; seats dropped from a layout and removed cameras go."""
    coordinator = await setup_site()
    entry = coordinator.config_entry
    camera_id = coordinator.site.cameras[0].id
    site = device_registry.async_get_device({(DOMAIN, entry.entry_id)})
    camera = device_registry.async_get_device({(DOMAIN, f"{entry.entry_id}_{camera_id}")})
    seat = device_registry.async_get_device({(DOMAIN, f"{entry.entry_id}_{camera_id}_C1")})
    assert camera.via_device_id == site.id
    assert seat.via_device_id == camera.id
    assert seat.name == "Hall C1"

    subentry = entry.subentries[camera_id]
    hass.config_entries.async_update_subentry(
        entry, subentry, data={**subentry.data, "seats": SEATS.splitlines()[0]}
    )
    await hass.async_block_till_done()
    assert device_registry.async_get(seat.id) is None
    assert hass.states.get("binary_sensor.hall_a1_occupied") is not None

    # A device of the site that no longer exists may be deleted by the user; a live one not.
    ws_allowed = await _async_remove_allowed(hass, entry, camera)
    assert ws_allowed is False

    hass.config_entries.async_remove_subentry(entry, camera_id)
    await hass.async_block_till_done()
    assert device_registry.async_get(camera.id) is None
    assert device_registry.async_get(site.id) is not None
    assert entry.state is ConfigEntryState.LOADED


async def _async_remove_allowed(hass: HomeAssistant, entry, device) -> bool:
    from custom_components.seatsense import async_remove_config_entry_device

    return await async_remove_config_entry_device(hass, entry, device)


async def test_stale_device_can_be_removed(
    hass: HomeAssistant, setup_site: SetupSite, device_registry: dr.DeviceRegistry
) -> None:
    """A device left over (unknown identifier) may be deleted by the user."""
    coordinator = await setup_site()
    entry = coordinator.config_entry
    stale = device_registry.async_get_or_create(
        config_entry_id=entry.entry_id, identifiers={(DOMAIN, "site1entry_old_X9")}
    )
    assert await _async_remove_allowed(hass, entry, stale) is True
    # The answer does not need the site to be running.
    camera = device_registry.async_get_device(
        {(DOMAIN, f"{entry.entry_id}_{coordinator.site.cameras[0].id}")}
    )
    assert await hass.config_entries.async_unload(entry.entry_id)
    assert await _async_remove_allowed(hass, entry, camera) is False
    assert await _async_remove_allowed(hass, entry, stale) is True


async def test_live_image_folder_source(hass: HomeAssistant, tmp_path: Path) -> None:
    """The monitor's own threads: an image folder replayed through the grabber and the model."""
    folder = tmp_path / "frames"
    folder.mkdir()
    for name in ("0001.jpg", "0002.jpg", "0003.jpg"):  # a sequence plays once
        shutil.copy(ZIDANE, folder / name)
    entry = site_entry(
        [camera_subentry({CONF_SOURCE_TYPE: SourceType.RTSP, CONF_URL: str(folder)})],
        interval_s=0.5,
    )
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    for _ in range(100):
        await asyncio.sleep(0.1)
        state = hass.states.get("binary_sensor.hall_a1_occupied")
        if state and state.state == STATE_ON:
            break
    assert hass.states.get("binary_sensor.hall_a1_occupied").state == STATE_ON
    assert hass.states.get("binary_sensor.hall_connectivity").state == STATE_ON
    # A folder has no live stream: no camera entity.
    assert hass.states.get("camera.hall_live") is None
    assert await hass.config_entries.async_unload(entry.entry_id)


async def test_rtsp_camera_entity_streams_unless_privacy(hass: HomeAssistant) -> None:
    """RTSP sources get a camera entity whose stream is the source (none with privacy on)."""
    await async_setup_component(hass, "homeassistant", {})
    source = {
        CONF_SOURCE_TYPE: SourceType.RTSP,
        CONF_URL: "rtsp://127.0.0.1:9/stream2",
        CONF_USERNAME: "admin",
        CONF_PASSWORD: "hunter2",
    }
    entry = site_entry([camera_subentry(source)], interval_s=3600.0)
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    state = hass.states.get("camera.hall_live")
    assert state is not None
    assert state.attributes["supported_features"] == CameraEntityFeature.STREAM
    assert (
        await async_get_stream_source(hass, "camera.hall_live")
        == "rtsp://admin:hunter2@127.0.0.1:9/stream2"
    )
    hass.config_entries.async_update_entry(entry, options={**entry.options, "privacy_blur": True})
    await hass.async_block_till_done()
    assert hass.states.get("camera.hall_live").attributes["supported_features"] == 0
    assert await async_get_stream_source(hass, "camera.hall_live") is None
    assert await hass.config_entries.async_unload(entry.entry_id)


async def test_nvr_source_url(hass: HomeAssistant) -> None:
    """NVR channels become vendor RTSP URLs."""
    from custom_components.seatsense.site import source_url

    data = {
        CONF_SOURCE_TYPE: SourceType.NVR,
        "vendor": "hikvision",
        CONF_HOST: "192.0.2.10",
        "port": 554,
        "channel": 3,
        "stream": "sub",
        CONF_USERNAME: "admin",
        CONF_PASSWORD: "pw",
    }
    assert source_url(data) == "rtsp://admin:pw@192.0.2.10:554/Streaming/Channels/302"


async def test_events_reach_the_event_log_before_home_assistant_hears_of_them(
    hass: HomeAssistant, setup_site: SetupSite, frame_file: Path
) -> None:
    """Local mode writes each cycle's events and seat statuses first, then tells HA."""
    coordinator = await setup_site()
    log = event_log_path(hass, coordinator.config_entry.entry_id)
    on_disk_when_told: list[list[tuple[str, str]]] = []

    def read_log(update: MonitorUpdate) -> None:  # a listener like the backend's own
        with sqlite3.connect(log) as db:
            rows = db.execute("SELECT type, seat_id FROM events").fetchall()
            rows += db.execute("SELECT 'status', state FROM seat_status").fetchall()
        on_disk_when_told.append(rows)

    coordinator.backend.monitor.add_listener(read_log)
    await run_cycle(hass, coordinator, frame_file, person_jpeg())
    await run_cycle(hass, coordinator)
    assert ("person_enter", "A1") in on_disk_when_told[-1]
    assert ("status", "occupied") in on_disk_when_told[-1]


async def test_seat_clocks_survive_a_crash_of_home_assistant(
    hass: HomeAssistant,
    setup_site: SetupSite,
    frame_file: Path,
    hass_storage: dict,
    freezer: FrozenDateTimeFactory,
) -> None:
    """Killed without a stop, HA has no saved seats in its store: the event log has them."""
    coordinator = await setup_site()
    entry = coordinator.config_entry
    await run_cycle(hass, coordinator, frame_file, person_jpeg())
    freezer.tick(3)
    await run_cycle(hass, coordinator)
    camera_id = coordinator.site.cameras[0].id
    since = coordinator.seat_status(camera_id, "A1").occupied_since_s
    log = event_log_path(hass, entry.entry_id)
    crashed = log.parent / "as-the-crash-left-it"
    crashed.mkdir()
    for name in (log.name, f"{log.name}-wal"):  # the files as a SIGKILL would leave them
        shutil.copy(log.parent / name, crashed / name)

    assert await hass.config_entries.async_unload(entry.entry_id)
    hass_storage.pop(f"seatsense.{entry.entry_id}", None)  # the crash came before HA's save
    for suffix in ("", "-wal", "-shm"):
        Path(f"{log}{suffix}").unlink(missing_ok=True)
    for name in (log.name, f"{log.name}-wal"):
        shutil.copy(crashed / name, log.parent / name)
    freezer.tick(60)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    restored = entry.runtime_data
    assert restored.seat_status(camera_id, "A1").occupied_since_s == since
    await run_cycle(hass, restored)
    assert hass.states.get("binary_sensor.hall_a1_occupied").state == STATE_ON
    assert restored.seat_status(camera_id, "A1").occupied_since_s == since
    with sqlite3.connect(log) as db:  # occupied throughout: still one person_enter
        enters = db.execute("SELECT COUNT(*) FROM events WHERE type = 'person_enter'")
        assert enters.fetchone()[0] == 1

    await hass.config_entries.async_remove(entry.entry_id)
    await hass.async_block_till_done()
    assert not log.exists()  # a deleted site leaves no event log behind

"""The actions: capture_baseline (a seat, a camera, a whole site), reset_seat, snapshot."""

from __future__ import annotations

import asyncio
import os
import time
from pathlib import Path

import pytest
from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
from homeassistant.helpers import device_registry as dr
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from custom_components.seatsense.const import (
    CONF_ENTITY_ID,
    CONF_SOURCE_TYPE,
    DOMAIN,
    SourceType,
)
from custom_components.seatsense.coordinator import SeatsenseCoordinator

from .conftest import SetupSite
from .helpers import (
    CAMERA_ID,
    add_local_camera,
    bag_jpeg,
    camera_subentry,
    empty_jpeg,
    person_jpeg,
    run_cycle,
    site_entry,
)


def _device(registry: dr.DeviceRegistry, coordinator, seat_id: str | None = None) -> str:
    entry_id = coordinator.config_entry.entry_id
    camera_id = coordinator.site.cameras[0].id
    identifier = f"{entry_id}_{camera_id}" + (f"_{seat_id}" if seat_id else "")
    device = registry.async_get_device({(DOMAIN, identifier)})
    assert device is not None
    return device.id


def _answer(
    camera: str,
    captured: list[str],
    occupied: list[str] | None = None,
    belongings: list[str] | None = None,
    offline: list[str] | None = None,
) -> dict[str, object]:
    """What capture_baseline answers for one camera."""
    return {
        "camera": camera,
        "captured": captured,
        "skipped_occupied": occupied or [],
        "skipped_belongings": belongings or [],
        "skipped_offline": offline or [],
    }


async def test_reset_seat_frees_a_hogged_seat(
    hass: HomeAssistant,
    setup_site: SetupSite,
    frame_file: Path,
    freezer: FrozenDateTimeFactory,
    device_registry: dr.DeviceRegistry,
) -> None:
    """Staff cleared the desk: the seat is empty now and belongings_removed fires."""
    coordinator = await setup_site(belongings_sensitivity=100, enter_samples=1)
    await run_cycle(hass, coordinator, frame_file, person_jpeg())
    freezer.tick(3)
    await run_cycle(hass, coordinator, frame_file, bag_jpeg())
    assert hass.states.get("sensor.hall_c1_state").state == "away"
    freezer.tick(5)
    response = await hass.services.async_call(
        DOMAIN, "reset_seat", {"device_id": _device(device_registry, coordinator, "C1")},
        blocking=True, return_response=True,
    )
    assert response == {"camera": "Hall", "seat": "C1", "was": "away", "now": "empty"}
    assert hass.states.get("sensor.hall_c1_state").state == "empty"
    event = hass.states.get("event.hall_c1_seat_event")
    assert event.attributes["event_type"] == "belongings_removed"
    assert event.attributes["reset"] is True

    with pytest.raises(ServiceValidationError) as err:
        await hass.services.async_call(
            DOMAIN, "reset_seat", {"device_id": _device(device_registry, coordinator)},
            blocking=True,
        )
    assert err.value.translation_key == "not_a_seat"


async def test_capture_baseline(
    hass: HomeAssistant,
    setup_site: SetupSite,
    frame_file: Path,
    device_registry: dr.DeviceRegistry,
) -> None:
    """A seat's or a camera's empty reference is taken from the newest frame."""
    coordinator = await setup_site()
    camera = _device(device_registry, coordinator)
    with pytest.raises(HomeAssistantError) as err:  # no frame yet
        await hass.services.async_call(
            DOMAIN, "capture_baseline", {"device_id": camera}, blocking=True
        )
    assert err.value.translation_key == "baseline_failed"
    await run_cycle(hass, coordinator, frame_file, person_jpeg())
    response = await hass.services.async_call(
        DOMAIN, "capture_baseline", {"device_id": _device(device_registry, coordinator, "C1")},
        blocking=True, return_response=True,
    )
    assert response == _answer("Hall", ["C1"])
    response = await hass.services.async_call(
        DOMAIN, "capture_baseline", {"device_id": camera}, blocking=True, return_response=True
    )
    assert response == _answer("Hall", ["A1", "C1"])
    evidence = coordinator.backend.monitor.pipeline.cameras[coordinator.site.cameras[0].id].evidence
    assert evidence.has_reference("A1")
    assert evidence.has_reference("C1")


async def test_capture_baseline_refuses_an_occupied_seat(
    hass: HomeAssistant,
    setup_site: SetupSite,
    frame_file: Path,
    freezer: FrozenDateTimeFactory,
    device_registry: dr.DeviceRegistry,
) -> None:
    """A person sits at A1: its reference is refused (translated, naming the state in the
    server's language); the camera captures the other seats and says it skipped A1."""
    coordinator = await setup_site()
    for _ in range(2):
        await run_cycle(hass, coordinator, frame_file, person_jpeg())
        freezer.tick(3)
    assert hass.states.get("sensor.hall_a1_state").state == "occupied"
    evidence = coordinator.backend.monitor.pipeline.cameras[coordinator.site.cameras[0].id].evidence
    hass.config.language = "ko"
    with pytest.raises(ServiceValidationError) as err:
        await hass.services.async_call(
            DOMAIN, "capture_baseline", {"device_id": _device(device_registry, coordinator, "A1")},
            blocking=True,
        )
    assert err.value.translation_key == "seat_occupied"
    assert err.value.translation_placeholders == {"seat": "A1", "state": "사용 중"}
    assert not evidence.has_reference("A1")
    response = await hass.services.async_call(
        DOMAIN, "capture_baseline", {"device_id": _device(device_registry, coordinator)},
        blocking=True, return_response=True,
    )
    assert response == _answer("Hall", ["C1"], occupied=["A1"])
    assert not evidence.has_reference("A1")
    assert evidence.has_reference("C1")


async def test_capture_baseline_on_a_camera_where_everyone_sits(
    hass: HomeAssistant,
    setup_site: SetupSite,
    frame_file: Path,
    freezer: FrozenDateTimeFactory,
    device_registry: dr.DeviceRegistry,
) -> None:
    """No seat of the camera is free: nothing is captured and the error says so."""
    coordinator = await setup_site()
    entry = coordinator.config_entry
    subentry = entry.subentries[CAMERA_ID]
    only_a1 = "A1: 760,250 1130,250 1130,710 760,710"  # where the person sits
    hass.config_entries.async_update_subentry(
        entry, subentry, data={**subentry.data, "seats": only_a1}
    )
    await hass.async_block_till_done()
    coordinator = entry.runtime_data
    for _ in range(2):
        await run_cycle(hass, coordinator, frame_file, person_jpeg())
        freezer.tick(3)
    with pytest.raises(ServiceValidationError) as err:
        await hass.services.async_call(
            DOMAIN, "capture_baseline", {"device_id": _device(device_registry, coordinator)},
            blocking=True,
        )
    assert err.value.translation_key == "no_empty_seat"


async def _setup_three_cameras(
    hass: HomeAssistant, frame_file: Path, desk_camera: str, tmp_path: Path
) -> tuple[SeatsenseCoordinator, Path]:
    """A site of three cameras with seats A1 and C1 each: Hall shows `frame_file`, Window shows
    the returned file, Door shows a file that is no picture (offline from the start).

    Belongings are seen at once and one sample seats a person, so a person frame followed by
    a bag frame leaves Hall with A1 occupied and C1 away (as in the reset test).
    """
    window_file, door_file = tmp_path / "window.jpg", tmp_path / "door.jpg"
    window_file.write_bytes(empty_jpeg())
    door_file.write_text("not a picture")
    cameras = [
        camera_subentry({CONF_SOURCE_TYPE: SourceType.ENTITY, CONF_ENTITY_ID: desk_camera}),
        camera_subentry(
            {CONF_SOURCE_TYPE: SourceType.ENTITY,
             CONF_ENTITY_ID: await add_local_camera(hass, window_file, "Window")},
            title="Window", subentry_id="cam2subentry",
        ),
        camera_subentry(
            {CONF_SOURCE_TYPE: SourceType.ENTITY,
             CONF_ENTITY_ID: await add_local_camera(hass, door_file, "Door")},
            title="Door", subentry_id="cam3subentry",
        ),
    ]
    entry = site_entry(
        cameras, interval_s=3600.0, belongings_sensitivity=100, enter_samples=1
    )
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    coordinator: SeatsenseCoordinator = entry.runtime_data
    for _ in range(100):  # the monitor thread's own first cycle (see `setup_site`)
        if coordinator.backend.monitor.cycles:
            break
        await asyncio.sleep(0.02)
    await hass.async_block_till_done()
    return coordinator, window_file


def _references(coordinator: SeatsenseCoordinator, camera_id: str) -> dict[str, object]:
    """The camera's reference objects by seat: a capture replaces a seat's object."""
    return dict(coordinator.backend.monitor.pipeline.cameras[camera_id].evidence._references)


async def test_capture_baseline_of_a_whole_site_at_opening(
    hass: HomeAssistant,
    frame_file: Path,
    desk_camera: str,
    tmp_path: Path,
    freezer: FrozenDateTimeFactory,
) -> None:
    """The site's action captures every really empty seat of its online cameras: seats with a
    person or belongings keep their old reference, an offline camera is skipped (no error),
    and each camera answers what it captured and what it skipped, and why."""
    coordinator, _ = await _setup_three_cameras(hass, frame_file, desk_camera, tmp_path)
    hall, window, door = (camera.id for camera in coordinator.site.cameras)
    site = {"config_entry_id": coordinator.config_entry.entry_id}
    await run_cycle(hass, coordinator, frame_file, empty_jpeg())
    assert hass.states.get("binary_sensor.door_connectivity").state == "off"
    response = await hass.services.async_call(
        DOMAIN, "capture_baseline", site, blocking=True, return_response=True
    )
    assert response == {
        "site": "Study Cafe",
        "cameras": [
            _answer("Hall", ["A1", "C1"]),
            _answer("Window", ["A1", "C1"]),
            _answer("Door", [], offline=["A1", "C1"]),
        ],
    }
    assert set(_references(coordinator, hall)) == set(_references(coordinator, window))
    assert set(_references(coordinator, hall)) == {"A1", "C1"}
    assert _references(coordinator, door) == {}

    # Opening time next day: someone already sits at Hall A1, a bag lies on Hall C1.
    freezer.tick(3)
    await run_cycle(hass, coordinator, frame_file, person_jpeg())
    freezer.tick(3)
    await run_cycle(hass, coordinator, frame_file, bag_jpeg())
    assert hass.states.get("sensor.hall_a1_state").state == "occupied"
    assert hass.states.get("sensor.hall_c1_state").state == "away"
    assert hass.states.get("sensor.window_a1_state").state == "empty"
    before = {camera: _references(coordinator, camera) for camera in (hall, window)}
    response = await hass.services.async_call(
        DOMAIN, "capture_baseline", site, blocking=True, return_response=True
    )
    assert response == {
        "site": "Study Cafe",
        "cameras": [
            _answer("Hall", [], occupied=["A1"], belongings=["C1"]),
            _answer("Window", ["A1", "C1"]),
            _answer("Door", [], offline=["A1", "C1"]),
        ],
    }
    after = {camera: _references(coordinator, camera) for camera in (hall, window)}
    for seat in ("A1", "C1"):
        assert after[hall][seat] is before[hall][seat], seat
        assert after[window][seat] is not before[window][seat], seat
    assert _references(coordinator, door) == {}


async def test_capture_baseline_of_a_site_where_no_seat_is_free(
    hass: HomeAssistant,
    frame_file: Path,
    desk_camera: str,
    tmp_path: Path,
    freezer: FrozenDateTimeFactory,
    device_registry: dr.DeviceRegistry,
) -> None:
    """Every seat is taken, holds belongings or is offline: the site's action captures nothing
    and says so; the camera's own action skips the bag too; naming the seat with the bag
    captures it (staff who name one seat know it is clear)."""
    coordinator, window_file = await _setup_three_cameras(
        hass, frame_file, desk_camera, tmp_path
    )
    hall = coordinator.site.cameras[0].id
    window_file.write_bytes(person_jpeg())
    await run_cycle(hass, coordinator, frame_file, person_jpeg())
    freezer.tick(3)
    window_file.write_bytes(bag_jpeg())
    await run_cycle(hass, coordinator, frame_file, bag_jpeg())
    assert [hass.states.get(f"sensor.{seat}_state").state
            for seat in ("hall_a1", "hall_c1", "window_a1", "window_c1")] == [
        "occupied", "away", "occupied", "away"]
    before = _references(coordinator, hall)
    with pytest.raises(ServiceValidationError) as err:
        await hass.services.async_call(
            DOMAIN, "capture_baseline", {"config_entry_id": coordinator.config_entry.entry_id},
            blocking=True,
        )
    assert err.value.translation_key == "no_empty_seat_in_site"
    assert err.value.translation_placeholders == {"site": "Study Cafe"}
    with pytest.raises(ServiceValidationError) as err:
        await hass.services.async_call(
            DOMAIN, "capture_baseline", {"device_id": _device(device_registry, coordinator)},
            blocking=True,
        )
    assert err.value.translation_key == "no_empty_seat"
    after = _references(coordinator, hall)
    assert after.keys() == before.keys()
    assert all(after[seat] is reference for seat, reference in before.items())

    response = await hass.services.async_call(
        DOMAIN, "capture_baseline", {"device_id": _device(device_registry, coordinator, "C1")},
        blocking=True, return_response=True,
    )
    assert response == _answer("Hall", ["C1"])
    assert _references(coordinator, hall)["C1"] is not before.get("C1")


async def test_capture_baseline_takes_one_target(
    hass: HomeAssistant, setup_site: SetupSite, device_registry: dr.DeviceRegistry
) -> None:
    """A seat or camera, or a site: neither or both is refused with a translated reason, and
    a site that is not running is named."""
    coordinator = await setup_site()
    entry_id = coordinator.config_entry.entry_id
    camera = _device(device_registry, coordinator)
    for data in ({}, {"device_id": camera, "config_entry_id": entry_id}):
        with pytest.raises(ServiceValidationError) as err:
            await hass.services.async_call(DOMAIN, "capture_baseline", data, blocking=True)
        assert err.value.translation_key == "capture_target"
    assert await hass.config_entries.async_unload(entry_id)
    for site in (entry_id, "nope"):
        with pytest.raises(ServiceValidationError) as err:
            await hass.services.async_call(
                DOMAIN, "capture_baseline", {"config_entry_id": site}, blocking=True
            )
        assert err.value.translation_key == "site_not_loaded"
    assert err.value.translation_placeholders == {"site": "nope"}


async def test_action_targets_are_checked(
    hass: HomeAssistant, setup_site: SetupSite, device_registry: dr.DeviceRegistry
) -> None:
    """Unknown devices, the site device and unloaded sites are refused with a reason."""
    coordinator = await setup_site()
    entry = coordinator.config_entry
    with pytest.raises(ServiceValidationError) as err:
        await hass.services.async_call(
            DOMAIN, "capture_baseline", {"device_id": "nope"}, blocking=True
        )
    assert err.value.translation_key == "device_not_found"
    site = device_registry.async_get_device({(DOMAIN, entry.entry_id)})
    with pytest.raises(ServiceValidationError) as err:
        await hass.services.async_call(
            DOMAIN, "capture_baseline", {"device_id": site.id}, blocking=True
        )
    assert err.value.translation_key == "site_not_allowed"
    assert err.value.translation_placeholders == {"device": "Study Cafe"}
    other = device_registry.async_get_or_create(
        config_entry_id=entry.entry_id, identifiers={(DOMAIN, "left over")}, name="Old"
    )
    with pytest.raises(ServiceValidationError) as err:
        await hass.services.async_call(
            DOMAIN, "capture_baseline", {"device_id": other.id}, blocking=True
        )
    assert err.value.translation_key == "not_a_camera_or_seat"
    seat = _device(device_registry, coordinator, "A1")
    assert await hass.config_entries.async_unload(entry.entry_id)
    with pytest.raises(ServiceValidationError) as err:
        await hass.services.async_call(DOMAIN, "reset_seat", {"device_id": seat}, blocking=True)
    assert err.value.translation_key == "not_loaded"


async def test_snapshot_writes_only_to_allowed_folders_and_prunes(
    hass: HomeAssistant,
    setup_site: SetupSite,
    frame_file: Path,
    tmp_path: Path,
    device_registry: dr.DeviceRegistry,
) -> None:
    """The annotated frame is saved; old snapshots of this action go, other files stay."""
    coordinator = await setup_site(privacy_blur=True)
    camera = _device(device_registry, coordinator)
    allowed = tmp_path / "snapshots"
    hass.config.allowlist_external_dirs = {str(allowed)}

    with pytest.raises(ServiceValidationError) as err:
        await hass.services.async_call(
            DOMAIN, "snapshot", {"device_id": camera, "directory": str(allowed)},
            blocking=True, return_response=True,
        )
    assert err.value.translation_key == "no_frame"

    await run_cycle(hass, coordinator, frame_file, person_jpeg())
    with pytest.raises(ServiceValidationError) as err:
        await hass.services.async_call(
            DOMAIN, "snapshot", {"device_id": camera, "directory": str(tmp_path / "elsewhere")},
            blocking=True, return_response=True,
        )
    assert err.value.translation_key == "path_not_allowed"

    allowed.mkdir()
    old = allowed / "seatsense_hall_20000101-000000.jpg"
    old.write_bytes(b"old")
    keep = allowed / "family.jpg"
    keep.write_bytes(b"mine")
    week_ago = time.time() - 8 * 86400
    os.utime(old, (week_ago, week_ago))
    os.utime(keep, (week_ago, week_ago))

    response = await hass.services.async_call(
        DOMAIN, "snapshot",
        {"device_id": _device(device_registry, coordinator, "A1"), "directory": str(allowed)},
        blocking=True, return_response=True,
    )
    path = Path(response["path"])
    assert path.parent == allowed
    assert path.name.startswith("seatsense_hall_")
    assert path.read_bytes()[:2] == b"\xff\xd8"
    assert response["deleted"] == [old.name]
    assert not old.exists()
    assert keep.exists()


async def test_device_pickers_offer_only_cameras_and_seats(
    hass: HomeAssistant, setup_site: SetupSite, device_registry: dr.DeviceRegistry
) -> None:
    """The actions' device selectors (services.yaml, as Home Assistant loads them) match the
    seats (reset) or the cameras and seats (reference, snapshot), never the site."""
    from homeassistant.helpers.service import async_get_all_descriptions

    coordinator = await setup_site()
    descriptions = (await async_get_all_descriptions(hass))[DOMAIN]
    devices = dr.async_entries_for_config_entry(
        device_registry, coordinator.config_entry.entry_id
    )

    def offered(action: str) -> set[str]:
        selector = descriptions[action]["fields"]["device_id"]["selector"]["device"]
        filters = selector["filter"]
        filters = filters if isinstance(filters, list) else [filters]
        assert all(f["integration"] == DOMAIN for f in filters)
        return {
            str(device.name)
            for device in devices
            if any(device.model_id == f["model_id"] for f in filters)
        }

    assert offered("reset_seat") == {"Hall A1", "Hall C1"}
    assert offered("capture_baseline") == {"Hall", "Hall A1", "Hall C1"}
    site_field = descriptions["capture_baseline"]["fields"]["config_entry_id"]
    assert site_field["selector"] == {"config_entry": {"integration": DOMAIN}}
    assert offered("snapshot") == {"Hall", "Hall A1", "Hall C1"}
    assert {device.name for device in devices} == {"Study Cafe", "Hall", "Hall A1", "Hall C1"}


async def test_snapshot_defaults_to_the_media_folder(
    hass: HomeAssistant,
    setup_site: SetupSite,
    frame_file: Path,
    tmp_path: Path,
    device_registry: dr.DeviceRegistry,
    hass_client: ClientSessionGenerator,
    hass_client_no_auth: ClientSessionGenerator,
) -> None:
    """Without a folder the snapshot goes to <media>/seatsense: allowed by Home Assistant's own
    configuration (no allowlist_external_dirs edit), browsable under Media, and served to
    signed-in users only (not through /local like www)."""
    from homeassistant.components.media_source import async_browse_media
    from homeassistant.core_config import async_process_ha_core_config
    from homeassistant.setup import async_setup_component

    media = tmp_path / "media"
    media.mkdir()
    await async_process_ha_core_config(hass, {"media_dirs": {"local": str(media)}})
    assert str(media) in hass.config.allowlist_external_dirs  # HA's default, not ours
    assert await async_setup_component(hass, "media_source", {})
    coordinator = await setup_site()
    await run_cycle(hass, coordinator, frame_file, person_jpeg())

    response = await hass.services.async_call(
        DOMAIN, "snapshot", {"device_id": _device(device_registry, coordinator)},
        blocking=True, return_response=True,
    )
    path = Path(response["path"])
    assert path.parent == media / "seatsense"
    assert path.read_bytes()[:2] == b"\xff\xd8"
    folder = await async_browse_media(hass, "media-source://media_source/local/seatsense")
    assert [child.title for child in folder.children] == [path.name]
    url = f"/media/local/seatsense/{path.name}"
    assert (await (await hass_client_no_auth()).get(url)).status == 401
    assert (await (await hass_client_no_auth()).get(f"/local/seatsense/{path.name}")).status == 404
    signed_in = await (await hass_client()).get(url)
    assert signed_in.status == 200
    assert (await signed_in.read())[:2] == b"\xff\xd8"

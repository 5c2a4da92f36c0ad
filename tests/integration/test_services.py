"""The actions: capture_baseline, reset_seat, snapshot."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
from homeassistant.helpers import device_registry as dr
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from custom_components.seatsense.const import DOMAIN

from .conftest import SetupSite
from .helpers import CAMERA_ID, bag_jpeg, person_jpeg, run_cycle


def _device(registry: dr.DeviceRegistry, coordinator, seat_id: str | None = None) -> str:
    entry_id = coordinator.config_entry.entry_id
    camera_id = coordinator.site.cameras[0].id
    identifier = f"{entry_id}_{camera_id}" + (f"_{seat_id}" if seat_id else "")
    device = registry.async_get_device({(DOMAIN, identifier)})
    assert device is not None
    return device.id


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
    assert response == {"camera": "Hall", "captured": ["C1"], "skipped_occupied": []}
    response = await hass.services.async_call(
        DOMAIN, "capture_baseline", {"device_id": camera}, blocking=True, return_response=True
    )
    assert response == {"camera": "Hall", "captured": ["A1", "C1"], "skipped_occupied": []}
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
    assert response == {"camera": "Hall", "captured": ["C1"], "skipped_occupied": ["A1"]}
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

"""seatsense: camera-based seat occupancy for study cafes, libraries and reading rooms."""

from __future__ import annotations

from functools import partial

from homeassistant.const import EVENT_HOMEASSISTANT_STOP, Platform
from homeassistant.core import Event, HomeAssistant
from homeassistant.exceptions import ConfigEntryError, ConfigEntryNotReady
from homeassistant.helpers import config_validation as cv
from homeassistant.helpers import device_registry as dr
from homeassistant.helpers import issue_registry as ir
from homeassistant.helpers.typing import ConfigType

from seatsense.detect import ModelError, load_detector
from seatsense.evidence import EvidenceSettings
from seatsense.layout import LayoutError, Site
from seatsense.monitor import Monitor, PushSource

from .const import (
    CONF_BELONGINGS_SENSITIVITY,
    CONF_ENTITY_ID,
    CONF_MODEL,
    CONF_SOURCE_TYPE,
    DOMAIN,
    MODEL_BUNDLED,
    SourceType,
)
from .coordinator import (
    SeatsenseConfigEntry,
    SeatsenseCoordinator,
    build_site,
    camera_subentries,
    monitor_clock,
    options_of,
    restore_statuses,
    storage,
)
from .entity import (
    camera_device,
    camera_identifier,
    seat_identifier,
    site_device,
    site_identifier,
)
from .preview import PreviewView
from .services import async_setup_services

PLATFORMS = [
    Platform.BINARY_SENSOR,
    Platform.CAMERA,
    Platform.EVENT,
    Platform.IMAGE,
    Platform.SENSOR,
]

CONFIG_SCHEMA = cv.config_entry_only_config_schema(DOMAIN)


async def async_setup(hass: HomeAssistant, config: ConfigType) -> bool:
    """Register the actions and the layout preview view (once, for every site)."""
    async_setup_services(hass)
    hass.http.register_view(PreviewView())
    return True


async def async_setup_entry(hass: HomeAssistant, entry: SeatsenseConfigEntry) -> bool:
    """Load the model, start the site's monitor and set up its entities."""
    try:
        site = build_site(entry)
    except LayoutError as err:
        raise ConfigEntryError(
            translation_domain=DOMAIN,
            translation_key="invalid_layout",
            translation_placeholders={"error": str(err)},
        ) from err

    model = entry.data.get(CONF_MODEL, MODEL_BUNDLED)
    issue_id = f"model_failed_{entry.entry_id}"
    try:
        detector = await hass.async_add_executor_job(load_detector, model)
    except ModelError as err:
        placeholders = {"model": model, "site": entry.title, "error": str(err)}
        ir.async_create_issue(
            hass,
            DOMAIN,
            issue_id,
            is_fixable=False,
            severity=ir.IssueSeverity.ERROR,
            translation_key="model_failed",
            translation_placeholders=placeholders,
        )
        raise ConfigEntryNotReady(
            translation_domain=DOMAIN,
            translation_key="model_failed",
            translation_placeholders=placeholders,
        ) from err
    ir.async_delete_issue(hass, DOMAIN, issue_id)

    store = storage(hass, entry)
    stored = await store.async_load()
    # HA camera entities have no URL: the coordinator fetches their stills and pushes them in.
    entity_sources = {
        subentry.subentry_id: (subentry.data[CONF_ENTITY_ID], PushSource())
        for subentry in camera_subentries(entry)
        if subentry.data[CONF_SOURCE_TYPE] == SourceType.ENTITY
    }
    sensitivity = float(options_of(entry)[CONF_BELONGINGS_SENSITIVITY]) / 100
    monitor = await hass.async_add_executor_job(
        partial(
            Monitor,
            site,
            detector=detector,
            restore=restore_statuses(stored),
            sources={camera_id: source for camera_id, (_, source) in entity_sources.items()},
            evidence_settings=EvidenceSettings(belongings_sensitivity=sensitivity),
            clock=monitor_clock,
        )
    )
    coordinator = SeatsenseCoordinator(
        hass, entry, site, monitor, store, stored, entity_sources
    )
    await coordinator.async_start()
    entry.runtime_data = coordinator

    async def _async_stop(event: Event) -> None:
        await coordinator.async_stop()

    entry.async_on_unload(hass.bus.async_listen_once(EVENT_HOMEASSISTANT_STOP, _async_stop))
    entry.async_on_unload(entry.add_update_listener(_async_reload))
    _register_devices(hass, entry, coordinator)
    _remove_stale_devices(hass, entry, coordinator)
    await hass.config_entries.async_forward_entry_setups(entry, PLATFORMS)
    return True


async def async_unload_entry(hass: HomeAssistant, entry: SeatsenseConfigEntry) -> bool:
    """Remove the entities and stop the monitor."""
    unload_ok = await hass.config_entries.async_unload_platforms(entry, PLATFORMS)
    if unload_ok:
        await entry.runtime_data.async_stop()
    return unload_ok


async def async_remove_entry(hass: HomeAssistant, entry: SeatsenseConfigEntry) -> None:
    """The site was deleted: its stored seat states go with it."""
    await storage(hass, entry).async_remove()


async def async_remove_config_entry_device(
    hass: HomeAssistant, entry: SeatsenseConfigEntry, device: dr.DeviceEntry
) -> bool:
    """Let the user delete a device only when it no longer belongs to the site."""
    # Works for a site that is not loaded too: the layout is read from the subentries.
    current = _device_identifiers(entry, build_site(entry))
    return not any(
        domain == DOMAIN and identifier in current for domain, identifier in device.identifiers
    )


async def _async_reload(hass: HomeAssistant, entry: SeatsenseConfigEntry) -> None:
    """Options or cameras changed: start again with the new site."""
    await hass.config_entries.async_reload(entry.entry_id)


def _device_identifiers(entry: SeatsenseConfigEntry, site: Site) -> set[str]:
    identifiers = {site_identifier(entry.entry_id)}
    for camera in site.cameras:
        identifiers.add(camera_identifier(entry.entry_id, camera.id))
        identifiers.update(
            seat_identifier(entry.entry_id, camera.id, seat.id) for seat in camera.seats
        )
    return identifiers


def _register_devices(
    hass: HomeAssistant, entry: SeatsenseConfigEntry, coordinator: SeatsenseCoordinator
) -> None:
    """The site and camera devices first, so seats and cameras can hang under them."""
    registry = dr.async_get(hass)
    registry.async_get_or_create(config_entry_id=entry.entry_id, **site_device(entry))
    for camera in coordinator.site.cameras:
        registry.async_get_or_create(
            config_entry_id=entry.entry_id,
            config_subentry_id=camera.id,
            **camera_device(coordinator, camera.id),
        )


def _remove_stale_devices(
    hass: HomeAssistant, entry: SeatsenseConfigEntry, coordinator: SeatsenseCoordinator
) -> None:
    """Seats taken out of a layout leave their devices behind; remove them."""
    current = _device_identifiers(entry, coordinator.site)
    registry = dr.async_get(hass)
    for device in dr.async_entries_for_config_entry(registry, entry.entry_id):
        if not any(
            domain == DOMAIN and identifier in current for domain, identifier in device.identifiers
        ):
            registry.async_update_device(device.id, remove_config_entry_id=entry.entry_id)

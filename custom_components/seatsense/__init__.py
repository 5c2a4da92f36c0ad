"""seatsense: camera-based seat occupancy for study cafes, libraries and reading rooms."""

from __future__ import annotations

from typing import Any

from homeassistant.const import EVENT_HOMEASSISTANT_STOP, Platform
from homeassistant.core import Event, HomeAssistant
from homeassistant.exceptions import (
    ConfigEntryAuthFailed,
    ConfigEntryError,
    ConfigEntryNotReady,
)
from homeassistant.helpers import config_validation as cv
from homeassistant.helpers import device_registry as dr
from homeassistant.helpers import issue_registry as ir
from homeassistant.helpers.typing import ConfigType

from seatsense.core.layout import LayoutError, Site

from .backend import (
    Backend,
    BackendAuthError,
    BackendConnectionError,
    BackendError,
    DetectUnavailable,
    ModelLoadError,
    async_load_item_detector,
    backend_factory,
    event_log_path,
    remove_event_log,
)
from .const import (
    CONF_BELONGINGS_SENSITIVITY,
    CONF_ITEM_MODEL,
    CONF_ITEM_MODEL_SHA256,
    CONF_ITEM_MODEL_URL,
    DOMAIN,
    LEGACY_SECONDS_OPTIONS,
    Mode,
)
from .coordinator import SeatsenseCoordinator
from .dashboard import async_ensure_dashboard
from .entity import (
    camera_device,
    camera_identifier,
    seat_identifier,
    site_device,
    site_identifier,
)
from .floor_plan import async_register_floor_plan_commands, async_remove_floor_plan
from .frontend_registration import async_ensure_panel, async_setup_frontend
from .history import async_setup_history
from .preview import PreviewView
from .report_files import ReportFileView
from .services import async_setup_services
from .site import SeatsenseConfigEntry, build_site, entity_cameras, mode_of, options_of, storage
from .websocket_api import async_register_websocket_commands

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
    hass.http.register_view(ReportFileView())
    async_register_websocket_commands(hass)
    async_register_floor_plan_commands(hass)
    await async_setup_frontend(hass)
    return True


async def async_migrate_entry(hass: HomeAssistant, entry: SeatsenseConfigEntry) -> bool:
    """1.1 -> 1.2: the grace and hogging options move from seconds to minutes."""
    if entry.version > 1:
        return False  # made by a newer seatsense
    if entry.minor_version < 2:
        options = dict(entry.options)
        for seconds_key, minutes_key in LEGACY_SECONDS_OPTIONS.items():
            if seconds_key in options:
                options[minutes_key] = float(options.pop(seconds_key)) / 60
        hass.config_entries.async_update_entry(entry, options=options, minor_version=2)
    return True


async def async_setup_entry(hass: HomeAssistant, entry: SeatsenseConfigEntry) -> bool:
    """Start the site's detection (here or in its server) and set up its entities."""
    try:
        site = build_site(entry)
    except LayoutError as err:
        raise ConfigEntryError(
            translation_domain=DOMAIN,
            translation_key="invalid_layout",
            translation_placeholders={"error": str(err)},
        ) from err

    store = storage(hass, entry)
    stored = await store.async_load()
    cameras = entity_cameras(entry)
    backend = await _async_create_backend(hass, entry, site, stored, cameras)
    coordinator = SeatsenseCoordinator(hass, entry, site, backend, store, stored, cameras)
    placeholders = {"site": entry.title}
    try:
        await coordinator.async_start()
    except BackendAuthError as err:
        raise ConfigEntryAuthFailed(
            translation_domain=DOMAIN,
            translation_key="invalid_auth",
            translation_placeholders=placeholders,
        ) from err
    except BackendConnectionError as err:
        raise ConfigEntryNotReady(
            translation_domain=DOMAIN,
            translation_key="server_unreachable",
            translation_placeholders={**placeholders, "error": str(err)},
        ) from err
    except BackendError as err:
        raise ConfigEntryError(
            translation_domain=DOMAIN,
            translation_key="server_error",
            translation_placeholders={**placeholders, "error": str(err)},
        ) from err
    entry.runtime_data = coordinator

    async def _async_stop(event: Event) -> None:
        await coordinator.async_stop()

    entry.async_on_unload(hass.bus.async_listen_once(EVENT_HOMEASSISTANT_STOP, _async_stop))
    entry.async_on_unload(entry.add_update_listener(_async_reload))
    _register_devices(hass, entry, coordinator)
    _remove_stale_devices(hass, entry, coordinator)
    await hass.config_entries.async_forward_entry_setups(entry, PLATFORMS)
    for stop in async_setup_history(coordinator):
        coordinator.async_on_stop(stop)
    await async_ensure_panel(hass)
    await async_ensure_dashboard(hass)
    return True


async def _async_create_backend(
    hass: HomeAssistant,
    entry: SeatsenseConfigEntry,
    site: Site,
    stored: dict[str, Any] | None,
    cameras: dict[str, str],
) -> Backend:
    """The site's backend; repair issues say what keeps local detection from starting."""
    placeholders = {"model": site.model, "site": entry.title}
    detect_issue = f"detect_unavailable_{entry.entry_id}"
    model_issue = f"model_failed_{entry.entry_id}"
    sensitivity = float(options_of(entry)[CONF_BELONGINGS_SENSITIVITY]) / 100
    try:
        items = await _async_item_model(hass, entry)
        backend = await backend_factory(hass, entry, items).async_create_backend(
            site, stored, cameras, sensitivity
        )
    except DetectUnavailable as err:
        placeholders["error"] = str(err)
        _create_issue(hass, detect_issue, "detect_unavailable", placeholders)
        raise ConfigEntryError(
            translation_domain=DOMAIN,
            translation_key="detect_unavailable",
            translation_placeholders=placeholders,
        ) from err
    except ModelLoadError as err:
        placeholders["error"] = str(err)
        ir.async_delete_issue(hass, DOMAIN, detect_issue)
        _create_issue(hass, model_issue, "model_failed", placeholders)
        raise ConfigEntryNotReady(
            translation_domain=DOMAIN,
            translation_key="model_failed",
            translation_placeholders=placeholders,
        ) from err
    ir.async_delete_issue(hass, DOMAIN, detect_issue)
    ir.async_delete_issue(hass, DOMAIN, model_issue)
    return backend


async def _async_item_model(hass: HomeAssistant, entry: SeatsenseConfigEntry) -> Any:
    """The optional item model's detector when a local site turned it on, else None. When it
    cannot be had, a warning issue says why and the site runs on its people model alone (the
    issue goes once it loads, or the option is turned off)."""
    options = options_of(entry)
    issue_id = f"item_model_failed_{entry.entry_id}"
    if mode_of(entry) is not Mode.LOCAL or not options.get(CONF_ITEM_MODEL):
        ir.async_delete_issue(hass, DOMAIN, issue_id)
        return None
    try:
        detector = await async_load_item_detector(
            hass, options.get(CONF_ITEM_MODEL_URL, ""), options.get(CONF_ITEM_MODEL_SHA256, "")
        )
    except ModelLoadError as err:
        placeholders = {"site": entry.title, "error": str(err)}
        _create_issue(hass, issue_id, "item_model_failed", placeholders, ir.IssueSeverity.WARNING)
        return None
    ir.async_delete_issue(hass, DOMAIN, issue_id)
    return detector


def _create_issue(
    hass: HomeAssistant,
    issue_id: str,
    key: str,
    placeholders: dict[str, str],
    severity: ir.IssueSeverity = ir.IssueSeverity.ERROR,
) -> None:
    ir.async_create_issue(
        hass,
        DOMAIN,
        issue_id,
        is_fixable=False,
        severity=severity,
        translation_key=key,
        translation_placeholders=placeholders,
    )


async def async_unload_entry(hass: HomeAssistant, entry: SeatsenseConfigEntry) -> bool:
    """Remove the entities and stop the monitor."""
    unload_ok = await hass.config_entries.async_unload_platforms(entry, PLATFORMS)
    if unload_ok:
        await entry.runtime_data.async_stop()
    return unload_ok


async def async_remove_entry(hass: HomeAssistant, entry: SeatsenseConfigEntry) -> None:
    """The site was deleted: its stored seat states, floor plan, event log and repair issues
    go with it."""
    await storage(hass, entry).async_remove()
    await async_remove_floor_plan(hass, entry.entry_id)
    await hass.async_add_executor_job(remove_event_log, event_log_path(hass, entry.entry_id))
    for issue in ("detect_unavailable", "model_failed", "item_model_failed"):
        ir.async_delete_issue(hass, DOMAIN, f"{issue}_{entry.entry_id}")


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
    """Options or cameras changed: take the options live where the running site can (no seat
    goes unavailable), else start again with the new site."""
    if not await entry.runtime_data.async_apply_options():
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

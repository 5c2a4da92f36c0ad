"""The optional item model in Home Assistant: an option of local sites, fetched from a real
HTTP server on 127.0.0.1 into `.storage`, and a warning repair issue when it cannot be had."""

from __future__ import annotations

import hashlib
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.helpers import issue_registry as ir

from custom_components.seatsense.backend.local import item_model_cache
from custom_components.seatsense.const import (
    CONF_ABANDONED_AFTER_MIN,
    CONF_BELONGINGS_SENSITIVITY,
    CONF_ENTER_SAMPLES,
    CONF_EXIT_GRACE_MIN,
    CONF_INTERVAL_S,
    CONF_ITEM_MODEL,
    CONF_ITEM_MODEL_SHA256,
    CONF_ITEM_MODEL_URL,
    CONF_PRIVACY_BLUR,
    DOMAIN,
)
from seatsense.vision.detect import COCO_ITEM_MODEL, WithItems, cached_path
from tests.support.coco_model import coco_shaped_model, serve_folder

from .conftest import SetupSite

pytest.importorskip("onnx")

OPTIONS = {
    CONF_INTERVAL_S: 3600.0,
    CONF_ENTER_SAMPLES: 2.0,
    CONF_EXIT_GRACE_MIN: 0.5,
    CONF_ABANDONED_AFTER_MIN: 10.0,
    CONF_BELONGINGS_SENSITIVITY: 50.0,
    CONF_PRIVACY_BLUR: False,
}


@pytest.fixture
def model_server(tmp_path: Path, socket_enabled: None) -> Iterator[tuple[str, str]]:
    """The COCO-shaped model served on loopback: its URL and sha256."""
    folder = tmp_path / "www"
    folder.mkdir()
    model = coco_shaped_model()
    (folder / "coco.onnx").write_bytes(model)
    with serve_folder(folder) as base:
        yield f"{base}/coco.onnx", hashlib.sha256(model).hexdigest()


def closed_port_url() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/coco.onnx"


def issue(hass: HomeAssistant, entry_id: str) -> ir.IssueEntry | None:
    return ir.async_get(hass).async_get_issue(DOMAIN, f"item_model_failed_{entry_id}")


async def test_item_model_is_off_by_default(hass: HomeAssistant, setup_site: SetupSite) -> None:
    coordinator = await setup_site()
    assert not isinstance(coordinator.backend.monitor.pipeline.detector, WithItems)
    assert not item_model_cache(hass).exists()


async def test_turned_on_the_item_model_is_fetched_and_joins_the_people_model(
    hass: HomeAssistant, setup_site: SetupSite, model_server: tuple[str, str]
) -> None:
    url, sha256 = model_server
    coordinator = await setup_site()
    entry = coordinator.config_entry
    result = await hass.config_entries.options.async_init(entry.entry_id)
    assert CONF_ITEM_MODEL in result["data_schema"].schema

    result = await hass.config_entries.options.async_configure(
        result["flow_id"],
        {
            **OPTIONS,
            CONF_ITEM_MODEL: True,
            CONF_ITEM_MODEL_URL: url,
            CONF_ITEM_MODEL_SHA256: sha256,
        },
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    await hass.async_block_till_done()

    assert entry.state is ConfigEntryState.LOADED
    detector = entry.runtime_data.backend.monitor.pipeline.detector
    assert isinstance(detector, WithItems)
    assert "laptop" in detector.class_names.values()
    assert [p.name for p in item_model_cache(hass).iterdir()] == [f"{sha256[:16]}-coco.onnx"]
    assert issue(hass, entry.entry_id) is None


async def test_without_a_source_the_pinned_model_is_used(
    hass: HomeAssistant, setup_site: SetupSite
) -> None:
    coordinator = await setup_site()
    entry = coordinator.config_entry
    # The pinned file as a site without internet places it by hand (no download is tried).
    place = cached_path(COCO_ITEM_MODEL, item_model_cache(hass))
    place.parent.mkdir(parents=True)
    place.write_bytes(coco_shaped_model())
    result = await hass.config_entries.options.async_init(entry.entry_id)

    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {**OPTIONS, CONF_ITEM_MODEL: True}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    await hass.async_block_till_done()

    assert entry.state is ConfigEntryState.LOADED
    assert isinstance(entry.runtime_data.backend.monitor.pipeline.detector, WithItems)
    assert issue(hass, entry.entry_id) is None


async def test_a_sha256_without_its_url_is_refused_in_the_form(
    hass: HomeAssistant, setup_site: SetupSite
) -> None:
    entry = (await setup_site()).config_entry
    result = await hass.config_entries.options.async_init(entry.entry_id)

    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {**OPTIONS, CONF_ITEM_MODEL: True, CONF_ITEM_MODEL_SHA256: "ab" * 32}
    )

    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {CONF_ITEM_MODEL_URL: "invalid_item_model"}
    assert "without the URL" in result["description_placeholders"]["error"]


async def test_offline_the_site_runs_without_items_and_an_issue_says_why(
    hass: HomeAssistant, setup_site: SetupSite, socket_enabled: None
) -> None:
    url = closed_port_url()
    coordinator = await setup_site(
        **{CONF_ITEM_MODEL: True, CONF_ITEM_MODEL_URL: url, CONF_ITEM_MODEL_SHA256: "ab" * 32}
    )
    entry = coordinator.config_entry

    assert entry.state is ConfigEntryState.LOADED
    assert not isinstance(coordinator.backend.monitor.pipeline.detector, WithItems)
    found = issue(hass, entry.entry_id)
    assert found is not None and found.severity is ir.IssueSeverity.WARNING
    assert found.translation_key == "item_model_failed"
    assert url in found.translation_placeholders["error"]

    # Turned off, the issue goes.
    hass.config_entries.async_update_entry(entry, options={**entry.options, CONF_ITEM_MODEL: False})
    await hass.async_block_till_done()
    assert entry.state is ConfigEntryState.LOADED
    assert issue(hass, entry.entry_id) is None

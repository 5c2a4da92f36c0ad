"""Fixtures of the Home Assistant integration tests (a real HA from pytest-homeassistant)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer
from homeassistant.core import HomeAssistant
from homeassistant.setup import async_setup_component

from custom_components.seatsense.const import CONF_ENTITY_ID, CONF_SOURCE_TYPE, SourceType
from custom_components.seatsense.coordinator import SeatsenseCoordinator

from .helpers import ZIDANE, add_local_camera, camera_subentry, person_jpeg, site_entry


@pytest.fixture(autouse=True)
def auto_enable_custom_integrations(enable_custom_integrations: None) -> None:
    """Load custom_components/ in every test."""


@pytest.fixture(autouse=True)
def config_dir_per_test(hass: HomeAssistant, tmp_path: Path) -> None:
    """A config folder of the test's own: local sites write their event logs in `.storage`,
    and reports in its media folder (the test harness points every test at one shared media
    folder)."""
    hass.config.config_dir = str(tmp_path / "config")
    hass.config.media_dirs = {"local": str(tmp_path / "config" / "media")}


@pytest.fixture
async def frame_file(hass: HomeAssistant, tmp_path: Path) -> Path:
    """The file a local_file camera shows; tests overwrite it to change the scene."""
    await async_setup_component(hass, "homeassistant", {})
    path = tmp_path / "frame.jpg"
    path.write_bytes(person_jpeg())
    return path


@pytest.fixture
async def desk_camera(hass: HomeAssistant, frame_file: Path) -> str:
    """A real HA camera entity showing `frame_file`."""
    return await add_local_camera(hass, frame_file)


type SetupSite = Callable[..., Awaitable[SeatsenseCoordinator]]


@pytest.fixture
def setup_site(hass: HomeAssistant, desk_camera: str) -> SetupSite:
    """Set up a site whose one camera is the desk camera entity; returns its coordinator.

    The sample interval defaults to an hour, so the monitor's own thread stays idle after its
    first cycle and the test drives every cycle (and the clock) itself.
    """

    async def setup(**options: object) -> SeatsenseCoordinator:
        options.setdefault("interval_s", 3600.0)
        entry = site_entry(
            [camera_subentry({CONF_SOURCE_TYPE: SourceType.ENTITY, CONF_ENTITY_ID: desk_camera})],
            **options,
        )
        entry.add_to_hass(hass)
        assert await hass.config_entries.async_setup(entry.entry_id)
        await hass.async_block_till_done()
        coordinator: SeatsenseCoordinator = entry.runtime_data
        # The monitor's thread runs one cycle as it starts; let it finish before the test
        # drives the cycles, so no update of that thread arrives in the middle of a test.
        for _ in range(100):
            if coordinator.backend.monitor.cycles:
                break
            await asyncio.sleep(0.02)
        await hass.async_block_till_done()
        return coordinator

    return setup


@pytest.fixture
async def http_camera(hass: HomeAssistant, socket_enabled: None) -> AsyncIterator[str]:
    """A snapshot server on loopback: a real image, a login wall, a slow one, not an image.

    Sockets are allowed for it; HA's test plugin still limits connections to 127.0.0.1.
    """

    async def snap(request: web.Request) -> web.Response:
        return web.Response(body=ZIDANE.read_bytes(), content_type="image/jpeg")

    async def login(request: web.Request) -> web.Response:
        return web.Response(status=401, headers={"WWW-Authenticate": 'Basic realm="cam"'})

    async def slow(request: web.Request) -> web.Response:
        await asyncio.sleep(3)
        return web.Response(body=b"late", content_type="image/jpeg")

    async def text(request: web.Request) -> web.Response:
        return web.Response(text="hello", content_type="text/plain")

    app = web.Application()
    app.add_routes(
        [web.get("/snap.jpg", snap), web.get("/login", login), web.get("/slow", slow),
         web.get("/text", text)]
    )
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    yield f"http://127.0.0.1:{server.port}"
    await server.close()

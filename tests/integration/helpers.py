"""Frames and set-up helpers shared by the integration tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import cv2
import numpy as np
from homeassistant.config_entries import ConfigSubentryData
from homeassistant.const import CONF_NAME
from homeassistant.core import HomeAssistant
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.seatsense.const import (
    CONF_ENTITY_ID,
    CONF_HEIGHT,
    CONF_MODEL,
    CONF_SEATS,
    CONF_SOURCE_TYPE,
    CONF_URL,
    CONF_WIDTH,
    DEFAULT_OPTIONS,
    DOMAIN,
    SUBENTRY_CAMERA,
)

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
ZIDANE = FIXTURES / "zidane.jpg"
BUS = FIXTURES / "bus.jpg"

# zidane.jpg (1280x720): a person stands in A1; C1 (top left) is free once the blurred crowd
# behind it is painted over (`_photo`): seat tiles find people in that crowd.
SEATS = "A1: 760,250 1130,250 1130,710 760,710\nC1: 0,0 600,0 600,200 0,200"
WIDTH, HEIGHT = 1280, 720
CAMERA_ID = "cam1subentry"


def _photo() -> np.ndarray:
    """zidane.jpg with the crowd in C1 and at the left edge painted in the blurred background
    colour: the two men, nobody else."""
    frame = cv2.imread(str(ZIDANE))
    background = cv2.blur(frame, (301, 301))
    frame[0:200, 0:600] = background[0:200, 0:600]
    frame[:, 0:150] = background[:, 0:150]
    return frame


def person_jpeg() -> bytes:
    """A real photo with people (one seated in A1)."""
    return bytes(cv2.imencode(".jpg", _photo())[1])


def empty_jpeg() -> bytes:
    """A plain grey frame of the same size: nobody anywhere."""
    frame = np.full((HEIGHT, WIDTH, 3), 128, np.uint8)
    return bytes(cv2.imencode(".jpg", frame)[1])


def bag_jpeg() -> bytes:
    """The photo with a bright object left on C1 (belongings without a person)."""
    frame = _photo()
    frame[40:190, 150:450] = (230, 230, 230)
    return bytes(cv2.imencode(".jpg", frame)[1])


def camera_subentry(
    source: dict[str, Any], seats: str = SEATS, title: str = "Hall", subentry_id: str = CAMERA_ID
) -> ConfigSubentryData:
    """A camera subentry as the flow stores it."""
    unique = source.get(CONF_ENTITY_ID) or source.get(CONF_URL)
    return ConfigSubentryData(
        data={**source, CONF_SEATS: seats, CONF_WIDTH: WIDTH, CONF_HEIGHT: HEIGHT},
        subentry_id=subentry_id,
        subentry_type=SUBENTRY_CAMERA,
        title=title,
        unique_id=f"{source[CONF_SOURCE_TYPE]}:{unique}",
    )


def site_entry(
    subentries: list[ConfigSubentryData] | None = None, **options: Any
) -> MockConfigEntry:
    """A site entry (not yet added to hass)."""
    return MockConfigEntry(
        domain=DOMAIN,
        title="Study Cafe",
        data={CONF_NAME: "Study Cafe", CONF_MODEL: "bundled"},
        options={**DEFAULT_OPTIONS, **options},
        subentries_data=subentries or [],
        entry_id="site1entry",
    )


async def add_local_camera(hass: HomeAssistant, path: Path, name: str = "Desk") -> str:
    """A real HA camera entity (local_file) showing whatever `path` holds; its entity id."""
    entry = MockConfigEntry(
        domain="local_file", options={"name": name, "file_path": str(path)}, title=name
    )
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    return f"camera.{name.lower()}"


async def run_cycle(
    hass: HomeAssistant, coordinator: Any, frame_file: Path | None = None, jpeg: bytes | None = None
) -> None:
    """Show `jpeg` on the desk camera, let the integration fetch it, run one monitor cycle."""
    if jpeg is not None and frame_file is not None:
        frame_file.write_bytes(jpeg)
    await coordinator.async_pull_entity_frames()
    await hass.async_add_executor_job(coordinator.backend.monitor.step)
    await hass.async_block_till_done()

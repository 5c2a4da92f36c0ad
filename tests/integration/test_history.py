"""The site's history in Home Assistant, from a real event log: each seat's hourly occupancy as
long-term statistics of the recorder (imported once, across reloads), and the utilisation
report (the action, the daily run, the report image)."""

from __future__ import annotations

import os
from datetime import datetime, timedelta
from functools import partial
from http import HTTPStatus
from pathlib import Path
from typing import Any

import pytest
from freezegun.api import FrozenDateTimeFactory
from homeassistant.components.http.auth import async_sign_path
from homeassistant.components.recorder import Recorder
from homeassistant.components.recorder.statistics import (
    get_metadata,
    statistics_during_period,
)
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ServiceValidationError
from homeassistant.helpers.recorder import get_instance
from homeassistant.util import dt as dt_util
from pytest_homeassistant_custom_component.common import async_fire_time_changed
from pytest_homeassistant_custom_component.components.recorder.common import (
    async_wait_recording_done,
)
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from custom_components.seatsense.backend import event_log_path
from custom_components.seatsense.const import DOMAIN
from custom_components.seatsense.history import HistoryError, daily_range, statistic_id
from seatsense.core.engine import Event, EventType
from seatsense.live.store import EventStore

from .conftest import SetupSite
from .helpers import CAMERA_ID

A1 = statistic_id("Study Cafe", CAMERA_ID, "A1")
C1 = statistic_id("Study Cafe", CAMERA_ID, "C1")
REPORT_IMAGE = "image.study_cafe_utilisation_report"


@pytest.fixture(autouse=True)
def auto_enable_custom_integrations(
    recorder_mock: Recorder, enable_custom_integrations: None
) -> None:
    """The recorder starts before Home Assistant (the conftest's fixtures would start Home
    Assistant first); then custom_components/ is loaded as everywhere."""


@pytest.fixture(autouse=True)
def config_dir_per_test(recorder_mock: Recorder, hass: HomeAssistant, tmp_path: Path) -> None:
    """The recorder first (it must start before Home Assistant), then the config and media
    folders of the test's own, as in every other integration test (conftest)."""
    hass.config.config_dir = str(tmp_path / "config")
    hass.config.media_dirs = {"local": str(tmp_path / "config" / "media")}


def utc(text: str) -> float:
    return datetime.fromisoformat(text).timestamp()


def write_log(hass: HomeAssistant, events: list[Event]) -> Path:
    """The site's event log, as the monitor of an earlier run left it."""
    path = event_log_path(hass, "site1entry")
    with EventStore(path) as store:
        store.write_events(events)
    return path


def morning() -> list[Event]:
    """A1 taken 09:00-10:30 UTC on 2026-03-09 (then hogged 10:30-10:45); C1 stays free."""
    return [
        Event(EventType.PERSON_ENTER, utc("2026-03-09T09:00+00:00"), CAMERA_ID, "A1"),
        Event(EventType.PERSON_LEAVE, utc("2026-03-09T10:30+00:00"), CAMERA_ID, "A1"),
        Event(EventType.ABANDONED_DETECTED, utc("2026-03-09T10:30+00:00"), CAMERA_ID, "A1"),
        Event(EventType.BELONGINGS_REMOVED, utc("2026-03-09T10:45+00:00"), CAMERA_ID, "A1"),
        Event(EventType.PERSON_ENTER, utc("2026-03-09T09:00+00:00"), CAMERA_ID, "C1"),
        Event(EventType.PERSON_LEAVE, utc("2026-03-09T09:15+00:00"), CAMERA_ID, "C1"),
    ]


async def hourly(hass: HomeAssistant, *ids: str) -> dict[str, list[dict[str, Any]]]:
    await hass.async_block_till_done()
    await async_wait_recording_done(hass)
    found: dict[str, list[dict[str, Any]]] = await get_instance(hass).async_add_executor_job(
        statistics_during_period,
        hass,
        dt_util.parse_datetime("2026-03-01T00:00:00+00:00"),
        None,
        set(ids),
        "hour",
        None,
        {"mean", "min", "max"},
    )
    return found


def starts(rows: list[dict[str, Any]]) -> list[str]:
    return [dt_util.utc_from_timestamp(row["start"]).strftime("%H") for row in rows]


async def test_hourly_occupancy_becomes_statistics_once(
    hass: HomeAssistant,
    setup_site: SetupSite,
    freezer: FrozenDateTimeFactory,
) -> None:
    """Settled whole hours are imported at start; a reload imports nothing twice; the hourly
    run adds only the hours finished since, without a gap."""
    freezer.move_to("2026-03-09T12:30:00+00:00")
    write_log(hass, morning())
    coordinator = await setup_site()
    # 12:30 - 15 minutes of settling: hours 09, 10 and 11 are final, 12 is not.
    found = await hourly(hass, A1, C1)
    assert starts(found[A1]) == ["09", "10", "11"]
    assert [row["mean"] for row in found[A1]] == [100.0, 50.0, 0.0]
    assert [(row["min"], row["max"]) for row in found[A1]] == [(100, 100), (0, 100), (0, 0)]
    assert [row["mean"] for row in found[C1]] == [25.0, 0.0, 0.0]

    entry = coordinator.config_entry
    assert await hass.config_entries.async_reload(entry.entry_id)
    again = await hourly(hass, A1, C1)
    assert again == found

    freezer.move_to("2026-03-09T14:20:00+00:00")
    async_fire_time_changed(hass, dt_util.utcnow())
    await hass.async_block_till_done(wait_background_tasks=True)  # timers run in the background
    later = await hourly(hass, A1, C1)
    assert starts(later[A1]) == ["09", "10", "11", "12", "13"]
    assert later[A1][:3] == found[A1]
    meta = await get_instance(hass).async_add_executor_job(
        partial(get_metadata, hass, statistic_ids={A1})
    )
    assert meta[A1][1]["source"] == DOMAIN
    assert meta[A1][1]["unit_of_measurement"] == "%"
    assert meta[A1][1]["name"] == "Study Cafe Hall A1 occupancy"
    # No entity was made for them.
    assert not [s for s in hass.states.async_all() if "occupancy_statistic" in s.entity_id]


async def test_a_log_without_events_imports_nothing(
    hass: HomeAssistant, setup_site: SetupSite, freezer: FrozenDateTimeFactory
) -> None:
    freezer.move_to("2026-03-09T12:30:00+00:00")
    await setup_site()
    assert await hourly(hass, A1, C1) == {}


async def test_generate_report_action_and_image(
    hass: HomeAssistant,
    setup_site: SetupSite,
    freezer: FrozenDateTimeFactory,
    hass_client_no_auth: ClientSessionGenerator,
) -> None:
    """The action writes the report into the media folder, answers its files and the report
    image shows its heatmap."""
    freezer.move_to("2026-03-10T03:00:00+00:00")
    write_log(hass, morning())
    coordinator = await setup_site()
    assert hass.states.get(REPORT_IMAGE).state == "unknown"
    response = await hass.services.async_call(
        DOMAIN,
        "generate_report",
        {
            "config_entry_id": coordinator.config_entry.entry_id,
            "start": "2026-03-09",
            "end": "2026-03-09",
        },
        blocking=True,
        return_response=True,
    )
    assert response is not None
    media = Path(hass.config.media_dirs["local"])
    folder = media / "seatsense" / "reports" / "study_cafe" / "2026-03-09_2026-03-09"
    assert response["directory"] == str(folder)
    assert response["html"] == str(folder / "report.html")
    assert {Path(p).name for p in response["files"]} >= {"report.html", "heatmap.png", "seats.csv"}
    assert "www" not in response["directory"]
    seats = (folder / "seats.csv").read_text(encoding="utf-8-sig").splitlines()
    assert any(",A1," in line for line in seats)
    state = hass.states.get(REPORT_IMAGE)
    assert state.state == "2026-03-10T03:00:00+00:00"
    assert state.attributes["start"] == "2026-03-09"
    # The entity's own access token (the frozen clock is before the login token's issue).
    client = await hass_client_no_auth()
    token = state.attributes["access_token"]
    picture = await client.get(f"/api/image_proxy/{REPORT_IMAGE}?token={token}")
    assert picture.status == HTTPStatus.OK
    assert await picture.read() == (folder / "heatmap.png").read_bytes()
    # The page opens from its signed link (the action's and the entity's).
    for link in (response["url"], state.attributes["url"]):
        page = await client.get(link)
        assert page.status == HTTPStatus.OK
        assert "utilisation" in await page.text()
    entry_id = coordinator.config_entry.entry_id
    for path, status in [
        (f"{entry_id}/{folder.name}/seats.csv", HTTPStatus.OK),
        (f"{entry_id}/{folder.name}/secrets.yaml", HTTPStatus.NOT_FOUND),
        (f"{entry_id}/..%2F..%2F..%2Fsecrets_2026-03-09/report.html", HTTPStatus.NOT_FOUND),
        (f"{entry_id}/2026-01-01_2026-01-02/report.html", HTTPStatus.NOT_FOUND),
        (f"nope/{folder.name}/report.html", HTTPStatus.NOT_FOUND),
    ]:
        signed = async_sign_path(
            hass, f"/api/seatsense/reports/{path}", timedelta(minutes=1), use_content_user=True
        )
        assert (await client.get(signed)).status == status, path
    unsigned = await client.get(f"/api/seatsense/reports/{entry_id}/{folder.name}/report.html")
    assert unsigned.status == HTTPStatus.UNAUTHORIZED
    # The folder cleared by hand: no picture, and no error on the loop.
    (folder / "heatmap.png").unlink()
    gone = await client.get(f"/api/image_proxy/{REPORT_IMAGE}?token={token}")
    assert gone.status != HTTPStatus.OK


async def test_report_errors_are_translated(
    hass: HomeAssistant, setup_site: SetupSite, freezer: FrozenDateTimeFactory
) -> None:
    freezer.move_to("2026-03-10T03:00:00+00:00")
    write_log(hass, morning())
    coordinator = await setup_site()
    entry_id = coordinator.config_entry.entry_id
    cases = [
        ({"config_entry_id": entry_id, "start": "2026-03-09", "end": "2026-03-01"}, "report_dates"),
        ({"config_entry_id": "nope"}, "site_not_loaded"),
    ]
    for data, key in cases:
        with pytest.raises(ServiceValidationError) as err:
            await hass.services.async_call(DOMAIN, "generate_report", data, blocking=True)
        assert err.value.translation_key == key
    with pytest.raises(HistoryError) as failed:
        await hass.services.async_call(
            DOMAIN,
            "generate_report",
            {"config_entry_id": entry_id, "start": "2025-01-01", "end": "2025-01-31"},
            blocking=True,
        )
    assert failed.value.translation_key == "report_no_data"
    assert failed.value.translation_placeholders["start"] == "2025-01-01"
    # The daily report of days the log does not reach: a warning, no report.
    freezer.move_to("2026-06-01T00:10:00-07:00")
    async_fire_time_changed(hass, dt_util.utcnow())
    await hass.async_block_till_done(wait_background_tasks=True)
    assert coordinator.latest_report is None


async def test_daily_report_after_midnight_and_after_a_restart(
    hass: HomeAssistant, setup_site: SetupSite, freezer: FrozenDateTimeFactory
) -> None:
    """Shortly after local midnight the last 30 days are reported; a reload finds that
    report again for the image."""
    await hass.config.async_set_time_zone("Asia/Seoul")
    freezer.move_to("2026-03-10T00:05:00+09:00")
    write_log(hass, morning())
    coordinator = await setup_site()
    # Reports written more than 30 days ago go; a folder holding something else keeps it.
    base = Path(hass.config.media_dirs["local"]) / "seatsense" / "reports" / "study_cafe"
    old, mixed = base / "2026-01-01_2026-01-30", base / "2026-01-02_2026-01-31"
    for folder in (old, mixed):
        folder.mkdir(parents=True)
        (folder / "report.html").write_text("<html></html>")
        (folder / "heatmap.png").write_bytes(b"")
    (mixed / "notes.txt").write_text("mine")
    month_ago = utc("2026-02-01T00:00+09:00")
    for path in (old, mixed, *old.iterdir(), *mixed.iterdir()):
        os.utime(path, (month_ago, month_ago))
    freezer.move_to("2026-03-10T00:10:00+09:00")
    async_fire_time_changed(hass, dt_util.utcnow())
    await hass.async_block_till_done(wait_background_tasks=True)
    assert not old.exists()
    assert sorted(p.name for p in mixed.iterdir()) == ["notes.txt"]
    report = coordinator.latest_report
    assert report is not None
    assert (str(report.first_day), str(report.last_day)) == ("2026-02-08", "2026-03-09")
    assert report.html.is_file()
    assert daily_range(dt_util.now(), 30) == (report.first_day, report.last_day)

    entry = coordinator.config_entry
    assert await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()
    found = entry.runtime_data.latest_report
    assert found is not None and found.directory == report.directory
    assert hass.states.get(REPORT_IMAGE).attributes["end"] == "2026-03-09"

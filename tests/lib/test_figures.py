"""The figures catalogue: seat, camera and site figures and today's log, at explicit times."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from seatsense.core import figures
from seatsense.core.engine import (
    EngineSettings,
    Event,
    EventType,
    Observation,
    SeatEngine,
    SeatState,
    SeatStatus,
)
from seatsense.core.figures import (
    CAMERA_FIGURES,
    SEAT_FIGURES,
    SITE_FIGURES,
    Platform,
    SiteFigures,
    SiteSnapshot,
    TodayLog,
)
from seatsense.core.status import CameraStatus

H = 3600.0
SEOUL = ZoneInfo("Asia/Seoul")
JUNE_1 = datetime(2025, 6, 1, tzinfo=SEOUL).timestamp()
"""Local midnight of the day the log examples run on."""
SEATS = [("c1", "A1"), ("c1", "A2"), ("c2", "B1")]


def seat_values(status: SeatStatus, now_s: float) -> dict[str, object]:
    return {figure.key: figure.value_fn(status, now_s) for figure in SEAT_FIGURES}


# -- seats ----------------------------------------------------------------------------------


def test_seat_left_at_1000_is_vacant_in_whole_minutes() -> None:
    """Left at t=1000: 59 s later still 0 minutes, at 60 s 1 minute; vacant since 1000."""
    status = SeatStatus(state=SeatState.EMPTY, since_s=1000.0, vacant_since_s=1000.0)
    assert seat_values(status, 1059.0) == {
        "occupied": False,
        "abandoned": False,
        "state": "empty",
        "vacant_minutes": 0,
        "vacant_since": datetime(1970, 1, 1, 0, 16, 40, tzinfo=UTC),
        "belongings_since": None,
        "stay_minutes": None,
        "last_stay_minutes": None,
    }
    assert figures.VACANT_MINUTES.value_fn(status, 1060.0) == 1
    assert figures.VACANT_MINUTES.value_fn(status, 1000.0 + H - 1) == 59


def test_seat_occupied_since_600_counts_its_stay_and_keeps_the_last_one() -> None:
    """Sat down at t=600 after a 30.5-minute stay ended: at t=2399 the stay is 29 minutes,
    and the seat is not vacant although its last vacancy began at t=0."""
    status = SeatStatus(
        state=SeatState.OCCUPIED,
        since_s=600.0,
        occupied_since_s=600.0,
        vacant_since_s=0.0,
        last_stay_s=1830.0,
    )
    values = seat_values(status, 2399.0)
    assert values["occupied"] is True
    assert values["stay_minutes"] == 29
    assert values["last_stay_minutes"] == 30.5
    assert values["vacant_minutes"] is None
    assert values["vacant_since"] is None


def test_hogged_seat_is_a_problem_and_still_vacant() -> None:
    """Belongings left since t=0, hogged from t=600: at t=700 nobody sits there."""
    status = SeatStatus(
        state=SeatState.ABANDONED, since_s=600.0, vacant_since_s=0.0, belongings_since_s=0.0
    )
    values = seat_values(status, 700.0)
    assert (values["occupied"], values["abandoned"], values["state"]) == (
        False,
        True,
        "abandoned",
    )
    assert values["vacant_minutes"] == 11


def test_belongings_since_is_the_hogging_clock_while_they_are_there() -> None:
    """A person left at t=0 and a bag appeared on an empty seat at t=300: the bag's time is
    when the belongings were first seen (not the vacancy's start), away and hogged alike;
    gone (empty), occupied or offline (unknown) it has none."""
    away = SeatStatus(
        state=SeatState.AWAY, since_s=300.0, vacant_since_s=0.0, belongings_since_s=300.0
    )
    assert seat_values(away, 400.0)["belongings_since"] == datetime(1970, 1, 1, 0, 5, tzinfo=UTC)
    assert seat_values(away, 400.0)["vacant_since"] == datetime(1970, 1, 1, tzinfo=UTC)
    hogged = SeatStatus(
        state=SeatState.ABANDONED, since_s=900.0, vacant_since_s=0.0, belongings_since_s=300.0
    )
    assert seat_values(hogged, 960.0)["belongings_since"] == datetime(
        1970, 1, 1, 0, 5, tzinfo=UTC
    )
    for state in (SeatState.EMPTY, SeatState.OCCUPIED, SeatState.UNKNOWN):
        stale = SeatStatus(state=state, since_s=900.0, belongings_since_s=300.0)
        assert seat_values(stale, 960.0)["belongings_since"] is None, state


def test_belongings_since_comes_from_the_engine_and_survives_a_save() -> None:
    """The engine sets the clock when a person leaves things behind (back-dated to the first
    absent sample), and a status read back from its JSON gives the same figure."""
    engine = SeatEngine("A1", settings=EngineSettings(exit_grace_s=30, abandoned_after_s=600))
    for t in (0, 3):
        engine.update(Observation(person=True), t)
    engine.update(Observation(person=False, belongings=True), 6)
    engine.update(Observation(person=False, belongings=True), 40)
    assert engine.status.state is SeatState.AWAY
    restored = SeatStatus.from_dict(json.loads(json.dumps(engine.status.to_dict())))
    since = figures.BELONGINGS_SINCE.value_fn(restored, 700.0)
    assert since == datetime(1970, 1, 1, 0, 0, 6, tzinfo=UTC)
    engine = SeatEngine("A1", settings=engine.settings, status=restored)
    engine.update(Observation(person=False, belongings=True), 606)
    assert engine.status.state is SeatState.ABANDONED
    assert figures.BELONGINGS_SINCE.value_fn(engine.status, 606.0) == since


def test_unknown_seat_reads_unknown_on_both_binary_figures() -> None:
    """A seat never seen (or its camera offline): on / off is unknown, not off."""
    values = seat_values(SeatStatus(), 100.0)
    assert values["occupied"] is None
    assert values["abandoned"] is None
    assert values["state"] == "unknown"
    assert values["vacant_minutes"] is None


# -- cameras --------------------------------------------------------------------------------


def test_camera_figures_from_status_and_health() -> None:
    online = CameraStatus(
        online=True, people=3, health={"input_fps": 4.9, "frame_age_s": 0.4}, seats={}
    )
    offline = CameraStatus(online=False, people=0, health={}, seats={})
    assert {f.key: f.value_fn(online, 0.0) for f in CAMERA_FIGURES} == {
        "connected": True,
        "people": 3,
        "fps": 4.9,
        "frame_age": 0.4,
    }
    assert {f.key: f.value_fn(offline, 0.0) for f in CAMERA_FIGURES} == {
        "connected": False,
        "people": 0,
        "fps": None,
        "frame_age": None,
    }


# -- the site -------------------------------------------------------------------------------


def site_values(site: SiteSnapshot) -> dict[str, object]:
    return {figure.key: figure.value_fn(site, 0.0) for figure in SITE_FIGURES}


def test_site_figures_leave_unseen_seats_out_of_the_rate() -> None:
    """Two of four seen seats occupied is 50 %; the unseen and the missing seat do not count."""
    statuses = [
        SeatStatus(state=SeatState.OCCUPIED),
        SeatStatus(state=SeatState.OCCUPIED),
        SeatStatus(state=SeatState.ABANDONED),
        SeatStatus(state=SeatState.AWAY),
        SeatStatus(),
        None,
    ]
    today = SiteFigures(entries=7, turnover=1.17, average_stay_s=2730.0)
    assert site_values(SiteSnapshot.of(statuses, today)) == {
        "occupied_seats": 2,
        "occupancy_rate": 50.0,
        "abandoned_seats": 1,
        "entries_today": 7,
        "turnover_today": 1.17,
        "average_stay": 45.5,
    }


def test_site_without_a_seen_seat_or_a_log_reads_unknown() -> None:
    values = site_values(SiteSnapshot.of([None, SeatStatus()]))
    assert values == {
        "occupied_seats": 0,
        "occupancy_rate": None,
        "abandoned_seats": 0,
        "entries_today": None,
        "turnover_today": None,
        "average_stay": None,
    }


# -- today's log ----------------------------------------------------------------------------


def test_a_day_in_seoul() -> None:
    """A1 arrives at 09:00 and leaves at 11:00, B1 arrives at 09:30; at noon: two entries over
    three seats and one two-hour stay. Camera events and belongings do not count."""
    log = TodayLog("2025-06-01")
    assert log.record(
        [
            Event(EventType.PERSON_ENTER, JUNE_1 + 9 * H, "c1", "A1"),
            Event(EventType.CAMERA_OFFLINE, JUNE_1 + 9.2 * H, "c2"),
        ]
    )
    assert log.record([Event(EventType.PERSON_ENTER, JUNE_1 + 9.5 * H, "c2", "B1")])
    assert not log.record([Event(EventType.ABANDONED_DETECTED, JUNE_1 + 10 * H, "c1", "A2")])
    assert log.record(
        [Event(EventType.PERSON_LEAVE, JUNE_1 + 11 * H, "c1", "A1", data={"stay_s": 2 * H})]
    )
    assert len(log.events) == 3
    today = log.figures(SEATS, day_start_s=JUNE_1, now_s=JUNE_1 + 12 * H, tz=SEOUL)
    assert today == SiteFigures(entries=2, turnover=0.67, average_stay_s=2 * H)
    site = SiteSnapshot((SeatState.EMPTY, SeatState.EMPTY, SeatState.OCCUPIED), today)
    assert figures.AVERAGE_STAY.value_fn(site, 0.0) == 120.0


def test_an_arrival_stamped_after_now_still_counts() -> None:
    """The frame clock may run ahead of the caller's: an event at 10:00:05 counts at 10:00."""
    log = TodayLog("2025-06-01", [Event(EventType.PERSON_ENTER, JUNE_1 + 10 * H + 5, "c1", "A1")])
    assert log.figures(SEATS, JUNE_1, JUNE_1 + 10 * H, SEOUL).entries == 1


def test_a_site_without_seats_has_no_turnover() -> None:
    assert TodayLog("2025-06-01").figures([], JUNE_1, JUNE_1 + H, SEOUL) == SiteFigures(
        entries=0, turnover=None, average_stay_s=None
    )


def test_the_log_survives_a_restart_on_the_same_day_only() -> None:
    log = TodayLog("2025-06-01", [Event(EventType.PERSON_ENTER, JUNE_1 + H, "c1", "A1")])
    assert TodayLog.from_dict(log.to_dict(), "2025-06-01") == log
    assert TodayLog.from_dict(log.to_dict(), "2025-06-02") == TodayLog("2025-06-02")
    assert TodayLog.from_dict(None, "2025-06-02") == TodayLog("2025-06-02")


# -- the catalogue itself -------------------------------------------------------------------

EXPECTED = {
    # key: (platform, translation key, device class, unit, state class)
    "occupied": ("binary_sensor", "occupied", "occupancy", None, None),
    "abandoned": ("binary_sensor", "abandoned", "problem", None, None),
    "state": ("sensor", "seat_state", "enum", None, None),
    "vacant_minutes": ("sensor", "vacant_minutes", "duration", "min", "measurement"),
    "vacant_since": ("sensor", "vacant_since", "timestamp", None, None),
    "belongings_since": ("sensor", "belongings_since", "timestamp", None, None),
    "stay_minutes": ("sensor", "stay_minutes", "duration", "min", "measurement"),
    "last_stay_minutes": ("sensor", "last_stay_minutes", "duration", "min", "measurement"),
    "connected": ("binary_sensor", None, "connectivity", None, None),
    "people": ("sensor", "people", None, None, "measurement"),
    "fps": ("sensor", "fps", None, "fps", "measurement"),
    "frame_age": ("sensor", "frame_age", "duration", "s", "measurement"),
    "occupied_seats": ("sensor", "occupied_seats", None, None, "measurement"),
    "occupancy_rate": ("sensor", "occupancy_rate", None, "%", "measurement"),
    "abandoned_seats": ("sensor", "abandoned_seats", None, None, "measurement"),
    "entries_today": ("sensor", "entries_today", None, None, "total_increasing"),
    "turnover_today": ("sensor", "turnover_today", None, None, "measurement"),
    "average_stay": ("sensor", "average_stay", "duration", "min", "measurement"),
}
"""The rows as Home Assistant and MQTT users know them: changing one renames or re-units an
entity (its unique id ends in the key)."""


def test_catalogue_rows_keep_their_keys_and_units() -> None:
    rows = [*SEAT_FIGURES, *CAMERA_FIGURES, *SITE_FIGURES]
    assert len({row.key for row in rows}) == len(rows)
    found = {
        row.key: (
            row.platform.value,
            row.translation_key,
            row.device_class,
            row.unit,
            row.state_class,
        )
        for row in rows
    }
    assert found == EXPECTED


@pytest.mark.parametrize(
    "row", [*SEAT_FIGURES, *CAMERA_FIGURES, *SITE_FIGURES], ids=lambda row: row.key
)
def test_rows_are_consistent(row: figures.Figure[Any]) -> None:
    """Enum rows list their options; only camera health hides by default; binary rows have
    no unit; rows that hide with their camera belong to seats or count people."""
    assert bool(row.options) == (row.device_class == "enum")
    assert row.enabled_by_default or row.diagnostic
    if row.platform is Platform.BINARY_SENSOR:
        assert row.unit is None and row.state_class is None
    if row.follows_camera:
        assert row in SEAT_FIGURES or row is figures.PEOPLE

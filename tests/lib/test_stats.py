"""Statistics from seat events: exact numbers from hand-built days, and a simulated one."""

from __future__ import annotations

import json
import math
import random
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from seatsense.core.engine import Event, EventType, Observation, SeatEngine, SeatState
from seatsense.core.stats import HourlySeatStats, SiteSummary, hourly_seat_stats, site_summary

H = 3600.0
DAY = 24 * H
SEOUL = ZoneInfo("Asia/Seoul")
A1 = ("c1", "A1")
A2 = ("c1", "A2")
B1 = ("c2", "B1")


def enter(t: float, seat: tuple[str, str] = A1) -> Event:
    return Event(EventType.PERSON_ENTER, t, seat[0], seat[1], confidence=0.9)


def leave(t: float, stay_s: float, seat: tuple[str, str] = A1) -> Event:
    """A leave as the engine writes it: back-dated, with the stay and its start."""
    data = {"stay_s": stay_s, "occupied_since_s": t - stay_s}
    return Event(EventType.PERSON_LEAVE, t, seat[0], seat[1], confidence=1.0, data=data)


def abandoned(t: float, seat: tuple[str, str] = A1) -> Event:
    return Event(EventType.ABANDONED_DETECTED, t, seat[0], seat[1], confidence=0.8)


def removed(t: float, was: str = "abandoned", seat: tuple[str, str] = A1) -> Event:
    return Event(EventType.BELONGINGS_REMOVED, t, seat[0], seat[1], data={"was": was})


def offline(t: float, camera: str = "c1") -> Event:
    return Event(EventType.CAMERA_OFFLINE, t, camera)


def online(t: float, camera: str = "c1") -> Event:
    return Event(EventType.CAMERA_ONLINE, t, camera)


def parts(row: HourlySeatStats) -> tuple[float, float, float, float]:
    """(occupied, vacant, abandoned, unknown) seconds."""
    return (row.occupied_s, row.vacant_s, row.abandoned_s, row.unknown_s)


def local(text: str, tz: Any = SEOUL) -> float:
    return datetime.fromisoformat(text).replace(tzinfo=tz).timestamp()


# -- hour buckets --------------------------------------------------------------------------------


def test_a_stay_split_across_two_hours() -> None:
    events = [enter(1800), leave(5400, stay_s=3600)]
    first, second = hourly_seat_stats(events, [A1], 0, 2 * H)

    assert first == HourlySeatStats("c1", "A1", 0.0, 1800.0, 1800.0, 0.0, 0.0, 1, None, 0)
    # The stay counts in the hour it ended in.
    assert second == HourlySeatStats("c1", "A1", 3600.0, 1800.0, 1800.0, 0.0, 0.0, 0, 3600.0, 1)
    assert first.occupancy_rate == 0.5
    assert second.to_dict() == {
        "camera_id": "c1", "seat_id": "A1", "hour_start_s": 3600.0, "occupied_s": 1800.0,
        "vacant_s": 1800.0, "abandoned_s": 0.0, "unknown_s": 0.0, "entries": 0,
        "average_stay_s": 3600.0, "stays": 1,
    }  # fmt: skip
    assert json.loads(json.dumps(second.to_dict())) == second.to_dict()


def test_a_stay_crossing_several_hour_boundaries() -> None:
    events = [enter(3000), leave(11000, stay_s=8000)]
    rows = hourly_seat_stats(events, [A1], 0, 4 * H)
    assert [r.hour_start_s for r in rows] == [0, H, 2 * H, 3 * H]
    assert [r.occupied_s for r in rows] == [600, 3600, 3600, 200]
    assert [r.vacant_s for r in rows] == [3000, 0, 0, 3400]
    assert [r.entries for r in rows] == [1, 0, 0, 0]
    assert [r.average_stay_s for r in rows] == [None, None, None, 8000]


def test_several_stays_in_one_hour_average_those_that_ended_there() -> None:
    events = [
        enter(0), leave(600, stay_s=600),
        enter(1000), leave(1300, stay_s=300),
        enter(3000), leave(4000, stay_s=1000),
    ]  # fmt: skip
    first, second = hourly_seat_stats(events, [A1], 0, 2 * H)
    assert (first.entries, first.stays, first.average_stay_s) == (3, 2, 450.0)
    assert first.occupied_s == 600 + 300 + 600
    assert (second.entries, second.stays, second.average_stay_s, second.occupied_s) == (
        0, 1, 1000.0, 400.0,
    )  # fmt: skip


def test_a_period_starting_and_ending_inside_an_hour() -> None:
    rows = hourly_seat_stats([enter(2000), leave(8000, stay_s=6000)], [A1], 1800, 9000)
    assert [r.hour_start_s for r in rows] == [0, H, 2 * H]
    assert [r.total_s for r in rows] == [1800, 3600, 1800]
    assert [r.occupied_s for r in rows] == [1600, 3600, 800]


def test_every_seat_gets_every_hour_in_the_order_given() -> None:
    rows = hourly_seat_stats([], [B1, A1, B1], 0, 2 * H)
    assert [(r.camera_id, r.seat_id, r.hour_start_s) for r in rows] == [
        ("c2", "B1", 0), ("c2", "B1", H), ("c1", "A1", 0), ("c1", "A1", H),
    ]  # fmt: skip
    assert all(parts(r) == (0, 3600, 0, 0) for r in rows)
    assert all(r.occupancy_rate == 0 and r.average_stay_s is None for r in rows)


def test_empty_period_and_reversed_period() -> None:
    assert hourly_seat_stats([enter(0)], [A1], 100, 100) == []
    with pytest.raises(ValueError, match="before start_s"):
        hourly_seat_stats([], [A1], 100, 50)


def test_events_of_other_seats_and_outside_the_period_are_left_out() -> None:
    events = [
        enter(100, A2), leave(3000, 2900, A2),
        enter(100, B1),
        enter(5000), leave(6000, 1000),  # after the period
    ]  # fmt: skip
    (row,) = hourly_seat_stats(events, [A1], 0, H)
    assert parts(row) == (0, 3600, 0, 0)
    assert row.entries == 0


def test_a_back_dated_leave_listed_late_counts_where_its_time_puts_it() -> None:
    # The engine reports the leave at 1830, after A2's entry at 1810, but it happened at 1800.
    events = [enter(0), enter(1810, A2), leave(1800, stay_s=1800), leave(2400, 590, A2)]
    a1, a2 = hourly_seat_stats(events, [A1, A2], 0, H)
    assert parts(a1) == (1800, 1800, 0, 0)
    assert parts(a2) == (590, 3010, 0, 0)


# -- offline cameras -----------------------------------------------------------------------------


def test_an_offline_camera_makes_all_its_seats_unknown() -> None:
    events = [
        enter(500), offline(1000), online(2500), leave(3000, stay_s=2500),
        offline(100, "c2"), online(200, "c2"),
    ]  # fmt: skip
    a1, a2, b1 = hourly_seat_stats(events, [A1, A2, B1], 0, H)
    assert parts(a1) == (1000, 1100, 0, 1500)  # occupied 500-1000 and 2500-3000
    assert parts(a2) == (0, 2100, 0, 1500)
    assert parts(b1) == (0, 3500, 0, 100)
    assert a1.observed_s == 2100
    assert a1.occupancy_rate == pytest.approx(1000 / 2100)
    assert a1.average_stay_s == 2500  # the stay itself spans the outage


def test_offline_across_an_hour_boundary_and_to_the_end() -> None:
    events = [offline(3000), online(4000), offline(6000)]
    rows = hourly_seat_stats(events, [A1], 0, 2 * H)
    assert [r.unknown_s for r in rows] == [600, 400 + 1200]
    assert [r.vacant_s for r in rows] == [3000, 2000]
    assert rows[1].occupancy_rate == 0


def test_back_online_first_means_offline_before() -> None:
    (row,) = hourly_seat_stats([online(900)], [A1], 0, H)
    assert parts(row) == (0, 2700, 0, 900)


def test_repeated_offline_events_do_not_restart_the_outage() -> None:
    (row,) = hourly_seat_stats([offline(100), offline(200), online(300)], [A1], 0, H)
    assert row.unknown_s == 200


def test_an_hour_entirely_offline_has_no_occupancy_rate() -> None:
    (row,) = hourly_seat_stats([enter(0), offline(0), online(H)], [A1], 0, H)
    assert parts(row) == (0, 0, 0, 3600)
    assert row.occupancy_rate is None


# -- abandoned -----------------------------------------------------------------------------------


def test_abandoned_from_detection_to_removal() -> None:
    events = [enter(0), leave(100, stay_s=100), abandoned(700), removed(2000)]
    (row,) = hourly_seat_stats(events, [A1], 0, H)
    # Away with a bag from 100 to 700 counts as vacant: nobody uses the seat.
    assert parts(row) == (100, 600 + 1600, 1300, 0)


def test_abandoned_until_the_owner_comes_back() -> None:
    events = [enter(0), leave(100, stay_s=100), abandoned(700), enter(3000), leave(4000, 1000)]
    first, second = hourly_seat_stats(events, [A1], 0, 2 * H)
    assert parts(first) == (100 + 600, 600, 2300, 0)
    assert first.entries == 2
    assert parts(second) == (400, 3200, 0, 0)


def test_abandoned_across_an_outage_and_into_the_next_hour() -> None:
    events = [abandoned(3000), offline(3300), online(3900), removed(4500)]
    first, second = hourly_seat_stats(events, [A1], 0, 2 * H)
    assert parts(first) == (0, 3000, 300, 300)
    assert parts(second) == (0, 2700, 600, 300)


def test_removal_of_an_away_bag_is_vacant_to_vacant() -> None:
    events = [enter(0), leave(100, stay_s=100), removed(500, was="away")]
    (row,) = hourly_seat_stats(events, [A1], 0, H)
    assert parts(row) == (100, 3500, 0, 0)


# -- the state a period starts in ----------------------------------------------------------------


def test_a_stay_that_began_before_the_period_is_clipped() -> None:
    start = 10 * H
    events = [enter(start - 1000), leave(start + 600, stay_s=1600)]
    (row,) = hourly_seat_stats(events, [A1], start, start + H)
    assert parts(row) == (600, 3000, 0, 0)
    assert row.entries == 0  # the arrival was before the period
    assert row.average_stay_s == 1600  # the whole stay, which ended in the period


def test_a_leave_without_its_entry_says_when_the_stay_began() -> None:
    start = 10 * H
    (row,) = hourly_seat_stats([leave(start + 600, stay_s=1600)], [A1], start, start + H)
    assert parts(row) == (600, 3000, 0, 0)
    # Without the entry the leave's own start still counts, even inside the period.
    (row,) = hourly_seat_stats([leave(start + 600, stay_s=300)], [A1], start, start + H)
    assert parts(row) == (300, 3300, 0, 0)


def test_a_seat_still_occupied_from_before_through_the_whole_period() -> None:
    start = 10 * H
    (row,) = hourly_seat_stats([enter(start - 60)], [A1], start, start + H)
    assert parts(row) == (3600, 0, 0, 0)
    assert row.stays == 0


def test_abandoned_before_the_period() -> None:
    start = 10 * H
    events = [enter(0), leave(start - 900, 100), abandoned(start - 300), removed(start + 100)]
    (row,) = hourly_seat_stats(events, [A1], start, start + H)
    assert parts(row) == (0, 3500, 100, 0)
    # Only the removal given: it says the seat was abandoned.
    (row,) = hourly_seat_stats([removed(start + 100)], [A1], start, start + H)
    assert parts(row) == (0, 3500, 100, 0)
    (row,) = hourly_seat_stats([removed(start + 100, was="away")], [A1], start, start + H)
    assert parts(row) == (0, 3600, 0, 0)


def test_offline_since_before_the_period() -> None:
    start = 10 * H
    (row,) = hourly_seat_stats([offline(start - 5), online(start + 5)], [A1], start, start + H)
    assert row.unknown_s == 5


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        (SeatState.OCCUPIED, (1000, 2600, 0, 0)),
        (SeatState.ABANDONED, (0, 2600, 1000, 0)),
        (SeatState.AWAY, (0, 3600, 0, 0)),
        (SeatState.EMPTY, (0, 3600, 0, 0)),
    ],
)
def test_initial_state_given_explicitly(state: SeatState, expected: tuple[float, ...]) -> None:
    # The seat's first event ends whatever it was doing: a leave, or the bag taken away.
    first = leave(1000, stay_s=9999) if state is SeatState.OCCUPIED else removed(1000)
    events = [Event(first.type, 1000.0, "c1", "A1")]  # no data to infer anything from
    (row,) = hourly_seat_stats(events, [A1], 0, H, initial={A1: state})
    assert parts(row) == expected


def test_initial_state_without_events_lasts_the_whole_period() -> None:
    rows = hourly_seat_stats([], [A1, A2], 0, H, initial={A1: SeatState.OCCUPIED})
    assert [parts(r) for r in rows] == [(3600, 0, 0, 0), (0, 3600, 0, 0)]


def test_initial_unknown_is_refused() -> None:
    with pytest.raises(ValueError, match="camera events"):
        hourly_seat_stats([], [A1], 0, H, initial={A1: SeatState.UNKNOWN})


def test_splitting_a_period_gives_the_same_hours_as_the_whole() -> None:
    events = [enter(1000), leave(5000, 4000), enter(6000), leave(6500, 400), abandoned(8000)]
    whole = hourly_seat_stats(events, [A1], 0, 4 * H)
    halves = hourly_seat_stats(events, [A1], 0, 2 * H) + hourly_seat_stats(
        events, [A1], 2 * H, 4 * H
    )
    assert halves == whole


# -- time zones ----------------------------------------------------------------------------------


def test_hours_and_days_in_seoul() -> None:
    start = local("2026-11-22T00:00")  # 2026-11-21 15:00 UTC
    events = [
        enter(local("2026-11-22T09:30")),
        leave(local("2026-11-22T11:15"), stay_s=6300),
        abandoned(local("2026-11-22T08:30")),  # 2026-11-21 23:30 UTC: a Seoul Sunday
    ]
    rows = hourly_seat_stats(events, [A1], start, start + DAY, SEOUL)
    assert len(rows) == 24
    assert rows[0].hour_start_s == start
    by_hour = {datetime.fromtimestamp(r.hour_start_s, SEOUL).hour: r for r in rows}
    assert by_hour[9].occupied_s == 1800
    assert by_hour[10].occupied_s == 3600
    assert by_hour[11].occupied_s == 900
    assert by_hour[11].average_stay_s == 6300
    assert by_hour[9].entries == 1

    summary = site_summary(events, [A1], start, start + DAY, SEOUL)
    assert summary.peak_hour == 10
    assert summary.abandoned_per_day == {"2026-11-22": 1}
    utc = site_summary(events, [A1], start, start + DAY)
    assert utc.peak_hour == 1  # 10:00 KST is 01:00 UTC
    assert utc.abandoned_per_day == {"2026-11-21": 1, "2026-11-22": 0}


def test_hours_in_a_half_hour_time_zone_start_at_half_past_utc() -> None:
    kolkata = ZoneInfo("Asia/Kolkata")
    start = local("2026-11-22T00:00", kolkata)
    assert datetime.fromtimestamp(start, UTC).minute == 30
    events = [enter(start + 1800), leave(start + 5400, stay_s=3600)]
    rows = hourly_seat_stats(events, [A1], start, start + 2 * H, kolkata)
    assert [r.hour_start_s - start for r in rows] == [0, H]
    assert [r.occupied_s for r in rows] == [1800, 1800]


@pytest.mark.parametrize(
    ("day", "hours"), [("2026-11-01", 25), ("2026-03-08", 23)], ids=["fall_back", "spring_forward"]
)
def test_a_daylight_saving_day_has_its_real_number_of_hours(day: str, hours: int) -> None:
    new_york = ZoneInfo("America/New_York")
    start = local(f"{day}T00:00", new_york)
    end = local(f"{day}T00:00", new_york) + hours * H
    rows = hourly_seat_stats([], [A1], start, end, new_york)
    assert len(rows) == hours
    assert all(r.total_s == H for r in rows)
    assert sum(r.total_s for r in rows) == end - start
    summary = site_summary([], [A1], start, end, new_york)
    assert list(summary.abandoned_per_day) == [day]


# -- site summary --------------------------------------------------------------------------------


def test_site_summary_of_two_seats_over_two_days() -> None:
    events = [
        # Day 1: A1 from 09:00 to 11:00, A2 from 10:00 to 10:30, A1 hogged later.
        enter(9 * H), leave(11 * H, 2 * H),
        enter(10 * H, A2), leave(10.5 * H, 0.5 * H, A2),
        leave(12 * H, 3 * H, B1),  # another camera: not asked for
        abandoned(15 * H), removed(16 * H),
        # Day 2: camera c1 offline from 00:00 to 06:00; A2 from 10:00 to 12:00.
        offline(DAY), online(DAY + 6 * H),
        enter(DAY + 10 * H, A2), leave(DAY + 12 * H, 2 * H, A2),
        abandoned(DAY + 20 * H, A2), abandoned(DAY + 21 * H),
    ]  # fmt: skip
    summary = site_summary(events, [A1, A2], 0, 2 * DAY)

    observed = 2 * (2 * DAY - 6 * H)
    occupied = 2 * H + 0.5 * H + 2 * H
    assert summary == SiteSummary(
        start_s=0.0,
        end_s=2 * DAY,
        seats=2,
        occupied_s=occupied,
        observed_s=observed,
        abandoned_s=H + 4 * H + 3 * H,
        unknown_s=2 * 6 * H,
        entries=3,
        stays=3,
        occupancy_rate=occupied / observed,
        average_stay_s=(2 * H + 0.5 * H + 2 * H) / 3,
        turnover_per_seat_per_day=3 / 2 / 2,
        peak_hour=10,  # 10:00-11:00: 3 of 4 seat-hours occupied
        abandoned_per_day={"1970-01-01": 1, "1970-01-02": 2},
    )
    raw = summary.to_dict()
    assert json.loads(json.dumps(raw)) == raw
    assert raw["abandoned_per_day"] == {"1970-01-01": 1, "1970-01-02": 2}


def test_site_summary_of_nothing() -> None:
    summary = site_summary([], [], 0, DAY)
    assert (summary.seats, summary.occupancy_rate, summary.turnover_per_seat_per_day) == (
        0, None, None,
    )  # fmt: skip
    assert summary.peak_hour is None
    empty = site_summary([], [A1], 0, DAY)
    assert (empty.occupancy_rate, empty.average_stay_s, empty.peak_hour) == (0.0, None, 0)
    assert empty.abandoned_per_day == {"1970-01-01": 0}
    offline_all_day = site_summary([offline(0)], [A1], 0, DAY)
    assert (offline_all_day.occupancy_rate, offline_all_day.peak_hour) == (None, None)


def test_peak_hour_ties_go_to_the_earliest_hour() -> None:
    events = [enter(14 * H), leave(15 * H, H), enter(8 * H), leave(9 * H, H)]
    assert site_summary(events, [A1], 0, DAY).peak_hour == 8


def test_turnover_over_a_partial_day() -> None:
    events = [enter(100 * i) for i in range(6)]
    summary = site_summary(events, [A1, A2, B1], 0, 12 * H)
    assert summary.turnover_per_seat_per_day == 6 / 3 / 0.5


# -- a simulated day through the real engine -----------------------------------------------------

INTERVAL_S = 10.0
SEATS = [("c1", "A1"), ("c1", "A2"), ("c1", "A3"), ("c2", "B1"), ("c2", "B2")]


def simulate_day(seed: int, start: float) -> list[Event]:
    """Engines for five seats on two cameras through a noisy day with camera outages."""
    rng = random.Random(seed)
    samples = int(DAY / INTERVAL_S)

    def seat_day() -> list[Observation]:
        out: list[Observation] = []
        while len(out) < samples:
            for kind, low, high in (("empty", 60, 1800), ("seated", 300, 5400), ("bag", 0, 1500)):
                for _ in range(int(rng.uniform(low, high) / INTERVAL_S)):
                    noise = rng.random()
                    if kind == "empty":
                        out.append(Observation(person=noise < 0.02))
                    elif kind == "seated":
                        out.append(Observation(person=noise > 0.05))
                    else:
                        out.append(Observation(person=False, belongings=noise > 0.02))
        return out[:samples]

    observations = {key: seat_day() for key in SEATS}
    outages = {
        "c1": [(rng.randrange(samples), rng.randrange(10, 800)) for _ in range(3)],
        "c2": [(rng.randrange(samples), rng.randrange(10, 800)) for _ in range(2)],
    }
    offline_at = {camera: [False] * samples for camera in outages}
    for camera, windows in outages.items():
        for first, length in windows:
            offline_at[camera][first : first + length] = [True] * len(
                offline_at[camera][first : first + length]
            )
    engines = {key: SeatEngine(key[1], camera_id=key[0]) for key in SEATS}
    down = {camera: False for camera in outages}
    events: list[Event] = []
    for index in range(samples):
        t = start + index * INTERVAL_S
        for camera in outages:
            now_down = offline_at[camera][index]
            if now_down != down[camera]:
                kind = EventType.CAMERA_OFFLINE if now_down else EventType.CAMERA_ONLINE
                events.append(Event(kind, t, camera))
                down[camera] = now_down
        for key, engine in engines.items():
            if down[key[0]]:
                engine.mark_unknown()
            else:
                events += engine.update(observations[key][index], t)
    return events


def occupied_by_pairs(events: list[Event], key: tuple[str, str], end: float) -> float:
    """Occupied seconds of a seat outside its camera's outages, the simple way."""
    stays: list[tuple[float, float]] = []
    began: float | None = None
    for event in sorted(events, key=lambda e: e.time_s):
        if (event.camera_id, event.seat_id) != key:
            continue
        if event.type is EventType.PERSON_ENTER:
            began = event.time_s
        elif event.type is EventType.PERSON_LEAVE:
            assert began is not None
            stays.append((began, event.time_s))
            began = None
    if began is not None:
        stays.append((began, end))
    outages: list[tuple[float, float]] = []
    for event in events:
        if event.camera_id == key[0] and event.seat_id is None:
            if event.type is EventType.CAMERA_OFFLINE:
                outages.append((event.time_s, end))
            else:
                outages[-1] = (outages[-1][0], event.time_s)
    total = 0.0
    for a, b in stays:
        total += b - a
        for c, d in outages:
            total -= max(0.0, min(b, d) - max(a, c))
    return total


def test_a_simulated_day_adds_up() -> None:
    start = local("2026-11-22T00:00")
    end = start + DAY
    events = simulate_day(seed=11, start=start)
    kinds = {kind: sum(e.type is kind for e in events) for kind in EventType}
    assert kinds[EventType.PERSON_ENTER] >= 50
    assert kinds[EventType.ABANDONED_DETECTED] >= 3
    assert kinds[EventType.CAMERA_OFFLINE] >= 3

    rows = hourly_seat_stats(events, SEATS, start, end, SEOUL)
    assert len(rows) == 24 * len(SEATS)
    for row in rows:
        assert row.total_s == pytest.approx(H, abs=1e-6)
        assert min(parts(row)) >= 0
        if row.stays:
            assert row.average_stay_s is not None and row.average_stay_s > 0
    for key in SEATS:
        mine = [r for r in rows if (r.camera_id, r.seat_id) == key]
        assert math.fsum(r.occupied_s for r in mine) == pytest.approx(
            occupied_by_pairs(events, key, end), abs=1e-6
        )
        assert sum(r.entries for r in mine) == sum(
            e.type is EventType.PERSON_ENTER and (e.camera_id, e.seat_id) == key for e in events
        )
    # Seats of one camera share its unknown seconds hour by hour.
    for hour in range(24):
        unknown = {r.unknown_s for r in rows[hour::24] if r.camera_id == "c1"}
        assert len(unknown) == 1

    summary = site_summary(events, SEATS, start, end, SEOUL)
    stays = [e.data["stay_s"] for e in events if e.type is EventType.PERSON_LEAVE]
    assert summary.entries == kinds[EventType.PERSON_ENTER]
    assert summary.average_stay_s == pytest.approx(sum(stays) / len(stays))
    assert summary.occupied_s + summary.unknown_s <= len(SEATS) * DAY
    assert summary.observed_s + summary.unknown_s == pytest.approx(len(SEATS) * DAY)
    assert summary.occupancy_rate == pytest.approx(summary.occupied_s / summary.observed_s)
    assert summary.turnover_per_seat_per_day == summary.entries / len(SEATS)
    assert summary.abandoned_per_day == {"2026-11-22": kinds[EventType.ABANDONED_DETECTED]}
    assert summary.peak_hour is not None

    # Hours computed in two halves, from the same events, equal the whole day's.
    noon = start + 12 * H
    halves = hourly_seat_stats(events, SEATS, start, noon, SEOUL) + hourly_seat_stats(
        events, SEATS, noon, end, SEOUL
    )
    key_order = {key: n for n, key in enumerate(SEATS)}
    halves.sort(key=lambda r: (key_order[(r.camera_id, r.seat_id)], r.hour_start_s))
    assert halves == rows

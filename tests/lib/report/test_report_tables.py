"""`seatsense report`'s tables against hand-computed values: a known event log read in
Europe/Berlin (a stay across midnight, the 2026-03-29 DST change) and in Asia/Seoul (no DST;
the same instants fall on other local hours)."""

from __future__ import annotations

import csv
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from seatsense.cli import main
from seatsense.core.engine import Event, EventType, SeatState, SeatStatus
from seatsense.live.store import EventStore

BERLIN = ZoneInfo("Europe/Berlin")


def at(local: str) -> float:
    """Epoch seconds of a Berlin wall-clock time (with its offset written out)."""
    return datetime.fromisoformat(local).timestamp()


def known_events() -> list[Event]:
    """Berlin times; 2026-03-29 02:00 CET jumps to 03:00 CEST."""
    t = EventType
    return [
        # The log begins: camera c1 offline for its first half hour.
        Event(t.CAMERA_OFFLINE, at("2026-03-28T00:00+01:00"), "c1"),
        Event(t.CAMERA_ONLINE, at("2026-03-28T00:30+01:00"), "c1"),
        # A1: a stay across midnight.
        Event(t.PERSON_ENTER, at("2026-03-28T23:30+01:00"), "c1", "A1"),
        Event(t.PERSON_LEAVE, at("2026-03-29T00:30+01:00"), "c1", "A1", data={"stay_s": 3600.0}),
        # A2: a stay across the DST jump (01:30 CET to 03:30 CEST: one real hour).
        Event(t.PERSON_ENTER, at("2026-03-29T01:30+01:00"), "c1", "A2"),
        Event(t.PERSON_LEAVE, at("2026-03-29T03:30+02:00"), "c1", "A2", data={"stay_s": 3600.0}),
        # A2: hogged 40 minutes, ended by its owner sitting down again for 20 minutes.
        Event(t.ABANDONED_DETECTED, at("2026-03-29T10:00+02:00"), "c1", "A2"),
        Event(t.PERSON_ENTER, at("2026-03-29T10:40+02:00"), "c1", "A2"),
        Event(t.PERSON_LEAVE, at("2026-03-29T11:00+02:00"), "c1", "A2", data={"stay_s": 1200.0}),
        # A1: hogged from 23:00 until the log ends (still open).
        Event(t.ABANDONED_DETECTED, at("2026-03-29T23:00+02:00"), "c1", "A1"),
    ]


@pytest.fixture
def known_log(tmp_path: Path) -> Path:
    path = tmp_path / "events.sqlite"
    with EventStore(path) as store:
        store.write_events(known_events())
        # The last status snapshot: the log ends at Berlin's midnight after the 29th.
        store.write_statuses(
            {
                ("c1", "A1"): SeatStatus(SeatState.ABANDONED),
                ("c1", "A2"): SeatStatus(SeatState.EMPTY),
            },
            time_s=at("2026-03-30T00:00+02:00"),
        )
    return path


def report(log: Path, out: Path, *extra: str) -> dict[str, list[list[str]]]:
    code = main(["report", "--db", str(log), "-o", str(out), "--no-progress", *extra])
    assert code == 0
    tables = {}
    for name in ("seats", "hours", "incidents", "downtime"):
        with (out / f"{name}.csv").open(encoding="utf-8-sig", newline="") as handle:
            tables[name] = list(csv.reader(handle))
    return tables


def hours_table(cells: dict[int, tuple[int, str, str]], default_days: int) -> list[list[str]]:
    """The 24 rows of scope `all`: hours not in `cells` have `default_days` days at 0 %."""
    return [
        [
            "all",
            str(hour),
            *(
                (str(cells[hour][0]), cells[hour][1], cells[hour][2])
                if hour in cells
                else (str(default_days), "0.0", "0.0")
            ),
        ]
        for hour in range(24)
    ]


def test_berlin_tables_across_midnight_and_the_dst_change(known_log: Path, tmp_path: Path) -> None:
    tables = report(
        known_log,
        tmp_path / "out",
        "--tz",
        "Europe/Berlin",
        "--from",
        "2026-03-28",
        "--to",
        "2026-03-29",
    )
    # 47 local hours (the 29th has 23). A2: occupied 60 + 20 min, hogged 40 min, 30 min unseen;
    # occupancy = occupied / seen = 80 min / 46.5 h. A1: 60 min / 46.5 h, hogged 23:00-24:00.
    assert tables["seats"] == [
        [
            "rank",
            "camera_id",
            "seat_id",
            "name",
            "occupied_h",
            "vacant_h",
            "hogged_h",
            "unknown_h",
            "occupancy_pct",
            "entries",
        ],
        ["1", "c1", "A2", "", "1.333", "44.500", "0.667", "0.500", "2.9", "2"],
        ["2", "c1", "A1", "", "1.000", "44.500", "1.000", "0.500", "2.2", "1"],
    ]
    # Per hour of day over the 28th and 29th: hour 2 exists on the 28th only. Occupied halves
    # of hours: 28th 23h (A1), 29th 0h (A1), 1h and 3h (A2): 1800 of 7200 seat-seconds = 25 %;
    # 0h on the 28th saw only 3600 seat-seconds (camera offline), so 1800 / 10800 on average.
    # 29th 10h: A2 occupied 20 minutes = 1200 / 7200.
    assert tables["hours"] == [
        ["scope", "hour", "days", "average_pct", "peak_pct"],
        *hours_table(
            {
                0: (2, "16.7", "25.0"),
                1: (2, "12.5", "25.0"),
                2: (1, "0.0", "0.0"),
                3: (2, "12.5", "25.0"),
                10: (2, "8.3", "16.7"),
                23: (2, "12.5", "25.0"),
            },
            default_days=2,
        ),
    ]
    assert tables["incidents"] == [
        ["camera_id", "seat_id", "from", "to", "minutes", "open"],
        ["c1", "A2", "2026-03-29T10:00:00+02:00", "2026-03-29T10:40:00+02:00", "40.0", "no"],
        ["c1", "A1", "2026-03-29T23:00:00+02:00", "2026-03-30T00:00:00+02:00", "60.0", "yes"],
    ]
    assert tables["downtime"] == [
        ["camera_id", "from", "to", "minutes", "open"],
        ["c1", "2026-03-28T00:00:00+01:00", "2026-03-28T00:30:00+01:00", "30.0", "no"],
    ]


def test_seoul_tables_of_the_same_instants(known_log: Path, tmp_path: Path) -> None:
    tables = report(
        known_log,
        tmp_path / "out",
        "--tz",
        "Asia/Seoul",
        "--from",
        "2026-03-28",
        "--to",
        "2026-03-29",
    )
    # UTC+9 all year. The log spans 28th 08:00 to 30th 07:00 KST; the range ends at the 30th
    # 00:00, so 40 hours count and A1's hogging (30th 06:00 KST) lies outside.
    assert tables["seats"][1:] == [
        ["1", "c1", "A2", "", "1.333", "37.500", "0.667", "0.500", "3.4", "2"],
        ["2", "c1", "A1", "", "1.000", "38.500", "0.000", "0.500", "2.5", "1"],
    ]
    # Hours 0-7 were seen on the 29th only. A1 sat 07:30-08:30, A2 09:30-10:30 and 17:40-18:00;
    # 8h on the 28th saw only half an hour (camera offline until 08:30).
    assert tables["hours"][1:] == [
        *hours_table({7: (1, "25.0", "25.0")}, default_days=1)[:8],
        *hours_table(
            {
                8: (2, "16.7", "25.0"),
                9: (2, "12.5", "25.0"),
                10: (2, "12.5", "25.0"),
                17: (2, "8.3", "16.7"),
            },
            default_days=2,
        )[8:],
    ]
    assert tables["incidents"][1:] == [
        ["c1", "A2", "2026-03-29T17:00:00+09:00", "2026-03-29T17:40:00+09:00", "40.0", "no"],
    ]
    assert tables["downtime"][1:] == [
        ["c1", "2026-03-28T08:00:00+09:00", "2026-03-28T08:30:00+09:00", "30.0", "no"],
    ]


def test_two_weeks_add_rows_per_weekday(known_log: Path, tmp_path: Path) -> None:
    tables = report(
        known_log,
        tmp_path / "out",
        "--tz",
        "Europe/Berlin",
        "--from",
        "2026-03-16",
        "--to",
        "2026-03-29",
    )
    rows = {(row[0], row[1]): row[2:] for row in tables["hours"][1:]}
    assert len(rows) == 24 * 8
    # 2026-03-28 is a Saturday, the 29th a Sunday; the log holds nothing before them.
    assert rows[("Sat", "23")] == ["1", "25.0", "25.0"]
    assert rows[("Sun", "0")] == ["1", "25.0", "25.0"]
    assert rows[("Sat", "0")] == ["1", "0.0", "0.0"]
    assert rows[("Sun", "2")] == ["0", "", ""]
    assert rows[("Mon", "12")] == ["0", "", ""]
    assert rows[("all", "0")] == ["2", "16.7", "25.0"]


def test_stays_and_vacancy_gaps(known_log: Path) -> None:
    from seatsense.report import load_report, parse_day

    data = load_report(
        known_log, BERLIN, parse_day("2026-03-28", "--from"), parse_day("2026-03-29", "--to")
    )
    assert sorted(data.stays_min) == [20.0, 60.0, 60.0]
    # A2 left at 03:30 CEST (01:30 UTC) and was back at 10:40 CEST: 7 h 10 min.
    assert data.vacancy_gaps_min == [430.0]

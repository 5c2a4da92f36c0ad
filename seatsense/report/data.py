"""The numbers of a utilisation report, read from the SQLite event log for a range of local days.

Where a seat's seconds go comes from `core.stats.hourly_seat_stats` (occupied, vacant,
abandoned, unknown per local hour); this module adds up those rows per seat and per hour of
day, and pairs events into stays, vacancy gaps, hogging incidents and camera outages.
Local days and hours follow the time zone given: a day across a DST change has 23 or 25 hours,
and a stay across midnight counts in both days.
"""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from pathlib import Path

from ..core.engine import Event, EventType
from ..core.stats import HourlySeatStats, SeatKey, hourly_seat_stats
from ..live.store import EventStore

LOOKBACK_S = 2 * 86400.0
"""Events this long before the range set the state each seat and camera starts it in."""
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
PER_WEEKDAY_MIN_DAYS = 14
"""From this many days on, the hour-of-day occupancy is also given per weekday."""
_REQUIRED_TABLES = {"events", "seat_status", "hourly_stats"}


class ReportError(Exception):
    """The report cannot be made; the message says why and what to do."""


@dataclass(frozen=True)
class SeatUse:
    """One seat's totals over the range (hours) and its occupancy % of the observed time."""

    camera_id: str
    seat_id: str
    occupied_h: float
    vacant_h: float
    hogged_h: float
    unknown_h: float
    entries: int
    occupancy_pct: float | None


@dataclass(frozen=True)
class HourOfDay:
    """The site's occupancy in one local hour of day, over the days of `scope`.

    `average_pct`: occupied / observed seat-seconds of every such hour; `peak_pct`: the
    highest of the single days; `days`: the days with that hour observed.
    """

    scope: str
    """`all`, or a weekday (`Mon` ... `Sun`)."""
    hour: int
    days: int
    average_pct: float | None
    peak_pct: float | None


@dataclass(frozen=True)
class Interval:
    """Something of a seat or camera from `start_s` to `end_s`; `open` when it had not ended
    by the range's end (then `end_s` is the range's end)."""

    camera_id: str
    seat_id: str | None
    start_s: float
    end_s: float
    open: bool = False

    @property
    def minutes(self) -> float:
        """Its length in minutes."""
        return (self.end_s - self.start_s) / 60.0


@dataclass
class ReportData:
    """Everything a report shows, for local days `first_day` to `last_day` in `tz`; the
    numbers cover `[start_s, end_s)`: those days, less what lies outside the log's span."""

    first_day: date
    last_day: date
    tz: tzinfo
    start_s: float
    end_s: float
    seats: list[SeatUse]
    hours: list[HourOfDay]
    seat_hour_pct: dict[SeatKey, list[float | None]]
    """Per seat, its occupancy % in each local hour of day 0-23 (None: never observed)."""
    stays_min: list[float] = field(default_factory=list)
    vacancy_gaps_min: list[float] = field(default_factory=list)
    incidents: list[Interval] = field(default_factory=list)
    downtime: list[Interval] = field(default_factory=list)

    @property
    def days(self) -> int:
        """Local days in the range."""
        return (self.last_day - self.first_day).days + 1


Progress = Callable[[int, int, str], None]
"""`progress(done, total, what)`: called as the work advances."""


def parse_day(text: str, option: str) -> date:
    """A `YYYY-MM-DD` day; ReportError naming `option` when it does not parse."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ReportError(
            f"{option} {text!r} is not a date: write it as YYYY-MM-DD, e.g. 2026-03-29"
        ) from None


def local_midnight(day: date, tz: tzinfo) -> float:
    """Epoch seconds of `day`'s first instant in `tz`."""
    return datetime(day.year, day.month, day.day, tzinfo=tz).timestamp()


def check_database(path: Path) -> tuple[float | None, float | None]:
    """The span the log at `path` covers (None, None when it holds nothing); ReportError
    unless it is an SQLite file holding seatsense's tables. Read-only: a foreign file is never
    changed (opening it as an `EventStore` would add the tables).

    The log records no "running" marker, so its span runs from its first event or hourly row
    to its last event or status snapshot; outside it nothing was watched.
    """
    if not path.is_file():
        raise ReportError(
            f"{path}: no such file; give the event log that `seatsense run --db` or "
            "`seatsense demo --db` wrote"
        )
    try:
        with sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True) as db:
            names = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
            bounds = _span(db) if names >= _REQUIRED_TABLES else (None, None)
    except sqlite3.DatabaseError as err:
        raise ReportError(
            f"{path}: not an SQLite database ({err}); give a seatsense event log"
        ) from None
    missing = _REQUIRED_TABLES - names
    if missing:
        raise ReportError(
            f"{path}: not a seatsense event log (no {', '.join(sorted(missing))} table); "
            "give the file that `seatsense run --db` wrote"
        )
    return bounds


def _span(db: sqlite3.Connection) -> tuple[float | None, float | None]:
    first, last = db.execute(
        "SELECT MIN(t), MAX(u) FROM (SELECT MIN(time_s) AS t, MAX(time_s) AS u FROM events"
        " UNION ALL SELECT MIN(hour_start_s), NULL FROM hourly_stats"
        " UNION ALL SELECT NULL, MAX(updated_s) FROM seat_status)"
    ).fetchone()
    return first, last


def load_report(
    path: Path,
    tz: tzinfo,
    first_day: date | None = None,
    last_day: date | None = None,
    extra_seats: Sequence[SeatKey] = (),
    progress: Progress | None = None,
) -> ReportData:
    """Read the log at `path` and compute the report for local days `first_day`..`last_day`
    (inclusive; default: the log's first and last event days). `extra_seats` (from a site
    file) are reported even when the log never mentions them."""
    span = check_database(path)
    first_day, last_day = _day_range(path, span, tz, first_day, last_day)
    assert span[0] is not None and span[1] is not None
    start_s = max(local_midnight(first_day, tz), span[0])
    end_s = min(local_midnight(last_day + timedelta(days=1), tz), span[1])
    with EventStore(path) as store:
        events = store.events(start_s=start_s - LOOKBACK_S, end_s=end_s)
        seats = list(dict.fromkeys([*store.seats(), *extra_seats]))
    if end_s <= start_s or not any(
        e.seat_id is not None and start_s <= e.time_s < end_s for e in events
    ):
        raise ReportError(
            f"{path}: no seat events between {first_day} and {last_day} ({tz}); "
            "choose other days with --from/--to"
        )
    rows = _hourly_rows(events, seats, start_s, end_s, tz, progress)
    local_hours = _LocalHours(tz)
    by_seat = _by_seat(events)
    return ReportData(
        first_day=first_day,
        last_day=last_day,
        tz=tz,
        start_s=start_s,
        end_s=end_s,
        seats=_seat_uses(rows, seats),
        hours=_hours_of_day(rows, local_hours, (last_day - first_day).days + 1),
        seat_hour_pct=_seat_hour_pct(rows, seats, local_hours),
        stays_min=_stays_min(by_seat, start_s, end_s),
        vacancy_gaps_min=_vacancy_gaps_min(by_seat, start_s, end_s),
        incidents=hogging_incidents(by_seat, start_s, end_s),
        downtime=camera_downtime(events, start_s, end_s),
    )


def _day_range(
    path: Path,
    bounds: tuple[float | None, float | None],
    tz: tzinfo,
    first_day: date | None,
    last_day: date | None,
) -> tuple[date, date]:
    if bounds[0] is None or bounds[1] is None:
        raise ReportError(
            f"{path}: the log holds no events yet; run `seatsense run` or "
            "`seatsense demo --db` first"
        )
    if first_day is None or last_day is None:
        first_day = first_day or datetime.fromtimestamp(bounds[0], tz).date()
        last_day = last_day or datetime.fromtimestamp(bounds[1], tz).date()
    if last_day < first_day:
        raise ReportError(f"--to {last_day} is before --from {first_day}: swap them")
    return first_day, last_day


def _hourly_rows(
    events: list[Event],
    seats: list[SeatKey],
    start_s: float,
    end_s: float,
    tz: tzinfo,
    progress: Progress | None,
) -> list[HourlySeatStats]:
    """The hourly rows, camera by camera (each camera's events once), with progress."""
    cameras = list(dict.fromkeys(camera for camera, _ in seats))
    by_camera: dict[str, list[Event]] = {camera: [] for camera in cameras}
    for event in events:
        listed = by_camera.get(event.camera_id)
        if listed is not None:
            listed.append(event)
    rows: list[HourlySeatStats] = []
    for done, camera in enumerate(cameras, 1):
        camera_seats = [key for key in seats if key[0] == camera]
        rows.extend(hourly_seat_stats(by_camera[camera], camera_seats, start_s, end_s, tz))
        if progress is not None:
            progress(done, len(cameras), f"camera {camera}")
    return rows


class _LocalHours:
    """Local date and hour of an hour's start, computed once per distinct hour."""

    def __init__(self, tz: tzinfo) -> None:
        self.tz = tz
        self._cache: dict[float, tuple[date, int]] = {}

    def __call__(self, hour_start_s: float) -> tuple[date, int]:
        found = self._cache.get(hour_start_s)
        if found is None:
            local = datetime.fromtimestamp(hour_start_s, self.tz)
            found = self._cache[hour_start_s] = (local.date(), local.hour)
        return found


def _pct(part: float, whole: float) -> float | None:
    return 100.0 * part / whole if whole > 0 else None


def _seat_uses(rows: Iterable[HourlySeatStats], seats: list[SeatKey]) -> list[SeatUse]:
    """Per seat totals, ranked by occupancy (most used first, never-observed last)."""
    sums: dict[SeatKey, list[float]] = {key: [0.0] * 5 for key in seats}
    for row in rows:
        total = sums[(row.camera_id, row.seat_id)]
        total[0] += row.occupied_s
        total[1] += row.vacant_s
        total[2] += row.abandoned_s
        total[3] += row.unknown_s
        total[4] += row.entries
    uses = [
        SeatUse(
            camera_id=key[0],
            seat_id=key[1],
            occupied_h=occupied / 3600.0,
            vacant_h=vacant / 3600.0,
            hogged_h=hogged / 3600.0,
            unknown_h=unknown / 3600.0,
            entries=int(entries),
            occupancy_pct=_pct(occupied, occupied + vacant + hogged),
        )
        for key, (occupied, vacant, hogged, unknown, entries) in sums.items()
    ]
    uses.sort(
        key=lambda u: (
            -(u.occupancy_pct if u.occupancy_pct is not None else -1.0),
            u.camera_id,
            u.seat_id,
        )
    )
    return uses


def _hours_of_day(
    rows: Iterable[HourlySeatStats], local_hours: _LocalHours, days: int
) -> list[HourOfDay]:
    """Average and peak per hour of day; also per weekday from `PER_WEEKDAY_MIN_DAYS` days."""
    per_day: dict[tuple[date, int], list[float]] = {}
    for row in rows:
        sums = per_day.setdefault(local_hours(row.hour_start_s), [0.0, 0.0])
        sums[0] += row.occupied_s
        sums[1] += row.observed_s
    per_weekday = days >= PER_WEEKDAY_MIN_DAYS
    # (scope, hour) -> [occupied, observed, days, best day %], one pass over the groups
    cells: dict[tuple[str, int], list[float]] = {}
    for (day, hour), (occupied, observed) in per_day.items():
        if observed <= 0:
            continue
        scopes = ("all", WEEKDAYS[day.weekday()]) if per_weekday else ("all",)
        for scope in scopes:
            cell = cells.setdefault((scope, hour), [0.0, 0.0, 0, 0.0])
            cell[0] += occupied
            cell[1] += observed
            cell[2] += 1
            cell[3] = max(cell[3], 100.0 * occupied / observed)
    result: list[HourOfDay] = []
    for scope in ["all", *(WEEKDAYS if per_weekday else ())]:
        for hour in range(24):
            found = cells.get((scope, hour))
            result.append(
                HourOfDay(scope, hour, 0, None, None)
                if found is None
                else HourOfDay(scope, hour, int(found[2]), _pct(found[0], found[1]), found[3])
            )
    return result


def _seat_hour_pct(
    rows: Iterable[HourlySeatStats], seats: list[SeatKey], local_hours: _LocalHours
) -> dict[SeatKey, list[float | None]]:
    sums = {key: [[0.0, 0.0] for _ in range(24)] for key in seats}
    for row in rows:
        cell = sums[(row.camera_id, row.seat_id)][local_hours(row.hour_start_s)[1]]
        cell[0] += row.occupied_s
        cell[1] += row.observed_s
    return {key: [_pct(o, t) for o, t in cells] for key, cells in sums.items()}


def _by_seat(events: Iterable[Event]) -> dict[SeatKey, list[Event]]:
    grouped: dict[SeatKey, list[Event]] = {}
    for event in events:
        if event.seat_id is not None:
            grouped.setdefault((event.camera_id, event.seat_id), []).append(event)
    for listed in grouped.values():
        listed.sort(key=lambda e: e.time_s)
    return grouped


def _stays_min(by_seat: Mapping[SeatKey, list[Event]], start_s: float, end_s: float) -> list[float]:
    """Lengths of the stays that ended in the range: the leave's `stay_s`, else leave - enter."""
    stays: list[float] = []
    for listed in by_seat.values():
        entered: float | None = None
        for event in listed:
            if event.type is EventType.PERSON_ENTER:
                entered = event.time_s
            elif event.type is EventType.PERSON_LEAVE:
                stay = event.data.get("stay_s")
                length = (
                    float(stay)
                    if stay is not None
                    else (event.time_s - entered if entered is not None else None)
                )
                if length is not None and start_s <= event.time_s < end_s:
                    stays.append(length / 60.0)
                entered = None
    return stays


def _vacancy_gaps_min(
    by_seat: Mapping[SeatKey, list[Event]], start_s: float, end_s: float
) -> list[float]:
    """From a person leaving to the next person sitting down at that seat, for the gaps that
    ended in the range."""
    gaps: list[float] = []
    for listed in by_seat.values():
        left: float | None = None
        for event in listed:
            if event.type is EventType.PERSON_LEAVE:
                left = event.time_s
            elif event.type is EventType.PERSON_ENTER:
                if left is not None and start_s <= event.time_s < end_s:
                    gaps.append((event.time_s - left) / 60.0)
                left = None
    return gaps


def hogging_incidents(
    by_seat: Mapping[SeatKey, list[Event]], start_s: float, end_s: float
) -> list[Interval]:
    """`abandoned_detected` to `belongings_removed` or the next `person_enter` (each seat's
    events in time order), clipped to the range; in time order."""
    incidents: list[Interval] = []
    for (camera, seat), listed in by_seat.items():
        began: float | None = None
        for event in listed:
            if event.type is EventType.ABANDONED_DETECTED and began is None:
                began = event.time_s
            elif began is not None and event.type in (
                EventType.BELONGINGS_REMOVED,
                EventType.PERSON_ENTER,
            ):
                _add_clipped(incidents, camera, seat, began, event.time_s, start_s, end_s)
                began = None
        if began is not None:
            _add_clipped(incidents, camera, seat, began, math.inf, start_s, end_s)
    incidents.sort(key=lambda i: (i.start_s, i.camera_id, i.seat_id or ""))
    return incidents


def camera_downtime(events: Iterable[Event], start_s: float, end_s: float) -> list[Interval]:
    """`camera_offline` to `camera_online`, clipped to the range; in time order."""
    outages: list[Interval] = []
    offline: dict[str, float] = {}
    for event in sorted((e for e in events if e.seat_id is None), key=lambda e: e.time_s):
        if event.type is EventType.CAMERA_OFFLINE:
            offline.setdefault(event.camera_id, event.time_s)
        elif event.type is EventType.CAMERA_ONLINE and event.camera_id in offline:
            began = offline.pop(event.camera_id)
            _add_clipped(outages, event.camera_id, None, began, event.time_s, start_s, end_s)
    for camera, began in offline.items():
        _add_clipped(outages, camera, None, began, math.inf, start_s, end_s)
    outages.sort(key=lambda i: (i.start_s, i.camera_id))
    return outages


def _add_clipped(
    found: list[Interval],
    camera: str,
    seat: str | None,
    began: float,
    ended: float,
    start_s: float,
    end_s: float,
) -> None:
    if ended <= start_s or began >= end_s:
        return
    found.append(Interval(camera, seat, max(began, start_s), min(ended, end_s), open=ended > end_s))


def local_zone() -> tzinfo:
    """The machine's time zone with its DST rules: `$TZ`, else /etc/localtime, else the
    current fixed UTC offset."""
    import os
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    name = os.environ.get("TZ", "").lstrip(":")
    if name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    try:
        with open("/etc/localtime", "rb") as handle:
            return ZoneInfo.from_file(handle, key="localtime")
    except (OSError, ValueError):
        fixed = datetime.now().astimezone().tzinfo
        assert fixed is not None
        return fixed


def parse_zone(name: str) -> tzinfo:
    """An IANA zone such as `Asia/Seoul`; ReportError naming the fix when unknown."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ReportError(
            f"--tz {name!r} is not a known time zone: give an IANA name such as Asia/Seoul"
        ) from None

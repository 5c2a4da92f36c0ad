"""The numbers of a utilisation report, read from the SQLite event log for a range of local days.

Where a seat's seconds go comes from `core.stats.hourly_seat_arrays` (occupied, vacant,
abandoned, unknown per local hour); this module adds up those arrays per seat and per hour of
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
from typing import Any, cast

import numpy as np
import numpy.typing as npt

from ..core.engine import Event, EventType
from ..core.stats import LABEL_INDEX, HourlySeatArrays, SeatKey, hourly_seat_arrays
from ..live.store import EventStore

LOOKBACK_S = 2 * 86400.0
"""Events this long before the range set the state each seat and camera starts it in."""
EVENT_DATA_KEYS = ("stay_s", "occupied_since_s", "was")
"""The only parts of an event's evidence the numbers use (`core.stats`, the stays below)."""
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
PER_WEEKDAY_MIN_DAYS = 14
"""From this many days on, the hour-of-day occupancy is also given per weekday."""
_REQUIRED_TABLES = {"events", "seat_status", "hourly_stats"}


class ReportError(Exception):
    """The report cannot be made; the message says why and what to do."""


class NoDataError(ReportError):
    """The chosen days hold no seat events (the caller says how to choose others)."""


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
        events = store.events(start_s=start_s - LOOKBACK_S, end_s=end_s, data_keys=EVENT_DATA_KEYS)
        seats = list(dict.fromkeys([*store.seats(), *extra_seats]))
    if end_s <= start_s or not any(
        e.seat_id is not None and start_s <= e.time_s < end_s for e in events
    ):
        raise NoDataError(f"{path}: no seat events between {first_day} and {last_day} ({tz})")
    arrays = _hourly_arrays(events, seats, start_s, end_s, tz, progress)
    local_hours = _LocalHours.of(arrays.hour_starts, tz)
    by_seat = _by_seat(events)
    return ReportData(
        first_day=first_day,
        last_day=last_day,
        tz=tz,
        start_s=start_s,
        end_s=end_s,
        seats=_seat_uses(arrays),
        hours=_hours_of_day(arrays, local_hours, (last_day - first_day).days + 1),
        seat_hour_pct=_seat_hour_pct(arrays, local_hours),
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


def _hourly_arrays(
    events: list[Event],
    seats: list[SeatKey],
    start_s: float,
    end_s: float,
    tz: tzinfo,
    progress: Progress | None,
) -> HourlySeatArrays:
    """The hourly seconds of every seat, camera by camera (each camera's events once, so the
    progress bar moves), joined in the order of `seats`."""
    cameras = list(dict.fromkeys(camera for camera, _ in seats))
    by_camera: dict[str, list[Event]] = {camera: [] for camera in cameras}
    for event in events:
        listed = by_camera.get(event.camera_id)
        if listed is not None:
            listed.append(event)
    parts: list[HourlySeatArrays] = []
    for done, camera in enumerate(cameras, 1):
        camera_seats = [key for key in seats if key[0] == camera]
        parts.append(hourly_seat_arrays(by_camera[camera], camera_seats, start_s, end_s, tz))
        if progress is not None:
            progress(done, len(cameras), f"camera {camera}")
    joined = HourlySeatArrays(
        seats=[key for part in parts for key in part.seats],
        hour_starts=parts[0].hour_starts,
        seconds=np.concatenate([part.seconds for part in parts]),
        entries=np.concatenate([part.entries for part in parts]),
        stays=np.concatenate([part.stays for part in parts]),
        stay_s=np.concatenate([part.stay_s for part in parts]),
    )
    order = {key: index for index, key in enumerate(joined.seats)}
    return _pick_seats(joined, [order[key] for key in seats])


def _pick_seats(arrays: HourlySeatArrays, indices: list[int]) -> HourlySeatArrays:
    return HourlySeatArrays(
        seats=[arrays.seats[i] for i in indices],
        hour_starts=arrays.hour_starts,
        seconds=arrays.seconds[indices],
        entries=arrays.entries[indices],
        stays=arrays.stays[indices],
        stay_s=arrays.stay_s[indices],
    )


@dataclass(frozen=True)
class _LocalHours:
    """For each column of `HourlySeatArrays`: which local (date, hour) it is; computed once per
    hour of the range. A day across a DST change has 23 or 25 columns; the repeated hour's two
    columns share one (date, hour)."""

    keys: list[tuple[date, int]]
    group: npt.NDArray[np.intp]
    """Column -> index into `groups`."""
    groups: list[tuple[date, int]]

    @classmethod
    def of(cls, hour_starts: npt.NDArray[np.float64], tz: tzinfo) -> _LocalHours:
        keys = []
        starts: list[float] = _listed(hour_starts)
        for t in starts:
            local = datetime.fromtimestamp(t, tz)
            keys.append((local.date(), local.hour))
        groups = list(dict.fromkeys(keys))
        number = {key: index for index, key in enumerate(groups)}
        return cls(keys, np.array([number[key] for key in keys], dtype=np.intp), groups)

    @property
    def hour_of_day(self) -> npt.NDArray[np.intp]:
        return np.array([hour for _, hour in self.keys], dtype=np.intp)


def _listed(array: npt.NDArray[Any]) -> list[Any]:
    """`array.tolist()`: Python numbers at C speed (typed for mypy, which cannot see the depth)."""
    return cast(list[Any], array.tolist())


def _pct(part: float, whole: float) -> float | None:
    return 100.0 * part / whole if whole > 0 else None


_OCCUPIED = LABEL_INDEX["occupied"]
_VACANT = LABEL_INDEX["vacant"]
_ABANDONED = LABEL_INDEX["abandoned"]
_UNKNOWN = LABEL_INDEX["unknown"]


def _observed(seconds: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """Everything but unknown, over the last axis."""
    observed: npt.NDArray[np.float64] = seconds[..., [_OCCUPIED, _VACANT, _ABANDONED]].sum(-1)
    return observed


def _seat_uses(arrays: HourlySeatArrays) -> list[SeatUse]:
    """Per seat totals, ranked by occupancy (most used first, never-observed last)."""
    totals: list[list[float]] = _listed(arrays.seconds.sum(axis=1))
    entries: list[int] = _listed(arrays.entries.sum(axis=1))
    uses = [
        SeatUse(
            camera_id=key[0],
            seat_id=key[1],
            occupied_h=total[_OCCUPIED] / 3600.0,
            vacant_h=total[_VACANT] / 3600.0,
            hogged_h=total[_ABANDONED] / 3600.0,
            unknown_h=total[_UNKNOWN] / 3600.0,
            entries=int(entered),
            occupancy_pct=_pct(
                total[_OCCUPIED], total[_OCCUPIED] + total[_VACANT] + total[_ABANDONED]
            ),
        )
        for key, total, entered in zip(arrays.seats, totals, entries, strict=True)
    ]
    uses.sort(
        key=lambda u: (
            -(u.occupancy_pct if u.occupancy_pct is not None else -1.0),
            u.camera_id,
            u.seat_id,
        )
    )
    return uses


def _hours_of_day(arrays: HourlySeatArrays, local_hours: _LocalHours, days: int) -> list[HourOfDay]:
    """Average and peak per hour of day; also per weekday from `PER_WEEKDAY_MIN_DAYS` days."""
    groups = len(local_hours.groups)
    occupied_by_group: list[float] = _listed(
        np.bincount(
            local_hours.group, weights=arrays.seconds[..., _OCCUPIED].sum(axis=0), minlength=groups
        )
    )
    observed_by_group: list[float] = _listed(
        np.bincount(
            local_hours.group, weights=_observed(arrays.seconds).sum(axis=0), minlength=groups
        )
    )
    per_weekday = days >= PER_WEEKDAY_MIN_DAYS
    # (scope, hour) -> [occupied, observed, days, best day %], one pass over the local hours
    cells: dict[tuple[str, int], list[float]] = {}
    for (day, hour), occupied, observed in zip(
        local_hours.groups, occupied_by_group, observed_by_group, strict=True
    ):
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
    arrays: HourlySeatArrays, local_hours: _LocalHours
) -> dict[SeatKey, list[float | None]]:
    """Each seat's occupancy % per local hour of day: its columns of that hour added up."""
    to_hour = np.zeros((len(arrays.hour_starts), 24))
    to_hour[np.arange(len(arrays.hour_starts)), local_hours.hour_of_day] = 1.0
    occupied: list[list[float]] = _listed(arrays.seconds[..., _OCCUPIED] @ to_hour)
    observed: list[list[float]] = _listed(_observed(arrays.seconds) @ to_hour)
    return {
        key: [_pct(o, t) for o, t in zip(occupied_row, observed_row, strict=True)]
        for key, occupied_row, observed_row in zip(arrays.seats, occupied, observed, strict=True)
    }


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

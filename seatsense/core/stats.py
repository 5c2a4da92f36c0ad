"""Statistics from seat events: per seat per hour, and per site over a period.

Pure: the events, the seat keys `(camera_id, seat_id)` and the period `[start_s, end_s)` go in
explicitly; nothing reads a clock. Where each second of a seat goes:

- occupied: from `person_enter` (the arrival) to `person_leave` (the back-dated departure);
- abandoned: from `abandoned_detected` to `belongings_removed` or the next `person_enter`;
- unknown: from `camera_offline` to `camera_online` of the seat's camera (seat-less events);
  this wins over the other three, since nothing was seen then;
- vacant: the rest, including a seat `away` whose belongings are not yet hogging it.

Events from before `start_s` may be passed: they set the state the period starts in and are
clipped away. When they are missing, the state before a seat's first event is inferred (a
`person_leave` first means the seat was occupied since its `occupied_since_s`; a first
`belongings_removed` of an abandoned seat means it was abandoned; a first `camera_online` means
the camera was offline) or given through `initial`.

>>> from seatsense.core.engine import Event, EventType
>>> events = [
...     Event(EventType.PERSON_ENTER, 600.0, "c1", "A1"),
...     Event(EventType.PERSON_LEAVE, 4200.0, "c1", "A1", data={"stay_s": 3600.0}),
... ]
>>> rows = hourly_seat_stats(events, [("c1", "A1")], 0, 7200)
>>> [(r.hour_start_s, r.occupied_s, r.vacant_s, r.entries, r.average_stay_s) for r in rows]
[(0.0, 3000.0, 600.0, 1, None), (3600.0, 600.0, 3000.0, 0, 3600.0)]
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, tzinfo
from typing import Any, cast

import numpy as np
import numpy.typing as npt

from .engine import Event, EventType, SeatState

SeatKey = tuple[str, str]
"""A seat as `(camera_id, seat_id)`."""

_OCCUPIED = "occupied"
_VACANT = "vacant"
_ABANDONED = "abandoned"
_UNKNOWN = "unknown"
_LABELS = (_OCCUPIED, _VACANT, _ABANDONED, _UNKNOWN)
LABEL_INDEX = {label: index for index, label in enumerate(_LABELS)}
"""Where each part of a seat's time sits on the last axis of `HourlySeatArrays.seconds`."""

_INITIAL_LABELS = {
    SeatState.EMPTY: _VACANT,
    SeatState.AWAY: _VACANT,
    SeatState.OCCUPIED: _OCCUPIED,
    SeatState.ABANDONED: _ABANDONED,
}


@dataclass(frozen=True)
class HourlySeatStats:
    """One seat in one local hour, counting only the part of the hour inside the period.

    `entries` counts arrivals in this hour; `average_stay_s` averages the `stays` that ended
    in it (None when none did).

    >>> row = HourlySeatStats("c1", "A1", 0.0, occupied_s=900.0, vacant_s=2700.0, entries=1)
    >>> row.total_s, row.occupancy_rate
    (3600.0, 0.25)
    """

    camera_id: str
    seat_id: str
    hour_start_s: float
    """Start of the local hour (epoch seconds); may lie before the period's start."""
    occupied_s: float = 0.0
    vacant_s: float = 0.0
    abandoned_s: float = 0.0
    unknown_s: float = 0.0
    entries: int = 0
    average_stay_s: float | None = None
    stays: int = 0

    @property
    def total_s(self) -> float:
        """Seconds of this hour inside the period: the four parts together."""
        return self.occupied_s + self.vacant_s + self.abandoned_s + self.unknown_s

    @property
    def observed_s(self) -> float:
        """Seconds the seat was seen (everything but unknown)."""
        return self.occupied_s + self.vacant_s + self.abandoned_s

    @property
    def occupancy_rate(self) -> float | None:
        """Occupied share of the observed seconds; None when nothing was observed."""
        observed = self.observed_s
        return self.occupied_s / observed if observed > 0 else None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return asdict(self)


@dataclass(frozen=True)
class SiteSummary:
    """The operating metrics of a set of seats over a period.

    - `occupancy_rate`: occupied seat-seconds / observed (not unknown) seat-seconds;
    - `average_stay_s`: mean length of the stays that ended in the period;
    - `turnover_per_seat_per_day`: entries / seats / days, days = (end_s - start_s) / 86400;
    - `peak_hour`: local hour of day (0-23) with the highest occupancy rate, earliest on ties;
    - `abandoned_per_day`: `abandoned_detected` events per local date (ISO), every date of the
      period listed.

    >>> from seatsense.core.engine import Event, EventType
    >>> events = [Event(EventType.PERSON_ENTER, 3600.0, "c1", "A1"),
    ...           Event(EventType.PERSON_LEAVE, 5400.0, "c1", "A1", data={"stay_s": 1800.0})]
    >>> summary = site_summary(events, [("c1", "A1"), ("c1", "A2")], 0, 86400)
    >>> summary.occupancy_rate, summary.peak_hour, summary.turnover_per_seat_per_day
    (0.010416666666666666, 1, 0.5)
    """

    start_s: float
    end_s: float
    seats: int
    occupied_s: float
    observed_s: float
    abandoned_s: float
    unknown_s: float
    entries: int
    stays: int
    occupancy_rate: float | None
    average_stay_s: float | None
    turnover_per_seat_per_day: float | None
    peak_hour: int | None
    abandoned_per_day: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        raw = asdict(self)
        raw["abandoned_per_day"] = dict(self.abandoned_per_day)
        return raw


def hourly_seat_stats(
    events: Iterable[Event],
    seats: Iterable[SeatKey],
    start_s: float,
    end_s: float,
    tz: tzinfo = UTC,
    *,
    initial: Mapping[SeatKey, SeatState] | None = None,
) -> list[HourlySeatStats]:
    """Per seat (in the order given) and per local hour of `[start_s, end_s)`, one row each.

    `initial` gives the state of a seat before its first event in `events` (empty, away,
    occupied or abandoned), for callers that pass no events from before the period.

    >>> from seatsense.core.engine import Event, EventType
    >>> events = [Event(EventType.CAMERA_OFFLINE, 1800.0, "c1"),
    ...           Event(EventType.CAMERA_ONLINE, 2700.0, "c1")]
    >>> [(r.vacant_s, r.unknown_s) for r in hourly_seat_stats(events, [("c1", "A1")], 0, 3600)]
    [(2700.0, 900.0)]
    """
    rows, _, _ = _compute(events, seats, start_s, end_s, tz, initial)
    return rows


def site_summary(
    events: Iterable[Event],
    seats: Iterable[SeatKey],
    start_s: float,
    end_s: float,
    tz: tzinfo = UTC,
    *,
    initial: Mapping[SeatKey, SeatState] | None = None,
) -> SiteSummary:
    """The site's operating metrics over `[start_s, end_s)`; see `SiteSummary`.

    >>> from seatsense.core.engine import Event, EventType
    >>> events = [Event(EventType.ABANDONED_DETECTED, 7200.0, "c1", "A1")]
    >>> site_summary(events, [("c1", "A1")], 0, 2 * 86400).abandoned_per_day
    {'1970-01-01': 1, '1970-01-02': 0}
    """
    events = list(events)
    seat_keys = _unique(seats)
    rows, stays, stays_total_s = _compute(events, seat_keys, start_s, end_s, tz, initial)
    occupied = math.fsum(r.occupied_s for r in rows)
    observed = math.fsum(r.observed_s for r in rows)
    entries = sum(r.entries for r in rows)

    by_hour_occupied: dict[int, float] = {}
    by_hour_observed: dict[int, float] = {}
    days: dict[str, int] = {}
    for row in rows:
        local = datetime.fromtimestamp(max(row.hour_start_s, start_s), tz)
        days.setdefault(local.date().isoformat(), 0)
        hour = datetime.fromtimestamp(row.hour_start_s, tz).hour
        by_hour_occupied[hour] = by_hour_occupied.get(hour, 0.0) + row.occupied_s
        by_hour_observed[hour] = by_hour_observed.get(hour, 0.0) + row.observed_s
    peak_hour: int | None = None
    best = -1.0
    for hour in sorted(by_hour_observed):
        if by_hour_observed[hour] <= 0:
            continue
        rate = by_hour_occupied[hour] / by_hour_observed[hour]
        if rate > best:
            peak_hour, best = hour, rate

    wanted = set(seat_keys)
    for event in events:
        if (
            event.type is EventType.ABANDONED_DETECTED
            and start_s <= event.time_s < end_s
            and (event.camera_id, event.seat_id) in wanted
        ):
            day = datetime.fromtimestamp(event.time_s, tz).date().isoformat()
            days[day] = days.get(day, 0) + 1

    period_days = (end_s - start_s) / 86400.0
    return SiteSummary(
        start_s=float(start_s),
        end_s=float(end_s),
        seats=len(seat_keys),
        occupied_s=occupied,
        observed_s=observed,
        abandoned_s=math.fsum(r.abandoned_s for r in rows),
        unknown_s=math.fsum(r.unknown_s for r in rows),
        entries=entries,
        stays=stays,
        occupancy_rate=occupied / observed if observed > 0 else None,
        average_stay_s=stays_total_s / stays if stays else None,
        turnover_per_seat_per_day=(
            entries / len(seat_keys) / period_days if seat_keys and period_days > 0 else None
        ),
        peak_hour=peak_hour,
        abandoned_per_day=dict(sorted(days.items())),
    )


# -- internals ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class HourlySeatArrays:
    """`hourly_seat_stats` as arrays, for callers that add up many seats over many hours (a
    report over months): no object per seat and hour. Axis 0 follows `seats`, axis 1
    `hour_starts`; `seconds[..., LABEL_INDEX["occupied"]]` etc.

    >>> from seatsense.core.engine import Event, EventType
    >>> events = [Event(EventType.PERSON_ENTER, 600.0, "c1", "A1")]
    >>> arrays = hourly_seat_arrays(events, [("c1", "A1")], 0, 7200)
    >>> arrays.seconds[0, :, LABEL_INDEX["occupied"]].tolist(), arrays.entries.tolist()
    ([3000.0, 3600.0], [[1, 0]])
    """

    seats: list[SeatKey]
    hour_starts: npt.NDArray[np.float64]
    """Starts of the local hours (epoch seconds); the first may lie before the period."""
    seconds: npt.NDArray[np.float64]
    """(seats, hours, 4): occupied, vacant, abandoned and unknown seconds (`LABELS` order)."""
    entries: npt.NDArray[np.int64]
    """(seats, hours): arrivals."""
    stays: npt.NDArray[np.int64]
    """(seats, hours): stays that ended."""
    stay_s: npt.NDArray[np.float64]
    """(seats, hours): their lengths added up."""

    def rows(self) -> list[HourlySeatStats]:
        """The same numbers as `HourlySeatStats` rows, by seat then hour."""
        rows: list[HourlySeatStats] = []
        hours: list[float] = _listed(self.hour_starts)
        for index, (camera_id, seat_id) in enumerate(self.seats):
            seconds: list[list[float]] = _listed(self.seconds[index])
            entries: list[int] = _listed(self.entries[index])
            stays: list[int] = _listed(self.stays[index])
            stay_s: list[float] = _listed(self.stay_s[index])
            for hour, hour_start in enumerate(hours):
                occupied, vacant, abandoned, unknown = seconds[hour]
                ended = stays[hour]
                rows.append(
                    HourlySeatStats(
                        camera_id,
                        seat_id,
                        hour_start,
                        occupied,
                        vacant,
                        abandoned,
                        unknown,
                        entries[hour],
                        stay_s[hour] / ended if ended else None,
                        ended,
                    )
                )
        return rows


def hourly_seat_arrays(
    events: Iterable[Event],
    seats: Iterable[SeatKey],
    start_s: float,
    end_s: float,
    tz: tzinfo = UTC,
    *,
    initial: Mapping[SeatKey, SeatState] | None = None,
) -> HourlySeatArrays:
    """What `hourly_seat_stats` computes, as arrays (see `HourlySeatArrays`)."""
    start_s, end_s = float(start_s), float(end_s)
    if end_s < start_s:
        raise ValueError(f"end_s ({end_s}) is before start_s ({start_s})")
    seat_keys = _unique(seats)
    initial = initial or {}
    for key, state in initial.items():
        if SeatState(state) not in _INITIAL_LABELS:
            raise ValueError(
                f"initial state of {key} must be empty, away, occupied or abandoned, not "
                f"{state}; camera outages come from camera events"
            )
    hours = (
        np.array(_hour_starts(start_s, end_s, tz), dtype=np.float64)
        if end_s > start_s and seat_keys
        else np.zeros(0)
    )
    shape = (len(seat_keys), len(hours))
    arrays = HourlySeatArrays(
        seats=seat_keys,
        hour_starts=hours,
        seconds=np.zeros((*shape, len(_LABELS))),
        entries=np.zeros(shape, dtype=np.int64),
        stays=np.zeros(shape, dtype=np.int64),
        stay_s=np.zeros(shape),
    )
    if not len(hours):
        return arrays
    seat_events, camera_events = _group_events(events, seat_keys)
    unknown = {camera: _unknown_intervals(listed) for camera, listed in camera_events.items()}
    for index, key in enumerate(seat_keys):
        given = initial.get(key)
        changes = _seat_changes(
            seat_events[key], _INITIAL_LABELS[SeatState(given)] if given is not None else None
        )
        arrays.seconds[index] = _split_seconds(changes, unknown[key[0]], hours, start_s, end_s)
        _count_entries_and_stays(seat_events[key], hours, start_s, end_s, arrays, index)
    return arrays


def _compute(
    events: Iterable[Event],
    seats: Iterable[SeatKey],
    start_s: float,
    end_s: float,
    tz: tzinfo,
    initial: Mapping[SeatKey, SeatState] | None,
) -> tuple[list[HourlySeatStats], int, float]:
    """The hourly rows, and how many stays ended in the period and their total length."""
    arrays = hourly_seat_arrays(events, seats, start_s, end_s, tz, initial=initial)
    return arrays.rows(), int(arrays.stays.sum()), float(arrays.stay_s.sum())


def _group_events(
    events: Iterable[Event], seat_keys: list[SeatKey]
) -> tuple[dict[SeatKey, list[Event]], dict[str, list[Event]]]:
    """Each wanted seat's events and its cameras' outage events, in time order."""
    wanted = set(seat_keys)
    seat_events: dict[SeatKey, list[Event]] = {key: [] for key in seat_keys}
    camera_events: dict[str, list[Event]] = {camera: [] for camera, _ in seat_keys}
    for event in events:
        if event.seat_id is None:
            if event.camera_id in camera_events and event.type in (
                EventType.CAMERA_OFFLINE,
                EventType.CAMERA_ONLINE,
            ):
                camera_events[event.camera_id].append(event)
        elif (event.camera_id, event.seat_id) in wanted:
            seat_events[(event.camera_id, event.seat_id)].append(event)
    # Stable sorts: a back-dated event is reported late but belongs where its time puts it;
    # events of one time keep the order they were emitted in.
    for listed in (*seat_events.values(), *camera_events.values()):
        listed.sort(key=lambda e: e.time_s)
    return seat_events, camera_events


def _count_entries_and_stays(
    events: list[Event],
    hours: npt.NDArray[np.float64],
    start_s: float,
    end_s: float,
    arrays: HourlySeatArrays,
    index: int,
) -> None:
    """Add up, per hour, how many people sat down at seat `index` and the stays that ended."""
    entered: list[float] = []
    ended: list[float] = []
    lengths: list[float] = []
    last_enter: float | None = None
    for event in events:
        inside = start_s <= event.time_s < end_s
        if event.type is EventType.PERSON_ENTER:
            last_enter = event.time_s
            if inside:
                entered.append(event.time_s)
        elif event.type is EventType.PERSON_LEAVE:
            stay = _stay_of(event, last_enter)
            last_enter = None
            if inside and stay is not None:
                ended.append(event.time_s)
                lengths.append(stay)
    count = len(hours)
    if entered:
        at = np.searchsorted(hours, entered, side="right") - 1
        arrays.entries[index] += np.bincount(at, minlength=count)
    if ended:
        at = np.searchsorted(hours, ended, side="right") - 1
        arrays.stays[index] += np.bincount(at, minlength=count)
        arrays.stay_s[index] += np.bincount(at, weights=lengths, minlength=count)


def _seat_changes(events: list[Event], initial: str | None) -> list[tuple[float, str]]:
    """The seat's state as a step function: sorted `(from_s, label)`, the first from -inf."""
    changes: list[tuple[float, str]] = [(-math.inf, initial or _VACANT)]

    def become(t: float, label: str) -> None:
        if label == changes[-1][1]:
            return
        if t <= changes[-1][0]:
            changes[-1] = (changes[-1][0], label)
        else:
            changes.append((t, label))

    for number, event in enumerate(events):
        state = changes[-1][1]
        if event.type is EventType.PERSON_ENTER:
            become(event.time_s, _OCCUPIED)
        elif event.type is EventType.PERSON_LEAVE:
            if state != _OCCUPIED:
                # The arrival was not among the events (it lies before them): the leave
                # itself says when the stay began.
                began = _stay_began(event)
                become(-math.inf if began is None else began, _OCCUPIED)
            become(event.time_s, _VACANT)
        elif event.type is EventType.ABANDONED_DETECTED:
            become(event.time_s, _ABANDONED)
        elif event.type is EventType.BELONGINGS_REMOVED:
            if (
                number == 0
                and initial is None
                and state != _ABANDONED
                and event.data.get("was") == SeatState.ABANDONED.value
            ):
                changes[0] = (-math.inf, _ABANDONED)
            if changes[-1][1] == _ABANDONED:
                become(event.time_s, _VACANT)
    return changes


def _unknown_intervals(events: list[Event]) -> list[tuple[float, float]]:
    """A camera's offline intervals, sorted and disjoint."""
    intervals: list[tuple[float, float]] = []
    offline_since: float | None = None
    for number, event in enumerate(events):
        if event.type is EventType.CAMERA_OFFLINE:
            if offline_since is None:
                offline_since = event.time_s
        elif offline_since is not None:
            intervals.append((offline_since, event.time_s))
            offline_since = None
        elif number == 0:
            # Back online without having gone offline among the events: it was offline before.
            intervals.append((-math.inf, event.time_s))
    if offline_since is not None:
        intervals.append((offline_since, math.inf))
    return intervals


def _split_seconds(
    changes: list[tuple[float, str]],
    unknown: list[tuple[float, float]],
    hours: npt.NDArray[np.float64],
    start_s: float,
    end_s: float,
) -> npt.NDArray[Any]:
    """Seconds per hour bucket and label, (hours, 4), unknown winning over the seat's own state.

    The period is cut at every change, hour start and outage edge; each piece takes the label
    in force at its start and its length goes to its hour (one array pass, no loop per piece).
    """
    change_times = np.array([t for t, _ in changes])
    change_labels = np.array([LABEL_INDEX[label] for _, label in changes])
    outages = np.array(unknown, dtype=np.float64).reshape(-1, 2)
    cuts = np.concatenate(([start_s, end_s], change_times, hours, outages.ravel()))
    cuts = np.unique(cuts[(cuts >= start_s) & (cuts <= end_s)])
    piece_start, piece_length = cuts[:-1], np.diff(cuts)
    labels = change_labels[np.searchsorted(change_times, piece_start, side="right") - 1]
    if len(outages):
        outage = np.searchsorted(outages[:, 0], piece_start, side="right") - 1
        offline = (outage >= 0) & (piece_start < outages[np.maximum(outage, 0), 1])
        labels = np.where(offline, LABEL_INDEX[_UNKNOWN], labels)
    hour = np.searchsorted(hours, piece_start, side="right") - 1
    seconds: npt.NDArray[Any] = np.bincount(
        hour * len(_LABELS) + labels, weights=piece_length, minlength=len(hours) * len(_LABELS)
    )
    return seconds.reshape(len(hours), len(_LABELS))


def _hour_starts(start_s: float, end_s: float, tz: tzinfo) -> list[float]:
    """The starts of the local hours that overlap `[start_s, end_s)`."""
    starts = [_floor_hour(start_s, tz)]
    while True:
        current = starts[-1]
        following = _floor_hour(current + 3600.0, tz)
        if following <= current:
            following = current + 3600.0
        if following >= end_s:
            return starts
        starts.append(following)


def _floor_hour(t: float, tz: tzinfo) -> float:
    # fromtimestamp sets `fold` in a repeated (DST) hour, and timestamp() honours it.
    local = datetime.fromtimestamp(t, tz)
    return min(t, local.replace(minute=0, second=0, microsecond=0).timestamp())


def _stay_began(event: Event) -> float | None:
    since = event.data.get("occupied_since_s")
    if since is not None:
        return float(since)
    stay = event.data.get("stay_s")
    return event.time_s - float(stay) if stay is not None else None


def _stay_of(event: Event, last_enter: float | None) -> float | None:
    stay = event.data.get("stay_s")
    if stay is not None:
        return float(stay)
    began = _stay_began(event)
    if began is None:
        began = last_enter
    return event.time_s - began if began is not None else None


def _listed(array: npt.NDArray[Any]) -> list[Any]:
    """`array.tolist()`: Python numbers at C speed (typed for mypy, which cannot see the depth)."""
    return cast(list[Any], array.tolist())


def _unique(seats: Iterable[SeatKey]) -> list[SeatKey]:
    return list(dict.fromkeys((str(camera), str(seat)) for camera, seat in seats))

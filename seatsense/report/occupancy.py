"""Each seat's occupied share of every whole UTC hour, read from the SQLite event log: the
numbers Home Assistant keeps as long-term statistics (one per seat, per hour).

>>> import tempfile, pathlib
>>> from seatsense.core.engine import Event, EventType
>>> from seatsense.live.store import EventStore
>>> path = pathlib.Path(tempfile.mkdtemp()) / "log.sqlite"
>>> with EventStore(path) as store:
...     store.write_events([Event(EventType.PERSON_ENTER, 900.0, "c1", "A1"),
...                         Event(EventType.PERSON_LEAVE, 4500.0, "c1", "A1")])
False
>>> [(h.hour_start_s, h.occupied_pct, h.min_pct, h.max_pct)
...  for h in hourly_occupancy(path, 0.0, 7200.0)]
[(0.0, 75.0, 0.0, 100.0), (3600.0, 25.0, 0.0, 100.0)]
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC
from pathlib import Path

from ..core.stats import LABEL_INDEX, SeatKey, hourly_seat_arrays
from ..live.store import EventStore
from .data import EVENT_DATA_KEYS, LOOKBACK_S

HOUR_S = 3600.0


@dataclass(frozen=True)
class SeatHour:
    """One seat in one whole UTC hour: the occupied % of the time it was seen; `min_pct` is
    0 when it was free at some moment of the hour (else 100), `max_pct` 100 when it was taken
    at some moment (else 0)."""

    camera_id: str
    seat_id: str
    hour_start_s: float
    occupied_pct: float
    min_pct: float
    max_pct: float


def hourly_occupancy(
    path: Path, start_s: float, end_s: float, seats: list[SeatKey] | None = None
) -> list[SeatHour]:
    """The whole UTC hours from `start_s` (rounded up) to `end_s` (rounded down) of the log at
    `path`, by seat then hour, for `seats` (default: every seat the log knows).

    Only whole hours: one still under way is left for a later call, so every row is final and
    reading the same hour twice gives the same row. Hours in which a seat was never seen (its
    camera offline throughout) have none. Events from `LOOKBACK_S` before the first hour set
    the state it starts in.
    """
    first = math.ceil(start_s / HOUR_S) * HOUR_S
    last = math.floor(end_s / HOUR_S) * HOUR_S
    if last <= first:
        return []
    with EventStore(path) as store:
        events = store.events(start_s=first - LOOKBACK_S, end_s=last, data_keys=EVENT_DATA_KEYS)
        keys = list(seats) if seats is not None else store.seats()
    arrays = hourly_seat_arrays(events, keys, first, last, UTC)
    occupied = arrays.seconds[..., LABEL_INDEX["occupied"]]
    free = (
        arrays.seconds[..., LABEL_INDEX["vacant"]] + arrays.seconds[..., LABEL_INDEX["abandoned"]]
    )
    rows: list[SeatHour] = []
    hours: list[float] = [float(t) for t in arrays.hour_starts]
    for index, (camera_id, seat_id) in enumerate(arrays.seats):
        for hour, (taken, empty) in enumerate(zip(occupied[index], free[index], strict=True)):
            seen = float(taken + empty)
            if seen <= 0:
                continue
            rows.append(
                SeatHour(
                    camera_id,
                    seat_id,
                    hours[hour],
                    100.0 * float(taken) / seen,
                    0.0 if empty > 0 else 100.0,
                    100.0 if taken > 0 else 0.0,
                )
            )
    return rows

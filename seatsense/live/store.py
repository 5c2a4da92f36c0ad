"""The SQLite event log: events, seat status snapshots and hourly statistics.

The plan's PostgreSQL schema (`detection_events`, `seat_status`, `occupancy_stats`) adapted
to SQLite and to the library's units: times are epoch seconds (REAL), durations seconds,
JSON columns are TEXT. Writes are buffered in memory and written in one transaction by
`flush()` (also when `flush_interval_s` has passed on a later write, when `max_pending`
writes wait, and on `close()`), so a batch is either all on disk or not at all. A monitor
cycle with events is written at once (`write_update(update, durable=True)`): its events, the
seat statuses and the camera states they lead to go to disk together, before anyone is told.
The database runs in WAL mode: readers (a dashboard, `sqlite3`) never block the writer.

When the disk is full (or `max_bytes` is reached) the store keeps what it could not write in
memory (up to 100,000 events), says so once in the log and in `health()`, and writes it all
when space returns.

>>> from seatsense.core.engine import Event, EventType
>>> with EventStore(":memory:") as store:
...     store.write_events([Event(EventType.PERSON_ENTER, 600.0, "c1", "A1")], durable=True)
...     [e.type.value for e in store.events()]
True
['person_enter']
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, tzinfo
from pathlib import Path
from types import TracebackType
from typing import Any, Protocol

from ..core.engine import Event, EventType, SeatStatus
from ..core.stats import HourlySeatStats, hourly_seat_stats
from ..core.status import SeatPictures

_LOGGER = logging.getLogger(__name__)

SCHEMA_VERSION = 2
SCHEMA = """
CREATE TABLE IF NOT EXISTS events (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    time_s        REAL    NOT NULL,          -- when it happened (back-dated like the engine)
    type          TEXT    NOT NULL,          -- person_enter, person_leave, abandoned_detected, ...
    camera_id     TEXT    NOT NULL,
    seat_id       TEXT,                      -- NULL for camera events
    confidence    REAL    NOT NULL DEFAULT 0,
    snapshot_path TEXT,
    data          TEXT    NOT NULL DEFAULT '{}',  -- JSON: the event's evidence
    recorded_s    REAL    NOT NULL           -- when it was written
);
CREATE INDEX IF NOT EXISTS idx_events_seat_time ON events (camera_id, seat_id, time_s);
CREATE INDEX IF NOT EXISTS idx_events_type_time ON events (type, time_s);
CREATE INDEX IF NOT EXISTS idx_events_time ON events (time_s);

CREATE TABLE IF NOT EXISTS seat_status (
    camera_id          TEXT NOT NULL,
    seat_id            TEXT NOT NULL,
    state              TEXT NOT NULL,        -- empty, occupied, away, abandoned, unknown
    since_s            REAL,
    vacant_since_s     REAL,
    occupied_since_s   REAL,
    belongings_since_s REAL,
    last_stay_s        REAL,
    vacant_s           REAL,                 -- vacancy at updated_s (NULL while occupied)
    status             TEXT NOT NULL,        -- JSON: the whole SeatStatus, restores exactly
    updated_s          REAL NOT NULL,
    PRIMARY KEY (camera_id, seat_id)
);

CREATE TABLE IF NOT EXISTS hourly_stats (
    camera_id      TEXT    NOT NULL,
    seat_id        TEXT    NOT NULL,
    hour_start_s   REAL    NOT NULL,         -- start of the local hour
    occupied_s     REAL    NOT NULL DEFAULT 0,
    vacant_s       REAL    NOT NULL DEFAULT 0,
    abandoned_s    REAL    NOT NULL DEFAULT 0,
    unknown_s      REAL    NOT NULL DEFAULT 0,
    entries        INTEGER NOT NULL DEFAULT 0,
    stays          INTEGER NOT NULL DEFAULT 0,
    average_stay_s REAL,
    updated_s      REAL    NOT NULL,
    PRIMARY KEY (camera_id, seat_id, hour_start_s)
);
CREATE INDEX IF NOT EXISTS idx_hourly_hour ON hourly_stats (hour_start_s);

CREATE TABLE IF NOT EXISTS camera_status (
    camera_id         TEXT PRIMARY KEY,
    online            INTEGER NOT NULL,      -- 1 while frames arrive
    last_frame_time_s REAL,                  -- capture time of the newest frame used
    updated_s         REAL NOT NULL          -- the monitor cycle this was true at
);

CREATE TABLE IF NOT EXISTS camera_reference (
    camera_id TEXT PRIMARY KEY,
    picture   BLOB NOT NULL,                 -- the seats' empty pictures in one (PNG)
    seat_ids  TEXT NOT NULL,                 -- JSON: the seats it holds, those staff captured
    updated_s REAL NOT NULL
);
"""

_HOURLY_FIELDS = (
    "camera_id",
    "seat_id",
    "hour_start_s",
    "occupied_s",
    "vacant_s",
    "abandoned_s",
    "unknown_s",
    "entries",
    "stays",
    "average_stay_s",
)
_MAX_PENDING_EVENTS = 100_000
"""Events kept in memory while the disk refuses them; the oldest go first beyond this."""


class StoreError(Exception):
    """The database could not be opened or written."""


@dataclass(frozen=True)
class StoreHealth:
    """Whether the event log is being written, and what waits in memory when it is not.

    >>> StoreHealth(writable=False, error="database or disk is full", pending_events=3).to_dict()
    {'writable': False, 'error': 'database or disk is full', 'pending_events': 3}
    """

    writable: bool
    error: str | None = None
    """Why the last write failed (None while writes succeed)."""
    pending_events: int = 0
    """Events kept in memory until the next successful write."""

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {
            "writable": self.writable,
            "error": self.error,
            "pending_events": self.pending_events,
        }


class _Update(Protocol):
    """What `write_update` reads of a `monitor.MonitorUpdate`."""

    @property
    def time_s(self) -> float: ...
    @property
    def events(self) -> Sequence[Event]: ...
    @property
    def cameras(self) -> Mapping[str, Any]: ...


_UNLIMITED_PAGES = 1073741823
"""SQLite's default `max_page_count` (about 4 TB at 4 KB pages)."""


class EventStore:
    """An SQLite file holding events, the latest seat statuses and hourly statistics.

    >>> from seatsense.core.engine import SeatStatus, SeatState
    >>> with EventStore(":memory:") as store:
    ...     store.write_statuses({"c1/A1": SeatStatus(SeatState.EMPTY, vacant_since_s=0.0)},
    ...                          time_s=60.0)
    ...     store.seat_statuses()["c1/A1"].state.value
    'empty'

    Thread-safe: the monitor writes from its worker thread, the CLI closes from the main one.
    """

    def __init__(
        self,
        path: str | Path,
        *,
        flush_interval_s: float = 5.0,
        max_pending: int = 500,
        max_bytes: int | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.path = str(path)
        self.flush_interval_s = flush_interval_s
        self.max_pending = max_pending
        self._clock = clock
        self._lock = threading.RLock()
        self._events: list[Event] = []
        self._statuses: dict[tuple[str, str], tuple[SeatStatus, float]] = {}
        self._hourly: dict[tuple[str, str, float], HourlySeatStats] = {}
        self._cameras: dict[str, tuple[bool, float | None, float]] = {}
        self._pictures: dict[str, tuple[SeatPictures, float]] = {}
        self._last_flush = time.monotonic()
        self._failure: str | None = None
        self._dropped = 0
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        try:
            self._db: sqlite3.Connection | None = sqlite3.connect(
                self.path, check_same_thread=False, isolation_level=None, timeout=10.0
            )
            self._db.execute("PRAGMA journal_mode=WAL")
            # WAL + NORMAL: a committed batch survives a crash of the process.
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute("PRAGMA foreign_keys=ON")
            self._migrate()
            self.set_max_bytes(max_bytes)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open the event log {self.path}: {exc}") from exc

    def _migrate(self) -> None:
        db = self._connection()
        version = int(db.execute("PRAGMA user_version").fetchone()[0])
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path} has schema version {version}; this seatsense knows up to "
                f"{SCHEMA_VERSION}"
            )
        db.execute("BEGIN IMMEDIATE")
        try:
            for statement in _statements(SCHEMA):
                db.execute(statement)
            db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    # -- context manager ---------------------------------------------------------------------

    def __enter__(self) -> EventStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"EventStore({self.path!r})"

    # -- writing -----------------------------------------------------------------------------

    def write_events(self, events: Iterable[Event], durable: bool = False) -> bool:
        """Queue events; they reach the disk on the next flush, or now with `durable`.

        Returns True when nothing waits in memory any more (always False without `durable`
        until a flush happened)."""
        with self._lock:
            self._queue_events(events)
        return self._write(durable)

    def write_statuses(
        self,
        statuses: Mapping[str, SeatStatus | Mapping[str, Any]]
        | Mapping[tuple[str, str], SeatStatus | Mapping[str, Any]],
        time_s: float,
    ) -> None:
        """Queue seat status snapshots, keyed `"camera/seat"` (as `Monitor.seat_statuses()`)
        or `(camera_id, seat_id)`; only the newest per seat is kept until the flush."""
        with self._lock:
            for key, value in statuses.items():
                camera_id, seat_id = _seat_key(key)
                status = (
                    value if isinstance(value, SeatStatus) else SeatStatus.from_dict(dict(value))
                )
                self._statuses[(camera_id, seat_id)] = (status, float(time_s))
        self._maybe_flush()

    def write_hourly(self, rows: Iterable[Any]) -> None:
        """Queue hourly statistics rows (`stats.HourlySeatStats` or dicts with its fields);
        a row replaces the stored one of the same seat and hour."""
        with self._lock:
            for raw in rows:
                row = _hourly_row(raw)
                self._hourly[(row.camera_id, row.seat_id, row.hour_start_s)] = row
        self._maybe_flush()

    def write_references(self, pictures: Mapping[str, SeatPictures], time_s: float) -> None:
        """Queue cameras' seat references (an encoded picture and the seats it holds, keyed
        by camera); they go to disk with the next flush (a durable `write_update` right after
        puts them in its transaction)."""
        with self._lock:
            for camera_id, kept in pictures.items():
                self._pictures[camera_id] = (kept, float(time_s))

    def write_update(self, update: _Update, durable: bool = False) -> bool:
        """Queue a `MonitorUpdate`: its events, the statuses of all its seats and the state
        of its cameras. With `durable` they are written now, in one transaction (write first,
        then tell: an event that was shown is an event that is kept).

        Returns True when everything is on disk; False when it waits in memory (not durable,
        or the disk refused it: `health()` says why, and the next write tries again)."""
        statuses: dict[tuple[str, str], SeatStatus] = {}
        cameras: dict[str, tuple[bool, float | None, float]] = {}
        for camera_id, camera in update.cameras.items():
            frame_time_s = getattr(camera, "frame_time_s", None)
            cameras[camera_id] = (
                bool(getattr(camera, "online", False)),
                frame_time_s,
                float(update.time_s),
            )
            for seat_id, status in camera.seats.items():
                statuses[(camera_id, seat_id)] = status
        with self._lock:
            self._queue_events(update.events)
            for key, status in statuses.items():
                self._statuses[key] = (status, float(update.time_s))
            self._cameras.update(cameras)
        return self._write(durable)

    def _queue_events(self, events: Iterable[Event]) -> None:
        self._events.extend(events)
        overflow = len(self._events) - _MAX_PENDING_EVENTS
        if overflow > 0:
            del self._events[:overflow]
            if not self._dropped:
                _LOGGER.error(
                    "event log %s: more than %d events wait in memory; the oldest are dropped",
                    self.path,
                    _MAX_PENDING_EVENTS,
                )
            self._dropped += overflow

    def _write(self, durable: bool) -> bool:
        if durable:
            return self._flush_or_keep()
        self._maybe_flush()
        with self._lock:
            return not self._waiting()

    def update_hourly(
        self,
        start_s: float,
        end_s: float,
        seats: Iterable[tuple[str, str]] | None = None,
        tz: tzinfo = UTC,
        lookback_s: float = 86400.0,
    ) -> list[Any]:
        """Compute the hourly rows of `[start_s, end_s)` from the stored events
        (`stats.hourly_seat_stats`), store them and return them.

        Events from `lookback_s` before the start set the state each seat starts in.
        `seats` defaults to every seat with an event or a status in the log.
        """
        events = self.events(start_s=start_s - lookback_s, end_s=end_s)
        keys = list(seats) if seats is not None else self.seats()
        rows = hourly_seat_stats(events, keys, start_s, end_s, tz)
        self.write_hourly(rows)
        self._flush_or_keep()
        return rows

    def flush(self) -> None:
        """Write everything queued in one transaction; on failure nothing is written, the
        queue is kept for the next try and `StoreError` is raised."""
        with self._lock:
            if not self._waiting():
                self._last_flush = time.monotonic()
                return
            events = list(self._events)
            statuses = dict(self._statuses)
            hourly = dict(self._hourly)
            cameras = dict(self._cameras)
            pictures = dict(self._pictures)
            now = float(self._clock())
            db = self._connection()
            try:
                db.execute("BEGIN IMMEDIATE")
                try:
                    db.executemany(
                        "INSERT INTO events (time_s, type, camera_id, seat_id, confidence,"
                        " snapshot_path, data, recorded_s) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        [_event_row(event, now) for event in events],
                    )
                    db.executemany(
                        "INSERT OR REPLACE INTO seat_status (camera_id, seat_id, state, since_s,"
                        " vacant_since_s, occupied_since_s, belongings_since_s, last_stay_s,"
                        " vacant_s, status, updated_s) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        [_status_row(key, status, t) for key, (status, t) in statuses.items()],
                    )
                    db.executemany(
                        "INSERT OR REPLACE INTO hourly_stats (camera_id, seat_id, hour_start_s,"
                        " occupied_s, vacant_s, abandoned_s, unknown_s, entries, stays,"
                        " average_stay_s, updated_s) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        [
                            (*(getattr(row, name) for name in _HOURLY_FIELDS), now)
                            for row in hourly.values()
                        ],
                    )
                    db.executemany(
                        "INSERT OR REPLACE INTO camera_status (camera_id, online,"
                        " last_frame_time_s, updated_s) VALUES (?, ?, ?, ?)",
                        [
                            (camera_id, int(on), frame, t)
                            for camera_id, (on, frame, t) in cameras.items()
                        ],
                    )
                    db.executemany(
                        "INSERT OR REPLACE INTO camera_reference (camera_id, picture, seat_ids,"
                        " updated_s) VALUES (?, ?, ?, ?)",
                        [
                            (camera_id, kept.picture, kept.seats_json(), t)
                            for camera_id, (kept, t) in pictures.items()
                        ],
                    )
                    db.execute("COMMIT")
                except BaseException:
                    if db.in_transaction:  # SQLite rolls back by itself on a full disk
                        db.execute("ROLLBACK")
                    raise
            except sqlite3.Error as exc:
                raise StoreError(f"cannot write the event log {self.path}: {exc}") from exc
            del self._events[: len(events)]
            for key, value in statuses.items():
                if self._statuses.get(key) is value:
                    del self._statuses[key]
            for hour_key, row in hourly.items():
                if self._hourly.get(hour_key) is row:
                    del self._hourly[hour_key]
            for camera_id, camera in cameras.items():
                if self._cameras.get(camera_id) is camera:
                    del self._cameras[camera_id]
            for camera_id, kept in pictures.items():
                if self._pictures.get(camera_id) is kept:
                    del self._pictures[camera_id]
            self._last_flush = time.monotonic()

    def close(self) -> None:
        """Flush and close; safe to call twice."""
        with self._lock:
            if self._db is None:
                return
            try:
                self.flush()
            finally:
                db, self._db = self._db, None
                db.close()

    def delete_before(self, time_s: float) -> int:
        """Delete events and hourly rows older than `time_s` (retention); returns the number
        of events deleted."""
        self.flush()
        with self._lock:
            db = self._connection()
            db.execute("BEGIN IMMEDIATE")
            try:
                deleted = db.execute("DELETE FROM events WHERE time_s < ?", (time_s,)).rowcount
                db.execute("DELETE FROM hourly_stats WHERE hour_start_s < ?", (time_s,))
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
            return int(deleted)

    # -- reading (flushes first, so what was written is what is read) -------------------------

    def events(
        self,
        start_s: float | None = None,
        end_s: float | None = None,
        camera_id: str | None = None,
        seat_id: str | None = None,
        types: Iterable[EventType | str] | None = None,
        limit: int | None = None,
        data_keys: Sequence[str] | None = None,
    ) -> list[Event]:
        """Stored events with `start_s <= time_s < end_s`, oldest first (in write order for
        equal times).

        `data_keys`: keep only these top-level keys of each event's `data` (read by SQLite):
        a report over months needs three keys of the evidence, and parsing all of it in
        Python was most of the time it took to read the log.
        """
        where, args = _where(start_s, end_s, camera_id, seat_id, "time_s")
        if types is not None:
            names = [EventType(t).value for t in types]
            where.append(f"type IN ({', '.join('?' * len(names))})")
            args.extend(names)
        keys = list(data_keys) if data_keys is not None else []
        for key in keys:
            if not key.isidentifier():
                raise ValueError(f"data key {key!r} is not a plain name")
        data_sql = (
            "data"
            if data_keys is None
            else "NULL" + "".join(f", json_extract(data, '$.{key}')" for key in keys)
        )
        sql = f"SELECT type, time_s, camera_id, seat_id, confidence, {data_sql} FROM events"
        sql += _clause(where) + " ORDER BY time_s, id"
        if limit is not None:
            sql += " LIMIT ?"
            args.append(int(limit))
        types_by_name = {t.value: t for t in EventType}
        events = []
        for kind, t, camera, seat, confidence, data, *values in self._query(sql, args):
            if data_keys is not None:
                parsed = {k: v for k, v in zip(keys, values, strict=True) if v is not None}
            else:
                parsed = json.loads(data) if data and data != "{}" else {}
            events.append(
                Event(types_by_name[kind], float(t), str(camera), seat, float(confidence), parsed)
            )
        return events

    def seat_statuses(self) -> dict[str, SeatStatus]:
        """The newest stored status of every seat, keyed `"camera/seat"` (restore input)."""
        rows = self._query(
            "SELECT camera_id, seat_id, status FROM seat_status ORDER BY camera_id, seat_id", []
        )
        return {
            f"{camera}/{seat}": SeatStatus.from_dict(json.loads(status))
            for camera, seat, status in rows
        }

    def camera_statuses(self) -> dict[str, dict[str, Any]]:
        """The newest stored state of every camera: `online`, `last_frame_time_s` and
        `updated_s` (the cycle it was true at); `Monitor(restore_cameras=...)` input."""
        rows = self._query(
            "SELECT camera_id, online, last_frame_time_s, updated_s FROM camera_status", []
        )
        return {
            str(camera): {"online": bool(online), "last_frame_time_s": frame, "updated_s": t}
            for camera, online, frame, t in rows
        }

    def camera_references(self) -> dict[str, SeatPictures]:
        """The newest stored seat references of every camera (`Monitor(restore_references=...)`
        input)."""
        rows = self._query("SELECT camera_id, picture, seat_ids FROM camera_reference", [])
        return {str(c): SeatPictures.from_row(picture, seats) for c, picture, seats in rows}

    def hourly(
        self,
        start_s: float | None = None,
        end_s: float | None = None,
        camera_id: str | None = None,
        seat_id: str | None = None,
    ) -> list[HourlySeatStats]:
        """Stored hourly rows whose hour starts in `[start_s, end_s)`."""
        where, args = _where(start_s, end_s, camera_id, seat_id, "hour_start_s")
        rows = self._query(
            f"SELECT {', '.join(_HOURLY_FIELDS)} FROM hourly_stats{_clause(where)}"
            " ORDER BY hour_start_s, camera_id, seat_id",
            args,
        )
        return [HourlySeatStats(**dict(zip(_HOURLY_FIELDS, row, strict=True))) for row in rows]

    def seats(self) -> list[tuple[str, str]]:
        """Every `(camera_id, seat_id)` with an event or a status in the log, sorted."""
        rows = self._query(
            "SELECT camera_id, seat_id FROM events WHERE seat_id IS NOT NULL"
            " UNION SELECT camera_id, seat_id FROM seat_status ORDER BY 1, 2",
            [],
        )
        return [(str(camera), str(seat)) for camera, seat in rows]

    # -- internals ---------------------------------------------------------------------------

    def _connection(self) -> sqlite3.Connection:
        if self._db is None:
            raise StoreError(f"the event log {self.path} is closed")
        return self._db

    def _query(self, sql: str, args: Sequence[Any]) -> list[tuple[Any, ...]]:
        # A full disk must not stop the reading: what waits in memory is then not in the answer.
        self._flush_or_keep()
        with self._lock:
            return list(self._connection().execute(sql, args).fetchall())

    def _waiting(self) -> int:
        return (
            len(self._events)
            + len(self._statuses)
            + len(self._hourly)
            + len(self._cameras)
            + len(self._pictures)
        )

    def _maybe_flush(self) -> None:
        with self._lock:
            waiting = self._waiting()
            due = time.monotonic() - self._last_flush >= self.flush_interval_s
        if waiting and (waiting >= self.max_pending or due):
            self._flush_or_keep()

    def _flush_or_keep(self) -> bool:
        """Flush; when the disk refuses, keep everything in memory and say so once."""
        with self._lock:
            try:
                self.flush()
            except StoreError as exc:
                self._last_flush = time.monotonic()  # the next try waits its turn
                if self._failure is None:
                    _LOGGER.warning("%s; keeping the events in memory and trying again", exc)
                self._failure = str(exc.__cause__ or exc)
                return False
            if self._failure is not None:
                if self._dropped:
                    _LOGGER.error(
                        "event log %s: written again; %d events were dropped meanwhile",
                        self.path,
                        self._dropped,
                    )
                else:
                    _LOGGER.warning("event log %s: written again, nothing lost", self.path)
                self._failure = None
                self._dropped = 0
            return True

    def health(self) -> StoreHealth:
        """Whether writes succeed, and how many events wait in memory."""
        with self._lock:
            return StoreHealth(
                writable=self._failure is None,
                error=self._failure,
                pending_events=len(self._events),
            )

    def set_max_bytes(self, max_bytes: int | None) -> None:
        """Cap the database's size (None: no cap). Writes that would pass it fail as on a
        full disk; the store then keeps them in memory until the cap is raised."""
        with self._lock:
            db = self._connection()
            if max_bytes is None:
                pages = _UNLIMITED_PAGES
            else:
                page_size = int(db.execute("PRAGMA page_size").fetchone()[0])
                pages = max(1, int(max_bytes) // page_size)
            db.execute(f"PRAGMA max_page_count={pages}")

    def size_bytes(self) -> int:
        """The database's size in pages times the page size (its WAL not included)."""
        with self._lock:
            db = self._connection()
            pages = int(db.execute("PRAGMA page_count").fetchone()[0])
            return pages * int(db.execute("PRAGMA page_size").fetchone()[0])


def _statements(script: str) -> list[str]:
    lines = [line.split("--", 1)[0] for line in script.splitlines()]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]


def _seat_key(key: str | tuple[str, str]) -> tuple[str, str]:
    if isinstance(key, tuple):
        return str(key[0]), str(key[1])
    camera_id, sep, seat_id = key.partition("/")
    if not sep:
        raise ValueError(f"seat key {key!r} is not 'camera/seat'")
    return camera_id, seat_id


def _event_row(event: Event, now: float) -> tuple[Any, ...]:
    snapshot = event.data.get("snapshot_path")
    return (
        float(event.time_s),
        event.type.value,
        event.camera_id,
        event.seat_id,
        float(event.confidence),
        None if snapshot is None else str(snapshot),
        json.dumps(event.data, ensure_ascii=False, default=str),
        now,
    )


def _status_row(key: tuple[str, str], status: SeatStatus, time_s: float) -> tuple[Any, ...]:
    return (
        key[0],
        key[1],
        status.state.value,
        status.since_s,
        status.vacant_since_s,
        status.occupied_since_s,
        status.belongings_since_s,
        status.last_stay_s,
        status.vacant_s(time_s),
        json.dumps(status.to_dict(), default=str),
        time_s,
    )


def _hourly_row(raw: Any) -> HourlySeatStats:
    if isinstance(raw, HourlySeatStats):
        return raw
    if isinstance(raw, Mapping):
        values = {name: raw.get(name) for name in _HOURLY_FIELDS}
    else:
        values = {name: getattr(raw, name, None) for name in _HOURLY_FIELDS}
    if values["camera_id"] is None or values["seat_id"] is None or values["hour_start_s"] is None:
        raise ValueError(f"an hourly row needs camera_id, seat_id and hour_start_s: {raw!r}")
    return HourlySeatStats(
        camera_id=str(values["camera_id"]),
        seat_id=str(values["seat_id"]),
        hour_start_s=float(values["hour_start_s"]),
        occupied_s=float(values["occupied_s"] or 0.0),
        vacant_s=float(values["vacant_s"] or 0.0),
        abandoned_s=float(values["abandoned_s"] or 0.0),
        unknown_s=float(values["unknown_s"] or 0.0),
        entries=int(values["entries"] or 0),
        stays=int(values["stays"] or 0),
        average_stay_s=(
            None if values["average_stay_s"] is None else float(values["average_stay_s"])
        ),
    )


def _where(
    start_s: float | None,
    end_s: float | None,
    camera_id: str | None,
    seat_id: str | None,
    time_column: str,
) -> tuple[list[str], list[Any]]:
    where: list[str] = []
    args: list[Any] = []
    if start_s is not None:
        where.append(f"{time_column} >= ?")
        args.append(float(start_s))
    if end_s is not None:
        where.append(f"{time_column} < ?")
        args.append(float(end_s))
    if camera_id is not None:
        where.append("camera_id = ?")
        args.append(camera_id)
    if seat_id is not None:
        where.append("seat_id = ?")
        args.append(seat_id)
    return where, args


def _clause(where: list[str]) -> str:
    return " WHERE " + " AND ".join(where) if where else ""

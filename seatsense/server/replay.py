"""The server's replay log: the newest event messages by sequence number, in SQLite.

A client that reconnects with the last sequence number it saw gets every logged event after
it (docs/server.md, "Replay"). The log also keeps what a restart resumes from: the seat
statuses and camera states, written in the same transaction as the events they follow from,
so a server killed at any moment starts again where its last message left it.
"""

from __future__ import annotations

import contextlib
import json
import logging
import math
import sqlite3
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ..core.status import SeatPictures

_LOGGER = logging.getLogger(__name__)

LOG_EVENTS = 10_000
"""Events kept in the replay log."""


def finite_json(value: Any) -> str:
    """Compact JSON in which every NaN or infinity is null: JSON has neither, and a client's
    parser would refuse the whole message (Python writes them as `NaN` and `Infinity`).

    >>> finite_json({"t": float("inf"), "n": [1.5, float("nan")]})
    '{"t":null,"n":[1.5,null]}'
    """
    try:
        return _dumps(value)
    except ValueError:
        _LOGGER.error("a message held a number that is not finite; it is written as null")
        return _dumps(_finite(value))


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def _finite(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {key: _finite(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(item) for item in value]
    return value


class ReplayLog:
    """The newest `keep` event messages by sequence number, the last sequence number and the
    saved seat statuses, in SQLite (WAL). Used from the event loop thread only.

    >>> log = ReplayLog(Path(":memory:"), keep=2)
    >>> log.record([(1, "a"), (2, "b"), (3, "c")], last_seq=4)
    >>> log.replay(after=0)
    (1, ['b', 'c'])
    """

    def __init__(self, path: Path, keep: int = LOG_EVENTS) -> None:
        self.keep = keep
        self._db = sqlite3.connect(path, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute("CREATE TABLE IF NOT EXISTS events (seq INTEGER PRIMARY KEY, text TEXT)")
        self._db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS pictures (camera_id TEXT PRIMARY KEY, picture BLOB,"
            " seat_ids TEXT)"
        )
        self.last_seq = int(self._meta("last_seq") or 0)
        self.dropped_through = int(self._meta("dropped_through") or 0)
        """The newest sequence number already dropped from the log (0: none)."""
        self._count = int(self._db.execute("SELECT COUNT(*) FROM events").fetchone()[0])

    def record(
        self,
        events: Sequence[tuple[int, str]],
        last_seq: int,
        resume: Mapping[str, Any] | None = None,
        pictures: Mapping[str, SeatPictures] | None = None,
    ) -> None:
        """Log event messages (seq, JSON text), the newest seq and, when given, what a restart
        resumes from (`{"seats": ..., "cameras": ...}`) and the cameras' seat pictures
        (`Monitor(restore_references=...)`), in one transaction."""
        with self._transaction():
            if resume is not None:
                self._set_meta("resume", finite_json(resume))
            self._db.executemany(
                "INSERT OR REPLACE INTO pictures VALUES (?, ?, ?)",
                [
                    (camera_id, kept.picture, kept.seats_json())
                    for camera_id, kept in (pictures or {}).items()
                ],
            )
            self._db.executemany("INSERT INTO events VALUES (?, ?)", events)
            self._count += len(events)
            if self._count > self.keep:
                cutoff = self._db.execute(
                    "SELECT seq FROM events ORDER BY seq DESC LIMIT 1 OFFSET ?", (self.keep,)
                ).fetchone()[0]
                self._db.execute("DELETE FROM events WHERE seq <= ?", (cutoff,))
                self._count = self.keep
                self.dropped_through = max(self.dropped_through, int(cutoff))
                self._set_meta("dropped_through", str(self.dropped_through))
            self.last_seq = last_seq
            self._set_meta("last_seq", str(last_seq))

    def replay(self, after: int) -> tuple[int | None, list[str]]:
        """The gap seq (None when nothing after `after` was dropped) and the logged messages."""
        gap = self.dropped_through if self.dropped_through > after else None
        if after > self.last_seq:  # a client of an older data dir: it cannot trust its seq
            gap = self.last_seq
        rows = self._db.execute("SELECT text FROM events WHERE seq > ? ORDER BY seq", (after,))
        return gap, [text for (text,) in rows]

    def save_statuses(
        self, statuses: Mapping[str, Any], cameras: Mapping[str, Any] | None = None
    ) -> None:
        """Keep the seat statuses (`Monitor.seat_statuses()`) and camera states for the next
        start."""
        with self._transaction():
            self._set_meta("resume", finite_json({"seats": statuses, "cameras": cameras or {}}))

    def load_statuses(self) -> dict[str, Any]:
        """The seat statuses saved last (`Monitor(restore=...)`), or none."""
        return dict(self._resume().get("seats") or {})

    def load_cameras(self) -> dict[str, Any]:
        """The camera states saved last (`Monitor(restore_cameras=...)`), or none."""
        return dict(self._resume().get("cameras") or {})

    def load_references(self) -> dict[str, SeatPictures]:
        """The cameras' seat pictures logged last (`Monitor(restore_references=...)`)."""
        rows = self._db.execute("SELECT camera_id, picture, seat_ids FROM pictures")
        return {str(c): SeatPictures.from_row(p, ids) for c, p, ids in rows}

    def _resume(self) -> dict[str, Any]:
        saved = self._meta("resume")
        if saved:
            return dict(json.loads(saved))
        older = self._meta("seat_statuses")  # written by versions that saved on stop only
        return {"seats": json.loads(older)} if older else {}

    def close(self) -> None:
        """Close the database."""
        self._db.close()

    @contextlib.contextmanager
    def _transaction(self) -> Any:
        self._db.execute("BEGIN")
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def _meta(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def _set_meta(self, key: str, value: str) -> None:
        self._db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))


__all__ = ["LOG_EVENTS", "ReplayLog", "finite_json"]

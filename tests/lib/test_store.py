"""The SQLite event log: batching, transactions, WAL, statuses and hourly statistics."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from seatsense.core.engine import (
    Event,
    EventType,
    Observation,
    SeatEngine,
    SeatState,
    SeatStatus,
)
from seatsense.core.stats import HourlySeatStats
from seatsense.core.status import CameraStatus, MonitorUpdate
from seatsense.live.store import EventStore, StoreError


def day_of_events() -> list[Event]:
    """A seat taken for an hour, left with a bag, hogged, cleared; a camera outage."""
    return [
        Event(EventType.PERSON_ENTER, 600.0, "c1", "A1", 0.9, {"person_score": 0.9}),
        Event(
            EventType.PERSON_LEAVE,
            4200.0,
            "c1",
            "A1",
            0.8,
            {"stay_s": 3600.0, "occupied_since_s": 600.0},
        ),
        Event(
            EventType.ABANDONED_DETECTED,
            4800.0,
            "c1",
            "A1",
            0.7,
            {"belongings_since_s": 4200.0, "snapshot_path": "snap/A1.jpg"},
        ),
        Event(EventType.BELONGINGS_REMOVED, 6000.0, "c1", "A1", 1.0, {"was": "abandoned"}),
        Event(EventType.CAMERA_OFFLINE, 6300.0, "c1", confidence=1.0),
        Event(EventType.CAMERA_ONLINE, 6600.0, "c1", confidence=1.0),
        Event(EventType.PERSON_ENTER, 100.0, "c2", "B1", 0.95),
    ]


def rows_in(path: Path, table: str) -> int:
    with sqlite3.connect(path) as db:
        return int(db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])


def test_events_round_trip_and_filters(tmp_path: Path) -> None:
    path = tmp_path / "log.db"
    with EventStore(path) as store:
        store.write_events(day_of_events())
    with EventStore(path) as store:
        events = store.events()
        assert [e.time_s for e in events] == sorted(e.time_s for e in day_of_events())
        assert Event.from_dict(events[1].to_dict()) == events[1]
        assert events[2].data == {"stay_s": 3600.0, "occupied_since_s": 600.0}
        assert [e.type for e in store.events(camera_id="c1", seat_id="A1", start_s=4200)] == [
            EventType.PERSON_LEAVE,
            EventType.ABANDONED_DETECTED,
            EventType.BELONGINGS_REMOVED,
        ]
        offline = store.events(types=["camera_offline", EventType.CAMERA_ONLINE])
        assert [e.seat_id for e in offline] == [None, None]
        assert len(store.events(end_s=600.0)) == 1
        assert len(store.events(limit=3)) == 3
        assert store.seats() == [("c1", "A1"), ("c2", "B1")]
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        snapshot = db.execute(
            "SELECT snapshot_path FROM events WHERE type = 'abandoned_detected'"
        ).fetchone()[0]
        assert snapshot == "snap/A1.jpg"


def test_events_with_only_some_data_keys(tmp_path: Path) -> None:
    path = tmp_path / "log.db"
    with EventStore(path) as store:
        store.write_events(day_of_events())
        full = store.events()
        lean = store.events(data_keys=["stay_s", "missing"])
        assert [e.data for e in lean] == [
            {"stay_s": e.data["stay_s"]} if "stay_s" in e.data else {} for e in full
        ]
        assert lean[2].data == {"stay_s": 3600.0}
        assert [(e.type, e.time_s, e.seat_id) for e in lean] == [
            (e.type, e.time_s, e.seat_id) for e in full
        ]
        with pytest.raises(ValueError, match="plain name"):
            store.events(data_keys=["a') --"])


def test_writes_are_batched_until_flush_or_close(tmp_path: Path) -> None:
    path = tmp_path / "log.db"
    store = EventStore(path, flush_interval_s=3600, max_pending=100)
    store.write_events(day_of_events()[:3])
    assert rows_in(path, "events") == 0  # still in memory
    store.flush()
    assert rows_in(path, "events") == 3
    store.write_events(day_of_events()[3:])
    store.close()
    assert rows_in(path, "events") == 7
    store.close()  # twice is fine
    with pytest.raises(StoreError, match="closed"):
        store.events()


def test_batch_size_and_age_trigger_a_flush(tmp_path: Path) -> None:
    path = tmp_path / "log.db"
    now = [0.0]
    store = EventStore(path, flush_interval_s=3600, max_pending=5)
    events = [Event(EventType.PERSON_ENTER, float(t), "c1", "A1") for t in range(7)]
    store.write_events(events[:4])
    assert rows_in(path, "events") == 0
    store.write_events(events[4:])
    assert rows_in(path, "events") == 7
    store.close()
    aged = EventStore(tmp_path / "aged.db", flush_interval_s=0.0, clock=lambda: now[0])
    aged.write_events(events[:1])
    assert rows_in(tmp_path / "aged.db", "events") == 1
    aged.close()


def test_a_failed_flush_writes_nothing_and_retries(tmp_path: Path) -> None:
    path = tmp_path / "log.db"
    store = EventStore(path, flush_interval_s=3600)
    # A trigger that refuses one hourly row makes the whole batch fail half-way through.
    with sqlite3.connect(path) as db:
        db.execute(
            "CREATE TRIGGER refuse BEFORE INSERT ON hourly_stats WHEN NEW.camera_id = 'boom' "
            "BEGIN SELECT RAISE(ABORT, 'refused'); END"
        )
    store.write_events(day_of_events())
    store.write_statuses({"c1/A1": SeatStatus(SeatState.EMPTY)}, time_s=10.0)
    store.write_hourly([HourlySeatStats("boom", "A1", 0.0, vacant_s=3600.0)])
    with pytest.raises(StoreError, match="refused"):
        store.flush()
    assert rows_in(path, "events") == 0 and rows_in(path, "seat_status") == 0
    with sqlite3.connect(path) as db:
        db.execute("DROP TRIGGER refuse")
    store.flush()  # the queue was kept: everything arrives once
    assert rows_in(path, "events") == 7
    assert rows_in(path, "seat_status") == 1 and rows_in(path, "hourly_stats") == 1
    store.flush()
    assert rows_in(path, "events") == 7
    store.close()


def test_seat_statuses_restore_exactly(tmp_path: Path) -> None:
    engine = SeatEngine("A1", "c1")
    for t in (0.0, 3.0):
        engine.update(Observation(person=True, person_score=0.9), t)
    engine.update(Observation(person=False, belongings=True), 6.0)
    path = tmp_path / "log.db"
    with EventStore(path) as store:
        store.write_statuses({"c1/A1": SeatStatus(SeatState.EMPTY)}, time_s=1.0)
        store.write_statuses({("c1", "A1"): engine.status}, time_s=6.0)  # the newest wins
        store.write_statuses(
            {"c1/A2": SeatStatus(SeatState.EMPTY, vacant_since_s=0.0).to_dict()}, time_s=100.0
        )
    with EventStore(path) as store:
        restored = store.seat_statuses()
    assert restored["c1/A1"] == engine.status
    assert restored["c1/A1"].state is SeatState.OCCUPIED
    with sqlite3.connect(path) as db:
        state, vacant = db.execute(
            "SELECT state, vacant_s FROM seat_status WHERE seat_id = 'A2'"
        ).fetchone()
    assert (state, vacant) == ("empty", 100.0)
    with pytest.raises(ValueError, match="camera/seat"):
        EventStore(":memory:").write_statuses({"A1": SeatStatus()}, time_s=0.0)


def test_hourly_statistics_from_stored_events(tmp_path: Path) -> None:
    with EventStore(tmp_path / "log.db") as store:
        store.write_events(day_of_events())
        rows = store.update_hourly(0.0, 7200.0, seats=[("c1", "A1")])
        stored = store.hourly(camera_id="c1")
        assert [(r.hour_start_s, r.occupied_s, r.entries) for r in stored] == [
            (0.0, 3000.0, 1),
            (3600.0, 600.0, 0),
        ]
        assert stored[1].average_stay_s == 3600.0 and stored[1].stays == 1
        assert stored[1].abandoned_s == pytest.approx(1200.0)
        assert stored[1].unknown_s == pytest.approx(300.0)
        assert len(rows) == 2
        # Recomputing replaces the rows of the same seat and hour.
        store.update_hourly(0.0, 7200.0, seats=[("c1", "A1")])
        assert len(store.hourly()) == 2
        # Every seat with events by default.
        store.update_hourly(0.0, 3600.0)
        assert {(r.camera_id, r.seat_id) for r in store.hourly(end_s=3600.0)} == {
            ("c1", "A1"),
            ("c2", "B1"),
        }
        store.write_hourly(
            [{"camera_id": "c3", "seat_id": "C1", "hour_start_s": 0.0, "occupied_s": 60.0}]
        )
        assert store.hourly(camera_id="c3")[0].occupied_s == 60.0
        assert store.delete_before(3600.0) == 2
        assert [e.time_s for e in store.events()] == [4200.0, 4800.0, 6000.0, 6300.0, 6600.0]
        assert all(r.hour_start_s >= 3600.0 for r in store.hourly())


def test_concurrent_writers_and_a_reader(tmp_path: Path) -> None:
    path = tmp_path / "log.db"
    store = EventStore(path, max_pending=7)
    reader = sqlite3.connect(path)

    def write(camera: str) -> None:
        for t in range(200):
            store.write_events([Event(EventType.PERSON_ENTER, float(t), camera, "A1")])

    threads = [threading.Thread(target=write, args=(f"c{n}",)) for n in range(4)]
    for thread in threads:
        thread.start()
    for _ in range(20):  # WAL: reading while the writers commit never blocks or errors
        reader.execute("SELECT COUNT(*) FROM events").fetchone()
    for thread in threads:
        thread.join()
    store.close()
    assert reader.execute("SELECT COUNT(*) FROM events").fetchone()[0] == 800
    reader.close()


def one_cycle(time_s: float, events: list[Event], state: SeatState) -> MonitorUpdate:
    """A monitor cycle of one camera with one seat."""
    seat = SeatStatus(state, since_s=time_s, occupied_since_s=time_s, last_update_s=time_s)
    camera = CameraStatus(online=True, people=1, health={}, seats={"A1": seat}, frame_time_s=time_s)
    return MonitorUpdate(time_s=time_s, events=events, cameras={"c1": camera})


def test_a_durable_update_is_on_disk_at_once_with_its_statuses(tmp_path: Path) -> None:
    path = tmp_path / "log.db"
    store = EventStore(path, flush_interval_s=3600)
    enter = Event(EventType.PERSON_ENTER, 10.0, "c1", "A1", 0.9)
    assert not store.write_update(one_cycle(9.0, [], SeatState.EMPTY))  # waits in memory
    assert rows_in(path, "seat_status") == 0
    assert store.write_update(one_cycle(10.0, [enter], SeatState.OCCUPIED), durable=True)
    # Another reader (a process started after a SIGKILL) sees the event and what it led to.
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT type, time_s FROM events").fetchall() == [("person_enter", 10.0)]
        assert db.execute("SELECT state, updated_s FROM seat_status").fetchall() == [
            ("occupied", 10.0)
        ]
        assert db.execute("SELECT * FROM camera_status").fetchall() == [("c1", 1, 10.0, 10.0)]
    with EventStore(path) as again:
        assert again.camera_statuses() == {
            "c1": {"online": True, "last_frame_time_s": 10.0, "updated_s": 10.0}
        }
    store.close()


def test_a_full_disk_keeps_the_events_in_memory_says_so_once_and_catches_up(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "log.db"
    store = EventStore(path, flush_interval_s=3600)
    store.write_update(one_cycle(0.0, [], SeatState.EMPTY), durable=True)
    # SQLite itself refuses to grow the file past its size now: SQLITE_FULL, as on a full disk.
    store.set_max_bytes(store.size_bytes())
    padding = {"evidence": "x" * 2000}

    def cycle_with_an_event(t: float) -> bool:
        enter = Event(EventType.PERSON_ENTER, t, "c1", "A1", data=padding)
        return store.write_update(one_cycle(t, [enter], SeatState.OCCUPIED), durable=True)

    # The file's free pages take the first events; then the disk is full.
    on_disk = 0
    while cycle_with_an_event(float(on_disk + 1)):
        on_disk += 1
        assert on_disk < 20
    assert not cycle_with_an_event(float(on_disk + 2)) and not cycle_with_an_event(on_disk + 3.0)
    health = store.health()
    assert not health.writable and health.pending_events == 3
    assert health.error is not None and "full" in health.error
    assert rows_in(path, "events") == on_disk
    assert len(store.events()) == on_disk  # reading goes on while the disk is full
    said = [r for r in caplog.records if "keeping the events in memory" in r.getMessage()]
    assert len(said) == 1
    store.set_max_bytes(None)  # space is back
    assert store.write_update(one_cycle(50.0, [], SeatState.OCCUPIED), durable=True)
    assert store.health().writable and store.health().pending_events == 0
    assert [e.time_s for e in store.events()] == [float(t) for t in range(1, on_disk + 4)]
    assert store.seat_statuses()["c1/A1"].since_s == 50.0
    assert any("written again, nothing lost" in r.getMessage() for r in caplog.records)
    store.close()

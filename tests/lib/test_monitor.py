"""The monitor: its cycles measure themselves, events are written before they are told, a
restart resumes seats and cameras, and a camera that is down says why."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import cv2
import numpy as np

from seatsense.core.engine import Event, EventType
from seatsense.core.status import CycleStats, MonitorUpdate, SeatPictures
from seatsense.live.monitor import Monitor, instant_states
from seatsense.live.store import EventStore
from seatsense.sources import PushSource
from seatsense.vision.detect import Detector
from seatsense.vision.gate import GateSettings
from tests.lib.zidane_room import SITE, ZIDANE


def test_every_cycle_reports_its_timings_and_counts(detector: Detector) -> None:
    source = PushSource()
    monitor = Monitor(
        SITE,
        detector,
        sources={"cam": source},
        gate_settings=GateSettings(recheck_s=2.0),
        offline_after_s=5,
        clock=lambda: 0.0,
    )
    stats: list[CycleStats] = []
    remove = monitor.add_stats_listener(stats.append)

    source.push(ZIDANE, 0.0)
    first = monitor.step(now_s=0.0)
    cold = stats[-1]
    assert (cold.time_s, cold.cameras_online, cold.cameras_fresh, cold.cameras_inferred) == (
        0.0,
        1,
        1,
        1,
    )
    assert cold.crops_inferred >= 1 and cold.people == first.cameras["cam"].people >= 2
    assert 0 < cold.pipeline_s <= cold.events_out_s <= cold.step_s
    assert cold.thread_cpu_s > 0 and cold.cameras_rechecked == 0 and cold.events == 0

    monitor.step(now_s=0.5)  # no new frame: nothing to infer
    idle = stats[-1]
    assert (idle.cameras_online, idle.cameras_fresh, idle.cameras_inferred) == (1, 0, 0)
    assert idle.crops_inferred == 0 and idle.pipeline_s == 0.0

    source.push(ZIDANE, 1.0)  # the same picture: the gate reuses the verdicts, seats enter
    entered = monitor.step(now_s=1.0)
    reused = stats[-1]
    assert (reused.cameras_fresh, reused.cameras_inferred, reused.crops_inferred) == (1, 0, 0)
    assert reused.events == len(entered.events) == 2 and reused.pipeline_s > 0

    source.push(ZIDANE, 2.0)  # the periodic re-check is due: it runs after the events
    monitor.step(now_s=2.0)
    rechecked = stats[-1]
    assert rechecked.cameras_inferred == 0
    assert rechecked.cameras_rechecked == 1 and rechecked.crops_rechecked == cold.crops_inferred
    assert rechecked.events_out_s < rechecked.step_s

    monitor.step(now_s=10.0)  # the camera's newest frame is too old: offline
    offline = stats[-1]
    assert (offline.cameras_online, offline.events, offline.frame_ages_s) == (0, 1, ())
    assert len(stats) == 5

    remove()
    monitor.step(now_s=11.0)
    assert len(stats) == 5


def test_frame_ages_come_from_the_cameras_clock(detector: Detector) -> None:
    source = PushSource()
    monitor = Monitor(SITE, detector, sources={"cam": source}, clock=lambda: 3.5)
    stats: list[CycleStats] = []
    monitor.add_stats_listener(stats.append)
    source.push(ZIDANE, 1.0)
    monitor.step()
    assert stats[-1].frame_ages_s == (2.5,)


def test_a_failing_stats_listener_does_not_stop_the_others(detector: Detector) -> None:
    source = PushSource()
    monitor = Monitor(SITE, detector, sources={"cam": source}, clock=lambda: 0.0)

    def broken(_stats: CycleStats) -> None:
        raise RuntimeError("broken listener")

    stats: list[CycleStats] = []
    monitor.add_stats_listener(broken)
    monitor.add_stats_listener(stats.append)
    source.push(ZIDANE, 0.0)
    monitor.step()
    assert len(stats) == 1


def test_events_are_on_disk_before_any_listener_hears_of_them(
    detector: Detector, tmp_path: Path
) -> None:
    path = tmp_path / "log.db"
    source = PushSource()
    store = EventStore(path, flush_interval_s=3600)
    monitor = Monitor(SITE, detector, store=store, sources={"cam": source}, clock=lambda: 0.0)
    seen_on_disk: list[list[tuple[str, str]]] = []

    def listener(update: MonitorUpdate) -> None:
        with sqlite3.connect(path) as db:  # what a process started after a SIGKILL would read
            seen_on_disk.append(db.execute("SELECT type, seat_id FROM events").fetchall())

    monitor.add_listener(listener)
    for t in (0.0, 1.0):
        source.push(ZIDANE, t)
        monitor.step(now_s=t)
    assert seen_on_disk[0] == []
    assert sorted(seen_on_disk[1]) == [("person_enter", "left"), ("person_enter", "right")]
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT seat_id, state FROM seat_status ORDER BY 1").fetchall() == [
            ("left", "occupied"),
            ("right", "occupied"),
        ]
    store.close()


def test_a_restarted_monitor_resumes_seats_and_cameras_without_new_events(
    detector: Detector, tmp_path: Path
) -> None:
    path = tmp_path / "log.db"
    first_source = PushSource()
    store = EventStore(path, flush_interval_s=3600)
    first = Monitor(SITE, detector, store=store, sources={"cam": first_source}, clock=lambda: 0.0)
    for t in (0.0, 1.0, 2.0):
        first_source.push(ZIDANE, t)
        first.step(now_s=t)
    # No clean stop: the process dies here, its store is never closed.
    again = EventStore(path)
    source = PushSource()
    second = Monitor(
        SITE,
        detector,
        store=again,
        sources={"cam": source},
        offline_after_s=5,
        restore=again.seat_statuses(),
        restore_cameras=again.camera_statuses(),
    )
    waiting = second.step(now_s=4.0)  # no frame yet, but the last one is recent: no event
    assert waiting.events == [] and waiting.cameras["cam"].online
    assert instant_states(waiting) == {"cam": {"right": "occupied", "left": "occupied"}}
    events = []
    for t in (5.0, 6.0, 7.0):
        source.push(ZIDANE, t)
        events += second.step(now_s=t).events
    assert events == []  # no second person_enter for seats occupied throughout
    seats = second.status().cameras["cam"].seats
    assert {seat.occupied_since_s for seat in seats.values()} == {0.0}  # the stays' clocks
    assert [e.type for e in again.events()] == [EventType.PERSON_ENTER] * 2
    again.close()


def test_a_camera_that_never_delivers_says_why_once(detector: Detector) -> None:
    source = PushSource()
    monitor = Monitor(SITE, detector, sources={"cam": source}, offline_after_s=5)
    assert monitor.step(now_s=0.0).events == []  # still connecting: no verdict yet
    source.fail("rtsp://admin:hunter2@10.0.0.5/ch1: Connection refused")
    offline = monitor.step(now_s=1.0).events
    assert [(e.type, e.data["reason"]) for e in offline] == [
        (EventType.CAMERA_OFFLINE, "rtsp://10.0.0.5/ch1: Connection refused")
    ]
    assert monitor.step(now_s=2.0).events == []  # said once
    source.push(ZIDANE, 3.0)
    assert [e.type for e in monitor.step(now_s=3.0).events] == [EventType.CAMERA_ONLINE]
    quiet = Monitor(SITE, detector, sources={"cam": PushSource()}, offline_after_s=5)
    assert quiet.step(now_s=0.0).events == []
    timed_out = quiet.step(now_s=5.0).events  # nothing from the source within offline_after_s
    assert [(e.type, e.data["reason"]) for e in timed_out] == [(EventType.CAMERA_OFFLINE, None)]


def test_belongings_left_before_or_during_a_restart_are_seen_after_it(
    detector: Detector, tmp_path: Path
) -> None:
    """In the demo, B3 leaves a laptop and a bag at 300 s, and a bag and books land on A3 at
    650 s, while the monitor is down. Belongings are told from the desk only against the
    seat's empty picture, which comes back with the restart: B3 stays `away` and A3 becomes
    `away` (without it, B3's belongings read as removed and A3's as part of the desk)."""
    from seatsense.demo import demo_site, render

    site = demo_site(interval_s=15.0)
    path = tmp_path / "log.db"

    def run(monitor: Monitor, source: PushSource, times: range) -> list[Event]:
        events = []
        for t in times:
            source.push(render(float(t)), float(t))
            events += monitor.step(now_s=float(t)).events
        return events

    source = PushSource()
    first = Monitor(site, detector, store=EventStore(path), sources={"demo": source})
    run(first, source, range(0, 631, 15))
    assert first.status().cameras["demo"].seats["B3"].state.value == "away"
    # SIGKILL: the first monitor and its store are simply abandoned.
    store = EventStore(path)
    assert {"A3", "B3"} <= set(store.camera_references()["demo"].seat_ids)
    source = PushSource()
    second = Monitor(
        site,
        detector,
        store=store,
        sources={"demo": source},
        restore=store.seat_statuses(),
        restore_cameras=store.camera_statuses(),
        restore_references=store.camera_references(),
    )
    after = run(second, source, range(660, 721, 15))
    assert [(e.type.value, e.seat_id) for e in after if e.seat_id in ("A3", "B3")] == []
    seats = second.status().cameras["demo"].seats
    assert (seats["B3"].state.value, seats["A3"].state.value) == ("away", "away")
    store.close()


def test_a_restart_keeps_which_seat_pictures_staff_captured(
    detector: Detector, tmp_path: Path
) -> None:
    """A captured picture vouches that a faint figure on the seat is part of it; a learned
    one does not (`CameraEvidence`): the difference outlives a restart."""
    path = tmp_path / "log.db"
    source = PushSource()
    store = EventStore(path)
    first = Monitor(SITE, detector, store=store, sources={"cam": source})
    source.push(ZIDANE, 0.0)
    first.step(now_s=0.0)
    first.capture_baseline("cam", "left")
    first.pipeline.cameras["cam"].evidence.learn(ZIDANE, ["right"])
    first.step(now_s=0.0)  # keeps both pictures in the store
    store.close()
    store = EventStore(path)
    kept = store.camera_references()["cam"]
    assert kept.captured == ("left",) and set(kept.seat_ids) == {"left", "right"}
    second = Monitor(
        SITE, detector, sources={"cam": PushSource()}, restore_references={"cam": kept}
    )
    evidence = second.pipeline.cameras["cam"].evidence
    assert evidence.has_reference("right") and evidence.captured_seats() == ["left"]
    store.close()


def test_pictures_that_do_not_fit_the_camera_are_learned_afresh(detector: Detector) -> None:
    small = bytes(cv2.imencode(".png", np.zeros((10, 10), np.uint8))[1])
    monitor = Monitor(
        SITE,
        detector,
        sources={"cam": PushSource()},
        restore_references={
            "cam": SeatPictures(small, ("left",)),
            "gone": SeatPictures(small, ("x",)),
            "x": SeatPictures(b"?", ()),
        },
    )
    assert not monitor.pipeline.cameras["cam"].evidence.has_reference("left")

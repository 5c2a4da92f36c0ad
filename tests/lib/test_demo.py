"""The demo scenario: deterministic frames, exact truth, and the bundled model agreeing with it."""

from __future__ import annotations

import statistics
import time
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import pytest
from shapely.geometry import Point, Polygon

from seatsense.core.engine import EngineSettings, Event, EventType, Observation, SeatEngine
from seatsense.demo import (
    ASSETS_DIR,
    CAMERA_ID,
    SEAT_IDS,
    DemoScene,
    DemoSource,
    ExpectedEvent,
    Item,
    Timeline,
    Visit,
    Walk,
    compare_events,
    default_timeline,
    demo_site,
    person_names,
    render,
)
from seatsense.vision.detect import Detections, Detector

ENTER = EventType.PERSON_ENTER
LEAVE = EventType.PERSON_LEAVE
ABANDONED = EventType.ABANDONED_DETECTED
REMOVED = EventType.BELONGINGS_REMOVED

# Between them these moments seat someone at every seat that is ever occupied.
CHECK_TIMES = (200.0, 600.0, 1250.0, 1500.0)


@pytest.fixture(scope="module")
def polygons() -> dict[str, Polygon]:
    return {seat.id: Polygon(seat.polygon) for seat in demo_site().camera(CAMERA_ID).seats}


def hips(people: Detections, index: int) -> Point:
    assert people.keypoints is not None
    x, y = people.keypoints[index, 11:13, :2].mean(axis=0)
    return Point(float(x), float(y))


# -- frames ---------------------------------------------------------------------------------


def test_render_is_deterministic_for_a_time_and_differs_between_times() -> None:
    first = render(615.0)
    assert first.shape == (720, 1280, 3) and first.dtype == np.uint8
    assert np.array_equal(first, render(615.0))
    # A scene built afresh (another process, a restart) draws the same frame.
    assert np.array_equal(first, DemoScene(default_timeline()).render(615.0))
    # Sensor noise changes from frame to frame even when nothing in the room does.
    assert not np.array_equal(first, render(618.0))


def test_render_is_fast() -> None:
    render(0.0)  # the scene is built once
    took = []
    for k in range(15):
        start = time.perf_counter()
        render(100.0 + 3 * k)
        took.append(time.perf_counter() - start)
    # About 10 ms here; generous for a busy machine.
    assert statistics.median(took) < 0.05


def test_lighting_drifts_but_mildly() -> None:
    brightness = [float(render(t).mean()) for t in (0.0, 300.0, 600.0, 900.0)]
    assert max(brightness) - min(brightness) > 2
    assert max(brightness) - min(brightness) < 0.15 * statistics.mean(brightness)


def test_assets_are_small_feathered_cut_outs() -> None:
    assert set(person_names()) >= {"coat", "shades", "zidane", "ancelotti", "walker"}
    for path in sorted(Path(ASSETS_DIR).glob("*.png")):
        assert path.stat().st_size < 300_000, path.name
        image = cv2.imread(str(path), cv2.IMREAD_UNCHANGED)
        assert image is not None and image.shape[2] == 4, path.name
        alpha = image[:, :, 3]
        soft = np.count_nonzero((alpha > 10) & (alpha < 245))
        assert soft > 0.02 * np.count_nonzero(alpha > 10), f"{path.name}: hard edges"


# -- truth ----------------------------------------------------------------------------------


def test_truth_follows_the_story() -> None:
    timeline = default_timeline()
    assert set(timeline.truth_at(0.0).values()) == {"empty"}
    assert timeline.truth_at(200.0)["B2"] == "occupied"
    assert timeline.truth_at(480.0)["B2"] == "belongings"  # the 2-minute break
    assert timeline.truth_at(1000.0)["B2"] == "empty"  # left for good, took everything
    assert timeline.truth_at(900.0)["B3"] == "belongings"  # the 15-minute absence
    assert timeline.truth_at(700.0)["A3"] == "belongings"  # a bag, nobody ever sits
    assert timeline.truth_at(1400.0)["A3"] == "empty"


def test_truth_ignores_the_walk_and_intervals_are_half_open() -> None:
    timeline = default_timeline()
    for walk in timeline.walks:
        before = timeline.truth_at(walk.start_s - 0.5)
        for dt in (0.0, 1.0, 2.5, 5.0):
            assert timeline.truth_at(walk.start_s + dt) == before
    visit = timeline.visits[0]
    assert timeline.truth_at(visit.start_s)[visit.seat] == "occupied"
    assert timeline.truth_at(visit.end_s)[visit.seat] != "occupied"


def test_truth_matches_what_is_drawn() -> None:
    """Every truth change shows in the seat's pixels; nothing changes where the truth holds."""
    timeline = default_timeline()
    site = demo_site()
    masks = {}
    for drawn in site.camera(CAMERA_ID).seats:
        mask = np.zeros((720, 1280), np.uint8)
        cv2.fillPoly(mask, [np.round(np.asarray(drawn.polygon)).astype(np.int32)], 1)
        masks[drawn.id] = mask.astype(bool)
    scene = DemoScene(timeline)
    for t0, t1 in ((25.0, 35.0), (415.0, 425.0), (295.0, 305.0), (645.0, 655.0)):
        a, b = scene.render(t0).astype(np.int16), scene.render(t1).astype(np.int16)
        changed = np.abs(a - b).max(axis=2) > 40
        truth0, truth1 = timeline.truth_at(t0), timeline.truth_at(t1)
        for seat in SEAT_IDS:
            fraction = changed[masks[seat]].mean()
            if truth0[seat] != truth1[seat]:
                assert fraction > 0.01, (seat, t0, t1)
            elif truth0[seat] != "occupied":  # seated people sway a little
                assert fraction < 0.005, (seat, t0, t1, fraction)


# -- the bundled model on rendered frames ---------------------------------------------------


@pytest.mark.parametrize("t", CHECK_TIMES)
def test_detector_sees_a_person_at_each_occupied_seat_and_none_elsewhere(
    detector: Detector, polygons: dict[str, Polygon], t: float
) -> None:
    people = detector.detect([render(t)])[0].people
    truth = default_timeline().truth_at(t)
    found: dict[str, list[float]] = {seat: [] for seat in SEAT_IDS}
    for i in range(len(people)):
        for seat, polygon in polygons.items():
            if polygon.contains(hips(people, i)):
                found[seat].append(round(float(people.confidence[i]), 2))
    for seat in SEAT_IDS:
        if truth[seat] == "occupied":
            assert len(found[seat]) == 1 and found[seat][0] >= 0.5, (seat, found)
        else:
            assert found[seat] == [], (seat, truth[seat], found)
    # Nobody is seen anywhere but at the seats.
    assert len(people) == sum(1 for v in truth.values() if v == "occupied")


def test_every_seat_someone_uses_is_covered_by_the_detector_test() -> None:
    timeline = default_timeline()
    used = {visit.seat for visit in timeline.visits}
    covered = {s for t in CHECK_TIMES for s, v in timeline.truth_at(t).items() if v == "occupied"}
    assert used == covered


@pytest.mark.slow
def test_the_walker_is_seen_but_never_two_samples_running_in_one_seat(
    detector: Detector, polygons: dict[str, Polygon]
) -> None:
    timeline = default_timeline()
    for walk in timeline.walks:
        # One sample a second is stricter than any interval the product uses (1-5 s).
        times = [walk.start_s - 1 + k for k in range(int(walk.duration_s) + 3)]
        frames = [render(t) for t in times]
        runs = dict.fromkeys(SEAT_IDS, 0)
        seen = 0
        for people in detector.detect(frames):
            heights = people.xyxy[:, 3] - people.xyxy[:, 1]
            # Seated people show 130-210 px above their desks; the walker stands ~300 px tall.
            walker = [i for i in range(len(people)) if heights[i] > 250]
            assert len(walker) <= 1
            seen += len(walker)
            inside = {s for i in walker for s, p in polygons.items() if p.contains(hips(people, i))}
            for seat in SEAT_IDS:
                runs[seat] = runs[seat] + 1 if seat in inside else 0
                assert runs[seat] <= 1, (walk, seat)
        assert seen >= 4, walk


# -- expected events ------------------------------------------------------------------------


def test_expected_events_tell_the_story() -> None:
    events = default_timeline().expected_events(3.0)
    assert [e.time_s for e in events] == sorted(e.time_s for e in events)
    by_seat: dict[str, list[tuple[EventType, float]]] = {}
    for event in events:
        assert event.camera_id == CAMERA_ID and event.seat_id in SEAT_IDS
        by_seat.setdefault(event.seat_id, []).append((event.type, event.time_s))
    # A 2-minute break: leave and come back, never abandoned, belongings go with the person.
    assert by_seat["B2"] == [(ENTER, 30.0), (LEAVE, 420.0), (ENTER, 540.0), (LEAVE, 1002.0)]
    # 15 minutes away with the laptop left: abandoned 600 s after leaving.
    assert by_seat["B3"] == [
        (ENTER, 60.0), (LEAVE, 300.0), (ABANDONED, 900.0), (ENTER, 1200.0), (LEAVE, 1500.0)
    ]
    # A bag and nobody: hogging, then cleared.
    assert by_seat["A3"] == [(ABANDONED, 1251.0), (REMOVED, 1401.0)]
    assert all(kind in (ENTER, LEAVE) for seat in ("A1", "A2", "A4", "B1", "B4")
               for kind, _ in by_seat[seat])
    assert len(events) == 21


@pytest.mark.parametrize("interval_s", [1.0, 2.0, 3.0, 4.5, 7.0])
def test_expected_events_are_what_the_seat_engine_makes_of_the_truth(interval_s: float) -> None:
    timeline = default_timeline()
    settings = EngineSettings()
    engines = {seat: SeatEngine(seat, CAMERA_ID, settings) for seat in SEAT_IDS}
    actual: list[Event] = []
    for t in timeline.sample_times(interval_s):
        truth = timeline.truth_at(t)
        for seat, engine in engines.items():
            observation = Observation(
                person=truth[seat] == "occupied", belongings=truth[seat] == "belongings"
            )
            actual += engine.update(observation, t)
    result = compare_events(actual, timeline.expected_events(interval_s, settings), 0.0)
    assert result.ok, result.report()


def test_expected_events_follow_the_settings() -> None:
    timeline = default_timeline()
    quick = EngineSettings(abandoned_after_s=100.0)
    events = timeline.expected_events(3.0, quick)
    b2 = [(e.type, e.time_s) for e in events if e.seat_id == "B2"]
    assert (ABANDONED, 522.0) in b2  # now even the 2-minute break counts as hogging
    late = timeline.expected_events(3.0, EngineSettings(exit_grace_s=150.0))
    # With a grace longer than the break, B2's stay is one unbroken visit.
    assert [e.type for e in late if e.seat_id == "B2"] == [ENTER, LEAVE]


def test_expected_events_with_a_late_start_and_an_early_end() -> None:
    events = default_timeline().expected_events(3.0, start_s=450.0, end_s=700.0)
    # B2's break was already under way: its return is an entry, with nothing before it.
    assert [(e.seat_id, e.type, e.time_s) for e in events if e.seat_id == "B2"] == [
        ("B2", ENTER, 540.0)
    ]
    assert max(e.time_s for e in events) <= 700.0


# -- compare_events ---------------------------------------------------------------------------


def test_compare_events_matches_within_tolerance_and_reports_the_rest() -> None:
    expected = [
        ExpectedEvent(ENTER, "B1", 30.0),
        ExpectedEvent(LEAVE, "B1", 420.0),
        ExpectedEvent(ABANDONED, "B3", 900.0),
    ]
    actual: list[Event | ExpectedEvent | dict[str, Any]] = [
        Event(ENTER, 33.0, CAMERA_ID, "B1"),  # within 3 s
        Event(LEAVE, 430.0, CAMERA_ID, "B1"),  # 10 s late: missing and spurious
        Event(EventType.CAMERA_ONLINE, 0.0, CAMERA_ID),  # camera events are not compared
        {"type": "abandoned_detected", "seat_id": "B3", "time_s": 897.0},
        {"type": "person_enter", "seat_id": "B2", "time_s": 50.0},  # never expected
    ]
    result = compare_events(actual, expected, tolerance_s=3.0)
    assert [(e.seat_id, e.type) for e, _ in result.matched] == [("B1", ENTER), ("B3", ABANDONED)]
    assert [(e.seat_id, e.type, e.time_s) for e in result.missing] == [("B1", LEAVE, 420.0)]
    assert [(e.seat_id, e.type, e.time_s) for e in result.spurious] == [
        ("B2", ENTER, 50.0), ("B1", LEAVE, 430.0)
    ]
    assert not result.ok and result.max_error_s == 3.0
    assert "missing  B1 person_leave at 420" in result.report()


def test_compare_events_pairs_repeated_events_in_order() -> None:
    expected = [ExpectedEvent(ENTER, "A1", t) for t in (10.0, 20.0, 30.0)]
    actual = [ExpectedEvent(ENTER, "A1", t) for t in (31.0, 9.0, 21.0)]
    result = compare_events(actual, expected, tolerance_s=1.0)
    assert result.ok and [a.time_s for _, a in result.matched] == [9.0, 21.0, 31.0]
    # A duplicate is spurious even when it lies within the tolerance of a matched event.
    twice = compare_events([*actual, ExpectedEvent(ENTER, "A1", 10.5)], expected, 1.0)
    assert len(twice.matched) == 3 and [e.time_s for e in twice.spurious] == [10.5]
    with pytest.raises(ValueError):
        compare_events([], [], -1.0)


def test_compare_events_of_the_truth_with_itself_is_perfect() -> None:
    events = default_timeline().expected_events(3.0)
    result = compare_events([e.to_dict() for e in events], events, 0.0)
    assert result.ok and len(result.matched) == len(events)


# -- timeline file form and validation --------------------------------------------------------


@pytest.mark.parametrize("suffix", [".json", ".yaml"])
def test_timeline_round_trips_through_a_file(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"timeline{suffix}"
    default_timeline().save(path)
    assert Timeline.load(path) == default_timeline()


def test_timeline_loads_a_hand_written_yaml(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(
        "duration_s: 300\n"
        "visits: [{seat: B2, person: coat, start_s: 10, end_s: 200}]\n"
        "items: [{seat: B2, kind: laptop, start_s: 10, end_s: 250}]\n"
        "walks: [{person: walker, start_s: 100}]\n",
        encoding="utf-8",
    )
    timeline = Timeline.load(path)
    assert timeline.walks == (Walk("walker", 100.0),)
    assert timeline.truth_at(220.0)["B2"] == "belongings"
    assert render(150.0, timeline).shape == (720, 1280, 3)


@pytest.mark.parametrize(
    ("timeline_args", "message"),
    [
        ({"visits": (Visit("Z9", "coat", 0, 10),)}, "unknown seat"),
        ({"visits": (Visit("B1", "coat", 0, 10), Visit("B1", "zidane", 5, 20))}, "overlap"),
        ({"visits": (Visit("B1", "coat", 10, 10),)}, "start_s < end_s"),
        ({"items": (Item("B1", "piano", 0, 10),)}, "unknown kind"),
    ],
)
def test_timeline_rejects_nonsense(timeline_args: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Timeline(duration_s=60.0, **timeline_args)  # type: ignore[arg-type]


def test_unknown_people_fail_when_the_scene_is_built() -> None:
    with pytest.raises(ValueError, match="unknown demo person"):
        DemoScene(Timeline(60.0, visits=(Visit("B1", "nobody", 0, 10),)))


# -- site and source --------------------------------------------------------------------------


def test_demo_site_has_the_drawn_seats() -> None:
    site = demo_site(interval_s=2.0)
    camera = site.camera(CAMERA_ID)
    assert site.interval_s == 2.0 and (camera.width, camera.height) == (1280, 720)
    assert tuple(seat.id for seat in camera.seats) == SEAT_IDS
    shapes = [Polygon(seat.polygon) for seat in camera.seats]
    assert all(a.intersection(b).area == 0 for i, a in enumerate(shapes) for b in shapes[i + 1:])


def test_demo_source_yields_scenario_times_and_paces_to_speed() -> None:
    source = DemoSource(interval_s=5.0, start_s=100.0, end_s=120.0)
    samples = list(source)
    assert [s.time_s for s in samples] == [100.0, 105.0, 110.0, 115.0, 120.0] == source.times()
    assert len(source) == 5 and source.fps == 0.2
    assert np.array_equal(samples[2].frame, render(110.0))
    paced = DemoSource(interval_s=5.0, end_s=10.0, speed=100.0)  # 5 scenario s = 50 ms
    start = time.monotonic()
    assert [s.time_s for s in paced] == [0.0, 5.0, 10.0]
    assert time.monotonic() - start >= 0.095


def test_demo_source_latest_is_on_the_sample_grid_and_loops() -> None:
    source = DemoSource(interval_s=3.0, speed=2000.0, end_s=30.0, loop=True)
    source.start()
    times = []
    for _ in range(10):
        times.append(source.scenario_time())
        time.sleep(0.01)
    assert all(t % 3.0 == 0 for t in times) and times == sorted(times)
    assert times[-1] > 30.0  # looping: the story repeats, time goes on
    assert all(0.0 <= source.story_time(t) <= 30.0 for t in times)
    assert source.story_time(33.0) == 0.0 and source.story_time(66.0) == 0.0
    latest = source.latest()
    assert latest.time_s >= times[-1] and latest.frame.shape == (720, 1280, 3)
    once = DemoSource(interval_s=3.0, speed=2000.0, end_s=30.0)
    once.start()
    time.sleep(0.05)
    assert once.scenario_time() == 30.0


def test_demo_source_from_a_demo_address(tmp_path: Path) -> None:
    default = DemoSource.from_uri("demo:default")
    assert default.timeline == default_timeline() and default.speed is None
    path = tmp_path / "short.json"
    Timeline(120.0, visits=(Visit("B1", "coat", 10, 100),)).save(path)
    source = DemoSource.from_uri(f"demo:{path}?speed=30&end=60", interval_s=10.0)
    assert source.speed == 30.0 and source.times()[-1] == 60.0
    assert source.frame_at(30.0).sequence == 3
    assert demo_site().camera(CAMERA_ID).source == "demo:default"
    with pytest.raises(ValueError, match="unknown options"):
        DemoSource.from_uri("demo:default?fast=1")


def test_the_pipeline_tells_the_whole_demo_story() -> None:
    """End to end: every rendered sample through the bundled model, evidence and engines; every
    event within one sample interval of the timeline's truth, none missing, none spurious
    (abandoned for the 15-minute absence with items, not for the 2-minute break)."""
    from seatsense.core.engine import EventType
    from seatsense.demo import DemoSource, compare_events, demo_site
    from seatsense.vision.pipeline import Pipeline

    interval_s = 5.0
    pipeline = Pipeline(demo_site(interval_s=interval_s))
    events = []
    for sample in DemoSource(interval_s=interval_s):
        events += pipeline.update({"demo": (sample.frame, sample.time_s)}).events
    expected = default_timeline().expected_events(interval_s)
    comparison = compare_events(events, expected, tolerance_s=interval_s)
    assert comparison.ok, comparison.report()
    abandoned = {e.seat_id for e in events if e.type is EventType.ABANDONED_DETECTED}
    assert abandoned == {e.seat_id for e in expected if e.type is EventType.ABANDONED_DETECTED}

"""The seat engine, walked transition by transition with explicit times.

Samples come every 3 s unless a scenario says otherwise; the README's defaults (Seat states):
2 samples to enter, 30 s exit grace, 600 s until belongings count as abandoned.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterable
from dataclasses import replace

import pytest

from seatsense.core.engine import (
    EngineSettings,
    Event,
    EventType,
    Observation,
    SeatEngine,
    SeatState,
    SeatStatus,
)

PERSON = Observation(person=True, person_score=0.9)
NOBODY = Observation(person=False, person_score=0.1)
BAG = Observation(person=False, belongings=True, belongings_score=0.8)


def feed(engine: SeatEngine, observation: Observation, times: Iterable[float]) -> list[Event]:
    """Give the engine the same observation at each of `times`; all events it returned."""
    events: list[Event] = []
    for t in times:
        events += engine.update(observation, t)
    return events


def every(start: float, stop: float, step: float = 3.0) -> list[float]:
    """Sample times from `start` to `stop`, both included."""
    count = round((stop - start) / step)
    return [start + i * step for i in range(count + 1)]


def types(events: list[Event]) -> list[str]:
    return [event.type.value for event in events]


def seated(start: float = 0.0, stop: float = 3.0) -> SeatEngine:
    """An engine with a person seen from `start` to `stop` (so seated since `start`)."""
    engine = SeatEngine("A1", camera_id="cam1")
    assert types(feed(engine, PERSON, every(start, stop))) == ["person_enter"]
    return engine


def restored(status: SeatStatus) -> SeatStatus:
    return SeatStatus.from_dict(json.loads(json.dumps(status.to_dict())))


# -- a seat never seen ---------------------------------------------------------------------------


def test_new_seat_is_unknown_until_its_first_sample_starts_the_vacancy_clock() -> None:
    engine = SeatEngine("A1")
    assert engine.status.state is SeatState.UNKNOWN
    assert engine.status.vacant_s(100.0) is None

    assert engine.update(NOBODY, 100.0) == []

    assert engine.status.state is SeatState.EMPTY
    assert engine.status.since_s == 100.0
    assert engine.status.vacant_s(160.0) == 60.0
    assert engine.status.stay_s(160.0) is None


# -- enter debounce -------------------------------------------------------------------------------


def test_one_sighting_is_someone_walking_past_not_an_entry() -> None:
    engine = SeatEngine("A1")
    # Person seen at t=0 only, absent from t=3 to t=120.
    events = feed(engine, PERSON, [0.0]) + feed(engine, NOBODY, every(3, 120))
    assert events == []
    assert engine.status.state is SeatState.EMPTY
    assert engine.status.vacant_s(120.0) == 120.0


def test_sightings_that_are_not_consecutive_do_not_enter() -> None:
    engine = SeatEngine("A1")
    # Seen at 0, 6 and 12, absent at 3, 9 and 15: three people walking past.
    for t in every(0, 15):
        assert engine.update(PERSON if t % 6 == 0 else NOBODY, t) == []
    assert engine.status.state is SeatState.EMPTY


def test_two_consecutive_sightings_enter_back_dated_to_the_first() -> None:
    engine = SeatEngine("A1", camera_id="cam1")
    assert engine.update(PERSON, 0.0) == []
    (enter,) = engine.update(Observation(person=True, person_score=0.75), 3.0)

    assert enter == Event(
        EventType.PERSON_ENTER, 0.0, "cam1", "A1", confidence=0.75, data={"person_score": 0.75}
    )
    status = engine.status
    assert status.state is SeatState.OCCUPIED
    assert (status.since_s, status.occupied_since_s, status.vacant_since_s) == (0.0, 0.0, None)
    assert status.stay_s(63.0) == 63.0
    assert status.vacant_s(63.0) is None


def test_enter_samples_setting_needs_that_many_sightings() -> None:
    engine = SeatEngine("A1", settings=EngineSettings(enter_samples=3))
    assert feed(engine, PERSON, [10.0, 13.0]) == []
    (enter,) = engine.update(PERSON, 16.0)
    assert enter.time_s == 10.0


def test_settings_reject_nonsense() -> None:
    with pytest.raises(ValueError):
        EngineSettings(enter_samples=0)
    with pytest.raises(ValueError):
        EngineSettings(exit_grace_s=-1)


# -- exit grace ----------------------------------------------------------------------------------


def test_leave_waits_for_the_grace_and_is_back_dated_to_the_first_absence() -> None:
    engine = seated(0, 3)
    # Absent from t=6: at t=33 only 27 s have passed.
    assert feed(engine, NOBODY, every(6, 33)) == []
    assert engine.status.state is SeatState.OCCUPIED

    (leave,) = engine.update(NOBODY, 36.0)  # 30 s after t=6: exactly the grace

    assert leave.type is EventType.PERSON_LEAVE
    assert leave.time_s == 6.0
    assert leave.data == {"stay_s": 6.0, "occupied_since_s": 0.0}
    assert leave.confidence == 1.0
    status = engine.status
    assert status.state is SeatState.EMPTY
    assert (status.since_s, status.vacant_since_s, status.occupied_since_s) == (6.0, 6.0, None)
    assert status.last_stay_s == 6.0


def test_docstring_scenario_absent_from_6_to_40() -> None:
    engine = seated(0, 3)
    assert engine.update(NOBODY, 6.0) == []
    (leave,) = engine.update(NOBODY, 40.0)
    assert (leave.time_s, leave.data["stay_s"]) == (6.0, 6.0)


def test_short_absence_inside_the_grace_keeps_the_stay() -> None:
    engine = seated(100, 103)
    # Absent from 106 to 130 (24 s), back at 133, gone again from 136.
    assert feed(engine, NOBODY, every(106, 130)) == []
    assert engine.update(PERSON, 133.0) == []
    assert feed(engine, NOBODY, every(136, 163)) == []
    (leave,) = engine.update(NOBODY, 166.0)
    assert leave.time_s == 136.0
    assert leave.data["stay_s"] == 36.0
    assert engine.status.last_stay_s == 36.0


def test_vacancy_clock_runs_from_the_back_dated_leave() -> None:
    engine = seated(0, 3)
    feed(engine, NOBODY, every(6, 36))
    assert engine.status.vacant_s(36.0) == 30.0
    assert engine.status.vacant_s(606.0) == 600.0
    feed(engine, NOBODY, every(39, 606))
    assert engine.status.since_s == 6.0  # still the same vacancy

    # The next person stops the clock; the next leave restarts it.
    feed(engine, PERSON, [609.0, 612.0])
    assert engine.status.vacant_s(612.0) is None
    feed(engine, NOBODY, every(615, 645))
    assert engine.status.vacant_since_s == 615.0
    assert engine.status.last_stay_s == 6.0


def test_zero_grace_leaves_at_the_first_absent_sample() -> None:
    engine = SeatEngine("A1", settings=EngineSettings(exit_grace_s=0))
    feed(engine, PERSON, [0.0, 3.0])
    (leave,) = engine.update(NOBODY, 6.0)
    assert (leave.time_s, leave.data["stay_s"]) == (6.0, 6.0)


# -- belongings: away, abandoned, removed --------------------------------------------------------


def test_leaving_belongings_makes_the_seat_away_then_abandoned_at_exactly_the_limit() -> None:
    engine = seated(0, 3)
    # The person goes at t=6 and leaves a bag.
    (leave,) = feed(engine, BAG, every(6, 36))
    assert leave.time_s == 6.0
    assert leave.confidence == pytest.approx(0.2)  # 1 - belongings score
    status = engine.status
    assert status.state is SeatState.AWAY
    assert (status.since_s, status.belongings_since_s, status.vacant_since_s) == (6.0, 6.0, 6.0)
    assert status.vacant_s(100.0) == 94.0

    assert feed(engine, BAG, every(39, 603)) == []  # 597 s unattended
    assert engine.status.state is SeatState.AWAY
    (hogging,) = engine.update(Observation(False, True, belongings_score=0.7), 606.0)

    assert hogging == Event(
        EventType.ABANDONED_DETECTED,
        606.0,
        "cam1",
        "A1",
        confidence=0.7,
        data={"belongings_score": 0.7, "belongings_since_s": 6.0, "unattended_s": 600.0},
    )
    assert engine.status.state is SeatState.ABANDONED
    assert engine.status.since_s == 606.0
    assert engine.status.vacant_since_s == 6.0  # the vacancy clock did not restart


def test_abandoned_comes_on_the_leave_sample_when_the_limit_is_shorter_than_the_grace() -> None:
    engine = SeatEngine("A1", settings=EngineSettings(abandoned_after_s=10))
    feed(engine, PERSON, [0.0, 3.0])
    assert types(feed(engine, BAG, every(6, 36))) == ["person_leave", "abandoned_detected"]
    assert engine.status.state is SeatState.ABANDONED


def test_belongings_placed_without_anyone_sitting_are_debounced() -> None:
    engine = SeatEngine("A1")
    feed(engine, NOBODY, [0.0, 3.0])
    # One frame with a bag (a shadow, a passer-by's bag) changes nothing.
    assert engine.update(BAG, 6.0) == []
    assert engine.update(NOBODY, 9.0) == []
    assert engine.status.state is SeatState.EMPTY

    # A bag at 12 and 15: away since 12, without an event; hogging 600 s after 12.
    assert feed(engine, BAG, [12.0, 15.0]) == []
    assert engine.status.state is SeatState.AWAY
    assert engine.status.belongings_since_s == 12.0
    assert engine.status.vacant_since_s == 0.0
    assert feed(engine, BAG, every(18, 609)) == []
    (hogging,) = engine.update(BAG, 612.0)
    assert hogging.data["belongings_since_s"] == 12.0


def test_belongings_seen_from_the_very_first_sample_at_time_zero() -> None:
    engine = SeatEngine("A1")
    assert feed(engine, BAG, [0.0, 3.0]) == []
    assert engine.status.state is SeatState.AWAY
    assert engine.status.since_s == 0.0
    assert engine.status.belongings_since_s == 0.0
    (hogging,) = feed(engine, BAG, every(6, 600))
    assert hogging.time_s == 600.0


@pytest.mark.parametrize("hog", [False, True], ids=["from_away", "from_abandoned"])
def test_belongings_removed_back_dated_to_the_first_clear_sample(hog: bool) -> None:
    engine = seated(0, 3)
    feed(engine, BAG, every(6, 36))
    if hog:
        feed(engine, BAG, every(39, 606))
    was = engine.status.state
    t = 1000.0 if hog else 100.0

    # One clear sample followed by the bag again is not a removal.
    assert engine.update(NOBODY, t) == []
    assert engine.update(BAG, t + 3) == []
    assert engine.update(Observation(False, belongings_score=0.1), t + 6) == []
    (removed,) = engine.update(Observation(False, belongings_score=0.25), t + 9)

    assert removed == Event(
        EventType.BELONGINGS_REMOVED,
        t + 6,
        "cam1",
        "A1",
        confidence=0.75,
        data={"belongings_score": 0.25, "was": was.value},
    )
    status = engine.status
    assert status.state is SeatState.EMPTY
    assert (status.since_s, status.belongings_since_s, status.vacant_since_s) == (t + 6, None, 6.0)


@pytest.mark.parametrize("hog", [False, True], ids=["from_away", "from_abandoned"])
def test_return_to_the_seat_is_a_new_entry_and_clears_the_belongings(hog: bool) -> None:
    engine = seated(0, 3)
    feed(engine, BAG, every(6, 36))
    if hog:
        feed(engine, BAG, every(39, 606))
    t = 700.0 if hog else 100.0
    # Someone walking past the bag does not count.
    assert engine.update(PERSON, t) == []
    assert engine.update(BAG, t + 3) == []
    assert engine.status.state is (SeatState.ABANDONED if hog else SeatState.AWAY)
    # The owner is back at t + 100.
    (enter,) = feed(engine, PERSON, [t + 100, t + 103])

    assert (enter.type, enter.time_s) == (EventType.PERSON_ENTER, t + 100)
    status = engine.status
    assert status.state is SeatState.OCCUPIED
    assert (status.occupied_since_s, status.belongings_since_s, status.vacant_since_s) == (
        t + 100,
        None,
        None,
    )
    # Leaving without the bag this time ends with an empty seat.
    (leave,) = feed(engine, NOBODY, every(t + 106, t + 136))
    assert (leave.time_s, leave.data["stay_s"]) == (t + 106, 6.0)
    assert engine.status.state is SeatState.EMPTY


# -- unknown (camera offline) --------------------------------------------------------------------


def test_offline_while_occupied_resumes_the_same_stay() -> None:
    engine = seated(0, 3)
    feed(engine, PERSON, every(6, 60))
    engine.mark_unknown()
    engine.mark_unknown()  # twice is once

    status = engine.status
    assert status.state is SeatState.UNKNOWN
    assert status.resume_state is SeatState.OCCUPIED
    assert status.stay_s(100.0) is None
    assert status.vacant_s(100.0) is None

    assert engine.update(PERSON, 300.0) == []
    assert engine.status.state is SeatState.OCCUPIED
    assert engine.status.stay_s(300.0) == 300.0  # the stay started at 0, not on return
    # Gone from 303: the leave is back-dated to 303 and the stay counts the outage.
    (leave,) = feed(engine, NOBODY, every(303, 333))
    assert (leave.time_s, leave.data["stay_s"]) == (303.0, 303.0)


def test_offline_while_absent_restarts_the_absence_on_return() -> None:
    engine = seated(0, 3)
    feed(engine, NOBODY, every(6, 30))  # absent, inside the grace
    engine.mark_unknown()
    # Nothing is known about the outage: the absence starts again at the first sample back.
    assert feed(engine, NOBODY, every(200, 227)) == []
    (leave,) = engine.update(NOBODY, 230.0)
    assert leave.time_s == 200.0


def test_offline_while_empty_keeps_the_vacancy_clock() -> None:
    engine = seated(0, 3)
    feed(engine, NOBODY, every(6, 36))
    engine.mark_unknown()
    assert engine.status.resume_state is SeatState.EMPTY
    assert engine.update(NOBODY, 1000.0) == []
    assert engine.status.state is SeatState.EMPTY
    assert engine.status.vacant_s(1000.0) == 994.0


def test_offline_while_away_keeps_the_hogging_clock() -> None:
    engine = seated(0, 3)
    feed(engine, BAG, every(6, 36))
    engine.mark_unknown()
    # Back online long after the limit with the bag still there: hogging at once, counted
    # from when the bag was left.
    (hogging,) = engine.update(BAG, 2000.0)
    assert hogging.time_s == 2000.0
    assert hogging.data["belongings_since_s"] == 6.0
    assert hogging.data["unattended_s"] == 1994.0


def test_offline_forgets_half_counted_sightings() -> None:
    engine = SeatEngine("A1")
    feed(engine, NOBODY, [0.0])
    assert engine.update(PERSON, 3.0) == []
    engine.mark_unknown()
    assert engine.update(PERSON, 100.0) == []  # a first sighting again, not a second
    (enter,) = engine.update(PERSON, 103.0)
    assert enter.time_s == 100.0


# -- reset ---------------------------------------------------------------------------------------


def test_reset_of_an_occupied_seat_ends_the_stay_now() -> None:
    engine = seated(0, 3)
    feed(engine, PERSON, every(6, 90))
    (leave,) = engine.reset(100.0)
    assert leave.type is EventType.PERSON_LEAVE
    assert (leave.time_s, leave.data["stay_s"], leave.confidence) == (100.0, 100.0, 1.0)
    assert engine.status == SeatStatus(
        state=SeatState.EMPTY,
        since_s=100.0,
        vacant_since_s=100.0,
        last_stay_s=100.0,
        last_update_s=100.0,
    )


@pytest.mark.parametrize("hog", [False, True], ids=["away", "abandoned"])
def test_reset_of_a_seat_with_belongings_removes_them(hog: bool) -> None:
    engine = seated(0, 3)
    feed(engine, BAG, every(6, 606 if hog else 36))
    was = engine.status.state
    (removed,) = engine.reset(700.0)
    assert removed == Event(
        EventType.BELONGINGS_REMOVED,
        700.0,
        "cam1",
        "A1",
        confidence=1.0,
        data={"reset": True, "was": was.value},
    )
    assert engine.status.state is SeatState.EMPTY
    assert engine.status.last_stay_s == 6.0


def test_reset_of_an_empty_seat_only_restarts_the_vacancy_clock() -> None:
    engine = SeatEngine("A1")
    feed(engine, PERSON, [0.0])  # half a sighting, forgotten by the reset
    assert engine.reset(50.0) == []
    assert engine.status.vacant_since_s == 50.0
    assert engine.update(PERSON, 53.0) == []


def test_reset_while_offline_still_closes_the_stay() -> None:
    engine = seated(0, 3)
    engine.mark_unknown()
    (leave,) = engine.reset(500.0)
    assert leave.type is EventType.PERSON_LEAVE
    assert (leave.time_s, leave.data["stay_s"]) == (500.0, 500.0)
    assert engine.status.state is SeatState.EMPTY


# -- time order ----------------------------------------------------------------------------------


def test_a_sample_older_than_the_last_one_is_ignored() -> None:
    engine = seated(0, 3)
    feed(engine, NOBODY, every(6, 30))
    before = SeatStatus.from_dict(engine.status.to_dict())
    assert engine.update(NOBODY, 29.0) == []
    assert engine.update(PERSON, 1.0) == []
    assert engine.status == before
    (leave,) = engine.update(NOBODY, 36.0)
    assert leave.time_s == 6.0


def test_a_repeated_sample_time_is_accepted() -> None:
    engine = SeatEngine("A1")
    engine.update(PERSON, 5.0)
    (enter,) = engine.update(PERSON, 5.0)
    assert enter.time_s == 5.0


# -- serialisation -------------------------------------------------------------------------------


def test_event_dict_round_trip() -> None:
    event = Event(
        EventType.ABANDONED_DETECTED,
        606.0,
        "cam1",
        "A1",
        confidence=0.7,
        data={"belongings_since_s": 6.0},
    )
    assert Event.from_dict(json.loads(json.dumps(event.to_dict()))) == event


def _statuses() -> dict[str, SeatStatus]:
    """Statuses caught in the middle of every kind of transition."""
    caught: dict[str, SeatStatus] = {}
    engine = SeatEngine("A1")
    caught["new"] = engine.status
    feed(engine, PERSON, [0.5])
    caught["half_entered"] = engine.status
    feed(engine, PERSON, [3.25])
    caught["occupied"] = engine.status
    feed(engine, BAG, every(6.5, 20.5))
    caught["occupied_absent_with_bag"] = engine.status
    feed(engine, BAG, every(23.5, 50.5))
    caught["away"] = engine.status
    feed(engine, NOBODY, [53.5])
    caught["away_half_cleared"] = engine.status
    feed(engine, BAG, every(56.5, 700.5))
    caught["abandoned"] = engine.status
    engine.mark_unknown()
    caught["unknown"] = engine.status
    return {name: SeatStatus.from_dict(status.to_dict()) for name, status in caught.items()}


@pytest.mark.parametrize("name", list(_statuses()))
def test_status_json_round_trip_restores_exactly(name: str) -> None:
    status = _statuses()[name]
    text = json.dumps(status.to_dict())
    back = SeatStatus.from_dict(json.loads(text))
    assert back == status
    assert json.dumps(back.to_dict()) == text


def test_status_from_dict_ignores_keys_it_does_not_know() -> None:
    raw = _statuses()["away"].to_dict() | {"added_in_a_later_version": 1}
    assert SeatStatus.from_dict(raw) == _statuses()["away"]


@pytest.mark.parametrize("name", ["half_entered", "occupied_absent_with_bag", "away_half_cleared"])
def test_restored_engine_continues_like_the_original(name: str) -> None:
    status = _statuses()[name]
    original = SeatEngine("A1", status=SeatStatus.from_dict(status.to_dict()))
    copy = SeatEngine("A1", status=restored(status))
    t = status.last_update_s or 0.0
    for step, observation in enumerate([PERSON, NOBODY, BAG, BAG, NOBODY, NOBODY] * 20):
        time = t + 3.0 * (step + 1)
        assert copy.update(observation, time) == original.update(observation, time)
    assert copy.status == original.status


# -- a whole day ---------------------------------------------------------------------------------

DAY_S = 24 * 3600
INTERVAL_S = 3.0


def simulated_day(seed: int) -> list[Observation | None]:
    """One observation (None: camera offline) per 3 s sample of a busy seat's day.

    Visits with noisy detection (missed frames, people walking past), bags left for short
    breaks and for hogging, bags taken away, and camera outages.
    """
    rng = random.Random(seed)
    samples: list[Observation | None] = []

    def add(kind: str, duration_s: float) -> None:
        for _ in range(max(1, int(duration_s / INTERVAL_S))):
            noise = rng.random()
            if kind == "empty":
                samples.append(PERSON if noise < 0.02 else NOBODY)
            elif kind == "seated":
                samples.append(NOBODY if noise < 0.05 else PERSON)
            elif kind == "bag":
                samples.append(NOBODY if noise < 0.02 else BAG)
            else:
                samples.append(None)

    total = DAY_S / INTERVAL_S
    while len(samples) < total:
        add("empty", rng.uniform(10, 150))
        add("seated", rng.uniform(20, 300))
        if rng.random() < 0.25:
            add("bag", rng.uniform(60, 1000))
            if rng.random() < 0.5:
                add("seated", rng.uniform(30, 300))
        if rng.random() < 0.03:
            add("offline", rng.uniform(30, 900))
    return samples[: int(total)]


def run_day(
    samples: list[Observation | None], restore_at: int | None = None
) -> tuple[list[Event], SeatStatus]:
    engine = SeatEngine("A1", camera_id="cam1")
    events: list[Event] = []
    for index, observation in enumerate(samples):
        if index == restore_at:
            # A restart: only the JSON text survives.
            text = json.dumps(engine.status.to_dict())
            status = SeatStatus.from_dict(json.loads(text))
            engine = SeatEngine("A1", camera_id="cam1", status=status)
        if observation is None:
            engine.mark_unknown()
        else:
            events += engine.update(observation, index * INTERVAL_S)
    return events, engine.status


def test_a_simulated_day_with_a_restart_in_the_middle_equals_an_uninterrupted_one() -> None:
    samples = simulated_day(seed=2)
    events, status = run_day(samples)
    restarted_events, restarted_status = run_day(samples, restore_at=len(samples) // 2)

    assert restarted_events == events
    assert restarted_status == status

    counts = {kind: 0 for kind in EventType}
    for event in events:
        counts[event.type] += 1
    assert counts[EventType.PERSON_ENTER] >= 200
    assert counts[EventType.ABANDONED_DETECTED] >= 5
    assert counts[EventType.BELONGINGS_REMOVED] >= 5

    # Entries and leaves alternate, and each stay is the time between them.
    seat_events = [e for e in events if e.type in (EventType.PERSON_ENTER, EventType.PERSON_LEAVE)]
    for enter, leave in zip(seat_events[::2], seat_events[1::2], strict=False):
        assert (enter.type, leave.type) == (EventType.PERSON_ENTER, EventType.PERSON_LEAVE)
        assert leave.data["occupied_since_s"] == enter.time_s
        assert leave.data["stay_s"] == pytest.approx(leave.time_s - enter.time_s)
        assert leave.time_s >= enter.time_s
    # Hogging only after the limit, and only while nobody is seated.
    for event in events:
        if event.type is EventType.ABANDONED_DETECTED:
            assert event.data["unattended_s"] >= 600.0


@pytest.mark.parametrize("restore_at", [1, 7_000, 19_999, 28_799])
def test_a_restart_at_any_moment_changes_nothing(restore_at: int) -> None:
    samples = simulated_day(seed=5)[:28_800]
    assert run_day(samples, restore_at) == run_day(samples)


# -- verdicts settled by the seat's recent ones (`Observation.since_s`) ----------------------------


def test_a_settled_verdict_dates_the_change_from_when_the_frames_began_to_show_it() -> None:
    engine = seated(0.0, 30.0)
    # The frames showed nobody from 33 s; the vote followed at 39 s.
    assert engine.update(replace(NOBODY, since_s=33.0), 39.0) == []
    (leave,) = engine.update(NOBODY, 70.0)
    assert (leave.type, leave.time_s) == (EventType.PERSON_LEAVE, 33.0)
    # A bag the frames showed from 80 s, which the vote took at 86 s and 88 s: away since 80.
    feed(engine, replace(BAG, since_s=80.0), [86.0, 88.0])
    assert (engine.status.state, engine.status.belongings_since_s) == (SeatState.AWAY, 80.0)


def test_a_settled_verdict_never_dates_a_change_before_the_seats_state_began() -> None:
    engine = SeatEngine("A1")
    feed(engine, NOBODY, [0.0, 3.0])
    feed(engine, PERSON, [6.0, 9.0])
    # `since_s` before the person was seated (6 s): the leave is dated from the seating.
    assert engine.update(replace(NOBODY, since_s=2.0), 12.0) == []
    (leave,) = engine.update(NOBODY, 50.0)
    assert (leave.time_s, leave.data["stay_s"]) == (6.0, 0.0)

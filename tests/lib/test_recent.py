"""A seat's recent verdicts settle the verdict of its newest frame (`vision.recent`)."""

from __future__ import annotations

import numpy as np
import pytest

from seatsense.core.engine import EngineSettings, EventType, Observation, SeatEngine
from seatsense.core.layout import parse_site
from seatsense.vision.detect import Detections, Detector
from seatsense.vision.evidence import EvidenceSettings
from seatsense.vision.pipeline import Pipeline, predicted_state
from seatsense.vision.recent import RecentVerdicts

PERSON = Observation(person=True, person_score=0.8, person_index=0)
FIGURE = Observation(
    person=False, belongings=True, belongings_score=0.3, belongings_reason="figure"
)
NOTHING = Observation(person=False)


def _states(recent: RecentVerdicts, seen: list[tuple[float, Observation]]) -> list[str]:
    return [predicted_state(recent.settle({"A": verdict}, t)["A"]) for t, verdict in seen]


def test_a_one_frame_flicker_is_outvoted_by_the_seconds_before() -> None:
    seen = [(0.0, PERSON), (1.0, PERSON), (2.0, FIGURE), (3.0, PERSON), (4.0, NOTHING)]
    assert _states(RecentVerdicts(3.0), seen) == ["occupied"] * 5
    assert _states(RecentVerdicts(0.0), seen) == [
        "occupied",
        "occupied",
        "belongings",
        "occupied",
        "empty",
    ]


def test_whether_someone_is_seated_is_voted_first_then_belongings_against_empty() -> None:
    # A person in the newest frame, a figure and nothing before: the person (1) is outvoted
    # by the frames without one (0.63 + 0.79), of which nothing weighs more than the figure.
    seen = [(0.0, FIGURE), (1.0, NOTHING), (2.0, PERSON)]
    assert _states(RecentVerdicts(3.0), seen)[-1] == "empty"
    seen = [(0.0, NOTHING), (1.0, FIGURE), (2.0, PERSON)]
    assert _states(RecentVerdicts(3.0), seen)[-1] == "belongings"


def test_a_new_state_takes_over_after_a_few_frames() -> None:
    seen = [(float(t), PERSON) for t in range(6)] + [(float(t), NOTHING) for t in range(6, 12)]
    states = _states(RecentVerdicts(3.0), seen)
    # Empty from the third empty frame on: 1 + 0.79 + 0.63 outweighs the six person frames
    # behind them (0.5 + 0.4 + 0.31 + 0.25 + 0.2 + 0.16).
    assert states == ["occupied"] * 8 + ["empty"] * 4


def test_frames_further_apart_than_the_half_life_keep_their_own_verdict() -> None:
    seen = [(0.0, PERSON), (3.0, PERSON), (6.0, FIGURE), (9.0, PERSON), (12.0, NOTHING)]
    assert _states(RecentVerdicts(3.0), seen) == [
        "occupied",
        "occupied",
        "belongings",
        "occupied",
        "empty",
    ]


def test_an_outvoted_verdict_takes_the_newest_of_the_winning_state() -> None:
    recent = RecentVerdicts(3.0)
    older = Observation(person=True, person_score=0.5, person_index=2)
    newer = Observation(person=True, person_score=0.7, person_index=1)
    for t, verdict in ((0.0, older), (1.0, newer)):
        recent.settle({"A": verdict}, t)
    settled = recent.settle({"A": FIGURE}, 2.0)["A"]
    # The scores of the newest person verdict; its person index named an earlier frame's box.
    assert (settled.person, settled.person_score, settled.person_index) == (True, 0.7, None)


def test_votes_past_the_horizon_and_a_replay_that_restarts_are_forgotten() -> None:
    recent = RecentVerdicts(3.0)
    for t in (0.0, 1.0, 2.0):
        recent.settle({"A": PERSON}, t)
    assert predicted_state(recent.settle({"A": NOTHING}, 14.5)["A"]) == "empty"
    recent = RecentVerdicts(3.0)
    for t in (10.0, 11.0, 12.0):
        recent.settle({"A": PERSON}, t)
    assert predicted_state(recent.settle({"A": NOTHING}, 0.0)["A"]) == "empty"


def test_the_pipeline_learns_references_from_the_frames_own_verdicts(
    detector: Detector,
) -> None:
    """A seat held by the vote but empty in the frame itself: the observation keeps both, and
    the engines take the settled verdicts."""
    site = parse_site(
        {
            "cameras": [
                {
                    "id": "c",
                    "width": 640,
                    "height": 480,
                    "seats": [{"id": "A", "polygon": [[0, 0], [300, 0], [300, 400], [0, 400]]}],
                }
            ]
        }
    )
    pipeline = Pipeline(site, detector=detector)
    camera = pipeline.cameras["c"]
    for t in (0.0, 1.0):
        camera.recent.settle({"A": PERSON}, t)
    room = np.full((480, 640, 3), 120, np.uint8)
    observation = camera.observe(2.0, room, Detections.empty())
    assert observation.verdicts["A"].person
    assert not observation.own_verdicts["A"].person
    assert observation.own_verdicts is not observation.verdicts


@pytest.mark.parametrize(
    ("camera", "seat", "start", "end", "truth"),
    [
        # A student at B7 reads as a faint figure (belongings) at 2 s and 6 s.
        ("vid5", "vid5-B7", 0.0, 7.0, "occupied"),
        # A bag at F1: the person model finds someone there at 6 s and 8 s, nothing at 4 s.
        ("vid4", "vid4-F1", 2.0, 9.0, "belongings"),
    ],
)
def test_study_hall_flickers_are_settled_by_the_seats_recent_verdicts(
    aoi_study_hall, detector: Detector, camera: str, seat: str, start: float, end: float, truth: str
) -> None:
    frames = [(t, f) for _, t, f in aoi_study_hall.frames(camera) if t <= end]
    assert {aoi_study_hall.truth[(camera, t)][seat] for t, _ in frames if t >= start} == {truth}
    states = {}
    for half_life_s in (EvidenceSettings().recent_half_life_s, 0.0):
        pipeline = Pipeline(
            aoi_study_hall.site,
            detector=detector,
            evidence_settings=EvidenceSettings(recent_half_life_s=half_life_s),
        )
        part = pipeline.cameras[camera]
        seen = []
        for t, frame in frames:
            observation = pipeline.observe({camera: (frame, t)})[camera]
            part.feed(observation)
            part.learn(observation, frame)
            if t >= start:
                seen.append(predicted_state(observation.verdicts[seat]))
        states[half_life_s] = seen
    settled, own = states[EvidenceSettings().recent_half_life_s], states[0.0]
    assert settled == [truth] * len(settled)
    # Without the vote, at least two of those frames say something else.
    assert own.count(truth) <= len(own) - 2, own


def test_the_engine_dates_arrivals_and_departures_from_the_frames_not_from_the_vote() -> None:
    """The vote takes a few frames to follow a new state; the settled verdict says when the
    frames began to show it, and the seat engine's events carry that time."""
    timelines = {}
    for half_life_s in (3.0, 0.0):
        recent = RecentVerdicts(half_life_s)
        engine = SeatEngine("A", settings=EngineSettings(exit_grace_s=10.0))
        events = []
        for t in range(60):
            own = PERSON if 10 <= t < 30 else NOTHING
            settled = recent.settle({"A": own}, float(t))["A"]
            if half_life_s and t == 32:
                assert (predicted_state(settled), settled.since_s) == ("empty", 30.0)
            events += engine.update(settled, float(t))
        timelines[half_life_s] = [(e.type, e.time_s) for e in events]
    assert timelines[3.0] == timelines[0.0]
    assert timelines[3.0] == [(EventType.PERSON_ENTER, 10.0), (EventType.PERSON_LEAVE, 30.0)]

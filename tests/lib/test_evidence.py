"""Seat evidence: who sits where, and belongings against the empty reference."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from seatsense.core.layout import parse_site
from seatsense.vision.detect import Detections, Detector
from seatsense.vision.evidence import CameraEvidence, EvidenceSettings, SeatMasks
from tests.conftest import FIXTURES

WIDTH, HEIGHT = 640, 360


def _camera(seats: dict[str, list[list[float]]], width: int = WIDTH, height: int = HEIGHT):
    site = parse_site(
        {
            "cameras": [
                {
                    "id": "c",
                    "width": width,
                    "height": height,
                    "seats": [{"id": k, "polygon": v} for k, v in seats.items()],
                }
            ]
        },
        max_seat_overlap=1.0,
    )
    return site.cameras[0]


def _people(boxes: list[list[float]], conf: float = 0.9, keypoints=None) -> Detections:
    return Detections(
        xyxy=np.array(boxes, np.float32).reshape(-1, 4),
        confidence=np.full(len(boxes), conf, np.float32),
        class_id=np.zeros(len(boxes), np.int32),
        keypoints=keypoints,
    )


def _room(seed: int = 1) -> np.ndarray:
    """A textured 'desk' scene: smooth gradient plus fixed grain, like wood under a lamp."""
    rng = np.random.default_rng(seed)
    base = np.linspace(90, 170, WIDTH, dtype=np.float32)[None, :].repeat(HEIGHT, 0)
    grain = cv2.GaussianBlur(rng.normal(0, 8, (HEIGHT, WIDTH)).astype(np.float32), (0, 0), 2)
    grey = np.clip(base + grain, 0, 255).astype(np.uint8)
    return cv2.cvtColor(grey, cv2.COLOR_GRAY2BGR)


LEFT = [[0, 0], [300, 0], [300, 360], [0, 360]]
RIGHT = [[340, 0], [640, 0], [640, 360], [340, 360]]


def test_seat_masks_answer_membership_and_box_share_by_lookup() -> None:
    masks = SeatMasks(_camera({"L": LEFT, "R": RIGHT}), scale=0.5)
    bits = masks.seats_at(np.array([[10, 10], [400, 10], [320, 10], [-5, 5]], np.float32))
    assert bits.tolist() == [1, 2, 0, 0]
    share = masks.box_overlap(np.array([[0, 0, 100, 100], [250, 0, 350, 100]], np.float32))
    assert share[0, 0] == pytest.approx(1.0)
    assert share[1, 0] == pytest.approx(0.5, abs=0.03)


def test_overlapping_seats_share_pixels() -> None:
    masks = SeatMasks(_camera({"A": LEFT, "B": [[200, 0], [500, 0], [500, 360], [200, 360]]}), 1.0)
    assert int(masks.seats_at(np.array([[250, 100]], np.float32))[0]) == 0b11


def test_person_box_inside_a_seat_occupies_only_that_seat() -> None:
    evidence = CameraEvidence(_camera({"L": LEFT, "R": RIGHT}))
    verdicts = evidence.assess(_room(), _people([[40, 40, 260, 350]]))
    assert verdicts["L"].person and not verdicts["R"].person
    assert verdicts["L"].person_score > 0.8


def test_one_person_never_occupies_two_seats_nor_two_people_one_seat() -> None:
    evidence = CameraEvidence(_camera({"L": LEFT, "R": RIGHT}))
    # One person straddling both seats, more in L: only L.
    one = evidence.assess(_room(), _people([[100, 0, 400, 360]]))
    assert [k for k, v in one.items() if v.person] == ["L"]
    # Two people in L, one partly in R: each seat gets one.
    two = evidence.assess(_room(), _people([[20, 20, 280, 340], [200, 20, 460, 340]]))
    assert two["L"].person and two["R"].person
    assert two["L"].person_index != two["R"].person_index


def test_keypoints_place_a_person_whose_box_spans_two_seats() -> None:
    evidence = CameraEvidence(_camera({"L": LEFT, "R": RIGHT}))
    keypoints = np.zeros((1, 17, 3), np.float32)
    keypoints[0, :, 0] = 480  # every body point in R
    keypoints[0, :, 1] = np.linspace(40, 320, 17)
    keypoints[0, :, 2] = 0.9
    # The box leans 60 % into L (reaching arm), the body is in R.
    verdicts = evidence.assess(_room(), _people([[150, 0, 520, 360]], keypoints=keypoints))
    assert verdicts["R"].person and not verdicts["L"].person


def test_faintly_seen_keypoints_still_place_the_person() -> None:
    """A half-hidden or SD-sized person's body points score low (0.2 here) but lie where the
    body is: they vote from `keypoint_conf` (0.15) up; points under it do not."""
    evidence = CameraEvidence(_camera({"L": LEFT, "R": RIGHT}))
    keypoints = np.zeros((1, 17, 3), np.float32)
    keypoints[0, :, 0] = 400  # the body in R
    keypoints[0, :, 1] = np.linspace(40, 320, 17)
    keypoints[0, :, 2] = 0.2
    box = [[60, 0, 420, 360]]  # two thirds of the box in L (a reaching arm)
    verdicts = evidence.assess(_room(), _people(box, keypoints=keypoints))
    assert verdicts["R"].person and not verdicts["L"].person
    keypoints[0, :, 2] = 0.1  # too faint to vote: the box alone places him in L
    verdicts = evidence.assess(_room(), _people(box, keypoints=keypoints))
    assert verdicts["L"].person and not verdicts["R"].person


@pytest.mark.parametrize(
    ("confidence", "reason"), [(0.9, "sure"), (0.3, "sure"), (0.2, "weak"), (0.1, "faint")]
)
def test_a_seated_person_says_how_sure_their_box_is(confidence: float, reason: str) -> None:
    """A box filling seat L seats someone from the faint confidence up (person-sized for the
    seat); the verdict names the band its confidence lies in, and a seat nobody sits at
    names none."""
    evidence = CameraEvidence(_camera({"L": LEFT, "R": RIGHT}))
    verdicts = evidence.assess(_room(), _people([[40, 40, 260, 350]], conf=confidence))
    assert verdicts["L"].person and verdicts["L"].person_reason == reason
    assert verdicts["R"].person_reason == ""


def test_low_confidence_and_passers_by_outside_seats_do_not_count() -> None:
    evidence = CameraEvidence(_camera({"L": LEFT, "R": RIGHT}))
    faint = evidence.assess(_room(), _people([[40, 40, 260, 350]], conf=0.05))
    assert not faint["L"].person
    aisle = evidence.assess(_room(), _people([[290, 0, 350, 360]]))
    assert not aisle["L"].person and not aisle["R"].person


def test_a_weak_figure_at_a_seat_nobody_sits_at_counts_as_belongings() -> None:
    """Too weak to seat anyone (0.01-0.15), but something is there: a coat over the chair."""
    evidence = CameraEvidence(_camera({"L": LEFT, "R": RIGHT}))
    # Below `faint_person_conf`: a box this large from 0.08 up would seat a person.
    coat = _people([[40, 40, 260, 350]], conf=0.06)
    verdicts = evidence.assess(_room(), coat)
    assert not verdicts["L"].person
    assert verdicts["L"].belongings and verdicts["L"].belongings_reason == "figure"
    assert verdicts["L"].belongings_score == pytest.approx(0.06 / 0.15, abs=1e-3)
    assert not verdicts["R"].belongings
    # Fainter than figure_conf, or the cue turned off: nothing.
    assert not evidence.assess(_room(), _people([[40, 40, 260, 350]], conf=0.005))["L"].belongings
    off = CameraEvidence(_camera({"L": LEFT, "R": RIGHT}), EvidenceSettings(figure_conf=0.0))
    assert not off.assess(_room(), coat)["L"].belongings
    # A seated person and a faint figure at the same seat: the person wins.
    both = Detections.concatenate([_people([[40, 40, 260, 350]]), coat])
    verdict = evidence.assess(_room(), both)["L"]
    assert verdict.person and not verdict.belongings


def _figure(
    room: np.ndarray,
    dx: int,
    region: tuple[int, int, int, int] = (0, HEIGHT, 0, 300),
    pattern_px: int = 2,
) -> np.ndarray:
    """The room with a figure in patterned clothes (patches of `pattern_px`) filling `region`
    (top, bottom, left, right; by default seat L), moved `dx` pixels sideways."""
    top, bottom, left, right = region
    height, width = bottom - top, right - left + 20
    rng = np.random.default_rng(7)
    patches = rng.normal(110, 60, (-(-height // pattern_px), -(-width // pattern_px)))
    cloth = cv2.resize(patches.astype(np.float32), (width, height), interpolation=cv2.INTER_NEAREST)
    frame = room.copy()
    shifted = cloth[:, 10 - dx : width - 10 - dx]
    frame[top:bottom, left:right] = np.clip(shifted, 0, 255).astype(np.uint8)[..., None]
    return frame


def test_a_faint_figure_that_moves_between_frames_seconds_apart_is_a_person() -> None:
    """A seated person on an SD stream gives only a faint box, like a coat; but a person shifts
    from one second to the next and a coat lies still."""
    room = _room()
    figure = _people([[40, 40, 260, 350]], conf=0.05)
    still = CameraEvidence(_camera({"L": LEFT, "R": RIGHT}))
    still.assess(_figure(room, 0), figure, 10.0)
    verdict = still.assess(_figure(room, 0), figure, 11.0)["L"]
    assert not verdict.person and verdict.belongings_reason == "figure"

    moving = CameraEvidence(_camera({"L": LEFT, "R": RIGHT}))
    moving.assess(_figure(room, 0), figure, 10.0)
    verdicts = moving.assess(_figure(room, 10), figure, 11.0)
    assert verdicts["L"].person and not verdicts["L"].belongings
    assert verdicts["L"].person_reason == "moving"
    assert not verdicts["R"].person
    # A frame only seen (its camera's verdicts were reused) is what the next one is measured
    # against.
    seen = CameraEvidence(_camera({"L": LEFT, "R": RIGHT}))
    seen.assess(_figure(room, 10), figure, 5.0)
    seen.see(_figure(room, 0), 10.0)
    assert seen.assess(_figure(room, 10), figure, 11.0)["L"].person

    # The same change over a minute says nothing (the coat may have been put down), nor does
    # the first frame, nor a frame without its time, nor the cue turned off.
    late = CameraEvidence(_camera({"L": LEFT, "R": RIGHT}))
    late.assess(_figure(room, 0), figure, 10.0)
    assert not late.assess(_figure(room, 10), figure, 70.0)["L"].person
    untimed = CameraEvidence(_camera({"L": LEFT, "R": RIGHT}))
    untimed.assess(_figure(room, 0), figure)
    assert not untimed.assess(_figure(room, 10), figure)["L"].person
    off = CameraEvidence(_camera({"L": LEFT, "R": RIGHT}), EvidenceSettings(motion_share=0.0))
    off.assess(_figure(room, 0), figure, 10.0)
    assert not off.assess(_figure(room, 10), figure, 11.0)["L"].person


def test_motion_under_a_neighbour_or_of_the_whole_view_seats_nobody() -> None:
    """A neighbour leaning over a seat with a coat on it moves pixels there, inside their own
    box; a camera that moved or a light switched on changes the whole view."""
    room = _room()
    coat = _people([[40, 40, 260, 350]], conf=0.05)
    neighbour = Detections.concatenate([coat, _people([[20, 0, 640, 360]], conf=0.9)])
    leaning = CameraEvidence(_camera({"L": LEFT, "R": RIGHT}))
    leaning.assess(_figure(room, 0), neighbour, 10.0)
    verdicts = leaning.assess(_figure(room, 10), neighbour, 11.0)
    assert verdicts["R"].person  # the neighbour sits at R
    assert not verdicts["L"].person and verdicts["L"].belongings_reason == "figure"

    relit = CameraEvidence(_camera({"L": LEFT, "R": RIGHT}))
    relit.assess(_figure(room, 0), coat, 10.0)
    lamp = np.linspace(0, 80, WIDTH, dtype=np.float32)[None, :, None]  # a lamp on the right
    lit = np.clip(_figure(room, 10) + lamp, 0, 255).astype(np.uint8)
    assert not relit.assess(lit, coat, 11.0)["L"].person


SMALL = [[40, 40], [160, 40], [160, 200], [40, 200]]


def _small_figure(room: np.ndarray, dx: int) -> np.ndarray:
    """The figure of `_figure` filling seat SMALL (a seat of a wide view) in coarse patches."""
    return _figure(room, dx, (40, 200, 40, 160), pattern_px=10)


def _flicker(frame: np.ndarray, seed: int) -> np.ndarray:
    """The frame as a heavily compressed stream sends it: every 8x8 block off by its own few
    grey levels, anew in each frame."""
    rng = np.random.default_rng(seed)
    blocks = rng.normal(0, 8, (HEIGHT // 8 + 1, WIDTH // 8 + 1)).astype(np.float32)
    offsets = np.kron(blocks, np.ones((8, 8), np.float32))[:HEIGHT, :WIDTH, None]
    return np.clip(frame + offsets, 0, 255).astype(np.uint8)


def test_the_flicker_of_a_compressed_stream_does_not_move_a_still_coat() -> None:
    """Each frame pair sets its own bar for a moved pixel from the view's median change: on a
    stream whose blocks flicker by several grey levels a still coat stays belongings, while a
    figure that shifts is still seated."""
    room = _room()
    coat = _people([SMALL[0] + SMALL[2]], conf=0.05)
    still = CameraEvidence(_camera({"S": SMALL, "R": RIGHT}))
    still.assess(_flicker(_small_figure(room, 0), 1), coat, 10.0)
    verdict = still.assess(_flicker(_small_figure(room, 0), 2), coat, 11.0)["S"]
    assert not verdict.person and verdict.belongings_reason == "figure"

    moving = CameraEvidence(_camera({"S": SMALL, "R": RIGHT}))
    moving.assess(_flicker(_small_figure(room, 0), 1), coat, 10.0)
    assert moving.assess(_flicker(_small_figure(room, 10), 2), coat, 11.0)["S"].person


def test_study_hall_sd_people_seen_only_faintly_are_seated_by_their_motion(
    aoi_study_hall, detector: Detector
) -> None:
    """vid4 shrunk to 352x288 at JPEG quality 30 (the eval's `sd` variant): the student at
    B3 gives only faint boxes (0.02-0.08) and is not seated frame by frame; over frames one
    second apart they are seated, while the jacket left on N3 stays belongings."""
    from seatsense.evaluation.variants import VARIANTS
    from seatsense.vision.pipeline import Pipeline

    sd = VARIANTS["sd"]
    site = sd.site(aoi_study_hall.site)
    frames = [
        (time_s, sd.frame(frame))
        for _, time_s, frame in aoi_study_hall.frames("vid4")
        if time_s <= 3.0
    ]
    for motion_share, seated in ((EvidenceSettings().motion_share, True), (0.0, False)):
        pipeline = Pipeline(
            site, detector=detector, evidence_settings=EvidenceSettings(motion_share=motion_share)
        )
        verdicts = [
            pipeline.observe({"vid4": (frame, time_s)})["vid4"].verdicts for time_s, frame in frames
        ]
        assert verdicts[-1]["vid4-B3"].person is seated, motion_share
        assert verdicts[-1]["vid4-N3"].belongings and not verdicts[-1]["vid4-N3"].person


def test_study_hall_faint_keypoints_keep_the_student_out_of_the_jacket_seat(
    aoi_study_hall, detector: Detector
) -> None:
    """vid3 6.5-8.5 s: a jacket lies on N3 beside the student at F3. A weak box around her
    reaches over N3; her faintly seen hips and knees (under 0.5) show it is hers, so N3 holds
    belongings. At `keypoint_conf` 0.5 those points did not vote and the box seated someone
    at N3 in two of the three frames."""
    from seatsense.vision.pipeline import Pipeline

    frames = [(t, f) for _, t, f in aoi_study_hall.frames("vid3") if 6.5 <= t <= 8.5]
    assert [aoi_study_hall.truth[("vid3", t)]["vid3-N3"] for t, _ in frames] == ["belongings"] * 3
    for keypoint_conf, wrongly_seated in ((EvidenceSettings().keypoint_conf, 0), (0.5, 2)):
        pipeline = Pipeline(
            aoi_study_hall.site,
            detector=detector,
            evidence_settings=EvidenceSettings(keypoint_conf=keypoint_conf),
        )
        verdicts = [pipeline.observe({"vid3": (f, t)})["vid3"].own_verdicts for t, f in frames]
        assert all(v["vid3-F3"].person for v in verdicts)
        assert sum(v["vid3-N3"].person for v in verdicts) == wrongly_seated, keypoint_conf
        if not wrongly_seated:
            assert all(v["vid3-N3"].belongings for v in verdicts)


def test_study_hall_a_pouch_learned_into_its_seat_still_shows_as_a_figure(
    aoi_study_hall, detector: Detector
) -> None:
    """vid2 N2: a pouch lies there from the first frame, where the people model does not make
    it out. Without the item finder the seat is held empty and learns its reference with the
    pouch in it; a second later the pouch reads as a faint figure, which the learned reference
    does not overrule. The item finder sees the pouch in the first frame, so no reference is
    learned with it."""
    from seatsense.vision.pipeline import Pipeline

    assert [aoi_study_hall.truth[("vid2", t)]["vid2-N2"] for t in (2.5, 3.5)] == ["belongings"] * 2
    finder_off = EvidenceSettings(unseen_item_conf=0.0, figure_item_floor=0.0)
    runs = {}
    for name, settings in (("off", finder_off), ("finder", EvidenceSettings())):
        pipeline = Pipeline(aoi_study_hall.site, detector=detector, evidence_settings=settings)
        camera = pipeline.cameras["vid2"]
        verdicts = []
        for _, time_s, frame in aoi_study_hall.frames("vid2"):
            if time_s > 3.5:
                break
            observation = pipeline.observe({"vid2": (frame, time_s)})["vid2"]
            camera.feed(observation)
            camera.learn(observation, frame)
            verdicts.append(observation.verdicts["vid2-N2"])
        runs[name] = (verdicts, camera.evidence.has_reference("vid2-N2"))
    verdicts, learned = runs["off"]
    assert not verdicts[0].belongings and learned
    assert verdicts[-1].belongings and verdicts[-1].belongings_reason == "figure"
    verdicts, learned = runs["finder"]
    assert verdicts[0].belongings and verdicts[0].belongings_reason == "finder"
    assert all(v.belongings for v in verdicts) and not learned


COAT = _people([[40, 40, 260, 350]], conf=0.05)
"""A faint figure over seat L, too faint to seat anyone."""


def test_a_captured_reference_outweighs_a_weak_figure() -> None:
    """A chair that always reads as a faint figure looks as it did when staff saw the seat
    empty."""
    evidence = CameraEvidence(_camera({"L": LEFT, "R": RIGHT}))
    evidence.set_reference(_room())
    verdict = evidence.assess(_room(), COAT)["L"]
    assert not verdict.person and not verdict.belongings and verdict.belongings_reason == ""
    assert evidence.captured_seats() == ["L", "R"]


def test_a_learned_reference_leaves_the_weak_figure_its_say() -> None:
    """A reference learned while the detector missed a jacket holds the jacket: it cannot
    vouch that a faint figure there is part of the seat."""
    evidence = CameraEvidence(_camera({"L": LEFT, "R": RIGHT}))
    evidence.learn(_room(), ["L"])
    assert evidence.has_reference("L") and evidence.captured_seats() == []
    verdict = evidence.assess(_room(), COAT)["L"]
    assert verdict.belongings and verdict.belongings_reason == "figure"
    # Captured later, the seat's reference speaks for it; forgotten, it is learned again.
    evidence.set_reference(_room(), ["L"])
    assert not evidence.assess(_room(), COAT)["L"].belongings
    evidence.forget_reference("L")
    evidence.learn(_room(), ["L"])
    assert evidence.captured_seats() == []


def test_restored_references_keep_whether_staff_captured_them() -> None:
    evidence = CameraEvidence(_camera({"L": LEFT, "R": RIGHT}))
    evidence.set_reference(_room(), ["L"])
    evidence.learn(_room(), ["R"])
    found = evidence.references_picture()
    assert found is not None
    picture, seat_ids = found
    restored = CameraEvidence(_camera({"L": LEFT, "R": RIGHT}))
    restored.restore_references(picture, seat_ids, ["L", "gone"])
    assert restored.has_reference("R") and restored.captured_seats() == ["L"]


def test_belongings_change_against_reference_survives_lighting_and_small_drift() -> None:
    evidence = CameraEvidence(_camera({"L": LEFT, "R": RIGHT}))
    empty = _room()
    evidence.set_reference(empty)
    assert evidence.has_reference("L") and evidence.has_reference("R")
    none = _people([])
    # The same room, a fifth brighter and shifted by 6 px: still empty.
    brighter = cv2.convertScaleAbs(empty, alpha=1.2, beta=5)
    shifted = np.roll(brighter, 6, axis=1)
    verdicts = evidence.assess(shifted, none)
    assert not verdicts["L"].belongings and not verdicts["R"].belongings
    # A dark bag with a light strap on the left desk.
    with_bag = empty.copy()
    cv2.rectangle(with_bag, (60, 120), (200, 300), (30, 30, 40), -1)
    cv2.line(with_bag, (60, 120), (200, 300), (220, 220, 220), 6)
    verdicts = evidence.assess(with_bag, none)
    assert verdicts["L"].belongings and verdicts["L"].belongings_reason == "change"
    assert not verdicts["R"].belongings


def _dusk(frame: np.ndarray, gamma: float = 1.4, gain: float = 0.8) -> np.ndarray:
    """Fading daylight: darker, and the shadows darkest (a gain and a gamma on the tones)."""
    table = np.clip(255 * gain * (np.arange(256) / 255) ** gamma, 0, 255).astype(np.uint8)
    return cv2.LUT(frame, table)


def test_belongings_change_survives_dusk_but_a_bag_still_shows() -> None:
    """A gain alone leaves dusk's darker shadows as change; the tone fit matches them, while
    a bag covering a fifth of the seat still shows under the same light."""
    evidence = CameraEvidence(_camera({"L": LEFT, "R": RIGHT}))
    # Shadow under the desk to lamp-lit top within each seat: dusk bends these tones apart.
    shade = np.linspace(40, 220, HEIGHT, dtype=np.float32)[:, None, None]
    empty = np.clip(_room().astype(np.float32) - 130 + shade, 0, 255).astype(np.uint8)
    evidence.set_reference(empty)
    none = _people([])
    for gamma, gain in ((1.4, 0.8), (1.3, 0.6), (0.75, 1.1)):
        verdicts = evidence.assess(_dusk(empty, gamma, gain), none)
        assert not verdicts["L"].belongings and not verdicts["R"].belongings, (gamma, gain)
    with_bag = empty.copy()
    cv2.rectangle(with_bag, (80, 140), (200, 280), (35, 35, 45), -1)
    verdicts = evidence.assess(_dusk(with_bag), none)
    assert verdicts["L"].belongings and verdicts["L"].belongings_reason == "change"
    assert not verdicts["R"].belongings


def test_people_are_masked_out_of_the_change_measure() -> None:
    evidence = CameraEvidence(_camera({"L": LEFT, "R": RIGHT}))
    empty = _room()
    evidence.set_reference(empty)
    passer = empty.copy()
    cv2.rectangle(passer, (360, 20), (420, 340), (0, 0, 0), -1)  # someone standing in R
    verdicts = evidence.assess(passer, _people([[350, 10, 430, 350]], conf=0.9))
    assert not verdicts["R"].belongings


def test_learning_follows_slow_lighting_drift() -> None:
    evidence = CameraEvidence(_camera({"L": LEFT}), EvidenceSettings(learn_rate=0.5))
    empty = _room()
    evidence.learn(empty, ["L"])
    assert evidence.has_reference("L")
    darker = cv2.convertScaleAbs(empty, alpha=0.7)
    for _ in range(5):
        evidence.learn(darker, ["L"])
    assert not evidence.assess(darker, _people([]))["L"].belongings
    evidence.forget_reference("L")
    assert not evidence.has_reference("L")


def test_item_classes_count_as_belongings_when_the_model_has_them() -> None:
    evidence = CameraEvidence(_camera({"L": LEFT, "R": RIGHT}))
    items = Detections(
        xyxy=np.array([[400, 100, 480, 200]], np.float32),
        confidence=np.array([0.7], np.float32),
        class_id=np.array([63], np.int32),
        class_names={0: "person", 63: "laptop"},
    )
    verdicts = evidence.assess(_room(), items)
    assert verdicts["R"].belongings and verdicts["R"].belongings_reason == "items"
    assert not verdicts["L"].belongings


def test_unknown_seat_reference_is_refused() -> None:
    evidence = CameraEvidence(_camera({"L": LEFT}))
    with pytest.raises(KeyError, match="no seat 'X'"):
        evidence.set_reference(_room(), ["X"])


def test_real_photo_person_at_a_drawn_seat(detector: Detector) -> None:
    """zidane.jpg (1280x720): the man on the right stands inside a seat drawn around him."""
    image = cv2.imread(str(FIXTURES / "zidane.jpg"))
    camera = _camera(
        {
            "right": [[700, 0], [1280, 0], [1280, 720], [700, 720]],
            "left": [[0, 0], [500, 0], [500, 720], [0, 720]],
        },
        width=1280,
        height=720,
    )
    detections = detector.detect([image])[0]
    verdicts = CameraEvidence(camera).assess(image, detections)
    assert verdicts["right"].person
    assert verdicts["left"].person  # Ancelotti on the left


def test_frames_of_another_size_are_scaled_to_the_layout() -> None:
    evidence = CameraEvidence(_camera({"L": LEFT, "R": RIGHT}))
    evidence.set_reference(_room())
    half = cv2.resize(_room(), (WIDTH // 2, HEIGHT // 2))
    verdicts = evidence.assess(half, _people([[40, 40, 260, 350]]))
    assert verdicts["L"].person and not verdicts["R"].belongings


def test_assessing_frames_never_alters_the_references() -> None:
    evidence = CameraEvidence(_camera({"L": LEFT, "R": RIGHT}))
    evidence.set_reference(_room())
    before = {k: v.image.copy() for k, v in evidence._references.items()}
    for seed in range(3):
        evidence.assess(_room(seed), _people([]))
    for seat_id, reference in evidence._references.items():
        np.testing.assert_array_equal(reference.image, before[seat_id])


def test_a_repeating_texture_does_not_fake_a_change() -> None:
    """Phase correlation can lock onto a checkerboard's period; an unchanged frame stays empty."""
    board = (np.indices((HEIGHT, WIDTH)).sum(axis=0) // 20 % 2 * 200 + 30).astype(np.uint8)
    board = cv2.cvtColor(board, cv2.COLOR_GRAY2BGR)
    evidence = CameraEvidence(_camera({"L": LEFT, "R": RIGHT}))
    evidence.set_reference(board)
    verdicts = evidence.assess(board.copy(), _people([]))
    assert not verdicts["L"].belongings and not verdicts["R"].belongings


def _moved(image: np.ndarray, degrees: float, zoom: float, dx: float, dy: float) -> np.ndarray:
    """The picture a bumped camera takes: turned, zoomed and shifted."""
    height, width = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), degrees, zoom)
    matrix[:, 2] += (dx, dy)
    return cv2.warpAffine(image, matrix, (width, height), borderMode=cv2.BORDER_REFLECT)


ZIDANE_SEATS = {
    "desk": [[80, 420], [560, 420], [560, 700], [80, 700]],
    "corner": [[900, 40], [1240, 40], [1240, 300], [900, 300]],
}


def test_a_turned_and_zoomed_camera_is_registered_before_comparing() -> None:
    """A real photo: the camera turns 2 degrees, zooms 4 % and shifts 25 px. Compared pixel by
    pixel, most of each seat differs; registered onto its reference, nothing does, and a bag
    put down afterwards still shows."""
    photo = cv2.imread(str(FIXTURES / "zidane.jpg"))
    evidence = CameraEvidence(_camera(ZIDANE_SEATS, width=1280, height=720))
    evidence.set_reference(photo)
    bumped = _moved(photo, 2.0, 1.04, 25, -10)
    assert _changed_pixels(photo, bumped) > 0.3
    verdicts = evidence.assess(bumped, _people([]))
    assert not verdicts["desk"].belongings and not verdicts["corner"].belongings
    assert verdicts["desk"].belongings_score < 0.5
    with_bag = bumped.copy()
    cv2.rectangle(with_bag, (150, 470), (380, 660), (30, 30, 40), -1)
    cv2.line(with_bag, (150, 470), (380, 660), (220, 220, 220), 8)
    verdicts = evidence.assess(with_bag, _people([]))
    assert verdicts["desk"].belongings and verdicts["desk"].belongings_reason == "change"
    assert not verdicts["corner"].belongings


def _changed_pixels(a: np.ndarray, b: np.ndarray) -> float:
    grey = [cv2.cvtColor(x, cv2.COLOR_BGR2GRAY).astype(np.int16) for x in (a, b)]
    return float(np.mean(np.abs(grey[0] - grey[1]) > 25))


def test_learning_on_a_moved_camera_retakes_the_reference() -> None:
    photo = cv2.imread(str(FIXTURES / "zidane.jpg"))
    evidence = CameraEvidence(_camera(ZIDANE_SEATS, width=1280, height=720))
    evidence.learn(photo, ["desk"])
    evidence.learn(cv2.convertScaleAbs(photo, alpha=0.95), ["corner"])
    # A still camera: references learned at different times share one registration.
    references = evidence._references
    assert references["corner"].features is references["desk"].features
    before = references["desk"].image.copy()
    evidence.learn(photo, ["desk"])
    np.testing.assert_allclose(references["desk"].image, before, atol=1e-3)  # blended with itself
    bumped = _moved(photo, 1.5, 1.03, -20, 15)
    evidence.learn(bumped, ["desk"])
    assert evidence._references["desk"].features is not references["corner"].features
    moved_work = evidence._frame_view(bumped).work
    np.testing.assert_array_equal(evidence._references["desk"].image, moved_work)
    assert not evidence.assess(bumped, _people([]))["desk"].belongings


def test_learning_on_a_moved_camera_keeps_a_captured_reference() -> None:
    """Staff's picture of the empty seat outlives a bumped camera: registration maps it onto
    the new view, while a re-take could hold what the detector missed there."""
    photo = cv2.imread(str(FIXTURES / "zidane.jpg"))
    evidence = CameraEvidence(_camera(ZIDANE_SEATS, width=1280, height=720))
    evidence.set_reference(photo, ["desk"])
    captured = evidence._references["desk"]
    before = captured.image.copy()
    bumped = _moved(photo, 1.5, 1.03, -20, 15)
    assert evidence._frame_view(bumped).registration(captured).moved
    evidence.learn(bumped, ["desk"])
    assert evidence._references["desk"] is captured
    np.testing.assert_array_equal(captured.image, before)
    assert not evidence.assess(bumped, _people([]))["desk"].belongings


def test_library_kr_a_bag_at_a_seat_without_baseline_is_found(library_kr) -> None:
    """v3b-L3 in 001180: a bag on the chair, no baseline for the seat, nobody sits at it; the
    item finder sees the bag, and the pose model a faint figure there."""
    from seatsense.evaluation.dataset import Dataset, read_frame
    from seatsense.vision.pipeline import Pipeline

    dataset = Dataset.load(library_kr)
    assert "v3b-L3" not in dataset.baselines.get("v3b", {})
    pipeline = Pipeline(dataset.site)
    frame = read_frame(library_kr / "media" / "001180.jpg")
    # The item finder, looking at the seat's own crop, sees the bag as an item.
    verdict = pipeline.observe({"v3b": (frame, 0.0)})["v3b"].verdicts["v3b-L3"]
    assert not verdict.person
    assert verdict.belongings and verdict.belongings_reason == "finder"
    # Without it, the faint figure is what finds the bag; without either, nothing does.
    for figure_conf, reason in ((EvidenceSettings().figure_conf, "figure"), (0.0, "")):
        settings = EvidenceSettings(figure_conf=figure_conf, unseen_item_conf=0.0)
        unaided = Pipeline(dataset.site, pipeline.detector, settings).observe({"v3b": (frame, 0.0)})
        assert unaided["v3b"].verdicts["v3b-L3"].belongings_reason == reason
    # Live, the seat goes "away" and the bag is not learned into a reference (without the
    # figure it would count as empty, and the bag would become part of its empty picture).
    for t in (0.0, 3.0, 6.0):
        pipeline.update({"v3b": (frame, t)})
    assert pipeline.statuses()["v3b"]["v3b-L3"].state.value == "away"
    assert not pipeline.cameras["v3b"].evidence.has_reference("v3b-L3")


def test_library_kr_baselines_hold_at_dusk(library_kr, detector: Detector) -> None:
    """Morning baselines against frames darkened and warmed as daylight fades (the eval's
    `dusk` variant): the empty seats v3a-L2 (000458) and v4-R2 (000834) stay empty, the bag
    on v3b-L2 (001180) stays belongings."""
    from seatsense.evaluation.dataset import Dataset, read_frame
    from seatsense.evaluation.variants import VARIANTS

    dataset = Dataset.load(library_kr)
    cases = [
        ("v3a", "v3a-L2", "000284", "000458", False),
        ("v4", "v4-R2", "000834", "000834", False),
        ("v3b", "v3b-L2", "000302", "001180", True),
    ]
    for camera_id, seat_id, baseline, frame_name, holds_items in cases:
        evidence = CameraEvidence(dataset.site.camera(camera_id))
        evidence.set_reference(read_frame(library_kr / "media" / f"{baseline}.jpg"), [seat_id])
        frame = VARIANTS["dusk"].frame(read_frame(library_kr / "media" / f"{frame_name}.jpg"))
        verdict = evidence.assess(frame, detector.detect([frame])[0])[seat_id]
        assert not verdict.person
        assert verdict.belongings is holds_items, (seat_id, frame_name, verdict)


def test_library_kr_drifted_frame_against_a_baseline_from_another_position(
    library_kr, detector: Detector
) -> None:
    """v3a-L2's baseline (000284) was taken before the phone drifted and zoomed; in 000458
    the seat is empty, and in v3b 001180 v3b-L2 holds a bag against its baseline 000302."""
    from seatsense.evaluation.dataset import Dataset, read_frame

    dataset = Dataset.load(library_kr)
    cases = [
        ("v3a", "v3a-L2", "000284", "000458", False),
        ("v3b", "v3b-L2", "000302", "001180", True),
    ]
    for camera_id, seat_id, baseline, frame_name, holds_items in cases:
        evidence = CameraEvidence(dataset.site.camera(camera_id))
        evidence.set_reference(read_frame(library_kr / "media" / f"{baseline}.jpg"), [seat_id])
        frame = read_frame(library_kr / "media" / f"{frame_name}.jpg")
        verdict = evidence.assess(frame, detector.detect([frame])[0])[seat_id]
        assert not verdict.person
        assert verdict.belongings is holds_items, (camera_id, verdict)
        registration = evidence._frame_view(frame).registration(evidence._references[seat_id])
        # Between 000284 and 000458 the phone turned and zoomed: registration is what keeps
        # the empty seat empty.
        assert registration.moved is (camera_id == "v3a")


def test_the_whole_frame_plainly_decides_sure_people_and_seats_that_match_their_reference() -> None:
    camera = _camera({"L": LEFT, "R": RIGHT, "N": [[300, 0], [340, 0], [340, 360], [300, 360]]})
    evidence = CameraEvidence(camera)
    empty = _room()
    evidence.set_reference(empty, ["L", "R"])  # "N" has no reference: never decided empty
    # As its reference shows it, and nobody there: plainly empty, even a little brighter.
    brighter = cv2.convertScaleAbs(empty, alpha=1.1, beta=4)
    assert evidence.plainly_decided(brighter, _people([])) == {"L", "R"}
    # A sure person on the right seat decides it; a faint box on the left one leaves it open.
    sure = _people([[400, 40, 600, 340]], conf=0.8)
    faint = _people([[40, 60, 260, 330]], conf=0.05)
    both = Detections.concatenate([sure, faint])
    assert evidence.plainly_decided(empty, both) == {"R"}
    # A weak box (under `sure_person_conf`) seats nobody for sure, and lying on its seat it
    # keeps the seat from being plainly empty: the seat stays open.
    weak = _people([[400, 40, 600, 340]], conf=0.2)
    assert evidence.plainly_decided(empty, weak) == {"L"}
    # A bag on the left seat: it no longer matches its reference.
    with_bag = empty.copy()
    cv2.rectangle(with_bag, (60, 120), (200, 300), (30, 30, 40), -1)
    assert evidence.plainly_decided(with_bag, _people([])) == {"R"}

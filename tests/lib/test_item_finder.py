"""Items on seats that nothing else speaks for: the bundled NanoDet on the seats' own crops
(`vision.item_finder`, `vision.detect.nanodet`) and what the evidence makes of it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np
import pytest

from seatsense.core.frame import Frame
from seatsense.core.layout import parse_site
from seatsense.evaluation.dataset import Dataset
from seatsense.vision.detect import (
    BUNDLED_ITEM_MODEL,
    Detections,
    Detector,
    ModelError,
    NanoDetDetector,
)
from seatsense.vision.detect.nanodet import COCO_NAMES
from seatsense.vision.evidence import CameraEvidence, EvidenceSettings
from seatsense.vision.item_finder import MOSAIC_GAP, SeatItemFinder, _crop_box
from seatsense.vision.pipeline import Pipeline, predicted_state

LAPTOP = COCO_NAMES.index("laptop")
OFF = EvidenceSettings(unseen_item_conf=0.0, figure_item_floor=0.0)


class LaptopInSlot:
    """A detector double: one laptop in the middle of a chosen mosaic slot, so where each
    seat's crop lands and how its points map back can be checked exactly."""

    def __init__(self, slot: int, score: float = 0.6) -> None:
        self.class_names: Mapping[int, str] = dict(enumerate(COCO_NAMES))
        self.keypoint_shape: tuple[int, int] | None = None
        self.imgsz = 416
        self.slot, self.score = slot, score
        self.mosaics: list[Frame] = []

    def detect(
        self, frames: Sequence[Frame], conf: float | None = None, imgsz: int | None = None
    ) -> list[Detections]:
        self.mosaics.extend(frames)
        cell = (self.imgsz - MOSAIC_GAP) // 2
        left = (self.slot % 2) * (cell + MOSAIC_GAP) + cell / 2
        top = (self.slot // 2) * (cell + MOSAIC_GAP) + cell / 2
        box = np.array([[left - 10, top - 10, left + 10, top + 10]], np.float32)
        found = Detections(box, np.array([self.score], np.float32), np.array([LAPTOP], np.int32))
        return [found if len(self.mosaics) == 1 else Detections.empty() for _ in frames]


def _row_of_seats(count: int, side: int = 140) -> dict[str, object]:
    """Square seats side by side, 150 px apart; at 140 px their crops (168 px) are seen
    sharply in the mosaic's 192 px cells."""
    seats = [
        {
            "id": f"S{i}",
            "polygon": [
                [i * 150, 120],
                [i * 150 + side, 120],
                [i * 150 + side, 120 + side],
                [i * 150, 120 + side],
            ],
        }
        for i in range(count)
    ]
    return {"cameras": [{"id": "c", "width": 800, "height": 400, "seats": seats}]}


def _room() -> Frame:
    return np.full((400, 800, 3), 90, np.uint8)


def test_the_bundled_item_detector_names_coco_and_sees_nothing_in_a_blank_frame() -> None:
    detector = NanoDetDetector()
    assert isinstance(detector, Detector)
    assert detector.imgsz == 416 and len(detector.class_names) == 80
    assert detector.class_names[LAPTOP] == "laptop"
    assert len(detector.detect([np.zeros((300, 500, 3), np.uint8)], conf=0.05)[0]) == 0


def test_a_missing_item_model_is_one_line_that_names_the_file(tmp_path: Path) -> None:
    missing = tmp_path / "nanodet.onnx"
    with pytest.raises(ModelError, match=f"model file {missing} not found") as caught:
        NanoDetDetector(missing)
    assert "\n" not in str(caught.value)
    broken = tmp_path / "broken.onnx"
    broken.write_bytes(b"not a model")
    with pytest.raises(ModelError, match="cannot be loaded"):
        NanoDetDetector(broken)
    assert BUNDLED_ITEM_MODEL.is_file()


@pytest.mark.parametrize("slot", [0, 1, 2, 3])
def test_each_seat_gets_the_items_of_its_own_crop_four_seats_to_an_inference(slot: int) -> None:
    camera = parse_site(_row_of_seats(5)).cameras[0]
    frame = _room()
    double = LaptopInSlot(slot)
    scores = SeatItemFinder(double).scores(frame, camera, ["S0", "S1", "S2", "S3", "S4"])
    # Five seats: two mosaics; the laptop lies in the first one's slot, at its seat's centre.
    assert len(double.mosaics) == 2
    assert scores == {f"S{i}": (0.6 if i == slot else 0.0) for i in range(5)}
    # Each crop starts on the detector's coarsest grid, the blank gap between them.
    mosaic = double.mosaics[0]
    cell = (416 - MOSAIC_GAP) // 2
    assert (mosaic[cell : cell + MOSAIC_GAP] == 0).all()
    assert (mosaic[:cell, :cell] == 90).all()


def test_a_seat_that_looks_as_it_did_keeps_its_score_without_a_new_look() -> None:
    camera = parse_site(_row_of_seats(2)).cameras[0]
    room = _room()
    double = LaptopInSlot(0)
    finder = SeatItemFinder(double)
    assert finder.scores(room, camera, ["S0", "S1"]) == {"S0": 0.6, "S1": 0.0}
    # The same seats a cycle later, a little brighter: nothing put down, nothing looked at.
    assert finder.scores(room + 5, camera, ["S1", "S0"]) == {"S0": 0.6, "S1": 0.0}
    assert len(double.mosaics) == 1
    # Something put down on S1: S1 alone is looked at again, in a mosaic of one crop.
    room[150:230, 170:260] = 30
    assert finder.scores(room, camera, ["S0", "S1"]) == {"S0": 0.6, "S1": 0.0}
    assert [m.shape[:2] for m in double.mosaics] == [(192, 416), (192, 192)]


def test_an_item_outside_the_seat_polygon_does_not_count() -> None:
    # A thin seat: its square crop reaches well beyond the polygon on both sides.
    site = {
        "cameras": [
            {
                "id": "c",
                "width": 640,
                "height": 480,
                "seats": [{"id": "A", "polygon": [[300, 0], [340, 0], [340, 400], [300, 400]]}],
            }
        ]
    }
    camera = parse_site(site).cameras[0]
    frame = np.full((480, 640, 3), 90, np.uint8)
    assert SeatItemFinder(LaptopInSlot(0)).scores(frame, camera, ["A"]) == {"A": 0.6}

    class OffToTheSide(LaptopInSlot):
        def detect(self, frames, conf=None, imgsz=None):  # type: ignore[no-untyped-def]
            found = super().detect(frames, conf, imgsz)[0]
            found.xyxy[:, [0, 2]] -= 60  # 60 mosaic px left of the crop's centre: off the seat
            return [found]

    assert SeatItemFinder(OffToTheSide(0)).scores(frame, camera, ["A"]) == {"A": 0.0}


def _evidence(settings: EvidenceSettings, double: LaptopInSlot, side: int = 140) -> CameraEvidence:
    camera = parse_site(_row_of_seats(2, side)).cameras[0]
    return CameraEvidence(camera, settings, SeatItemFinder(double))


def _faint_figure_on_s1(side: int = 140) -> Detections:
    return Detections(
        np.array([[155, 110, 145 + side, 125 + side]], np.float32),
        np.array([0.03], np.float32),
        np.array([0], np.int32),
    )


def test_an_item_on_a_seat_without_reference_is_belongings() -> None:
    room = _room()
    verdicts = _evidence(EvidenceSettings(), LaptopInSlot(0, 0.4)).assess(room, Detections.empty())
    assert (verdicts["S0"].belongings, verdicts["S0"].belongings_reason) == (True, "finder")
    assert verdicts["S0"].belongings_score == pytest.approx(0.4)
    assert not verdicts["S1"].belongings
    settings = EvidenceSettings(unseen_item_conf=0.5)
    verdicts = _evidence(settings, LaptopInSlot(0, 0.4)).assess(room, Detections.empty())
    assert not verdicts["S0"].belongings


def test_a_faint_figure_where_the_item_finder_sees_nothing_is_no_belongings() -> None:
    room = _room()
    # The figure lies on S1; the only item the finder reports is on S0 (slot 0).
    vetoed = _evidence(EvidenceSettings(), LaptopInSlot(0)).assess(room, _faint_figure_on_s1())
    assert predicted_state(vetoed["S1"]) == "empty"
    kept = _evidence(EvidenceSettings(figure_item_floor=0.0), LaptopInSlot(0)).assess(
        room, _faint_figure_on_s1()
    )
    assert (kept["S1"].belongings, kept["S1"].belongings_reason) == (True, "figure")


def test_where_the_item_finder_cannot_see_sharply_its_silence_leaves_the_figure() -> None:
    """A 60 px seat's crop (72 px) is enlarged more than twice to fill its cell: an item may
    be lost in that, so finding none does not overrule the faint figure; and as the figure
    makes it belongings whatever the finder says, the finder does not look at it."""
    double = LaptopInSlot(0)
    small = _evidence(EvidenceSettings(), double, side=60)
    large = _evidence(EvidenceSettings(), LaptopInSlot(0))
    assert small.items is not None and large.items is not None
    assert not small.items.sees_sharply(small.camera, "S1")
    assert large.items.sees_sharply(large.camera, "S1")
    verdicts = small.assess(_room(), _faint_figure_on_s1(side=60))
    assert (verdicts["S1"].belongings, verdicts["S1"].belongings_reason) == (True, "figure")
    assert [mosaic.shape for mosaic in double.mosaics] == [(192, 192, 3)]  # S0's crop alone


def test_seats_with_a_captured_reference_or_nothing_to_decide_are_not_looked_at() -> None:
    room = _room()
    double = LaptopInSlot(0)
    evidence = _evidence(EvidenceSettings(), double)
    evidence.set_reference(room)
    verdicts = evidence.assess(room, _faint_figure_on_s1())
    assert double.mosaics == []
    assert not verdicts["S0"].belongings and not verdicts["S1"].belongings
    assert Pipeline(parse_site(_row_of_seats(2)), evidence_settings=OFF).items is None


def test_a_laptop_on_a_seat_never_seen_empty_is_found_on_real_footage(
    library_kr: Path, detector: Detector
) -> None:
    """library-kr v3a R3: a laptop at the frame's corner, its seat never seen empty; the people
    model has nothing there and no reference exists to compare with."""
    dataset = Dataset.load(library_kr)
    camera, time_s, frame = next(iter(dataset.frames("v3a")))
    assert dataset.truth[(camera, time_s)]["v3a-R3"] == "belongings"
    verdicts = {}
    for name, settings in (("finder", EvidenceSettings()), ("off", OFF)):
        pipeline = Pipeline(dataset.site, detector=detector, evidence_settings=settings)
        observed = pipeline.observe({camera: (frame, time_s)})[camera]
        verdicts[name] = observed.own_verdicts["v3a-R3"]
    assert verdicts["finder"].belongings_reason == "finder"
    assert verdicts["finder"].belongings_score >= EvidenceSettings().unseen_item_conf
    assert predicted_state(verdicts["off"]) == "empty"
    # The seat's own crop, as the finder cuts it, shows NanoDet a laptop.
    seat = next(
        s for c in dataset.site.cameras if c.id == "v3a" for s in c.seats if s.id == "v3a-R3"
    )
    x1, y1, x2, y2 = _crop_box(np.asarray(seat.polygon, np.float32), frame.shape)
    found = NanoDetDetector().detect([frame[y1:y2, x1:x2]], conf=0.3)[0]
    assert "laptop" in {found.class_names[int(c)] for c in found.class_id}


def test_empty_chairs_read_as_faint_figures_stay_empty_on_real_footage(
    aoi_study_hall: Dataset, detector: Detector
) -> None:
    """Study hall vid3 N2: an empty seat the people model gives a faint figure in its first
    seconds; the item finder sees nothing there."""
    frames = [(t, f) for _, t, f in aoi_study_hall.frames("vid3") if t <= 4.5]
    assert {aoi_study_hall.truth[("vid3", t)]["vid3-N2"] for t, _ in frames} == {"empty"}
    states: dict[str, list[str]] = {}
    for name, settings in (("finder", EvidenceSettings()), ("off", OFF)):
        pipeline = Pipeline(aoi_study_hall.site, detector=detector, evidence_settings=settings)
        part = pipeline.cameras["vid3"]
        seen = []
        for t, frame in frames:
            observation = pipeline.observe({"vid3": (frame, t)})["vid3"]
            part.feed(observation)
            part.learn(observation, frame)
            seen.append(predicted_state(observation.verdicts["vid3-N2"]))
        states[name] = seen
    assert states["finder"] == ["empty"] * len(frames)
    assert states["off"].count("belongings") >= 2, states["off"]


def test_on_an_sd_stream_a_figure_the_finder_cannot_judge_stands(
    aoi_study_hall: Dataset, detector: Detector
) -> None:
    """vid4 N4 shrunk to 352x288 (the eval's `sd` variant): a bag the people model gives a faint
    figure; the seat's crop would be enlarged too much for NanoDet to rule the bag out, so the
    figure stands (at full size the finder sees the seat sharply)."""
    from seatsense.evaluation.variants import VARIANTS

    sd = VARIANTS["sd"]
    pipeline = Pipeline(sd.site(aoi_study_hall.site), detector=detector)
    full = Pipeline(aoi_study_hall.site, detector=detector)
    assert pipeline.items is not None and full.items is not None
    assert not pipeline.items.sees_sharply(pipeline.cameras["vid4"].camera, "vid4-N4")
    assert full.items.sees_sharply(full.cameras["vid4"].camera, "vid4-N4")
    frames = [(t, f) for _, t, f in aoi_study_hall.frames("vid4") if t <= 3.0]
    assert {aoi_study_hall.truth[("vid4", t)]["vid4-N4"] for t, _ in frames} == {"belongings"}
    for time_s, frame in frames:
        verdict = pipeline.observe({"vid4": (sd.frame(frame), time_s)})["vid4"].own_verdicts
        assert verdict["vid4-N4"].belongings_reason == "figure", time_s

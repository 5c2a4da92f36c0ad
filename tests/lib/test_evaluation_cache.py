"""The evaluation's detection cache and the leave-one-camera-out choice: the bundled model
on real images, a small set made here, and library-kr when present."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np

from seatsense.evaluation.cache import CachedDetector
from seatsense.evaluation.dataset import STATES
from seatsense.evaluation.evaluate import Confusion, evaluate
from seatsense.evaluation.loco import (
    Candidate,
    camera_confusions,
    leave_one_camera_out,
)
from seatsense.vision.detect import Detector, NanoDetDetector
from seatsense.vision.evidence import EvidenceSettings
from tests.conftest import FIXTURES
from tests.lib.test_evaluate import _tiny_set


def test_cached_detections_equal_the_models_at_every_confidence(
    tmp_path: Path, detector: Detector
) -> None:
    """Stored once at the floor confidence, filtered later: the same boxes the model gives
    when asked for that confidence directly, and the second call never runs the model."""
    cached = CachedDetector(detector, tmp_path)
    image = cv2.imread(str(FIXTURES / "bus.jpg"))
    for conf in (0.05, 0.25, 0.5):
        direct = detector.detect([image], conf=conf)[0]
        answer = cached.detect([image], conf=conf)[0]
        assert len(answer) == len(direct) > 0
        np.testing.assert_allclose(answer.xyxy, direct.xyxy, atol=1e-3)
        np.testing.assert_allclose(answer.confidence, direct.confidence, atol=1e-5)
        assert answer.keypoints is not None and answer.keypoints.shape[1:] == (17, 3)
    assert cached.misses == 1 and cached.hits == 2
    # Another crop and another input size are other questions.
    cached.detect([image[:, :400]], conf=0.25)
    cached.detect([image], conf=0.25, imgsz=320)
    assert cached.misses == 3


def test_a_damaged_cache_entry_is_detected_again(tmp_path: Path, detector: Detector) -> None:
    cached = CachedDetector(detector, tmp_path)
    image = cv2.imread(str(FIXTURES / "zidane.jpg"))
    first = cached.detect([image], conf=0.3)[0]
    (entry,) = list(cached.folder.glob("*.npz"))
    entry.write_bytes(b"not an archive")
    again = CachedDetector(detector, tmp_path).detect([image], conf=0.3)[0]
    np.testing.assert_allclose(again.xyxy, first.xyxy, atol=1e-3)


def test_a_cached_eval_scores_the_same_and_is_not_timed(tmp_path: Path) -> None:
    root = _tiny_set(tmp_path / "tiny")
    plain = evaluate(root)
    cache = tmp_path / "cache"
    cold = evaluate(root, cache=cache)
    warm = evaluate(root, cache=cache)
    assert cold["overall"] == warm["overall"] == plain["overall"]
    assert warm["seconds_per_frame"] is None and warm["pipeline_vs_full_frame"] is None
    assert warm["views_run_per_frame"] == plain["views_run_per_frame"]  # counted all the same


def _confusion(**cells: int) -> Confusion:
    confusion = {t: dict.fromkeys(STATES, 0) for t in STATES}
    for key, count in cells.items():
        truth, predicted = key.split("_")
        confusion[truth][predicted] = count
    return confusion


def test_loco_never_chooses_by_the_held_out_camera() -> None:
    """'loose' is perfect on camera c and poor elsewhere, 'strict' the reverse: c gets the
    setting the other cameras prefer, however well the other would have done on it."""
    good = _confusion(occupied_occupied=10, empty_empty=10, belongings_belongings=5)
    poor = _confusion(occupied_empty=6, occupied_occupied=4, empty_empty=10, belongings_empty=5)
    confusions = {
        "strict": {("s", "a"): good, ("s", "b"): good, ("s", "c"): poor},
        "loose": {("s", "a"): poor, ("s", "b"): poor, ("s", "c"): good},
    }
    rows = leave_one_camera_out(confusions)
    assert [(r.camera, r.chosen) for r in rows] == [
        ("a", "strict"),
        ("b", "strict"),
        ("c", "strict"),
    ]
    assert rows[2].occupied_f1 < 0.6 and rows[0].occupied_f1 == 1.0


def test_loco_ties_keep_the_first_candidate() -> None:
    same = _confusion(occupied_occupied=3, empty_empty=3)
    rows = leave_one_camera_out(
        {
            "default": {("s", "a"): same, ("s", "b"): same},
            "other": {("s", "a"): same, ("s", "b"): same},
        }
    )
    assert {r.chosen for r in rows} == {"default"}


def test_loco_confusions_on_library_kr(library_kr: Path) -> None:
    """Real footage: one evaluation per candidate gives every camera's confusion, and a
    setting that sees nobody loses to the default on every held-out camera."""
    blind = Candidate("blind", EvidenceSettings(person_conf=0.99, figure_conf=0.0))
    confusions = camera_confusions([library_kr], [Candidate("default"), blind])
    assert set(confusions["default"]) == {
        ("library-kr", c) for c in ("v1", "v3a", "v3b", "v3c", "v4")
    }
    rows = leave_one_camera_out(confusions)
    assert {r.chosen for r in rows} == {"default"}
    assert sum(r.instances for r in rows) == 479
    assert min(r.occupied_f1 for r in rows) > 0.5


def test_loco_candidate_with_its_own_detector_smoothing(tmp_path: Path) -> None:
    """A candidate that sets the detector's smoothing of enlarged inputs runs a detector of its
    own: on an SD-shrunk set its detections are cached apart from the default's, and they
    differ (the same crops, enlarged with and without the smoothing)."""
    from seatsense.evaluation.variants import VARIANTS
    from tests.lib.test_evaluate import _tiny_set

    stepped = Candidate("stepped", upscale_denoise=(0, 30.0))
    cache = tmp_path / "cache"
    camera_confusions(
        [_tiny_set(tmp_path / "tiny")],
        [Candidate("default"), stepped],
        cache=cache,
        variants=[VARIANTS["sd"]],
    )
    # The item finder's crops are cached in a folder of their own.
    items = CachedDetector(NanoDetDetector(), cache).folder
    pose = [folder for folder in sorted(cache.iterdir()) if folder != items]
    smoothed, plain = (sorted(folder.iterdir()) for folder in pose)
    assert [p.name for p in smoothed] == [p.name for p in plain]  # the same crops
    assert any(a.read_bytes() != b.read_bytes() for a, b in zip(smoothed, plain, strict=True))


def test_loco_pools_the_no_baselines_run_only_where_a_set_has_baselines(tmp_path: Path) -> None:
    """Withholding baselines from a set that has none would count its clean run twice."""
    from seatsense.evaluation.variants import VARIANTS
    from tests.lib.test_evaluate import _tiny_set

    root = _tiny_set(tmp_path / "tiny")
    withheld = [None, VARIANTS["no-baselines"]]
    once = camera_confusions([root], [Candidate("default")])["default"][("tiny", "cam")]
    assert (
        camera_confusions([root], [Candidate("default")], variants=withheld)["default"][
            ("tiny", "cam")
        ]
        == once
    )
    (root / "baselines.csv").write_text("camera,seat,path\ncam,middle,media/a.jpg\n")
    pooled = camera_confusions([root], [Candidate("default")], variants=withheld)["default"]
    assert sum(sum(row.values()) for row in pooled[("tiny", "cam")].values()) == 2 * sum(
        sum(row.values()) for row in once.values()
    )

"""The change measure matches the exposure per seat: fading daylight (darker mid-tones, a
warmer cast) is not a change, a bag still is. Made-up frames always; library-kr's seats with
a baseline when the set is present."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np

from seatsense.core.layout import parse_site
from seatsense.evaluation.variants import VARIANTS
from seatsense.vision.detect import Detections, load_detector
from seatsense.vision.evidence import CameraEvidence

CAMERA = parse_site(
    {
        "cameras": [
            {
                "id": "c",
                "width": 320,
                "height": 240,
                "seats": [{"id": "A", "polygon": [[40, 40], [280, 40], [280, 220], [40, 220]]}],
            }
        ]
    }
).cameras[0]


def _desk() -> np.ndarray:
    """A seat with tones from dark to bright (wood grain, a chair, a lamp's highlight)."""
    rng = np.random.default_rng(3)
    grain = cv2.GaussianBlur(rng.uniform(0, 255, (240, 320)).astype(np.float32), (0, 0), 6)
    grain = cv2.normalize(grain, None, 30, 230, cv2.NORM_MINMAX)
    return cv2.cvtColor(grain.astype(np.uint8), cv2.COLOR_GRAY2BGR)


def test_dusk_on_a_textured_seat_is_not_a_change_but_a_bag_is() -> None:
    evidence = CameraEvidence(CAMERA)
    desk = _desk()
    evidence.set_reference(desk)
    dusk = VARIANTS["dusk"].frame(desk)
    verdict = evidence.assess(dusk, Detections.empty())["A"]
    assert not verdict.belongings, verdict
    bag = dusk.copy()
    bag[90:180, 100:200] = (20, 25, 30)  # a dark bag over a fifth of the seat
    verdict = evidence.assess(bag, Detections.empty())["A"]
    assert verdict.belongings and verdict.belongings_reason == "change"


def test_a_brighter_room_is_not_a_change() -> None:
    evidence = CameraEvidence(CAMERA)
    desk = _desk()
    evidence.set_reference(desk)
    brighter = np.clip(desk.astype(np.float32) * 1.3 + 10, 0, 255).astype(np.uint8)
    assert not evidence.assess(brighter, Detections.empty())["A"].belongings


def test_library_kr_baselines_hold_at_dusk(library_kr: Path) -> None:
    """v3a-L2 empty in 000458 and v3b-L2 with a bag in 001180, against morning baselines,
    the frames darkened and warmed as `--variant dusk` does."""
    from seatsense.evaluation.dataset import Dataset, read_frame

    dataset = Dataset.load(library_kr)
    detector = load_detector()
    cases = [
        ("v3a", "v3a-L2", "000284", "000458", False),
        ("v3b", "v3b-L2", "000302", "001180", True),
    ]
    for camera_id, seat_id, baseline, frame_name, holds_items in cases:
        evidence = CameraEvidence(dataset.site.camera(camera_id))
        evidence.set_reference(read_frame(library_kr / "media" / f"{baseline}.jpg"), [seat_id])
        frame = VARIANTS["dusk"].frame(read_frame(library_kr / "media" / f"{frame_name}.jpg"))
        verdict = evidence.assess(frame, detector.detect([frame], conf=0.05)[0])[seat_id]
        assert verdict.belongings is holds_items, (camera_id, verdict)

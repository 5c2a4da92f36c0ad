"""The person-sized cue for weak person boxes (`EvidenceSettings.person_box_share`): a weak
box as small as a bag on a seat does not seat anyone, a weak box the size of a seated person
does, and a sure box does whatever its size."""

from __future__ import annotations

import numpy as np

from seatsense.core.layout import parse_site
from seatsense.vision.detect import Detections
from seatsense.vision.evidence import CameraEvidence, EvidenceSettings

CAMERA = parse_site(
    {
        "cameras": [
            {
                "id": "c",
                "width": 400,
                "height": 200,
                "seats": [
                    {"id": "A", "polygon": [[0, 0], [200, 0], [200, 200], [0, 200]]},
                    {"id": "B", "polygon": [[200, 0], [400, 0], [400, 200], [200, 200]]},
                ],
            }
        ]
    }
).cameras[0]
ROOM = np.full((200, 400, 3), 120, np.uint8)


def _boxes(*rows: tuple[float, float, float, float, float]) -> Detections:
    array = np.array(rows, np.float32)
    return Detections(array[:, :4], array[:, 4], np.zeros(len(rows), np.int32))


def test_a_weak_bag_sized_box_is_not_a_person_but_a_person_sized_one_is() -> None:
    settings = EvidenceSettings(person_box_share=0.35, sure_person_conf=0.3)
    evidence = CameraEvidence(CAMERA, settings)
    # A: a 0.2 box over a tenth of the seat (a bag); B: a 0.2 box over half of it.
    verdicts = evidence.assess(ROOM, _boxes((60, 120, 120, 180, 0.2), (220, 20, 380, 150, 0.2)))
    assert not verdicts["A"].person
    assert verdicts["A"].belongings and verdicts["A"].belongings_reason == "figure"
    assert verdicts["B"].person


def test_a_sure_box_seats_a_person_whatever_its_size() -> None:
    evidence = CameraEvidence(CAMERA, EvidenceSettings(person_box_share=0.35))
    assert evidence.assess(ROOM, _boxes((60, 120, 120, 180, 0.6)))["A"].person


def test_the_cue_is_on_by_default_and_turns_off_at_zero() -> None:
    verdicts = CameraEvidence(CAMERA).assess(ROOM, _boxes((60, 120, 120, 180, 0.2)))
    assert not verdicts["A"].person
    off = CameraEvidence(CAMERA, EvidenceSettings(person_box_share=0.0))
    assert off.assess(ROOM, _boxes((60, 120, 120, 180, 0.2)))["A"].person


def test_a_faint_box_as_large_as_a_seated_person_seats_one() -> None:
    """An SD stream's seated person: a 0.1 box over most of seat B. The same confidence on a
    bag-sized box at seat A stays a faint figure (belongings), and below
    `faint_person_conf` a large box is a figure too."""
    evidence = CameraEvidence(CAMERA)
    verdicts = evidence.assess(ROOM, _boxes((60, 120, 120, 180, 0.1), (210, 10, 390, 190, 0.1)))
    assert verdicts["B"].person
    assert not verdicts["A"].person and verdicts["A"].belongings_reason == "figure"
    fainter = evidence.assess(ROOM, _boxes((210, 10, 390, 190, 0.05)))["B"]
    assert not fainter.person and fainter.belongings_reason == "figure"
    off = CameraEvidence(CAMERA, EvidenceSettings(faint_person_box_share=0.0))
    assert not off.assess(ROOM, _boxes((210, 10, 390, 190, 0.1)))["B"].person


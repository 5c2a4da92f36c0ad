"""Plain methods, scored beside the pipeline in the same `seatsense eval` run.

Each calls a seat occupied from one whole-frame inference of the same model with one
geometric rule and nothing else: no tiles, no keypoints, no memory, no belongings. Every rule
runs at the model's default confidence (0.25) and at 0.1, with a few thresholds; the best of
them in a run is the yardstick the pipeline has to beat there: what the model alone gives.

>>> from seatsense.core.layout import parse_site
>>> from seatsense.vision.detect import Detections
>>> camera = parse_site({"cameras": [{"id": "c", "width": 200, "height": 100, "seats": [
...     {"id": "A", "polygon": [[0, 0], [100, 0], [100, 100], [0, 100]]},
...     {"id": "B", "polygon": [[100, 0], [200, 0], [200, 100], [100, 100]]}]}]}).cameras[0]
>>> person = Detections(np.array([[60, 10, 120, 90]], np.float32), np.array([0.2], np.float32),
...     np.zeros(1, np.int64))
>>> methods = occupied_seats(camera, person)
>>> sorted(methods["bottom_centre@0.1"]), sorted(methods["seat_covered>=0.1@0.1"])
(['A'], ['A', 'B'])
>>> sorted(methods["box_in_seat>=0.5@0.1"]), sorted(methods["box_in_seat>=0.5@0.25"])
(['A'], [])
"""

from __future__ import annotations

import numpy as np
import shapely

from ..core.layout import Camera
from ..vision.detect import Detections

PLAIN_CONFIDENCES = (0.25, 0.1)
"""The confidences each rule runs at: the model's default, and a low one that finds more of
the half-hidden people (and more chairs and coats)."""
PLAIN_RULES: dict[str, tuple[float, ...]] = {
    "bottom_centre": (),
    "box_in_seat": (0.3, 0.5),
    "seat_covered": (0.1, 0.3),
    "iou": (0.1, 0.2),
}
"""Each rule and its thresholds: the bottom-centre of a person box lies in the seat; this
share of a person box lies in the seat; a person box covers this share of the seat; a person
box and the seat overlap by this intersection over union."""


def occupied_seats(camera: Camera, detections: Detections) -> dict[str, set[str]]:
    """Per plain method (`rule>=threshold@confidence`), the seats of `camera` it calls
    occupied from these detections (camera pixels, from `min(PLAIN_CONFIDENCES)` up; only
    people count)."""
    seats = [shapely.Polygon(seat.polygon) for seat in camera.seats]
    seat_area = np.array([max(seat.area, 1e-9) for seat in seats])
    everyone = detections.people
    methods: dict[str, set[str]] = {}
    for confidence in PLAIN_CONFIDENCES:
        people = everyone.select(everyone.confidence >= confidence)
        xyxy = people.xyxy.astype(np.float64)
        boxes = shapely.box(*xyxy.T) if len(people) else np.zeros(0, object)
        inside = np.zeros((len(people), len(seats)))
        bottom_in = np.zeros((len(people), len(seats)), bool)
        for j, seat in enumerate(seats):
            if len(people):
                inside[:, j] = shapely.area(shapely.intersection(boxes, seat))
                bottom_in[:, j] = shapely.contains_xy(seat, xyxy[:, [0, 2]].mean(1), xyxy[:, 3])
        box_area = np.maximum((xyxy[:, 2] - xyxy[:, 0]) * (xyxy[:, 3] - xyxy[:, 1]), 1e-9)
        measures = {
            "box_in_seat": inside / box_area[:, None],
            "seat_covered": inside / seat_area[None, :],
            "iou": inside / (box_area[:, None] + seat_area[None, :] - inside),
        }
        calls = {"bottom_centre": bottom_in}
        for rule, thresholds in PLAIN_RULES.items():
            for threshold in thresholds:
                calls[f"{rule}>={threshold}"] = measures[rule] >= threshold
        for name, called in calls.items():
            methods[f"{name}@{confidence}"] = {
                seat.id for j, seat in enumerate(camera.seats) if called[:, j].any()
            }
    return methods

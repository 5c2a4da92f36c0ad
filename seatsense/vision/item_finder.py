"""Items on seats that have nothing to be compared with: each chosen seat's own crop is shown to
a small COCO detector (the bundled NanoDet), four seats to one inference.

A seat never seen empty has no reference, so a laptop or a bag on it changes nothing the
change measure can see, and the people model has no item classes. Its crop (a square about
the seat, `CROP_MARGIN` wider than the polygon's box) goes into one 192 px cell of a mosaic
(one cell alone, two side by side, four in 2x2): the seats of a camera cost one inference per
four, and every seat is seen at the same scale whichever others share its mosaic. A seat's
score is the best item (`ITEM_CLASSES`) whose box centre lies in its polygon.

>>> import numpy as np
>>> from seatsense.core.layout import parse_site
>>> camera = parse_site({"cameras": [{"id": "c", "width": 640, "height": 480, "seats": [
...     {"id": "A", "polygon": [[40, 200], [300, 200], [300, 460], [40, 460]]}]}]}).cameras[0]
>>> SeatItemFinder().scores(np.zeros((480, 640, 3), np.uint8), camera, ["A"])
{'A': 0.0}
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import cv2
import numpy as np
import numpy.typing as npt

from ..core.frame import Frame
from ..core.layout import Camera, Seat
from .detect import ITEM_CLASSES, Detector, NanoDetDetector
from .detect.enlarge import UPSCALE_DENOISE_FROM, smooth_enlarged
from .gate import GateSettings, Thumbnail, changed, thumbnail

CROP_MARGIN = 1.2
"""A seat's crop is a square this many times the longer side of its polygon's box: the whole
seat with a little of its surroundings, so an item on its edge is seen whole."""
MOSAIC_SIDE = 2
"""Seat crops per side of one mosaic (2: four seats per inference)."""
MOSAIC_GAP = 32
"""Blank pixels between the crops of a mosaic: the detector's largest stride, so each crop
starts on its anchor grid and is seen alike whichever slot it takes."""
FLOOR_CONF = 0.05
"""Lowest item score asked of the detector: below any setting worth trying."""
CropBox = tuple[int, int, int, int]
"""A seat's crop in frame pixels: x1, y1, x2, y2."""
LOOK_SIZE = (32, 32)
"""Size of the grey picture of a seat's crop that tells whether it changed since last looked
at."""
GATE = GateSettings()
"""A seat's crop changed, and is looked at again, as the change gate tells a changed seat."""
ALL_PIXELS = np.ones(LOOK_SIZE[::-1], bool)
"""The whole of the small picture is compared."""


class SeatItemFinder:
    """Best item score per seat from a COCO detector shown the seats' own crops.

    `detector` defaults to the bundled NanoDet; any `Detector` with COCO class names works
    (`evaluation.cache.CachedDetector` wraps it in `seatsense eval`).
    """

    def __init__(self, detector: Detector | None = None) -> None:
        self.detector = detector if detector is not None else NanoDetDetector()
        self.cell = (self.detector.imgsz - (MOSAIC_SIDE - 1) * MOSAIC_GAP) // MOSAIC_SIDE
        """Side of each crop in the mosaic (192 px of NanoDet's 416)."""
        self._items = np.array(
            [i for i, name in self.detector.class_names.items() if name in ITEM_CLASSES]
        )
        self._seen: dict[tuple[str, str], tuple[Thumbnail, float]] = {}
        """Each seat's crop as last looked at (a small grey picture) and its score then."""

    def scores(self, frame: Frame, camera: Camera, seat_ids: Iterable[str]) -> dict[str, float]:
        """Each seat's best item score (0 when none), for a camera-sized frame. A seat whose
        crop looks as it did when last looked at keeps that look's score (the change gate's
        test): nothing was put down or taken away."""
        found: dict[str, float] = {}
        fresh: list[tuple[Seat, CropBox]] = []
        looks: dict[str, Thumbnail] = {}
        for seat_id in seat_ids:
            seat = camera.seat(seat_id)
            box = _crop_box(np.asarray(seat.polygon, np.float32), frame.shape)
            look = thumbnail(frame[box[1] : box[3], box[0] : box[2]], LOOK_SIZE)
            before = self._seen.get((camera.id, seat_id))
            if before is not None and not changed(look, before[0], ALL_PIXELS, GATE):
                found[seat_id] = before[1]
            else:
                fresh.append((seat, box))
                looks[seat_id] = look
        per_mosaic = MOSAIC_SIDE * MOSAIC_SIDE
        for start in range(0, len(fresh), per_mosaic):
            for seat_id, score in self._look(frame, fresh[start : start + per_mosaic]).items():
                found[seat_id] = score
                self._seen[(camera.id, seat_id)] = (looks[seat_id], score)
        return found

    def _look(self, frame: Frame, group: list[tuple[Seat, CropBox]]) -> dict[str, float]:
        """One inference over up to four seats' crops: each seat's best item score."""
        mosaic, windows = self._mosaic(frame, [box for _, box in group])
        detections = self.detector.detect([mosaic], conf=FLOOR_CONF)[0]
        items = detections.select(np.isin(detections.class_id, self._items))
        centres = (items.xyxy[:, :2] + items.xyxy[:, 2:]) / 2
        found = {}
        for (seat, _), window in zip(group, windows, strict=True):
            polygon = np.asarray(seat.polygon, np.float32)
            found[seat.id] = 0.0
            for k in range(len(items)):
                point = window.to_frame(float(centres[k, 0]), float(centres[k, 1]))
                if point is not None and cv2.pointPolygonTest(polygon, point, False) >= 0:
                    found[seat.id] = max(found[seat.id], round(float(items.confidence[k]), 4))
        return found

    def sees_sharply(self, camera: Camera, seat_id: str) -> bool:
        """Whether the seat's crop is enlarged at most `UPSCALE_DENOISE_FROM` to fit its cell
        (as from there on enlarged inputs are smoothed): only there does finding no item say
        that there is none, where a smaller crop's item may be lost in the enlargement."""
        polygon = np.asarray(camera.seat(seat_id).polygon, np.float32)
        x1, y1, x2, y2 = _crop_box(polygon, (camera.height, camera.width))
        return self.cell / max(x2 - x1, y2 - y1) <= UPSCALE_DENOISE_FROM

    def _mosaic(self, frame: Frame, boxes: list[CropBox]) -> tuple[Frame, list[_Window]]:
        """The seats' crops side by side in one detector input, and where each one lies."""
        # One crop runs alone, two side by side, three or four in two rows.
        cell, step = self.cell, self.cell + MOSAIC_GAP
        columns = min(len(boxes), MOSAIC_SIDE)
        rows = -(-len(boxes) // MOSAIC_SIDE)
        mosaic = np.zeros((rows * step - MOSAIC_GAP, columns * step - MOSAIC_GAP, 3), np.uint8)
        windows = []
        for slot, (x1, y1, x2, y2) in enumerate(boxes):
            left, top = (slot % MOSAIC_SIDE) * step, (slot // MOSAIC_SIDE) * step
            # Enlarged, an SD stream's blocks and ringing read as things; smoothed they do not.
            crop = smooth_enlarged(frame[y1:y2, x1:x2], cell)
            mosaic[top : top + cell, left : left + cell] = cv2.resize(
                crop, (cell, cell), interpolation=cv2.INTER_AREA
            )
            windows.append(_Window(left, top, cell, x1, y1, (x2 - x1) / cell, (y2 - y1) / cell))
        return mosaic, windows


@dataclass(frozen=True)
class _Window:
    """Where a seat's crop lies in the mosaic and in the frame."""

    left: int
    top: int
    cell: int
    frame_x: int
    frame_y: int
    scale_x: float
    scale_y: float

    def to_frame(self, x: float, y: float) -> tuple[float, float] | None:
        """A mosaic point in frame pixels; None when it lies outside this crop."""
        inside_x, inside_y = x - self.left, y - self.top
        if not (0 <= inside_x < self.cell and 0 <= inside_y < self.cell):
            return None
        return self.frame_x + inside_x * self.scale_x, self.frame_y + inside_y * self.scale_y


def _crop_box(polygon: npt.NDArray[np.float32], shape: tuple[int, ...]) -> CropBox:
    """The square about a seat polygon's box (`CROP_MARGIN`), cut to the frame."""
    low, high = polygon.min(axis=0), polygon.max(axis=0)
    half = CROP_MARGIN * float(max(high - low)) / 2
    centre_x, centre_y = (low + high) / 2
    height, width = shape[:2]
    x1, y1 = max(0, int(centre_x - half)), max(0, int(centre_y - half))
    x2, y2 = min(width, int(centre_x + half)), min(height, int(centre_y + half))
    return x1, y1, max(x2, x1 + 1), max(y2, y1 + 1)

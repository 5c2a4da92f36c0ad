"""Seat tiling: square crops over a camera's seats that the detector sees on their own, so
small or half-hidden seated people show larger than in the letterboxed whole frame, and the
merge of every view's detections into one box per object.

>>> from seatsense.core.layout import parse_site
>>> camera = parse_site({"cameras": [{"id": "c", "width": 1280, "height": 720, "seats": [
...     {"id": "A", "polygon": [[0, 200], [1280, 200], [1280, 600], [0, 600]]}]}]}).cameras[0]
>>> tiling = SeatTiling(camera, whole_size=640)
>>> tiling.tiles[0], len(tiling.tiles), tiling.input_size
(Tile(x1=0, y1=0, x2=1280, y2=720), 5, 416)
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

import cv2
import numpy as np
import numpy.typing as npt

from ..core.frame import Frame
from ..core.layout import Camera, Polygon
from .detect import Detections


@dataclass(frozen=True)
class TilingSettings:
    """How a camera's seats are tiled for the detector, and how the views' detections merge.

    >>> TilingSettings(tile_budget=4.0).tile_imgsz
    640
    """

    seat_tiles: bool = True
    """Also detect on square tiles over the seats, where that shows them larger (small,
    half-hidden people)."""
    tile_imgsz: int = 640
    """Largest input size for the tiles (a 720-px tile of a 720p view is then seen at 0.89
    scale, the whole frame at 0.5)."""
    tile_budget: float = 3.0
    """The seat tiles of a camera together may cost at most this many whole-frame inferences
    (input pixels); where more or larger tiles would cost more, their input size shrinks. One
    whole frame plus three keeps a frame within 4x one full-frame inference."""
    merge_overlap: float = 0.6
    """Share of a box inside a better box (same class) above which tile detections merge."""
    small_seat_px: int = 64
    """A seat whose size (the square root of its bounding box's area) the whole frame's
    input shows smaller than this many pixels gets fine tiles of its own: far seats of a
    wide room, and every seat of an SD stream seen from afar. 0 turns fine tiles off."""
    fine_seat_px: int = 112
    """How large a fine tile's input shows its small seats: a seated person then stands
    about twice that tall, which the detector sees well."""
    fine_tile_imgsz: int = 320
    """Input size of the fine tiles. They take their share of `tile_budget` first; the
    seat tiles above get what is left."""
    skip_decided_tiles: bool = True
    """Run the whole frame first, and a tile only where one of the seats it shows is left
    open by the whole frame's detections (`CameraEvidence.plainly_decided`: a sure person
    there, or no one and the seat as its reference shows it)."""


class SeatTiling:
    """One camera's views: the whole frame (view 0) and its seat tiles, the input size the
    tiles run at, and the way back from each view's detections to one set for the frame."""

    def __init__(
        self, camera: Camera, whole_size: int, settings: TilingSettings | None = None
    ) -> None:
        self.camera = camera
        self.settings = settings or TilingSettings()
        settings = self.settings
        coarse = plan_tiles(camera, settings.seat_tiles)
        fine = plan_fine_tiles(camera, whole_size, settings) if settings.seat_tiles else []
        whole = whole_input_pixels(camera, whole_size)
        # Fine tiles come first: without them a far seat's person is not seen at all.
        fine_size = min(
            settings.fine_tile_imgsz,
            _fitting_size(settings.tile_budget * whole / max(1, len(fine))),
        )
        left = max(0.0, settings.tile_budget - len(fine) * fine_size**2 / whole)
        coarse_size = tile_input_size(
            camera, len(coarse) - 1, whole_size, left, settings.tile_imgsz
        )
        if fine and coarse_size / max(t.x2 - t.x1 for t in coarse[1:] or coarse) < (
            COARSE_GAIN * whole_size / max(camera.width, camera.height)
        ):
            coarse = coarse[:1]  # the seat tiles would show the seats hardly larger
        self.tiles = coarse + fine
        self.input_size = coarse_size
        """The detector's input size for the seat tiles (whole frames run at the model's
        size, fine tiles at `fine_tile_imgsz` or less)."""
        self.input_sizes: list[int | None] = [
            None,
            *[coarse_size] * (len(coarse) - 1),
            *[fine_size] * len(fine),
        ]
        """Each view's input size (None: the model's own)."""
        self.seats: list[frozenset[str]] = [
            frozenset(seat.id for seat in camera.seats if tile.touches(seat.polygon))
            for tile in self.tiles
        ]
        """The seats each view shows (any part of their polygon's box)."""

    def crops(
        self, frame: Frame, views: Iterable[int] | None = None
    ) -> list[tuple[int, Frame, int | None]]:
        """The views of a camera-sized frame (default: all) as (view index, crop, input size);
        the size is None for the whole frame, which runs at the model's own size."""
        wanted = range(len(self.tiles)) if views is None else views
        out: list[tuple[int, Frame, int | None]] = []
        for index in wanted:
            tile = self.tiles[index]
            crop = frame[tile.y1 : tile.y2, tile.x1 : tile.x2]
            out.append((index, crop, self.input_sizes[index]))
        return out

    def to_frame(self, index: int, detections: Detections) -> Detections:
        """A view's detections in whole-frame pixels. Boxes that fill a tile from edge to edge
        are dropped (`Tile.spanned_by`)."""
        tile = self.tiles[index]
        mapped = tile.to_frame(detections)
        if index:
            mapped = mapped.select(np.flatnonzero(~tile.spanned_by(mapped)))
        return mapped

    def merge(self, views: Mapping[int, Detections], confident: float) -> Detections:
        """One box per object from the detections of the views (whole-frame pixels); boxes
        scored at least `confident` win over weaker ones (`merge_detections`)."""
        order = sorted(views)
        width, height = self.camera.width, self.camera.height
        return merge_detections(
            [views[i] for i in order],
            self.settings.merge_overlap,
            [self.tiles[i].cut_boxes(views[i], width, height) for i in order],
            confident,
        )


@dataclass(frozen=True)
class Tile:
    """A rectangle of a camera's frame that the detector sees on its own.

    >>> from seatsense.vision.detect import Detections
    >>> found = Detections(np.array([[10, 20, 30, 40]], np.float32),
    ...                    np.array([0.9], np.float32), np.array([0], np.int32))
    >>> Tile(400, 0, 1120, 720).to_frame(found).xyxy.tolist()
    [[410.0, 20.0, 430.0, 40.0]]
    """

    x1: int
    y1: int
    x2: int
    y2: int

    def touches(self, polygon: Polygon) -> bool:
        """Whether any part of the polygon's bounding box lies inside this tile.

        >>> Tile(0, 0, 100, 100).touches([(90, 90), (150, 150)])
        True
        """
        points = np.asarray(polygon, np.float64)
        (x1, y1), (x2, y2) = points.min(axis=0), points.max(axis=0)
        return bool(x1 < self.x2 and x2 > self.x1 and y1 < self.y2 and y2 > self.y1)

    def cut_boxes(self, detections: Detections, width: int, height: int) -> npt.NDArray[np.bool_]:
        """Which boxes (whole-frame pixels) end at an edge of this tile inside the frame: the
        tile cut them, so they show only part of the object."""
        margin = max(2.0, 0.01 * max(self.x2 - self.x1, self.y2 - self.y1))
        x1, y1, x2, y2 = detections.xyxy.T
        cut: npt.NDArray[np.bool_] = (
            ((x1 - self.x1 < margin) & (self.x1 > 0))
            | ((y1 - self.y1 < margin) & (self.y1 > 0))
            | ((self.x2 - x2 < margin) & (self.x2 < width))
            | ((self.y2 - y2 < margin) & (self.y2 < height))
        )
        return cut

    def spanned_by(self, detections: Detections) -> npt.NDArray[np.bool_]:
        """Which boxes (whole-frame pixels) reach across this tile from edge to edge.

        A seat tile is there to show small and half-hidden people larger. A box that fills it
        from one edge to the other is either a big person, whom the whole frame sees anyway,
        or, in a low-resolution tile enlarged 3x, the furniture read as one giant figure.
        """
        margin = 0.02 * max(self.x2 - self.x1, self.y2 - self.y1)
        x1, y1, x2, y2 = detections.xyxy.T
        spans: npt.NDArray[np.bool_] = ((y1 - self.y1 < margin) & (self.y2 - y2 < margin)) | (
            (x1 - self.x1 < margin) & (self.x2 - x2 < margin)
        )
        return spans

    def to_frame(self, detections: Detections) -> Detections:
        """Detections of this tile in whole-frame pixels."""
        if self.x1 == 0 and self.y1 == 0:
            return detections
        offset = np.array([self.x1, self.y1, self.x1, self.y1], np.float32)
        keypoints = detections.keypoints
        if keypoints is not None:
            keypoints = keypoints.copy()
            keypoints[..., 0] += self.x1
            keypoints[..., 1] += self.y1
        return replace(detections, xyxy=detections.xyxy + offset, keypoints=keypoints)


def plan_tiles(camera: Camera, enabled: bool = True) -> list[Tile]:
    """The whole frame, plus square tiles over the seats' bounding box when that helps.

    Tiles are as tall as the seat region and overlap by a fifth, so a model with a square
    input sees the seats larger than in the letterboxed whole frame of a 16:9 camera. The
    whole frame stays: its box of a big person contains the halves that a tile's edge cuts,
    so the merge keeps one box per person.
    """
    whole = Tile(0, 0, camera.width, camera.height)
    if not enabled or not camera.seats:
        return [whole]
    points = np.concatenate([np.asarray(seat.polygon) for seat in camera.seats])
    x1, y1 = np.floor(points.min(axis=0)).astype(int)
    x2, y2 = np.ceil(points.max(axis=0)).astype(int)
    width, height = int(x2 - x1), int(y2 - y1)
    side = min(height, width)
    count = int(np.ceil((max(width, height) - side * 0.2) / (side * 0.8)))
    if count < 2:
        return [whole]
    tiles = [whole]
    span = max(width, height) - side
    for i in range(count):
        start = round(span * i / (count - 1))
        if width >= height:
            tiles.append(Tile(int(x1) + start, int(y1), int(x1) + start + side, int(y2)))
        else:
            tiles.append(Tile(int(x1), int(y1) + start, int(x2), int(y1) + start + side))
    return tiles


COARSE_GAIN = 1.25
"""Where a camera has fine tiles, its seat tiles stay only if they show the seats at least
this much larger than the whole frame does; otherwise their cost buys little."""


def _fitting_size(pixels: float, stride: int = 32) -> int:
    """The largest square input (a multiple of `stride`) of at most `pixels` pixels."""
    return max(stride, int(math.sqrt(pixels) / stride) * stride)


def plan_fine_tiles(camera: Camera, whole_size: int, settings: TilingSettings) -> list[Tile]:
    """Square tiles over the seats the whole frame shows too small (`small_seat_px`), each
    as large as `fine_tile_imgsz` shows its largest seat at `fine_seat_px`.

    A seat's box is grown upwards by its own height (a seated person's head and shoulders
    rise above the seat) and a quarter to each side; tiles are placed greedily, each from the
    top left of the first seat (in reading order) not yet inside one, and take every other
    small seat they contain.

    >>> from seatsense.core.layout import parse_site
    >>> camera = parse_site({"cameras": [{"id": "c", "width": 1280, "height": 720, "seats": [
    ...     {"id": "far", "polygon": [[600, 100], [650, 100], [650, 150], [600, 150]]},
    ...     {"id": "near", "polygon": [[0, 300], [600, 300], [600, 720], [0, 720]]}]}]}
    ...     ).cameras[0]
    >>> plan_fine_tiles(camera, 640, TilingSettings())
    [Tile(x1=588, y1=50, x2=730, y2=193)]
    """
    if settings.small_seat_px <= 0 or not camera.seats:
        return []
    scale = min(whole_size / camera.width, whole_size / camera.height)
    boxes = []
    for seat in camera.seats:
        points = np.asarray(seat.polygon, np.float64)
        (x1, y1), (x2, y2) = points.min(axis=0), points.max(axis=0)
        size = math.sqrt(max(1.0, (x2 - x1) * (y2 - y1)))
        if size * scale < settings.small_seat_px:
            pad_x = 0.25 * (x2 - x1)
            boxes.append((x1 - pad_x, y1 - (y2 - y1), x2 + pad_x, y2, size))
    boxes.sort(key=lambda b: (b[1], b[0]))
    tiles: list[Tile] = []
    covered = [False] * len(boxes)
    for i, (x1, y1, x2, y2, size) in enumerate(boxes):
        if covered[i]:
            continue
        side = settings.fine_tile_imgsz * size / settings.fine_seat_px
        side = min(max(side, x2 - x1, y2 - y1), camera.width, camera.height)
        # Anchored at the seat's top left: the seats after it in reading order fall inside.
        left = min(max(0.0, x1), camera.width - side)
        top = min(max(0.0, y1), camera.height - side)
        tile = Tile(round(left), round(top), round(left + side), round(top + side))
        tiles.append(tile)
        for j, (a1, b1, a2, b2, _) in enumerate(boxes):
            covered[j] = covered[j] or (
                a1 >= tile.x1 - 1 and b1 >= tile.y1 - 1 and a2 <= tile.x2 + 1 and b2 <= tile.y2 + 1
            )
    return tiles


def whole_input_pixels(camera: Camera, whole_size: int, stride: int = 32) -> int:
    """Input pixels of one whole-frame inference at the model's `whole_size`."""
    scale = min(whole_size / camera.width, whole_size / camera.height)
    columns = math.ceil(camera.width * scale / stride)
    rows = math.ceil(camera.height * scale / stride)
    return columns * rows * stride * stride


def tile_input_size(
    camera: Camera, tiles: int, whole_size: int, budget: float, largest: int, stride: int = 32
) -> int:
    """Input size for a camera's `tiles` square seat tiles: `largest`, or smaller where the
    tiles together would cost more than `budget` whole-frame inferences (input pixels) at the
    model's `whole_size`.

    >>> from seatsense.core.layout import parse_site
    >>> camera = parse_site({"cameras": [{"id": "c", "width": 1280, "height": 720,
    ...     "seats": [{"id": "A", "polygon": [[0, 0], [9, 0], [9, 9]]}]}]}).cameras[0]
    >>> tile_input_size(camera, 2, 640, 3.0, 640)  # the whole frame runs at 640 x 384
    576
    """
    if tiles < 1:
        return largest
    whole = whole_input_pixels(camera, whole_size, stride) / (stride * stride)
    fits = int(math.sqrt(budget * whole / tiles)) * stride
    return max(stride, min(largest, fits))


def merge_detections(
    parts: list[Detections],
    max_overlap: float,
    cut: list[npt.NDArray[np.bool_]] | None = None,
    confident: float = 0.0,
) -> Detections:
    """Join detections of overlapping views of one frame, keeping one box per object.

    A box is dropped when more than `max_overlap` of it lies inside a kept box of the same
    class from another view: a tile's edge cuts people, so plain IoU would keep the cut half.
    Boxes scored at least `confident` come first, then whole boxes before boxes that a tile's
    edge cut (`cut`, per part), then the better scored: a weak whole box never pushes out a
    confident one that an edge cut. Within one view the detector's own suppression has already told
    overlapping neighbours apart, so there only a box almost wholly inside another goes.
    """
    merged = Detections.concatenate(parts)
    if len(parts) < 2 or len(merged) < 2:
        return merged
    view = np.concatenate([np.full(len(part), index) for index, part in enumerate(parts)])
    is_cut = np.concatenate(cut) if cut is not None else np.zeros(len(merged), np.bool_)
    order = np.lexsort((-merged.confidence, is_cut, merged.confidence < confident))
    boxes = merged.xyxy
    areas = np.maximum(1e-6, (boxes[:, 2] - boxes[:, 0]) * (boxes[:, 3] - boxes[:, 1]))
    keep: list[int] = []
    for index in order:
        box = boxes[index]
        dropped = False
        for kept in keep:
            if merged.class_id[kept] != merged.class_id[index]:
                continue
            other = boxes[kept]
            w = max(0.0, min(box[2], other[2]) - max(box[0], other[0]))
            h = max(0.0, min(box[3], other[3]) - max(box[1], other[1]))
            limit = SAME_VIEW_OVERLAP if view[kept] == view[index] else max_overlap
            if w * h / min(areas[index], areas[kept]) > limit:
                dropped = True
                break
        if not dropped:
            keep.append(int(index))
    return merged.select(np.asarray(sorted(keep), np.int64))


SAME_VIEW_OVERLAP = 0.9
"""Within one view, a box this much inside another is a part of it (a torso inside the
person), not a neighbour half hidden behind them."""


def view_masks(
    camera: Camera, tiles: list[Tile], size: tuple[int, int]
) -> list[npt.NDArray[np.bool_]]:
    """For each view (tile), the pixels of the seats it shows in a picture of the whole frame
    at `size` (width, height); the whole tile where it shows no seat.

    >>> from seatsense.core.layout import parse_site
    >>> camera = parse_site({"cameras": [{"id": "c", "width": 200, "height": 100, "seats": [
    ...     {"id": "A", "polygon": [[0, 0], [100, 0], [100, 100], [0, 100]]}]}]}).cameras[0]
    >>> [int(mask.sum()) for mask in view_masks(camera, [Tile(0, 0, 200, 100)], (20, 10))]
    [110]
    """
    seats = np.zeros((size[1], size[0]), np.uint8)
    scale = np.array([size[0] / camera.width, size[1] / camera.height])
    for seat in camera.seats:
        cv2.fillPoly(seats, [np.round(np.asarray(seat.polygon) * scale).astype(np.int32)], 1)
    if not seats.any():
        seats[:] = 1
    masks = []
    for tile in tiles:
        inside = np.zeros_like(seats)
        x1, y1 = int(tile.x1 * scale[0]), int(tile.y1 * scale[1])
        x2, y2 = int(np.ceil(tile.x2 * scale[0])), int(np.ceil(tile.y2 * scale[1]))
        inside[y1:y2, x1:x2] = 1
        view = (seats & inside) > 0
        masks.append(view if view.any() else inside > 0)
    return masks

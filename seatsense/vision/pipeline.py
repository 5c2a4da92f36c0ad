"""Frames of several cameras in, seat verdicts and events out: detect, evidence, engines.

The same pipeline serves live cameras (through the monitor), replays and evaluation.

>>> from seatsense.core.layout import parse_site
>>> import numpy as np
>>> site = parse_site({"cameras": [{"id": "c", "width": 640, "height": 480, "seats": [
...     {"id": "A", "polygon": [[0, 0], [300, 0], [300, 400], [0, 400]]}]}]})
>>> pipeline = Pipeline(site)
>>> result = pipeline.update({"c": (np.zeros((480, 640, 3), np.uint8), 0.0)})
>>> result.statuses["c"]["A"].state.value
'empty'
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import cv2
import numpy as np
import numpy.typing as npt

from ..core.engine import Event, Observation, SeatEngine, SeatState, SeatStatus
from ..core.frame import Frame
from ..core.layout import Camera, Site
from .detect import Detections, Detector, fit_frame, load_detector
from .evidence import CameraEvidence, EvidenceSettings

TimedFrame = tuple[Frame, float]
"""A frame and its capture time in seconds."""


@dataclass
class CameraObservation:
    """What one frame of one camera showed."""

    time_s: float
    detections: Detections
    verdicts: dict[str, Observation]

    @property
    def people(self) -> int:
        """How many people the frame shows (seated or not)."""
        return len(self.detections.people)


@dataclass
class CycleResult:
    """One pipeline step: what each camera showed, the events, the seats' states after it."""

    observations: dict[str, CameraObservation]
    events: list[Event] = field(default_factory=list)
    statuses: dict[str, dict[str, SeatStatus]] = field(default_factory=dict)
    inferred: list[str] = field(default_factory=list)
    """The cameras that got a fresh inference (the others reused their last verdicts)."""
    views_inferred: int = 0
    """How many crops (whole frames and seat tiles) the detector saw."""


class Pipeline:
    """Detector, per-camera evidence and per-seat engines for one site.

    `observe` gives instantaneous verdicts (what `seatsense eval` scores); `update` also
    runs the seat engines and keeps the empty references fresh.
    """

    def __init__(
        self,
        site: Site,
        detector: Detector | None = None,
        evidence_settings: EvidenceSettings | None = None,
        restore: Mapping[str, Mapping[str, Any]] | None = None,
    ) -> None:
        self.site = site
        self.detector = detector if detector is not None else load_detector(site.model)
        self.evidence_settings = evidence_settings or EvidenceSettings()
        self.evidence = {
            camera.id: CameraEvidence(camera, self.evidence_settings) for camera in site.cameras
        }
        self.tiles = {
            camera.id: plan_tiles(camera, self.evidence_settings.seat_tiles)
            for camera in site.cameras
        }
        self.tile_sizes = {
            camera.id: tile_input_size(
                camera,
                len(self.tiles[camera.id]) - 1,
                self.detector.imgsz,
                self.evidence_settings.tile_budget,
                self.evidence_settings.tile_imgsz,
            )
            for camera in site.cameras
        }
        self._last_inference: dict[str, CameraObservation] = {}
        self._view_cache: dict[str, dict[int, _ViewResult]] = {}
        self._recheck_due: dict[str, float] = {}
        self._camera_order = {camera.id: i for i, camera in enumerate(site.cameras)}
        self._view_masks = {
            camera.id: _view_masks(camera, self.tiles[camera.id]) for camera in site.cameras
        }
        self.engines: dict[str, dict[str, SeatEngine]] = {}
        for camera in site.cameras:
            engines = {}
            for seat in camera.seats:
                saved = (restore or {}).get(seat_key(camera.id, seat.id))
                engines[seat.id] = SeatEngine(
                    seat.id,
                    camera_id=camera.id,
                    settings=seat.engine_settings(site.settings),
                    status=SeatStatus.from_dict(dict(saved)) if saved else None,
                )
            self.engines[camera.id] = engines

    def detect(self, frames: Mapping[str, Frame]) -> dict[str, Detections]:
        """Batched inference over the frames of several cameras (camera pixels).

        Each camera contributes its whole frame plus the tiles that cover its seats, so small
        or half-hidden seated people are seen at a larger scale; detections of the tiles are
        mapped back and merged with the whole frame's.
        """
        return {
            camera_id: self._merge(camera_id, views)
            for camera_id, views in self.detect_views(frames).items()
        }

    def _merge(self, camera_id: str, views: Mapping[int, Detections]) -> Detections:
        """One box per person from the detections of a camera's views."""
        camera = self.evidence[camera_id].camera
        order = sorted(views)
        return merge_detections(
            [views[i] for i in order],
            self.evidence_settings.merge_overlap,
            [
                self.tiles[camera_id][i].cut_boxes(views[i], camera.width, camera.height)
                for i in order
            ],
            self.evidence_settings.person_conf,
        )

    def detect_views(
        self, frames: Mapping[str, Frame], views: Mapping[str, Iterable[int]] | None = None
    ) -> dict[str, dict[int, Detections]]:
        """Detections of each camera's views (index 0 the whole frame, then its seat tiles), in
        camera pixels; `views` picks some views per camera (default: all).

        Whole frames run as one batch at the model's size, tiles in batches of one input size
        (`tile_sizes`, per camera), which still shows them larger. Boxes that fill a tile from
        edge to edge are dropped (`Tile.spanned_by`).
        """
        settings = self.evidence_settings
        found: dict[str, dict[int, Detections]] = {camera_id: {} for camera_id in frames}
        batches: dict[int | None, list[tuple[str, int, Frame]]] = {}
        for camera_id, frame in frames.items():
            image = self.camera_sized(camera_id, frame)
            camera_tiles = self.tiles[camera_id]
            wanted = range(len(camera_tiles)) if views is None else views[camera_id]
            for index in wanted:
                tile = camera_tiles[index]
                crop = image[tile.y1 : tile.y2, tile.x1 : tile.x2]
                size = self.tile_sizes[camera_id] if index else None
                batches.setdefault(size, []).append((camera_id, index, crop))
        for size, batch in batches.items():
            results = self.detector.detect(
                [crop for _, _, crop in batch], conf=settings.detection_conf, imgsz=size
            )
            for (camera_id, index, _), detections in zip(batch, results, strict=True):
                tile = self.tiles[camera_id][index]
                mapped = tile.to_frame(detections)
                if index:
                    mapped = mapped.select(np.flatnonzero(~tile.spanned_by(mapped)))
                found[camera_id][index] = mapped
        return found

    def observe(self, frames: Mapping[str, TimedFrame]) -> dict[str, CameraObservation]:
        """Instantaneous verdicts for each camera's frame."""
        images = {
            camera_id: self.camera_sized(camera_id, f) for camera_id, (f, _) in frames.items()
        }
        detections = self.detect(images)
        return {
            camera_id: CameraObservation(
                time_s=frames[camera_id][1],
                detections=detections[camera_id],
                verdicts=self.evidence[camera_id].assess(images[camera_id], detections[camera_id]),
            )
            for camera_id in frames
        }

    def update(self, frames: Mapping[str, TimedFrame], recheck: bool = True) -> CycleResult:
        """Observe, feed the seat engines, and refresh the references of confirmed-empty seats.

        A camera whose seats look the same as at its last inference (people sit still for
        hours) reuses that inference's verdicts until `recheck_s` has passed; only cameras
        that changed cost a fresh one, and of those only the whole frame and the seat tiles
        where something changed: the other tiles' detections are reused. `inferred` in the
        result says which cameras ran, `views_inferred` how many crops the detector saw.

        `recheck=False` leaves the periodic re-checks to `recheck()`, which a live monitor
        runs once a cycle's events are out.
        """
        thumbnails = {camera_id: _thumbnail(frame) for camera_id, (frame, _) in frames.items()}
        stale = {
            camera_id: views
            for camera_id, (_, time_s) in frames.items()
            if (views := self._stale_views(camera_id, time_s, thumbnails[camera_id], recheck))
        }
        observations = self._refresh({c: frames[c] for c in stale}, stale, thumbnails)
        for camera_id in frames.keys() - stale.keys():
            previous = self._last_inference[camera_id]
            observations[camera_id] = replace(previous, time_s=frames[camera_id][1])
        events: list[Event] = []
        for camera_id, observation in observations.items():
            engines = self.engines[camera_id]
            for seat_id, verdict in observation.verdicts.items():
                events.extend(engines[seat_id].update(verdict, observation.time_s))
            if camera_id in stale:
                self._learn(camera_id, observation, frames[camera_id][0])
        events.sort(key=lambda e: e.time_s)
        return CycleResult(
            observations=observations,
            events=events,
            statuses=self.statuses(),
            inferred=sorted(stale),
            views_inferred=sum(len(views) for views in stale.values()),
        )

    def recheck(self, frames: Mapping[str, TimedFrame]) -> list[str]:
        """The periodic re-check of the cameras that are due, on their given frames: a fresh
        inference of every view. The engines see its verdicts at the next `update` (the frame
        then looks the same, so they are reused). Returns the cameras re-checked."""
        due = {
            camera_id: timed
            for camera_id, timed in frames.items()
            if camera_id in self._recheck_due and timed[1] >= self._recheck_due[camera_id]
        }
        if not due or not self._gated:  # without the gate every update infers every camera
            return []
        thumbnails = {camera_id: _thumbnail(frame) for camera_id, (frame, _) in due.items()}
        views = {camera_id: list(range(len(self.tiles[camera_id]))) for camera_id in due}
        for camera_id, observation in self._refresh(due, views, thumbnails).items():
            self._learn(camera_id, observation, due[camera_id][0])
        return sorted(due)

    def _refresh(
        self,
        frames: Mapping[str, TimedFrame],
        views: Mapping[str, list[int]],
        thumbnails: Mapping[str, npt.NDArray[np.float32]],
    ) -> dict[str, CameraObservation]:
        """Infer the given views and schedule the next re-check of fully refreshed cameras."""
        observations = self._observe_views(frames, views, thumbnails)
        for camera_id, observation in observations.items():
            if len(views[camera_id]) == len(self.tiles[camera_id]):
                first = camera_id not in self._recheck_due
                # Re-checks are spread over the period, so the cameras of a site never all
                # come due in the same cycle.
                order = self._camera_order[camera_id] + 1
                share = order / len(self._camera_order) if first else 1
                self._recheck_due[camera_id] = (
                    observation.time_s + self.evidence_settings.recheck_s * share
                )
        return observations

    def _learn(self, camera_id: str, observation: CameraObservation, frame: Frame) -> None:
        """Let the references of seats confirmed empty follow the lighting (fresh verdicts
        only: reused ones say nothing about this frame)."""
        engines = self.engines[camera_id]
        empty = [
            seat_id
            for seat_id, verdict in observation.verdicts.items()
            if engines[seat_id].status.state is SeatState.EMPTY
            and not verdict.person
            and verdict.person_score < 0.05
            and verdict.belongings_score < LEARN_BELOW_BELONGINGS_SCORE
        ]
        self.evidence[camera_id].learn(self.camera_sized(camera_id, frame), empty)

    def _observe_views(
        self,
        frames: Mapping[str, TimedFrame],
        views: Mapping[str, list[int]],
        thumbnails: Mapping[str, npt.NDArray[np.float32]],
    ) -> dict[str, CameraObservation]:
        """Fresh detections of the stale views, cached ones for the rest, verdicts for all."""
        images = {
            camera_id: self.camera_sized(camera_id, f) for camera_id, (f, _) in frames.items()
        }
        fresh = self.detect_views(images, views)
        observations = {}
        for camera_id, found in fresh.items():
            cache = self._view_cache.setdefault(camera_id, {})
            for index, detections in found.items():
                cache[index] = _ViewResult(detections, thumbnails[camera_id])
            detections = self._merge(
                camera_id, {index: view.detections for index, view in cache.items()}
            )
            observations[camera_id] = self._last_inference[camera_id] = CameraObservation(
                time_s=frames[camera_id][1],
                detections=detections,
                verdicts=self.evidence[camera_id].assess(images[camera_id], detections),
            )
        return observations

    def _stale_views(
        self, camera_id: str, time_s: float, now: npt.NDArray[np.float32], recheck: bool
    ) -> list[int]:
        """The views of a camera that need a fresh inference: none when its seats look as at
        their last inference, all at the first frame and (with `recheck`) at the periodic
        re-check, else the whole frame and the tiles where seats changed."""
        count = len(self.tiles[camera_id])
        cache = self._view_cache.get(camera_id)
        due = time_s >= self._recheck_due.get(camera_id, time_s)
        if cache is None or (due and (recheck or not self._gated)):
            return list(range(count))
        masks = self._view_masks[camera_id]
        changed = [
            index
            for index in range(1 if count > 1 else 0, count)
            if self._changed(now, cache[index].thumbnail, masks[index])
        ]
        return sorted({0, *changed}) if changed else []

    @property
    def _gated(self) -> bool:
        return self.evidence_settings.recheck_s > 0

    def _changed(
        self,
        now: npt.NDArray[np.float32],
        then: npt.NDArray[np.float32],
        mask: npt.NDArray[np.bool_],
    ) -> bool:
        settings = self.evidence_settings
        # Brightness drift is not change: compare after matching the means.
        difference = np.abs((now - now[mask].mean()) - (then - then[mask].mean()))
        return bool(np.mean(difference[mask] > settings.change_levels) > settings.change_share)

    def mark_unknown(self, camera_id: str) -> None:
        """The camera gave no usable frame: its seats go `unknown` until it is back."""
        for engine in self.engines[camera_id].values():
            engine.mark_unknown()

    def statuses(self) -> dict[str, dict[str, SeatStatus]]:
        """Every seat's status, by camera and seat id."""
        return {
            camera_id: {seat_id: engine.status for seat_id, engine in engines.items()}
            for camera_id, engines in self.engines.items()
        }

    def saved_statuses(self) -> dict[str, dict[str, Any]]:
        """JSON-ready statuses keyed `camera/seat`, for `restore=` after a restart."""
        return {
            seat_key(camera_id, seat_id): engine.status.to_dict()
            for camera_id, engines in self.engines.items()
            for seat_id, engine in engines.items()
        }

    def camera_sized(self, camera_id: str, frame: Frame) -> Frame:
        """The frame at the size its camera's polygons refer to."""
        camera = self.evidence[camera_id].camera
        return fit_frame(frame, camera.width, camera.height)


@dataclass(frozen=True)
class _ViewResult:
    """A view's detections at its last inference and the thumbnail it was compared with."""

    detections: Detections
    thumbnail: npt.NDArray[np.float32]


@dataclass(frozen=True)
class Tile:
    """A rectangle of a camera's frame that the detector sees on its own."""

    x1: int
    y1: int
    x2: int
    y2: int

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
    scale = min(whole_size / camera.width, whole_size / camera.height)
    whole = math.ceil(camera.width * scale / stride) * math.ceil(camera.height * scale / stride)
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


LEARN_BELOW_BELONGINGS_SCORE = 0.25
"""A seat's reference learns only while its change is under half the belongings threshold, so
a bag put down on an empty seat is not absorbed before the engine confirms it."""

THUMBNAIL_SIZE = (96, 54)
"""Size of the picture the change gate compares: a person sitting down changes dozens of its
pixels; sensor noise and compression change few."""


def _thumbnail(frame: Frame) -> npt.NDArray[np.float32]:
    grey = cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY) if frame.ndim == 3 else frame
    return np.asarray(cv2.resize(grey, THUMBNAIL_SIZE, interpolation=cv2.INTER_AREA), np.float32)


def _view_masks(camera: Camera, tiles: list[Tile]) -> list[npt.NDArray[np.bool_]]:
    """For each view, the thumbnail pixels of the seats it shows: what its change gate
    compares."""
    size = THUMBNAIL_SIZE
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


def seat_key(camera_id: str, seat_id: str) -> str:
    """The one string that names a seat site-wide."""
    return f"{camera_id}/{seat_id}"


def predicted_state(verdict: Observation) -> str:
    """The instantaneous state FORMAT.md scores: occupied, belongings or empty."""
    if verdict.person:
        return "occupied"
    if verdict.belongings:
        return "belongings"
    return "empty"


__all__ = [
    "CameraObservation",
    "CycleResult",
    "Pipeline",
    "TimedFrame",
    "predicted_state",
    "seat_key",
    "tile_input_size",
]

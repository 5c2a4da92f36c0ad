"""Frames of several cameras in, seat verdicts and events out: detect, evidence, engines.

`Pipeline` batches the detector's work over all cameras; each camera's own state (evidence
with its empty references, seat tiles, change gate, seat engines) lives in its
`CameraPipeline`. The same pipeline serves live cameras (through the monitor), replays and
evaluation.

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

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from ..core.engine import EngineSettings, Event, Observation, SeatEngine, SeatState, SeatStatus
from ..core.frame import Frame
from ..core.layout import Camera, Site
from .detect import Detections, Detector, fit_frame, load_detector
from .evidence import LEARN_BELOW_BELONGINGS_SCORE, CameraEvidence, EvidenceSettings
from .gate import ChangeGate, GateSettings, Thumbnail, thumbnail
from .item_finder import SeatItemFinder
from .recent import RecentVerdicts, predicted_state
from .tiles import SeatTiling, TilingSettings

TimedFrame = tuple[Frame, float]
"""A frame and its capture time in seconds."""


@dataclass
class CameraObservation:
    """What one frame of one camera showed.

    >>> from seatsense.vision.detect import Detections
    >>> nobody = {"A": Observation(person=False)}
    >>> seen = CameraObservation(3.0, Detections.empty(), nobody, nobody)
    >>> seen.people, seen.verdicts["A"].person
    (0, False)
    """

    time_s: float
    detections: Detections
    verdicts: dict[str, Observation]
    """Each seat's verdict: what the frame shows, settled by the seat's verdicts of the last
    few seconds (`recent.RecentVerdicts`)."""
    own_verdicts: dict[str, Observation]
    """The verdicts of this frame alone, before the recent ones settle them. A seat's
    reference learns only from a frame that itself shows nothing."""
    people_conf: float = 0.0
    """The confidence from which a person box counts as a person: the detections go down to
    faint figures (belongings cues), which are not people to count."""

    @property
    def people(self) -> int:
        """How many people the frame shows (seated or not)."""
        return int((self.detections.people.confidence >= self.people_conf).sum())


@dataclass
class CycleResult:
    """One pipeline step: what each camera showed, the events, the seats' states after it.

    >>> CycleResult(observations={}).events
    []
    """

    observations: dict[str, CameraObservation]
    events: list[Event] = field(default_factory=list)
    statuses: dict[str, dict[str, SeatStatus]] = field(default_factory=dict)
    inferred: list[str] = field(default_factory=list)
    """The cameras that got a fresh inference (the others reused their last verdicts)."""
    views_inferred: int = 0
    """How many crops (whole frames and seat tiles) the detector saw."""


class CameraPipeline:
    """One camera's part of the pipeline: its evidence (with the seats' empty references), its
    seat tiles, its change gate and its seat engines.

    >>> from seatsense.core.layout import parse_site
    >>> camera = parse_site({"cameras": [{"id": "c", "width": 640, "height": 480, "seats": [
    ...     {"id": "A", "polygon": [[0, 0], [300, 0], [300, 400], [0, 400]]}]}]}).cameras[0]
    >>> part = CameraPipeline(camera, whole_size=640)
    >>> sorted(part.engines), len(part.tiling.tiles), part.gate.recheck_due_s is None
    (['A'], 3, True)
    """

    def __init__(
        self,
        camera: Camera,
        whole_size: int,
        engine_settings: EngineSettings | None = None,
        evidence_settings: EvidenceSettings | None = None,
        tiling_settings: TilingSettings | None = None,
        gate_settings: GateSettings | None = None,
        first_recheck_share: float = 1.0,
        restore: Mapping[str, Mapping[str, Any]] | None = None,
        items: SeatItemFinder | None = None,
    ) -> None:
        self.camera = camera
        self.evidence = CameraEvidence(camera, evidence_settings, items)
        self.tiling = SeatTiling(camera, whole_size, tiling_settings)
        self.gate = ChangeGate(camera, self.tiling.tiles, gate_settings, first_recheck_share)
        site_engine = engine_settings or EngineSettings()
        self.engines: dict[str, SeatEngine] = {}
        for seat in camera.seats:
            saved = (restore or {}).get(seat_key(camera.id, seat.id))
            self.engines[seat.id] = SeatEngine(
                seat.id,
                camera_id=camera.id,
                settings=seat.engine_settings(site_engine),
                status=SeatStatus.from_dict(dict(saved)) if saved else None,
            )
        self.recent = RecentVerdicts(self.evidence.settings.recent_half_life_s)
        self.last_inference: CameraObservation | None = None
        """What the camera's last fresh inference showed (reused while the gate holds)."""

    def sized(self, frame: Frame) -> Frame:
        """The frame at the size the camera's polygons refer to."""
        return fit_frame(frame, self.camera.width, self.camera.height)

    def open_tiles(self, frame: Frame, whole: Detections, tiles: Iterable[int]) -> list[int]:
        """Of the given seat tiles, those showing a seat that the whole frame's detections
        leave open (`CameraEvidence.plainly_decided`); a camera-sized frame."""
        decided = self.evidence.plainly_decided(frame, whole)
        return [index for index in tiles if not self.tiling.seats[index] <= decided]

    def merge(self, views: Mapping[int, Detections]) -> Detections:
        """One box per object from the detections of the camera's views."""
        return self.tiling.merge(views, self.evidence.settings.person_conf)

    def observe(self, time_s: float, frame: Frame, detections: Detections) -> CameraObservation:
        """The verdicts for a camera-sized frame and its detections, settled by each seat's
        recent verdicts."""
        own = self.evidence.assess(frame, detections, time_s)
        return CameraObservation(
            time_s=time_s,
            detections=detections,
            verdicts=self.recent.settle(own, time_s),
            own_verdicts=own,
            people_conf=self.evidence.settings.person_conf,
        )

    def take_inference(
        self,
        time_s: float,
        frame: Frame,
        fresh: Mapping[int, Detections],
        now: Thumbnail,
    ) -> CameraObservation:
        """Verdicts from fresh detections of some views and the kept ones of the others; the
        gate remembers the fresh views (and, when all were fresh, schedules the re-check)."""
        every_view = len(fresh) == len(self.tiling.tiles)
        views = self.gate.remember(fresh, now, time_s, every_view)
        self.last_inference = self.observe(time_s, frame, self.merge(views))
        return self.last_inference

    def reuse(self, time_s: float, frame: Frame) -> CameraObservation:
        """The last inference's verdicts, as seen at `time_s` (the seats did not change);
        `frame` becomes the one the next frame's motion is measured against."""
        if self.last_inference is None:
            raise RuntimeError(f"camera '{self.camera.id}' has no inference to reuse yet")
        self.evidence.see(self.sized(frame), time_s)
        return replace(self.last_inference, time_s=time_s)

    def feed(self, observation: CameraObservation) -> list[Event]:
        """Run the seat engines on an observation's verdicts."""
        events: list[Event] = []
        for seat_id, verdict in observation.verdicts.items():
            events.extend(self.engines[seat_id].update(verdict, observation.time_s))
        return events

    def learn(self, observation: CameraObservation, frame: Frame) -> None:
        """Let the references of seats confirmed empty follow the lighting (fresh verdicts
        only: reused ones say nothing about this frame)."""
        empty = [
            seat_id
            for seat_id, verdict in observation.own_verdicts.items()
            if self.engines[seat_id].status.state is SeatState.EMPTY
            and not verdict.person
            # Any belongings verdict keeps the picture as it is: a faint figure's score
            # can be low while the bag it marks is real.
            and not verdict.belongings
            and verdict.person_score < 0.05
            and verdict.belongings_score < LEARN_BELOW_BELONGINGS_SCORE
        ]
        self.evidence.learn(self.sized(frame), empty)


class Pipeline:
    """Detector and one `CameraPipeline` per camera of a site.

    `observe` gives each seat's verdict, settled by its recent ones (what `seatsense eval`
    scores); `update` also runs the seat engines and keeps the empty references fresh.
    """

    def __init__(
        self,
        site: Site,
        detector: Detector | None = None,
        evidence_settings: EvidenceSettings | None = None,
        restore: Mapping[str, Mapping[str, Any]] | None = None,
        tiling_settings: TilingSettings | None = None,
        gate_settings: GateSettings | None = None,
        item_detector: Detector | None = None,
    ) -> None:
        self.site = site
        self.detector = detector if detector is not None else load_detector(site.model)
        self.evidence_settings = evidence_settings or EvidenceSettings()
        looks = self.evidence_settings.looks_for_items
        self.items = SeatItemFinder(item_detector) if looks else None
        """Finds items on seats nothing else speaks for (`item_detector`: the bundled NanoDet
        by default); None when the settings turn it off."""
        self.tiling_settings = tiling_settings or TilingSettings()
        self.gate_settings = gate_settings or GateSettings()
        self.crops_inferred = 0
        """Crops (whole frames and seat tiles) the detector has seen since the pipeline was
        made."""
        count = len({camera.id for camera in site.cameras})
        self.cameras: dict[str, CameraPipeline] = {
            camera.id: CameraPipeline(
                camera,
                self.detector.imgsz,
                site.settings,
                self.evidence_settings,
                self.tiling_settings,
                self.gate_settings,
                # Re-checks are spread over the period, so the cameras of a site never all
                # come due in the same cycle.
                first_recheck_share=(index + 1) / count,
                restore=restore,
                items=self.items,
            )
            for index, camera in enumerate(site.cameras)
        }

    def detect(self, frames: Mapping[str, Frame]) -> dict[str, Detections]:
        """Batched inference over the frames of several cameras (camera pixels).

        Each camera contributes its whole frame plus the tiles over the seats it leaves open,
        so small or half-hidden seated people are seen at a larger scale; detections of the
        tiles are mapped back and merged with the whole frame's.
        """
        return {
            camera_id: self.cameras[camera_id].merge(views)
            for camera_id, views in self.detect_views(frames).items()
        }

    def detect_views(
        self, frames: Mapping[str, Frame], views: Mapping[str, Iterable[int]] | None = None
    ) -> dict[str, dict[int, Detections]]:
        """Detections of each camera's views (index 0 the whole frame, then its seat tiles), in
        camera pixels; `views` picks some views per camera (default: all).

        Whole frames run first, as one batch at the model's size. With `skip_decided_tiles`,
        a tile then runs only where the whole frame leaves one of its seats open
        (`CameraPipeline.open_tiles`); the tiles it settles are left out of the result. Tiles
        run in batches of one input size (`SeatTiling.input_size`, per camera), which still
        shows them larger. Boxes that fill a tile from edge to edge are dropped
        (`Tile.spanned_by`).
        """
        wanted = {
            camera_id: list(range(len(self.cameras[camera_id].tiling.tiles)))
            if views is None
            else list(views[camera_id])
            for camera_id in frames
        }
        found = self._run_views(frames, {c: [0] for c, v in wanted.items() if 0 in v})
        tiles: dict[str, list[int]] = {}
        for camera_id, picked in wanted.items():
            tiles[camera_id] = [index for index in picked if index]
            whole = found[camera_id].get(0)
            if whole is not None and tiles[camera_id] and self.tiling_settings.skip_decided_tiles:
                camera = self.cameras[camera_id]
                sized = camera.sized(frames[camera_id])
                tiles[camera_id] = camera.open_tiles(sized, whole, tiles[camera_id])
        for camera_id, detections in self._run_views(frames, tiles).items():
            found[camera_id].update(detections)
        return found

    def _run_views(
        self, frames: Mapping[str, Frame], views: Mapping[str, Iterable[int]]
    ) -> dict[str, dict[int, Detections]]:
        """The detector on the given views of each camera, batched by input size."""
        found: dict[str, dict[int, Detections]] = {camera_id: {} for camera_id in frames}
        batches: dict[int | None, list[tuple[str, int, Frame]]] = {}
        for camera_id, wanted in views.items():
            camera = self.cameras[camera_id]
            for index, crop, size in camera.tiling.crops(camera.sized(frames[camera_id]), wanted):
                batches.setdefault(size, []).append((camera_id, index, crop))
        for size, batch in batches.items():
            self.crops_inferred += len(batch)
            results = self.detector.detect(
                [crop for _, _, crop in batch],
                conf=self.evidence_settings.detection_conf,
                imgsz=size,
            )
            for (camera_id, index, _), detections in zip(batch, results, strict=True):
                found[camera_id][index] = self.cameras[camera_id].tiling.to_frame(index, detections)
        return found

    def observe(self, frames: Mapping[str, TimedFrame]) -> dict[str, CameraObservation]:
        """Verdicts for each camera's frame, settled by each seat's recent verdicts."""
        images = {
            camera_id: self.camera_sized(camera_id, f) for camera_id, (f, _) in frames.items()
        }
        detections = self.detect(images)
        return {
            camera_id: self.cameras[camera_id].observe(
                frames[camera_id][1], images[camera_id], detections[camera_id]
            )
            for camera_id in frames
        }

    def update(self, frames: Mapping[str, TimedFrame], recheck: bool = True) -> CycleResult:
        """Observe, feed the seat engines, and refresh the references of confirmed-empty seats.

        A camera whose seats look the same as at its last inference (people sit still for
        hours) reuses that inference's verdicts until `recheck_s` has passed; only cameras
        that changed cost a fresh one, and of those only the whole frame and the seat tiles
        where something changed (less those the whole frame settles, `detect_views`): the
        other tiles' detections are reused. `inferred` in the result says which cameras ran,
        `views_inferred` how many crops the detector saw.

        `recheck=False` leaves the periodic re-checks to `recheck()`, which a live monitor
        runs once a cycle's events are out.
        """
        thumbnails = {camera_id: thumbnail(frame) for camera_id, (frame, _) in frames.items()}
        stale = {
            camera_id: views
            for camera_id, (_, time_s) in frames.items()
            if (
                views := self.cameras[camera_id].gate.stale_views(
                    time_s, thumbnails[camera_id], recheck
                )
            )
        }
        crops_before = self.crops_inferred
        fresh = self._infer({c: frames[c] for c in stale}, stale, thumbnails)
        # In the frames' order, so that events of one time come out in camera order.
        observations = {
            camera_id: fresh[camera_id]
            if camera_id in fresh
            else self.cameras[camera_id].reuse(time_s, frame)
            for camera_id, (frame, time_s) in frames.items()
        }
        events: list[Event] = []
        for camera_id, observation in observations.items():
            camera = self.cameras[camera_id]
            events.extend(camera.feed(observation))
            if camera_id in stale:
                camera.learn(observation, frames[camera_id][0])
        events.sort(key=lambda e: e.time_s)
        return CycleResult(
            observations=observations,
            events=events,
            statuses=self.statuses(),
            inferred=sorted(stale),
            views_inferred=self.crops_inferred - crops_before,
        )

    def recheck(self, frames: Mapping[str, TimedFrame]) -> CycleResult:
        """The periodic re-check of the cameras that are due, on their given frames: a fresh
        inference of every view (that the whole frame leaves open). The engines see its
        verdicts at the next `update` (the frame then looks the same, so they are reused).
        `inferred` in the result names the cameras re-checked, `views_inferred` counts the
        crops the detector saw; it has no events or statuses."""
        due = {
            camera_id: timed
            for camera_id, timed in frames.items()
            if self.cameras[camera_id].gate.recheck_due(timed[1])
        }
        if not due or not self.gate_settings.enabled:  # gate off: every update infers all
            return CycleResult(observations={})
        thumbnails = {camera_id: thumbnail(frame) for camera_id, (frame, _) in due.items()}
        views = {
            camera_id: list(range(len(self.cameras[camera_id].tiling.tiles))) for camera_id in due
        }
        crops_before = self.crops_inferred
        observations = self._infer(due, views, thumbnails)
        for camera_id, observation in observations.items():
            self.cameras[camera_id].learn(observation, due[camera_id][0])
        return CycleResult(
            observations,
            inferred=sorted(due),
            views_inferred=self.crops_inferred - crops_before,
        )

    def _infer(
        self,
        frames: Mapping[str, TimedFrame],
        views: Mapping[str, list[int]],
        thumbnails: Mapping[str, Thumbnail],
    ) -> dict[str, CameraObservation]:
        """Fresh detections of the given views, kept ones for the rest, verdicts for all."""
        images = {
            camera_id: self.camera_sized(camera_id, f) for camera_id, (f, _) in frames.items()
        }
        fresh = self.detect_views(images, views)
        # A tile the whole frame settled adds nothing: the gate keeps it as seen empty, not
        # with what it showed before.
        return {
            camera_id: self.cameras[camera_id].take_inference(
                frames[camera_id][1],
                images[camera_id],
                {index: found.get(index, Detections.empty()) for index in views[camera_id]},
                thumbnails[camera_id],
            )
            for camera_id, found in fresh.items()
        }

    def mark_unknown(self, camera_id: str) -> None:
        """The camera gave no usable frame: its seats go `unknown` until it is back."""
        for engine in self.cameras[camera_id].engines.values():
            engine.mark_unknown()

    def statuses(self) -> dict[str, dict[str, SeatStatus]]:
        """Every seat's status, by camera and seat id."""
        return {
            camera_id: {seat_id: engine.status for seat_id, engine in camera.engines.items()}
            for camera_id, camera in self.cameras.items()
        }

    def saved_statuses(self) -> dict[str, dict[str, Any]]:
        """JSON-ready statuses keyed `camera/seat`, for `restore=` after a restart."""
        return {
            seat_key(camera_id, seat_id): engine.status.to_dict()
            for camera_id, camera in self.cameras.items()
            for seat_id, engine in camera.engines.items()
        }

    def camera_sized(self, camera_id: str, frame: Frame) -> Frame:
        """The frame at the size its camera's polygons refer to."""
        return self.cameras[camera_id].sized(frame)


def seat_key(camera_id: str, seat_id: str) -> str:
    """The one string that names a seat site-wide."""
    return f"{camera_id}/{seat_id}"


__all__ = [
    "CameraObservation",
    "CameraPipeline",
    "CycleResult",
    "Pipeline",
    "TimedFrame",
    "predicted_state",
    "seat_key",
]

"""Frames of several cameras in, seat verdicts and events out: detect, evidence, engines.

The same pipeline serves live cameras (through the monitor), replays and evaluation.

>>> from seatsense.layout import parse_site
>>> import numpy as np
>>> site = parse_site({"cameras": [{"id": "c", "width": 640, "height": 480, "seats": [
...     {"id": "A", "polygon": [[0, 0], [300, 0], [300, 400], [0, 400]]}]}]})
>>> pipeline = Pipeline(site)
>>> result = pipeline.update({"c": (np.zeros((480, 640, 3), np.uint8), 0.0)})
>>> result.statuses["c"]["A"].state.value
'empty'
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .detect import Detections, Detector, Frame, fit_frame, load_detector
from .engine import Event, Observation, SeatEngine, SeatState, SeatStatus
from .evidence import CameraEvidence, EvidenceSettings, SeatVerdict
from .layout import Site

TimedFrame = tuple[Frame, float]
"""A frame and its capture time in seconds."""


@dataclass
class CameraObservation:
    """What one frame of one camera showed."""

    time_s: float
    detections: Detections
    verdicts: dict[str, SeatVerdict]

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
        """One batched inference over the frames of several cameras (camera pixels)."""
        ids = list(frames)
        resized = [self.camera_sized(camera_id, frames[camera_id]) for camera_id in ids]
        results = self.detector.detect(resized, conf=self.evidence_settings.person_conf)
        return dict(zip(ids, results, strict=True))

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

    def update(self, frames: Mapping[str, TimedFrame]) -> CycleResult:
        """Observe, feed the seat engines, and refresh the references of confirmed-empty seats."""
        observations = self.observe(frames)
        events: list[Event] = []
        for camera_id, observation in observations.items():
            engines = self.engines[camera_id]
            for seat_id, verdict in observation.verdicts.items():
                events.extend(
                    engines[seat_id].update(
                        Observation(
                            person=verdict.person,
                            belongings=verdict.belongings,
                            person_score=verdict.person_score,
                            belongings_score=verdict.belongings_score,
                        ),
                        observation.time_s,
                    )
                )
            empty = [
                seat_id
                for seat_id, verdict in observation.verdicts.items()
                if engines[seat_id].status.state is SeatState.EMPTY
                and not verdict.person
                and verdict.person_score < 0.05
            ]
            self.evidence[camera_id].learn(
                self.camera_sized(camera_id, frames[camera_id][0]), empty
            )
        events.sort(key=lambda e: e.time_s)
        return CycleResult(observations=observations, events=events, statuses=self.statuses())

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


def seat_key(camera_id: str, seat_id: str) -> str:
    """The one string that names a seat site-wide."""
    return f"{camera_id}/{seat_id}"


def predicted_state(verdict: SeatVerdict) -> str:
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
]

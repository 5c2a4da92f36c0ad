"""What the monitor reports after a cycle, as light types that serialise to JSON.

Only the standard library and `seatsense.core.engine`: the Home Assistant integration reads these
from a remote server on systems where OpenCV and ONNX Runtime are not installed.

>>> from seatsense.core.engine import SeatStatus
>>> camera = CameraStatus(online=True, people=1, health={}, seats={"A1": SeatStatus()})
>>> update = MonitorUpdate(time_s=10.0, cameras={"cam1": camera})
>>> MonitorUpdate.from_dict(update.to_dict()) == update
True

`SeatPictures` is a camera's seat references as a restart takes them back.

`CycleStats` is what a cycle did and cost (timings and counts), as the monitor measures it
for benchmarks and health displays; it stays in the process and is not part of the wire format.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from .engine import Event, SeatStatus


@dataclass
class CameraStatus:
    """One camera after a cycle."""

    online: bool
    people: int
    health: dict[str, Any]
    seats: dict[str, SeatStatus]
    frame_time_s: float | None = None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {
            "online": self.online,
            "people": self.people,
            "health": dict(self.health),
            "seats": {seat_id: status.to_dict() for seat_id, status in self.seats.items()},
            "frame_time_s": self.frame_time_s,
        }

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> CameraStatus:
        """Inverse of `to_dict`."""
        frame_time_s = raw.get("frame_time_s")
        return cls(
            online=bool(raw["online"]),
            people=int(raw["people"]),
            health=dict(raw.get("health") or {}),
            seats={
                str(seat_id): SeatStatus.from_dict(status)
                for seat_id, status in (raw.get("seats") or {}).items()
            },
            frame_time_s=None if frame_time_s is None else float(frame_time_s),
        )


@dataclass
class MonitorUpdate:
    """What one cycle produced."""

    time_s: float
    events: list[Event] = field(default_factory=list)
    cameras: dict[str, CameraStatus] = field(default_factory=dict)

    def to_dict(self, events: bool = True) -> dict[str, Any]:
        """A JSON-ready dict; `events=False` leaves the events out (a status message)."""
        raw: dict[str, Any] = {"time_s": self.time_s}
        if events:
            raw["events"] = [event.to_dict() for event in self.events]
        raw["cameras"] = {camera_id: c.to_dict() for camera_id, c in self.cameras.items()}
        return raw

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> MonitorUpdate:
        """Inverse of `to_dict` (a missing `events` reads as none)."""
        return cls(
            time_s=float(raw["time_s"]),
            events=[Event.from_dict(event) for event in raw.get("events") or []],
            cameras={
                str(camera_id): CameraStatus.from_dict(camera)
                for camera_id, camera in (raw.get("cameras") or {}).items()
            },
        )


@dataclass(frozen=True)
class SeatPictures:
    """A camera's seat references as kept across a restart: one encoded grey picture, the
    seats it holds, and which of those staff captured (the others the pipeline learned).

    >>> kept = SeatPictures(b"png", ("A1", "A2"), captured=("A1",))
    >>> SeatPictures.from_row(b"png", kept.seats_json()) == kept
    True
    >>> SeatPictures.from_row(b"png", '["A1", "A2"]').captured  # kept before the split
    ('A1', 'A2')
    """

    picture: bytes
    seat_ids: tuple[str, ...]
    captured: tuple[str, ...] = ()

    def seats_json(self) -> str:
        """The seats as one JSON text, for a database column."""
        return json.dumps({"seats": list(self.seat_ids), "captured": list(self.captured)})

    @classmethod
    def from_row(cls, picture: bytes, seats_json: str) -> SeatPictures:
        """Inverse of `seats_json`. A plain list of seats was written before captured and
        learned references were told apart, when every reference counted as captured."""
        seats = json.loads(seats_json)
        if isinstance(seats, list):
            seat_ids = tuple(str(seat) for seat in seats)
            return cls(bytes(picture), seat_ids, seat_ids)
        return cls(
            bytes(picture),
            tuple(str(seat) for seat in seats["seats"]),
            tuple(str(seat) for seat in seats.get("captured", ())),
        )


@dataclass(frozen=True)
class CycleStats:
    """What one monitor cycle did and what it cost, measured by the monitor itself.

    Times are wall-clock seconds from the moment the cycle began taking frames. The
    periodic re-checks run after the cycle's events are out, so `events_out_s` is the
    critical path (frames taken -> listeners called) and `step_s` the whole cycle.

    >>> stats = CycleStats(time_s=9.0, events_out_s=0.4, pipeline_s=0.3, step_s=0.6,
    ...                    thread_cpu_s=0.5, cameras_online=2, cameras_fresh=2,
    ...                    cameras_inferred=1, crops_inferred=3)
    >>> stats.cameras_fresh - stats.cameras_inferred  # cameras that reused their verdicts
    1
    """

    time_s: float
    """The cycle's clock time, as on its `MonitorUpdate`."""
    events_out_s: float
    """Frames taken -> the update handed to the listeners."""
    pipeline_s: float
    """Of `events_out_s`, the pipeline: inference, evidence and the seat engines."""
    step_s: float
    """The whole cycle, the re-checks after the events included."""
    thread_cpu_s: float
    """CPU time of the thread that ran the cycle (inference threads of the detector not
    included)."""
    cameras_online: int
    cameras_fresh: int
    """Online cameras with a frame they had not had before."""
    cameras_inferred: int
    """Of the fresh cameras, those the change gate sent to the detector (the others reused
    their last verdicts)."""
    crops_inferred: int
    """Crops (whole frames and seat tiles) the detector saw for them."""
    cameras_rechecked: int = 0
    """Cameras whose periodic re-check ran after the events were out."""
    crops_rechecked: int = 0
    """Crops the detector saw for those re-checks."""
    events: int = 0
    people: int = 0
    frame_ages_s: tuple[float, ...] = ()
    """How old each online camera's newest frame was (seconds)."""


__all__ = ["CameraStatus", "CycleStats", "MonitorUpdate"]

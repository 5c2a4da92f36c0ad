"""What the monitor reports after a cycle, as light types that serialise to JSON.

Only the standard library and `seatsense.core.engine`: the Home Assistant integration reads these
from a remote server on systems where OpenCV and ONNX Runtime are not installed.

>>> from seatsense.core.engine import SeatStatus
>>> camera = CameraStatus(online=True, people=1, health={}, seats={"A1": SeatStatus()})
>>> update = MonitorUpdate(time_s=10.0, cameras={"cam1": camera})
>>> MonitorUpdate.from_dict(update.to_dict()) == update
True
"""

from __future__ import annotations

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


__all__ = ["CameraStatus", "MonitorUpdate"]

"""The soak's fault plan: when the sources drop, which camera serves corrupt frames, when the
process is killed and when the disk is full, in scenario seconds.

>>> plan = FaultPlan.for_hours(24, cameras=4)
>>> [round(t / 3600, 2) for t in plan.kills_s][:3]
[2.83, 5.83, 8.83]
>>> plan.source_down(0, 20 * 60.0), plan.source_down(0, 23 * 60.0)
(True, False)
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, fields, replace
from typing import Any

HOUR_S = 3600.0
MINUTE_S = 60.0


@dataclass(frozen=True)
class FaultPlan:
    """One soak: its length, cameras, sampling and faults (scenario seconds).

    - every hour, at `outage_at_s` past the hour, every source drops for `outage_s`;
    - camera `corrupt_camera` serves undecodable frames from `corrupt_from_s` for `corrupt_s`;
    - the monitor process is SIGKILLed at each of `kills_s` and comes back `restart_gap_s`
      later;
    - the event log's disk is full from `disk_full_from_s` for `disk_full_s`.

    Kills keep away from outages and from the full disk: a kill while the disk is full would
    lose the events kept in memory, which the soak does not claim to survive.
    """

    hours: float = 24.0
    cameras: int = 4
    interval_s: float = 60.0
    seed: int = 1
    outage_at_s: float = 20 * MINUTE_S
    outage_s: float = 2 * MINUTE_S
    corrupt_camera: int = 1
    corrupt_from_s: float = 9 * HOUR_S + 35 * MINUTE_S
    corrupt_s: float = 5 * MINUTE_S
    kills_s: tuple[float, ...] = ()
    restart_gap_s: float = 2 * MINUTE_S
    disk_full_from_s: float = 12 * HOUR_S
    disk_full_s: float = 30 * MINUTE_S
    seat_tiles: bool = False
    """Infer seat tiles as well as whole frames (the live default; 3-4x the detector's work
    here, where the demo room's seats are large enough for the whole frame alone)."""

    @classmethod
    def for_hours(
        cls,
        hours: float,
        cameras: int = 4,
        interval_s: float = 60.0,
        seed: int = 1,
        seat_tiles: bool = False,
    ) -> FaultPlan:
        """Every fault kind within `hours` (at least two, so that the full disk meets a log
        with enough in it to refuse writes): a kill every 3 hours (ten minutes before the
        mark), three over a shorter soak, none near an outage; the corrupt frames 40% of the
        way; the full disk around an outage after the first kill."""
        if hours < 2:
            raise ValueError("a soak needs at least two hours of scenario time")
        plan = cls(
            hours=hours, cameras=cameras, interval_s=interval_s, seed=seed, seat_tiles=seat_tiles
        )
        duration_s = hours * HOUR_S
        if hours >= 9:
            marks = [k * 3 * HOUR_S - 10 * MINUTE_S for k in range(1, int(hours // 3) + 1)]
        else:
            marks = [_whole_minutes(k * duration_s / 4) for k in (1, 2, 3)]
        kills = tuple(plan._clear_of_outages(t) for t in marks)
        full_from, full_s = plan._full_disk_window(kills)
        return replace(
            plan,
            corrupt_camera=min(1, cameras - 1),
            corrupt_from_s=HOUR_S * math.floor(0.4 * hours) + 35 * MINUTE_S,
            kills_s=kills,
            disk_full_from_s=full_from,
            disk_full_s=full_s,
        )

    def _full_disk_window(self, kills: tuple[float, ...]) -> tuple[float, float]:
        """Up to 30 minutes from 5 minutes before the first outage after the first kill, and
        5 minutes clear of any kill: the outage's camera events then must be written while
        the disk is full."""
        margin = 5 * MINUTE_S
        first = math.ceil(kills[0] / HOUR_S) if kills else 0
        for hour in [*range(first, math.ceil(self.hours)), *range(first)]:
            start = hour * HOUR_S + self.outage_at_s - margin
            next_kill = min((k for k in kills if k > start), default=self.duration_s + margin)
            end = min(start + 30 * MINUTE_S, next_kill - margin, self.duration_s)
            clear = not any(start - margin <= k <= end for k in kills)
            if clear and end - start >= margin + self.outage_s + MINUTE_S:
                return start, end - start
        raise ValueError(f"no room for a full disk around an outage in {self.hours:g} hours")

    def _clear_of_outages(self, t: float) -> float:
        """`t`, or a little later where it falls within five minutes of an hourly outage."""
        margin = 5 * MINUTE_S
        while (t % HOUR_S) - (self.outage_at_s - margin) in _window(self.outage_s + 2 * margin):
            t += MINUTE_S
        return t

    @property
    def duration_s(self) -> float:
        """The scenario's length."""
        return self.hours * HOUR_S

    @property
    def offline_after_s(self) -> float:
        """A camera without a new frame for longer than this is offline (1.5 samples)."""
        return 1.5 * self.interval_s

    def sample_times(self, start_s: float = 0.0) -> list[float]:
        """The monitor's cycle times from `start_s` to the end, on the sample grid."""
        first = math.ceil(start_s / self.interval_s - 1e-9)
        last = math.floor(self.duration_s / self.interval_s + 1e-9)
        return [k * self.interval_s for k in range(first, last + 1)]

    def camera_id(self, index: int) -> str:
        """The id of camera `index` (from 0)."""
        return f"cam{index + 1}"

    def source_down(self, camera: int, t: float) -> bool:
        """Whether camera `camera`'s source is unreachable at `t` (the hourly outage)."""
        return (t % HOUR_S) - self.outage_at_s in _window(self.outage_s)

    def corrupt(self, camera: int, t: float) -> bool:
        """Whether camera `camera` serves undecodable frames at `t`."""
        return camera == self.corrupt_camera and t - self.corrupt_from_s in _window(self.corrupt_s)

    def disk_full(self, t: float) -> bool:
        """Whether the event log's disk is full at `t`."""
        return t - self.disk_full_from_s in _window(self.disk_full_s)

    def frame_ok(self, camera: int, t: float) -> bool:
        """Whether camera `camera` delivers a usable frame at `t`."""
        return not self.source_down(camera, t) and not self.corrupt(camera, t)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (the child process gets its plan this way)."""
        return asdict(self)

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> FaultPlan:
        """Inverse of `to_dict`."""
        names = {f.name for f in fields(cls)}
        values = {k: v for k, v in raw.items() if k in names}
        values["kills_s"] = tuple(values.get("kills_s") or ())
        return cls(**values)


class _window:  # reads as a range: `x in _window(length)`
    """The half-open range [0, length)."""

    def __init__(self, length: float) -> None:
        self.length = length

    def __contains__(self, offset: float) -> bool:
        return 0 <= offset < self.length


def _whole_minutes(seconds: float) -> float:
    return MINUTE_S * math.floor(seconds / MINUTE_S)


__all__ = ["HOUR_S", "FaultPlan"]

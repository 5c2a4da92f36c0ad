"""The soak's monitor process: demo cameras through the real monitor and SQLite event log, on
the scenario's clock, as fast as the machine goes, until the soak's parent kills it.

Started by `soak.run_soak` as `python -m seatsense.demo.soak_child PLAN DB RESUME_AT`, it
resumes from the event log (as `seatsense run` does), steps the monitor through the sample
grid from `RESUME_AT` (or just after the last cycle in the log), and prints one JSON line per
cycle on stdout, after the cycle's events are in the log: what the parent reads is stored.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sqlite3
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cv2

from ..core.frame import Frame
from ..core.layout import Site, parse_site, site_to_dict
from ..core.status import CycleStats, MonitorUpdate
from ..live.monitor import Monitor
from ..live.store import EventStore
from ..sources import CaptureError, FrameSample, decode_image
from ..vision.detect import load_detector
from ..vision.gate import GateSettings
from ..vision.tiles import TilingSettings
from .day import day_timeline
from .faults import FaultPlan
from .render import DemoScene
from .scenario import Timeline, demo_site


def soak_site(plan: FaultPlan) -> Site:
    """`plan.cameras` copies of the demo camera, `cam1`, `cam2`, ..., sampled every interval."""
    layout = site_to_dict(demo_site(interval_s=plan.interval_s))
    camera = layout["cameras"][0]
    layout["name"] = "seatsense soak"
    layout["cameras"] = [
        {**camera, "id": plan.camera_id(k), "source": "push:"} for k in range(plan.cameras)
    ]
    return parse_site(layout, origin="soak")


def soak_timelines(plan: FaultPlan) -> list[Timeline]:
    """Each camera's day (a seed of its own)."""
    return [day_timeline(plan.hours, plan.seed * 100 + k) for k in range(plan.cameras)]


@dataclass
class _Health:
    state: str = "connecting"
    last_error: str | None = None
    frames_used: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"state": self.state, "last_error": self.last_error, "frames_used": self.frames_used}


class SoakCamera:
    """A demo camera as a frame source, with the plan's faults: an unreachable source keeps
    its last frame (as a `Grabber` does), a corrupt frame fails to decode and is skipped.

    Frames go through JPEG and `decode_image`, the path of pushed stills."""

    def __init__(self, scene: DemoScene, index: int, plan: FaultPlan) -> None:
        self.scene = scene
        self.index = index
        self.plan = plan
        self._sample: FrameSample | None = None
        self._health = _Health()

    def show(self, t: float) -> None:
        """Move the camera to scenario time `t`."""
        if self.plan.source_down(self.index, t):
            self._health.state = "offline"
            self._health.last_error = f"rtsp://192.0.2.{self.index + 1}/ch1: Connection refused"
            return
        jpeg = bytes(cv2.imencode(".jpg", self.scene.render(t), [cv2.IMWRITE_JPEG_QUALITY, 90])[1])
        if self.plan.corrupt(self.index, t):
            jpeg = _corrupted(jpeg, t)
        self._health.state = "streaming"
        try:
            frame: Frame = decode_image(jpeg)
        except CaptureError as err:
            self._health.last_error = f"cannot decode a frame: {err}"
            return
        sequence = self._sample.sequence + 1 if self._sample else 0
        self._sample = FrameSample(frame=frame, time_s=t, sequence=sequence)
        self._health.last_error = None
        self._health.frames_used += 1

    def start(self) -> None:
        """Nothing runs in the background."""

    def stop(self, timeout_s: float = 5.0) -> None:
        """Nothing to stop."""

    def latest(self) -> FrameSample | None:
        """The newest frame that decoded."""
        return self._sample

    def health(self) -> _Health:
        """State and last error."""
        return self._health


def _corrupted(jpeg: bytes, t: float) -> bytes:
    """Bytes no decoder takes: noise, or a JPEG whose start-of-image marker is broken."""
    if int(t) % 2:
        return os.urandom(len(jpeg) // 4)
    return b"\x00\x00" + jpeg[2:]


def fill_the_disk(store: EventStore) -> None:
    """Leave the event log no room to grow, as a full disk does: the file is compacted (no
    free page left in it, its pages packed) and capped at its size, so the next write that
    needs a page fails with SQLite's own SQLITE_FULL."""
    with contextlib.closing(sqlite3.connect(store.path, timeout=30)) as other:
        other.execute("VACUUM")  # the store's own connection is idle between cycles
    store.set_max_bytes(store.size_bytes())


def rss_mb() -> float:
    """This process's resident memory (Linux; 0 elsewhere)."""
    try:
        resident_pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return 0.0
    return resident_pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def run_child(plan: FaultPlan, db: Path, resume_at_s: float) -> None:
    """Resume from `db` and step the monitor to the end of the plan (or until killed)."""
    store = EventStore(db)
    seats, cameras = store.seat_statuses(), store.camera_statuses()
    last_stored = max((float(c["updated_s"]) for c in cameras.values()), default=None)
    start_s = resume_at_s if last_stored is None else max(resume_at_s, last_stored + 1e-6)
    sources = {
        plan.camera_id(k): SoakCamera(DemoScene(timeline), k, plan)
        for k, timeline in enumerate(soak_timelines(plan))
    }
    now = [start_s]
    monitor = Monitor(
        soak_site(plan),
        load_detector(),
        store=store,
        restore=seats,
        restore_cameras=cameras,
        restore_references=store.camera_references(),
        sources=dict(sources),
        # The re-check every 10 samples, as the live default (30 s at 3 s samples).
        gate_settings=GateSettings(recheck_s=10 * plan.interval_s),
        tiling_settings=TilingSettings(seat_tiles=plan.seat_tiles),
        offline_after_s=plan.offline_after_s,
        clock=lambda: now[0],
    )
    work = {"inferred": 0, "rechecked": 0}

    def count(stats: CycleStats) -> None:
        work["inferred"] += stats.cameras_inferred
        work["rechecked"] += stats.cameras_rechecked

    monitor.add_stats_listener(count)
    restored = {key: status.to_dict() for key, status in seats.items()}
    _say({"kind": "start", "t": start_s, "last_stored": last_stored, "restored": restored})
    full = False
    for t in plan.sample_times(start_s):
        now[0] = t
        if plan.disk_full(t) != full:
            full = not full
            if full:
                fill_the_disk(store)
            else:
                store.set_max_bytes(None)
        for camera in sources.values():
            camera.show(t)
        update = monitor.step(now_s=t)
        _say(_cycle_line(update, store, work))
    monitor.stop()
    store.close()
    _say({"kind": "done"})


def _cycle_line(update: MonitorUpdate, store: EventStore, work: dict[str, int]) -> dict[str, Any]:
    return {
        "kind": "cycle",
        "t": update.time_s,
        "events": [event.to_dict() for event in update.events],
        "store": store.health().to_dict(),
        "rss_mb": round(rss_mb(), 2),
        **work,
    }


def _say(message: dict[str, Any]) -> None:
    print(json.dumps(message, separators=(",", ":")), flush=True)


def main(argv: list[str] | None = None) -> None:
    """`python -m seatsense.demo.soak_child PLAN_JSON DB RESUME_AT_S`."""
    plan_json, db, resume_at = argv if argv is not None else sys.argv[1:]
    logging.basicConfig(level=logging.WARNING, format="%(name)s: %(message)s")
    run_child(FaultPlan.from_dict(json.loads(plan_json)), Path(db), float(resume_at))


if __name__ == "__main__":
    main()


__all__ = ["SoakCamera", "rss_mb", "run_child", "soak_site", "soak_timelines"]

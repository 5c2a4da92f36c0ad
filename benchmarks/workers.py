"""The benchmark's worker processes: each runs one design on its channels and reports in
JSON lines on stdout (`measuring` when its window opens, then `result` or `error`).

- **ours**: `Monitor` with its sources and the bundled model, as configured by default;
  the monitor reports every cycle's timings and counts itself (`CycleStats`).
- **naive**: the plan's design on one channel: its own model, every frame decoded,
  one inference per seat crop.

    python -m benchmarks.workers --worker ours '{"urls": [...], ...}'

Started by `benchmarks.live`; run from the repository root (or with it on PYTHONPATH).
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from seatsense.core.status import CycleStats

from .measure import own_cpu_s, peak_rss_mb, percentile
from .scenes import bench_site, seat_polygons


def emit(kind: str, **data: Any) -> None:
    """One message to the orchestrator."""
    print(json.dumps({"kind": kind, **data}), flush=True)


# -- worker: ours --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Cycle:
    at: float
    """When the cycle ended (time.monotonic)."""
    stats: CycleStats
    measured: bool
    """Whether the measured window was open when it ended."""


class _CycleLog:
    """The monitor's cycle stats as they arrive (from its cycle thread), marked inside or
    outside the measured window. With a profile path, cProfile runs from the first measured
    cycle on, switched on from the cycle thread (on Python >= 3.12 it follows every thread)."""

    def __init__(self, profile: str | None) -> None:
        self.cycles: list[_Cycle] = []
        self.measuring = threading.Event()
        self.profile = profile
        self._profiler = cProfile.Profile() if profile else None
        self._profiling = False

    def on_cycle(self, stats: CycleStats) -> None:
        measured = self.measuring.is_set()
        self.cycles.append(_Cycle(time.monotonic(), stats, measured))
        if measured and self._profiler is not None and not self._profiling:
            self._profiling = True
            self._profiler.enable()

    def cold_cycle(self, channels: int, timeout_s: float) -> CycleStats | None:
        """Wait for the first cycle with every channel online and fresh (it infers every
        camera: the cold cycle, reported apart); None when none came in time."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            for cycle in list(self.cycles):
                if cycle.stats.cameras_online == channels == cycle.stats.cameras_fresh:
                    return cycle.stats
            time.sleep(0.05)
        return None

    def wait_for_next(self, timeout_s: float) -> None:
        """Until the cycle in flight has ended, so a window ends at a cycle's end."""
        count = len(self.cycles)
        deadline = time.monotonic() + timeout_s
        while len(self.cycles) == count and time.monotonic() < deadline:
            time.sleep(0.01)

    def save_profile(self) -> None:
        if self._profiler is not None and self.profile:
            self._profiler.disable()
            self._profiler.dump_stats(self.profile)


def ours_worker(cfg: dict[str, Any]) -> None:
    """The monitor as configured by default on `cfg["urls"]`; its cycles measured."""
    from seatsense.live.monitor import Monitor
    from seatsense.vision.gate import GateSettings

    site = bench_site(cfg["urls"], cfg["width"], cfg["height"], cfg["interval_s"], cfg["model"])
    settings = GateSettings() if cfg["gate"] else GateSettings(recheck_s=0.0)
    detector = _detector(cfg["model"], cfg.get("chunk"))
    monitor = Monitor(site, detector=detector, gate_settings=settings)
    log = _CycleLog(cfg.get("profile"))
    monitor.add_stats_listener(log.on_cycle)
    channels = len(cfg["urls"])
    monitor.start()
    cold = log.cold_cycle(channels, cfg["warmup_timeout_s"])
    if cold is None:
        monitor.stop()
        emit("error", message=f"not all {channels} channels came online in time")
        return
    log.measuring.set()
    window_start = time.monotonic()
    cpu0 = own_cpu_s()
    emit("measuring")
    time.sleep(cfg["duration_s"])
    log.wait_for_next(cfg["interval_s"] * 2)
    cpu = own_cpu_s() - cpu0
    window = time.monotonic() - window_start
    monitor.stop()
    log.save_profile()
    measured = [c.stats for c in log.cycles if c.measured and c.at <= window_start + window]
    crops_per_inference = len(monitor.pipeline.cameras[site.cameras[0].id].tiling.tiles)
    emit(
        "result",
        **_ours_result(measured, cold, channels, window, cpu, cfg["interval_s"]),
        crops_per_inference=crops_per_inference,
    )


def _ours_result(
    measured: Sequence[CycleStats],
    cold: CycleStats,
    channels: int,
    window: float,
    cpu: float,
    interval_s: float,
) -> dict[str, Any]:
    """The figures of the measured cycles (the keys benchmarks/README.md explains)."""
    times = [c.events_out_s for c in measured]
    steps = [c.step_s for c in measured]
    ages = [a for c in measured for a in c.frame_ages_s]
    inferred = sum(c.cameras_inferred + c.cameras_rechecked for c in measured)
    camera_cycles = sum(c.cameras_fresh for c in measured)
    cycles = max(1, len(measured))
    return {
        "channels": channels,
        "cycles": len(measured),
        "window_s": round(window, 2),
        "cycle_p50_s": percentile(times, 50),
        "cycle_p95_s": percentile(times, 95),
        "cycle_max_s": percentile(times, 100),
        "step_p50_s": percentile(steps, 50),
        "step_p95_s": percentile(steps, 95),
        "rechecks": sum(c.cameras_rechecked for c in measured),
        "cold_cycle_s": round(cold.events_out_s, 4),
        "cpu_s_per_cycle": round(cpu / cycles, 4),
        "cpu_cores_mean": round(cpu / window, 4),
        "worker_cpu_s_per_cycle": round(sum(c.thread_cpu_s for c in measured) / cycles, 4),
        "peak_rss_mb": peak_rss_mb(),
        "frame_age_p50_s": percentile(ages, 50),
        "frame_age_p95_s": percentile(ages, 95),
        "frame_age_max_s": percentile(ages, 100),
        "camera_cycles": camera_cycles,
        "cycle_times": [round(t, 4) for t in times],
        "frame_ages": [round(a, 3) for a in ages],
        "cpu_s": round(cpu, 3),
        "inferences": inferred,
        "reused": camera_cycles - sum(c.cameras_inferred for c in measured),
        "inferred_share": round(inferred / camera_cycles, 4) if camera_cycles else None,
        "crops": sum(c.crops_inferred + c.crops_rechecked for c in measured),
        "events": sum(c.events for c in measured),
        "offline_camera_cycles": sum(channels - c.cameras_online for c in measured),
        "skipped_ticks": max(0, round(window / interval_s) - len(measured)),
    }


class _Chunked:
    """The `--chunk` what-if: a detector whose every batch is cut into `chunk` crops."""

    def __init__(self, detector: Any, chunk: int) -> None:
        self._detector = detector
        self._chunk = chunk
        self.class_names = detector.class_names
        self.keypoint_shape = detector.keypoint_shape
        self.imgsz = detector.imgsz

    def detect(self, frames: Any, conf: float | None = None, imgsz: int | None = None) -> Any:
        found = []
        for start in range(0, len(frames), self._chunk):
            part = frames[start : start + self._chunk]
            found.extend(self._detector.detect(part, conf=conf, imgsz=imgsz))
        return found


def _detector(model: str, chunk: int | None = None) -> Any:
    from seatsense.vision.detect import load_detector

    detector = load_detector(model)
    return _Chunked(detector, chunk) if chunk else detector


# -- worker: the naive design --------------------------------------------------------------------


def naive_worker(cfg: dict[str, Any]) -> None:
    """One channel the plan's way: own model, decode every frame, one inference per seat crop."""
    import av

    from seatsense.vision.detect import load_detector, model_backend

    # One model per process, as the plan has it, on ONNX Runtime's stock settings: the
    # baseline stays the plan's design while ours is tuned (see `OnnxDetector(spin_wait=)`).
    model = cfg["model"]
    detector = (
        load_detector(model, spin_wait=True)
        if model_backend(model) == "onnx"
        else load_detector(model)
    )
    polygons = seat_polygons(cfg["width"], cfg["height"])
    boxes = []
    for polygon in polygons:
        pts = np.asarray(polygon)
        (x1, y1), (x2, y2) = pts.min(axis=0).astype(int), pts.max(axis=0).astype(int)
        boxes.append((x1, y1, x2, y2))
    container = av.open(
        cfg["url"],
        options={"rtsp_transport": "tcp", "allowed_media_types": "video"},
        timeout=(10.0, 10.0),
    )
    stream = container.streams.video[0]
    latest: dict[str, Any] = {}
    decoded = [0]
    stop = threading.Event()

    def read() -> None:  # the capture thread: every frame decoded and converted
        try:
            for packet in container.demux(stream):
                if stop.is_set():
                    break
                for frame in packet.decode():
                    latest["frame"] = frame.to_ndarray(format="bgr24")
                    decoded[0] += 1
        except av.error.FFmpegError:
            pass

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    while "frame" not in latest:
        time.sleep(0.02)
    cycles: list[float] = []
    measuring = False
    window_start = cpu0 = decoded0 = 0.0
    start = time.monotonic()
    next_tick = start
    end = start + cfg["warmup_s"] + cfg["duration_s"]
    while time.monotonic() < end:
        if not measuring and time.monotonic() - start >= cfg["warmup_s"]:
            measuring = True
            window_start, cpu0, decoded0 = time.monotonic(), own_cpu_s(), decoded[0]
        wall0 = time.perf_counter()
        frame = latest["frame"]
        for x1, y1, x2, y2 in boxes:  # one inference per seat
            detector.detect([frame[y1:y2, x1:x2]])
        if measuring:
            cycles.append(time.perf_counter() - wall0)
        next_tick += cfg["interval_s"]
        time.sleep(max(0.0, next_tick - time.monotonic()))
    cpu = own_cpu_s() - cpu0
    window = time.monotonic() - window_start
    fps = (decoded[0] - decoded0) / window if window else 0.0
    stop.set()
    emit(
        "result",
        cycles=len(cycles),
        window_s=round(window, 2),
        cycle_p50_s=percentile(cycles, 50),
        cycle_p95_s=percentile(cycles, 95),
        cpu_s_per_cycle=round(cpu / max(1, len(cycles)), 4),
        cpu_cores_mean=round(cpu / window, 4) if window else None,
        decoded_fps=round(fps, 2),
        peak_rss_mb=peak_rss_mb(),
    )
    os._exit(0)  # the reader may sit in a blocking read; the process is done


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m benchmarks.workers --worker ours|naive CONFIG_JSON`."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.workers")
    parser.add_argument("--worker", choices=("ours", "naive"), required=True)
    parser.add_argument("config")
    args = parser.parse_args(argv)
    cfg = json.loads(args.config)
    if args.worker == "ours":
        ours_worker(cfg)
    else:
        naive_worker(cfg)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

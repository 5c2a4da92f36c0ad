"""The live system against the plan's naive design, on loopback RTSP (`benchmarks.bench`).

N cameras with 8 seats each stream synthetic study-cafe scenes (H.264, 25 fps, 1 s GOP, made
with ffmpeg; people photos are composited in for a few seconds now and then, so the change
gate sees honest change) from the GStreamer RTSP server on 127.0.0.1. Three runs, one after
another, each in a process of its own so that CPU time and peak memory are its own:

- **ours**: `Monitor` with its `Grabber`s and the bundled model, as configured by default
  (seat tiles, change gate); the monitor times every cycle itself (frames taken -> events
  out, and the re-checks after it).
- **gate off**: the same with `GateSettings(recheck_s=0)`: a fresh inference every cycle.
- **naive**: the plan's design: one process and one model per channel, every frame decoded
  (and converted to BGR, as `cv2.VideoCapture.read()` does), one inference per seat crop.
  It runs on `naive_channels` channels (default 2: 16 such processes do not fit 2 cores)
  and is scaled per channel to N.

>>> from benchmarks.live import BenchConfig, run_bench   # doctest: +SKIP
>>> report = run_bench(BenchConfig(channels=16, resolution="1080p"))  # doctest: +SKIP
>>> report["cycle_p95_s"], report["naive_cpu_ratio"]        # doctest: +SKIP

The workers (`benchmarks.workers`) talk to this orchestrator in JSON lines on stdout.
Only 127.0.0.1 is ever used.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from tests.support.rtsp_server import RtspServer

from .measure import percentile
from .scenes import CLIP_SECONDS, RESOLUTIONS, SEATS_PER_CAMERA, make_clips

REPO_ROOT = Path(__file__).resolve().parents[1]


@dataclass
class BenchConfig:
    """What `python -m benchmarks.bench` runs."""

    channels: int = 16
    resolution: str = "1080p"
    duration_s: float = 60.0
    """Measured time of each run, after the warm-up."""
    interval_s: float = 3.0
    scene: str = "changing"
    """`changing` (people appear at seats now and then) or `static` (nothing ever changes)."""
    gate_off: bool = True
    """Also run once with the change gate disabled (`recheck_s=0`)."""
    naive_channels: int = 2
    """Channels the naive baseline really runs on (0: skip it); scaled to `channels`."""
    naive_duration_s: float | None = None
    """Measured time of the naive run (default: `duration_s`)."""
    model: str = "bundled"
    clip_dir: Path | None = None
    """Where clips are made and kept (default: ~/.cache/seatsense/bench)."""
    warmup_timeout_s: float = 120.0
    """How long the cameras may take to come online and through their first cycle."""
    clip_seconds: float = CLIP_SECONDS
    """Length of the looped clips (people appear once per loop in each scene variant)."""
    source: str = "rtsp"
    """`rtsp` (the loopback server) or `file`: each camera's `Grabber` plays an .mp4 clip at
    its own speed, through the same demux and decode code (for boxes without GStreamer)."""
    processes: int = 1
    """Monitor processes the channels are split over (one box, several monitors)."""
    chunk: int | None = None
    """What-if: cut every inference batch into chunks of this many crops (None runs the
    detector as it is: ONNX Runtime in chunks of `detect.MAX_BATCH`, Ultralytics of twice
    that)."""
    profile: Path | None = None
    """Write a cProfile of the `ours` run's measured window to this file (the cycle thread;
    on Python >= 3.12 every thread)."""
    progress: Callable[[str], None] | None = field(default=None, repr=False)


# -- orchestration -------------------------------------------------------------------------------


def _spawn(kind: str, cfg: dict[str, Any]) -> subprocess.Popen[str]:
    # The repository root on the path, so the workers find `benchmarks` from any directory.
    path = os.pathsep.join(p for p in (os.environ.get("PYTHONPATH"), str(REPO_ROOT)) if p)
    return subprocess.Popen(
        [sys.executable, "-m", "benchmarks.workers", f"--worker={kind}", json.dumps(cfg)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1", "PYTHONPATH": path},
    )


def _collect(
    process: subprocess.Popen[str], on_measuring: Callable[[], None] | None = None
) -> dict[str, Any]:
    assert process.stdout is not None
    result: dict[str, Any] | None = None
    for line in process.stdout:
        line = line.strip()
        if not line.startswith("{"):
            continue
        message = json.loads(line)
        if message["kind"] == "measuring" and on_measuring is not None:
            on_measuring()
        elif message["kind"] in ("result", "error"):
            result = message
    process.wait()
    if result is None:
        raise RuntimeError(f"benchmark worker failed (exit code {process.returncode})")
    if result["kind"] == "error":
        raise RuntimeError(f"benchmark worker: {result['message']}")
    result.pop("kind")
    return result


def _run_ours(
    config: BenchConfig,
    urls: Sequence[str],
    gate: bool,
    server: RtspServer | None = None,
    profile: Path | None = None,
) -> dict[str, Any]:
    width, height = RESOLUTIONS[config.resolution]
    parts = max(1, min(config.processes, len(urls)))
    workers = []
    for index in range(parts):
        cfg = {
            "urls": list(urls[index::parts]),
            "width": width,
            "height": height,
            "interval_s": config.interval_s,
            "model": config.model,
            "gate": gate,
            "duration_s": config.duration_s,
            "warmup_timeout_s": config.warmup_timeout_s,
            "profile": f"{profile}.{index}" if profile and parts > 1 else profile and str(profile),
            "chunk": config.chunk,
        }
        workers.append(_spawn("ours", cfg))
    marks: dict[str, float] = {}

    def on_measuring() -> None:
        if server is not None and "at" not in marks:
            marks["cpu"], marks["at"] = server.cpu_s(), time.monotonic()

    results: list[dict[str, Any]] = [{}] * parts
    threads = [
        threading.Thread(
            target=lambda i=i: results.__setitem__(i, _collect(workers[i], on_measuring))
        )
        for i in range(parts)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if any(not r for r in results):
        raise RuntimeError("a benchmark worker failed")
    result = results[0] if parts == 1 else _merge(results)
    if server is not None and "at" in marks:
        window = time.monotonic() - marks["at"]
        result["server_cpu_cores_mean"] = round((server.cpu_s() - marks["cpu"]) / window, 4)
    result["processes"] = parts
    return result


def _merge(results: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """One report for monitors that ran side by side: pooled cycles, summed resources."""
    times = [t for r in results for t in r["cycle_times"]]
    ages = [a for r in results for a in r["frame_ages"]]
    total = {
        key: sum(r[key] for r in results)
        for key in ("channels", "camera_cycles", "inferences", "crops", "rechecks", "reused",
                    "events", "offline_camera_cycles", "cpu_s", "skipped_ticks")
    }  # fmt: skip
    cycles = max(r["cycles"] for r in results)
    window = max(r["window_s"] for r in results)
    return {
        **total,
        "cycles": cycles,
        "window_s": window,
        "cycle_p50_s": percentile(times, 50),
        "cycle_p95_s": percentile(times, 95),
        "cycle_max_s": percentile(times, 100),
        "cold_cycle_s": max(r["cold_cycle_s"] for r in results),
        "cpu_s_per_cycle": round(total["cpu_s"] / max(1, cycles), 4),
        "cpu_cores_mean": round(sum(r["cpu_cores_mean"] for r in results), 4),
        "worker_cpu_s_per_cycle": round(sum(r["worker_cpu_s_per_cycle"] for r in results), 4),
        "peak_rss_mb": round(sum(r["peak_rss_mb"] for r in results), 1),
        "frame_age_p50_s": percentile(ages, 50),
        "frame_age_p95_s": percentile(ages, 95),
        "frame_age_max_s": percentile(ages, 100),
        "inferred_share": round(total["inferences"] / total["camera_cycles"], 4)
        if total["camera_cycles"]
        else None,
        "crops_per_inference": results[0]["crops_per_inference"],
        "cycle_times": times,
        "frame_ages": ages,
        "per_process": [
            {k: r[k] for k in ("channels", "cycle_p95_s", "cpu_cores_mean", "peak_rss_mb")}
            for r in results
        ],
    }


def _run_naive(config: BenchConfig, server: RtspServer) -> dict[str, Any]:
    """The naive design on `naive_channels` channels, scaled per channel to `channels`."""
    width, height = RESOLUTIONS[config.resolution]
    count = min(config.naive_channels, config.channels)
    duration = config.naive_duration_s or config.duration_s
    processes = [
        _spawn(
            "naive",
            {
                "url": server.url(k + 1),
                "width": width,
                "height": height,
                "interval_s": config.interval_s,
                "model": config.model,
                "warmup_s": 4.0,
                "duration_s": duration,
            },
        )
        for k in range(count)
    ]
    results = [_collect(p) for p in processes]
    per_channel = float(np.mean([r["cpu_s_per_cycle"] for r in results]))
    return {
        "channels_run": count,
        "scaled_to": config.channels,
        "cpu_s_per_cycle_per_channel": round(per_channel, 4),
        "cpu_s_per_cycle": round(per_channel * config.channels, 4),
        "cpu_cores_mean": round(
            float(np.mean([r["cpu_cores_mean"] for r in results])) * config.channels, 3
        ),
        "cycle_p50_s": percentile([r["cycle_p50_s"] for r in results], 50),
        "cycle_p95_s": max(r["cycle_p95_s"] for r in results),
        "decoded_fps_per_channel": round(float(np.mean([r["decoded_fps"] for r in results])), 2),
        "peak_rss_mb_per_process": max(r["peak_rss_mb"] for r in results),
        "peak_rss_mb": round(max(r["peak_rss_mb"] for r in results) * config.channels, 1),
        "inferences_per_cycle": SEATS_PER_CAMERA * config.channels,
        "processes": results,
    }


def run_bench(config: BenchConfig) -> dict[str, Any]:
    """Run the benchmark; returns the JSON-ready report (see the module docstring)."""
    if config.resolution not in RESOLUTIONS:
        raise ValueError(f"resolution must be one of {', '.join(RESOLUTIONS)}")
    if config.scene not in ("changing", "static"):
        raise ValueError("scene must be 'changing' or 'static'")
    if config.channels < 1:
        raise ValueError("at least one channel")
    say = config.progress or (lambda _message: None)
    load_before = os.getloadavg()
    say(f"making {config.scene} {config.resolution} clips")
    if config.source not in ("rtsp", "file"):
        raise ValueError("source must be 'rtsp' or 'file'")
    clips = make_clips(
        config.resolution,
        config.scene,
        config.clip_dir,
        seconds=config.clip_seconds,
        variants=config.channels,
        container="h264" if config.source == "rtsp" else "mp4",
    )
    report: dict[str, Any] = {}
    label = f"{config.channels} x {config.resolution}, {config.duration_s:g} s"
    if config.source == "file":
        urls = [str(clips[k % len(clips)]) for k in range(config.channels)]
        say(f"ours (files): {label}, {config.processes} process(es)")
        report.update(_run_ours(config, urls, gate=True, profile=config.profile))
        if config.gate_off:
            say("gate off (recheck_s=0)")
            report["gate_off"] = _run_ours(config, urls, gate=False)
    else:
        with RtspServer(clips, channels=config.channels) as server:
            urls = [server.url(k + 1) for k in range(config.channels)]
            say(f"ours: {label}")
            report.update(_run_ours(config, urls, gate=True, server=server, profile=config.profile))
            if config.gate_off:
                say("gate off (recheck_s=0)")
                report["gate_off"] = _run_ours(config, urls, gate=False, server=server)
            if config.naive_channels > 0:
                say(f"naive baseline on {min(config.naive_channels, config.channels)} channel(s)")
                report["naive"] = _run_naive(config, server)
    for part in (report, report.get("gate_off") or {}):
        part.pop("cycle_times", None)
        part.pop("frame_ages", None)
    naive = report.get("naive")
    report["naive_cpu_ratio"] = (
        round(naive["cpu_s_per_cycle"] / report["cpu_s_per_cycle"], 2)
        if naive and report["cpu_s_per_cycle"]
        else None
    )
    gate_off = report.get("gate_off")
    if gate_off:
        report["gate_cpu_saving"] = round(
            1 - report["cpu_s_per_cycle"] / gate_off["cpu_s_per_cycle"], 3
        )
    report["config"] = {
        key: (str(value) if isinstance(value, Path) else value)
        for key, value in asdict(config).items()
        if key != "progress"
    }
    report["clips"] = [str(c) for c in clips]
    report["machine"] = {
        "cpus": os.cpu_count(),
        "loadavg_before": [round(v, 2) for v in load_before],
        "loadavg_after": [round(v, 2) for v in os.getloadavg()],
    }
    report["targets"] = {
        "cycle_p95_s<1.5": report["cycle_p95_s"] is not None and report["cycle_p95_s"] < 1.5,
        "cpu_cores_mean<1": report["cpu_cores_mean"] < 1.0,
        "peak_rss_mb<1024": report["peak_rss_mb"] < 1024,
        "naive_cpu_ratio>=10": report["naive_cpu_ratio"] is not None
        and report["naive_cpu_ratio"] >= 10,
    }
    return report


def format_report(report: dict[str, Any]) -> str:
    """A few readable lines."""
    lines = [
        f"{report['channels']} channels, {report['cycles']} cycles in {report['window_s']} s",
        f"cycle p50 {report['cycle_p50_s']} s, p95 {report['cycle_p95_s']} s, "
        f"max {report['cycle_max_s']} s (cold cycle {report['cold_cycle_s']} s); "
        f"with the re-checks after it p95 {report.get('step_p95_s')} s",
        f"CPU {report['cpu_s_per_cycle']} s/cycle, {report['cpu_cores_mean']} cores; "
        f"peak RSS {report['peak_rss_mb']} MB; server {report.get('server_cpu_cores_mean')} cores",
        f"frame age p50 {report['frame_age_p50_s']} s, p95 {report['frame_age_p95_s']} s; "
        f"inferred {report['inferences']} of {report['camera_cycles']} camera-cycles "
        f"({report['crops']} crops)",
    ]
    if report.get("gate_off"):
        off = report["gate_off"]
        lines.append(
            f"gate off: p95 {off['cycle_p95_s']} s, CPU {off['cpu_s_per_cycle']} s/cycle, "
            f"{off['cpu_cores_mean']} cores (gate saves {report['gate_cpu_saving']:.0%})"
        )
    if report.get("naive"):
        naive = report["naive"]
        lines.append(
            f"naive ({naive['channels_run']} run, scaled to {naive['scaled_to']}): "
            f"{naive['cpu_s_per_cycle']} CPU s/cycle, {naive['cpu_cores_mean']} cores, "
            f"decoded {naive['decoded_fps_per_channel']} fps/channel; "
            f"ratio {report['naive_cpu_ratio']}x"
        )
    lines.append(
        "targets: "
        + ", ".join(f"{k} {'ok' if v else 'MISSED'}" for k, v in report["targets"].items())
    )
    return "\n".join(lines)

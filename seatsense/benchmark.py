"""`seatsense bench`: the live system against the plan's naive design, on loopback RTSP.

N cameras with 8 seats each stream synthetic study-cafe scenes (H.264, 25 fps, 1 s GOP, made
with ffmpeg; people photos are composited in for a few seconds now and then, so the change
gate sees honest change) from the GStreamer RTSP server on 127.0.0.1. Three runs, one after
another, each in a process of its own so that CPU time and peak memory are its own:

- **ours**: `Monitor` with its `Grabber`s and the bundled model, as configured by default
  (seat tiles, change gate); every `Monitor.step` is timed (frames taken -> events out).
- **gate off**: the same with `GateSettings(recheck_s=0)`: a fresh inference every cycle.
- **naive**: the plan's design: one process and one model per channel, every frame decoded
  (and converted to BGR, as `cv2.VideoCapture.read()` does), one inference per seat crop.
  It runs on `naive_channels` channels (default 2: 16 such processes do not fit 2 cores)
  and is scaled per channel to N.

>>> from seatsense.benchmark import BenchConfig, run_bench   # doctest: +SKIP
>>> report = run_bench(BenchConfig(channels=16, resolution="1080p"))  # doctest: +SKIP
>>> report["cycle_p95_s"], report["naive_cpu_ratio"]        # doctest: +SKIP

Workers talk to the orchestrator in JSON lines on stdout. Only 127.0.0.1 is ever used.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

HOST = "127.0.0.1"
SYSTEM_PYTHON = "/usr/bin/python3"
SERVER_SCRIPT = Path(__file__).resolve().parent / "rtsp_test_server.py"
RESOLUTIONS = {"720p": (1280, 720), "1080p": (1920, 1080)}
BITRATES = {"720p": "2M", "1080p": "4M"}
"""Typical CCTV main-stream bit rates; the encoder is capped to them."""
CLIP_SECONDS = 28.0
SCENE_VARIANTS = 4
"""Changing scenes: channel k shows variant (k - 1) mod 4, each with its own person window."""
FPS = 25
SEATS_PER_CAMERA = 8
_CLIP_VERSION = 2
"""Bumped when the clip recipe changes, so cached clips are made again."""


@dataclass
class BenchConfig:
    """What `seatsense bench` runs."""

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
    """Write a cProfile of the `ours` run's cycle thread (measured cycles) to this file."""
    progress: Callable[[str], None] | None = field(default=None, repr=False)


# -- scenes and clips --------------------------------------------------------------------------


def seat_polygons(width: int, height: int) -> list[list[list[float]]]:
    """8 seats, two rows of four desks, in a frame of `width` x `height`."""
    sx, sy = width / 1920, height / 1080
    seats = []
    for row, (top, bottom) in enumerate(((430, 640), (660, 1000))):
        for col in range(4):
            left = 240 + col * 360
            right = left + 360
            # The far row is a bit narrower (perspective); polygons need not be rectangles.
            inset = 20 if row == 0 else 0
            seats.append(
                [
                    [round((left + inset) * sx, 1), round(top * sy, 1)],
                    [round((right - inset) * sx, 1), round(top * sy, 1)],
                    [round(right * sx, 1), round(bottom * sy, 1)],
                    [round(left * sx, 1), round(bottom * sy, 1)],
                ]
            )
    return seats


def bench_site(urls: Sequence[str], width: int, height: int, interval_s: float, model: str) -> Any:
    """A site of one 8-seat camera per URL."""
    from .core.layout import parse_site

    polygons = seat_polygons(width, height)
    cameras = [
        {
            "id": f"ch{index + 1}",
            "source": url,
            "width": width,
            "height": height,
            "seats": [
                {"id": f"S{n + 1}", "polygon": polygon} for n, polygon in enumerate(polygons)
            ],
        }
        for index, url in enumerate(urls)
    ]
    return parse_site(
        {"name": "bench", "interval_s": interval_s, "model": model, "cameras": cameras},
        origin="bench",
    )


def _background(width: int, height: int) -> Any:
    """A study-cafe-like room: wall, floor, two rows of desks with chairs, some texture."""
    import cv2

    rng = np.random.default_rng(7)
    image = np.zeros((1080, 1920, 3), np.float32)
    wall = np.linspace(205, 175, 400, dtype=np.float32)[:, None, None]
    image[:400] = wall * np.array([0.92, 0.97, 1.0], np.float32)
    floor = np.linspace(120, 150, 680, dtype=np.float32)[:, None, None]
    image[400:] = floor * np.array([0.75, 0.85, 0.95], np.float32)
    for x in range(0, 1920, 160):  # floor boards
        cv2.line(image, (x, 400), (x - 300 + x // 4, 1080), (95, 110, 125), 2)
    for x in (300, 900, 1500):  # windows / posters
        cv2.rectangle(image, (x, 80), (x + 260, 300), (230, 215, 190), -1)
        cv2.rectangle(image, (x, 80), (x + 260, 300), (90, 90, 90), 4)
    for polygon in seat_polygons(1920, 1080):
        pts = np.asarray(polygon, np.float32)
        x1, y1 = (int(v) for v in pts.min(axis=0))
        x2, y2 = (int(v) for v in pts.max(axis=0))
        desk = int(y1 + (y2 - y1) * 0.45)
        cv2.rectangle(image, (x1 + 20, y1), (x2 - 20, desk), (60, 95, 140), -1)
        cv2.rectangle(image, (x1 + 20, y1), (x2 - 20, desk), (40, 60, 90), 3)
        cx = (x1 + x2) // 2
        cv2.rectangle(image, (cx - 55, desk + 10), (cx + 55, y2 - 10), (50, 50, 55), -1)  # chair
        cv2.rectangle(image, (x1 + 30, y1 - 60), (x1 + 36, y1), (80, 80, 80), -1)
        cv2.circle(image, (x1 + 33, y1 - 62), 14, (120, 200, 230), -1)  # desk lamp
    noise = rng.normal(0, 7, image.shape[:2]).astype(np.float32)
    texture = np.asarray(cv2.GaussianBlur(noise, (0, 0), 1.2), np.float32)
    textured = np.clip(image + texture[:, :, None], 0, 255).astype(np.uint8)
    return cv2.resize(textured, (width, height), interpolation=cv2.INTER_AREA)


def _person_images() -> list[Any]:
    """BGRA cut-outs or BGR photos of people, from the demo assets or the test fixtures."""
    import cv2

    here = Path(__file__).resolve().parent
    candidates = [here / "demo_assets" / f"{name}.png" for name in ("ancelotti", "zidane")]
    candidates += [here.parent / "tests" / "fixtures" / n for n in ("zidane.jpg", "bus.jpg")]
    images = []
    for path in candidates:
        if path.is_file():
            image = cv2.imread(str(path), cv2.IMREAD_UNCHANGED)
            if image is not None:
                images.append(image)
    return images


def _person_window(variant: int, seconds: float = CLIP_SECONDS) -> tuple[float, float]:
    """When the person of a scene variant is in the picture (seconds into the looped clip):
    2-8 s, 9-15 s, 16-22 s, 23-29 s of a 28 s clip."""
    start = seconds / 14 + variant * seconds / SCENE_VARIANTS
    return round(start, 2), round(start + min(6.0, seconds * 3 / 14), 2)


def _person_still(variant: int, width: int, height: int, out: Path) -> tuple[Path, int, int]:
    """The person picture for a variant, sized to its seat, and where it goes (x, y)."""
    import cv2

    images = _person_images()
    seat = seat_polygons(width, height)[[5, 2, 7, 0][variant % 4]]
    pts = np.asarray(seat, np.float32)
    (x1, y1), (x2, y2) = pts.min(axis=0), pts.max(axis=0)
    target_h = int((y2 - y1) * 1.25)
    if images:
        image = images[variant % len(images)]
        if image.shape[2] == 3 and image.shape[0] < image.shape[1]:
            # A wide photo (zidane.jpg): its left half holds one person.
            image = image[:, : image.shape[1] // 2]
    else:  # no photo at hand: a crude figure still changes the seat honestly
        image = np.zeros((300, 160, 4), np.uint8)
        cv2.ellipse(image, (80, 60), (40, 50), 0, 0, 360, (150, 170, 200, 255), -1)
        cv2.rectangle(image, (20, 110), (140, 300), (60, 40, 140, 255), -1)
    scale = target_h / image.shape[0]
    image = cv2.resize(image, (max(2, int(image.shape[1] * scale) // 2 * 2), target_h // 2 * 2))
    if image.shape[1] > (x2 - x1) * 1.2:
        image = image[:, : int((x2 - x1) * 1.2) // 2 * 2]
    cv2.imwrite(str(out), image)
    x = int((x1 + x2) / 2 - image.shape[1] / 2)
    y = int(y2 - image.shape[0])
    return out, max(0, x), max(0, y)


def make_clips(
    resolution: str,
    scene: str = "changing",
    directory: Path | None = None,
    seconds: float = CLIP_SECONDS,
    variants: int = SCENE_VARIANTS,
    container: str = "h264",
) -> list[Path]:
    """The scene clips (H.264, 25 fps, 1 s GOP, no B-frames), made once and cached.

    A changing scene has up to `variants` clips, each with a person at a different seat
    and time; a static scene has one. `container` is `h264` (the Annex-B stream the RTSP
    server loops) or `mp4` (a file a `Grabber` plays at its own speed). Made with the
    ffmpeg command where there is one, else with PyAV's own encoder.
    """
    import cv2

    width, height = RESOLUTIONS[resolution]
    directory = directory or Path.home() / ".cache" / "seatsense" / "bench"
    directory.mkdir(parents=True, exist_ok=True)
    variants = max(1, min(variants, SCENE_VARIANTS)) if scene == "changing" else 1
    background = directory / f"bg-{resolution}-v{_CLIP_VERSION}.png"
    if not background.exists():
        cv2.imwrite(str(background), _background(width, height))
    jobs = []
    clips = []
    for variant in range(variants):
        name = f"{scene}-{resolution}-{seconds:g}s-{variant}-v{_CLIP_VERSION}.{container}"
        clip = directory / name
        clips.append(clip)
        if clip.exists() and clip.stat().st_size > 0:
            continue
        person = None
        if scene == "changing":
            still, x, y = _person_still(
                variant, width, height, directory / f"person-{resolution}-{variant}.png"
            )
            person = (still, x, y, *_person_window(variant, seconds))
        jobs.append((clip, person))
    encode = _encode_ffmpeg if shutil.which("ffmpeg") else _encode_pyav
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max(1, min(len(jobs), (os.cpu_count() or 2) // 2))) as pool:
        for done in pool.map(
            lambda job: encode(job[0], background, job[1], seconds, resolution), jobs
        ):
            del done
    return clips


Person = tuple[Path, int, int, float, float]
"""A person picture, where it goes (x, y), and when it is there (start, end seconds)."""


def _encode_ffmpeg(
    clip: Path, background: Path, person: Person | None, seconds: float, resolution: str
) -> None:
    inputs = ["-loop", "1", "-framerate", str(FPS), "-i", str(background)]
    graph = "[0:v]format=yuv420p[base]"
    if person is not None:
        still, x, y, start, end = person
        inputs += ["-loop", "1", "-framerate", str(FPS), "-i", str(still)]
        graph = (
            f"[0:v][1:v]overlay=x={x}:y={y}:enable='between(t,{start},{end})',format=yuv420p[base]"
        )
    graph += ";[base]noise=alls=4:allf=t[out]"  # sensor noise: the gate must ignore it
    rate = BITRATES[resolution]
    partial = clip.with_name(clip.name + ".part")
    muxer = "h264" if clip.suffix == ".h264" else "mp4"
    subprocess.run(
        ["ffmpeg", "-v", "error", "-y", *inputs, "-filter_complex", graph, "-map", "[out]",
         "-t", str(seconds), "-r", str(FPS), "-c:v", "libx264", "-preset", "ultrafast",
         "-profile:v", "main", "-bf", "0", "-g", str(FPS), "-keyint_min", str(FPS),
         "-sc_threshold", "0", "-b:v", rate, "-maxrate", rate, "-bufsize", rate,
         "-x264-params", "sliced-threads=0", "-pix_fmt", "yuv420p", "-f", muxer,
         str(partial)],
        check=True, capture_output=True,
    )  # fmt: skip
    partial.replace(clip)


def _encode_pyav(
    clip: Path, background: Path, person: Person | None, seconds: float, resolution: str
) -> None:
    """The same clip as `_encode_ffmpeg`, where there is no ffmpeg command (the GPU box)."""
    import av
    import cv2

    base: Any = np.asarray(cv2.imread(str(background), cv2.IMREAD_COLOR), np.int16)
    with_person = base
    if person is not None:
        still_path, x, y, start, end = person
        still: Any = np.asarray(cv2.imread(str(still_path), cv2.IMREAD_UNCHANGED))
        h, w = still.shape[:2]
        h, w = min(h, base.shape[0] - y), min(w, base.shape[1] - x)
        still = still[:h, :w]
        alpha = (still[:, :, 3:4] / 255.0) if still.shape[2] == 4 else np.ones((h, w, 1))
        with_person = base.copy()
        region = with_person[y : y + h, x : x + w]
        region[:] = (region * (1 - alpha) + still[:, :, :3] * alpha).astype(np.int16)
    rng = np.random.default_rng(11)
    noise = [rng.normal(0, 4, base.shape).astype(np.int16) for _ in range(7)]
    rate_kbit = int(BITRATES[resolution].rstrip("M")) * 1000
    partial = clip.with_name(clip.name + ".part")
    with av.open(str(partial), "w", format="h264" if clip.suffix == ".h264" else "mp4") as out:
        stream: Any = out.add_stream("libx264", rate=FPS)
        stream.width, stream.height = base.shape[1], base.shape[0]
        stream.pix_fmt = "yuv420p"
        stream.bit_rate = rate_kbit * 1000
        stream.options = {
            "preset": "ultrafast",
            "profile": "main",
            "bf": "0",
            "g": str(FPS),
            "keyint_min": str(FPS),
            "sc_threshold": "0",
            "x264-params": f"sliced-threads=0:vbv-maxrate={rate_kbit}:vbv-bufsize={rate_kbit}",
        }
        for index in range(round(seconds * FPS)):
            t = index / FPS
            shown = with_person if person is not None and person[3] <= t <= person[4] else base
            pixels = np.clip(shown + noise[index % len(noise)], 0, 255).astype(np.uint8)
            frame = av.VideoFrame.from_ndarray(pixels, format="bgr24")
            out.mux(stream.encode(frame))
        out.mux(stream.encode(None))
    partial.replace(clip)


# -- the RTSP server ---------------------------------------------------------------------------


class RtspServer:
    """The loopback RTSP server (`rtsp_test_server.py` under Debian's python3): `/ch1`..`/chN`
    from looped clips (channel k plays clip (k-1) mod n), optional Basic/Digest auth. The
    benchmark and the capture tests both drive it: start, kill, freeze, restart on its port.
    """

    def __init__(
        self,
        clips: Path | Sequence[Path],
        channels: int = 1,
        port: int = 0,
        user: str | None = None,
        password: str | None = None,
        auth: str = "basic",
        fps: int = FPS,
    ) -> None:
        self.clips = [clips] if isinstance(clips, Path) else list(clips)
        self.channels = channels
        self.port = port
        self.user = user
        self.password = password
        self.auth = auth
        self.fps = fps
        self.process: subprocess.Popen[str] | None = None
        self.stderr = ""

    def start(self, timeout_s: float = 10.0) -> RtspServer:
        """Start it and wait for its ready line (the port). A restart on a fixed port retries
        until the old socket is free or `timeout_s` has passed."""
        if not os.path.exists(SYSTEM_PYTHON):
            raise RuntimeError(f"{SYSTEM_PYTHON} (with python3-gi) runs the RTSP server")
        command = [SYSTEM_PYTHON, str(SERVER_SCRIPT), "--channels", str(self.channels),
                   "--port", str(self.port), "--host", HOST, "--fps", str(self.fps)]  # fmt: skip
        for clip in self.clips:
            command += ["--file", str(clip)]
        if self.user is not None:
            command += ["--user", self.user, "--password", self.password or "", "--auth", self.auth]
        deadline = time.monotonic() + timeout_s
        while True:
            process = subprocess.Popen(
                command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
            )
            assert process.stdout is not None
            line = process.stdout.readline().strip()
            if line.isdigit():
                break
            process.wait()
            self.stderr = process.stderr.read() if process.stderr else ""
            if self.port == 0 or time.monotonic() > deadline:
                raise RuntimeError(f"the RTSP server did not start: {self.stderr.strip()}")
            time.sleep(0.2)
        self.process = process
        self.port = int(line)
        return self

    def url(self, channel: int = 1, user: str | None = None, password: str | None = None) -> str:
        """The address of a channel, with a login when given."""
        userinfo = f"{user}:{password}@" if user is not None else ""
        return f"rtsp://{userinfo}{HOST}:{self.port}/ch{channel}"

    def cpu_s(self) -> float:
        """CPU seconds the server process has used so far."""
        return _proc_cpu_s(self.process.pid) if self.process is not None else 0.0

    def kill(self) -> None:
        """SIGKILL: sockets close, clients see the stream end."""
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process = None

    def freeze(self) -> None:
        """SIGSTOP: sockets stay open, nothing more arrives."""
        assert self.process is not None
        self.process.send_signal(signal.SIGSTOP)

    def thaw(self) -> None:
        """SIGCONT after `freeze`."""
        assert self.process is not None
        self.process.send_signal(signal.SIGCONT)

    def stop(self) -> None:
        """Stop it (a frozen server is thawed first so it can exit)."""
        if self.process is not None:
            self.thaw()
            self.process.terminate()
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            self.process = None

    def __enter__(self) -> RtspServer:
        return self.start() if self.process is None else self

    def __exit__(self, *_exc: object) -> None:
        self.stop()


def _proc_cpu_s(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


# -- statistics --------------------------------------------------------------------------------


def _pct(values: Sequence[float], q: float) -> float | None:
    return round(float(np.percentile(values, q)), 4) if len(values) else None


def _rusage_cpu(who: int = resource.RUSAGE_SELF) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def _peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _emit(kind: str, **data: Any) -> None:
    print(json.dumps({"kind": kind, **data}), flush=True)


# -- worker: ours --------------------------------------------------------------------------------


def _ours_worker(cfg: dict[str, Any]) -> None:
    """The monitor as configured by default, every `step` timed; JSON lines on stdout."""
    from .live.monitor import Monitor, MonitorUpdate
    from .vision.gate import GateSettings

    site = bench_site(cfg["urls"], cfg["width"], cfg["height"], cfg["interval_s"], cfg["model"])
    settings = GateSettings() if cfg["gate"] else GateSettings(recheck_s=0.0)
    detector = _detector(cfg["model"], cfg.get("chunk"))
    monitor = Monitor(site, detector=detector, gate_settings=settings)
    profiler = None
    if cfg.get("profile"):
        import cProfile

        profiler = cProfile.Profile()  # of the cycle thread, during measured cycles
    cycles: list[dict[str, Any]] = []
    current: dict[str, Any] = {}
    update_pipeline = monitor.pipeline.update
    recheck_pipeline = monitor.pipeline.recheck

    def update(frames: Any, recheck: bool = True) -> Any:
        started = time.perf_counter()
        result = update_pipeline(frames, recheck)
        current["pipeline_s"] = time.perf_counter() - started
        current["fresh"] = len(frames)
        current["inferred"] = len(result.inferred)
        current["crops"] = result.views_inferred
        return result

    def recheck(frames: Any) -> list[str]:
        rechecked = recheck_pipeline(frames)
        current["rechecked"] = len(rechecked)
        cameras = monitor.pipeline.cameras
        current["recheck_crops"] = sum(len(cameras[c].tiling.tiles) for c in rechecked)
        return rechecked

    monitor.pipeline.update = update  # type: ignore[method-assign]
    monitor.pipeline.recheck = recheck  # type: ignore[method-assign]
    # "Events out" is when the listeners get the cycle; the re-checks run after that.
    monitor.add_listener(lambda _: current.__setitem__("out", time.perf_counter()))
    step = monitor.step
    measuring = threading.Event()

    def timed_step(now_s: float | None = None) -> MonitorUpdate:
        current.clear()
        profiling = profiler if profiler is not None and measuring.is_set() else None
        if profiling is not None:
            profiling.enable()
        wall0, thread0 = time.perf_counter(), time.thread_time()
        try:
            result = step(now_s)
        finally:
            if profiling is not None:
                profiling.disable()
        ended = time.perf_counter()
        wall = current.get("out", ended) - wall0
        cameras = result.cameras.values()
        ages = [
            c.health["frame_age_s"]
            for c in cameras
            if c.online and c.health.get("frame_age_s") is not None
        ]
        cycles.append(
            {
                "at": time.monotonic(),
                "cycle_s": wall,
                "step_s": ended - wall0,
                "worker_cpu_s": time.thread_time() - thread0,
                "pipeline_s": current.get("pipeline_s", 0.0),
                "online": sum(1 for c in cameras if c.online),
                "fresh": current.get("fresh", 0),
                "inferred": current.get("inferred", 0),
                "crops": current.get("crops", 0),
                "rechecked": current.get("rechecked", 0),
                "recheck_crops": current.get("recheck_crops", 0),
                "events": len(result.events),
                "people": sum(c.people for c in cameras),
                "frame_ages": ages,
                "measured": measuring.is_set(),
            }
        )
        return result

    monitor.step = timed_step  # type: ignore[method-assign]
    channels = len(cfg["urls"])
    started = time.monotonic()
    monitor.start()
    # Warm-up: until one cycle has had every channel online with a fresh frame (the cold
    # cycle, where every camera is inferred, is reported separately).
    cold: dict[str, Any] | None = None
    deadline = started + cfg["warmup_timeout_s"]
    while cold is None and time.monotonic() < deadline:
        time.sleep(0.05)
        for cycle in list(cycles):
            if cycle["online"] == channels and cycle["fresh"] == channels:
                cold = cycle
                break
    if cold is None:
        monitor.stop()
        _emit("error", message=f"not all {channels} channels came online in time")
        return
    measuring.set()
    window_start = time.monotonic()
    cpu0 = _rusage_cpu()
    _emit("measuring")
    time.sleep(cfg["duration_s"])
    # Let the cycle in flight finish, so the window ends at a cycle's end.
    in_flight = len(cycles)
    end_wait = time.monotonic() + cfg["interval_s"] * 2
    while len(cycles) == in_flight and time.monotonic() < end_wait:
        time.sleep(0.01)
    cpu1 = _rusage_cpu()
    window = time.monotonic() - window_start
    monitor.stop()
    if profiler is not None:
        profiler.dump_stats(cfg["profile"])
    measured = [c for c in cycles if c["measured"] and c["at"] <= window_start + window]
    times = [c["cycle_s"] for c in measured]
    steps = [c["step_s"] for c in measured]
    ages = [a for c in measured for a in c["frame_ages"]]
    inferred = sum(c["inferred"] + c["rechecked"] for c in measured)
    crops = sum(c["crops"] + c["recheck_crops"] for c in measured)
    camera_cycles = sum(c["fresh"] for c in measured)
    cpu = cpu1 - cpu0
    _emit(
        "result",
        channels=channels,
        cycles=len(measured),
        window_s=round(window, 2),
        cycle_p50_s=_pct(times, 50),
        cycle_p95_s=_pct(times, 95),
        cycle_max_s=_pct(times, 100),
        step_p50_s=_pct(steps, 50),
        step_p95_s=_pct(steps, 95),
        rechecks=sum(c["rechecked"] for c in measured),
        cold_cycle_s=round(cold["cycle_s"], 4),
        cpu_s_per_cycle=round(cpu / max(1, len(measured)), 4),
        cpu_cores_mean=round(cpu / window, 4),
        worker_cpu_s_per_cycle=round(
            sum(c["worker_cpu_s"] for c in measured) / max(1, len(measured)), 4
        ),
        peak_rss_mb=_peak_rss_mb(),
        frame_age_p50_s=_pct(ages, 50),
        frame_age_p95_s=_pct(ages, 95),
        frame_age_max_s=_pct(ages, 100),
        camera_cycles=camera_cycles,
        cycle_times=[round(t, 4) for t in times],
        frame_ages=[round(a, 3) for a in ages],
        cpu_s=round(cpu, 3),
        inferences=inferred,
        reused=camera_cycles - sum(c["inferred"] for c in measured),
        inferred_share=round(inferred / camera_cycles, 4) if camera_cycles else None,
        crops_per_inference=len(monitor.pipeline.cameras[site.cameras[0].id].tiling.tiles),
        crops=crops,
        events=sum(c["events"] for c in measured),
        offline_camera_cycles=sum(channels - c["online"] for c in measured),
        skipped_ticks=max(0, round(window / cfg["interval_s"]) - len(measured)),
    )


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
    from .vision.detect import load_detector

    detector = load_detector(model)
    return _Chunked(detector, chunk) if chunk else detector


# -- worker: the naive design --------------------------------------------------------------------


def _naive_worker(cfg: dict[str, Any]) -> None:
    """One channel the plan's way: own model, decode every frame, one inference per seat crop."""
    import av

    from .vision.detect import load_detector, model_backend

    # One model per process, as the plan has it, on ONNX Runtime's stock settings: the
    # baseline stays the plan's design while ours is tuned (see `OnnxDetector(spin_wait=)`).
    model = cfg["model"]
    stock = {"spin_wait": True} if model_backend(model) == "onnx" else {}
    detector = load_detector(model, **stock)
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
            window_start, cpu0, decoded0 = time.monotonic(), _rusage_cpu(), decoded[0]
        wall0 = time.perf_counter()
        frame = latest["frame"]
        for x1, y1, x2, y2 in boxes:  # one inference per seat
            detector.detect([frame[y1:y2, x1:x2]])
        if measuring:
            cycles.append(time.perf_counter() - wall0)
        next_tick += cfg["interval_s"]
        time.sleep(max(0.0, next_tick - time.monotonic()))
    cpu = _rusage_cpu() - cpu0
    window = time.monotonic() - window_start
    fps = (decoded[0] - decoded0) / window if window else 0.0
    stop.set()
    _emit(
        "result",
        cycles=len(cycles),
        window_s=round(window, 2),
        cycle_p50_s=_pct(cycles, 50),
        cycle_p95_s=_pct(cycles, 95),
        cpu_s_per_cycle=round(cpu / max(1, len(cycles)), 4),
        cpu_cores_mean=round(cpu / window, 4) if window else None,
        decoded_fps=round(fps, 2),
        peak_rss_mb=_peak_rss_mb(),
    )
    os._exit(0)  # the reader may sit in a blocking read; the process is done


# -- orchestration -------------------------------------------------------------------------------


def _spawn(kind: str, cfg: dict[str, Any]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "seatsense.benchmark", f"--worker={kind}", json.dumps(cfg)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
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
        "cycle_p50_s": _pct(times, 50),
        "cycle_p95_s": _pct(times, 95),
        "cycle_max_s": _pct(times, 100),
        "cold_cycle_s": max(r["cold_cycle_s"] for r in results),
        "cpu_s_per_cycle": round(total["cpu_s"] / max(1, cycles), 4),
        "cpu_cores_mean": round(sum(r["cpu_cores_mean"] for r in results), 4),
        "worker_cpu_s_per_cycle": round(sum(r["worker_cpu_s_per_cycle"] for r in results), 4),
        "peak_rss_mb": round(sum(r["peak_rss_mb"] for r in results), 1),
        "frame_age_p50_s": _pct(ages, 50),
        "frame_age_p95_s": _pct(ages, 95),
        "frame_age_max_s": _pct(ages, 100),
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
        "cycle_p50_s": _pct([r["cycle_p50_s"] for r in results], 50),
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


# -- the server benchmark ----------------------------------------------------------------------


@dataclass
class ServerBenchConfig:
    """What `seatsense bench-server` runs."""

    clients: int = 50
    cameras: int = 16
    duration_s: float = 60.0
    interval_s: float = 3.0
    demo_speed: float = 60.0
    """Scenario seconds per real second on the demo cameras (60: busy, many events)."""
    settle_s: float = 15.0
    """How long the clients get after the run to reach the server's last sequence number."""
    progress: Callable[[str], None] | None = None


def server_bench_site(cameras: int, interval_s: float, speed: float) -> dict[str, Any]:
    """`cameras` demo cameras (8 seats each), each starting at another scenario minute."""
    from .core.layout import site_to_dict
    from .demo import demo_site

    layout = site_to_dict(demo_site(interval_s=interval_s))
    template = layout["cameras"][0]
    layout["name"] = "bench-server"
    layout["cameras"] = [
        template
        | {
            "id": f"cam{k + 1:02d}",
            "source": f"demo:default?speed={speed:g}&loop=1&start={(k * 113) % 1700}",
        }
        for k in range(cameras)
    ]
    return layout


def run_server_bench(config: ServerBenchConfig) -> dict[str, Any]:
    """Start `seatsense serve` on demo cameras, follow it with WebSocket clients, measure.

    Latency of a message: the client's receive time minus the message's `published_s`, the
    moment the monitor's worker thread handed the finished cycle (whose events its engines
    had just made) to the server: thread hand-off, sequence numbers, the SQLite log,
    fan-out, the socket, and the client's JSON parse. Same machine, same clock.
    """
    import asyncio
    import secrets
    import tempfile

    if min(config.clients, config.cameras) < 1 or config.duration_s <= 0:
        raise ValueError("clients, cameras and duration must be positive")
    say = config.progress or (lambda message: None)
    with tempfile.TemporaryDirectory(prefix="seatsense-bench-server-") as temp:
        site = Path(temp) / "site.json"
        layout = server_bench_site(config.cameras, config.interval_s, config.demo_speed)
        site.write_text(json.dumps(layout))
        token = secrets.token_urlsafe(32)
        command = [sys.executable, "-m", "seatsense.cli", "serve", str(site), "--port", "0"]
        server = subprocess.Popen(
            [*command, "--host", HOST, "--data-dir", str(Path(temp) / "data")],
            env={**os.environ, "SEATSENSE_TOKEN": token},
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            url = _server_url(server)
            say(f"server {url} (pid {server.pid}), {config.cameras} cameras")
            report = asyncio.run(_follow_server(config, url, token, server.pid, say))
        finally:
            server.send_signal(signal.SIGTERM)
            try:
                report_exit = server.wait(30)
            except subprocess.TimeoutExpired:
                server.kill()
                raise
    report["server_exit_code"] = report_exit
    return report


def _server_url(server: subprocess.Popen[str]) -> str:
    assert server.stderr is not None
    for line in server.stderr:
        if "listening on " in line:
            threading.Thread(target=server.stderr.read, daemon=True).start()  # keep it drained
            return line.rsplit("listening on ", 1)[1].strip()
    raise RuntimeError(f"seatsense serve ended (code {server.wait()}) before it listened")


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


async def _follow_server(
    config: ServerBenchConfig, url: str, token: str, pid: int, say: Callable[[str], None]
) -> dict[str, Any]:
    import asyncio

    import aiohttp

    from .server.client import ServerClient, ServerConnectionError

    async with aiohttp.ClientSession() as session:
        client = ServerClient(session, url, token)
        start_seq = int((await client.info())["sequence"])
        received: list[set[int]] = [set() for _ in range(config.clients)]
        event_seqs: set[int] = set()
        latencies_ms: list[float] = []
        reconnects = [0]

        async def follow(seen: set[int]) -> None:
            last = start_seq
            while True:
                try:
                    async for message in client.messages(after=last):
                        now = time.time()
                        if message.published_s is not None and message.seq > start_seq:
                            latencies_ms.append((now - message.published_s) * 1000)
                        if message.type == "event":
                            event_seqs.add(message.seq)
                        seen.add(message.seq)
                        last = message.seq
                except ServerConnectionError:
                    reconnects[0] += 1
                    await asyncio.sleep(0.5)

        tasks = [asyncio.create_task(follow(seen)) for seen in received]
        rss = [_rss_mb(pid)]
        began = time.monotonic()
        while time.monotonic() - began < config.duration_s:
            await asyncio.sleep(1.0)
            rss.append(_rss_mb(pid))
        target = int((await client.info())["sequence"])
        say(f"run over at seq {target}; letting the clients catch up")
        deadline = time.monotonic() + config.settle_s
        while time.monotonic() < deadline and min(max(s, default=0) for s in received) < target:
            await asyncio.sleep(0.2)
        rss.append(_rss_mb(pid))
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    expected = set(range(start_seq + 1, target + 1))
    return {
        "clients": config.clients,
        "cameras": config.cameras,
        "duration_s": config.duration_s,
        "interval_s": config.interval_s,
        "sequence_numbers": len(expected),
        "events": len(event_seqs & expected),
        "deliveries": sum(len(seen & expected) for seen in received),
        "latency_p50_ms": _pct(latencies_ms, 50),
        "latency_p95_ms": _pct(latencies_ms, 95),
        "latency_max_ms": round(max(latencies_ms), 2) if latencies_ms else None,
        "rss_start_mb": rss[0],
        "rss_end_mb": rss[-1],
        "rss_peak_mb": max(rss),
        "rss_every_10s_mb": rss[::10],
        "messages_lost": sum(len(expected - seen) for seen in received),
        "reconnects": reconnects[0],
    }


def format_server_report(report: dict[str, Any]) -> str:
    """A few readable lines."""
    return "\n".join(
        [
            f"{report['clients']} clients, {report['cameras']} cameras, "
            f"{report['duration_s']:g} s: {report['sequence_numbers']} messages "
            f"({report['events']} events), {report['deliveries']} deliveries",
            f"push latency p50 {report['latency_p50_ms']} ms, p95 {report['latency_p95_ms']} ms, "
            f"max {report['latency_max_ms']} ms",
            f"server RSS {report['rss_start_mb']} -> {report['rss_end_mb']} MB "
            f"(peak {report['rss_peak_mb']} MB); lost {report['messages_lost']}, "
            f"reconnects {report['reconnects']}, exit code {report['server_exit_code']}",
        ]
    )


def _worker_main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m seatsense.benchmark")
    parser.add_argument("--worker", choices=("ours", "naive"), required=True)
    parser.add_argument("config")
    args = parser.parse_args(argv)
    cfg = json.loads(args.config)
    if args.worker == "ours":
        _ours_worker(cfg)
    else:
        _naive_worker(cfg)
    return 0


if __name__ == "__main__":
    raise SystemExit(_worker_main(sys.argv[1:]))

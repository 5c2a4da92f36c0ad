"""The benchmark's scenes: 8-seat study-cafe cameras as looped H.264 clips.

Synthetic rooms (wall, floor, two rows of desks, texture) with a person composited in at a
seat for a few seconds of every loop, so the change gate sees honest change; sensor noise
that it must ignore. Encoded with the ffmpeg command where there is one, else with PyAV's
libx264, and cached.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from seatsense.core.layout import Site

RESOLUTIONS = {"720p": (1280, 720), "1080p": (1920, 1080)}
BITRATES = {"720p": "2M", "1080p": "4M"}
"""Typical CCTV main-stream bit rates; the encoder is capped to them."""
CLIP_SECONDS = 28.0
SCENE_VARIANTS = 4
"""Changing scenes: channel k shows variant (k - 1) mod 4, each with its own person window."""
FPS = 25
SEATS_PER_CAMERA = 8
_CLIP_VERSION = 2


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


def bench_site(urls: Sequence[str], width: int, height: int, interval_s: float, model: str) -> Site:
    """A site of one 8-seat camera per URL."""
    from seatsense.core.layout import parse_site

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

    from seatsense.demo import ASSETS_DIR

    fixtures = Path(__file__).resolve().parents[1] / "tests" / "fixtures"
    candidates = [ASSETS_DIR / f"{name}.png" for name in ("ancelotti", "zidane")]
    candidates += [fixtures / name for name in ("zidane.jpg", "bus.jpg")]
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

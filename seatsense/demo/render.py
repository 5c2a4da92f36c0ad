"""The demo camera's pixels: the study room of a timeline, drawn for any scenario time.

Real people (cut out of the Ultralytics sample photos, `assets/`) sit at the desks, belongings
lie on them, someone walks past; the static room is drawn once and each frame re-composites
only what moves, then adds lighting drift and sensor noise. A frame depends on the timeline
and the time alone.

>>> frame = render(200.0)
>>> frame.shape
(720, 1280, 3)
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import numpy.typing as npt

from ..core.frame import Frame
from .room import (
    AISLE_FEET_Y,
    FLOOR_Y,
    FRONT_ROW,
    HEIGHT,
    ROWS,
    SEATED_HEIGHT,
    WALKER_HEIGHT,
    WIDTH,
    Row,
    seat_place,
)
from .scenario import ITEM_KINDS, ItemKind, Timeline, default_timeline

ASSETS_DIR = Path(__file__).parent / "assets"
"""The people cut-outs (RGBA PNGs) and `people.json` with their anchor points."""

FloatImage = npt.NDArray[np.float32]


@dataclass(frozen=True)
class _Sprite:
    """A premultiplied BGR patch with its alpha, placed at (x, y) at depth z (larger: nearer)."""

    z: float
    x: int
    y: int
    colour: FloatImage
    """BGR premultiplied by alpha, float32, h x w x 3."""
    keep: FloatImage
    """1 - alpha, h x w x 1: how much of what lies behind shows through."""

    @property
    def rect(self) -> tuple[int, int, int, int]:
        height, width = self.keep.shape[:2]
        return self.x, self.y, self.x + width, self.y + height

    def moved(self, x: int, y: int, z: float | None = None) -> _Sprite:
        return _Sprite(self.z if z is None else z, x, y, self.colour, self.keep)


def _sprite(bgra: npt.NDArray[np.uint8], x: int, y: int, z: float) -> _Sprite:
    alpha = bgra[:, :, 3:4].astype(np.float32) / 255
    colour = bgra[:, :, :3].astype(np.float32) * alpha
    return _Sprite(z, x, y, np.ascontiguousarray(colour), np.ascontiguousarray(1 - alpha))


def _blend(region: FloatImage, rx: int, ry: int, sprite: _Sprite) -> None:
    """Composite `sprite` over `region`, whose top-left pixel is (rx, ry) of the frame."""
    sx0, sy0, sx1, sy1 = sprite.rect
    height, width = region.shape[:2]
    x0, y0 = max(sx0, rx), max(sy0, ry)
    x1, y1 = min(sx1, rx + width), min(sy1, ry + height)
    if x0 >= x1 or y0 >= y1:
        return
    target = region[y0 - ry:y1 - ry, x0 - rx:x1 - rx]
    keep = sprite.keep[y0 - sy0:y1 - sy0, x0 - sx0:x1 - sx0]
    colour = sprite.colour[y0 - sy0:y1 - sy0, x0 - sx0:x1 - sx0]
    target *= keep
    target += colour


def _canvas(width: int, height: int) -> npt.NDArray[np.uint8]:
    return np.zeros((height, width, 4), np.uint8)


def _texture(rng: np.random.Generator, shape: tuple[int, int], amount: float,
             blur: float = 1.0) -> FloatImage:
    noise = rng.normal(0, 1, shape).astype(np.float32)
    if blur > 0:
        noise = np.asarray(cv2.GaussianBlur(noise, (0, 0), blur), np.float32)
        noise /= max(float(noise.std()), 1e-6)
    return (noise * amount)[:, :, None]


def _shade(bgra: npt.NDArray[np.uint8], rng: np.random.Generator, amount: float,
           blur: float = 1.0, smooth: int = 2) -> npt.NDArray[np.uint8]:
    """Grain on the colour and a slightly soft alpha edge (drawn shapes are too crisp)."""
    out = bgra.astype(np.float32)
    out[:, :, :3] += _texture(rng, (bgra.shape[0], bgra.shape[1]), amount, blur)
    if smooth:
        out[:, :, 3] = cv2.GaussianBlur(out[:, :, 3], (0, 0), smooth / 2)
    return np.clip(out, 0, 255).astype(np.uint8)


def _poly(canvas: npt.NDArray[np.uint8], points: Sequence[tuple[float, float]],
          colour: tuple[int, int, int]) -> None:
    cv2.fillPoly(canvas, [np.round(np.asarray(points)).astype(np.int32)], (*colour, 255),
                 cv2.LINE_AA)


def _background(rng: np.random.Generator) -> FloatImage:
    """Wall, window light, whiteboard and a wooden floor seen from above."""
    image = np.zeros((HEIGHT, WIDTH, 3), np.float32)
    wall = np.linspace(0, 1, FLOOR_Y, dtype=np.float32)[:, None, None]
    image[:FLOOR_Y] = (196, 206, 214) - wall * (20, 20, 18)
    cv2.rectangle(image, (430, 18), (850, 98), (236, 238, 238), -1)
    cv2.rectangle(image, (430, 18), (850, 98), (150, 150, 150), 2)
    cv2.rectangle(image, (80, 10), (230, 104), (226, 214, 186), -1)  # a frosted window
    cv2.rectangle(image, (80, 10), (230, 104), (120, 120, 120), 3)
    cv2.line(image, (155, 10), (155, 104), (120, 120, 120), 2)
    cv2.rectangle(image, (1060, 30), (1160, 90), (90, 120, 150), -1)  # a notice board
    for k in range(4):
        cv2.rectangle(image, (1068 + 23 * k, 38 + 9 * (k % 2)), (1085 + 23 * k, 62 + 9 * (k % 2)),
                      (220, 230, 235), -1)
    vanish_x, vanish_y = WIDTH / 2, -600.0
    floor = np.zeros((HEIGHT - FLOOR_Y, WIDTH, 3), np.float32)
    floor[:] = (92, 128, 162)
    plank = 90
    for k in range(-12, 28):
        x_bottom = k * plank
        # Boards run away from the camera, towards one vanishing point.
        t = (FLOOR_Y - vanish_y) / (HEIGHT - vanish_y)
        x_top = vanish_x + (x_bottom - vanish_x) * t
        cv2.line(floor, (int(x_top), 0), (int(x_bottom), HEIGHT - FLOOR_Y), (70, 100, 130), 2,
                 cv2.LINE_AA)
    grain = cv2.GaussianBlur(rng.normal(0, 1, (HEIGHT - FLOOR_Y, WIDTH // 8)).astype(np.float32),
                             (0, 0), 1.2)
    floor += np.asarray(cv2.resize(grain, (WIDTH, HEIGHT - FLOOR_Y)), np.float32)[:, :, None] * 7
    image[FLOOR_Y:] = floor
    cv2.rectangle(image, (0, FLOOR_Y - 6), (WIDTH, FLOOR_Y), (150, 160, 170), -1)  # skirting
    image += _texture(rng, (HEIGHT, WIDTH), 3.0, 0.8)
    return image


def _chairs(row: Row, rng: np.random.Generator) -> _Sprite:
    s = row.scale
    x0, x1 = int(row.back_x[0]), int(row.back_x[1])
    top = row.chair_top_y
    canvas = _canvas(x1 - x0, row.back_y + 20 - top)
    for index in range(len(row.ids)):
        cx = row.seat_centre(index) - x0
        half = 62 * s
        # A mesh office-chair back: a dark frame round a lighter, see-through mesh.
        body = [(cx - half, 8 * s), (cx + half, 8 * s), (cx + half * 1.05, canvas.shape[0]),
                (cx - half * 1.05, canvas.shape[0])]
        _poly(canvas, body, (120, 116, 112))
        frame = np.array(body, np.int32)
        cv2.polylines(canvas, [frame], True, (*(40, 38, 36), 255), max(2, int(7 * s)), cv2.LINE_AA)
        for k in range(1, 6):
            x = int(cx - half + k * 2 * half / 6)
            cv2.line(canvas, (x, int(12 * s)), (x, canvas.shape[0]), (*(96, 92, 88), 255),
                     max(1, int(2 * s)), cv2.LINE_AA)
        cv2.rectangle(canvas, (int(cx - half * 0.8), 0), (int(cx + half * 0.8), int(10 * s)),
                      (*(46, 42, 40), 255), -1, cv2.LINE_AA)
    return _sprite(_shade(canvas, rng, 5.0, 0.7), x0, top, z=10 + 100 * s)


def _desk(row: Row, rng: np.random.Generator) -> _Sprite:
    s = row.scale
    partition_h = int(70 * s)
    x0, x1 = int(row.front_x[0]) - 2, int(row.front_x[1]) + 2
    y0 = row.back_y - partition_h
    canvas = _canvas(x1 - x0, row.bottom_y - y0 + 1)

    def at(x: float, y: float) -> tuple[float, float]:
        return x - x0, y - y0

    (bl, br), (fl, fr) = row.back_x, row.front_x
    _poly(canvas, [at(bl, row.back_y), at(br, row.back_y), at(fr, row.front_y),
                   at(fl, row.front_y)], (150, 186, 214))
    _poly(canvas, [at(fl, row.front_y), at(fr, row.front_y), at(fr, row.bottom_y),
                   at(fl, row.bottom_y)], (92, 112, 128))
    cv2.line(canvas, tuple(int(v) for v in at(fl, row.front_y)),
             tuple(int(v) for v in at(fr, row.front_y)), (200, 220, 236, 255),
             max(1, int(3 * s)), cv2.LINE_AA)
    shaded = _shade(canvas, rng, 4.0, 1.5, smooth=0)
    # Wood grain along the desk top.
    grain = cv2.resize(rng.normal(0, 1, (canvas.shape[0] // 3 + 1, 24)).astype(np.float32),
                       (canvas.shape[1], canvas.shape[0]))
    top_mask = np.zeros(canvas.shape[:2], np.uint8)
    cv2.fillPoly(top_mask, [np.round(np.asarray([at(bl, row.back_y), at(br, row.back_y),
                                                 at(fr, row.front_y), at(fl, row.front_y)]))
                            .astype(np.int32)], 1)
    layer = shaded.astype(np.float32)
    layer[:, :, :3] += (grain * 6 * top_mask)[:, :, None]
    shaded = np.clip(layer, 0, 255).astype(np.uint8)
    # Partition boards between seats (and at both ends), seen slightly from above.
    for k in range(len(row.ids) + 1):
        xb = bl + (br - bl) * k / len(row.ids)
        xf = fl + (fr - fl) * k / len(row.ids)
        board = [at(xb, row.back_y - partition_h), at(xf, row.front_y - partition_h * 1.08),
                 at(xf, row.front_y), at(xb, row.back_y)]
        thickness = 5 * s
        board = [(x - thickness / 2, y) for x, y in board[:2]] + [
            (x + thickness / 2, y) for x, y in board[2:]]
        _poly(shaded, [board[0], (board[1][0] + thickness, board[1][1]), board[2],
                       (board[3][0] - thickness, board[3][1])], (196, 204, 208))
        cv2.line(shaded, tuple(int(v) for v in board[0]), tuple(int(v) for v in board[1]),
                 (230, 236, 238, 255), 1, cv2.LINE_AA)
    return _sprite(shaded, x0, y0, z=30 + 100 * s)


def _item(kind: ItemKind, row: Row, index: int, rng: np.random.Generator) -> _Sprite:
    s = row.scale
    cx = row.seat_centre(index)
    desk_mid = (row.back_y + row.front_y) / 2
    if kind == "laptop":
        # A space-grey lid seen from behind (its owner faces the camera).
        w, h = int(110 * s), int(64 * s)
        canvas = _canvas(w, h)
        cv2.rectangle(canvas, (0, 0), (w - 1, h - int(6 * s)), (66, 64, 68, 255), -1,
                      cv2.LINE_AA)
        cv2.rectangle(canvas, (-2, h - int(8 * s)), (w + 2, h - 1), (36, 36, 40, 255), -1)
        cv2.circle(canvas, (w // 2, h // 2 - int(3 * s)), max(2, int(7 * s)),
                   (170, 172, 176, 255), -1, cv2.LINE_AA)
        image = _shade(canvas, rng, 3.0, 2.0)
        gradient = np.linspace(14, -10, h, dtype=np.float32)[:, None, None]
        image[:, :, :3] = np.clip(image[:, :, :3] + gradient, 0, 255).astype(np.uint8)
        x, y = int(cx - w / 2 - 10 * s), int(row.front_y - 4 * s - h)
    elif kind == "bag":
        w, h = int(84 * s), int(104 * s)
        canvas = _canvas(w, h)
        colour = (54, 48, 140)
        cv2.ellipse(canvas, (w // 2, int(16 * s)), (int(22 * s), int(14 * s)), 0, 180, 360,
                    (40, 36, 100, 255), max(2, int(5 * s)), cv2.LINE_AA)  # handle
        _poly(canvas, [(6 * s, 18 * s), (w - 6 * s, 18 * s), (w - 1, h - 1), (1, h - 1)], colour)
        cv2.rectangle(canvas, (int(14 * s), int(52 * s)), (int(w - 14 * s), int(h - 8 * s)),
                      (44, 40, 118, 255), -1, cv2.LINE_AA)  # front pocket
        cv2.line(canvas, (int(14 * s), int(52 * s)), (int(w - 14 * s), int(52 * s)),
                 (160, 170, 180, 255), max(1, int(2 * s)), cv2.LINE_AA)  # zip
        image = _shade(canvas, rng, 6.0, 0.8)
        x, y = int(cx + 52 * s), int(desk_mid + 10 * s - h)
    else:
        w, h = int(80 * s), int(40 * s)
        canvas = _canvas(w, h)
        for k, colour in enumerate(((40, 90, 170), (150, 110, 50), (60, 140, 80))):
            top = int(k * h / 3)
            cv2.rectangle(canvas, (int(k * 3 * s), top), (int(w - 1 - k * 4 * s),
                          int(top + h / 3 - 1)), (*colour, 255), -1, cv2.LINE_AA)
            cv2.line(canvas, (int(k * 3 * s) + 2, int(top + h / 6)),
                     (int(w - k * 4 * s) - 3, int(top + h / 6)), (225, 230, 232, 255), 1)
        image = _shade(canvas, rng, 4.0, 0.8)
        x, y = int(cx - 124 * s), int(desk_mid + 4 * s - h)
    return _sprite(image, x, y, z=35 + 100 * s + ITEM_KINDS.index(kind) * 0.1)


@functools.cache
def _people() -> dict[str, tuple[npt.NDArray[np.uint8], dict[str, Any]]]:
    meta = json.loads((ASSETS_DIR / "people.json").read_text(encoding="utf-8"))
    people: dict[str, tuple[npt.NDArray[np.uint8], dict[str, Any]]] = {}
    for name, info in meta.items():
        image = cv2.imread(str(ASSETS_DIR / info["file"]), cv2.IMREAD_UNCHANGED)
        if image is None or image.ndim != 3 or image.shape[2] != 4:
            raise FileNotFoundError(f"demo asset {info['file']} is missing or has no alpha")
        people[name] = (np.asarray(image, np.uint8), info)
    return people


def person_names() -> list[str]:
    """The people the demo can draw (cut-outs in `assets/`)."""
    return sorted(_people())


def _fit_person(
    name: str, height_px: float, mirror: bool, max_width_px: float = float("inf")
) -> tuple[_Sprite, float, float]:
    """The person scaled so head-to-desk-line (or head-to-feet) is `height_px`, but no wider
    than `max_width_px` (a person leaning sideways must stay within the desk).

    Returns the sprite at (0, 0) and the anchor: the neck's x and the desk line (or feet) y.
    """
    try:
        image, info = _people()[name]
    except KeyError:
        known = ", ".join(person_names())
        raise ValueError(f"unknown demo person '{name}' (known: {known})") from None
    scale = min(height_px / (info["desk_line_y"] - info["top_y"]), max_width_px / image.shape[1])
    size = (max(1, round(image.shape[1] * scale)), max(1, round(image.shape[0] * scale)))
    scaled = np.asarray(cv2.resize(image, size, interpolation=cv2.INTER_AREA), np.uint8)
    neck_x = info["neck_x"] * scale
    if mirror:
        scaled = np.ascontiguousarray(scaled[:, ::-1])
        neck_x = size[0] - neck_x
    return _sprite(scaled, 0, 0, 0.0), neck_x, info["desk_line_y"] * scale


class DemoScene:
    """The study room of one timeline, drawn for any scenario time.

    The static room is drawn once; each frame re-composites only the rectangles under people,
    belongings and walkers (every layer in depth order), then adds lighting drift and noise.
    A frame depends on the timeline and `t` alone.

    >>> scene = DemoScene(default_timeline())
    >>> bool((scene.render(200.0) == scene.render(200.0)).all())
    True
    """

    def __init__(self, timeline: Timeline) -> None:
        self.timeline = timeline
        rng = np.random.default_rng(12345)
        self._background = _background(rng)
        self._static = [_chairs(row, rng) for row in ROWS] + [_desk(row, rng) for row in ROWS]
        base = self._background.copy()
        for layer in sorted(self._static, key=lambda s: s.z):
            _blend(base, 0, 0, layer)
        self._base = np.clip(base, 0, 255).astype(np.uint8)
        self._items: dict[tuple[str, ItemKind], _Sprite] = {}
        for row in ROWS:
            for index, seat in enumerate(row.ids):
                for kind in ITEM_KINDS:
                    self._items[seat, kind] = _item(kind, row, index, rng)
        self._fitted: dict[tuple[str, float, bool], tuple[_Sprite, float, float]] = {}
        # Light through the window on the left, which drifts over the scenario.
        xs = np.linspace(1.0, 0.0, WIDTH, dtype=np.float32)[None, :]
        ys = np.linspace(1.0, 0.3, HEIGHT, dtype=np.float32)[:, None]
        light = (xs ** 2 * ys)[:, :, None] * np.array([150, 190, 230], np.float32)
        self._light = light.astype(np.uint8)
        self._noise_amp = 4
        noise = rng.normal(self._noise_amp, 2.0, (HEIGHT + 32, WIDTH + 32, 3))
        self._noise = np.clip(noise, 0, 2 * self._noise_amp).astype(np.uint8)
        self._noise_offset = np.full((HEIGHT, WIDTH, 3), self._noise_amp, np.uint8)
        for visit in timeline.visits:  # fail at construction, not mid-run, on unknown people
            self._person_sprite(visit.person, seat_place(visit.seat)[0].scale, visit.mirror)
        for walk in timeline.walks:
            self._walker_sprite(walk.person, not walk.left_to_right)

    def _person_sprite(self, name: str, scale: float, mirror: bool) -> tuple[_Sprite, float, float]:
        key = (name, scale, mirror)
        if key not in self._fitted:
            seat_w = (FRONT_ROW.back_x[1] - FRONT_ROW.back_x[0]) / len(FRONT_ROW.ids)
            self._fitted[key] = _fit_person(name, SEATED_HEIGHT * scale, mirror,
                                            0.85 * seat_w * scale)
        return self._fitted[key]

    def _walker_sprite(self, name: str, mirror: bool) -> tuple[_Sprite, float, float]:
        key = (name, -1.0, mirror)
        if key not in self._fitted:
            self._fitted[key] = _fit_person(name, WALKER_HEIGHT, mirror)
        return self._fitted[key]

    def sprites_at(self, t: float) -> list[_Sprite]:
        """What moves: the people, belongings and walkers present at `t`, far to near."""
        sprites: list[_Sprite] = []
        timeline = self.timeline
        for row in ROWS:
            for index, seat in enumerate(row.ids):
                visit = timeline.visit_at(seat, t)
                if visit is not None:
                    sprite, neck_x, desk_y = self._person_sprite(visit.person, row.scale,
                                                                 visit.mirror)
                    # People shift a little in their seats.
                    sway = 3 * row.scale * math.sin(t / 9.0 + 1.7 * index + row.scale)
                    x = round(row.seat_centre(index) - neck_x + sway)
                    y = round(row.back_y + 4 * row.scale - desk_y)
                    sprites.append(sprite.moved(x, y, 20 + 100 * row.scale))
                for item in timeline.items_at(seat, t):
                    sprites.append(self._items[seat, item.kind])
        for walk in timeline.walks_at(t):
            sprite, neck_x, feet_y = self._walker_sprite(walk.person, not walk.left_to_right)
            width = sprite.keep.shape[1]
            progress = (t - walk.start_s) / walk.duration_s
            if not walk.left_to_right:
                progress = 1 - progress
            x = round(-width + progress * (WIDTH + width))
            bob = 3 * abs(math.sin(progress * math.pi * 8))
            y = round(AISLE_FEET_Y - feet_y - bob)
            sprites.append(sprite.moved(x, y, 20 + 100 * 0.84))
        return sorted(sprites, key=lambda s: s.z)

    def render(self, t: float) -> Frame:
        """The camera frame at scenario time `t` (BGR, 720 x 1280)."""
        frame = self._base.copy()
        dynamic = self.sprites_at(t)
        layers = sorted(self._static + dynamic, key=lambda s: s.z)
        for sprite in dynamic:
            x0, y0, x1, y1 = sprite.rect
            x0, y0, x1, y1 = max(0, x0), max(0, y0), min(WIDTH, x1), min(HEIGHT, y1)
            if x0 >= x1 or y0 >= y1:
                continue
            # Redraw every layer in this rectangle, far to near: exact occlusion.
            region = self._background[y0:y1, x0:x1].copy()
            for layer in layers:
                _blend(region, x0, y0, layer)
            frame[y0:y1, x0:x1] = np.clip(region, 0, 255).astype(np.uint8)
        gain = 1.0 + 0.05 * math.sin(2 * math.pi * t / 1200.0)
        sun = 0.1 * (0.5 + 0.5 * math.sin(2 * math.pi * t / 700.0 + 1.3))
        lit = cv2.addWeighted(frame, gain, self._light, sun, -8.0 * sun)
        rng = np.random.default_rng([self.timeline.seed, round(t * 1000) & 0xFFFFFFFF])
        dx, dy = (int(v) for v in rng.integers(0, 32, 2))
        noise = self._noise[dy:dy + HEIGHT, dx:dx + WIDTH]
        # Zero-mean noise as two saturating uint8 operations: far cheaper than float maths.
        noisy = cv2.subtract(cv2.add(lit, noise), self._noise_offset)
        return np.asarray(noisy, np.uint8)


@functools.lru_cache(maxsize=4)
def scene(timeline: Timeline | None = None) -> DemoScene:
    """The (cached) scene of a timeline; the default timeline when None."""
    return DemoScene(timeline or default_timeline())


def render(t: float, timeline: Timeline | None = None) -> Frame:
    """The demo camera's frame at scenario time `t` (default timeline unless given)."""
    return scene(timeline).render(t)


__all__ = ["ASSETS_DIR", "DemoScene", "person_names", "render", "scene"]

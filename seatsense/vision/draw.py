"""Annotated frames: seat polygons and labels in their state's colour, people, privacy blur.

Colours and words come from the one legend (`seatsense.core.legend`); labels are filled with
the state's colour and written in the bundled label font, so Korean reads as well as English.

>>> import numpy as np
>>> from seatsense.core.layout import Seat
>>> seats = [Seat("A1", ((10.0, 10.0), (90.0, 10.0), (90.0, 90.0)))]
>>> draw_layout(np.zeros((100, 100, 3), np.uint8), seats, {"A1": "away"}, language="ko").shape
(100, 100, 3)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import cv2
import numpy as np
import numpy.typing as npt

from ..core.frame import Frame
from ..core.layout import Point, Seat
from ..core.legend import STATE_COLORS, ink_on, rgb, state_label
from .detect import Detections, Detector, as_frame

if TYPE_CHECKING:
    from PIL.ImageFont import FreeTypeFont

BGR = tuple[int, int, int]


def bgr(color: str) -> BGR:
    """`#RRGGBB` in OpenCV's channel order."""
    red, green, blue = rgb(color)
    return blue, green, red


STATE_COLOURS: dict[str, BGR] = {state: bgr(color) for state, color in STATE_COLORS.items()}
"""The legend's state colours in OpenCV's order (BGR)."""
_LOOKS_LIKE = {"belongings": "away"}
"""Instantaneous states (`seatsense snapshot`) drawn as the seat state they lead to."""
LAYOUT_COLOR = "#56B4E9"
"""Seats drawn without a state (the layout preview): Okabe-Ito's sky blue."""
INVALID_COLOR = "#FF0000"
"""A seat line the layout refuses: red, and dashed so it differs by shape too."""
LAYOUT_COLOUR = bgr(LAYOUT_COLOR)
INVALID_COLOUR = bgr(INVALID_COLOR)
PERSON_COLOUR = (255, 255, 255)
LABEL_FONT = Path(__file__).with_name("fonts") / "labels.otf"


@dataclass(frozen=True)
class InvalidSeat:
    """A seat that cannot be used as written, drawn as a warning: its name and whatever
    points could be read (fewer than 3, outside the frame or crossing themselves)."""

    label: str
    points: Sequence[Point]


def draw_layout(
    frame: Frame,
    seats: Iterable[Seat],
    states: Mapping[str, str] | None = None,
    detections: Detections | None = None,
    blur_people: bool = False,
    person_conf: float = 0.0,
    language: str | None = "en",
    invalid: Iterable[InvalidSeat] = (),
) -> Frame:
    """A copy of `frame` with the seats drawn (coloured by `states` when given) and people.

    Labels say the seat id and its state's word in `language` (`en` or `ko`). People under
    `person_conf` (the faint figures that only mark belongings) are blurred with the others
    but get no box. `invalid` seats are outlined in dashed red, so a layout with one bad line
    still shows where every good seat is.
    """
    out = frame.copy()
    people = detections.people if detections is not None else None
    if blur_people and people is not None:
        blur(out, people)
    thickness = max(2, round(out.shape[1] / 640))
    overlay = out.copy()
    seats = list(seats)
    states = states or {}
    for seat in seats:
        cv2.fillPoly(overlay, [_points(seat.polygon)], bgr(_color(states.get(seat.id))))
    out = as_frame(cv2.addWeighted(overlay, 0.18, out, 0.82, 0))
    labels: list[tuple[str, tuple[int, int], str]] = []
    for seat in seats:
        state = states.get(seat.id)
        color = _color(state)
        points = _points(seat.polygon)
        cv2.polylines(out, [points], True, bgr(color), thickness, cv2.LINE_AA)
        text = seat.id if state is None else f"{seat.id} {state_label(state, language)}"
        x, y = points.min(axis=0)
        labels.append((text, (int(x) + thickness, int(y) + thickness), color))
    for bad in invalid:
        if not bad.points:  # nothing readable to mark; the form's error names the line
            continue
        points = _points(bad.points)
        _dashed(out, points, INVALID_COLOUR, thickness + 1)
        x, y = points.min(axis=0)
        corner = (int(x) + thickness, int(y) + thickness)
        labels.append((f"{bad.label} !", corner, INVALID_COLOR))
    if people is not None:
        seated = people.select(people.confidence >= person_conf)
        for x1, y1, x2, y2 in seated.xyxy.astype(int):
            cv2.rectangle(out, (x1, y1), (x2, y2), PERSON_COLOUR, 1, cv2.LINE_AA)
    _draw_labels(out, labels)
    return out


def blur(frame: Frame, people: Detections) -> None:
    """Blur every person's box in place, strongly enough that nobody can be recognised."""
    height, width = frame.shape[:2]
    for x1, y1, x2, y2 in people.xyxy.astype(int):
        x1, y1 = max(0, x1), max(0, y1)
        x2, y2 = min(width, x2), min(height, y2)
        if x2 - x1 < 2 or y2 - y1 < 2:
            continue
        region = frame[y1:y2, x1:x2]
        # Pixelate then smooth: cheap, and irreversible at this block size.
        block = max(4, (x2 - x1) // 8)
        small = cv2.resize(
            region,
            (max(1, (x2 - x1) // block), max(1, (y2 - y1) // block)),
            interpolation=cv2.INTER_AREA,
        )
        frame[y1:y2, x1:x2] = cv2.GaussianBlur(
            cv2.resize(small, (x2 - x1, y2 - y1), interpolation=cv2.INTER_LINEAR), (0, 0), block
        )


def blurred(frame: Frame, detector: Detector, conf: float) -> Frame:
    """A copy of `frame` with everyone `detector` finds at `conf` or above blurred: privacy for
    a picture that did not pass through the pipeline (a layout preview of a new camera)."""
    out = frame.copy()
    blur(out, detector.detect([frame], conf=conf)[0].people)
    return out


def encode_jpeg(frame: Frame, quality: int = 85) -> bytes:
    """JPEG bytes of a frame."""
    ok, data = cv2.imencode(".jpg", frame, [cv2.IMWRITE_JPEG_QUALITY, quality])
    if not ok:
        raise ValueError("frame could not be encoded as JPEG")
    return bytes(data.tobytes())


def label_height(width: int) -> int:
    """Pixel height of a label's text on a frame `width` pixels wide: readable when a phone
    shows the whole frame (about a 48th of the width), never under 12 pixels."""
    return max(12, round(width / 48))


def _color(state: str | None) -> str:
    """A seat's colour: its state's, or the layout colour when it has none."""
    if state is None:
        return LAYOUT_COLOR
    return STATE_COLORS.get(_LOOKS_LIKE.get(state, state), LAYOUT_COLOR)


def _points(points: Sequence[Point]) -> npt.NDArray[np.int32]:
    return np.round(np.asarray(points, dtype=np.float64)).astype(np.int32).reshape(-1, 2)


def _dashed(image: Frame, points: npt.NDArray[np.int32], colour: BGR, thickness: int) -> None:
    """A closed outline in dashes (a single point becomes a cross)."""
    if len(points) == 1:
        x, y = (int(v) for v in points[0])
        size = 4 * thickness
        cv2.line(image, (x - size, y - size), (x + size, y + size), colour, thickness)
        cv2.line(image, (x - size, y + size), (x + size, y - size), colour, thickness)
        return
    dash = 6 * thickness
    corners = [(float(x), float(y)) for x, y in points]
    for index, (x0, y0) in enumerate(corners):
        x1, y1 = corners[(index + 1) % len(corners)]
        steps = max(1, int(np.hypot(x1 - x0, y1 - y0) // dash))
        for step in range(0, steps, 2):
            a, b = step / steps, min(step + 1, steps) / steps
            first = (round(x0 + (x1 - x0) * a), round(y0 + (y1 - y0) * a))
            second = (round(x0 + (x1 - x0) * b), round(y0 + (y1 - y0) * b))
            cv2.line(image, first, second, colour, thickness, cv2.LINE_AA)


@lru_cache(maxsize=8)
def _font(size: int) -> FreeTypeFont:
    from PIL import ImageFont

    return ImageFont.truetype(str(LABEL_FONT), size)


def _draw_labels(image: Frame, labels: Sequence[tuple[str, tuple[int, int], str]]) -> None:
    """Each label as a box filled with its colour, its text in black or white (whichever
    contrasts more), kept on the frame.

    Drawn last, on top of everything, through Pillow and the bundled font (OpenCV's own fonts
    have no Hangul), one small box at a time: converting the whole frame would cost more than
    the rest of the drawing.
    """
    if not labels:
        return
    from PIL import Image, ImageDraw

    height, width = image.shape[:2]
    font = _font(label_height(width))
    pad = max(2, int(font.size) // 6)
    for text, (x, y), fill in labels:
        left, top, right, bottom = (int(v) for v in font.getbbox(text))
        box_w = min(width, right - left + 2 * pad)
        box_h = min(height, bottom - top + 2 * pad)
        x = min(max(0, x), width - box_w)
        y = min(max(0, y), height - box_h)
        box = Image.new("RGB", (box_w, box_h), rgb(fill))
        ImageDraw.Draw(box).text((pad - left, pad - top), text, font=font, fill=rgb(ink_on(fill)))
        image[y : y + box_h, x : x + box_w] = np.asarray(box)[:, :, ::-1]

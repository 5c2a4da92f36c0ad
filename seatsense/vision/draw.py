"""Annotated frames: seat polygons and ids in their state's colour, people, privacy blur.

>>> import numpy as np
>>> from seatsense.core.layout import Seat
>>> seats = [Seat("A1", ((10.0, 10.0), (90.0, 10.0), (90.0, 90.0)))]
>>> draw_layout(np.zeros((100, 100, 3), np.uint8), seats).shape
(100, 100, 3)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import cv2
import numpy as np

from ..core.frame import Frame
from ..core.layout import Seat
from .detect import Detections, as_frame

STATE_COLOURS: dict[str, tuple[int, int, int]] = {  # BGR
    "empty": (80, 200, 80),
    "occupied": (60, 60, 230),
    "away": (0, 200, 255),
    "abandoned": (200, 0, 200),
    "belongings": (0, 200, 255),
    "unknown": (160, 160, 160),
}
LAYOUT_COLOUR = (255, 200, 0)
PERSON_COLOUR = (255, 255, 255)


def draw_layout(
    frame: Frame,
    seats: Iterable[Seat],
    states: Mapping[str, str] | None = None,
    detections: Detections | None = None,
    blur_people: bool = False,
    person_conf: float = 0.0,
) -> Frame:
    """A copy of `frame` with the seats drawn (coloured by `states` when given) and people.

    People under `person_conf` (the faint figures that only mark belongings) are blurred with
    the others but get no box.
    """
    out = frame.copy()
    people = detections.people if detections is not None else None
    if blur_people and people is not None:
        blur(out, people)
    thickness = max(2, round(out.shape[1] / 640))
    scale = max(0.5, out.shape[1] / 1600)
    overlay = out.copy()
    seats = list(seats)
    for seat in seats:
        colour = STATE_COLOURS.get((states or {}).get(seat.id, ""), LAYOUT_COLOUR)
        points = np.round(np.asarray(seat.polygon)).astype(np.int32)
        cv2.fillPoly(overlay, [points], colour)
    out = as_frame(cv2.addWeighted(overlay, 0.18, out, 0.82, 0))
    for seat in seats:
        state = (states or {}).get(seat.id)
        colour = STATE_COLOURS.get(state or "", LAYOUT_COLOUR)
        points = np.round(np.asarray(seat.polygon)).astype(np.int32)
        cv2.polylines(out, [points], True, colour, thickness, cv2.LINE_AA)
        label = seat.id if state is None else f"{seat.id} {state}"
        x, y = points.min(axis=0)
        _label(out, label, (int(x) + 4, int(y) + 4), colour, scale)
    if people is not None:
        seated = people.select(people.confidence >= person_conf)
        for x1, y1, x2, y2 in seated.xyxy.astype(int):
            cv2.rectangle(out, (x1, y1), (x2, y2), PERSON_COLOUR, 1, cv2.LINE_AA)
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


def encode_jpeg(frame: Frame, quality: int = 85) -> bytes:
    """JPEG bytes of a frame."""
    ok, data = cv2.imencode(".jpg", frame, [cv2.IMWRITE_JPEG_QUALITY, quality])
    if not ok:
        raise ValueError("frame could not be encoded as JPEG")
    return bytes(data.tobytes())


def _label(
    image: Frame, text: str, origin: tuple[int, int], colour: tuple[int, int, int], scale: float
) -> None:
    font = cv2.FONT_HERSHEY_SIMPLEX
    (w, h), base = cv2.getTextSize(text, font, scale, 1)
    x, y = origin
    cv2.rectangle(image, (x - 2, y - 2), (x + w + 2, y + h + base + 2), (0, 0, 0), -1)
    cv2.putText(image, text, (x, y + h), font, scale, colour, 1, cv2.LINE_AA)

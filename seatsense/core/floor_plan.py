"""A site's floor plan: which image it is (read from its header, nothing decoded) and where
each seat sits on it, in fractions of the image so a redrawn plan of another size keeps them.

>>> png = bytes.fromhex("89504e470d0a1a0a0000000d49484452") + (800).to_bytes(4) + (600).to_bytes(4)
>>> read_plan_image(png)
PlanImage(content_type='image/png', extension='.png', width=800, height=600)
>>> seat_place([[0.25, 0.5]])
((0.25, 0.5),)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

MAX_PLAN_BYTES = 2 * 1024 * 1024
"""The largest floor plan image taken: a drawn plan is far smaller; a photo can be scaled."""
MAX_PLAN_SIDE = 8000
MAX_PLACE_POINTS = 32

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# JPEG start-of-frame markers (they carry the size); C4, C8 and CC are other segments.
_JPEG_FRAME_MARKERS = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}


class FloorPlanError(ValueError):
    """An image or a seat place that cannot be a floor plan's; the message says why in one
    line."""


@dataclass(frozen=True)
class PlanImage:
    """A floor plan image's type and size in pixels."""

    content_type: str
    extension: str
    width: int
    height: int


def read_plan_image(data: bytes, max_bytes: int = MAX_PLAN_BYTES) -> PlanImage:
    """The type and size of a PNG or JPEG floor plan; FloorPlanError for anything else.

    >>> read_plan_image(b"<svg/>")
    Traceback (most recent call last):
    ...
    seatsense.core.floor_plan.FloorPlanError: a floor plan must be a PNG or JPEG image
    """
    if len(data) > max_bytes:
        raise FloorPlanError(
            f"the floor plan is {len(data) / 1024 / 1024:.1f} MB; at most "
            f"{max_bytes / 1024 / 1024:.0f} MB"
        )
    if data.startswith(_PNG_SIGNATURE) and data[12:16] == b"IHDR" and len(data) >= 24:
        size = int.from_bytes(data[16:20]), int.from_bytes(data[20:24])
        image = PlanImage("image/png", ".png", *size)
    elif data.startswith(b"\xff\xd8"):
        image = PlanImage("image/jpeg", ".jpg", *_jpeg_size(data))
    else:
        raise FloorPlanError("a floor plan must be a PNG or JPEG image")
    if not (0 < image.width <= MAX_PLAN_SIDE and 0 < image.height <= MAX_PLAN_SIDE):
        raise FloorPlanError(
            f"the floor plan is {image.width}x{image.height} pixels; each side 1-{MAX_PLAN_SIDE}"
        )
    return image


def _jpeg_size(data: bytes) -> tuple[int, int]:
    """Width and height from a JPEG's start-of-frame segment."""
    at = 2
    while at + 9 <= len(data):
        if data[at] != 0xFF:
            break
        marker = data[at + 1]
        if marker == 0xFF:  # fill byte
            at += 1
            continue
        length = int.from_bytes(data[at + 2 : at + 4])
        if marker in _JPEG_FRAME_MARKERS:
            return int.from_bytes(data[at + 7 : at + 9]), int.from_bytes(data[at + 5 : at + 7])
        at += 2 + length
    raise FloorPlanError("a floor plan must be a PNG or JPEG image (this JPEG has no size)")


def seat_place(points: Sequence[Sequence[float]]) -> tuple[tuple[float, float], ...]:
    """A seat's place on the plan: one point, or the 3-32 corners of a small polygon, each in
    fractions (0-1) of the plan's width and height.

    >>> seat_place([[0.1, 0.1], [1.2, 0.1], [0.1, 0.2]])
    Traceback (most recent call last):
    ...
    seatsense.core.floor_plan.FloorPlanError: a seat's place must lie on the plan (0-1)
    """
    if len(points) not in (1, *range(3, MAX_PLACE_POINTS + 1)):
        raise FloorPlanError(f"a seat's place is one point or 3-{MAX_PLACE_POINTS} corners")
    place = tuple((float(point[0]), float(point[1])) for point in points)
    if not all(0.0 <= x <= 1.0 and 0.0 <= y <= 1.0 for x, y in place):
        raise FloorPlanError("a seat's place must lie on the plan (0-1)")
    return place

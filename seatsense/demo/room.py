"""The demo study room's geometry: two rows of four partitioned desks seen by one camera.

The scenario takes its seat polygons from here and the renderer its pixel geometry, so the
drawing and the layout cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

WIDTH, HEIGHT = 1280, 720
CAMERA_ID = "demo"


@dataclass(frozen=True)
class Row:
    """One row of partitioned desks, people facing the camera; pixel geometry of the drawing."""

    ids: tuple[str, ...]
    scale: float
    """Size relative to the front row (perspective)."""
    back_x: tuple[float, float]
    """Left and right end of the desk's far edge."""
    front_x: tuple[float, float]
    """Left and right end of the desk's near edge."""
    back_y: int
    """The desk top's far edge: where a seated person disappears behind the desk."""
    front_y: int
    """The desk top's near edge."""
    bottom_y: int
    """The bottom of the desk's front panel, which hides legs and chairs."""
    chair_top_y: int

    def seat_x(self, index: int, edge: Literal["back", "front"]) -> tuple[float, float]:
        x0, x1 = self.back_x if edge == "back" else self.front_x
        step = (x1 - x0) / len(self.ids)
        return x0 + index * step, x0 + (index + 1) * step

    def seat_centre(self, index: int) -> float:
        left, right = self.seat_x(index, "back")
        return (left + right) / 2

    def polygon(self, index: int) -> list[list[float]]:
        """The seat's zone: its chair, the person on it and its share of the desk top (not the
        desk's front panel, which never changes)."""
        (bl, br), (fl, fr) = self.seat_x(index, "back"), self.seat_x(index, "front")
        inset = 6 * self.scale
        top = self.chair_top_y - 10 * self.scale
        bottom = self.front_y + 8 * self.scale
        return [
            [round(bl + inset, 1), round(top, 1)],
            [round(br - inset, 1), round(top, 1)],
            [round(fr - inset, 1), round(bottom, 1)],
            [round(fl + inset, 1), round(bottom, 1)],
        ]


BACK_ROW = Row(("A1", "A2", "A3", "A4"), 0.68, (272, 1008), (262, 1018), 250, 281, 328, 172)
FRONT_ROW = Row(("B1", "B2", "B3", "B4"), 1.0, (110, 1170), (90, 1190), 535, 581, 662, 420)
ROWS = (BACK_ROW, FRONT_ROW)
SEAT_IDS: tuple[str, ...] = BACK_ROW.ids + FRONT_ROW.ids
"""The demo's seats: A1-A4 in the back row, B1-B4 in the front row, left to right."""
AISLE_FEET_Y = 392
"""Where the feet of someone walking between the rows are."""
FLOOR_Y = 120
SEATED_HEIGHT = 210.0
"""Front row: pixels from the top of a seated person's head down to the desk top."""
WALKER_HEIGHT = 322.0


def seat_place(seat_id: str) -> tuple[Row, int]:
    for row in ROWS:
        if seat_id in row.ids:
            return row, row.ids.index(seat_id)
    raise KeyError(seat_id)



__all__ = ["CAMERA_ID", "HEIGHT", "ROWS", "SEAT_IDS", "WIDTH", "Row", "seat_place"]

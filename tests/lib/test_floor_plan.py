"""Floor plan images read from their headers (real PNG and JPEG files), and seat places."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from seatsense.core.floor_plan import (
    MAX_PLAN_BYTES,
    FloorPlanError,
    PlanImage,
    read_plan_image,
    seat_place,
)


def encoded(extension: str, width: int, height: int) -> bytes:
    image = np.full((height, width, 3), 240, np.uint8)
    cv2.rectangle(image, (10, 10), (width // 2, height // 2), (40, 90, 200), -1)
    ok, data = cv2.imencode(extension, image)
    assert ok
    return data.tobytes()


def test_png_and_jpeg_give_their_type_and_size() -> None:
    assert read_plan_image(encoded(".png", 640, 360)) == PlanImage("image/png", ".png", 640, 360)
    assert read_plan_image(encoded(".jpg", 333, 517)) == PlanImage("image/jpeg", ".jpg", 333, 517)
    progressive = cv2.imencode(
        ".jpg", np.zeros((90, 160, 3), np.uint8), [cv2.IMWRITE_JPEG_PROGRESSIVE, 1]
    )[1].tobytes()
    assert read_plan_image(progressive).width == 160


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "must be a PNG or JPEG"),
        (b"GIF89a" + bytes(20), "must be a PNG or JPEG"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(4), "has no size"),
        (b"", "must be a PNG or JPEG"),
    ],
)
def test_other_files_are_refused_with_one_line(data: bytes, reason: str) -> None:
    with pytest.raises(FloorPlanError, match=reason) as caught:
        read_plan_image(data)
    assert "\n" not in str(caught.value)


def test_too_large_is_refused_before_reading_it() -> None:
    with pytest.raises(FloorPlanError, match=r"is 2\.0 MB; at most 2 MB"):
        read_plan_image(encoded(".png", 64, 64) + bytes(MAX_PLAN_BYTES))
    with pytest.raises(FloorPlanError, match="10x9001 pixels"):
        header = bytes.fromhex("89504e470d0a1a0a0000000d49484452")
        read_plan_image(header + (10).to_bytes(4) + (9001).to_bytes(4))


def test_a_place_is_a_point_or_a_small_polygon_on_the_plan() -> None:
    assert seat_place([[0, 1]]) == ((0.0, 1.0),)
    assert len(seat_place([[0.1, 0.1], [0.2, 0.1], [0.2, 0.2], [0.1, 0.2]])) == 4
    with pytest.raises(FloorPlanError, match="one point or 3-32 corners"):
        seat_place([[0.1, 0.1], [0.2, 0.2]])
    with pytest.raises(FloorPlanError, match="one point or 3-32 corners"):
        seat_place([])
    with pytest.raises(FloorPlanError, match="must lie on the plan"):
        seat_place([[-0.01, 0.5]])

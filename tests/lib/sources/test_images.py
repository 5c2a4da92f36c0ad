"""Image files, folders and globs as sources, and still images decoded whole or refused."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from seatsense.sources import Grabber, NotAnImageError, decode_image, grab_one
from tests.conftest import FIXTURES
from tests.lib.sources.helpers import start, wait_for


def test_image_sequence_from_folder_and_glob(tmp_path: Path, grabbers: list[Grabber]) -> None:
    for index in range(3):
        image = np.full((48, 64, 3), index * 100, np.uint8)
        cv2.imwrite(str(tmp_path / f"frame{index}.png"), image)
    (tmp_path / "readme.txt").write_text("not an image")
    assert grab_one(str(tmp_path)).shape == (48, 64, 3)
    grabber = start(grabbers, str(tmp_path), interval_s=0.1, loop=True)
    seen: set[int] = set()

    def all_three() -> bool:
        sample = grabber.latest()
        if sample is not None:
            seen.add(int(sample.frame[0, 0, 0]))
        return seen == {0, 100, 200}

    wait_for(all_three, timeout_s=3)
    once = start(grabbers, str(tmp_path / "frame[12].png"), "glob", interval_s=0.05)
    wait_for(lambda: once.health().state == "offline", timeout_s=3)
    last = once.latest()
    assert last is not None and int(last.frame[0, 0, 0]) == 200


# -- truncated and broken images are refused, never analysed ----------------------------------

BUS = (FIXTURES / "bus.jpg").read_bytes()
HALF_BUS = BUS[: len(BUS) // 2]
"""bus.jpg cut at half its length: libjpeg decodes it with grey where the data ran out."""


def test_decode_image_refuses_truncated_and_run_together_jpegs() -> None:
    assert decode_image(BUS).shape == (1080, 810, 3)
    with pytest.raises(NotAnImageError, match=r"^image: a truncated JPEG"):
        decode_image(HALF_BUS)
    # A truncated image followed by a whole one (an MJPEG frame that lost its end): OpenCV
    # decodes the first, grey where its data ran out.
    with pytest.raises(NotAnImageError, match=r"^snap\.jpg: a broken JPEG"):
        decode_image(HALF_BUS + BUS, "snap.jpg")
    # Padding after the end-of-image marker is no damage.
    assert decode_image(BUS + b"\x00" * 64).shape == (1080, 810, 3)


def test_a_truncated_image_file_is_an_error_naming_it(
    tmp_path: Path, grabbers: list[Grabber]
) -> None:
    truncated = tmp_path / "half.jpg"
    truncated.write_bytes(HALF_BUS)
    with pytest.raises(NotAnImageError, match=r"half\.jpg: a truncated JPEG"):
        grab_one(str(truncated))
    with pytest.raises(NotAnImageError, match=r"half\.jpg: a truncated JPEG"):
        grab_one(str(tmp_path))  # the folder it is the only image of
    grabber = start(grabbers, str(tmp_path), interval_s=0.05)
    wait_for(lambda: grabber.health().state == "offline", timeout_s=3)
    assert grabber.latest() is None
    assert "half.jpg: a truncated JPEG" in str(grabber.health().last_error)
    assert grabber.health().frames_dropped >= 1


def test_a_folder_source_drops_broken_images_and_counts_them(
    tmp_path: Path, grabbers: list[Grabber]
) -> None:
    for name, value in (("a.jpg", 0), ("c.jpg", 200)):
        cv2.imwrite(str(tmp_path / name), np.full((48, 64, 3), value, np.uint8))
    grey = bytes(cv2.imencode(".jpg", np.full((48, 64, 3), 100, np.uint8))[1])
    (tmp_path / "b.jpg").write_bytes(grey[: len(grey) * 3 // 4])
    grabber = start(grabbers, str(tmp_path), interval_s=0.05, loop=True)
    seen: set[int] = set()

    def dropped_twice() -> bool:
        sample = grabber.latest()
        if sample is not None:
            seen.add(int(sample.frame.mean().round()))
        return grabber.health().frames_dropped >= 2

    wait_for(dropped_twice, timeout_s=3)
    assert seen <= {0, 200} and seen  # the broken one was never handed out
    health = grabber.health()
    assert health.state == "streaming" and "b.jpg: a truncated JPEG" in str(health.last_error)

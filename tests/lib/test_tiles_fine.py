"""Fine tiles over seats the whole frame shows too small: geometry and budget on made-up
cameras, and a far seat's person found on the study-hall clip when it is present."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from seatsense.core.layout import load_site, parse_site
from seatsense.evaluation.dataset import read_frame
from seatsense.vision.detect import Detector
from seatsense.vision.pipeline import Pipeline
from seatsense.vision.tiles import (
    SeatTiling,
    TilingSettings,
    plan_fine_tiles,
    plan_tiles,
    tile_input_size,
    whole_input_pixels,
)
from tests.conftest import AOI_CLIPS, AOI_STUDY_HALL


def _square(x: int, y: int, side: int) -> list[list[int]]:
    return [[x, y], [x + side, y], [x + side, y + side], [x, y + side]]


def _hall(far_seats: int) -> SeatTiling:
    """A 1280x720 room: two big near seats and a row of small far ones."""
    seats = [
        {"id": "near1", "polygon": _square(0, 380, 340)},
        {"id": "near2", "polygon": _square(700, 380, 340)},
    ]
    seats += [{"id": f"far{i}", "polygon": _square(60 + 70 * i, 150, 40)} for i in range(far_seats)]
    camera = parse_site(
        {"cameras": [{"id": "c", "width": 1280, "height": 720, "seats": seats}]}
    ).cameras[0]
    return SeatTiling(camera, 640)


def test_small_far_seats_get_fine_tiles_that_show_them_large() -> None:
    tiling = _hall(far_seats=6)
    fine = [t for t, size in zip(tiling.tiles, tiling.input_sizes, strict=True) if size == 320]
    assert fine, "the 40-px far seats are 20 px in the whole frame's input"
    for i in range(6):  # every far seat, with room above it for a head, lies in a fine tile
        x = 60 + 70 * i
        assert any(t.x1 <= x - 10 and x + 50 <= t.x2 and t.y1 <= 110 and t.y2 >= 190 for t in fine)
    zoom = 320 / (fine[0].x2 - fine[0].x1)
    assert 40 * zoom >= 100  # the seat shows about `fine_seat_px` large
    # The near seats are big enough for the whole frame; they get no fine tile.
    settings = TilingSettings()
    assert len(plan_fine_tiles(_hall(0).camera, 640, settings)) == 0


def test_fine_tiles_keep_the_camera_within_the_inference_budget() -> None:
    for far in (1, 6, 14):
        tiling = _hall(far_seats=far)
        whole = whole_input_pixels(tiling.camera, 640)
        cost = sum(size**2 for size in tiling.input_sizes[1:] if size) / whole
        assert cost <= TilingSettings().tile_budget + 1e-9, (far, cost)


def test_fine_tiles_off_leave_the_plan_as_it_was() -> None:
    camera = _hall(6).camera
    tiling = SeatTiling(camera, 640, TilingSettings(small_seat_px=0))
    assert tiling.tiles == plan_tiles(camera)
    assert tiling.input_sizes == [None, *[tile_input_size(camera, 3, 640, 3.0, 640)] * 3]


def test_far_seated_students_are_found_only_with_fine_tiles(detector: Detector) -> None:
    """vid4 of the study hall, 3 to 12 s: the students at the far table (seats B2 and B3) are
    about 50 px tall; the whole frame and the seat tiles never find them, the fine tiles do
    in most frames (each frame on its own: no motion cue)."""
    clip = AOI_CLIPS / "vid4.mp4"
    if not clip.is_file():
        pytest.skip("../shared/media (the study-hall clips) is not present")
    site = load_site(AOI_STUDY_HALL / "layout.yaml", max_seat_overlap=0.9)
    camera = next(c for c in site.cameras if c.id == "vid4")
    site = parse_site(
        {"cameras": [{"id": "vid4", "width": camera.width, "height": camera.height,
                      "seats": [{"id": s.id, "polygon": [list(p) for p in s.polygon]}
                                for s in camera.seats]}]},
        max_seat_overlap=0.9,
    )  # fmt: skip
    found: dict[int, list[str]] = {0: [], 64: []}
    for time_s in np.arange(3.0, 13.0).tolist():
        frame = read_frame(Path(clip), time_s)
        for small, seats in found.items():
            tiling = TilingSettings(small_seat_px=small)
            verdicts = (
                Pipeline(site, detector, tiling_settings=tiling)
                .observe({"vid4": (frame, time_s)})["vid4"]
                .verdicts
            )
            seats += [seat for seat in ("vid4-B2", "vid4-B3") if verdicts[seat].person]
    assert found[0] == []
    assert found[64].count("vid4-B2") >= 8 and found[64].count("vid4-B3") >= 6

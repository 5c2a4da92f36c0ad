"""The labelled accuracy sets under benchmarks/accuracy/: they load as FORMAT.md sets and hold the
counts their READMEs state. Their footage stays in ../shared and is referenced, never copied."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

from seatsense.core.layout import load_site
from seatsense.evaluation.dataset import EVAL_MAX_SEAT_OVERLAP, Dataset, read_frame
from tests.conftest import AOI_STUDY_HALL, SHARED

AOI_COUNTS = {  # camera -> state -> seat-instances, as in the set's README
    "vid2": {"occupied": 115, "belongings": 21, "empty": 43},
    "vid3": {"occupied": 72, "belongings": 36, "empty": 24},
    "vid4": {"occupied": 128, "belongings": 42, "empty": 50},
    "vid5": {"occupied": 100, "belongings": 12, "empty": 29},
}


def _state_counts(truth: dict[tuple[str, float], dict[str, str]]) -> dict[str, Counter[str]]:
    counts: dict[str, Counter[str]] = {}
    for (camera_id, _), labels in truth.items():
        counts.setdefault(camera_id, Counter()).update(labels.values())
    return counts


def test_aoi_study_hall_counts_per_camera_and_state(aoi_study_hall: Dataset) -> None:
    counts = _state_counts(aoi_study_hall.truth)
    assert {camera: dict(c) for camera, c in counts.items()} == AOI_COUNTS
    overall = sum(counts.values(), Counter())
    assert sum(overall.values()) >= 120
    assert min(overall[state] for state in ("occupied", "belongings", "empty")) >= 30
    assert sum(len(refs) for refs in aoi_study_hall.frames_by_camera.values()) == 59


def test_aoi_study_hall_frames_have_the_layout_size(aoi_study_hall: Dataset) -> None:
    """Each camera's width and height are its clip's frame size, so no frame is rescaled
    before the polygons apply."""
    for camera in aoi_study_hall.site.cameras:
        first = aoi_study_hall.frames_by_camera[camera.id][0]
        frame = read_frame(first.path, first.video_time_s)
        assert (frame.shape[1], frame.shape[0]) == (camera.width, camera.height), camera.id


def test_aoi_study_hall_references_its_footage_in_shared() -> None:
    """Runs without ../shared: the layout loads, every frame is a clip read in place from
    ../shared, and the folder holds only the set's text files (no copied media)."""
    site = load_site(AOI_STUDY_HALL / "layout.yaml", max_seat_overlap=EVAL_MAX_SEAT_OVERLAP)
    assert [c.id for c in site.cameras] == list(AOI_COUNTS)
    with (AOI_STUDY_HALL / "frames.csv").open(newline="", encoding="utf-8") as handle:
        paths = [row["path"] for row in csv.DictReader(handle)]
    shared_clips = "../../../../shared/media/Aoi-00__Seat-Detection-System/Videos/"
    assert paths and all(p.startswith(shared_clips) and ".mp4@" in p for p in paths)
    resolved = (AOI_STUDY_HALL / shared_clips).resolve()
    assert resolved == (SHARED / "media/Aoi-00__Seat-Detection-System/Videos").resolve()
    files = {p.name for p in Path(AOI_STUDY_HALL).iterdir()}
    assert files == {"README.md", "layout.yaml", "frames.csv", "truth.csv"}

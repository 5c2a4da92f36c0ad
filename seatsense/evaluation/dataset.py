"""Recorded footage as timestamped frames: evaluation sets (docs/eval-format.md) and video files.

>>> dataset = Dataset.load("../shared/eval/library-kr")       # doctest: +SKIP
>>> camera_id, time_s, frame = next(iter(dataset.frames()))  # doctest: +SKIP
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import cv2

from ..core.frame import Frame
from ..core.layout import LayoutError, Site, load_site
from ..vision.detect import as_frame

STATES = ("empty", "occupied", "belongings")
EVAL_MAX_SEAT_OVERLAP = 0.9
"""Evaluation views are oblique: a partition is the back of one cell and hides the desk of the
cell behind, so neighbouring polygons share far more than a site file allows
(docs/eval-format.md)."""
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".bmp"}


class DatasetError(ValueError):
    """An evaluation set is malformed; the message names the file, line and fault."""


@dataclass(frozen=True)
class FrameRef:
    """One row of frames.csv: which frame a camera shows at which time."""

    camera_id: str
    time_s: float
    path: Path
    video_time_s: float | None = None


@dataclass(frozen=True)
class Dataset:
    """A labelled evaluation set in the docs/eval-format.md layout."""

    root: Path
    site: Site
    frames_by_camera: dict[str, list[FrameRef]]
    truth: dict[tuple[str, float], dict[str, str]]
    """(camera, time) -> seat -> labelled state."""
    baselines: dict[str, dict[str, Path]]
    """camera -> seat -> an image in which the seat is empty and clean."""

    @classmethod
    def load(cls, root: str | Path) -> Dataset:
        """Read and check a set; raises DatasetError or LayoutError naming the fault."""
        root = Path(root)
        if not root.is_dir():
            raise DatasetError(f"{root}: no such folder")
        try:
            site = load_site(root / "layout.yaml", max_seat_overlap=EVAL_MAX_SEAT_OVERLAP)
        except LayoutError as err:
            raise DatasetError(str(err)) from None
        cameras = {c.id: c for c in site.cameras}
        frames: dict[str, list[FrameRef]] = defaultdict(list)
        for line, row in _rows(root / "frames.csv", ("camera", "time_s", "path")):
            where = f"{root / 'frames.csv'} line {line}"
            camera_id = _known_camera(row["camera"], cameras, where)
            time_s = _number(row["time_s"], where)
            previous = frames[camera_id]
            if previous and time_s <= previous[-1].time_s:
                raise DatasetError(f"{where}: time_s {time_s:g} is not after the previous frame")
            path_text, _, at = row["path"].partition("@")
            path = root / path_text
            if not path.is_file():
                raise DatasetError(f"{where}: {path_text} does not exist")
            frames[camera_id].append(
                FrameRef(camera_id, time_s, path, _number(at, where) if at else None)
            )
        known_times = {(c, f.time_s) for c, refs in frames.items() for f in refs}
        truth: dict[tuple[str, float], dict[str, str]] = defaultdict(dict)
        truth_file = root / "truth.csv"
        truth_rows = (
            _rows(truth_file, ("camera", "time_s", "seat", "state"))
            if truth_file.is_file()
            else iter(())
        )  # an unlabelled set (no truth.csv) is still run and timed
        for line, row in truth_rows:
            where = f"{root / 'truth.csv'} line {line}"
            camera_id = _known_camera(row["camera"], cameras, where)
            time_s = _number(row["time_s"], where)
            if (camera_id, time_s) not in known_times:
                raise DatasetError(
                    f"{where}: no frame of '{camera_id}' at {time_s:g} in frames.csv"
                )
            seat_ids = {s.id for s in cameras[camera_id].seats}
            if row["seat"] not in seat_ids:
                raise DatasetError(f"{where}: camera '{camera_id}' has no seat '{row['seat']}'")
            if row["state"] not in STATES:
                raise DatasetError(
                    f"{where}: state '{row['state']}' is not one of {', '.join(STATES)}"
                )
            truth[(camera_id, time_s)][row["seat"]] = row["state"]
        baselines: dict[str, dict[str, Path]] = defaultdict(dict)
        baseline_file = root / "baselines.csv"
        if baseline_file.is_file():
            for line, row in _rows(baseline_file, ("camera", "seat", "path")):
                where = f"{baseline_file} line {line}"
                camera_id = _known_camera(row["camera"], cameras, where)
                path = root / row["path"]
                if not path.is_file():
                    raise DatasetError(f"{where}: {row['path']} does not exist")
                baselines[camera_id][row["seat"]] = path
        return cls(root, site, dict(frames), dict(truth), dict(baselines))

    def frames(self, camera_id: str | None = None) -> Iterator[tuple[str, float, Frame]]:
        """(camera, time, frame) in time order, camera by camera."""
        for cam, refs in self.frames_by_camera.items():
            if camera_id is not None and cam != camera_id:
                continue
            for ref in refs:
                yield cam, ref.time_s, read_frame(ref.path, ref.video_time_s)


def read_frame(path: Path, video_time_s: float | None = None) -> Frame:
    """An image file, or the frame of a video at `video_time_s`."""
    if video_time_s is None and path.suffix.lower() in IMAGE_SUFFIXES:
        image = cv2.imread(str(path), cv2.IMREAD_COLOR)
        if image is None:
            raise DatasetError(f"{path}: not a readable image")
        return as_frame(image)
    capture = cv2.VideoCapture(str(path))
    try:
        if not capture.isOpened():
            raise DatasetError(f"{path}: not a readable video")
        capture.set(cv2.CAP_PROP_POS_MSEC, 1000.0 * (video_time_s or 0.0))
        ok, image = capture.read()
    finally:
        capture.release()
    if not ok or image is None:
        raise DatasetError(f"{path}: no frame at {video_time_s or 0.0:g} s")
    return as_frame(image)


def _rows(path: Path, columns: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    if not path.is_file():
        raise DatasetError(f"{path}: no such file")
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in columns if c not in (reader.fieldnames or [])]
        if missing:
            raise DatasetError(f"{path}: header lacks {', '.join(missing)}")
        for row in reader:
            yield reader.line_num, {k: (v or "").strip() for k, v in row.items() if k}


def _number(text: str, where: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise DatasetError(f"{where}: '{text}' is not a number") from None


def _known_camera(camera_id: str, cameras: Mapping[str, object], where: str) -> str:
    if camera_id not in cameras:
        raise DatasetError(f"{where}: camera '{camera_id}' is not in layout.yaml")
    return camera_id

#!/usr/bin/env python3
"""Cut the demo's people out of the Ultralytics sample photos (run once; the results ship in
seatsense/demo/assets/).

    .venv/bin/python scripts/build_demo_assets.py tests/fixtures    # bus.jpg and zidane.jpg
    .venv/bin/python scripts/build_demo_assets.py PHOTOS --out /tmp/assets

Boxes and keypoints come from the bundled detector; GrabCut separates each person from the
background, seeded with the detector's skeleton as sure foreground. Writes one feathered RGBA
PNG per person and `people.json` with the anchor points the renderer needs, and prints that.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import numpy.typing as npt

# The checkout this script lives in, before any installed seatsense.
REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))
ASSETS_DIR = REPO_ROOT / "seatsense" / "demo" / "assets"

Image = npt.NDArray[np.uint8]

_CUTOUTS: tuple[tuple[str, str, int, str, tuple[int, int] | None], ...] = (
    # name, photo, index of the person (detector order, sorted by x), kind, x range to keep
    ("coat", "bus.jpg", 0, "seated", None),
    ("shades", "bus.jpg", 1, "seated", None),
    ("walker", "bus.jpg", 1, "standing", None),
    ("zidane", "zidane.jpg", 0, "seated", (140, 720)),
    ("ancelotti", "zidane.jpg", 1, "seated", None),
)
_SKELETON = (
    (5, 6), (5, 11), (6, 12), (11, 12), (5, 7), (6, 8), (7, 9), (8, 10), (11, 13), (12, 14),
    (13, 15), (14, 16), (0, 5), (0, 6),
)


def build_assets(photos_dir: str | Path, out_dir: str | Path) -> dict[str, Any]:
    """Cut the people out of the Ultralytics sample photos into feathered RGBA PNGs.

    Boxes and keypoints come from the bundled detector; GrabCut separates each person from the
    background, seeded with the detector's skeleton as sure foreground. Writes one PNG per
    person and `people.json` with the anchor points the renderer needs; returns that mapping.
    """
    from seatsense.vision.detect import load_detector

    photos, out = Path(photos_dir), Path(out_dir)
    cv2.setRNGSeed(0)  # GrabCut's colour models start from k-means: same input, same cut-out
    out.mkdir(parents=True, exist_ok=True)
    detector = load_detector()
    meta: dict[str, Any] = {}
    for name, photo, index, kind, x_range in _CUTOUTS:
        loaded = cv2.imread(str(photos / photo))
        if loaded is None:
            raise FileNotFoundError(photos / photo)
        image = np.asarray(loaded, np.uint8)
        found = detector.detect([image])[0].people
        confident = found.select(found.confidence >= 0.5)
        order = np.argsort(confident.xyxy[:, 0])
        box = confident.xyxy[order[index]]
        assert confident.keypoints is not None
        kpts = confident.keypoints[order[index]]
        alpha = _grabcut_person(image, box, kpts)
        if x_range is not None:
            alpha[:, : x_range[0]] = 0
            alpha[:, x_range[1]:] = 0
        top = float(box[1])
        shoulder_y = float((kpts[5, 1] + kpts[6, 1]) / 2)
        shoulder_w = float(abs(kpts[5, 0] - kpts[6, 0]))
        neck_x = float((kpts[5, 0] + kpts[6, 0]) / 2)
        if kind == "seated":
            # A desk top is about one head-and-neck length below the shoulders.
            desk_line = shoulder_y + (shoulder_y - top)
            bottom = min(image.shape[0], int(desk_line + 0.35 * (desk_line - top)))
        else:
            desk_line = float(box[3])
            bottom = min(image.shape[0], int(box[3]) + 4)
        ys, xs = np.nonzero(alpha[:bottom] > 8)
        x0, x1 = int(xs.min()), int(xs.max()) + 1
        y0 = max(0, int(ys.min()) - 2)
        crop = np.dstack([image[y0:bottom, x0:x1], alpha[y0:bottom, x0:x1]])
        # Store at most 420 px tall: twice the largest size the scene draws, and small files.
        scale = min(1.0, 420 / crop.shape[0])
        small = cv2.resize(crop, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
        cv2.imwrite(str(out / f"{name}.png"), small, [cv2.IMWRITE_PNG_COMPRESSION, 9])
        meta[name] = {
            "file": f"{name}.png",
            "kind": kind,
            "source": f"{photo} (Ultralytics sample image, AGPL-3.0)",
            "top_y": round((top - y0) * scale, 1),
            "desk_line_y": round((desk_line - y0) * scale, 1),
            "shoulder_y": round((shoulder_y - y0) * scale, 1),
            "shoulder_w": round(shoulder_w * scale, 1),
            "neck_x": round((neck_x - x0) * scale, 1),
        }
    (out / "people.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return meta


def _grabcut_person(image: Image, box: npt.NDArray[np.float32],
                    kpts: npt.NDArray[np.float32]) -> npt.NDArray[np.uint8]:
    """A feathered 0-255 alpha of one person: GrabCut inside the box, skeleton as sure person."""
    height, width = image.shape[:2]
    x1, y1, x2, y2 = (round(float(v)) for v in box)
    pad = 6
    x1, y1 = max(0, x1 - pad), max(0, y1 - pad)
    x2, y2 = min(width, x2 + pad), min(height, y2 + pad)
    # Where a person can be: the skeleton drawn thick, the torso, a disc around the head.
    # Everything else is sure background, so a dark coat does not bleed into a dark bus.
    seen = kpts[:, 2] > 0.5
    shoulder_w = float(np.hypot(*(kpts[5, :2] - kpts[6, :2]))) if seen[5] and seen[6] else (
        0.3 * (x2 - x1))
    envelope = np.zeros((height, width), np.uint8)
    sure = np.zeros((height, width), np.uint8)
    thick, thin = max(3, int(0.9 * shoulder_w)), max(3, int(0.15 * shoulder_w))
    for a, b in _SKELETON:
        if seen[a] and seen[b]:
            pa = (int(kpts[a, 0]), int(kpts[a, 1]))
            pb = (int(kpts[b, 0]), int(kpts[b, 1]))
            cv2.line(envelope, pa, pb, 1, thick)
            cv2.line(sure, pa, pb, 1, thin)
    torso = [kpts[i, :2] for i in (5, 6, 12, 11) if seen[i]]
    if len(torso) == 4:
        cv2.fillPoly(envelope, [np.asarray(torso, np.int32)], 1)
    elif seen[5] and seen[6]:
        # Hips out of the picture: the torso goes on down to the box's bottom.
        left, right = sorted((float(kpts[5, 0]), float(kpts[6, 0])))
        top = float(min(kpts[5, 1], kpts[6, 1]))
        widen = 0.15 * shoulder_w
        cv2.fillPoly(envelope, [np.asarray([(left - widen, top), (right + widen, top),
                                            (right + widen, y2), (left - widen, y2)],
                                           np.int32)], 1)
    head = kpts[:5][seen[:5], :2]
    if head.size:
        centre = (int(head[:, 0].mean()), int(head[:, 1].mean() - 0.25 * shoulder_w))
        cv2.circle(envelope, centre, int(0.7 * shoulder_w), 1, -1)
        face = (int(head[:, 0].mean()), int(head[:, 1].mean()))
        cv2.circle(sure, face, max(2, int(0.2 * shoulder_w)), 1, -1)
    inside_box = np.zeros((height, width), np.uint8)
    inside_box[y1:y2, x1:x2] = 1
    mask = np.full((height, width), cv2.GC_BGD, np.uint8)
    mask[(envelope > 0) & (inside_box > 0)] = cv2.GC_PR_FGD
    mask[(sure > 0) & (inside_box > 0)] = cv2.GC_FGD
    bgd = np.zeros((1, 65), np.float64)
    fgd = np.zeros((1, 65), np.float64)
    cv2.grabCut(image, mask, (0, 0, 0, 0), bgd, fgd, 6, cv2.GC_INIT_WITH_MASK)
    person = np.isin(mask, (cv2.GC_FGD, cv2.GC_PR_FGD)).astype(np.uint8)
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (5, 5))
    person = np.asarray(cv2.morphologyEx(person, cv2.MORPH_OPEN, kernel), np.uint8)
    person = np.asarray(cv2.morphologyEx(person, cv2.MORPH_CLOSE, kernel), np.uint8)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(person)
    if count > 1:
        largest = 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))
        person = (labels == largest).astype(np.uint8)
    # Fill holes: a patch of shirt the colour of the background is still the person.
    count, labels, stats, _ = cv2.connectedComponentsWithStats((1 - person).astype(np.uint8))
    for label in range(1, count):
        x, y, w, h = stats[label, :4]
        if x > 0 and y > 0 and x + w < width and y + h < height:
            person[labels == label] = 1
    # Erode a pixel so no background fringe survives, then feather the edge.
    person = np.asarray(cv2.erode(person, kernel, iterations=1), np.uint8)
    alpha = cv2.GaussianBlur(person.astype(np.float32) * 255, (0, 0), 2.0)
    return np.clip(alpha, 0, 255).astype(np.uint8)


def main(argv: Sequence[str] | None = None) -> int:
    """Build the cut-outs from PHOTOS into --out (default: the package's demo assets)."""
    parser = argparse.ArgumentParser(prog="scripts/build_demo_assets.py", description=__doc__)
    parser.add_argument("photos", type=Path, help="folder with bus.jpg and zidane.jpg")
    parser.add_argument("--out", type=Path, default=ASSETS_DIR)
    args = parser.parse_args(argv)
    print(json.dumps(build_assets(args.photos, args.out), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

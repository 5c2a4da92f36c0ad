"""The optional item model: a COCO detection model (backpack, laptop, book, cup, ...) run
beside the people model, for sites that are online. Off unless asked for.

The bundled YOLO11n-pose finds people and their keypoints but no belongings; belongings then
come from each seat's change against its empty reference. A COCO detector adds item classes
as a second cue. Its weights are not shipped: `ItemModel` names where to fetch them (the
pinned `COCO_ITEM_MODEL` or a mirror of it, or another archive with its sha256) and
`WithItems` joins its item detections to the people model's.

>>> import numpy as np
>>> from seatsense.vision.detect import OnnxDetector
>>> both = WithItems(OnnxDetector(), OnnxDetector())   # the pose model has no item classes
>>> both.keypoint_shape, sorted(both.class_names.values())
((17, 3), ['person'])
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from ...core.frame import Frame
from .detections import ITEM_CLASSES, Detections, Detector, ModelError
from .fetch import ModelArchive, fetch_model

COCO_ITEM_MODEL = ModelArchive(
    url="https://github.com/ultralytics/assets/releases/download/v8.3.0/yolo11n.onnx",
    sha256="634279b40c07c6391472c51ad45b81ebc48706a9a1fe72dd3396322acd0c053b",
    member=None,
    licence="AGPL-3.0 (Ultralytics YOLO11n, COCO)",
    filename="yolo11n.onnx",
)
"""The pinned COCO item model: Ultralytics' own ONNX export of YOLO11n (80 COCO classes),
attached to their `assets` release v8.3.0. The pin is as projects that download it report
(2026-12): 10,930,182 bytes, exported by Ultralytics 8.3.237 with a dynamic input, opset 22.
These machines reach no host but package registries, so the download itself is tested
against a loopback mirror; a site without internet places the file by hand where the
offline message says.
"""


@dataclass(frozen=True)
class ItemModel:
    """Turns the item model on: where its archive comes from and where it is cached.

    With neither `url` nor `sha256` the pinned `COCO_ITEM_MODEL` is fetched; `url` alone is a
    mirror of the pinned archive (same sha256); a `url` of another archive needs its `sha256`
    too. `member` names the `.onnx` inside the archive when it holds more than one.

    >>> ItemModel().archive().licence
    'AGPL-3.0 (Ultralytics YOLO11n, COCO)'

    >>> ItemModel("http://mirror.lan/yolo11n.onnx", "ab" * 32).archive().filename
    'yolo11n.onnx'
    """

    url: str | None = None
    sha256: str | None = None
    member: str | None = None
    cache_dir: Path | None = None

    def archive(self) -> ModelArchive:
        """The archive to fetch; `ModelError` when the settings do not name one."""
        if self.sha256 and not self.url:
            raise ModelError("item model: a sha256 was given without the URL it pins")
        if self.sha256 and not re.fullmatch(r"[0-9a-fA-F]{64}", self.sha256):
            raise ModelError(f"item model: {self.sha256!r} is not a sha256 (64 hex digits)")
        if self.url and self.sha256:
            name = Path(self.member or self.url.rsplit("/", 1)[-1]).name
            filename = name if name.lower().endswith(".onnx") else f"{Path(name).stem}.onnx"
            licence = "as published by the archive's source"
            return ModelArchive(self.url, self.sha256.lower(), self.member, licence, filename)
        if self.url:
            return replace(COCO_ITEM_MODEL, url=self.url)  # a mirror of the pinned archive
        return COCO_ITEM_MODEL

    def fetch(self) -> Path:
        """The model file, from the cache or downloaded into it (`fetch_model`)."""
        return fetch_model(self.archive(), self.cache_dir)


def load_item_detector(items: ItemModel, **options: Any) -> Detector:
    """The item model's detector (fetched first when not cached); `ModelError` when it cannot
    be fetched or has none of the item classes."""
    from .onnx import OnnxDetector

    path = items.fetch()
    detector = OnnxDetector(path, **options)
    if not ITEM_CLASSES & set(detector.class_names.values()):
        raise ModelError(
            f"item model {path} has none of the item classes ({', '.join(sorted(ITEM_CLASSES))})"
        )
    return detector


class WithItems:
    """People (and keypoints) from one detector, belongings from a second.

    Only the second detector's item classes are kept, under class ids after the first's; its
    people are dropped, so seat assignment still rests on the people model alone. The second
    detector sees whole frames only (inputs at the people model's own size, `imgsz` None):
    seat tiles, which run at an input size of their own, are there for small and half-hidden
    people, and the item model costs one inference per frame rather than one per view.
    """

    def __init__(self, people: Detector, items: Detector) -> None:
        self.people = people
        self.items = items
        first = max(people.class_names, default=-1) + 1
        item_ids = sorted(i for i, name in items.class_names.items() if name in ITEM_CLASSES)
        self._new_id = {old: first + n for n, old in enumerate(item_ids)}
        names = {new: items.class_names[old] for old, new in self._new_id.items()}
        self.class_names: Mapping[int, str] = {**people.class_names, **names}
        self.keypoint_shape = people.keypoint_shape
        self.imgsz = people.imgsz

    def detect(
        self, frames: Sequence[Frame], conf: float | None = None, imgsz: int | None = None
    ) -> list[Detections]:
        """Both models on the batch, each frame's people joined by its items; seat tiles (an
        `imgsz` of their own) get the people model alone."""
        people = self.people.detect(frames, conf, imgsz)
        if not self._new_id or imgsz is not None:
            return [self._renamed(found) for found in people]
        items = self.items.detect(frames, conf)
        return [self._joined(p, i) for p, i in zip(people, items, strict=True)]

    def _renamed(self, found: Detections) -> Detections:
        return Detections(
            found.xyxy, found.confidence, found.class_id, found.keypoints, self.class_names
        )

    def _joined(self, people: Detections, items: Detections) -> Detections:
        kept = items.select(np.isin(items.class_id, list(self._new_id)))
        lookup = np.vectorize(self._new_id.__getitem__, otypes=[np.int32])
        class_id = lookup(kept.class_id) if len(kept) else kept.class_id
        keypoints = None
        if people.keypoints is not None:
            blank = np.zeros((len(kept), *people.keypoints.shape[1:]), np.float32)
            keypoints = np.concatenate([people.keypoints, blank])
        return Detections(
            xyxy=np.concatenate([people.xyxy, kept.xyxy]).astype(np.float32),
            confidence=np.concatenate([people.confidence, kept.confidence]).astype(np.float32),
            class_id=np.concatenate([people.class_id, class_id]).astype(np.int32),
            keypoints=keypoints,
            class_names=self.class_names,
        )

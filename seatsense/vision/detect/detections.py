"""What every detection backend gives: one `Detections` object of parallel arrays per frame,
behind one `Detector` protocol.

>>> import numpy as np
>>> found = Detections(np.array([[0, 0, 10, 20], [5, 5, 9, 9]], np.float32),
...                    np.array([0.9, 0.6], np.float32), np.array([0, 24], np.int32),
...                    class_names={0: "person", 24: "backpack"})
>>> len(found.people), len(found.of_class(ITEM_CLASSES))
(1, 1)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

from ...core.frame import Frame

FloatArray = npt.NDArray[np.float32]
IntArray = npt.NDArray[np.int32]

PERSON = "person"
ITEM_CLASSES = frozenset(
    {"backpack", "handbag", "suitcase", "laptop", "book", "cup", "bottle", "cell phone", "umbrella"}
)
"""COCO classes that count as belongings left at a seat."""

MAX_BATCH = 4
"""Most images one inference call takes; larger batches are run in chunks of this size.
Measured on a 2-core CPU with 16 whole 1080p frames and 48 seat tiles: 4 runs as fast as
8 and peaks at 610 MB instead of 890 MB (ONNX Runtime keeps its largest activations)."""


class ModelError(RuntimeError):
    """A model file is missing, unreadable or of a kind seatsense cannot run."""


def as_frame(image: Any) -> Frame:
    """An OpenCV result typed as a `Frame` (no copy when it already is one).

    >>> as_frame([[0, 255]]).dtype
    dtype('uint8')
    """
    return np.asarray(image, dtype=np.uint8)


def fit_frame(frame: Frame, width: int, height: int) -> Frame:
    """The frame scaled to `width` x `height` (itself when it already has that size).

    >>> fit_frame(np.zeros((480, 640, 3), np.uint8), 320, 240).shape
    (240, 320, 3)
    """
    import cv2

    if frame.shape[1] == width and frame.shape[0] == height:
        return frame
    return as_frame(cv2.resize(frame, (width, height), interpolation=cv2.INTER_AREA))


@dataclass
class Detections:
    """Detections of one frame as parallel arrays (boxes in frame pixels, x1 y1 x2 y2).

    >>> d = Detections.empty()
    >>> len(d), d.xyxy.shape
    (0, (0, 4))
    """

    xyxy: FloatArray
    confidence: FloatArray
    class_id: IntArray
    keypoints: FloatArray | None = None
    """N x K x 3 (x, y, visibility score), when the model gives keypoints."""
    class_names: Mapping[int, str] = field(default_factory=lambda: {0: PERSON})

    def __len__(self) -> int:
        return int(self.class_id.shape[0])

    @classmethod
    def empty(
        cls,
        class_names: Mapping[int, str] | None = None,
        keypoint_shape: tuple[int, int] | None = None,
    ) -> Detections:
        """No detections."""
        keypoints = (
            np.zeros((0, *keypoint_shape), np.float32) if keypoint_shape is not None else None
        )
        return cls(
            xyxy=np.zeros((0, 4), np.float32),
            confidence=np.zeros(0, np.float32),
            class_id=np.zeros(0, np.int32),
            keypoints=keypoints,
            class_names=class_names or {0: PERSON},
        )

    def select(self, mask: npt.NDArray[np.bool_] | npt.NDArray[np.integer[Any]]) -> Detections:
        """The subset picked by a boolean mask or an index array."""
        return Detections(
            xyxy=self.xyxy[mask],
            confidence=self.confidence[mask],
            class_id=self.class_id[mask],
            keypoints=self.keypoints[mask] if self.keypoints is not None else None,
            class_names=self.class_names,
        )

    def of_class(self, names: frozenset[str] | set[str] | str) -> Detections:
        """Only the detections whose class name is in `names`."""
        wanted = {names} if isinstance(names, str) else set(names)
        ids = [i for i, n in self.class_names.items() if n in wanted]
        return self.select(np.isin(self.class_id, ids))

    @property
    def people(self) -> Detections:
        """Only the people."""
        return self.of_class(PERSON)

    @staticmethod
    def concatenate(parts: Sequence[Detections]) -> Detections:
        """Join detections of the same frame (from tiles or crops) into one object."""
        if not parts:
            return Detections.empty()
        keypoints = None
        if all(p.keypoints is not None for p in parts):
            keypoints = np.concatenate([p.keypoints for p in parts if p.keypoints is not None])
        return Detections(
            xyxy=np.concatenate([p.xyxy for p in parts]).astype(np.float32),
            confidence=np.concatenate([p.confidence for p in parts]).astype(np.float32),
            class_id=np.concatenate([p.class_id for p in parts]).astype(np.int32),
            keypoints=keypoints,
            class_names=parts[0].class_names,
        )

    def to_dicts(self) -> list[dict[str, Any]]:
        """JSON-ready detections."""
        out = []
        for i in range(len(self)):
            item: dict[str, Any] = {
                "class": self.class_names.get(int(self.class_id[i]), str(int(self.class_id[i]))),
                "confidence": round(float(self.confidence[i]), 4),
                "box": [round(float(v), 1) for v in self.xyxy[i]],
            }
            if self.keypoints is not None:
                item["keypoints"] = np.round(self.keypoints[i], 2).tolist()
            out.append(item)
        return out


@runtime_checkable
class Detector(Protocol):
    """Anything that turns a batch of frames into one `Detections` per frame.

    >>> class NobodyThere:
    ...     class_names, keypoint_shape, imgsz = {0: "person"}, None, 640
    ...     def detect(self, frames, conf=None, imgsz=None):
    ...         return [Detections.empty() for _ in frames]
    >>> isinstance(NobodyThere(), Detector)
    True
    """

    class_names: Mapping[int, str]
    keypoint_shape: tuple[int, int] | None
    imgsz: int
    """The input size whole frames are letterboxed to."""

    def detect(
        self, frames: Sequence[Frame], conf: float | None = None, imgsz: int | None = None
    ) -> list[Detections]:
        """Detect in every frame; `conf` and `imgsz` override the detector's defaults."""
        ...

"""A detector that remembers: the same crop at the same input size gives the same detections.

Evaluation runs the same frames through the same model again and again while settings are
tuned. `CachedDetector` keeps each crop's detections on disk (one small `.npz` per crop,
keyed by the crop's bytes, the input size and the model), at a floor confidence low enough
for any setting, and filters them to the confidence each call asks for. Greedy suppression
never lets a weaker box remove a stronger one, so filtering after it gives exactly what the
model gives at the higher threshold.

>>> import numpy as np
>>> import tempfile
>>> from seatsense.vision.detect import load_detector
>>> cached = CachedDetector(load_detector(), tempfile.mkdtemp())
>>> [len(d) for d in cached.detect([np.zeros((480, 640, 3), np.uint8)], conf=0.2)]
[0]
>>> cached.misses, cached.detect([np.zeros((480, 640, 3), np.uint8)]) and cached.hits
(1, 1)
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np

from ..core.frame import Frame
from ..vision.detect import Detections, Detector

CACHE_FLOOR_CONF = 0.01
"""The confidence detections are stored down to: below any setting worth trying."""
DEFAULT_CACHE_DIR = Path(".cache") / "seatsense-eval"
"""Where `seatsense eval --cache` keeps detections (the repository ignores `.cache/`)."""


class CachedDetector:
    """Wraps a detector; a crop seen before is answered from disk instead of the model.

    `model_key` names the model (different models must not share answers); the default
    is the wrapped detector's class and classes.
    """

    def __init__(self, inner: Detector, folder: str | Path, model_key: str = "") -> None:
        self.inner = inner
        self.class_names: Mapping[int, str] = inner.class_names
        self.keypoint_shape = inner.keypoint_shape
        self.imgsz = inner.imgsz
        key = model_key or (
            f"{type(inner).__name__}:{sorted(inner.class_names.items())}"
            f":upscale_denoise={getattr(inner, 'upscale_denoise', None)}"
        )
        self.folder = Path(folder) / hashlib.sha1(key.encode()).hexdigest()[:12]
        self.folder.mkdir(parents=True, exist_ok=True)
        self.hits = 0
        self.misses = 0

    def detect(
        self, frames: Sequence[Frame], conf: float | None = None, imgsz: int | None = None
    ) -> list[Detections]:
        """Detections of each frame at `conf` (default 0.25, as the bundled model's)."""
        threshold = 0.25 if conf is None else conf
        size = imgsz or self.imgsz
        paths = [self.folder / f"{_crop_key(frame, size)}.npz" for frame in frames]
        found: dict[int, Detections] = {}
        missing = []
        for index, path in enumerate(paths):
            stored = _load(path, self.class_names) if path.is_file() else None
            if stored is None:
                missing.append(index)
            else:
                found[index] = stored
        self.hits += len(found)
        self.misses += len(missing)
        if missing:
            fresh = self.inner.detect(
                [frames[i] for i in missing], conf=min(threshold, CACHE_FLOOR_CONF), imgsz=size
            )
            for index, detections in zip(missing, fresh, strict=True):
                _save(paths[index], detections)
                found[index] = detections
        return [found[i].select(found[i].confidence >= threshold) for i in range(len(frames))]


def _crop_key(frame: Frame, size: int) -> str:
    digest = hashlib.sha1(np.ascontiguousarray(frame).data)
    digest.update(f"{frame.shape}:{size}".encode())
    return digest.hexdigest()


def _save(path: Path, detections: Detections) -> None:
    arrays = {
        "xyxy": detections.xyxy,
        "confidence": detections.confidence,
        "class_id": detections.class_id,
    }
    if detections.keypoints is not None:
        arrays["keypoints"] = detections.keypoints
    temporary = path.with_suffix(".tmp.npz")
    np.savez(temporary, **arrays)  # type: ignore[arg-type]
    temporary.replace(path)  # a run killed halfway leaves no half-written answer


def _load(path: Path, class_names: Mapping[int, str]) -> Detections | None:
    try:
        with np.load(path) as stored:
            return Detections(
                xyxy=stored["xyxy"],
                confidence=stored["confidence"],
                class_id=stored["class_id"],
                keypoints=stored.get("keypoints"),
                class_names=class_names,
            )
    except (OSError, ValueError, KeyError):
        return None  # unreadable: detect again

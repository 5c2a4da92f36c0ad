"""Which backend runs a model, from one table keyed by the model's kind.

>>> model_backend("bundled"), model_backend("site/yolo11s.onnx"), model_backend("yolo11n.pt")
('onnx', 'onnx', 'ultralytics')
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from .detections import Detector, ModelError
from .items import ItemModel, WithItems, load_item_detector
from .onnx import BUNDLED_MODEL, OnnxDetector
from .ultralytics import UltralyticsDetector

BackendName = Literal["onnx", "ultralytics"]


@dataclass(frozen=True)
class DetectorBackend:
    """A detection backend: its name and how it opens a model file (`path, **options`)."""

    name: BackendName
    open: Callable[..., Detector]


BUNDLED = "bundled"
"""The model name that means the model shipped in the package."""

BACKENDS: Mapping[str, DetectorBackend] = {
    BUNDLED: DetectorBackend("onnx", OnnxDetector),
    ".onnx": DetectorBackend("onnx", OnnxDetector),
    ".pt": DetectorBackend("ultralytics", UltralyticsDetector),
}
"""Backends by model kind: `bundled`, or the model file's suffix."""


def load_detector(
    model: str | Path = BUNDLED, *, items: ItemModel | None = None, **options: Any
) -> Detector:
    """The detector for a model: `bundled`, an `.onnx` file (ONNX Runtime) or a `.pt` file
    (Ultralytics). `options` go to the backend's detector (`conf`, `imgsz`, ...).

    With `items`, the optional COCO item model (fetched on first use) runs beside it and adds
    belongings classes (`WithItems`)."""
    kind = _model_kind(model)
    path = BUNDLED_MODEL if kind == BUNDLED else Path(model).expanduser()
    detector = _backend(model, kind).open(path, **options)
    if items is None:
        return detector
    return WithItems(detector, load_item_detector(items))


def model_backend(model: str | Path) -> BackendName:
    """Which backend runs a model: `bundled` and `.onnx` files ONNX Runtime, `.pt` files
    Ultralytics."""
    return _backend(model, _model_kind(model)).name


def _model_kind(model: str | Path) -> str:
    return BUNDLED if str(model) in ("", BUNDLED) else Path(model).suffix.lower()


def _backend(model: str | Path, kind: str) -> DetectorBackend:
    backend = BACKENDS.get(kind)
    if backend is None:
        raise ModelError(f"model {model}: unknown kind; give 'bundled', an .onnx or a .pt file")
    return backend

"""People and item detection: one `Detections` type, one module per backend.

`detections` holds the types every backend shares and `enlarge` the smoothing every backend
applies to what it enlarges; `onnx` is the default backend (ONNX Runtime,
the bundled YOLO11n-pose), `ultralytics` the optional one (`.pt` models), and `registry` the
table that picks a backend by model kind; `items` and `fetch` the optional COCO item model,
fetched on demand.

>>> import numpy as np
>>> detector = load_detector()                      # the bundled YOLO11n-pose
>>> [d.class_id.size for d in detector.detect([np.zeros((480, 640, 3), np.uint8)])]
[0]
"""

from __future__ import annotations

from .detections import (
    ITEM_CLASSES,
    MAX_BATCH,
    PERSON,
    Detections,
    Detector,
    ModelError,
    as_frame,
    fit_frame,
)
from .fetch import ModelArchive, cached_path, default_cache_dir, fetch_model
from .items import COCO_ITEM_MODEL, ItemModel, WithItems, load_item_detector
from .nanodet import BUNDLED_ITEM_MODEL, NanoDetDetector
from .onnx import BUNDLED_MODEL, OnnxDetector, letterbox, nms
from .registry import BACKENDS, DetectorBackend, load_detector, model_backend
from .ultralytics import UltralyticsDetector

__all__ = [
    "BACKENDS",
    "BUNDLED_ITEM_MODEL",
    "BUNDLED_MODEL",
    "COCO_ITEM_MODEL",
    "ITEM_CLASSES",
    "MAX_BATCH",
    "PERSON",
    "Detections",
    "Detector",
    "DetectorBackend",
    "ItemModel",
    "ModelArchive",
    "ModelError",
    "NanoDetDetector",
    "OnnxDetector",
    "UltralyticsDetector",
    "WithItems",
    "as_frame",
    "cached_path",
    "default_cache_dir",
    "fetch_model",
    "fit_frame",
    "letterbox",
    "load_detector",
    "load_item_detector",
    "model_backend",
    "nms",
]

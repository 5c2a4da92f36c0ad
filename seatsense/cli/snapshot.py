"""`seatsense snapshot`: grab one frame, detect, and draw the seats and their states."""

from __future__ import annotations

import argparse
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from .command import CommandError, Subparsers


def add_parser(subparsers: Subparsers) -> None:
    """Add `snapshot` to the command line."""
    parser = subparsers.add_parser(
        "snapshot",
        help="grab one frame and draw the seats and their states",
        description="Grab one frame from SOURCE (camera URL, video or image file), detect, and "
        "write it with the seat polygons, ids, state colours and people drawn.",
    )
    parser.add_argument("source", help="rtsp://..., http(s)://..., a video or an image file")
    parser.add_argument("--layout", type=Path, required=True, help="site or layout file")
    parser.add_argument("--camera", help="camera id in the layout (default: the first)")
    parser.add_argument("-o", "--output", type=Path, required=True, help="image to write")
    parser.add_argument("--blur", action="store_true", help="blur people (privacy)")
    parser.add_argument("--model", default=None, help="bundled, an .onnx or a .pt file")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Write the annotated frame; print what it shows as one JSON object."""
    from ..core.layout import load_site
    from ..sources import grab_one
    from ..vision.detect import load_detector
    from ..vision.draw import draw_layout
    from ..vision.pipeline import Pipeline, predicted_state

    site = load_site(args.layout)
    camera = site.cameras[0]
    if args.camera:
        try:
            camera = site.camera(args.camera)
        except KeyError:
            raise CommandError(f"{args.layout}: no camera '{args.camera}'") from None
    frame = grab_one(args.source)
    pipeline = Pipeline(site, load_detector(args.model or site.model))
    frame = pipeline.camera_sized(camera.id, frame)
    observation = pipeline.observe({camera.id: (frame, 0.0)})[camera.id]
    states = {seat_id: predicted_state(v) for seat_id, v in observation.verdicts.items()}
    image = draw_layout(
        frame,
        camera.seats,
        states,
        observation.detections,
        args.blur,
        pipeline.evidence_settings.person_conf,
    )
    write_image_atomically(args.output, image)
    print(
        json.dumps(
            {
                "output": str(args.output),
                "camera": camera.id,
                "seats": states,
                "people": observation.people,
            }
        )
    )
    return 0


def write_image_atomically(path: Path, image: Any) -> None:
    """Encode by the file's suffix and replace `path` in one step (never half-written)."""
    import cv2

    suffix = path.suffix.lower() or ".png"
    ok, data = cv2.imencode(suffix, image)
    if not ok:
        raise CommandError(f"{path}: cannot write images of type '{suffix}'; use .png or .jpg")
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=suffix)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data.tobytes())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise

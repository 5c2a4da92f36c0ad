"""The `seatsense` command."""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import tempfile
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

EXIT_ERROR = 2


class CommandError(Exception):
    """A user-facing failure: printed as one line, exit code 2."""


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `seatsense` console script."""
    parser = _parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "handler"):
        parser.print_help()
        return EXIT_ERROR
    handler: Callable[[argparse.Namespace], int] = args.handler
    try:
        return handler(args)
    except KeyboardInterrupt:
        return 130
    except Exception as err:
        if not _is_user_error(err):
            raise
        print(f"seatsense: error: {err}", file=sys.stderr)
        return EXIT_ERROR


def _is_user_error(err: Exception) -> bool:
    from .capture import CaptureError
    from .detect import ModelError
    from .layout import LayoutError
    from .replay import DatasetError

    return isinstance(
        err, CommandError | LayoutError | DatasetError | ModelError | CaptureError | OSError
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="seatsense",
        description="Camera-based seat occupancy: who sits where, empty seats, hogged seats.",
    )
    commands = parser.add_subparsers(metavar="COMMAND")

    evaluate = commands.add_parser(
        "eval",
        help="score the pipeline on a labelled data set",
        description="Score per-frame seat verdicts on a data set in the FORMAT.md layout.",
    )
    evaluate.add_argument(
        "dataset", type=Path, help="folder with layout.yaml, frames.csv, truth.csv"
    )
    evaluate.add_argument("--json", action="store_true", help="print one JSON object")
    evaluate.add_argument("--model", default="bundled", help="bundled, an .onnx or a .pt file")
    evaluate.set_defaults(handler=_cmd_eval)

    check = commands.add_parser(
        "check-layout",
        help="validate a site or layout file",
        description="Validate a site file (YAML or JSON); prints a summary or the fault.",
    )
    check.add_argument("layout", type=Path)
    check.set_defaults(handler=_cmd_check_layout)

    snapshot = commands.add_parser(
        "snapshot",
        help="grab one frame and draw the seats and their states",
        description="Grab one frame from SOURCE (camera URL, video or image file), detect, and "
        "write it with the seat polygons, ids, state colours and people drawn.",
    )
    snapshot.add_argument("source", help="rtsp://..., http(s)://..., a video or an image file")
    snapshot.add_argument("--layout", type=Path, required=True, help="site or layout file")
    snapshot.add_argument("--camera", help="camera id in the layout (default: the first)")
    snapshot.add_argument("-o", "--output", type=Path, required=True, help="image to write")
    snapshot.add_argument("--blur", action="store_true", help="blur people (privacy)")
    snapshot.add_argument("--model", default=None, help="bundled, an .onnx or a .pt file")
    snapshot.set_defaults(handler=_cmd_snapshot)

    run = commands.add_parser(
        "run",
        help="run a site live",
        description="Run every camera of a site: a status line on stderr, events as JSON lines "
        "on stdout, and an SQLite event log. Ctrl-C stops it cleanly.",
    )
    run.add_argument("site", type=Path, help="site file (YAML or JSON)")
    run.add_argument(
        "--db",
        type=Path,
        default=Path("seatsense.sqlite"),
        help="SQLite event log (default: seatsense.sqlite)",
    )
    run.add_argument("--duration", type=float, default=None, help="stop after this many seconds")
    run.add_argument("--quiet", action="store_true", help="no status line")
    run.set_defaults(handler=_cmd_run)
    return parser


def _cmd_eval(args: argparse.Namespace) -> int:
    from .detect import load_detector
    from .evaluate import evaluate, format_report

    report = evaluate(args.dataset, detector=load_detector(args.model))
    print(json.dumps(report) if args.json else format_report(report))
    return 0


def _cmd_check_layout(args: argparse.Namespace) -> int:
    from .layout import load_site

    site = load_site(args.layout)
    seats = sum(len(c.seats) for c in site.cameras)
    print(f"{args.layout}: ok: site '{site.name}', {len(site.cameras)} camera(s), {seats} seat(s)")
    for camera in site.cameras:
        print(
            f"  {camera.id}: {camera.width}x{camera.height}, seats "
            + ", ".join(s.id for s in camera.seats)
        )
    return 0


def _cmd_snapshot(args: argparse.Namespace) -> int:
    from .capture import grab_one
    from .detect import load_detector
    from .draw import draw_layout
    from .layout import load_site
    from .pipeline import Pipeline, predicted_state

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
    image = draw_layout(frame, camera.seats, states, observation.detections, args.blur)
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


def _cmd_run(args: argparse.Namespace) -> int:
    from .layout import load_site
    from .monitor import Monitor, MonitorUpdate
    from .store import EventStore

    site = load_site(args.site)
    store = EventStore(args.db)
    stopping = threading.Event()

    def on_update(update: MonitorUpdate) -> None:
        for event in update.events:
            print(json.dumps(event.to_dict(), ensure_ascii=False), flush=True)
        if not args.quiet:
            print("\r" + status_line(update), end="", file=sys.stderr, flush=True)

    monitor = Monitor(site, store=store)
    monitor.add_listener(on_update)
    previous = signal.signal(signal.SIGTERM, lambda *_: stopping.set())
    monitor.start()
    try:
        stopping.wait(args.duration)
    except KeyboardInterrupt:
        pass
    finally:
        monitor.stop()
        store.close()
        signal.signal(signal.SIGTERM, previous)
        if not args.quiet:
            print(file=sys.stderr)
    return 0


def status_line(update: Any) -> str:
    """One line: per camera, online or not, and seat counts by state."""
    parts = []
    for camera_id, camera in update.cameras.items():
        counts: dict[str, int] = {}
        for status in camera.seats.values():
            counts[status.state.value] = counts.get(status.state.value, 0) + 1
        summary = " ".join(f"{k}={v}" for k, v in sorted(counts.items()))
        parts.append(f"{camera_id}[{'on' if camera.online else 'OFF'}] {summary}")
    return " | ".join(parts)


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


if __name__ == "__main__":
    raise SystemExit(main())

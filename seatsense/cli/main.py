"""The `seatsense` command."""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
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
    from ..core.layout import LayoutError
    from ..evaluation.dataset import DatasetError
    from ..sources import CaptureError
    from ..vision.detect import ModelError

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

    serve = commands.add_parser(
        "serve",
        help="run a site behind the HTTP + WebSocket API",
        description="Run every camera of a site like `run` and serve statuses, events, "
        "snapshots and layout changes over HTTP and a WebSocket (docs/server.md). Every "
        "request needs the bearer token, made on the first run. Ctrl-C stops it cleanly.",
    )
    serve.add_argument("site", type=Path, help="site file (YAML or JSON); layout changes go here")
    serve.add_argument("--host", default="127.0.0.1", help="address (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8765, help="port (default 8765)")
    serve.add_argument(
        "--data-dir", type=Path, default=None, help="token and replay log (default .seatsense/)"
    )
    serve.add_argument("--token-file", type=Path, default=None, help="default DATA_DIR/token")
    serve.add_argument("--mqtt", default=None, help="also publish to this MQTT broker URL")
    serve.set_defaults(handler=_cmd_serve)

    bench = commands.add_parser(
        "bench",
        help="benchmark N live channels against the naive design",
        description="Serve N 8-seat cameras (synthetic H.264 scenes, 25 fps, 1 s GOP) from a "
        "loopback RTSP server and run the monitor on them: cycle time, CPU, memory, frame "
        "age, what the change gate saves, and the plan's naive design as a baseline. Needs "
        "ffmpeg and GStreamer's RTSP server for /usr/bin/python3 (scripts/setup-services).",
    )
    bench.add_argument("--channels", type=int, default=16, help="cameras (default 16)")
    bench.add_argument("--resolution", choices=("720p", "1080p"), default="1080p")
    bench.add_argument(
        "--duration", type=float, default=60.0, help="measured seconds per run (default 60)"
    )
    bench.add_argument("--interval", type=float, default=3.0, help="cycle interval (default 3)")
    bench.add_argument(
        "--scene",
        choices=("changing", "static"),
        default="changing",
        help="people appear at seats now and then (default), or nothing ever changes",
    )
    bench.add_argument(
        "--no-gate-off", action="store_true", help="skip the run with the change gate disabled"
    )
    bench.add_argument(
        "--naive-channels",
        type=int,
        default=2,
        help="channels the naive baseline runs on, scaled to --channels (0 skips it)",
    )
    bench.add_argument("--naive-duration", type=float, default=None, help="default: --duration")
    bench.add_argument("--model", default="bundled", help="bundled, an .onnx or a .pt file")
    bench.add_argument(
        "--clip-dir", type=Path, default=None, help="clip cache (~/.cache/seatsense/bench)"
    )
    bench.add_argument(
        "--source",
        choices=("rtsp", "file"),
        default="rtsp",
        help="rtsp: the loopback RTSP server (default); file: each camera plays an .mp4 clip "
        "at its own speed through the same grabber code (no GStreamer needed)",
    )
    bench.add_argument(
        "--processes", type=int, default=1, help="monitor processes to split channels over"
    )
    bench.add_argument(
        "--clip-seconds", type=float, default=28.0, help="length of the looped clips"
    )
    bench.add_argument(
        "--chunk",
        type=int,
        default=None,
        help="what-if: split each inference batch into chunks of this many crops",
    )
    bench.add_argument("--profile", type=Path, default=None, help="cProfile of the cycles")
    bench.add_argument("--json", action="store_true", help="print one JSON object")
    bench.set_defaults(handler=_cmd_bench)

    bench_server = commands.add_parser(
        "bench-server",
        help="load-test `seatsense serve`: WebSocket clients against demo cameras",
        description="Start `seatsense serve` on N demo cameras (8 seats each) on 127.0.0.1, "
        "follow it with M WebSocket clients and measure push latency, server memory and "
        "that every client gets every sequence number (docs/server.md).",
    )
    bench_server.add_argument("--clients", type=int, default=50, help="default 50")
    bench_server.add_argument("--cameras", type=int, default=16, help="default 16")
    bench_server.add_argument(
        "--duration", type=float, default=60.0, help="measured seconds (default 60)"
    )
    bench_server.add_argument("--interval", type=float, default=3.0, help="cycle interval")
    bench_server.add_argument("--json", action="store_true", help="print one JSON object")
    bench_server.set_defaults(handler=_cmd_bench_server)

    demo = commands.add_parser(
        "demo",
        help="run the built-in demo scenario in the terminal",
        description="Run the rendered demo study room (8 seats, 30 scenario minutes) through the "
        "full pipeline, as fast as the machine goes (or paced with --speed): a progress bar on "
        "stderr, seat events as they happen, and a summary comparing them with the scenario's "
        "expected events. Exit code 0 when they agree, 1 when they do not.",
    )
    demo.add_argument(
        "--interval", type=float, default=3.0, help="scenario seconds between samples (default 3)"
    )
    demo.add_argument(
        "--speed",
        type=float,
        default=None,
        help="scenario seconds per real second (60: the 30 minutes in 30 s); default: no waiting",
    )
    demo.add_argument("--start", type=float, default=0.0, help="scenario second to start at")
    demo.add_argument("--end", type=float, default=None, help="scenario second to stop at")
    demo.add_argument("--timeline", type=Path, default=None, help="a timeline file (YAML/JSON)")
    demo.add_argument("--model", default="bundled", help="bundled, an .onnx or a .pt file")
    output = demo.add_mutually_exclusive_group()
    output.add_argument(
        "--human", action="store_true", help="readable event lines and summary on stdout"
    )
    output.add_argument(
        "--json", action="store_true", help="print one JSON object at the end (events, summary)"
    )
    demo.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="progress bar on stderr (default: when stderr is a terminal)",
    )
    demo.set_defaults(handler=_cmd_demo)
    return parser


def _cmd_serve(args: argparse.Namespace) -> int:
    import asyncio

    _require_detect_extra()
    from ..server.app import SeatServer, ServerConfig

    config = ServerConfig(
        site_path=args.site,
        host=args.host,
        port=args.port,
        data_dir=args.data_dir,
        token_file=args.token_file,
        mqtt_url=args.mqtt,
    )
    server = SeatServer(config)

    async def run() -> None:
        stopping = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stopping.set)
        await server.start()
        try:
            if server.token_created:
                where = config.token_file or config.data_path / "token"
                print(
                    f"seatsense serve: new token (kept in {where}): {server.token}", file=sys.stderr
                )
            print(f"seatsense serve: listening on {server.url}", file=sys.stderr, flush=True)
            await stopping.wait()
        finally:
            await server.stop()

    asyncio.run(run())
    return 0


def _require_detect_extra() -> None:
    import importlib.util

    missing = [
        name for name in ("cv2", "onnxruntime", "av") if importlib.util.find_spec(name) is None
    ]
    if missing:
        raise CommandError(
            f'this command needs {", ".join(missing)}: pip install "seatsense[detect]"'
        )


def _cmd_bench(args: argparse.Namespace) -> int:
    from ..benchmark import BenchConfig, format_report, run_bench

    if min(args.channels, args.processes) < 1 or min(args.duration, args.interval) <= 0:
        raise CommandError("--channels, --processes, --duration and --interval must be positive")
    config = BenchConfig(
        channels=args.channels,
        resolution=args.resolution,
        duration_s=args.duration,
        interval_s=args.interval,
        scene=args.scene,
        gate_off=not args.no_gate_off,
        naive_channels=args.naive_channels,
        naive_duration_s=args.naive_duration,
        model=args.model,
        clip_dir=args.clip_dir,
        profile=args.profile,
        source=args.source,
        processes=args.processes,
        clip_seconds=args.clip_seconds,
        chunk=args.chunk,
        progress=lambda message: print(f"seatsense bench: {message}", file=sys.stderr),
    )
    try:
        report = run_bench(config)
    except (RuntimeError, ValueError) as err:  # ffmpeg or the RTSP server missing, bad config
        raise CommandError(str(err)) from None
    print(json.dumps(report) if args.json else format_report(report))
    return 0


def _cmd_bench_server(args: argparse.Namespace) -> int:
    _require_detect_extra()
    from ..benchmark import ServerBenchConfig, format_server_report, run_server_bench

    config = ServerBenchConfig(
        clients=args.clients,
        cameras=args.cameras,
        duration_s=args.duration,
        interval_s=args.interval,
        progress=lambda message: print(f"seatsense bench-server: {message}", file=sys.stderr),
    )
    try:
        report = run_server_bench(config)
    except (RuntimeError, ValueError) as err:
        raise CommandError(str(err)) from None
    print(json.dumps(report) if args.json else format_server_report(report))
    return 0


def _cmd_demo(args: argparse.Namespace) -> int:
    from ..core.engine import SeatState
    from ..demo import DemoSource, Timeline, compare_events, demo_site
    from ..vision.detect import load_detector
    from ..vision.pipeline import Pipeline

    if args.interval <= 0 or (args.speed is not None and args.speed <= 0):
        raise CommandError("--interval and --speed must be positive")
    try:
        timeline = Timeline.load(args.timeline) if args.timeline else None
    except ValueError as err:
        raise CommandError(f"{args.timeline}: {err}") from None
    source = DemoSource(
        timeline, interval_s=args.interval, speed=args.speed, start_s=args.start, end_s=args.end
    )
    if source.end_s <= source.start_s or source.start_s < 0:
        raise CommandError(
            f"--start/--end: need 0 <= start < end <= {source.timeline.duration_s:g}"
        )
    site = demo_site(interval_s=args.interval)
    camera = site.cameras[0]
    pipeline = Pipeline(site, load_detector(args.model))
    progress = sys.stderr.isatty() if args.progress is None else args.progress
    out = sys.stdout
    total = len(source)
    events: list[Any] = []
    began = time.monotonic()
    reached = source.start_s
    samples = 0

    def clock(t: float) -> str:
        seconds = t % 60
        return f"{int(t // 60):02d}:" + (
            f"{seconds:02.0f}" if seconds == int(seconds) else f"{seconds:04.1f}"
        )

    def bar(done: int, t: float, states: dict[str, int]) -> None:
        width = 30
        filled = round(width * done / max(total, 1))
        counts = ", ".join(
            f"{states.get(s.value, 0)} {s.value}"
            for s in (SeatState.OCCUPIED, SeatState.AWAY, SeatState.ABANDONED)
        )
        print(
            f"\rdemo [{'#' * filled}{'.' * (width - filled)}] {100 * done // max(total, 1):3d}% "
            f"{clock(t)}/{clock(source.end_s)}  {counts}  {len(events)} events ",
            end="",
            file=sys.stderr,
            flush=True,
        )

    try:
        for sample in source:
            result = pipeline.update({camera.id: (sample.frame, sample.time_s)})
            samples += 1
            reached = sample.time_s
            for event in result.events:
                events.append(event)
                if args.json:
                    continue
                if progress:  # the event line replaces the bar; the bar is drawn again below
                    print("\r\x1b[K", end="", file=sys.stderr, flush=True)
                if args.human:
                    print(
                        f"{clock(event.time_s)}  {event.seat_id or camera.id:>4}  "
                        f"{event.type.value}",
                        file=out,
                        flush=True,
                    )
                else:
                    print(json.dumps(event.to_dict(), ensure_ascii=False), file=out, flush=True)
            if progress:
                states: dict[str, int] = {}
                for status in result.statuses.get(camera.id, {}).values():
                    states[status.state.value] = states.get(status.state.value, 0) + 1
                bar(samples, sample.time_s, states)
    except KeyboardInterrupt:
        if progress:
            print(file=sys.stderr)
        print(f"seatsense demo: interrupted at {clock(reached)}", file=sys.stderr)
    elapsed = time.monotonic() - began
    if progress:
        print(file=sys.stderr)
    expected = source.timeline.expected_events(
        args.interval, site.settings, start_s=source.start_s, end_s=reached
    )
    comparison = compare_events(events, expected, tolerance_s=args.interval)
    summary = {
        "ok": comparison.ok,
        "start_s": source.start_s,
        "end_s": reached,
        "interval_s": args.interval,
        "samples": samples,
        "seconds": round(elapsed, 2),
        "events": len(events),
        "expected": len(expected),
        "matched": len(comparison.matched),
        "max_error_s": comparison.max_error_s,
        "missing": [e.to_dict() for e in comparison.missing],
        "spurious": [e.to_dict() for e in comparison.spurious],
    }
    if args.json:
        summary["event_log"] = [event.to_dict() for event in events]
        print(json.dumps(summary, ensure_ascii=False), file=out)
    else:
        verdict = (
            "every event as the scenario expects"
            if comparison.ok
            else "events differ from the scenario"
        )
        lines = [
            f"seatsense demo: {samples} samples ({clock(source.start_s)}-{clock(reached)} "
            f"every {args.interval:g} s) in {elapsed:.1f} s: {verdict}",
            *comparison.report().splitlines(),
        ]
        print("\n".join(lines), file=out if args.human else sys.stderr)
    return 0 if comparison.ok else 1


def _cmd_eval(args: argparse.Namespace) -> int:
    from ..evaluation.evaluate import evaluate, format_report
    from ..vision.detect import load_detector

    report = evaluate(args.dataset, detector=load_detector(args.model))
    print(json.dumps(report) if args.json else format_report(report))
    return 0


def _cmd_check_layout(args: argparse.Namespace) -> int:
    from ..core.layout import load_site

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


def _cmd_run(args: argparse.Namespace) -> int:
    from ..core.layout import load_site
    from ..live.monitor import Monitor, MonitorUpdate
    from ..live.store import EventStore

    site = load_site(args.site)
    store = EventStore(args.db)
    stopping = threading.Event()
    seats = [(camera.id, seat.id) for camera in site.cameras for seat in camera.seats]
    local = datetime.now().astimezone().tzinfo or UTC
    started_s = time.time()
    hour_s = 3600.0
    summarised_until = [started_s]

    def summarise(until_s: float) -> None:
        """Hourly statistics rows for the hours the log has seen complete (and the last one)."""
        store.update_hourly(summarised_until[0], until_s, seats, tz=local)
        summarised_until[0] = until_s

    def on_update(update: MonitorUpdate) -> None:
        for event in update.events:
            print(json.dumps(event.to_dict(), ensure_ascii=False), flush=True)
        if update.time_s // hour_s > summarised_until[0] // hour_s:
            summarise(update.time_s // hour_s * hour_s)
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
        summarise(time.time())
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


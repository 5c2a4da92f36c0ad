"""`python -m benchmarks.bench`: N live channels through the monitor, against the naive design.

Run from the repository root; the flags are those of the former `seatsense bench`.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from .live import BenchConfig, format_report, run_bench

PROG = "python -m benchmarks.bench"


def build_parser() -> argparse.ArgumentParser:
    """The command line of the channel benchmark."""
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Serve N 8-seat cameras (synthetic H.264 scenes, 25 fps, 1 s GOP) from a "
        "loopback RTSP server and run the monitor on them: cycle time, CPU, memory, frame "
        "age, what the change gate saves, and the plan's naive design as a baseline. Needs "
        "ffmpeg and GStreamer's RTSP server for /usr/bin/python3 (scripts/setup-services).",
    )
    parser.add_argument("--channels", type=int, default=16, help="cameras (default 16)")
    parser.add_argument("--resolution", choices=("720p", "1080p"), default="1080p")
    parser.add_argument(
        "--duration", type=float, default=60.0, help="measured seconds per run (default 60)"
    )
    parser.add_argument("--interval", type=float, default=3.0, help="cycle interval (default 3)")
    parser.add_argument(
        "--scene",
        choices=("changing", "static"),
        default="changing",
        help="people appear at seats now and then (default), or nothing ever changes",
    )
    parser.add_argument(
        "--no-gate-off", action="store_true", help="skip the run with the change gate disabled"
    )
    parser.add_argument(
        "--naive-channels",
        type=int,
        default=2,
        help="channels the naive baseline runs on, scaled to --channels (0 skips it)",
    )
    parser.add_argument("--naive-duration", type=float, default=None, help="default: --duration")
    parser.add_argument("--model", default="bundled", help="bundled, an .onnx or a .pt file")
    parser.add_argument(
        "--clip-dir", type=Path, default=None, help="clip cache (~/.cache/seatsense/bench)"
    )
    parser.add_argument(
        "--source",
        choices=("rtsp", "file"),
        default="rtsp",
        help="rtsp: the loopback RTSP server (default); file: each camera plays an .mp4 clip "
        "at its own speed through the same grabber code (no GStreamer needed)",
    )
    parser.add_argument(
        "--processes", type=int, default=1, help="monitor processes to split channels over"
    )
    parser.add_argument(
        "--clip-seconds", type=float, default=28.0, help="length of the looped clips"
    )
    parser.add_argument(
        "--chunk",
        type=int,
        default=None,
        help="what-if: split each inference batch into chunks of this many crops",
    )
    parser.add_argument("--profile", type=Path, default=None, help="cProfile of the cycles")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; the report on stdout, progress on stderr. Exit code 2 on errors."""
    args = build_parser().parse_args(argv)
    if min(args.channels, args.processes) < 1 or min(args.duration, args.interval) <= 0:
        return _fail("--channels, --processes, --duration and --interval must be positive")
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
        progress=lambda message: print(f"bench: {message}", file=sys.stderr),
    )
    try:
        report = run_bench(config)
    except (RuntimeError, ValueError) as err:  # ffmpeg or the RTSP server missing, bad config
        return _fail(str(err))
    print(json.dumps(report) if args.json else format_report(report))
    return 0


def _fail(message: str) -> int:
    print(f"{PROG}: error: {message}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main())

"""`python -m benchmarks.bench_server`: load-test `seatsense serve` with WebSocket clients.

Run from the repository root; the flags are those of the former `seatsense bench-server`.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from .server_load import ServerBenchConfig, format_server_report, run_server_bench

PROG = "python -m benchmarks.bench_server"


def build_parser() -> argparse.ArgumentParser:
    """The command line of the server load test."""
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Start `seatsense serve` on N demo cameras (8 seats each) on 127.0.0.1, "
        "follow it with M WebSocket clients and measure push latency, server memory and "
        "that every client gets every sequence number (docs/server.md).",
    )
    parser.add_argument("--clients", type=int, default=50, help="default 50")
    parser.add_argument("--cameras", type=int, default=16, help="default 16")
    parser.add_argument(
        "--duration", type=float, default=60.0, help="measured seconds (default 60)"
    )
    parser.add_argument("--interval", type=float, default=3.0, help="cycle interval")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the load test; the report on stdout, progress on stderr. Exit code 2 on errors."""
    args = build_parser().parse_args(argv)
    config = ServerBenchConfig(
        clients=args.clients,
        cameras=args.cameras,
        duration_s=args.duration,
        interval_s=args.interval,
        progress=lambda message: print(f"bench-server: {message}", file=sys.stderr),
    )
    try:
        report = run_server_bench(config)
    except (RuntimeError, ValueError) as err:
        print(f"{PROG}: error: {err}", file=sys.stderr)
        return 2
    print(json.dumps(report) if args.json else format_server_report(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""`seatsense soak`: days of the demo room on several cameras through the real monitor,
detector and event log, with faults injected (docs/soak.md), checked against the truth."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from .command import CommandError, Subparsers, require_detect_extra
from .progress import show_in_place


def add_parser(subparsers: Subparsers) -> None:
    """Add `soak` to the command line."""
    parser = subparsers.add_parser(
        "soak",
        help="days of the demo under injected faults, every event checked",
        description="Run the demo study room on several cameras for hours of scenario time, "
        "faster than real time, while the sources drop for 2 minutes every hour, one camera "
        "serves corrupt frames for 5 minutes, the monitor process is SIGKILLed and restarted "
        "every 3 hours and the event log's disk fills up once; then check every stored event "
        "against the scenario's truth (docs/soak.md). Exit code 0 when every target is met.",
    )
    parser.add_argument("--hours", type=float, default=24.0, help="scenario hours (default 24)")
    parser.add_argument("--cameras", type=int, default=4, help="demo cameras (default 4)")
    parser.add_argument(
        "--interval", type=float, default=60.0, help="scenario seconds between samples (60)"
    )
    parser.add_argument("--seed", type=int, default=1, help="seeds the cameras' days")
    parser.add_argument(
        "--seat-tiles", action="store_true", help="infer seat tiles too (3-4x slower)"
    )
    parser.add_argument("--keep", type=Path, default=None, help="keep the event log here")
    parser.add_argument("--json", action="store_true", help="print the report as one JSON object")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Run the soak; exit code 0 when the targets are met, 1 when not."""
    require_detect_extra()
    from ..demo.faults import FaultPlan
    from ..demo.soak import run_soak

    if args.hours < 2 or args.cameras < 1 or args.interval <= 0:
        raise CommandError("--hours must be at least 2, --cameras at least 1, --interval > 0")
    plan = FaultPlan.for_hours(args.hours, args.cameras, args.interval, args.seed, args.seat_tiles)
    draw = sys.stderr.isatty()
    report = run_soak(plan, args.keep, progress=show_in_place if draw else None)
    if draw:
        print(file=sys.stderr)
    if args.json:
        print(json.dumps(report))
    else:
        print(_summary(report))
    return 0 if report["ok"] else 1


def _summary(report: dict[str, Any]) -> str:
    events, disk, rss = report["events"], report["disk_full"], report["rss_mb"]
    return "\n".join(
        [
            f"seatsense soak: {report['hours']:g} h on {report['cameras']} cameras in "
            f"{report['wall_s']:.0f} s: {'every target met' if report['ok'] else 'TARGETS MISSED'}",
            f"  events: {events['expected']} expected, {events['stored']} stored, "
            f"{events['lost']} lost, {events['duplicated']} duplicated, "
            f"{events['spurious']} spurious, {events['printed_not_stored']} printed not stored",
            f"  camera events: {report['camera_events']}",
            f"  restarts: {report['restarts']}, largest seat-clock error after one: "
            f"{report['clock_error_s']:g} s ({report['restart_state_mismatches']} seats differ)",
            f"  memory: {rss['start']}-{rss['end']} MB, "
            + (
                "slope not measured (no process lived 2 h)"
                if rss["slope_per_day"] is None
                else f"{rss['slope_per_day']} MB per scenario day"
            )
            + f"; log {report['db_mb']} MB",
            "  targets missed: "
            + (", ".join(k for k, met in report["targets"].items() if met is False) or "none"),
            f"  full disk: refused {disk['refused_from_s']}-{disk['refused_until_s']} s, said "
            f"{disk['said']}x, {disk['most_in_memory']} events in memory at most, caught up: "
            f"{disk['caught_up']}",
            *(f"  {line}" for line in events["examples"]),
        ]
    )

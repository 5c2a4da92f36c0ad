"""`seatsense demo`: the rendered demo study room through the full pipeline in the terminal,
checked against the scenario's expected events (docs/demo.md)."""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .command import CommandError, Subparsers
from .progress import ProgressBar, clock

if TYPE_CHECKING:
    from ..core.engine import Event, SeatStatus
    from ..demo import DemoSource, EventComparison, ExpectedEvent
    from ..vision.pipeline import Pipeline


def add_parser(subparsers: Subparsers) -> None:
    """Add `demo` to the command line."""
    parser = subparsers.add_parser(
        "demo",
        help="run the built-in demo scenario in the terminal",
        description="Run the rendered demo study room (8 seats, 30 scenario minutes) through the "
        "full pipeline, as fast as the machine goes (or paced with --speed): a progress bar on "
        "stderr, seat events as they happen, and a summary comparing them with the scenario's "
        "expected events. Exit code 0 when they agree, 1 when they do not.",
    )
    parser.add_argument(
        "--interval", type=float, default=3.0, help="scenario seconds between samples (default 3)"
    )
    parser.add_argument(
        "--speed",
        type=float,
        default=None,
        help="scenario seconds per real second (60: the 30 minutes in 30 s); default: no waiting",
    )
    parser.add_argument("--start", type=float, default=0.0, help="scenario second to start at")
    parser.add_argument("--end", type=float, default=None, help="scenario second to stop at")
    parser.add_argument("--timeline", type=Path, default=None, help="a timeline file (YAML/JSON)")
    parser.add_argument("--model", default="bundled", help="bundled, an .onnx or a .pt file")
    output = parser.add_mutually_exclusive_group()
    output.add_argument(
        "--human", action="store_true", help="readable event lines and summary on stdout"
    )
    output.add_argument(
        "--json", action="store_true", help="print one JSON object at the end (events, summary)"
    )
    parser.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="progress bar on stderr (default: when stderr is a terminal)",
    )
    parser.add_argument(
        "--db",
        type=Path,
        default=None,
        help="also write the events, seat statuses and hourly statistics to this SQLite log, "
        "scenario second 0 placed at 09:00 today (input for `seatsense report`)",
    )
    parser.set_defaults(handler=run)


@dataclass
class _Playback:
    """What a run through the scenario saw."""

    reached_s: float
    events: list[Event] = field(default_factory=list)
    statuses: dict[str, SeatStatus] = field(default_factory=dict)
    samples: int = 0
    elapsed_s: float = 0.0


def run(args: argparse.Namespace) -> int:
    """Play the scenario; exit code 0 when the events match the expected ones, else 1."""
    from ..demo import compare_events, demo_site
    from ..vision.detect import load_detector
    from ..vision.pipeline import Pipeline

    source = _source(args)
    site = demo_site(interval_s=args.interval)
    pipeline = Pipeline(site, load_detector(args.model))
    show_progress = sys.stderr.isatty() if args.progress is None else args.progress
    bar = ProgressBar("demo", len(source), source.end_s) if show_progress else None
    playback = _play(source, site.cameras[0].id, pipeline, args, bar)
    expected = source.timeline.expected_events(
        args.interval, site.settings, start_s=source.start_s, end_s=playback.reached_s
    )
    comparison = compare_events(playback.events, expected, tolerance_s=args.interval)
    _print_summary(args, source, playback, expected, comparison)
    if args.db is not None:
        _write_log(args.db, site.cameras[0].id, source.start_s, playback)
    return 0 if comparison.ok else 1


_STATUS_TIMES = ("since_s", "vacant_since_s", "occupied_since_s", "belongings_since_s",
                 "person_first_seen_s", "absent_since_s", "belongings_first_seen_s",
                 "clear_first_seen_s", "last_update_s")
_EVENT_DATA_TIMES = ("occupied_since_s", "belongings_since_s")


def _write_log(path: Path, camera_id: str, start_s: float, playback: _Playback) -> None:
    """The run as `seatsense run` logs it, scenario second 0 at 09:00 today (local time)."""
    from dataclasses import replace
    from datetime import date, datetime
    from datetime import time as day_time

    from ..live.store import EventStore

    offset = datetime.combine(date.today(), day_time(9)).astimezone().timestamp()
    events = [
        replace(e, time_s=e.time_s + offset, data={
            k: v + offset if k in _EVENT_DATA_TIMES and v is not None else v
            for k, v in e.data.items()})
        for e in playback.events
    ]
    statuses = {
        (camera_id, seat): replace(status, **{
            name: getattr(status, name) + offset
            for name in _STATUS_TIMES if getattr(status, name) is not None})
        for seat, status in playback.statuses.items()
    }
    local = datetime.now().astimezone().tzinfo
    with EventStore(path) as store:
        store.write_events(events)
        store.write_statuses(statuses, time_s=playback.reached_s + offset)
        if local is not None:
            store.update_hourly(start_s + offset, playback.reached_s + offset,
                                list(statuses), tz=local)
    print(f"seatsense demo: {len(events)} events written to {path}", file=sys.stderr)


def _source(args: argparse.Namespace) -> DemoSource:
    """The demo camera for the arguments; bad ones are one-line errors."""
    from ..demo import DemoSource, Timeline

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
    return source


def _play(
    source: DemoSource,
    camera_id: str,
    pipeline: Pipeline,
    args: argparse.Namespace,
    bar: ProgressBar | None,
) -> _Playback:
    """Every sample through the pipeline; events printed as they happen (unless `--json`).
    Ctrl-C ends the run early; what was seen until then still counts."""
    playback = _Playback(reached_s=source.start_s)
    began = time.monotonic()
    try:
        for sample in source:
            result = pipeline.update({camera_id: (sample.frame, sample.time_s)})
            playback.samples += 1
            playback.reached_s = sample.time_s
            playback.statuses = result.statuses.get(camera_id, playback.statuses)
            for event in result.events:
                playback.events.append(event)
                if not args.json:
                    if bar is not None:  # the event line replaces the bar; it is drawn again
                        bar.clear()
                    _print_event(event, camera_id, args.human)
            if bar is not None:
                counts = _state_counts(result.statuses.get(camera_id, {}))
                bar.draw(
                    playback.samples, sample.time_s, f"{counts}  {len(playback.events)} events"
                )
    except KeyboardInterrupt:
        if bar is not None:
            bar.finish()
        print(f"seatsense demo: interrupted at {clock(playback.reached_s)}", file=sys.stderr)
    playback.elapsed_s = time.monotonic() - began
    if bar is not None:
        bar.finish()
    return playback


def _print_event(event: Event, camera_id: str, human: bool) -> None:
    if human:
        line = f"{clock(event.time_s)}  {event.seat_id or camera_id:>4}  {event.type.value}"
    else:
        line = json.dumps(event.to_dict(), ensure_ascii=False)
    print(line, flush=True)


def _state_counts(statuses: dict[str, SeatStatus]) -> str:
    """`2 occupied, 1 away, 0 abandoned`: the seats in the states worth watching."""
    from ..core.engine import SeatState

    counts: dict[str, int] = {}
    for status in statuses.values():
        counts[status.state.value] = counts.get(status.state.value, 0) + 1
    return ", ".join(
        f"{counts.get(s.value, 0)} {s.value}"
        for s in (SeatState.OCCUPIED, SeatState.AWAY, SeatState.ABANDONED)
    )


def _print_summary(
    args: argparse.Namespace,
    source: DemoSource,
    playback: _Playback,
    expected: list[ExpectedEvent],
    comparison: EventComparison,
) -> None:
    """One JSON object on stdout with `--json`; else readable lines (stdout with `--human`,
    stderr otherwise, where they stay apart from the JSON event lines)."""
    summary: dict[str, Any] = {
        "ok": comparison.ok,
        "start_s": source.start_s,
        "end_s": playback.reached_s,
        "interval_s": args.interval,
        "samples": playback.samples,
        "seconds": round(playback.elapsed_s, 2),
        "events": len(playback.events),
        "expected": len(expected),
        "matched": len(comparison.matched),
        "max_error_s": comparison.max_error_s,
        "missing": [e.to_dict() for e in comparison.missing],
        "spurious": [e.to_dict() for e in comparison.spurious],
    }
    if args.json:
        summary["event_log"] = [event.to_dict() for event in playback.events]
        print(json.dumps(summary, ensure_ascii=False))
        return
    verdict = (
        "every event as the scenario expects"
        if comparison.ok
        else "events differ from the scenario"
    )
    lines = [
        f"seatsense demo: {playback.samples} samples ({clock(source.start_s)}-"
        f"{clock(playback.reached_s)} every {args.interval:g} s) in {playback.elapsed_s:.1f} s: "
        f"{verdict}",
        *comparison.report().splitlines(),
    ]
    print("\n".join(lines), file=sys.stdout if args.human else sys.stderr)

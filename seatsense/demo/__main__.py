"""`python -m seatsense.demo`: write a frame, the default timeline, or the expected events.

python -m seatsense.demo timeline my-day.yaml      # a timeline to edit, for `--timeline`
python -m seatsense.demo events --timeline my-day.yaml
python -m seatsense.demo render 600 frame.png --timeline my-day.yaml
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence

from .render import render
from .scenario import Timeline, default_timeline


def main(argv: Sequence[str] | None = None) -> int:
    """Run one of the subcommands; exit code 0."""
    parser = argparse.ArgumentParser(prog="python -m seatsense.demo")
    commands = parser.add_subparsers(dest="command", required=True)
    draw = commands.add_parser("render", help="write the frame at a scenario time")
    draw.add_argument("time_s", type=float)
    draw.add_argument("out")
    draw.add_argument("--timeline")
    write = commands.add_parser("timeline", help="write the default timeline (JSON or YAML)")
    write.add_argument("out")
    show = commands.add_parser("events", help="print the expected events as JSON lines")
    show.add_argument("--interval", type=float, default=3.0)
    show.add_argument("--timeline")
    args = parser.parse_args(argv)
    if args.command == "render":
        import cv2

        timeline = Timeline.load(args.timeline) if args.timeline else None
        cv2.imwrite(args.out, render(args.time_s, timeline))
    elif args.command == "timeline":
        default_timeline().save(args.out)
    else:
        timeline = Timeline.load(args.timeline) if args.timeline else default_timeline()
        for event in timeline.expected_events(args.interval):
            print(json.dumps(event.to_dict()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

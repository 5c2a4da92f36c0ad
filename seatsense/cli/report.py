"""`seatsense report`: a utilisation report (HTML, PNG, CSV) from the SQLite event log."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .command import CommandError, Subparsers
from .progress import ProgressBar


def add_parser(subparsers: Subparsers) -> None:
    """Add `report` to the command line."""
    parser = subparsers.add_parser(
        "report",
        help="utilisation report from the event log",
        description="Which seats are used and when, how much seat time is lost to hogging, "
        "how long people stay and how long seats sit vacant, and camera downtime: DIR/report.html "
        "(one self-contained file), the figures as PNG and the numbers as CSV.",
    )
    parser.add_argument("--db", type=Path, required=True, help="the SQLite event log")
    parser.add_argument(
        "--from",
        dest="first_day",
        default=None,
        help="first local day, YYYY-MM-DD (default: the log's first)",
    )
    parser.add_argument(
        "--to",
        dest="last_day",
        default=None,
        help="last local day, YYYY-MM-DD, included (default: the log's last)",
    )
    parser.add_argument(
        "--site",
        type=Path,
        default=None,
        help="site file: seat names and a seat map drawn from its polygons",
    )
    parser.add_argument(
        "--tz",
        default=None,
        help="time zone of the days and hours, e.g. Asia/Seoul (default: local)",
    )
    parser.add_argument("-o", "--output", type=Path, required=True, help="output folder")
    parser.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="progress bar on stderr (default: when stderr is a terminal)",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Compute and write the report; report problems are one-line errors (exit 2)."""
    from ..core.layout import load_site
    from ..report import NoDataError, ReportError, load_report, local_zone, parse_day, parse_zone

    try:
        tz = parse_zone(args.tz) if args.tz else local_zone()
        first = parse_day(args.first_day, "--from") if args.first_day else None
        last = parse_day(args.last_day, "--to") if args.last_day else None
        site = load_site(args.site) if args.site else None
        try:
            from ..report import charts, output
        except ImportError as err:
            raise CommandError(
                f'seatsense report needs matplotlib ({err}): pip install "seatsense[report]"'
            ) from None
        extra = [(c.id, s.id) for c in site.cameras for s in c.seats] if site else []
        cameras = len({c for c, _ in extra}) or 1
        show = sys.stderr.isatty() if args.progress is None else args.progress
        bar = ProgressBar("report", cameras + 8, cameras + 8, show_time=lambda t: f"{t:.0f}")
        steps = [0]

        def step(detail: str) -> None:
            steps[0] += 1
            if show:
                bar.draw(steps[0], steps[0], detail)

        def camera_done(done: int, total: int, what: str) -> None:
            bar.total = bar.end_s = total + 7  # an estimate until the charts are planned
            step(what)

        data = load_report(args.db, tz, first, last, extra, progress=camera_done)
        bar.total = bar.end_s = steps[0] + len(output.chart_plans(data, site))
        warning = charts.use_hangul_font(output.font_texts(data, site))
        if warning:
            print(f"seatsense report: warning: {warning}", file=sys.stderr)
        written = output.write_report(data, args.output, site, progress=step)
    except NoDataError as err:
        raise CommandError(f"{err}; choose other days with --from/--to") from None
    except ReportError as err:
        raise CommandError(str(err)) from None
    if show:
        bar.finish()
    print(
        f"seatsense report: {data.first_day} to {data.last_day} ({tz}), {len(data.seats)} "
        f"seats: {len(written)} files in {args.output}, open {args.output / 'report.html'}",
        file=sys.stderr,
    )
    return 0

"""`seatsense run`: run a site live; status line on stderr, events as JSON lines on stdout,
and an SQLite event log.

Every event is in the log before it is printed (a cycle's events and the seat states they
lead to in one transaction), and a restarted run resumes the seats' states and clocks from
the log, whatever ended the last one (Ctrl-C, SIGTERM, SIGKILL, a power cut)."""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from .command import Subparsers, add_item_model_options, item_model
from .progress import show_in_place, status_line

if TYPE_CHECKING:
    from ..live.store import StoreHealth


def add_parser(subparsers: Subparsers) -> None:
    """Add `run` to the command line."""
    parser = subparsers.add_parser(
        "run",
        help="run a site live",
        description="Run every camera of a site: a status line on stderr, events as JSON lines "
        "on stdout, and an SQLite event log. Ctrl-C stops it cleanly.",
    )
    parser.add_argument("site", type=Path, help="site file (YAML or JSON)")
    parser.add_argument(
        "--db",
        type=Path,
        default=Path("seatsense.sqlite"),
        help="SQLite event log (default: seatsense.sqlite)",
    )
    parser.add_argument("--duration", type=float, default=None, help="stop after this many seconds")
    parser.add_argument("--quiet", action="store_true", help="no status line")
    add_item_model_options(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Run until Ctrl-C, SIGTERM or `--duration`; the log is flushed and summarised."""
    from ..core.layout import load_site
    from ..core.status import MonitorUpdate
    from ..live.monitor import Monitor
    from ..live.store import EventStore, StoreError
    from ..vision.detect import load_detector

    site = load_site(args.site)
    items = item_model(args)
    # Without --items the monitor loads the site's model itself, as it always has.
    detector = load_detector(site.model, items=items) if items is not None else None
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
            show_in_place(status_line(update) + _log_trouble(store.health()))

    monitor = Monitor(
        site,
        detector=detector,
        store=store,
        restore=store.seat_statuses(),
        restore_cameras=store.camera_statuses(),
        restore_references=store.camera_references(),
    )
    monitor.add_listener(on_update)
    previous = signal.signal(signal.SIGTERM, lambda *_: stopping.set())
    monitor.start()
    written = False
    try:
        stopping.wait(args.duration)
    except KeyboardInterrupt:
        pass
    finally:
        monitor.stop()
        signal.signal(signal.SIGTERM, previous)
        if not args.quiet:
            print(file=sys.stderr)
        try:
            summarise(time.time())
            store.close()
            written = True
        except StoreError as err:  # the disk is still full: say what was not kept
            print(f"seatsense run: {err}", file=sys.stderr)
    return 0 if written else 1


def _log_trouble(health: StoreHealth) -> str:
    """What the status line adds while the event log cannot be written."""
    if health.writable:
        return ""
    return f" | log: {health.error} ({health.pending_events} events wait in memory)"

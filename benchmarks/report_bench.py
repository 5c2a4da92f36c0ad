"""`seatsense report` on a large log: 16 cameras x 8 seats x 90 days of synthetic events.

    python -m benchmarks.report_bench [--days 90] [--keep DIR] [--json]

Builds the log through `EventStore` (study-cafe days in Asia/Seoul: stays of 30 minutes to
4 hours between 08:00 and 24:00, some belongings left behind for 10-60 minutes, a camera
outage now and then), then times `seatsense report` on it in a child process and reads the
child's peak RSS. Targets: under 10 s and under 500 MB on the 2-core development machine.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from seatsense.core.engine import Event, EventType, SeatState, SeatStatus
from seatsense.live.store import EventStore

ZONE = ZoneInfo("Asia/Seoul")
FIRST_DAY = date(2026, 1, 5)


def seat_day(rng: random.Random, camera: str, seat: str, day_start_s: float) -> list[Event]:
    """One seat's day: stays back to back with vacant gaps, sometimes hogged after a stay."""
    events: list[Event] = []
    t = day_start_s + 8 * 3600 + rng.uniform(0, 3 * 3600)
    closing = day_start_s + 24 * 3600 - 60
    while True:
        stay = rng.uniform(30 * 60, 4 * 3600)
        if t + stay >= closing:
            return events
        events.append(Event(EventType.PERSON_ENTER, t, camera, seat))
        t += stay
        events.append(Event(EventType.PERSON_LEAVE, t, camera, seat, data={"stay_s": stay}))
        if rng.random() < 0.15:  # bag left behind: hogging after 10 minutes
            hogged = rng.uniform(10 * 60, 60 * 60)
            events.append(Event(EventType.ABANDONED_DETECTED, t + 600, camera, seat))
            t += 600 + hogged
            events.append(Event(EventType.BELONGINGS_REMOVED, t, camera, seat))
        t += rng.uniform(5 * 60, 2 * 3600)


def build_log(path: Path, cameras: int, seats: int, days: int) -> int:
    """Write the synthetic log; returns the number of events."""
    rng = random.Random(18)
    count = 0
    with EventStore(path, max_pending=200_000, flush_interval_s=3600) as store:
        for offset in range(days):
            day = FIRST_DAY + timedelta(days=offset)
            start = datetime(day.year, day.month, day.day, tzinfo=ZONE).timestamp()
            events: list[Event] = []
            for c in range(1, cameras + 1):
                camera = f"cam{c:02d}"
                for s in range(1, seats + 1):
                    events += seat_day(rng, camera, f"S{s}", start)
                if rng.random() < 0.1:
                    down = start + rng.uniform(9 * 3600, 20 * 3600)
                    events.append(Event(EventType.CAMERA_OFFLINE, down, camera))
                    events.append(
                        Event(EventType.CAMERA_ONLINE, down + rng.uniform(300, 1800), camera)
                    )
            store.write_events(events)
            store.flush()  # a day per transaction; the store keeps at most 100k pending
            count += len(events)
        end = datetime.combine(FIRST_DAY + timedelta(days=days), datetime.min.time(), ZONE)
        store.write_statuses(
            {
                (f"cam{c:02d}", f"S{s}"): SeatStatus(SeatState.EMPTY)
                for c in range(1, cameras + 1)
                for s in range(1, seats + 1)
            },
            time_s=end.timestamp(),
        )
    return count


def main() -> None:
    """Build the log, run the report, print the numbers."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cameras", type=int, default=16)
    parser.add_argument("--seats", type=int, default=8)
    parser.add_argument("--days", type=int, default=90)
    parser.add_argument("--keep", type=Path, default=None, help="keep the log and report here")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="report-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    log = work / "events.sqlite"
    log.unlink(missing_ok=True)
    began = time.monotonic()
    events = build_log(log, args.cameras, args.seats, args.days)
    built_s = time.monotonic() - began
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1]))
    began = time.monotonic()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "seatsense.cli",
            "report",
            "--db",
            str(log),
            "--tz",
            "Asia/Seoul",
            "-o",
            str(work / "report"),
            "--no-progress",
        ],
        check=True,
        env=env,
    )
    report_s = time.monotonic() - began
    child = resource.getrusage(resource.RUSAGE_CHILDREN)
    peak_mb = child.ru_maxrss / 1024  # Linux: KiB
    result = {
        "cameras": args.cameras,
        "seats_per_camera": args.seats,
        "days": args.days,
        "events": events,
        "log_mb": round(log.stat().st_size / 2**20, 1),
        "build_s": round(built_s, 1),
        "report_s": round(report_s, 2),
        # CPU seconds of the report process: about its wall time on an idle core.
        "report_cpu_s": round(child.ru_utime + child.ru_stime, 2),
        "report_peak_rss_mb": round(peak_mb),
        "load_average": os.getloadavg(),
        "html_mb": round((work / "report" / "report.html").stat().st_size / 2**20, 2),
    }
    print(json.dumps(result) if args.json else "\n".join(f"{k}: {v}" for k, v in result.items()))


if __name__ == "__main__":
    main()

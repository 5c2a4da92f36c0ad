"""How long a live monitor takes to notice a camera outage, and to recover from it.

A loopback RTSP server (tests/support) feeds one camera of a monitor at the default 3 s
interval; the server is killed, stays down for each outage length, and comes back on the
same port. Printed as one JSON object: per outage, seconds from the kill to `camera_offline`
and from the server's return to `camera_online`.

    python -m benchmarks.outage --outages 60 600
"""

from __future__ import annotations

import argparse
import json
import tempfile
import threading
import time
from pathlib import Path

from seatsense.core.engine import EventType
from seatsense.core.layout import parse_site
from seatsense.core.status import MonitorUpdate
from seatsense.live.monitor import Monitor
from tests.lib.rtsp import RtspServer, make_clip


def _measure(server: RtspServer, outage_s: float, interval_s: float) -> dict[str, float]:
    site = parse_site(
        {
            "name": "outage",
            "interval_s": interval_s,
            "cameras": [
                {
                    "id": "cam",
                    "source": server.url(),
                    "width": 320,
                    "height": 240,
                    "seats": [{"id": "A1", "polygon": [[0, 0], [160, 0], [160, 240], [0, 240]]}],
                }
            ],
        }
    )
    seen: dict[EventType, float] = {}
    changed = threading.Condition()

    def on_update(update: MonitorUpdate) -> None:
        with changed:
            for event in update.events:
                seen.setdefault(event.type, time.monotonic())
            changed.notify_all()

    def wait_for(kind: EventType, timeout_s: float) -> float:
        with changed:
            changed.wait_for(lambda: kind in seen, timeout_s)
        return seen[kind]

    monitor = Monitor(site)
    monitor.add_listener(on_update)
    monitor.start()
    try:
        time.sleep(3 * interval_s)  # streaming and online
        server.kill()
        killed = time.monotonic()
        offline = wait_for(EventType.CAMERA_OFFLINE, outage_s + 60)
        time.sleep(max(0.0, killed + outage_s - time.monotonic()))
        server.start()
        back = time.monotonic()
        online = wait_for(EventType.CAMERA_ONLINE, 180)
    finally:
        monitor.stop()
    return {
        "outage_s": outage_s,
        "offline_detected_after_s": round(offline - killed, 1),
        "online_after_return_s": round(online - back, 1),
        "offline_after_s": monitor.offline_after_s,
    }


def main() -> None:
    """Measure each outage length given and print the figures as JSON."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--outages", type=float, nargs="+", default=[60.0, 600.0])
    parser.add_argument("--interval", type=float, default=3.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        clip = make_clip(Path(folder) / "clip.h264", 320, 240, seconds=2)
        results = []
        for outage_s in args.outages:
            with RtspServer(clip) as server:
                results.append(_measure(server, outage_s, args.interval))
    print(json.dumps({"outages": results}))


if __name__ == "__main__":
    main()

"""What the commands show while they run, on stderr: a live status line and a progress bar,
each redrawn in place, and scenario clock times."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TextIO

from ..core.status import MonitorUpdate
from ..core.urls import scrub_credentials


def status_line(update: MonitorUpdate) -> str:
    """One line: per camera, online or not (and why not), and seat counts by state.

    >>> from seatsense.core.status import CameraStatus
    >>> down = CameraStatus(online=False, people=0, seats={},
    ...                     health={"last_error": "rtsp://10.0.0.5/ch1: Connection refused"})
    >>> status_line(MonitorUpdate(time_s=0.0, cameras={"ch1": down}))
    'ch1[OFF: Connection refused]'
    """
    parts = []
    for camera_id, camera in update.cameras.items():
        counts: dict[str, int] = {}
        for status in camera.seats.values():
            counts[status.state.value] = counts.get(status.state.value, 0) + 1
        summary = " ".join(f"{k}={v}" for k, v in sorted(counts.items()))
        state = "on" if camera.online else _offline(camera.health.get("last_error"))
        parts.append(f"{camera_id}[{state}] {summary}".rstrip())
    return " | ".join(parts)


def _offline(error: object) -> str:
    """`OFF`, with the cause without its leading source address (the camera id says which)."""
    if not error:
        return "OFF"
    text = scrub_credentials(str(error))
    head, sep, rest = text.partition(": ")
    if sep and ("://" in head or head.startswith("/")):
        text = rest
    return f"OFF: {text}"


def show_in_place(text: str, stream: TextIO | None = None) -> None:
    """Draw `text` over the current terminal line (no newline)."""
    print("\r" + text, end="", file=stream or sys.stderr, flush=True)


def clock(t: float) -> str:
    """Scenario seconds as MM:SS (MM:SS.s when not whole).

    >>> clock(754.0), clock(61.5)
    ('12:34', '01:01.5')
    """
    seconds = t % 60
    return f"{int(t // 60):02d}:" + (
        f"{seconds:02.0f}" if seconds == int(seconds) else f"{seconds:04.1f}"
    )


class ProgressBar:
    """A progress bar over scenario time, redrawn in place on one line:

    `demo [#########.....................]  30% 09:00/30:00  2 occupied, ...  5 events`
    """

    WIDTH = 30

    def __init__(
        self,
        label: str,
        total: int,
        end_s: float,
        stream: TextIO | None = None,
        show_time: Callable[[float], str] = clock,
    ):
        self.label = label
        self.total = total
        self.end_s = end_s
        self.stream = stream or sys.stderr
        self.show_time = show_time
        """How `t` and `end_s` are written: scenario clock by default."""

    def draw(self, done: int, t: float, detail: str) -> None:
        """Show `done` of `total` steps, scenario time `t`, and a short detail."""
        share = done / max(self.total, 1)
        filled = round(self.WIDTH * share)
        show_in_place(
            f"{self.label} [{'#' * filled}{'.' * (self.WIDTH - filled)}] "
            f"{100 * done // max(self.total, 1):3d}% "
            f"{self.show_time(t)}/{self.show_time(self.end_s)}  {detail} ",
            self.stream,
        )

    def clear(self) -> None:
        """Wipe the bar, so a line printed next starts clean (the bar is drawn again after)."""
        print("\r\x1b[K", end="", file=self.stream, flush=True)

    def finish(self) -> None:
        """End the bar's line."""
        print(file=self.stream)

"""The demo scenario as a live camera: the provider of `demo:` sources.

`seatsense.sources.registry` imports this module the first time a `demo:` source is opened or
grabbed; the demo depends on the sources, never the other way round.
"""

from __future__ import annotations

import time

from ..core.frame import Frame
from ..sources.base import CaptureHealth, ConnectError, FrameSample, FrameSource
from ..sources.registry import DEMO_SCHEME, SourceProvider, register_provider
from . import DemoSource


class DemoCamera:
    """The built-in demo scenario (`demo:` sources) as a live camera, in wall-clock time.

    Scenario second t is shown at `start + (t - first) / speed`, so at the default speed of 1
    the seat clocks run in real time, as they would on a real camera.
    """

    def __init__(self, uri: str, interval_s: float) -> None:
        self._demo = DemoSource.from_uri(uri, interval_s=interval_s)
        self._demo.loop = True
        self._speed = self._demo.speed or 1.0
        self._demo.speed = self._speed
        self._started_s: float | None = None
        self._frames = 0

    def start(self) -> None:
        """Start the scenario clock."""
        self._demo.start()
        self._started_s = time.time()

    def stop(self, timeout_s: float = 5.0) -> None:
        """Nothing runs in the background."""

    def latest(self) -> FrameSample | None:
        """The scenario's newest frame, stamped with the wall-clock time it stands for."""
        if self._started_s is None:
            return None
        sample = self._demo.latest()
        self._frames += 1
        wall_s = self._started_s + (sample.time_s - self._demo.start_s) / self._speed
        return FrameSample(frame=sample.frame, time_s=wall_s, sequence=sample.sequence)

    def first_frame(self) -> Frame:
        """The scenario's first frame (the connection test)."""
        return self._demo.frame_at(self._demo.start_s).frame

    def health(self) -> CaptureHealth:
        """Always streaming once started."""
        return CaptureHealth(
            state="streaming" if self._started_s is not None else "connecting",
            input_fps=1.0 / self._demo.interval_s * self._speed,
            frames_used=self._frames,
            frame_age_s=0.0 if self._started_s is not None else None,
            reconnects=0,
            last_error=None,
            decode_mode="all",
        )


def grab_demo_frame(source: str, timeout_s: float = 10.0) -> Frame:
    """The first frame of a `demo:` source, or a `ConnectError` saying what is wrong with it."""
    try:
        return DemoCamera(source, timeout_s).first_frame()
    except FileNotFoundError as exc:
        raise ConnectError(
            f"{source}: no timeline file '{exc.filename}'; use demo:default or a timeline file"
        ) from None
    except (ValueError, OSError) as exc:
        raise ConnectError(f"{source}: {exc}") from None


def _open(source: str, camera_id: str, interval_s: float) -> FrameSource:
    return DemoCamera(source, interval_s)


register_provider(DEMO_SCHEME, SourceProvider(open=_open, grab=grab_demo_frame))

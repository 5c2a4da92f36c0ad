"""Sources whose frames are handed in from outside: `push:` cameras of `seatsense serve` (its
frame API) and `homeassistant:` cameras (Home Assistant camera entities, stills pushed by the
integration). Light: no PyAV, no OpenCV.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, replace
from typing import Any

from ..core.frame import Frame
from ..core.urls import scrub_credentials
from .base import ConnectError, FrameSample, FrameSource
from .registry import HOMEASSISTANT_SCHEME, PUSH_SCHEME, SourceProvider, register_provider


@dataclass
class PushHealth:
    """Health of a `PushSource`."""

    state: str = "connecting"
    frames_used: int = 0
    last_error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready health."""
        return {"state": self.state, "frames_used": self.frames_used, "last_error": self.last_error}


class PushSource:
    """A source whose frames are handed in from outside (e.g. a Home Assistant camera).

    >>> import numpy as np
    >>> source = PushSource()
    >>> source.push(np.zeros((4, 4, 3), np.uint8), time_s=10.0)
    >>> source.latest().time_s
    10.0
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._sample: FrameSample | None = None
        self._health = PushHealth()

    def push(self, frame: Frame, time_s: float) -> None:
        """Hand in the newest frame and its capture time."""
        with self._lock:
            sequence = self._sample.sequence + 1 if self._sample else 0
            self._sample = FrameSample(frame=frame, time_s=time_s, sequence=sequence)
            self._health.state = "streaming"
            self._health.last_error = None

    def fail(self, message: str) -> None:
        """Report that no frame could be had."""
        with self._lock:
            self._health.state = "offline"
            self._health.last_error = message

    def start(self) -> None:
        """Nothing to start: frames arrive through `push`."""

    def stop(self, timeout_s: float = 5.0) -> None:
        """Nothing to stop."""

    def latest(self) -> FrameSample | None:
        """The newest pushed frame."""
        with self._lock:
            return self._sample

    def health(self) -> PushHealth:
        """How the source is doing."""
        with self._lock:
            return replace(self._health)


def _open(source: str, camera_id: str, interval_s: float) -> FrameSource:
    return PushSource()


def _grab(source: str, timeout_s: float) -> Frame:
    raise ConnectError(
        f"{scrub_credentials(source)}: its frames are handed in; there is nothing to grab"
    )


_PROVIDER = SourceProvider(open=_open, grab=_grab)
register_provider(PUSH_SCHEME, _PROVIDER)
register_provider(HOMEASSISTANT_SCHEME, _PROVIDER)

"""The contract between a `Grabber` and the readers of each kind of location.

A reader (`stream.read_av`, `http.read_http`, `images.read_images`) runs on the grabber's
thread until its source ends, fails (it raises a `CaptureError`) or the sink says stop. It
feeds the sink: every packet that arrives, every frame that could be handed out (as a
`Decode`: decoding waits until someone asks for the frame), every frame dropped as broken.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Protocol

from ..core.frame import Frame
from .base import DecodeMode
from .registry import SourceLocation

Decode = Callable[[], Frame | None]
"""Decodes a frame when asked; None when it is no longer wanted (the decoder moved on)."""


class Sink(Protocol):
    """What a reader feeds."""

    def stopped(self) -> bool: ...

    def on_packet(self, time_s: float) -> None: ...

    def on_frame(self, time_s: float, decode: Decode) -> None: ...

    def on_mode(self, mode: DecodeMode) -> None: ...

    def on_dropped(self, message: str) -> None:
        """A frame arrived broken (truncated, corrupt) and is not handed out."""
        ...


class End(Enum):
    """Why a reader returned."""

    STOPPED = "stopped"
    ENDED = "ended"
    """The source ended (a killed server); reconnecting may help."""
    FINISHED = "finished"
    """A file or image sequence played to its end without looping; nothing more will come."""


@dataclass(frozen=True)
class ReadOptions:
    """How a reader reads: timing, looping, credentials and the scrubber for its messages."""

    scrub: Callable[[str], str]
    interval_s: float
    open_timeout_s: float
    read_timeout_s: float
    loop: bool
    username: str | None = None
    password: str | None = None


Reader = Callable[[SourceLocation, Sink, ReadOptions], End]


def sleep_unless_stopped(sink: Sink, seconds: float) -> bool:
    """Sleep in short steps; True when the sink stopped meanwhile."""
    deadline = time.monotonic() + seconds
    while (left := deadline - time.monotonic()) > 0:
        if sink.stopped():
            return True
        time.sleep(min(left, 0.1))
    return sink.stopped()


def constant(image: Frame) -> Decode:
    """A `Decode` for a frame that is already decoded."""
    return lambda: image

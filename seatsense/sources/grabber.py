"""The `Grabber`: one camera URL, file or image folder kept open in a daemon thread.

`latest()` always hands out the newest frame with its capture time; the grabber reconnects
with exponential backoff and reports its health. `grab_location` takes a single frame (the
connection test; `registry.grab_one` calls it for every location).

>>> grabber = Grabber("rtsp://user:secret@192.0.2.10/ch1", camera_id="hall")
>>> grabber
Grabber(camera_id='hall', source='rtsp://192.0.2.10/ch1', state='connecting')

Credentials never leave this package: exception texts, logs, health and repr pass through
the source's scrubber.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections import deque
from dataclasses import dataclass

import av.error
import cv2

from ..core.frame import Frame
from ..core.urls import with_credentials
from .base import (
    AuthError,
    CaptureError,
    CaptureHealth,
    CaptureState,
    CaptureTimeout,
    DecodeMode,
    FrameSample,
    FrameSource,
    NotAnImageError,
    Secrets,
)
from .http import read_http
from .images import read_images
from .reachable import wait_for_retry
from .reader import Decode, End, Reader, ReadOptions, Sink
from .registry import LOCATIONS, SourceLocation, SourceProvider, locate, register_provider
from .stream import map_av_error, read_av

_LOGGER = logging.getLogger(__name__)

_READERS: dict[str, Reader] = {
    "rtsp": read_av,
    "file": read_av,
    "http": read_http,
    "images": read_images,
}


def _read(source: SourceLocation, sink: Sink, options: ReadOptions) -> End:
    return _READERS[source.kind](source, sink, options)


# -- one frame --------------------------------------------------------------------------------


class _FirstFrame:
    """A sink that decodes the first whole frame offered, then stops the reader."""

    def __init__(self, deadline: float, display: str) -> None:
        self.frame: Frame | None = None
        self.dropped: str | None = None
        """Why the last broken frame was dropped."""
        self._deadline = deadline
        self._display = display

    def stopped(self) -> bool:
        return self.frame is not None

    def on_packet(self, time_s: float) -> None:
        if time.monotonic() > self._deadline:
            raise CaptureTimeout(f"{self._display}: timed out, no frame")

    def on_frame(self, time_s: float, decode: Decode) -> None:
        if self.frame is None:
            try:
                self.frame = decode()
            except NotAnImageError as err:
                self.dropped = str(err)  # a stream goes on: a later frame may be whole

    def on_mode(self, mode: DecodeMode) -> None:
        pass

    def on_dropped(self, message: str) -> None:
        self.dropped = message


def grab_location(source: str, timeout_s: float = 10.0) -> Frame:
    """One BGR frame from a camera URL, file or image folder, or a typed `CaptureError`."""
    location = locate(source)
    scrub = Secrets(source)
    sink = _FirstFrame(time.monotonic() + timeout_s, location.display)
    options = ReadOptions(
        scrub,
        interval_s=timeout_s,
        open_timeout_s=timeout_s,
        read_timeout_s=timeout_s,
        loop=False,
    )
    try:
        _read(location, sink, options)
    except CaptureError as exc:
        raise type(exc)(scrub(str(exc))) from None
    except av.error.FFmpegError as exc:
        raise map_av_error(exc, location.display, scrub) from None
    if sink.frame is None:
        raise NotAnImageError(
            scrub(sink.dropped or f"{location.display}: ended without a decodable frame")
        )
    return sink.frame


# -- the grabber ------------------------------------------------------------------------------


class _GrabberSink:
    """What a reader sees of its grabber."""

    def __init__(self, grabber: Grabber) -> None:
        self._grabber = grabber

    def stopped(self) -> bool:
        return self._grabber._stop.is_set()

    def on_packet(self, time_s: float) -> None:
        self._grabber._on_packet(time_s)

    def on_frame(self, time_s: float, decode: Decode) -> None:
        self._grabber._on_frame(time_s, decode)

    def on_mode(self, mode: DecodeMode) -> None:
        self._grabber._on_mode(mode)

    def on_dropped(self, message: str) -> None:
        self._grabber._on_dropped(message)


@dataclass(frozen=True)
class _Pending:
    time_s: float
    sequence: int
    decode: Decode


class Grabber:
    """Keeps one source open in a daemon thread; `latest()` is always the newest frame.

    >>> grabber = Grabber("tests/fixtures", camera_id="demo", interval_s=1.0)
    >>> grabber.start()
    >>> sample = grabber.latest()  # None until the first frame has arrived
    >>> grabber.stop()

    `username`/`password` are added to the source URL (or taken from it). `backoff_base_s`
    and `backoff_cap_s` shape the reconnect delays: base * 2**n, jittered, at most the cap.
    """

    def __init__(
        self,
        source: str,
        camera_id: str,
        interval_s: float = 3.0,
        open_timeout_s: float = 5.0,
        read_timeout_s: float = 5.0,
        loop: bool = False,
        *,
        username: str | None = None,
        password: str | None = None,
        backoff_base_s: float = 1.0,
        backoff_cap_s: float = 60.0,
    ) -> None:
        if interval_s <= 0 or open_timeout_s <= 0 or read_timeout_s <= 0:
            raise ValueError("interval and timeouts must be positive")
        location = source
        if (username is not None or password is not None) and "://" in source:
            location = with_credentials(source, username, password)
        self._scrub = Secrets(source, location, password=password)
        self._location = location
        self._username = username
        self._password = password
        self.source = self._scrub(source)
        """The source as shown to people: without credentials."""
        self.camera_id = camera_id
        self.interval_s = interval_s
        self.open_timeout_s = open_timeout_s
        self.read_timeout_s = read_timeout_s
        self.loop = loop
        self.backoff_base_s = backoff_base_s
        self.backoff_cap_s = backoff_cap_s
        self._lock = threading.Lock()
        self._decode_lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._state: CaptureState = "connecting"
        self._mode: DecodeMode = "keyframes"
        self._packet_times: deque[float] = deque(maxlen=50)
        self._pending: _Pending | None = None
        self._pending_time_s: float | None = None
        self._sample: FrameSample | None = None
        self._sequence = 0
        self._frames_used = 0
        self._frames_dropped = 0
        self._reconnects = 0
        self._last_error: str | None = None

    def __repr__(self) -> str:
        return (
            f"Grabber(camera_id={self.camera_id!r}, source={self.source!r}, state={self._state!r})"
        )

    # -- control ---------------------------------------------------------------------------

    def start(self) -> None:
        """Start the reader thread; returns at once."""
        if self._thread is not None and self._thread.is_alive():
            return
        self._stop.clear()
        self._thread = threading.Thread(
            target=self._run, name=f"seatsense-grab-{self.camera_id}", daemon=True
        )
        self._thread.start()

    def stop(self, timeout_s: float = 5.0) -> None:
        """Stop the reader thread and wait for it (a blocked read ends within its timeout)."""
        self._stop.set()
        thread = self._thread
        if thread is not None:
            thread.join(timeout_s)
            if thread.is_alive():
                _LOGGER.warning(
                    "%s: reader thread did not stop within %.1f s", self.camera_id, timeout_s
                )
            else:
                self._thread = None

    # -- output ----------------------------------------------------------------------------

    def latest(self) -> FrameSample | None:
        """The newest frame, decoded now if needed; None until the first frame arrived.

        After the source went offline this stays the last frame: check `health().frame_age_s`.
        """
        with self._decode_lock:
            with self._lock:
                pending, self._pending = self._pending, None
            if pending is None:
                return self._sample
            try:
                frame = pending.decode()
            except (av.error.FFmpegError, CaptureError, cv2.error) as exc:
                self._on_dropped(f"cannot decode a frame: {exc}")
                frame = None
            with self._lock:
                if frame is not None and (
                    self._sample is None or pending.sequence > self._sample.sequence
                ):
                    self._sample = FrameSample(frame, pending.time_s, pending.sequence)
                    self._frames_used += 1
                return self._sample

    def health(self) -> CaptureHealth:
        """State, rates and the last error (credentials scrubbed)."""
        now = time.time()
        with self._lock:
            times = self._packet_times
            fps = 0.0
            if len(times) >= 2 and times[-1] > times[0]:
                fps = (len(times) - 1) / (times[-1] - times[0])
            if self._state != "streaming":
                fps = 0.0
            newest = self._pending_time_s
            if newest is None and self._sample is not None:
                newest = self._sample.time_s
            return CaptureHealth(
                state=self._state,
                input_fps=round(fps, 2),
                frames_used=self._frames_used,
                frames_dropped=self._frames_dropped,
                frame_age_s=None if newest is None else round(max(0.0, now - newest), 3),
                reconnects=self._reconnects,
                last_error=self._last_error,
                decode_mode=self._mode,
            )

    # -- what the reader feeds (through _GrabberSink) ---------------------------------------

    def _on_packet(self, time_s: float) -> None:
        with self._lock:
            self._packet_times.append(time_s)
            if self._state != "streaming":
                self._state = "streaming"
                changed = True
            else:
                changed = False
        if changed:
            _LOGGER.info("%s: streaming from %s", self.camera_id, self.source)

    def _on_frame(self, time_s: float, decode: Decode) -> None:
        with self._lock:
            self._sequence += 1
            self._pending = _Pending(time_s, self._sequence, decode)
            self._pending_time_s = time_s

    def _on_dropped(self, message: str) -> None:
        with self._lock:
            self._frames_dropped += 1
        self._set_error(message)
        _LOGGER.debug("%s: %s", self.camera_id, self._scrub(message))

    def _on_mode(self, mode: DecodeMode) -> None:
        with self._lock:
            changed, self._mode = mode != self._mode, mode
        if changed:
            _LOGGER.info(
                "%s: decoding %s",
                self.camera_id,
                "key frames only" if mode == "keyframes" else "every frame",
            )

    # -- the reader thread -----------------------------------------------------------------

    def _set_error(self, message: str) -> None:
        with self._lock:
            self._last_error = self._scrub(" ".join(message.split()))

    def _run(self) -> None:
        failures = 0
        first = True
        while not self._stop.is_set():
            if not first:
                with self._lock:
                    self._reconnects += 1
            first = False
            streamed_before = self._sequence
            try:
                end = _read(locate(self._location), _GrabberSink(self), self._read_options())
            except AuthError as exc:
                self._went_down("auth_failed", str(exc))
            except CaptureError as exc:
                self._went_down("offline", str(exc))
            except Exception as exc:  # a bug or an odd library error must not kill the thread
                self._went_down("offline", f"{type(exc).__name__}: {exc}")
                _LOGGER.debug("%s: reader error", self.camera_id, exc_info=False)
            else:
                if end is End.STOPPED:
                    break
                if end is End.FINISHED:
                    self._went_down("offline", f"{self.source}: reached its end")
                    break
                self._went_down("offline", f"{self.source}: the stream ended")
            if self._sequence > streamed_before:
                failures = 0
            failures += 1
            delay = min(self.backoff_cap_s, self.backoff_base_s * 2 ** (failures - 1))
            # Cut short when an unreachable camera answers again (reachable.py says how).
            if wait_for_retry(self._stop, random.uniform(delay / 2, delay), self._location):
                break

    def _read_options(self) -> ReadOptions:
        return ReadOptions(
            self._scrub,
            interval_s=self.interval_s,
            open_timeout_s=self.open_timeout_s,
            read_timeout_s=self.read_timeout_s,
            loop=self.loop,
            username=self._username,
            password=self._password,
        )

    def _went_down(self, state: CaptureState, message: str) -> None:
        self._set_error(message)
        with self._lock:
            previous, self._state = self._state, state
            error = self._last_error
        if previous != state:
            _LOGGER.warning("%s: %s (%s)", self.camera_id, state, error)


def _open_grabber(source: str, camera_id: str, interval_s: float) -> FrameSource:
    # Files loop, so a recorded camera serves as a demo or test source forever.
    return Grabber(source, camera_id, interval_s=interval_s, loop=True)


register_provider(LOCATIONS, SourceProvider(open=_open_grabber, grab=grab_location))

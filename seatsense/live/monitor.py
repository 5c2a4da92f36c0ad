"""The live system: one frame source per camera, the pipeline on a schedule, updates out.

Every `interval_s` the monitor takes the newest frame of each live camera, runs one batched
inference for all of them, updates the seats and hands the events and statuses to listeners
(callbacks, an asyncio iterator, the SQLite store).

>>> from seatsense.core.layout import load_site
>>> monitor = Monitor(load_site("site.yaml"))          # doctest: +SKIP
>>> monitor.add_listener(lambda update: print(update.events))  # doctest: +SKIP
>>> monitor.start()                                    # doctest: +SKIP
"""

from __future__ import annotations

import asyncio
import ctypes
import logging
import sys
import threading
import time
from collections.abc import AsyncIterator, Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any, Protocol

from ..core.engine import Event, EventType
from ..core.frame import Frame
from ..core.layout import Site
from ..core.status import CameraStatus, MonitorUpdate
from ..sources.capture import FrameSample, open_source
from ..vision.detect import Detections, Detector
from ..vision.draw import blur, draw_layout, encode_jpeg
from ..vision.evidence import EvidenceSettings
from ..vision.pipeline import Pipeline

_LOGGER = logging.getLogger(__name__)


class FrameSource(Protocol):
    """Where a camera's frames come from: a `Grabber`, a `PushSource`, or anything alike."""

    def start(self) -> None: ...

    def stop(self, timeout_s: float = 5.0) -> None: ...

    def latest(self) -> FrameSample | None: ...

    def health(self) -> Any:
        """An object with `to_dict()` (state, input_fps, frames_used, ...)."""
        ...


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


Listener = Callable[[MonitorUpdate], None]


class EventSink(Protocol):
    """Where events and statuses are kept (the SQLite `EventStore` is one)."""

    def write_events(self, events: list[Event]) -> None: ...

    def write_update(self, update: MonitorUpdate) -> None: ...

    def flush(self) -> None: ...


@dataclass
class _CameraState:
    source: FrameSource
    online: bool = False
    ever_online: bool = False
    last_sequence: int | None = None
    last_frame_time_s: float | None = None
    frame: Frame | None = None
    detections: Detections | None = None
    people: int = 0


class Monitor:
    """Runs a site live. See docs/architecture.md for the contract.

    `offline_after_s`: a camera whose newest frame is older than this counts as offline and
    its seats go `unknown`; they return with their clocks intact once frames come back.
    """

    def __init__(
        self,
        site: Site,
        detector: Detector | None = None,
        store: EventSink | None = None,
        restore: Mapping[str, Mapping[str, Any]] | None = None,
        sources: Mapping[str, FrameSource] | None = None,
        evidence_settings: EvidenceSettings | None = None,
        offline_after_s: float | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.site = site
        self.pipeline = Pipeline(site, detector, evidence_settings, restore=restore)
        self.store = store
        self.clock = clock
        self.offline_after_s = (
            offline_after_s if offline_after_s is not None else max(30.0, 5 * site.interval_s)
        )
        self._cameras: dict[str, _CameraState] = {}
        for camera in site.cameras:
            source = (sources or {}).get(camera.id)
            if source is None:
                if not camera.source:
                    raise ValueError(f"camera '{camera.id}' has no source")
                source = open_source(camera.source, camera.id, site.interval_s)
            self._cameras[camera.id] = _CameraState(source=source)
        self._listeners: list[Listener] = []
        self._lock = threading.RLock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._last = MonitorUpdate(time_s=0.0)
        self.cycles = 0
        """How many cycles have run (a first status exists once this is above 0)."""

    # -- lifecycle ---------------------------------------------------------------------------

    def start(self) -> None:
        """Start the sources and the worker thread; returns at once."""
        if self._thread is not None:
            return
        return_large_buffers_to_the_system()
        for state in self._cameras.values():
            state.source.start()
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="seatsense-monitor", daemon=True)
        self._thread.start()

    def stop(self, timeout_s: float = 10.0) -> None:
        """Stop the worker and the sources and flush the store."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout_s)
            self._thread = None
        for state in self._cameras.values():
            state.source.stop()
        if self.store is not None:
            self.store.flush()

    def _run(self) -> None:
        interval = self.site.interval_s
        next_tick = time.monotonic()
        while not self._stop.is_set():
            try:
                self.step()
            except Exception:  # a bad cycle must not end the monitor; it is logged
                _LOGGER.exception("seatsense cycle failed")
            next_tick += interval
            delay = next_tick - time.monotonic()
            if delay < 0:  # fell behind: skip missed ticks instead of bursting
                next_tick = time.monotonic()
                delay = 0
            self._stop.wait(delay)

    # -- listeners ---------------------------------------------------------------------------

    def add_listener(self, listener: Listener) -> Callable[[], None]:
        """Call `listener(update)` after every cycle (from the worker thread)."""
        with self._lock:
            self._listeners.append(listener)

        def remove() -> None:
            with self._lock:
                if listener in self._listeners:
                    self._listeners.remove(listener)

        return remove

    async def updates(self) -> AsyncIterator[MonitorUpdate]:
        """The updates on the running event loop. A slow consumer gets them merged (events
        concatenated, newest statuses), so nothing is lost and nothing piles up."""
        loop = asyncio.get_running_loop()
        ready = asyncio.Event()
        pending: list[MonitorUpdate] = []

        def deliver(update: MonitorUpdate) -> None:
            def put() -> None:
                if pending:
                    merged = pending[0]
                    merged.events.extend(update.events)
                    merged.cameras, merged.time_s = update.cameras, update.time_s
                else:
                    pending.append(
                        MonitorUpdate(update.time_s, list(update.events), update.cameras)
                    )
                ready.set()

            loop.call_soon_threadsafe(put)

        remove = self.add_listener(deliver)
        try:
            while True:
                await ready.wait()
                ready.clear()
                if pending:
                    yield pending.pop()
        finally:
            remove()

    # -- the cycle ---------------------------------------------------------------------------

    def step(self, now_s: float | None = None) -> MonitorUpdate:
        """One cycle, synchronously: newest frames -> one inference -> events and statuses."""
        with self._lock:
            now = self.clock() if now_s is None else now_s
            events: list[Event] = []
            fresh: dict[str, tuple[Frame, float]] = {}
            for camera_id, state in self._cameras.items():
                sample = state.source.latest()
                usable = sample is not None and now - sample.time_s <= self.offline_after_s
                if not usable:
                    if state.online or not state.ever_online:
                        self._go_offline(camera_id, state, now, events)
                    continue
                assert sample is not None
                if not state.online:
                    state.online = True
                    if state.ever_online:
                        events.append(
                            Event(EventType.CAMERA_ONLINE, sample.time_s, camera_id, confidence=1.0)
                        )
                    state.ever_online = True
                if sample.sequence != state.last_sequence:
                    state.last_sequence = sample.sequence
                    state.last_frame_time_s = sample.time_s
                    fresh[camera_id] = (sample.frame, sample.time_s)
            if fresh:
                result = self.pipeline.update(fresh, recheck=False)
                events.extend(result.events)
                for camera_id, observation in result.observations.items():
                    state = self._cameras[camera_id]
                    state.frame = fresh[camera_id][0]
                    state.detections = observation.detections
                    state.people = observation.people
            events.sort(key=lambda e: e.time_s)
            update = MonitorUpdate(time_s=now, events=events, cameras=self._camera_statuses())
            self._last = MonitorUpdate(time_s=now, cameras=update.cameras)
            self.cycles += 1
            listeners = list(self._listeners)
        if self.store is not None:
            self.store.write_update(update)
        for listener in listeners:
            try:
                listener(update)
            except Exception:  # one broken listener must not starve the others
                _LOGGER.exception("seatsense listener failed")
        self._recheck()
        return update

    def _recheck(self) -> None:
        """The periodic re-checks that are due, once the cycle's events are out: they confirm
        verdicts that the change gate kept, so nothing waits for them."""
        with self._lock:
            frames = {
                camera_id: (state.frame, state.last_frame_time_s)
                for camera_id, state in self._cameras.items()
                if state.online
                and state.frame is not None
                and state.last_frame_time_s is not None
            }
            self.pipeline.recheck(frames)

    def _go_offline(
        self, camera_id: str, state: _CameraState, now: float, events: list[Event]
    ) -> None:
        if state.online:
            events.append(
                Event(
                    EventType.CAMERA_OFFLINE,
                    now,
                    camera_id,
                    confidence=1.0,
                    data={"last_frame_time_s": state.last_frame_time_s},
                )
            )
        state.online = False
        state.people = 0
        self.pipeline.mark_unknown(camera_id)

    def _camera_statuses(self) -> dict[str, CameraStatus]:
        statuses = self.pipeline.statuses()
        out = {}
        for camera_id, state in self._cameras.items():
            health = state.source.health().to_dict()
            if state.last_frame_time_s is not None:
                health["frame_age_s"] = round(max(0.0, self.clock() - state.last_frame_time_s), 3)
            out[camera_id] = CameraStatus(
                online=state.online,
                people=state.people,
                health=health,
                seats={k: replace(v) for k, v in statuses[camera_id].items()},
                frame_time_s=state.last_frame_time_s,
            )
        return out

    # -- queries and actions -----------------------------------------------------------------

    def status(self) -> MonitorUpdate:
        """The latest statuses (no events)."""
        with self._lock:
            return (
                self._last
                if self._last.cameras
                else MonitorUpdate(time_s=self.clock(), cameras=self._camera_statuses())
            )

    def seat_statuses(self) -> dict[str, dict[str, Any]]:
        """JSON-ready statuses keyed `camera/seat`, for `restore=` after a restart."""
        with self._lock:
            return self.pipeline.saved_statuses()

    def capture_baseline(self, camera_id: str, seat_id: str | None = None) -> None:
        """Take the camera's newest frame as the empty reference of a seat (or all its seats)."""
        with self._lock:
            state = self._camera(camera_id)
            sample = state.source.latest()
            if sample is None:
                raise RuntimeError(f"camera '{camera_id}' has no frame yet")
            camera = self.site.camera(camera_id)
            if seat_id is not None:
                camera.seat(seat_id)
            self.pipeline.evidence[camera_id].set_reference(
                self.pipeline.camera_sized(camera_id, sample.frame),
                None if seat_id is None else [seat_id],
            )

    def reset_seat(self, camera_id: str, seat_id: str) -> list[Event]:
        """Forget a seat's state (staff cleared it); returns the events that closes.

        `status()` shows the reset at once; the events reach the store here and listeners
        only through the caller, so nothing is delivered twice.
        """
        with self._lock:
            self._camera(camera_id)
            engine = self.pipeline.engines[camera_id].get(seat_id)
            if engine is None:
                raise KeyError(f"camera '{camera_id}' has no seat '{seat_id}'")
            now = self.clock()
            events = engine.reset(now)
            self._last = MonitorUpdate(time_s=now, cameras=self._camera_statuses())
        if self.store is not None and events:
            self.store.write_events(events)
        return events

    def annotated_frame(self, camera_id: str, blur_people: bool = False) -> Frame | None:
        """The camera's last processed frame with seats, states and people drawn."""
        with self._lock:
            state = self._camera(camera_id)
            if state.frame is None:
                return None
            frame = self.pipeline.camera_sized(camera_id, state.frame)
            states = {
                seat_id: s.state.value for seat_id, s in self.pipeline.statuses()[camera_id].items()
            }
            return draw_layout(
                frame,
                self.site.camera(camera_id).seats,
                states,
                state.detections,
                blur_people=blur_people,
                person_conf=self.pipeline.evidence_settings.person_conf,
            )

    def plain_jpeg(self, camera_id: str, blur_people: bool = False) -> bytes | None:
        """The camera's last processed frame as JPEG with nothing drawn on it (people blurred
        when asked): the picture a seat editor draws on."""
        with self._lock:
            state = self._camera(camera_id)
            if state.frame is None:
                return None
            frame = self.pipeline.camera_sized(camera_id, state.frame).copy()
            people = state.detections.people if state.detections is not None else None
        if blur_people and people is not None:
            blur(frame, people)
        return encode_jpeg(frame)

    def annotated_jpeg(self, camera_id: str, blur_people: bool = False) -> bytes | None:
        """`annotated_frame` as JPEG bytes."""
        frame = self.annotated_frame(camera_id, blur_people)
        return None if frame is None else encode_jpeg(frame)

    def _camera(self, camera_id: str) -> _CameraState:
        try:
            return self._cameras[camera_id]
        except KeyError:
            raise KeyError(f"no camera '{camera_id}' in site '{self.site.name}'") from None


LARGE_BUFFER_BYTES = 1 << 20
"""Buffers from this size up (decoded frames, tensors) are returned to the system on free."""


def return_large_buffers_to_the_system() -> None:
    """Make glibc hand freed multi-megabyte buffers back at once (a fixed mmap threshold).

    With a grabber thread per camera, glibc keeps freed frames in per-thread heaps whose size
    only grows: 16 cameras at 1080p went from 815 to 1148 MB over 8 cycles, and stayed at
    787 MB with this. Other C libraries (musl) manage memory their own way: nothing to do.
    """
    if not sys.platform.startswith("linux"):
        return
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return
    m_mmap_threshold = -3
    mallopt(m_mmap_threshold, LARGE_BUFFER_BYTES)


def instant_states(update: MonitorUpdate) -> dict[str, dict[str, str]]:
    """camera -> seat -> state value, for status lines and tests."""
    return {
        camera_id: {seat_id: s.state.value for seat_id, s in camera.seats.items()}
        for camera_id, camera in update.cameras.items()
    }


__all__ = [
    "CameraStatus",
    "FrameSource",
    "Monitor",
    "MonitorUpdate",
    "PushSource",
    "instant_states",
]

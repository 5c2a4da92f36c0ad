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
from collections.abc import AsyncIterator, Callable, Hashable, Mapping
from dataclasses import dataclass, replace
from typing import Any, Protocol, TypeVar

import cv2
import numpy as np

from ..core.engine import EngineSettings, Event, EventType, SeatState, SeatStatus
from ..core.frame import Frame
from ..core.layout import Site
from ..core.status import CameraStatus, CycleStats, MonitorUpdate, SeatPictures
from ..core.urls import scrub_credentials
from ..sources import FrameSource, open_source
from ..vision.detect import Detections, Detector
from ..vision.draw import blur, draw_layout, encode_jpeg
from ..vision.evidence import CameraEvidence, EvidenceSettings
from ..vision.gate import GateSettings
from ..vision.pipeline import CycleResult, Pipeline
from ..vision.tiles import TilingSettings

_LOGGER = logging.getLogger(__name__)
_T = TypeVar("_T")


Listener = Callable[[MonitorUpdate], None]
StatsListener = Callable[[CycleStats], None]


class EventSink(Protocol):
    """Where events and statuses are kept (the SQLite `EventStore` is one).

    `durable=True` asks for the write to be on disk when the call returns (one transaction:
    the events and the states they lead to, and the seat pictures queued before); the result
    says whether it is."""

    def write_events(self, events: list[Event], durable: bool = False) -> bool: ...

    def write_references(self, pictures: Mapping[str, SeatPictures], time_s: float) -> None: ...

    def write_update(self, update: MonitorUpdate, durable: bool = False) -> bool: ...

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
    reported_down: bool = False
    """A camera that never delivered has had its `camera_offline` (with the reason)."""


class Monitor:
    """Runs a site live. See docs/architecture.md for the contract.

    `offline_after_s`: a camera whose newest frame is older than this counts as offline and
    its seats go `unknown`; they return with their clocks intact once frames come back.
    `camera_offline` events say why (`data.reason`, the source's last error, credentials
    scrubbed); a camera that never delivered gets one too, once its source has failed or
    `offline_after_s` has passed.

    `restore` (seat statuses keyed `camera/seat`, as `seat_statuses()` and
    `EventStore.seat_statuses()` give them) and `restore_cameras` (`EventStore.camera_statuses()`)
    resume a stopped monitor: seats keep their states and clocks, cameras their online state
    and newest frame time, so a restart adds no event of its own. What was seen just before
    the stop does not count towards what is seen after (the consecutive-sample counts start
    again), as after an outage. `restore_references` (`EventStore.camera_references()`)
    gives back the seats' empty pictures: without them, a bag on a seat (left before the stop,
    or during it) could not be told from an empty desk after the restart.

    With a `store`, a cycle's events and the states they lead to are written in one
    transaction before any listener hears of them; with them the camera's empty pictures when
    a seat stops being empty (its picture is not learned while it is taken), and every
    `PICTURES_EVERY_S` of the clock, so that an empty seat's picture is recent.
    """

    def __init__(
        self,
        site: Site,
        detector: Detector | None = None,
        store: EventSink | None = None,
        restore: Mapping[str, Mapping[str, Any] | SeatStatus] | None = None,
        sources: Mapping[str, FrameSource] | None = None,
        evidence_settings: EvidenceSettings | None = None,
        offline_after_s: float | None = None,
        clock: Callable[[], float] = time.time,
        tiling_settings: TilingSettings | None = None,
        gate_settings: GateSettings | None = None,
        restore_cameras: Mapping[str, Mapping[str, Any]] | None = None,
        restore_references: Mapping[str, SeatPictures] | None = None,
    ) -> None:
        self.site = site
        self.pipeline = Pipeline(
            site,
            detector,
            evidence_settings,
            restore=_resumed_statuses(restore),
            tiling_settings=tiling_settings,
            gate_settings=gate_settings,
        )
        self._restore_references(restore_references or {})
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
            saved = (restore_cameras or {}).get(camera.id)
            self._cameras[camera.id] = _resumed_camera(source, saved)
        self._started_s: float | None = None
        self._clocks: Hashable = None
        self._resting = self._resting_states()
        self._pictures_kept_s: dict[str, float] = {}
        self._listeners: list[Listener] = []
        self._stats_listeners: list[StatsListener] = []
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
            try:
                self.store.flush()
            except Exception as exc:  # a full disk: said once, the process may still end
                _LOGGER.error("seatsense: the last statuses were not written: %s", exc)

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
        """Call `listener(update)` after every cycle (from the worker thread); returns the
        function that removes it."""
        return self._add(self._listeners, listener)

    def add_stats_listener(self, listener: StatsListener) -> Callable[[], None]:
        """Call `listener(stats)` at the end of every cycle, re-checks included (from the
        worker thread): what the cycle did and cost. Returns the function that removes it."""
        return self._add(self._stats_listeners, listener)

    def _add(self, listeners: list[_T], listener: _T) -> Callable[[], None]:
        with self._lock:
            listeners.append(listener)

        def remove() -> None:
            with self._lock:
                if listener in listeners:
                    listeners.remove(listener)

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
        """One cycle, synchronously: newest frames -> one inference -> events and statuses.

        The store (if any) has the cycle's events and the states they lead to on disk before
        the listeners hear of them. What the cycle did and cost goes to the stats listeners
        at its end."""
        began, cpu_began = time.perf_counter(), time.thread_time()
        pipeline_s, inferred, crops = 0.0, 0, 0
        with self._lock:
            now = self.clock() if now_s is None else now_s
            if self._started_s is None:
                self._started_s = now
            events: list[Event] = []
            fresh = self._take_frames(now, events)
            if fresh:
                pipeline_began = time.perf_counter()
                result = self.pipeline.update(fresh, recheck=False)
                pipeline_s = time.perf_counter() - pipeline_began
                inferred, crops = len(result.inferred), result.views_inferred
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
            clocks, self._clocks = self._clocks, clock_signature(update)
            # Write at once when something a restart must know happened: an event, or a seat
            # that changed state or clock without one (belongings appearing, a camera lost).
            durable = bool(events) or clocks != self._clocks
            pictures = self._pictures_to_keep(now) if self.store is not None else {}
        if self.store is not None:
            if pictures:
                self.store.write_references(pictures, now)
            self.store.write_update(update, durable=durable)
        events_out_s = time.perf_counter() - began
        _call_each(listeners, update)
        rechecked = self._recheck()
        self._report(
            update,
            (began, cpu_began, events_out_s),
            (len(fresh), inferred, crops, pipeline_s),
            rechecked,
        )
        return update

    def _report(
        self,
        update: MonitorUpdate,
        times: tuple[float, float, float],
        work: tuple[int, int, int, float],
        rechecked: CycleResult,
    ) -> None:
        """What the cycle did and cost, to the stats listeners: `times` are when it began
        (wall and thread CPU) and how long until the events were out; `work` the cameras
        fresh and inferred, the crops inferred and the pipeline's time; `rechecked` the
        re-checks after the events."""
        began, cpu_began, events_out_s = times
        fresh, inferred, crops, pipeline_s = work
        stats = CycleStats(
            time_s=update.time_s,
            events_out_s=events_out_s,
            pipeline_s=pipeline_s,
            step_s=time.perf_counter() - began,
            thread_cpu_s=time.thread_time() - cpu_began,
            cameras_online=sum(1 for camera in update.cameras.values() if camera.online),
            cameras_fresh=fresh,
            cameras_inferred=inferred,
            crops_inferred=crops,
            cameras_rechecked=len(rechecked.inferred),
            crops_rechecked=rechecked.views_inferred,
            events=len(update.events),
            people=sum(camera.people for camera in update.cameras.values()),
            frame_ages_s=_frame_ages(update),
        )
        with self._lock:
            stats_listeners = list(self._stats_listeners)
        _call_each(stats_listeners, stats)

    def _take_frames(self, now: float, events: list[Event]) -> dict[str, tuple[Frame, float]]:
        """Each camera's newest frame where it is new; cameras going offline or coming back
        online add their events."""
        fresh: dict[str, tuple[Frame, float]] = {}
        for camera_id, state in self._cameras.items():
            sample = state.source.latest()
            # A resumed camera counts from its last frame before the restart until it delivers.
            newest = sample.time_s if sample is not None else state.last_frame_time_s
            if newest is None or now - newest > self.offline_after_s:
                if state.online or not state.ever_online:
                    self._go_offline(camera_id, state, now, events)
                continue
            if sample is None:
                continue
            if not state.online:
                state.online = True
                if state.ever_online or state.reported_down:
                    events.append(
                        Event(EventType.CAMERA_ONLINE, sample.time_s, camera_id, confidence=1.0)
                    )
                state.ever_online = True
            if sample.sequence != state.last_sequence:
                state.last_sequence = sample.sequence
                state.last_frame_time_s = sample.time_s
                fresh[camera_id] = (sample.frame, sample.time_s)
        return fresh

    def _recheck(self) -> CycleResult:
        """The periodic re-checks that are due, once the cycle's events are out: they confirm
        verdicts that the change gate kept, so nothing waits for them. The result names the
        cameras re-checked and counts the crops."""
        with self._lock:
            frames = {
                camera_id: (state.frame, state.last_frame_time_s)
                for camera_id, state in self._cameras.items()
                if state.online and state.frame is not None and state.last_frame_time_s is not None
            }
            return self.pipeline.recheck(frames)

    def _go_offline(
        self, camera_id: str, state: _CameraState, now: float, events: list[Event]
    ) -> None:
        """No usable frame: the seats go unknown; the event says when and why (once)."""
        assert self._started_s is not None
        reason = _down_reason(state.source)
        # A camera that never delivered is reported once its source gave up or time ran out.
        never_reported = not state.ever_online and not state.reported_down
        if state.online or (
            never_reported
            and (_source_failed(state.source) or now - self._started_s >= self.offline_after_s)
        ):
            if reason is None and state.last_frame_time_s is not None:
                reason = f"no new frame for {now - state.last_frame_time_s:.0f} s"
            events.append(
                Event(
                    EventType.CAMERA_OFFLINE,
                    now,
                    camera_id,
                    confidence=1.0,
                    data={"last_frame_time_s": state.last_frame_time_s, "reason": reason},
                )
            )
            state.reported_down = True
        state.online = False
        state.people = 0
        self.pipeline.mark_unknown(camera_id)

    def _restore_references(self, pictures: Mapping[str, SeatPictures]) -> None:
        """Give back the cameras' seat references kept before a restart."""
        for camera_id, kept in pictures.items():
            part = self.pipeline.cameras.get(camera_id)
            if part is None:
                continue
            picture = cv2.imdecode(np.frombuffer(kept.picture, np.uint8), cv2.IMREAD_GRAYSCALE)
            try:
                if picture is None:
                    raise ValueError("not a picture")
                part.evidence.restore_references(
                    np.asarray(picture, np.uint8), kept.seat_ids, kept.captured
                )
            except ValueError as err:  # a changed camera size: the seats learn afresh
                _LOGGER.info("seat pictures of %s not restored: %s", camera_id, err)

    def _resting_states(self) -> dict[tuple[str, str], SeatState | None]:
        """Each seat's state, or where it is unknown, the state it returns to."""
        return {
            (camera_id, seat_id): status.resume_state
            if status.state is SeatState.UNKNOWN
            else status.state
            for camera_id, seats in self.pipeline.statuses().items()
            for seat_id, status in seats.items()
        }

    def _pictures_to_keep(self, now: float) -> dict[str, SeatPictures]:
        """The seat references of the cameras where a seat stopped being empty in this cycle,
        or whose references were last kept `PICTURES_EVERY_S` ago."""
        before, self._resting = self._resting, self._resting_states()
        left_empty = {
            camera_id
            for (camera_id, seat_id), state in self._resting.items()
            if before.get((camera_id, seat_id)) is SeatState.EMPTY
            and state in (SeatState.OCCUPIED, SeatState.AWAY, SeatState.ABANDONED)
        }
        pictures = {}
        for camera_id, part in self.pipeline.cameras.items():
            kept_s = self._pictures_kept_s.get(camera_id)
            due = kept_s is None or now - kept_s >= PICTURES_EVERY_S or now < kept_s
            if camera_id not in left_empty and not due:
                continue
            kept = _seat_pictures(part.evidence)
            if kept is not None:
                pictures[camera_id] = kept
                self._pictures_kept_s[camera_id] = now
        return pictures

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
            evidence = self.pipeline.cameras[camera_id].evidence
            evidence.set_reference(
                self.pipeline.camera_sized(camera_id, sample.frame),
                None if seat_id is None else [seat_id],
            )
            kept = _seat_pictures(evidence)
        if self.store is not None and kept is not None:
            self.store.write_references({camera_id: kept}, self.clock())

    def apply_settings(self, settings: EngineSettings) -> None:
        """New site thresholds for every seat from the next sample (a seat's own values stay),
        without reopening cameras or losing a seat's state or clocks."""
        with self._lock:
            self.site = replace(self.site, settings=settings)
            for camera in self.site.cameras:
                engines = self.pipeline.cameras[camera.id].engines
                for seat in camera.seats:
                    engines[seat.id].settings = seat.engine_settings(settings)

    def reset_seat(self, camera_id: str, seat_id: str) -> list[Event]:
        """Forget a seat's state (staff cleared it); returns the events that closes.

        `status()` shows the reset at once; the events reach the store here and listeners
        only through the caller, so nothing is delivered twice.
        """
        with self._lock:
            self._camera(camera_id)
            engine = self.pipeline.cameras[camera_id].engines.get(seat_id)
            if engine is None:
                raise KeyError(f"camera '{camera_id}' has no seat '{seat_id}'")
            now = self.clock()
            events = engine.reset(now)
            self._last = MonitorUpdate(time_s=now, cameras=self._camera_statuses())
            self._clocks = clock_signature(self._last)
            written = replace(self._last, events=list(events))
        if self.store is not None:
            self.store.write_update(written, durable=True)
        return events

    def annotated_frame(
        self, camera_id: str, blur_people: bool = False, language: str | None = "en"
    ) -> Frame | None:
        """The camera's last processed frame with seats, states (in `language`) and people."""
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
                language=language,
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

    def annotated_jpeg(
        self, camera_id: str, blur_people: bool = False, language: str | None = "en"
    ) -> bytes | None:
        """`annotated_frame` as JPEG bytes."""
        frame = self.annotated_frame(camera_id, blur_people, language)
        return None if frame is None else encode_jpeg(frame)

    def _camera(self, camera_id: str) -> _CameraState:
        try:
            return self._cameras[camera_id]
        except KeyError:
            raise KeyError(f"no camera '{camera_id}' in site '{self.site.name}'") from None


PICTURES_EVERY_S = 600.0
"""How often (monitor clock) the seats' empty pictures are written, besides when a seat stops
being empty: an empty seat resumes with a picture at most this old."""

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


def _call_each(listeners: list[Callable[[_T], None]], value: _T) -> None:
    for listener in listeners:
        try:
            listener(value)
        except Exception:  # one broken listener must not starve the others
            _LOGGER.exception("seatsense listener failed")


def _frame_ages(update: MonitorUpdate) -> tuple[float, ...]:
    return tuple(
        camera.health["frame_age_s"]
        for camera in update.cameras.values()
        if camera.online and camera.health.get("frame_age_s") is not None
    )


_STREAKS_AFTER_A_GAP: dict[str, Any] = {
    "person_streak": 0,
    "person_first_seen_s": None,
    "absent_since_s": None,
    "belongings_streak": 0,
    "belongings_first_seen_s": None,
    "clear_streak": 0,
    "clear_first_seen_s": None,
}
"""A resumed seat keeps its state and clocks; the runs of consecutive samples start again."""


def _resumed_statuses(
    restore: Mapping[str, Mapping[str, Any] | SeatStatus] | None,
) -> dict[str, dict[str, Any]] | None:
    if not restore:
        return None
    return {
        key: (saved.to_dict() if isinstance(saved, SeatStatus) else dict(saved))
        | _STREAKS_AFTER_A_GAP
        for key, saved in restore.items()
    }


def _seat_pictures(evidence: CameraEvidence) -> SeatPictures | None:
    """A camera's seat references as a restart takes them back; None while it has none."""
    found = evidence.references_picture()
    if found is None:
        return None
    picture, seat_ids = found
    png = bytes(cv2.imencode(".png", picture)[1])
    return SeatPictures(png, tuple(seat_ids), tuple(evidence.captured_seats()))


def _resumed_camera(source: FrameSource, saved: Mapping[str, Any] | None) -> _CameraState:
    state = _CameraState(source=source)
    if saved:
        frame_time = saved.get("last_frame_time_s")
        state.last_frame_time_s = None if frame_time is None else float(frame_time)
        state.online = bool(saved.get("online")) and state.last_frame_time_s is not None
        state.ever_online = state.last_frame_time_s is not None
        state.reported_down = not state.online  # its camera_offline went out before the stop
    return state


def _health(source: FrameSource) -> dict[str, Any]:
    health = source.health().to_dict()
    return health if isinstance(health, dict) else {}


def _down_reason(source: FrameSource) -> str | None:
    """The source's last error, credentials scrubbed."""
    error = _health(source).get("last_error")
    return scrub_credentials(str(error)) if error else None


def _source_failed(source: FrameSource) -> bool:
    """The source tried and failed (as opposed to still connecting)."""
    return _health(source).get("state") in ("offline", "auth_failed")


def clock_signature(update: MonitorUpdate) -> Hashable:
    """The cameras' online states and the seats' states and clocks in an update: when it
    changes, a restart would resume differently, so what resumes it must be written now.
    (The sample counts and `last_update_s` change every cycle and are left out.)"""
    return tuple(
        (
            camera_id,
            camera.online,
            tuple(
                (
                    seat_id,
                    s.state,
                    s.since_s,
                    s.vacant_since_s,
                    s.occupied_since_s,
                    s.belongings_since_s,
                    s.last_stay_s,
                    s.resume_state,
                )
                for seat_id, s in camera.seats.items()
            ),
        )
        for camera_id, camera in update.cameras.items()
    )


def resume_state(update: MonitorUpdate) -> dict[str, dict[str, Any]]:
    """What a restarted monitor resumes from, out of an update: `{"seats": {"camera/seat":
    status}, "cameras": {camera: state}}` for `Monitor(restore=..., restore_cameras=...)`."""
    return {
        "seats": {
            f"{camera_id}/{seat_id}": status.to_dict()
            for camera_id, camera in update.cameras.items()
            for seat_id, status in camera.seats.items()
        },
        "cameras": {
            camera_id: {"online": camera.online, "last_frame_time_s": camera.frame_time_s}
            for camera_id, camera in update.cameras.items()
        },
    }


def instant_states(update: MonitorUpdate) -> dict[str, dict[str, str]]:
    """camera -> seat -> state value, for status lines and tests."""
    return {
        camera_id: {seat_id: s.state.value for seat_id, s in camera.seats.items()}
        for camera_id, camera in update.cameras.items()
    }


__all__ = [
    "CameraStatus",
    "CycleStats",
    "Monitor",
    "MonitorUpdate",
    "clock_signature",
    "instant_states",
    "resume_state",
]

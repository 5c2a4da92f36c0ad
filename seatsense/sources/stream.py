"""RTSP cameras, NVR channels and video files, read with PyAV (FFmpeg).

Decoding is what costs CPU once inference is batched, so only what the sampling interval needs
is decoded: when the stream's key frames come more often than the interval, only the newest
key frame is decoded, and only when the grabber's `latest()` asks for it; otherwise every
frame is decoded (a P-frame needs its predecessors) and the decode mode says so.

A frame FFmpeg marks corrupt (decoded from damaged data, the damage concealed) is dropped:
the sink hears of it, nobody analyses it.

PyAV's error texts hold the full URL: they reach messages only through the source's scrubber,
and errors are raised without them attached as their cause.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from typing import Any

import av
import av.error

from ..core.frame import Frame
from .base import (
    AuthError,
    CaptureError,
    CaptureTimeout,
    ConnectError,
    DecodeMode,
    NotAnImageError,
    NotFoundError,
)
from .reader import End, ReadOptions, Sink, sleep_unless_stopped
from .registry import SourceLocation

# FFmpeg's default probing reads ~3 s of stream before the first frame; half a second and no
# frame-rate probing are enough for one video stream and cut the first frame to ~0.7 s.
_RTSP_OPTIONS = {
    "rtsp_transport": "tcp",
    "allowed_media_types": "video",
    "analyzeduration": "500000",
    "fpsprobesize": "0",
}
_FILE_OPTIONS = {"analyzeduration": "500000", "fpsprobesize": "0"}
_MAX_GOP_PACKETS = 1500
"""Packets kept since the last key frame, for a clean switch to full decoding; bounded."""
_MAX_DECODE_ERRORS = 100


def map_av_error(exc: BaseException, where: str, scrub: Callable[[str], str]) -> CaptureError:
    """The `CaptureError` for a PyAV error (or a timeout) at `where`, credentials scrubbed."""
    detail = scrub(str(getattr(exc, "strerror", None) or exc))
    if isinstance(exc, av.error.HTTPUnauthorizedError | av.error.HTTPForbiddenError):
        return AuthError(f"{where}: authentication failed (wrong user name or password)")
    if isinstance(exc, av.error.ExitError | TimeoutError):
        return CaptureTimeout(f"{where}: timed out, no answer")
    if isinstance(exc, av.error.InvalidDataError):
        return NotAnImageError(f"{where}: not a readable video stream ({detail})")
    if isinstance(exc, FileNotFoundError) and not where.startswith("rtsp"):
        return ConnectError(f"{where}: no such file")
    if isinstance(exc, av.error.HTTPNotFoundError):
        return NotFoundError(f"{where}: stream not found on the server")
    return ConnectError(f"{where}: {detail}")


class _VideoDecoder:
    """Decodes what the sampling interval needs from a packet stream (see module docstring)."""

    def __init__(
        self,
        stream: Any,
        display: str,
        interval_s: float,
        sink: Sink,
        mode: DecodeMode = "keyframes",
    ) -> None:
        self.stream = stream
        self._display = display
        self._ctx = stream.codec_context
        if not self._ctx.is_open:
            self._ctx.thread_count = 1
        self._time_base = float(stream.time_base) if stream.time_base else None
        self._interval_s = interval_s
        self._sink = sink
        self._lock = threading.Lock()
        self._epoch = 0
        """Bumped on every switch of mode, so a lazy key-frame decode from before is dropped."""
        self.mode: DecodeMode = mode
        self._ctx.skip_frame = "NONKEY" if mode == "keyframes" else "DEFAULT"
        self._gop: list[Any] | None = None
        self._key_unit: list[Any] = []
        self._key_pts: int | None = None
        self._last_key_s: float | None = None
        self._last_key_wall: float | None = None
        self._first_wall: float | None = None
        self._errors = 0
        self._decoded_any = False
        sink.on_mode(self.mode)

    @classmethod
    def for_container(
        cls,
        container: Any,
        source: SourceLocation,
        interval_s: float,
        sink: Sink,
        mode: DecodeMode,
    ) -> _VideoDecoder:
        if not container.streams.video:
            raise NotAnImageError(f"{source.display}: has no video stream")
        return cls(container.streams.video[0], source.display, interval_s, sink, mode)

    def feed(self, packet: Any, now: float) -> None:
        if packet.is_keyframe:
            if self._key_pts is not None and packet.pts == self._key_pts:
                self._key_unit.append(packet)  # one key frame split over several packets
                self._append_gop(packet)
                if self.mode == "all":
                    self._decode_all([packet], now)
                return
            self._on_key(packet, now)
            return
        if self.mode == "all":
            self._decode_all([packet], now)
            return
        if self._key_pts is not None and packet.pts == self._key_pts:
            self._key_unit.append(packet)
        self._append_gop(packet)
        if self._first_wall is None:
            self._first_wall = now
        since = self._last_key_wall if self._last_key_wall is not None else self._first_wall
        if now - since > 1.5 * self._interval_s:
            # Key frames come less often than we sample (or are not flagged at all):
            # decode everything from now on. The margin keeps a GOP as long as the interval
            # (arriving with some jitter) from flapping between the modes.
            self._switch("all")
            gop, self._gop = self._gop, None
            if gop:
                self._decode_all(gop, now)
            self._sink.on_mode(self.mode)

    def _append_gop(self, packet: Any) -> None:
        if self._gop is not None:
            self._gop.append(packet)
            if len(self._gop) > _MAX_GOP_PACKETS:
                self._gop = None

    def _on_key(self, packet: Any, now: float) -> None:
        key_s = now
        if packet.pts is not None and self._time_base:
            key_s = packet.pts * self._time_base
        switched = False
        if self._last_key_s is not None and key_s > self._last_key_s:
            gop_s = key_s - self._last_key_s
            switched = self._switch("keyframes" if gop_s <= self._interval_s else "all")
        self._last_key_s = key_s
        self._last_key_wall = now
        self._key_pts = packet.pts
        self._key_unit = [packet]
        self._gop = [packet]
        if self.mode == "all":
            self._decode_all([packet], now)
        else:
            unit, epoch = self._key_unit, self._epoch
            self._sink.on_frame(now, lambda: self._decode_key(unit, epoch))
        if switched:
            self._sink.on_mode(self.mode)

    def _switch(self, mode: DecodeMode) -> bool:
        """Change the decode mode; True when it changed. The caller tells the sink once the
        first frame of the new mode is handed over: a frame pending from the old mode is
        dropped, so health never shows the new mode without a frame to go with it."""
        if mode == self.mode:
            return False
        with self._lock:
            self.mode = mode
            self._epoch += 1
            self._ctx.skip_frame = "NONKEY" if mode == "keyframes" else "DEFAULT"
        return True

    def _decode_key(self, unit: list[Any], epoch: int) -> Frame | None:
        """The key frame of `unit`, asked for by `latest()`; `NotAnImageError` when corrupt."""
        with self._lock:
            if epoch != self._epoch:
                return None
            frames: list[Any] = []
            for packet in list(unit):
                frames.extend(self._ctx.decode(packet))
            if not frames:
                # A decoder with a reordering delay holds the frame back: drain it.
                frames.extend(self._ctx.decode(None))
            # The next decode starts from a key frame again, so the decoder need not keep its
            # reference pictures in between (~4 MB a 1080p camera).
            self._ctx.flush_buffers()
        if frames and frames[-1].is_corrupt:
            raise NotAnImageError(f"{self._display}: a corrupt key frame (damaged data)")
        return _to_bgr(frames[-1]) if frames else None

    def _decode_all(self, packets: list[Any], now: float) -> None:
        frames: list[Any] = []
        with self._lock:
            for packet in packets:
                try:
                    frames.extend(self._ctx.decode(packet))
                except av.error.FFmpegError as exc:
                    # Before the first frame, errors are P-frames without their key frame.
                    if self._decoded_any:
                        self._errors += 1
                    if self._errors > _MAX_DECODE_ERRORS:
                        raise NotAnImageError(f"cannot decode the video ({exc})") from None
        whole = [frame for frame in frames if not frame.is_corrupt]
        for _ in range(len(frames) - len(whole)):
            self._sink.on_dropped(f"{self._display}: dropped a corrupt frame (damaged data)")
        if frames:
            self._errors = 0
            self._decoded_any = True
        if whole:
            newest = whole[-1]
            self._sink.on_frame(now, lambda: _to_bgr(newest))


def _to_bgr(frame: Any) -> Frame:
    array: Frame = frame.to_ndarray(format="bgr24")
    return array


def _open_av(location: str, options: dict[str, str], open_s: float, read_s: float) -> Any:
    return av.open(location, mode="r", options=dict(options), timeout=(open_s, read_s))


def read_av(source: SourceLocation, sink: Sink, options: ReadOptions) -> End:
    """Read an RTSP stream or a video file until it ends, fails (raises) or the sink stops."""
    live = source.kind == "rtsp"
    if not live and not os.path.exists(source.location):
        raise ConnectError(f"{source.display}: no such file")
    av_options = _RTSP_OPTIONS if live else _FILE_OPTIONS
    mode: DecodeMode = "keyframes"
    while True:
        started = time.monotonic()
        try:
            container = _open_av(
                source.location, av_options, options.open_timeout_s, options.read_timeout_s
            )
        except (av.error.FFmpegError, OSError) as exc:
            if time.monotonic() - started >= 0.95 * options.open_timeout_s:
                # Interrupted by the timeout; FFmpeg's RTSP client then often reports
                # "invalid data" rather than the interruption.
                raise CaptureTimeout(
                    f"{source.display}: timed out, no answer within {options.open_timeout_s:g} s"
                ) from None
            raise map_av_error(exc, source.display, options.scrub) from None
        try:
            decoder = _VideoDecoder.for_container(container, source, options.interval_s, sink, mode)
            end = _demux(container, decoder, source, sink, options, paced=not live)
            mode = decoder.mode
        finally:
            container.close()
        if end is not End.ENDED or live:
            return end
        if not options.loop:
            return End.FINISHED
        # A looped file: open it again (works for every format, seekable or not).


def _demux(
    container: Any,
    decoder: _VideoDecoder,
    source: SourceLocation,
    sink: Sink,
    options: ReadOptions,
    paced: bool,
) -> End:
    stream = decoder.stream
    time_base = float(stream.time_base) if stream.time_base else 0.0
    start_wall: float | None = None
    start_pts = 0.0
    packets = container.demux(stream)
    try:
        while True:
            asked = time.monotonic()
            packet = next(packets, None)
            if packet is None:
                return End.ENDED
            if time.monotonic() - asked >= options.read_timeout_s:
                # The read was interrupted by the timeout; FFmpeg then hands out the frame
                # its parser still held before it reports the interruption on the next read.
                raise CaptureTimeout(
                    f"{source.display}: timed out, nothing received for "
                    f"{options.read_timeout_s:g} s"
                )
            if sink.stopped():
                return End.STOPPED
            if packet.size == 0:
                continue  # the empty flush packet at the end
            if paced and packet.pts is not None and time_base:
                # A file plays at its own speed, like a camera; frame times are wall times.
                pts_s = packet.pts * time_base
                if start_wall is None:
                    start_wall, start_pts = time.time(), pts_s
                delay = start_wall + (pts_s - start_pts) - time.time()
                if delay > 0 and sleep_unless_stopped(sink, delay):
                    return End.STOPPED
            now = time.time()
            sink.on_packet(now)
            decoder.feed(packet, now)
    except av.error.FFmpegError as exc:
        raise map_av_error(exc, source.display, options.scrub) from None

"""Frame sources: RTSP cameras and NVR channels, HTTP snapshots and MJPEG, files, image folders.

A `Grabber` keeps one source open in a daemon thread and always hands out the newest frame
with its capture time; it reconnects with exponential backoff and reports its health.
`grab_one` takes a single frame (the Home Assistant config flow's connection test).

>>> grabber = Grabber("rtsp://user:secret@192.0.2.10/ch1", camera_id="hall")
>>> grabber
Grabber(camera_id='hall', source='rtsp://192.0.2.10/ch1', state='connecting')
>>> nvr_url("hikvision", "192.0.2.10", channel=3, stream="main")
'rtsp://192.0.2.10:554/Streaming/Channels/301'

Decoding is what costs CPU once inference is batched, so a grabber decodes only what its
sampling interval needs: when the stream's key frames come more often than the interval,
only the newest key frame is decoded, and only when `latest()` asks for it; otherwise every
frame is decoded (a P-frame needs its predecessors) and `health().decode_mode` says so.

Credentials never leave this module: exception texts, logs, health and repr pass through
`scrub_credentials`, and exceptions are raised without the PyAV error (whose text holds
the full URL) attached as their cause.
"""

from __future__ import annotations

import glob
import http.client
import logging
import os
import random
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import deque
from collections.abc import Callable
from dataclasses import asdict, dataclass
from enum import Enum
from pathlib import Path
from typing import Any, Literal, Protocol, cast

import av
import av.error
import cv2
import numpy as np

# Light, so they live in `urls` (the integration uses them without PyAV); re-exported here.
from ..core.frame import Frame
from ..core.urls import GENERIC_TEMPLATE as GENERIC_TEMPLATE
from ..core.urls import StreamKind as StreamKind
from ..core.urls import Vendor as Vendor
from ..core.urls import nvr_url as nvr_url
from ..core.urls import scrub_credentials as scrub_credentials
from ..core.urls import with_credentials as with_credentials
from .reachable import wait_for_retry

_LOGGER = logging.getLogger(__name__)

CaptureState = Literal["connecting", "streaming", "offline", "auth_failed"]
DecodeMode = Literal["keyframes", "all"]

IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".bmp", ".webp", ".tif", ".tiff"})

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
_MAX_MJPEG_BUFFER = 16 * 1024 * 1024


# -- errors and credentials -----------------------------------------------------------------


class CaptureError(Exception):
    """A source could not deliver frames. `str()` is one line with credentials removed."""

    reason = "unknown"
    """The Home Assistant config flow error key for this kind of failure."""

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(scrub_credentials(message).split()))


class AuthError(CaptureError):
    """The source refused the user name or password."""

    reason = "invalid_auth"


class ConnectError(CaptureError):
    """The source is refused, unreachable, not found, or not a supported kind of source."""

    reason = "cannot_connect"


class CaptureTimeout(CaptureError):
    """The source said nothing usable within the timeout."""

    reason = "timeout"


class NotAnImageError(CaptureError):
    """The source answered, but with something that is not video or an image."""

    reason = "not_an_image"


class _Secrets:
    """Scrubs one source's own password from text, in every spelling it may appear in."""

    def __init__(self, *urls: str, password: str | None = None) -> None:
        values: set[str] = set()
        for url in urls:
            try:
                secret = urllib.parse.urlsplit(url).password
            except ValueError:
                secret = None
            if secret:
                values.update({secret, urllib.parse.unquote(secret)})
        if password:
            values.update({password, urllib.parse.quote(password, safe="")})
        # Very short passwords would blank out ordinary words; URLs are scrubbed anyway.
        self._values = sorted((v for v in values if len(v) >= 4), key=len, reverse=True)

    def __call__(self, text: str) -> str:
        text = scrub_credentials(text)
        for value in self._values:
            text = text.replace(value, "***")
        return text


# -- public data ----------------------------------------------------------------------------


@dataclass(frozen=True)
class FrameSample:
    """One frame: BGR uint8 pixels (H x W x 3), its capture time (epoch s), its number."""

    frame: Frame
    time_s: float
    sequence: int


@dataclass(frozen=True)
class CaptureHealth:
    """How one grabber is doing."""

    state: CaptureState
    input_fps: float
    """Frames per second arriving from the source (all of them, decoded or not)."""
    frames_used: int
    """Frames decoded and handed out by `latest()`."""
    frame_age_s: float | None
    """Age of the newest frame available, None before the first."""
    reconnects: int
    """Connection attempts after the first one."""
    last_error: str | None
    decode_mode: DecodeMode

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return asdict(self)


# -- the sink a source reader feeds ---------------------------------------------------------


Decode = Callable[[], "Frame | None"]


class _Sink(Protocol):
    def stopped(self) -> bool: ...
    def on_packet(self, time_s: float) -> None: ...
    def on_frame(self, time_s: float, decode: Decode) -> None: ...
    def on_mode(self, mode: DecodeMode) -> None: ...


class _End(Enum):
    STOPPED = "stopped"
    ENDED = "ended"
    """The source ended (a killed server); reconnecting may help."""
    FINISHED = "finished"
    """A file or image sequence played to its end without looping; nothing more will come."""


# -- source readers -------------------------------------------------------------------------


@dataclass(frozen=True)
class _Source:
    kind: Literal["rtsp", "http", "file", "images"]
    location: str
    display: str
    """The location without credentials, for messages."""


def _classify(source: str) -> _Source:
    display = scrub_credentials(source)
    scheme, sep, _ = source.partition(":")
    scheme = scheme.lower()
    if sep and "://" in source and len(scheme) > 1:
        if scheme in ("rtsp", "rtsps"):
            return _Source("rtsp", source, display)
        if scheme in ("http", "https"):
            return _Source("http", source, display)
        if scheme == "file":
            return _classify(urllib.parse.unquote(urllib.parse.urlsplit(source).path))
        raise ConnectError(f"unsupported source scheme '{scheme}:' in {display}")
    if sep and len(scheme) > 1 and scheme.isalnum() and not os.path.exists(source):
        # `demo:...` and friends: schemes without `//`, provided by other modules.
        raise ConnectError(f"unsupported source scheme '{scheme}:' in {display}")
    if glob.has_magic(source) or os.path.isdir(source):
        return _Source("images", source, display)
    if Path(source).suffix.lower() in IMAGE_SUFFIXES:
        return _Source("images", source, display)
    return _Source("file", source, display)


def _map_av_error(exc: BaseException, where: str, scrub: Callable[[str], str]) -> CaptureError:
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
        return ConnectError(f"{where}: stream not found on the server")
    return ConnectError(f"{where}: {detail}")


class _VideoDecoder:
    """Decodes what the sampling interval needs from a packet stream (see module docstring)."""

    def __init__(
        self, stream: Any, interval_s: float, sink: _Sink, mode: DecodeMode = "keyframes"
    ) -> None:
        self.stream = stream
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
        cls, container: Any, source: _Source, interval_s: float, sink: _Sink, mode: DecodeMode
    ) -> _VideoDecoder:
        if not container.streams.video:
            raise NotAnImageError(f"{source.display}: has no video stream")
        return cls(container.streams.video[0], interval_s, sink, mode)

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
        if frames:
            self._errors = 0
            self._decoded_any = True
            newest = frames[-1]
            self._sink.on_frame(now, lambda: _to_bgr(newest))


def _to_bgr(frame: Any) -> Frame:
    array: Frame = frame.to_ndarray(format="bgr24")
    return array


def _open_av(
    location: str, options: dict[str, str], open_s: float, read_s: float
) -> Any:
    return av.open(location, mode="r", options=dict(options), timeout=(open_s, read_s))


def _run_av(
    source: _Source,
    sink: _Sink,
    scrub: Callable[[str], str],
    interval_s: float,
    open_timeout_s: float,
    read_timeout_s: float,
    loop: bool,
) -> _End:
    """Read an RTSP stream or a video file until it ends, fails (raises) or the sink stops."""
    live = source.kind == "rtsp"
    options = _RTSP_OPTIONS if live else _FILE_OPTIONS
    mode: DecodeMode = "keyframes"
    while True:
        started = time.monotonic()
        try:
            container = _open_av(source.location, options, open_timeout_s, read_timeout_s)
        except (av.error.FFmpegError, OSError) as exc:
            if time.monotonic() - started >= 0.95 * open_timeout_s:
                # Interrupted by the timeout; FFmpeg's RTSP client then often reports
                # "invalid data" rather than the interruption.
                raise CaptureTimeout(
                    f"{source.display}: timed out, no answer within {open_timeout_s:g} s"
                ) from None
            raise _map_av_error(exc, source.display, scrub) from None
        try:
            decoder = _VideoDecoder.for_container(container, source, interval_s, sink, mode)
            end = _demux(container, decoder, source, sink, scrub, read_timeout_s, not live)
            mode = decoder.mode
        finally:
            container.close()
        if end is not _End.ENDED or live:
            return end
        if not loop:
            return _End.FINISHED
        # A looped file: open it again (works for every format, seekable or not).


def _demux(
    container: Any,
    decoder: _VideoDecoder,
    source: _Source,
    sink: _Sink,
    scrub: Callable[[str], str],
    read_timeout_s: float,
    paced: bool,
) -> _End:
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
                return _End.ENDED
            if time.monotonic() - asked >= read_timeout_s:
                # The read was interrupted by the timeout; FFmpeg then hands out the frame
                # its parser still held before it reports the interruption on the next read.
                raise CaptureTimeout(
                    f"{source.display}: timed out, nothing received for {read_timeout_s:g} s"
                )
            if sink.stopped():
                return _End.STOPPED
            if packet.size == 0:
                continue  # the empty flush packet at the end
            if paced and packet.pts is not None and time_base:
                # A file plays at its own speed, like a camera; frame times are wall times.
                pts_s = packet.pts * time_base
                if start_wall is None:
                    start_wall, start_pts = time.time(), pts_s
                delay = start_wall + (pts_s - start_pts) - time.time()
                if delay > 0 and _sleep(sink, delay):
                    return _End.STOPPED
            now = time.time()
            sink.on_packet(now)
            decoder.feed(packet, now)
    except av.error.FFmpegError as exc:
        raise _map_av_error(exc, source.display, scrub) from None


def _sleep(sink: _Sink, seconds: float) -> bool:
    """Sleep in short steps; True when the sink stopped meanwhile."""
    deadline = time.monotonic() + seconds
    while (left := deadline - time.monotonic()) > 0:
        if sink.stopped():
            return True
        time.sleep(min(left, 0.1))
    return sink.stopped()


def decode_image(data: bytes) -> Frame:
    """An encoded still (JPEG, PNG, ...) as a BGR frame; `NotAnImageError` when it is none."""
    return _decode_image(data, "image")


def _decode_image(data: bytes, where: str) -> Frame:
    # OpenCV asserts on an empty buffer instead of answering None.
    image = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR) if data else None
    if image is None:
        raise NotAnImageError(f"{where}: the answer is not an image")
    return cast(Frame, image)


def _http_opener(url: str, username: str | None, password: str | None) -> tuple[
    str, urllib.request.OpenerDirector
]:
    parts = urllib.parse.urlsplit(url)
    user = urllib.parse.unquote(parts.username) if parts.username else username
    secret = urllib.parse.unquote(parts.password) if parts.password else password
    bare = urllib.parse.urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))
    handlers: list[urllib.request.BaseHandler] = []
    if user is not None:
        manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        manager.add_password(None, bare, user, secret or "")
        handlers += [
            urllib.request.HTTPBasicAuthHandler(manager),
            urllib.request.HTTPDigestAuthHandler(manager),
        ]
    return bare, urllib.request.build_opener(*handlers)


def _http_open(
    source: _Source, timeout_s: float, scrub: Callable[[str], str],
    username: str | None, password: str | None,
) -> Any:
    url, opener = _http_opener(source.location, username, password)
    try:
        return opener.open(url, timeout=timeout_s)
    except urllib.error.HTTPError as exc:
        exc.close()
        if exc.code in (401, 403):
            raise AuthError(
                f"{source.display}: authentication failed (wrong user name or password)"
            ) from None
        raise ConnectError(f"{source.display}: HTTP {exc.code} {scrub(str(exc.reason))}") from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            raise CaptureTimeout(f"{source.display}: timed out, no answer") from None
        raise ConnectError(f"{source.display}: {scrub(str(exc.reason))}") from None
    except TimeoutError:
        raise CaptureTimeout(f"{source.display}: timed out, no answer") from None
    except OSError as exc:
        raise ConnectError(f"{source.display}: {scrub(str(exc))}") from None


def _run_http(
    source: _Source,
    sink: _Sink,
    scrub: Callable[[str], str],
    interval_s: float,
    open_timeout_s: float,
    read_timeout_s: float,
    username: str | None,
    password: str | None,
) -> _End:
    """Poll a snapshot URL every interval, or follow an MJPEG stream."""
    sink.on_mode("all")
    while not sink.stopped():
        started = time.monotonic()
        response = _http_open(source, open_timeout_s, scrub, username, password)
        try:
            content_type = response.headers.get_content_type()
            if content_type.startswith("multipart/"):
                return _read_mjpeg(response, source, sink)
            if not content_type.startswith("image/") and content_type not in (
                "application/octet-stream", "binary/octet-stream"
            ):
                raise NotAnImageError(f"{source.display}: answered {content_type}, not an image")
            data = response.read()
        except TimeoutError:
            raise CaptureTimeout(f"{source.display}: timed out, no answer") from None
        except (OSError, http.client.HTTPException) as exc:
            detail = scrub(str(exc)) or type(exc).__name__
            raise ConnectError(f"{source.display}: {detail}") from None
        finally:
            response.close()
        image = _decode_image(data, source.display)
        now = time.time()
        sink.on_packet(now)
        sink.on_frame(now, _constant(image))
        if _sleep(sink, interval_s - (time.monotonic() - started)):
            break
    return _End.STOPPED


def _read_mjpeg(response: Any, source: _Source, sink: _Sink) -> _End:
    # The socket timeout given to `open` bounds every read, so a stalled stream raises.
    buffer = b""
    while not sink.stopped():
        chunk = response.read1(65536)
        if not chunk:
            return _End.ENDED
        buffer += chunk
        newest: bytes | None = None
        while True:
            start = buffer.find(b"\xff\xd8")
            if start < 0:
                buffer = buffer[-1:]
                break
            end = buffer.find(b"\xff\xd9", start + 2)
            if end < 0:
                buffer = buffer[start:]
                break
            newest = buffer[start : end + 2]
            buffer = buffer[end + 2 :]
        if len(buffer) > _MAX_MJPEG_BUFFER:
            raise NotAnImageError(f"{source.display}: no JPEG frame in the MJPEG stream")
        if newest is not None:
            now = time.time()
            sink.on_packet(now)
            sink.on_frame(now, _jpeg_decoder(newest, source.display))
    return _End.STOPPED


def _jpeg_decoder(jpeg: bytes, where: str) -> Decode:
    return lambda: _decode_image(jpeg, where)


def _constant(image: Frame) -> Decode:
    return lambda: image


def _image_paths(source: _Source) -> list[str]:
    location = source.location
    if os.path.isdir(location):
        names = sorted(os.listdir(location))
        paths = [os.path.join(location, n) for n in names]
    else:
        paths = sorted(glob.glob(location))
    return [p for p in paths if Path(p).suffix.lower() in IMAGE_SUFFIXES and os.path.isfile(p)]


def _read_image(path: str, display: str) -> Frame:
    image = cv2.imread(path, cv2.IMREAD_COLOR)
    if image is None:
        raise NotAnImageError(f"{display}: {Path(path).name} is not a readable image")
    return cast(Frame, image)


def _run_images(source: _Source, sink: _Sink, interval_s: float, loop: bool) -> _End:
    """An image sequence: the next image every interval (times are wall times)."""
    sink.on_mode("all")
    paths = _image_paths(source)
    if not paths:
        raise ConnectError(f"{source.display}: no images found")
    while True:
        for path in paths:
            started = time.monotonic()
            image = _read_image(path, source.display)
            now = time.time()
            sink.on_packet(now)
            sink.on_frame(now, _constant(image))
            if _sleep(sink, interval_s - (time.monotonic() - started)):
                return _End.STOPPED
        if not loop:
            return _End.FINISHED


def _run_source(
    source: _Source,
    sink: _Sink,
    scrub: Callable[[str], str],
    *,
    interval_s: float,
    open_timeout_s: float,
    read_timeout_s: float,
    loop: bool,
    username: str | None = None,
    password: str | None = None,
) -> _End:
    if source.kind == "http":
        return _run_http(
            source, sink, scrub, interval_s, open_timeout_s, read_timeout_s, username, password
        )
    if source.kind == "images":
        return _run_images(source, sink, interval_s, loop)
    if source.kind == "file" and not os.path.exists(source.location):
        raise ConnectError(f"{source.display}: no such file")
    return _run_av(source, sink, scrub, interval_s, open_timeout_s, read_timeout_s, loop)


# -- one frame --------------------------------------------------------------------------------


class _FirstFrame:
    """A sink that decodes the first frame offered, then stops the reader."""

    def __init__(self, deadline: float, display: str) -> None:
        self.frame: Frame | None = None
        self._deadline = deadline
        self._display = display

    def stopped(self) -> bool:
        return self.frame is not None

    def on_packet(self, time_s: float) -> None:
        if time.monotonic() > self._deadline:
            raise CaptureTimeout(f"{self._display}: timed out, no frame")

    def on_frame(self, time_s: float, decode: Decode) -> None:
        if self.frame is None:
            self.frame = decode()

    def on_mode(self, mode: DecodeMode) -> None:
        pass


def grab_one(source: str, timeout_s: float = 10.0) -> Frame:
    """One BGR frame from `source`, or a typed `CaptureError` (the connection test).

    Blocks up to about `timeout_s`; run it in an executor from async code.
    """
    if _is_demo(source):
        try:
            return DemoCamera(source, timeout_s).first_frame()
        except FileNotFoundError as exc:
            raise ConnectError(
                f"{source}: no timeline file '{exc.filename}'; use demo:default or a timeline file"
            ) from None
        except (ValueError, OSError) as exc:
            raise ConnectError(f"{source}: {exc}") from None
    kind = _classify(source)
    scrub = _Secrets(source)
    sink = _FirstFrame(time.monotonic() + timeout_s, kind.display)
    try:
        _run_source(
            kind, sink, scrub, interval_s=timeout_s, open_timeout_s=timeout_s,
            read_timeout_s=timeout_s, loop=False,
        )
    except CaptureError as exc:
        raise type(exc)(scrub(str(exc))) from None
    except av.error.FFmpegError as exc:
        raise _map_av_error(exc, kind.display, scrub) from None
    if sink.frame is None:
        raise NotAnImageError(f"{kind.display}: ended without a decodable frame")
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
        self._scrub = _Secrets(source, location, password=password)
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
        self._reconnects = 0
        self._last_error: str | None = None

    def __repr__(self) -> str:
        return (
            f"Grabber(camera_id={self.camera_id!r}, source={self.source!r}, "
            f"state={self._state!r})"
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
                _LOGGER.warning("%s: reader thread did not stop within %.1f s",
                                self.camera_id, timeout_s)
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
                self._set_error(f"cannot decode a frame: {exc}")
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

    def _on_mode(self, mode: DecodeMode) -> None:
        with self._lock:
            changed, self._mode = mode != self._mode, mode
        if changed:
            _LOGGER.info("%s: decoding %s", self.camera_id,
                         "key frames only" if mode == "keyframes" else "every frame")

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
                source = _classify(self._location)
                end = _run_source(
                    source, _GrabberSink(self), self._scrub, interval_s=self.interval_s,
                    open_timeout_s=self.open_timeout_s, read_timeout_s=self.read_timeout_s,
                    loop=self.loop, username=self._username, password=self._password,
                )
            except AuthError as exc:
                self._went_down("auth_failed", str(exc))
            except CaptureError as exc:
                self._went_down("offline", str(exc))
            except Exception as exc:  # a bug or an odd library error must not kill the thread
                self._went_down("offline", f"{type(exc).__name__}: {exc}")
                _LOGGER.debug("%s: reader error", self.camera_id, exc_info=False)
            else:
                if end is _End.STOPPED:
                    break
                if end is _End.FINISHED:
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

    def _went_down(self, state: CaptureState, message: str) -> None:
        self._set_error(message)
        with self._lock:
            previous, self._state = self._state, state
            error = self._last_error
        if previous != state:
            _LOGGER.warning("%s: %s (%s)", self.camera_id, state, error)


# -- the built-in demo scenario as a camera ---------------------------------------------------


class DemoCamera:
    """The built-in demo scenario (`demo:` sources) as a live camera, in wall-clock time.

    Scenario second t is shown at `start + (t - first) / speed`, so at the default speed of 1
    the seat clocks run in real time, as they would on a real camera.
    """

    def __init__(self, uri: str, interval_s: float) -> None:
        from ..demo import DemoSource

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


def open_source(source: str, camera_id: str, interval_s: float) -> Grabber | DemoCamera:
    """The frame source for a camera's `source` string."""
    if _is_demo(source):
        return DemoCamera(source, interval_s)
    # Files loop, so a recorded camera serves as a demo or test source forever.
    return Grabber(source, camera_id, interval_s=interval_s, loop=True)


def _is_demo(source: str) -> bool:
    return source.split(":", 1)[0].lower() == "demo"

"""HTTP cameras: a snapshot URL polled every interval, or an MJPEG stream followed.

User name and password come from the URL or the grabber and go to urllib's Basic and Digest
handlers, never into a message. A broken JPEG (truncated, or cut short by the next one in an
MJPEG stream) is dropped and the sink hears of it; the first answer of a snapshot URL being
broken is an error, so a connection test fails instead of waiting.
"""

from __future__ import annotations

import http.client
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

from .base import AuthError, CaptureTimeout, ConnectError, NotAnImageError, NotFoundError
from .images import decode_image
from .jpeg import JpegStream
from .reader import Decode, End, ReadOptions, Sink, constant, sleep_unless_stopped
from .registry import SourceLocation

_MAX_MJPEG_BUFFER = 16 * 1024 * 1024
_IMAGE_TYPES = ("application/octet-stream", "binary/octet-stream")
"""Content types that may hold an image besides `image/*`."""


def _http_opener(
    url: str, username: str | None, password: str | None
) -> tuple[str, urllib.request.OpenerDirector]:
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


def _http_open(source: SourceLocation, options: ReadOptions) -> Any:
    url, opener = _http_opener(source.location, options.username, options.password)
    scrub = options.scrub
    try:
        return opener.open(url, timeout=options.open_timeout_s)
    except urllib.error.HTTPError as exc:
        exc.close()
        if exc.code in (401, 403):
            raise AuthError(
                f"{source.display}: authentication failed (wrong user name or password)"
            ) from None
        if exc.code == 404:
            raise NotFoundError(f"{source.display}: HTTP 404, nothing at this path") from None
        raise ConnectError(f"{source.display}: HTTP {exc.code} {scrub(str(exc.reason))}") from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            raise CaptureTimeout(f"{source.display}: timed out, no answer") from None
        raise ConnectError(f"{source.display}: {scrub(str(exc.reason))}") from None
    except TimeoutError:
        raise CaptureTimeout(f"{source.display}: timed out, no answer") from None
    except OSError as exc:
        raise ConnectError(f"{source.display}: {scrub(str(exc))}") from None


def read_http(source: SourceLocation, sink: Sink, options: ReadOptions) -> End:
    """Poll a snapshot URL every interval, or follow an MJPEG stream."""
    sink.on_mode("all")
    answered = False
    while not sink.stopped():
        started = time.monotonic()
        response = _http_open(source, options)
        try:
            content_type = response.headers.get_content_type()
            if content_type.startswith("multipart/"):
                return _read_mjpeg(response, source, sink)
            if not content_type.startswith("image/") and content_type not in _IMAGE_TYPES:
                raise NotAnImageError(f"{source.display}: answered {content_type}, not an image")
            data = response.read()
        except TimeoutError:
            raise CaptureTimeout(f"{source.display}: timed out, no answer") from None
        except (OSError, http.client.HTTPException) as exc:
            detail = options.scrub(str(exc)) or type(exc).__name__
            raise ConnectError(f"{source.display}: {detail}") from None
        finally:
            response.close()
        try:
            image = decode_image(data, source.display)
        except NotAnImageError as err:
            if not answered:
                raise
            sink.on_dropped(str(err))
        else:
            answered = True
            now = time.time()
            sink.on_packet(now)
            sink.on_frame(now, constant(image))
        if sleep_unless_stopped(sink, options.interval_s - (time.monotonic() - started)):
            break
    return End.STOPPED


def _read_mjpeg(response: Any, source: SourceLocation, sink: Sink) -> End:
    # The socket timeout given to `open` bounds every read, so a stalled stream raises.
    stream = JpegStream()
    while not sink.stopped():
        chunk = response.read1(65536)
        if not chunk:
            return End.ENDED
        images, problems = stream.feed(chunk)
        for problem in problems:
            sink.on_dropped(f"{source.display}: dropped {problem}")
        if stream.buffered > _MAX_MJPEG_BUFFER:
            raise NotAnImageError(f"{source.display}: no JPEG frame in the MJPEG stream")
        if images:
            now = time.time()
            sink.on_packet(now)
            sink.on_frame(now, _jpeg_decoder(images[-1], source.display))
    return End.STOPPED


def _jpeg_decoder(jpeg: bytes, where: str) -> Decode:
    return lambda: decode_image(jpeg, where)

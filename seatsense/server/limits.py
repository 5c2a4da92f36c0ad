"""What the server accepts: body sizes, request rates, probes, and the checks on request input.

Every check raises `ApiError` with the contract's code (docs/server.md), which the server
answers as one line of JSON.
"""

from __future__ import annotations

import math
import re
import time
import urllib.parse
from collections.abc import Callable, Mapping
from typing import Any

from aiohttp import web

from ..core.layout import MAX_ID_LENGTH, loads_json
from ..sources.registry import DEMO_SCHEME, PUSH_SCHEME, named_scheme, url_kind
from .client import PROBE_TIMEOUT_S

MAX_FRAME_BYTES = 16 * 1024 * 1024
MAX_JSON_BYTES = 1024 * 1024
CLIENT_QUEUE = 1_000
"""Messages a WebSocket client may fall behind before it is disconnected (close code 4000)."""
MAX_WS_CLIENTS = 100
MAX_PROBE_TIMEOUT_S = 20.0
"""Longest camera probe a client may ask for (its answer must come within the client's 30 s)."""
PROBES = 2
"""Camera probes run at once; more at the same time get 429."""
MAX_CANVAS_SIDE = 4096
"""Largest width or height of the grey canvas a preview without an image is drawn on."""


class ApiError(Exception):
    """An error answer: HTTP status, the contract's code and a one-line message."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


class RateLimiter:
    """A token bucket per client address: `rate_per_s` requests a second, bursts of `burst`.

    >>> limiter = RateLimiter(rate_per_s=1, burst=2, clock=lambda: 0.0)
    >>> [limiter.allow("a") for _ in range(3)], limiter.allow("b")
    ([True, True, False], True)
    """

    def __init__(
        self, rate_per_s: float, burst: int, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.rate_per_s = rate_per_s
        self.burst = burst
        self._clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}

    def allow(self, key: str) -> bool:
        """Take one token from `key`'s bucket; False when it is empty."""
        now = self._clock()
        if len(self._buckets) > 10_000:  # forget full buckets so the table stays small
            self._buckets = {
                k: v for k, v in self._buckets.items() if self._tokens(v, now) < self.burst
            }
        tokens = self._tokens(self._buckets.get(key, (float(self.burst), now)), now)
        if tokens < 1.0:
            self._buckets[key] = (tokens, now)
            return False
        self._buckets[key] = (tokens - 1.0, now)
        return True

    def _tokens(self, bucket: tuple[float, float], now: float) -> float:
        tokens, then = bucket
        return min(float(self.burst), tokens + (now - then) * self.rate_per_s)


# -- request input ----------------------------------------------------------------------------


async def read_json_body(request: web.Request) -> Any:
    """The request's JSON body (None when empty): at most `MAX_JSON_BYTES`, nested at most
    `MAX_NESTING` deep, UTF-8, and without NaN or Infinity (which are not JSON)."""
    if (request.content_length or 0) > MAX_JSON_BYTES:
        raise ApiError(413, "too_large", f"JSON bodies are limited to {MAX_JSON_BYTES} bytes")
    body = await request.read()
    if len(body) > MAX_JSON_BYTES:
        raise ApiError(413, "too_large", f"JSON bodies are limited to {MAX_JSON_BYTES} bytes")
    if not body:
        return None
    try:
        return loads_json(body.decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as err:  # JSONDecodeError is a ValueError
        raise ApiError(400, "invalid", f"the body is not valid JSON: {err}") from None


_SEQUENCE = re.compile(r"[0-9]{1,19}")
"""ASCII digits only: `str.isdigit` also takes '²' and '٣'."""
MAX_SEQUENCE = 2**63 - 1
"""The largest sequence number SQLite stores."""


def sequence_param(request: web.Request, name: str) -> int | None:
    """A sequence number from the query (0 to `MAX_SEQUENCE`), or None when absent."""
    raw = request.query.get(name)
    if raw is None:
        return None
    if not _SEQUENCE.fullmatch(raw) or int(raw) > MAX_SEQUENCE:
        raise ApiError(400, "invalid", f"'{name}' must be a sequence number (0 to 2^63-1)")
    return int(raw)


MAX_FRAME_AHEAD_S = 300.0
"""How far a pushed frame's time may be ahead of the server's clock (clocks drift apart)."""
MAX_FRAME_AGE_S = 86_400.0
"""How far a pushed frame's time may be behind the server's clock."""
MAX_FRAME_REWIND_S = 300.0
"""How far a pushed frame may go back behind the camera's last one: frames can arrive out of
order, but seat clocks running hours backwards would stay wrong until the time caught up. At
least `MAX_FRAME_AHEAD_S`, so one frame stamped ahead never locks the camera out."""


def frame_time(raw: str | None, now: float, previous: float | None) -> float:
    """A pushed frame's `time_s` (epoch seconds; `now` when absent): finite, within a day
    before and 5 minutes after `now`, and at most 5 minutes before the `previous` frame."""
    if raw is None:
        return now
    try:
        time_s = float(raw)
    except ValueError:
        time_s = math.nan
    if not now - MAX_FRAME_AGE_S <= time_s <= now + MAX_FRAME_AHEAD_S:  # False for NaN too
        raise ApiError(
            400,
            "invalid",
            f"'time_s' must be the frame's time in epoch seconds, at most "
            f"{MAX_FRAME_AGE_S:g} s before and {MAX_FRAME_AHEAD_S:g} s after the server's clock",
        )
    if previous is not None and time_s < previous - MAX_FRAME_REWIND_S:
        raise ApiError(
            400,
            "invalid",
            f"'time_s' is {previous - time_s:.0f} s earlier than the camera's last frame "
            f"(at most {MAX_FRAME_REWIND_S:g} s allowed)",
        )
    return time_s


def probe_source(body: Any) -> tuple[str, float]:
    """The source and timeout of a probe request's JSON body."""
    source = body.get("source") if isinstance(body, dict) else None
    if not isinstance(source, str) or not source.strip():
        raise ApiError(400, "invalid", 'send {"source": URL} or an image/* body to probe')
    timeout_s = body.get("timeout_s", PROBE_TIMEOUT_S)
    if (
        isinstance(timeout_s, bool)
        or not isinstance(timeout_s, int | float)
        or not 0 < timeout_s <= MAX_PROBE_TIMEOUT_S
    ):
        raise ApiError(
            400, "invalid", f"'timeout_s' must be a number of seconds up to {MAX_PROBE_TIMEOUT_S:g}"
        )
    return source.strip(), float(timeout_s)


_CANVAS_SIDE = re.compile(r"[0-9]{1,5}")


def canvas_side(form: Mapping[str, Any], name: str) -> int:
    """A canvas width or height field of a preview form."""
    raw = form.get(name)
    if (
        not isinstance(raw, str)
        or not _CANVAS_SIDE.fullmatch(raw)
        or not 0 < int(raw) <= MAX_CANVAS_SIDE
    ):
        raise ApiError(
            400,
            "invalid",
            f"'{name}' must be 1 to {MAX_CANVAS_SIDE} pixels when no 'image' is sent",
        )
    return int(raw)


def seat_param(body: Any) -> str | None:
    """The optional `seat` of a JSON body: a seat id or null."""
    seat = body.get("seat") if isinstance(body, dict) else None
    if seat is not None and (not isinstance(seat, str) or len(seat) > MAX_ID_LENGTH):
        raise ApiError(
            400, "invalid", f"'seat' must be a seat id (at most {MAX_ID_LENGTH} characters) or null"
        )
    return seat


# -- camera sources a client may name --------------------------------------------------------

CAMERA_URLS = "rtsp://, rtsps://, http://, https://, push: or demo:default"


def is_camera_url(source: str) -> bool:
    """True for what reaches a camera over the network or needs no file: rtsp(s) and http(s)
    URLs with a host, `push:` and the built-in demo (`demo:PATH` reads a local file).

    >>> [is_camera_url(s) for s in ("rtsp://10.0.0.5/ch1", "demo:default?speed=60", "/dev/video0")]
    [True, True, False]
    """
    if url_kind(source) is not None:
        return bool(urllib.parse.urlsplit(source).hostname)
    scheme = named_scheme(source)
    if scheme == DEMO_SCHEME:
        return source.partition(":")[2].partition("?")[0] in ("", "default")
    return scheme == PUSH_SCHEME


def check_camera_url(source: str, allow_local: bool, what: str) -> None:
    """Refuse a source that is not a camera URL unless `allow_local`; the refusal is the same
    whatever the path, so it never tells whether a file exists."""
    if not allow_local and not is_camera_url(source):
        raise ApiError(
            400,
            "invalid",
            f"only camera URLs ({CAMERA_URLS}) {what}; this server opens no local files or "
            "folders for its clients unless started with --allow-local-sources",
        )


__all__ = [
    "CAMERA_URLS",
    "CLIENT_QUEUE",
    "MAX_CANVAS_SIDE",
    "MAX_FRAME_AGE_S",
    "MAX_FRAME_AHEAD_S",
    "MAX_FRAME_BYTES",
    "MAX_FRAME_REWIND_S",
    "MAX_JSON_BYTES",
    "MAX_PROBE_TIMEOUT_S",
    "MAX_SEQUENCE",
    "MAX_WS_CLIENTS",
    "PROBES",
    "ApiError",
    "RateLimiter",
    "canvas_side",
    "check_camera_url",
    "frame_time",
    "is_camera_url",
    "probe_source",
    "read_json_body",
    "seat_param",
    "sequence_param",
]

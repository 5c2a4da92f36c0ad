"""What the server accepts: body sizes, request rates, probes, and the checks on request input.

Every check raises `ApiError` with the contract's code (docs/server.md), which the server
answers as one line of JSON.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Mapping
from typing import Any

from aiohttp import web

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
    if (request.content_length or 0) > MAX_JSON_BYTES:
        raise ApiError(413, "too_large", f"JSON bodies are limited to {MAX_JSON_BYTES} bytes")
    body = await request.read()
    if len(body) > MAX_JSON_BYTES:
        raise ApiError(413, "too_large", f"JSON bodies are limited to {MAX_JSON_BYTES} bytes")
    if not body:
        return None
    try:
        return json.loads(body)
    except (ValueError, UnicodeDecodeError) as err:
        raise ApiError(400, "invalid", f"the body is not valid JSON: {err}") from None


def int_param(request: web.Request, name: str) -> int | None:
    raw = request.query.get(name)
    if raw is None:
        return None
    if not raw.isdigit():
        raise ApiError(400, "invalid", f"'{name}' must be a sequence number (0 or more)")
    return int(raw)


def float_param(request: web.Request, name: str, default: float) -> float:
    raw = request.query.get(name)
    try:
        return default if raw is None else float(raw)
    except ValueError:
        raise ApiError(400, "invalid", f"'{name}' must be a number of seconds") from None


def probe_source(body: Any) -> tuple[str, float]:
    """The source and timeout of a probe request's JSON body."""
    source = body.get("source") if isinstance(body, dict) else None
    if not isinstance(source, str) or not source.strip():
        raise ApiError(400, "invalid", 'send {"source": URL} or an image/* body to probe')
    timeout_s = body.get("timeout_s", PROBE_TIMEOUT_S)
    if not isinstance(timeout_s, int | float) or not 0 < timeout_s <= MAX_PROBE_TIMEOUT_S:
        raise ApiError(
            400, "invalid", f"'timeout_s' must be a number of seconds up to {MAX_PROBE_TIMEOUT_S:g}"
        )
    return source.strip(), float(timeout_s)


def canvas_side(form: Mapping[str, Any], name: str) -> int:
    """A canvas width or height field of a preview form."""
    raw = form.get(name)
    if not isinstance(raw, str) or not raw.isdigit() or not 0 < int(raw) <= MAX_CANVAS_SIDE:
        raise ApiError(
            400,
            "invalid",
            f"'{name}' must be 1 to {MAX_CANVAS_SIDE} pixels when no 'image' is sent",
        )
    return int(raw)


__all__ = [
    "CLIENT_QUEUE",
    "MAX_CANVAS_SIDE",
    "MAX_FRAME_BYTES",
    "MAX_JSON_BYTES",
    "MAX_PROBE_TIMEOUT_S",
    "MAX_WS_CLIENTS",
    "PROBES",
    "ApiError",
    "RateLimiter",
    "canvas_side",
    "float_param",
    "int_param",
    "probe_source",
    "read_json_body",
]

"""`seatsense serve`: the monitor behind an HTTP + WebSocket API (docs/server.md).

One `Monitor` runs the site on its worker thread; its updates come to the event loop, get
sequence numbers, go to a bounded SQLite replay log and fan out to WebSocket clients, each
with a bounded queue. Every answer is JSON (errors too), every request needs the bearer token.

>>> server = SeatServer(ServerConfig(site_path=Path("site.yaml"), port=0))  # doctest: +SKIP
>>> await server.start()                                                  # doctest: +SKIP
>>> server.url                                                            # doctest: +SKIP
'http://127.0.0.1:41023'
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import importlib
import json
import logging
import os
import secrets
import sqlite3
import tempfile
import time
from collections import deque
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any, Protocol, cast

import numpy as np
import yaml
from aiohttp import WSCloseCode, web

from .. import __version__
from ..core.frame import Frame
from ..core.layout import (
    LayoutError,
    Seat,
    Site,
    load_site,
    parse_seat_lines,
    parse_site,
    site_to_dict,
)
from ..core.status import MonitorUpdate
from ..live.monitor import FrameSource, Monitor, PushSource
from ..sources.capture import (
    AuthError,
    CaptureError,
    CaptureTimeout,
    NotAnImageError,
    NotFoundError,
    decode_image,
    grab_one,
    scrub_credentials,
)
from ..vision.detect import Detector, load_detector
from ..vision.draw import blurred, draw_layout, encode_jpeg
from .client import (
    CLOSE_TOO_SLOW,
    FRAME_HEIGHT_HEADER,
    FRAME_WIDTH_HEADER,
    HEARTBEAT_S,
    PROBE_TIMEOUT_S,
)

_LOGGER = logging.getLogger(__name__)

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765
TOKEN_ENV = "SEATSENSE_TOKEN"
MAX_FRAME_BYTES = 16 * 1024 * 1024
MAX_JSON_BYTES = 1024 * 1024
LOG_EVENTS = 10_000
"""Events kept in the replay log."""
CLIENT_QUEUE = 1_000
"""Messages a WebSocket client may fall behind before it is disconnected (close code 4000)."""
MAX_WS_CLIENTS = 100
CLOSE_TIMEOUT_S = 5.0
PUSH_SCHEME = "push"
MAX_PROBE_TIMEOUT_S = 20.0
"""Longest camera probe a client may ask for (its answer must come within the client's 30 s)."""
PROBES = 2
"""Camera probes run at once; more at the same time get 429."""
MAX_CANVAS_SIDE = 4096
"""Largest width or height of the grey canvas a preview without an image is drawn on."""

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


class UpdatePublisher(Protocol):
    """What the server hands each cycle to besides its clients (`server.mqtt.MqttPublisher`)."""

    def start(self) -> None: ...

    def stop(self) -> None: ...

    def publish(self, update: MonitorUpdate) -> None: ...

    def publish_site(self, site: Site) -> None: ...


@dataclass(frozen=True)
class ServerConfig:
    """How to run a server. `data_dir` defaults to `.seatsense/` beside the site file."""

    site_path: Path
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    data_dir: Path | None = None
    token_file: Path | None = None
    mqtt_url: str | None = None
    rate_per_s: float = 20.0
    rate_burst: int = 100
    log_events: int = LOG_EVENTS
    client_queue: int = CLIENT_QUEUE
    max_ws_clients: int = MAX_WS_CLIENTS

    @property
    def data_path(self) -> Path:
        """The data directory."""
        return self.data_dir or self.site_path.resolve().parent / ".seatsense"


class ApiError(Exception):
    """An error answer: HTTP status, the contract's code and a one-line message."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


# -- token -------------------------------------------------------------------------------------


def load_token(path: Path) -> tuple[str, bool]:
    """The bearer token and whether it was just created (`$SEATSENSE_TOKEN` wins over the file).

    A new token is written with mode 0600 before anything else can read the file.
    """
    if os.environ.get(TOKEN_ENV):
        return os.environ[TOKEN_ENV], False
    try:
        token = path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        token = secrets.token_urlsafe(32)
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(token + "\n")
        return token, True
    if not token:
        raise OSError(f"{path}: the token file is empty; delete it to get a new token")
    return token, False


# -- the replay log ----------------------------------------------------------------------------


class ReplayLog:
    """The newest `keep` event messages by sequence number, the last sequence number and the
    saved seat statuses, in SQLite (WAL). Used from the event loop thread only.

    >>> log = ReplayLog(Path(":memory:"), keep=2)
    >>> log.record([(1, "a"), (2, "b"), (3, "c")], last_seq=4)
    >>> log.replay(after=0)
    (1, ['b', 'c'])
    """

    def __init__(self, path: Path, keep: int = LOG_EVENTS) -> None:
        self.keep = keep
        self._db = sqlite3.connect(path, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute("CREATE TABLE IF NOT EXISTS events (seq INTEGER PRIMARY KEY, text TEXT)")
        self._db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
        self.last_seq = int(self._meta("last_seq") or 0)
        self.dropped_through = int(self._meta("dropped_through") or 0)
        """The newest sequence number already dropped from the log (0: none)."""
        self._count = int(self._db.execute("SELECT COUNT(*) FROM events").fetchone()[0])

    def record(self, events: Sequence[tuple[int, str]], last_seq: int) -> None:
        """Log event messages (seq, JSON text) and the newest seq in one transaction."""
        with self._transaction():
            self._db.executemany("INSERT INTO events VALUES (?, ?)", events)
            self._count += len(events)
            if self._count > self.keep:
                cutoff = self._db.execute(
                    "SELECT seq FROM events ORDER BY seq DESC LIMIT 1 OFFSET ?", (self.keep,)
                ).fetchone()[0]
                self._db.execute("DELETE FROM events WHERE seq <= ?", (cutoff,))
                self._count = self.keep
                self.dropped_through = max(self.dropped_through, int(cutoff))
                self._set_meta("dropped_through", str(self.dropped_through))
            self.last_seq = last_seq
            self._set_meta("last_seq", str(last_seq))

    def replay(self, after: int) -> tuple[int | None, list[str]]:
        """The gap seq (None when nothing after `after` was dropped) and the logged messages."""
        gap = self.dropped_through if self.dropped_through > after else None
        if after > self.last_seq:  # a client of an older data dir: it cannot trust its seq
            gap = self.last_seq
        rows = self._db.execute("SELECT text FROM events WHERE seq > ? ORDER BY seq", (after,))
        return gap, [text for (text,) in rows]

    def save_statuses(self, statuses: Mapping[str, Any]) -> None:
        """Keep the seat statuses (`Monitor.seat_statuses()`) for the next start."""
        with self._transaction():
            self._set_meta("seat_statuses", json.dumps(statuses))

    def load_statuses(self) -> dict[str, Any]:
        """The seat statuses saved last, or none."""
        saved = self._meta("seat_statuses")
        return dict(json.loads(saved)) if saved else {}

    def close(self) -> None:
        """Close the database."""
        self._db.close()

    @contextlib.contextmanager
    def _transaction(self) -> Any:
        self._db.execute("BEGIN")
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def _meta(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def _set_meta(self, key: str, value: str) -> None:
        self._db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))


# -- rate limit and WebSocket clients ----------------------------------------------------------


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


class _Subscriber:
    """One WebSocket client's queue of JSON texts, bounded to `limit`."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.pending: deque[str] = deque()
        self.ready = asyncio.Event()
        self.close_code: int | None = None
        self.sender: asyncio.Task[None] | None = None

    def offer(self, text: str) -> None:
        """Queue a message; a client already `limit` behind is dropped instead."""
        if self.close_code is not None:
            return
        if len(self.pending) >= self.limit:
            self.drop(CLOSE_TOO_SLOW)
            return
        self.pending.append(text)
        self.ready.set()

    def drop(self, code: int) -> None:
        """Stop sending (even mid-send to a stuck client) and close with `code`."""
        self.close_code = code
        self.pending.clear()
        if self.sender is not None:
            self.sender.cancel()


# -- the server --------------------------------------------------------------------------------


class SeatServer:
    """The monitor of one site behind the API of docs/server.md.

    `detector` and `publisher` are for tests and embedding: by default the site's model is
    loaded and an `MqttPublisher` is made when `config.mqtt_url` is set.
    """

    def __init__(
        self,
        config: ServerConfig,
        detector: Detector | None = None,
        publisher: UpdatePublisher | None = None,
    ) -> None:
        self.config = config
        self.token = ""
        self.token_created = False
        self.url = ""
        self.site: Site | None = None
        self._detector = detector
        self._publisher = publisher
        self._monitor: Monitor | None = None
        self._log: ReplayLog | None = None
        self._push: dict[str, PushSource] = {}
        self._seq = 0
        self._status_text = ""
        self._subscribers: set[_Subscriber] = set()
        self._limiter = RateLimiter(config.rate_per_s, config.rate_burst)
        self._restart = asyncio.Lock()
        self._probes = asyncio.Semaphore(PROBES)
        self._runner: web.AppRunner | None = None

    # -- lifecycle -------------------------------------------------------------------------------

    async def start(self) -> None:
        """Load the token, the log and the site, start the monitor, then listen."""
        data = self.config.data_path
        data.mkdir(parents=True, exist_ok=True, mode=0o700)
        self.token, self.token_created = load_token(self.config.token_file or data / "token")
        self._log = ReplayLog(data / "server.sqlite3", self.config.log_events)
        self._seq = self._log.last_seq
        site = load_site(self.config.site_path)
        _check_sources(site)
        if self.config.mqtt_url and self._publisher is None:
            mqtt = importlib.import_module("seatsense.server.mqtt")
            self._publisher = cast(UpdatePublisher, mqtt.MqttPublisher(self.config.mqtt_url, site))
        await self._run_site(site, self._log.load_statuses())
        if self._publisher is not None:
            self._publisher.start()
            self._publisher.publish_site(site)
        self._runner = web.AppRunner(self._app(), access_log=None)
        await self._runner.setup()
        tcp = web.TCPSite(self._runner, self.config.host, self.config.port)
        await tcp.start()
        host, port = self._runner.addresses[0][:2]
        self.url = f"http://{host}:{port}"

    async def stop(self) -> None:
        """Close the clients, stop listening, stop the monitor and save the seat statuses."""
        for subscriber in list(self._subscribers):
            subscriber.drop(WSCloseCode.GOING_AWAY)
        if self._runner is not None:
            await self._runner.cleanup()
        if self._monitor is not None:
            # The cycles queued on the loop before the worker ended run before this returns.
            await asyncio.to_thread(self._monitor.stop)
            if self._log is not None:
                self._log.save_statuses(self._monitor.seat_statuses())
        if self._log is not None:
            self._log.close()
            self._log = None
        if self._publisher is not None:
            self._publisher.stop()

    async def _run_site(self, site: Site, restore: Mapping[str, Any]) -> None:
        """Start a monitor for `site` (seat statuses from `restore`) and publish its status."""
        if self._detector is None or (self.site is not None and site.model != self.site.model):
            self._detector = await asyncio.to_thread(load_detector, site.model)
        self._push = {
            camera.id: self._push.get(camera.id) or PushSource()
            for camera in site.cameras
            if _is_push(camera.source)
        }
        sources = cast(dict[str, FrameSource], self._push)
        monitor = await asyncio.to_thread(
            Monitor, site, self._detector, restore=restore, sources=sources
        )
        loop = asyncio.get_running_loop()

        def deliver(update: MonitorUpdate) -> None:  # on the monitor's worker thread
            loop.call_soon_threadsafe(self.publish, update, time.time())

        monitor.add_listener(deliver)
        self.site, self._monitor = site, monitor
        self.publish(await asyncio.to_thread(monitor.status))
        monitor.start()

    # -- publishing ------------------------------------------------------------------------------

    def publish(self, update: MonitorUpdate, published_s: float | None = None) -> None:
        """Number, log and fan out one cycle's events and then its status (event loop only).

        `published_s` (default: now) is when the monitor handed the cycle over; every message
        carries it, so a client on the same clock can measure the push latency.
        """
        if self._log is None:
            return
        published_s = time.time() if published_s is None else published_s
        logged = []
        for event in update.events:
            self._seq += 1
            message = {"type": "event", "seq": self._seq, "published_s": published_s}
            logged.append((self._seq, _dumps(message | {"event": event.to_dict()})))
        self._seq += 1
        status = {"type": "status", "seq": self._seq, "published_s": published_s}
        self._status_text = _dumps(status | {"update": update.to_dict(events=False)})
        self._log.record(logged, self._seq)
        texts = [text for _, text in logged] + [self._status_text]
        for subscriber in list(self._subscribers):
            for text in texts:
                subscriber.offer(text)
        if self._publisher is not None:
            self._publisher.publish(update)

    # -- the application -------------------------------------------------------------------------

    def _app(self) -> web.Application:
        app = web.Application(
            client_max_size=MAX_FRAME_BYTES,
            middlewares=[self._errors, self._rate_limit, self._auth],
        )
        app.add_routes(
            [
                web.get("/api/info", self._info),
                web.get("/api/site", self._get_site),
                web.put("/api/site", self._put_site),
                web.get("/api/status", self._status),
                web.get("/api/cameras/{camera}/snapshot.jpg", self._snapshot),
                web.post("/api/cameras/{camera}/frame", self._frame),
                web.post("/api/cameras/{camera}/baseline", self._baseline),
                web.post("/api/cameras/{camera}/seats/{seat}/reset", self._reset),
                web.post("/api/probe", self._probe),
                web.post("/api/preview", self._preview),
                web.get("/api/ws", self._websocket),
            ]
        )
        return app

    @web.middleware
    async def _errors(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        try:
            return await handler(request)
        except ApiError as err:
            return _error(err.status, err.code, err.message)
        except web.HTTPException as err:
            if err.status < 400:
                raise
            message = _MESSAGES.get(err.status, err.reason)
            return _error(err.status, _CODES.get(err.status, "internal"), message)
        except Exception as err:  # the answer must stay JSON; the details go to the log
            _LOGGER.error("%s %s failed: %s", request.method, request.path, _scrub(repr(err)))
            return _error(500, "internal", "internal error; see the server log")

    @web.middleware
    async def _rate_limit(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        if not self._limiter.allow(request.remote or ""):
            limit = f"{self.config.rate_per_s:g}/s, bursts of {self.config.rate_burst}"
            raise ApiError(429, "rate_limited", f"too many requests from this address ({limit})")
        return await handler(request)

    @web.middleware
    async def _auth(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        given = request.headers.get("Authorization", "")
        if not hmac.compare_digest(given.encode(), f"Bearer {self.token}".encode()):
            raise ApiError(
                401, "unauthorized", "missing or wrong token; send Authorization: Bearer TOKEN"
            )
        return await handler(request)

    # -- endpoints -------------------------------------------------------------------------------

    async def _info(self, request: web.Request) -> web.Response:
        site = self._site()
        return web.json_response(
            {
                "version": __version__,
                "site": site.name,
                "sequence": self._seq,
                "cameras": len(site.cameras),
                "seats": sum(len(camera.seats) for camera in site.cameras),
            }
        )

    async def _get_site(self, request: web.Request) -> web.Response:
        return web.json_response(_public_layout(self._site()))

    async def _put_site(self, request: web.Request) -> web.Response:
        raw = await _json_body(request)
        try:
            site = parse_site(raw, origin="layout")
            _check_sources(site)
        except LayoutError as err:
            raise ApiError(400, "invalid", str(err)) from None
        async with self._restart:
            current = self._site()
            site = _keep_credentials(site, current)
            changed = site_to_dict(site) != site_to_dict(current)
            if changed:
                await asyncio.to_thread(_write_site, self.config.site_path, site)
                await self._replace_site(site)
        return web.json_response({"ok": True, "changed": changed})

    async def _replace_site(self, site: Site) -> None:
        old = self._running()
        await asyncio.to_thread(old.stop)
        await self._run_site(site, old.seat_statuses())
        if self._publisher is not None:
            self._publisher.publish_site(site)

    async def _status(self, request: web.Request) -> web.Response:
        return web.Response(text=self._status_text, content_type="application/json")

    async def _snapshot(self, request: web.Request) -> web.Response:
        camera = self._camera_id(request)
        blur = request.query.get("blur", "0").lower() in ("1", "true", "yes")
        jpeg = await asyncio.to_thread(self._running().annotated_jpeg, camera, blur)
        if jpeg is None:
            raise ApiError(409, "no_frame", f"camera '{camera}' has no processed frame yet")
        return web.Response(body=jpeg, content_type="image/jpeg")

    async def _frame(self, request: web.Request) -> web.Response:
        camera = self._camera_id(request)
        source = self._push.get(camera)
        if source is None:
            raise ApiError(
                400, "invalid", f"camera '{camera}' takes no frames; its source is not push:"
            )
        time_s = _float_param(request, "time_s", default=time.time())
        try:
            frame = await asyncio.to_thread(decode_image, await request.read())
        except NotAnImageError:
            raise ApiError(
                400, "invalid", "the body is not a JPEG image; send Content-Type image/jpeg"
            ) from None
        source.push(frame, time_s)
        return web.json_response({"ok": True})

    async def _baseline(self, request: web.Request) -> web.Response:
        camera = self._camera_id(request)
        body = await _json_body(request)
        seat = body.get("seat") if isinstance(body, dict) else None
        if seat is not None and not isinstance(seat, str):
            raise ApiError(400, "invalid", "'seat' must be a seat id or null")
        try:
            await asyncio.to_thread(self._running().capture_baseline, camera, seat)
        except RuntimeError as err:
            raise ApiError(409, "no_frame", str(err)) from None
        except KeyError:
            raise ApiError(404, "not_found", f"camera '{camera}' has no seat '{seat}'") from None
        return web.json_response({"ok": True})

    async def _reset(self, request: web.Request) -> web.Response:
        camera = self._camera_id(request)
        seat = request.match_info["seat"]
        monitor = self._running()
        try:
            events = await asyncio.to_thread(monitor.reset_seat, camera, seat)
        except KeyError:
            raise ApiError(404, "not_found", f"camera '{camera}' has no seat '{seat}'") from None
        status = await asyncio.to_thread(monitor.status)
        self.publish(MonitorUpdate(status.time_s, events, status.cameras))
        return web.json_response({"ok": True, "events": [event.to_dict() for event in events]})

    async def _probe(self, request: web.Request) -> web.Response:
        if request.content_type.startswith("image/"):
            still = await request.read()
            if not still:
                raise ApiError(400, "invalid", "the image body is empty; send the still to probe")
            grab = partial(decode_image, still)
        else:
            grab = partial(grab_one, *_probe_source(await _json_body(request)))
        if self._probes.locked():
            raise ApiError(
                429, "rate_limited", f"{PROBES} probes are running; try again when one ends"
            )
        async with self._probes:
            try:
                frame = await asyncio.to_thread(grab)
            except CaptureError as err:
                status, code = _PROBE_ERRORS.get(type(err), (502, "cannot_connect"))
                raise ApiError(status, code, str(err)) from None
        return await _jpeg_response(frame)

    async def _preview(self, request: web.Request) -> web.Response:
        try:
            form = await request.post()
        except ValueError as err:
            raise ApiError(400, "invalid", f"the body is not a valid form: {err}") from None
        text = form.get("seats", "")
        if not isinstance(text, str):
            raise ApiError(400, "invalid", "'seats' must be text: seat lines, one per line")
        image = form.get("image")
        if isinstance(image, web.FileField):
            try:
                frame = await asyncio.to_thread(decode_image, image.file.read())
            except NotAnImageError:
                raise ApiError(400, "invalid", "'image' is not an image; send a JPEG") from None
        else:
            width, height = _side(form, "width"), _side(form, "height")
            frame = np.full((height, width, 3), 128, np.uint8)
        height, width = frame.shape[:2]
        try:
            seats = parse_seat_lines(text, width, height) if text.strip() else ()
        except LayoutError as err:
            raise ApiError(400, "invalid", str(err)) from None
        if form.get("blur") == "1":  # the site's privacy covers previews too
            settings = self._running().pipeline.evidence_settings
            detector = self._running().pipeline.detector
            frame = await asyncio.to_thread(blurred, frame, detector, settings.detection_conf)
        return await _jpeg_response(frame, seats)

    async def _websocket(self, request: web.Request) -> web.WebSocketResponse:
        after = _int_param(request, "after")
        if len(self._subscribers) >= self.config.max_ws_clients:
            raise ApiError(
                429, "rate_limited", f"too many WebSocket clients ({self.config.max_ws_clients})"
            )
        ws = web.WebSocketResponse(heartbeat=HEARTBEAT_S, max_msg_size=4096)
        await ws.prepare(request)
        # No await from reading the backlog to subscribing: nothing is missed or sent twice.
        backlog = self._backlog(after)
        subscriber = _Subscriber(self.config.client_queue)
        self._subscribers.add(subscriber)
        assert request.transport is not None
        sender = _pump(ws, request.transport, backlog, subscriber)
        subscriber.sender = asyncio.create_task(sender)
        try:
            async for _ in ws:  # clients send nothing; this answers pings and sees the close
                pass
        finally:
            self._subscribers.discard(subscriber)
            if subscriber.close_code is None:
                subscriber.sender.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await subscriber.sender
        return ws

    def _backlog(self, after: int | None) -> list[str]:
        """What a client connecting with `after` gets before the live messages."""
        texts: list[str] = []
        if after is not None:
            assert self._log is not None
            gap, texts = self._log.replay(after)
            if gap is not None:
                texts.insert(0, _dumps({"type": "gap", "seq": gap}))
        # Always the current status, even when nothing happened since `after`: a client that
        # was away shows the seats again at once instead of one interval later.
        texts.append(self._status_text)
        return texts

    # -- helpers ---------------------------------------------------------------------------------

    def _site(self) -> Site:
        assert self.site is not None, "requests are served only after start()"
        return self.site

    def _running(self) -> Monitor:
        assert self._monitor is not None, "requests are served only after start()"
        return self._monitor

    def _camera_id(self, request: web.Request) -> str:
        camera = request.match_info["camera"]
        try:
            self._site().camera(camera)
        except KeyError:
            raise ApiError(404, "not_found", f"no camera '{camera}' in this site") from None
        return camera


async def _pump(
    ws: web.WebSocketResponse,
    transport: asyncio.Transport,
    backlog: Iterable[str],
    subscriber: _Subscriber,
) -> None:
    """Send the backlog, then the client's queue; close when the subscriber is dropped."""
    try:
        for text in backlog:
            await ws.send_str(text)
        while True:
            await subscriber.ready.wait()
            subscriber.ready.clear()
            while subscriber.pending:
                await ws.send_str(subscriber.pending.popleft())
    except asyncio.CancelledError:
        if subscriber.close_code is None:
            raise
    except ConnectionError:
        return
    try:
        await asyncio.wait_for(ws.close(code=subscriber.close_code), CLOSE_TIMEOUT_S)
    except TimeoutError:  # a stuck client: closing would wait for it to read what is buffered
        transport.abort()
    except ConnectionError:
        return


_CODES = {400: "invalid", 401: "unauthorized", 404: "not_found", 405: "not_found", 409: "no_frame"}
_CODES |= {413: "too_large", 429: "rate_limited"}
_MESSAGES = {413: f"request bodies are limited to {MAX_FRAME_BYTES} bytes"}


def _error(status: int, code: str, message: str) -> web.Response:
    body = {"error": {"code": code, "message": _scrub(message)}}
    return web.json_response(body, status=status)


def _scrub(text: str) -> str:
    """One line without credentials."""
    return scrub_credentials(" ".join(text.split()))


def _dumps(message: Mapping[str, Any]) -> str:
    # Camera health may quote a source URL: no message leaves with credentials in it.
    return scrub_credentials(json.dumps(message, ensure_ascii=False, separators=(",", ":")))


async def _json_body(request: web.Request) -> Any:
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


def _int_param(request: web.Request, name: str) -> int | None:
    raw = request.query.get(name)
    if raw is None:
        return None
    if not raw.isdigit():
        raise ApiError(400, "invalid", f"'{name}' must be a sequence number (0 or more)")
    return int(raw)


def _float_param(request: web.Request, name: str, default: float) -> float:
    raw = request.query.get(name)
    try:
        return default if raw is None else float(raw)
    except ValueError:
        raise ApiError(400, "invalid", f"'{name}' must be a number of seconds") from None


_PROBE_ERRORS: dict[type[CaptureError], tuple[int, str]] = {
    AuthError: (502, "auth_failed"),
    CaptureTimeout: (504, "timeout"),
    NotAnImageError: (502, "not_an_image"),
    NotFoundError: (502, "not_found"),
}


def _probe_source(body: Any) -> tuple[str, float]:
    """The source and timeout of a probe request's JSON body."""
    source = body.get("source") if isinstance(body, dict) else None
    if not isinstance(source, str) or not source.strip():
        raise ApiError(400, "invalid", "send {\"source\": URL} or an image/* body to probe")
    timeout_s = body.get("timeout_s", PROBE_TIMEOUT_S)
    if not isinstance(timeout_s, int | float) or not 0 < timeout_s <= MAX_PROBE_TIMEOUT_S:
        raise ApiError(
            400, "invalid", f"'timeout_s' must be a number of seconds up to {MAX_PROBE_TIMEOUT_S:g}"
        )
    return source.strip(), float(timeout_s)


def _side(form: Mapping[str, Any], name: str) -> int:
    """A canvas width or height field of a preview form."""
    raw = form.get(name)
    if not isinstance(raw, str) or not raw.isdigit() or not 0 < int(raw) <= MAX_CANVAS_SIDE:
        raise ApiError(
            400,
            "invalid",
            f"'{name}' must be 1 to {MAX_CANVAS_SIDE} pixels when no 'image' is sent",
        )
    return int(raw)


async def _jpeg_response(frame: Frame, seats: Sequence[Seat] = ()) -> web.Response:
    """The frame (seats drawn on it) as JPEG, its size in the X-Frame-* headers."""
    jpeg = await asyncio.to_thread(_render, frame, seats)
    height, width = frame.shape[:2]
    headers = {FRAME_WIDTH_HEADER: str(width), FRAME_HEIGHT_HEADER: str(height)}
    return web.Response(body=jpeg, content_type="image/jpeg", headers=headers)


def _render(frame: Frame, seats: Sequence[Seat]) -> bytes:
    return encode_jpeg(draw_layout(frame, seats) if seats else frame)


def _is_push(source: str | None) -> bool:
    return bool(source) and str(source).split(":", 1)[0].lower() == PUSH_SCHEME


def _check_sources(site: Site) -> None:
    """A served site needs a source for every camera (push: for frames handed in)."""
    for camera in site.cameras:
        if not camera.source:
            raise LayoutError(f"camera '{camera.id}' has no source; give a URL, demo: or push:")


def _public_layout(site: Site) -> dict[str, Any]:
    """`site_to_dict` with the credentials taken out of the camera sources."""
    layout = site_to_dict(site)
    for camera in layout["cameras"]:
        if "source" in camera:
            camera["source"] = scrub_credentials(camera["source"])
    return layout


def _keep_credentials(site: Site, current: Site) -> Site:
    """A layout read back from `GET /api/site` has scrubbed sources: put the secrets back."""
    known = {camera.id: camera.source for camera in current.cameras if camera.source}
    cameras = tuple(
        replace(camera, source=known[camera.id])
        if camera.id in known and camera.source == scrub_credentials(known[camera.id])
        else camera
        for camera in site.cameras
    )
    return replace(site, cameras=cameras)


def _write_site(path: Path, site: Site) -> None:
    """Replace the site file in one step (never half-written), in its own format."""
    layout = site_to_dict(site)
    if path.suffix.lower() == ".json":
        text = json.dumps(layout, indent=2, ensure_ascii=False) + "\n"
    else:
        text = yaml.safe_dump(layout, sort_keys=False, allow_unicode=True)
    handle, temp = tempfile.mkstemp(dir=path.resolve().parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        if path.exists():
            os.chmod(temp, path.stat().st_mode & 0o777)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


__all__ = [
    "ApiError",
    "RateLimiter",
    "ReplayLog",
    "SeatServer",
    "ServerConfig",
    "UpdatePublisher",
    "load_token",
]

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
import tempfile
import threading
import time
import urllib.parse
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
from ..core.engine import Event
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
from ..core.status import MonitorUpdate, SeatPictures
from ..core.urls import scrub_credentials, with_credentials
from ..live.monitor import Monitor, clock_signature, resume_state
from ..sources import (
    AuthError,
    CaptureError,
    CaptureTimeout,
    FrameSource,
    NotAnImageError,
    NotFoundError,
    PushSource,
    decode_image,
    grab_one,
    is_push,
)
from ..vision.detect import Detector, ItemModel, load_detector
from ..vision.draw import blurred, draw_layout, encode_jpeg
from .client import (
    CLOSE_TOO_SLOW,
    FRAME_HEIGHT_HEADER,
    FRAME_WIDTH_HEADER,
    HEARTBEAT_S,
)
from .limits import (
    CLIENT_QUEUE,
    MAX_FRAME_BYTES,
    MAX_WS_CLIENTS,
    PROBES,
    ApiError,
    RateLimiter,
    canvas_side,
    check_camera_url,
    frame_time,
    probe_source,
    read_json_body,
    seat_param,
    sequence_param,
)
from .mqtt import MqttConfigError
from .replay import LOG_EVENTS, ReplayLog, finite_json

_LOGGER = logging.getLogger(__name__)

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765
TOKEN_ENV = "SEATSENSE_TOKEN"
MQTT_PASSWORD_ENV = "SEATSENSE_MQTT_PASSWORD"
CLOSE_TIMEOUT_S = 5.0

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


class UpdatePublisher(Protocol):
    """What the server hands each cycle to besides its clients (`server.mqtt.MqttPublisher`)."""

    def start(self) -> None: ...

    def stop(self) -> None: ...

    def publish(self, update: MonitorUpdate) -> None: ...

    def publish_site(self, site: Site) -> None: ...


@dataclass(frozen=True)
class ServerConfig:
    """How to run a server. `data_dir` defaults to `.seatsense/` beside the site file.

    `allow_local_sources`: clients may probe, and put in a layout, local files and folders
    (the site file itself may always name them). `mqtt_password_file`: the MQTT password, kept
    out of `mqtt_url` (and so out of `ps`); `$SEATSENSE_MQTT_PASSWORD` is the other way.
    `items`: the optional COCO item model beside the site's model (`ItemModel`), None for none.
    """

    site_path: Path
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    data_dir: Path | None = None
    token_file: Path | None = None
    mqtt_url: str | None = None
    mqtt_password_file: Path | None = None
    allow_local_sources: bool = False
    items: ItemModel | None = None
    rate_per_s: float = 20.0
    rate_burst: int = 100
    log_events: int = LOG_EVENTS
    client_queue: int = CLIENT_QUEUE
    max_ws_clients: int = MAX_WS_CLIENTS

    @property
    def data_path(self) -> Path:
        """The data directory."""
        return self.data_dir or self.site_path.resolve().parent / ".seatsense"


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


def mqtt_broker_url(url: str, password_file: Path | None = None) -> str:
    """`url` with the MQTT password from `password_file`, else from `$SEATSENSE_MQTT_PASSWORD`,
    put in (the user name stays in the URL); `url` as it is when neither is given."""
    if password_file is not None:
        password: str | None = password_file.read_text(encoding="utf-8").rstrip("\r\n")
    else:
        password = os.environ.get(MQTT_PASSWORD_ENV) or None
    if password is None:
        return url
    user = urllib.parse.urlsplit(url).username
    if not user:
        raise MqttConfigError(
            f"MQTT URL '{scrub_credentials(url)}': a password needs a user name: mqtt://USER@host"
        )
    return with_credentials(url, urllib.parse.unquote(user), password)


def mqtt_password_warning(url: str | None) -> str | None:
    """What to tell someone who typed the MQTT password into the broker URL, if they did."""
    if url is None or urllib.parse.urlsplit(url).password is None:
        return None
    return (
        "the MQTT password in the URL shows in ps and the shell history; "
        f"use --mqtt-password-file or {MQTT_PASSWORD_ENV}"
    )


# -- WebSocket clients ------------------------------------------------------------------------


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


class _PictureKeeper:
    """The server's monitor's store: it keeps only the seat pictures, which `publish` logs with
    the cycle they came from (events and statuses reach the replay log through `publish`)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pending: dict[str, SeatPictures] = {}

    def write_references(self, pictures: Mapping[str, SeatPictures], time_s: float) -> None:
        with self._lock:
            self._pending.update(pictures)

    def take(self) -> dict[str, SeatPictures]:
        """The pictures written since the last call."""
        with self._lock:
            pending, self._pending = self._pending, {}
        return pending

    def write_events(self, events: list[Event], durable: bool = False) -> bool:
        return False

    def write_update(self, update: MonitorUpdate, durable: bool = False) -> bool:
        return False

    def flush(self) -> None:
        """Nothing of its own to write."""


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
        self._clocks: Any = None
        self._pictures = _PictureKeeper()
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
            url = mqtt_broker_url(self.config.mqtt_url, self.config.mqtt_password_file)
            self._publisher = cast(UpdatePublisher, mqtt.MqttPublisher(url, site))
        await self._run_site(
            site,
            self._log.load_statuses(),
            self._log.load_cameras(),
            self._log.load_references(),
        )
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
                saved = resume_state(self._monitor.status())
                self._log.save_statuses(self._monitor.seat_statuses(), saved["cameras"])
        if self._log is not None:
            self._log.close()
            self._log = None
        if self._publisher is not None:
            self._publisher.stop()

    async def _run_site(
        self,
        site: Site,
        restore: Mapping[str, Any],
        restore_cameras: Mapping[str, Any] | None = None,
        restore_references: Mapping[str, SeatPictures] | None = None,
    ) -> None:
        """Start a monitor for `site` (seat statuses from `restore`, camera states from
        `restore_cameras`, seat pictures from `restore_references`) and publish its status."""
        if self._detector is None or (self.site is not None and site.model != self.site.model):
            self._detector = await asyncio.to_thread(
                partial(load_detector, site.model, items=self.config.items)
            )
        self._push = {
            camera.id: self._push.get(camera.id) or PushSource()
            for camera in site.cameras
            if is_push(camera.source)
        }
        sources = cast(dict[str, FrameSource], self._push)
        monitor = await asyncio.to_thread(
            partial(
                Monitor,
                site,
                self._detector,
                restore=restore,
                sources=sources,
                restore_cameras=restore_cameras,
                restore_references=restore_references,
                store=self._pictures,
            )
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

        The events are logged before they go out, with the seat statuses and camera states
        they lead to, in one transaction: a server killed at any moment resumes from there.
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
        clocks = clock_signature(update) if update.cameras else self._clocks
        resume = resume_state(update) if logged or clocks != self._clocks else None
        self._clocks = clocks
        self._log.record(
            logged, self._seq, resume if update.cameras else None, self._pictures.take()
        )
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
        raw = await read_json_body(request)
        try:
            site = parse_site(raw, origin="layout")
            _check_sources(site)
        except LayoutError as err:
            raise ApiError(400, "invalid", str(err)) from None
        async with self._restart:
            current = self._site()
            site = _keep_credentials(site, current)
            self._check_new_sources(site, current)
            changed = site_to_dict(site) != site_to_dict(current)
            if changed:
                await asyncio.to_thread(_write_site, self.config.site_path, site)
                await self._replace_site(site)
        return web.json_response({"ok": True, "changed": changed})

    def _check_new_sources(self, site: Site, current: Site) -> None:
        """A camera source that is new or changed must be a camera URL (unless allowed)."""
        known = {camera.id: camera.source for camera in current.cameras}
        for camera in site.cameras:
            if camera.source and camera.source != known.get(camera.id):
                try:
                    check_camera_url(
                        camera.source, self.config.allow_local_sources, "can be a camera source"
                    )
                except ApiError as err:
                    raise ApiError(400, "invalid", f"layout: camera '{camera.id}': {err}") from None

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
        last = source.latest()
        time_s = frame_time(
            request.query.get("time_s"), time.time(), last.time_s if last is not None else None
        )
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
        seat = seat_param(await read_json_body(request))
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
            source, timeout_s = probe_source(await read_json_body(request))
            check_camera_url(source, self.config.allow_local_sources, "can be probed")
            if is_push(source):
                raise ApiError(
                    400, "invalid", "a push: camera has no stream to probe; send its still instead"
                )
            grab = partial(grab_one, source, timeout_s)
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
            width, height = canvas_side(form, "width"), canvas_side(form, "height")
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
        after = sequence_param(request, "after")
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
    return scrub_credentials(finite_json(message))


_PROBE_ERRORS: dict[type[CaptureError], tuple[int, str]] = {
    AuthError: (502, "auth_failed"),
    CaptureTimeout: (504, "timeout"),
    NotAnImageError: (502, "not_an_image"),
    NotFoundError: (502, "not_found"),
}


async def _jpeg_response(frame: Frame, seats: Sequence[Seat] = ()) -> web.Response:
    """The frame (seats drawn on it) as JPEG, its size in the X-Frame-* headers."""
    jpeg = await asyncio.to_thread(_render, frame, seats)
    height, width = frame.shape[:2]
    headers = {FRAME_WIDTH_HEADER: str(width), FRAME_HEIGHT_HEADER: str(height)}
    return web.Response(body=jpeg, content_type="image/jpeg", headers=headers)


def _render(frame: Frame, seats: Sequence[Seat]) -> bytes:
    return encode_jpeg(draw_layout(frame, seats) if seats else frame)


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
    "SeatServer",
    "ServerConfig",
    "UpdatePublisher",
    "load_token",
    "mqtt_broker_url",
    "mqtt_password_warning",
]

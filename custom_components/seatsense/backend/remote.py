"""Remote mode: a `seatsense serve` that Home Assistant follows over HTTP and its WebSocket.

Needs only the light core of the library: the server runs detection and draws the previews.
The one place a `ServerClient` is made.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from homeassistant.components.camera import Image
from homeassistant.core import HomeAssistant
from homeassistant.helpers.aiohttp_client import async_get_clientsession

from seatsense.core.engine import EngineSettings, Event, SeatStatus
from seatsense.core.layout import Seat, Site, format_seat_lines, site_to_dict
from seatsense.core.status import MonitorUpdate
from seatsense.server.client import (
    ServerAuthError,
    ServerClient,
    ServerConnectionError,
    ServerError,
)
from seatsense.sources.registry import PUSH_SCHEME

from ..const import DOMAIN, RECONNECT_MAX_S, RECONNECT_MIN_S
from ..layout_check import BadSeat
from .protocol import (
    BackendAuthError,
    BackendConnectionError,
    BackendError,
    BackendListener,
    GrabFailed,
)

if TYPE_CHECKING:
    from seatsense.live.store import EventStore

_LOGGER = logging.getLogger(__name__)

STATUS_LOG_INTERVAL_S = 300.0
"""A remote site logs its seat statuses at least this often (with every event too)."""


def _open_log(path: Path) -> EventStore | None:
    from seatsense.live.store import EventStore, StoreError

    try:
        return EventStore(path)
    except StoreError as err:
        _LOGGER.warning("%s; no statistics or reports for this site", err)
        return None


def _write_log(
    store: EventStore,
    events: list[Event],
    statuses: dict[tuple[str, str], SeatStatus] | None,
    time_s: float,
) -> None:
    from seatsense.live.store import StoreError

    try:
        store.write_events(events)
        if statuses:
            store.write_statuses(statuses, time_s)
    except StoreError as err:  # a full disk: the site runs on, its history waits
        _LOGGER.warning("%s", err)


def _close_log(store: EventStore) -> None:
    from seatsense.live.store import StoreError

    try:
        store.close()
    except StoreError as err:
        _LOGGER.warning("%s", err)


PUSH_SOURCE = f"{PUSH_SCHEME}:"
"""The server-side source of a camera whose frames Home Assistant pushes (HA camera entities)."""
PROBE_ERRORS = {
    "auth_failed": "invalid_auth",
    "timeout": "timeout",
    "not_an_image": "not_an_image",
    "not_found": "path_not_found",
}
"""A server's probe error codes -> the camera flow's errors (any other: cannot_connect)."""


def server_client(hass: HomeAssistant, url: str, token: str) -> ServerClient:
    """A client of the server at `url`, on Home Assistant's shared HTTP session."""
    return ServerClient(async_get_clientsession(hass), url, token)


async def async_server_info(hass: HomeAssistant, url: str, token: str) -> dict[str, Any]:
    """Ask the server who it is (its `/api/info`); `BackendError`s say why it did not answer."""
    try:
        return await server_client(hass, url, token).info()
    except ServerError as err:
        raise _server_error(err) from err


class RemoteBackendFactory:
    """Makes remote backends and probes: everything is done by the site's server."""

    def __init__(
        self, hass: HomeAssistant, client: ServerClient, event_log: Path | None = None
    ) -> None:
        """For sites whose detection runs in the server `client` reaches; `event_log`: where
        the site keeps the events it receives (None: nowhere, a camera probe needs none)."""
        self.hass = hass
        self.client = client
        self.event_log = event_log

    async def async_create_backend(
        self,
        site: Site,
        stored: Mapping[str, Any] | None,
        entity_cameras: Mapping[str, str],
        belongings_sensitivity: float,
    ) -> RemoteBackend:
        """Follow the server from the last sequence number in `stored`.

        The server applies its own belongings sensitivity.
        """
        layout = remote_layout(site, entity_cameras)
        return RemoteBackend(
            self.hass, self.client, layout, stored_seq(stored), event_log=self.event_log
        )

    def frame_probe(self, timeout_s: float) -> ServerFrameProbe:
        """A probe that the server grabs and draws for."""
        return ServerFrameProbe(self.client, timeout_s)


def stored_seq(stored: Mapping[str, Any] | None) -> int | None:
    """The last server sequence number a remote site handed on, if any."""
    seq = (stored or {}).get("seq")
    return seq if isinstance(seq, int) else None


def remote_layout(site: Site, entity_cameras: Mapping[str, str]) -> dict[str, Any]:
    """The layout a server runs for a site: HA camera entities become `push:` cameras."""
    cameras = tuple(
        replace(camera, source=PUSH_SOURCE) if camera.id in entity_cameras else camera
        for camera in site.cameras
    )
    return site_to_dict(replace(site, cameras=cameras))


def _server_error(err: ServerError) -> BackendError:
    if isinstance(err, ServerAuthError):
        return BackendAuthError(err.message)
    if isinstance(err, ServerConnectionError):
        return BackendConnectionError(err.message)
    return BackendError(err.message)


class RemoteBackend:
    """A `seatsense serve`: the site's layout is put there, its messages are followed here.

    Every message carries the server's sequence number. An update is handed on only with a
    status message, carrying the events received since the previous one; `seq` then moves
    to that status. After a lost connection the client reconnects with `after=seq`: events
    not yet handed on are replayed, events handed on are not, so each arrives exactly once.
    """

    def __init__(
        self,
        hass: HomeAssistant,
        client: ServerClient,
        layout: Mapping[str, Any],
        seq: int | None,
        event_log: Path | None = None,
    ) -> None:
        """`layout` as `remote_layout` builds it; `seq` the last one handed on (None: new);
        `event_log`: the SQLite log the events received are kept in (None: not kept)."""
        self.hass = hass
        self.client = client
        self.layout = dict(layout)
        self.seq = seq
        self._listener: BackendListener | None = None
        self._task: asyncio.Task[None] | None = None
        self._pending: list[Event] = []
        self._pending_seq = 0
        self._log_path = event_log
        self._store: EventStore | None = None
        self._statuses_logged_s = -math.inf

    @property
    def event_log(self) -> Path | None:
        """The log of the events this site received from the server (each once, as they are
        handed on), with the seat statuses every few minutes: the server's API hands out no
        history, so the statistics and reports of a remote site are made from its events.
        None when it could not be opened."""
        return Path(self._store.path) if self._store is not None else None

    async def async_start(self, listener: BackendListener) -> MonitorUpdate:
        """Put the layout (the server's own model kept), read the status, follow messages.

        The layout of the site's cameras in Home Assistant replaces the one the server ran.
        """
        try:
            info = await self.client.info()
            # A new site has no cameras yet; a served site needs one, so the server keeps its
            # own layout until the first camera is added here.
            if self.layout["cameras"]:
                server_site = await self.client.site()
                model = server_site.get("model", self.layout["model"])
                await self.client.put_site({**self.layout, "model": model})
            status = await self.client.status()
        except ServerError as err:
            raise _server_error(err) from err
        sequence = int(info.get("sequence") or 0)
        if self.seq is None or self.seq > sequence:
            if self.seq is not None:
                _LOGGER.warning(
                    "seatsense server %s restarted its sequence (%s < %s); older events are lost",
                    info.get("site"),
                    sequence,
                    self.seq,
                )
            # Events from before this site followed the server were never ours to deliver.
            self.seq = sequence
        self._listener = listener
        if self._log_path is not None and self._store is None:
            self._store = await self.hass.async_add_executor_job(_open_log, self._log_path)
        self._task = self.hass.async_create_background_task(
            self._async_follow(), name=f"{DOMAIN} server messages"
        )
        return status

    async def async_stop(self) -> None:
        """Stop following; what the log holds in memory is written."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        if self._store is not None:
            store, self._store = self._store, None
            await self.hass.async_add_executor_job(_close_log, store)

    async def _async_follow(self) -> None:
        assert self._listener is not None
        delay = RECONNECT_MIN_S
        while True:
            # Events not handed on yet are replayed after `seq` on the new connection.
            self._pending, self._pending_seq = [], 0
            try:
                async for message in self.client.messages(after=self.seq):
                    if self._handle(message.type, message.seq, message.event, message.update):
                        delay = RECONNECT_MIN_S
            except ServerAuthError:
                self._listener.async_auth_failed()
                return
            except ServerError as err:
                error = err.message
            self._listener.async_connection_lost(error)
            _LOGGER.debug("seatsense server: %s; reconnecting in %.1f s", error, delay)
            await asyncio.sleep(delay)
            delay = min(delay * 2, RECONNECT_MAX_S)

    def _handle(
        self, kind: str, seq: int, event: Event | None, update: MonitorUpdate | None
    ) -> bool:
        """One message; True when it handed an update on."""
        assert self._listener is not None
        if kind == "gap":
            _LOGGER.warning(
                "seatsense server dropped events after %s from its log; continuing at %s",
                self.seq,
                seq,
            )
            return False
        last = self.seq if self.seq is not None else -1
        if kind == "event" and event is not None:
            if seq > last:  # else handed on before
                self._pending.append(event)
                self._pending_seq = seq
            return False
        if kind == "status" and update is not None:
            # A connection starts with the current status, whose seq may be older than the
            # events replayed (a seat reset after the last cycle) or than the last one handed
            # on (nothing happened meanwhile): it is still the seats' state now, and the next
            # connection resumes after the newest seq seen.
            events, self._pending = self._pending, []
            self.seq = max(last, seq, self._pending_seq)
            self._listener.async_handle_update(replace(update, events=events))
            self._log(update, events)
            return True
        return False

    def _log(self, update: MonitorUpdate, events: list[Event]) -> None:
        """Queue the events in the site's log (off the loop); the seat statuses with them,
        and every `STATUS_LOG_INTERVAL_S`, so the log's span reaches the present."""
        store = self._store
        if store is None:
            return
        statuses = None
        if events or update.time_s - self._statuses_logged_s >= STATUS_LOG_INTERVAL_S:
            self._statuses_logged_s = update.time_s
            statuses = {
                (camera_id, seat_id): status
                for camera_id, camera in update.cameras.items()
                for seat_id, status in camera.seats.items()
            }
        if events or statuses:
            self.hass.async_add_executor_job(_write_log, store, events, statuses, update.time_s)

    async def async_push_frame(self, camera_id: str, jpeg: bytes, time_s: float) -> None:
        """Post the still; while the server is away it is dropped (its camera goes offline)."""
        try:
            await self.client.push_frame(camera_id, jpeg, time_s)
        except ServerError as err:
            _LOGGER.debug("frame of %s not delivered: %s", camera_id, err.message)

    def frame_failed(self, camera_id: str, message: str) -> None:
        """Nothing to tell: without frames the server's camera goes offline by itself."""
        _LOGGER.debug("no frame for %s: %s", camera_id, message)

    async def async_reset_seat(self, camera_id: str, seat_id: str) -> None:
        """The server resets the seat; its events come through the message stream."""
        try:
            await self.client.reset_seat(camera_id, seat_id)
        except ServerError as err:
            raise _server_error(err) from err

    async def async_capture_baseline(self, camera_id: str, seat_id: str | None) -> None:
        """The server takes the reference from its newest frame."""
        try:
            await self.client.capture_baseline(camera_id, seat_id)
        except ServerError as err:
            raise _server_error(err) from err

    async def async_apply_settings(self, settings: EngineSettings) -> bool:
        """A server takes new thresholds with a new layout, which restarts its cameras: the
        site is reloaded instead."""
        return False

    async def async_annotated_jpeg(
        self, camera_id: str, blur_people: bool, language: str
    ) -> bytes | None:
        """The server's annotated snapshot (its labels in the server's language, English);
        None while it has none or cannot be reached."""
        try:
            return await self.client.snapshot(camera_id, blur=blur_people)
        except ServerError as err:
            _LOGGER.debug("no snapshot of %s: %s", camera_id, err.message)
            return None

    def state_to_save(self) -> dict[str, Any]:
        """The last sequence number handed on: a restart resumes right after it."""
        return {"seq": self.seq}


class ServerFrameProbe:
    """Grabbed and drawn on by the site's seatsense server (`/api/probe`, `/api/preview`)."""

    def __init__(self, client: ServerClient, timeout_s: float) -> None:
        """Nothing grabbed yet; the server waits `timeout_s` for the source."""
        self.client = client
        self.timeout_s = timeout_s
        self.width = self.height = 0
        self._jpeg = b""

    async def async_grab(self, source: str | Image) -> None:
        """The server grabs from the source URL, or checks and measures the still."""
        try:
            if isinstance(source, str):
                probe = await self.client.probe(source, self.timeout_s)
            else:
                probe = await self.client.probe_image(source.content, source.content_type)
        except ServerError as err:
            raise GrabFailed(PROBE_ERRORS.get(err.code, "cannot_connect")) from err
        self._jpeg, self.width, self.height = probe.jpeg, probe.width, probe.height

    async def async_preview(
        self, seats: tuple[Seat, ...], blur_people: bool, bad: tuple[BadSeat, ...] = ()
    ) -> bytes:
        """The server draws the seats on the probed frame (and blurs the people it finds);
        it draws valid seats only, so `bad` lines are left out."""
        try:
            return await self.client.preview(format_seat_lines(seats), self._jpeg, blur=blur_people)
        except ServerError as err:
            raise GrabFailed("cannot_connect") from err

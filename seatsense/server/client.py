"""The Python client of `seatsense serve` (see docs/server.md for the contract).

Light imports only (aiohttp, the standard library, `seatsense.core`),
so the Home Assistant integration can use it where OpenCV and ONNX Runtime are missing.

>>> async def follow(session, url, token):                    # doctest: +SKIP
...     client = ServerClient(session, url, token)
...     last = None
...     while True:
...         try:
...             async for message in client.messages(after=last):
...                 last = message.seq
...         except ServerConnectionError:
...             await asyncio.sleep(5)   # reconnect with the last seq: nothing is lost
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass
from typing import Any

import aiohttp

from ..core.engine import Event
from ..core.status import MonitorUpdate

REQUEST_TIMEOUT_S = 30.0
"""Longest wait for one HTTP answer (a layout change restarts the monitor)."""
HEARTBEAT_S = 30.0
"""WebSocket ping interval; a server that stops answering counts as a lost connection."""
CLOSE_TOO_SLOW = 4000
"""WebSocket close code for a client that fell too far behind (it reconnects with its seq)."""
PROBE_TIMEOUT_S = 10.0
"""How long the server tries a camera source in a probe unless told otherwise."""
FRAME_WIDTH_HEADER = "X-Frame-Width"
FRAME_HEIGHT_HEADER = "X-Frame-Height"


class ServerError(Exception):
    """The server answered with an error; `code` is the contract's error code."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


class ServerAuthError(ServerError):
    """The token is missing or wrong (401)."""


class ServerConnectionError(ServerError):
    """The server cannot be reached, the connection dropped, or it did not answer in time."""

    def __init__(self, message: str) -> None:
        super().__init__("connection", message)


@dataclass(frozen=True)
class Message:
    """One WebSocket message: an event, a status, or a gap in the replay.

    `seq` is the server's sequence number; reconnect with `messages(after=seq)` of the last
    message seen. A `gap` means events after the client's seq up to this `seq` were already
    dropped from the server's log. `published_s` is the server's clock when it published the
    message (None on a gap).
    """

    type: str
    seq: int
    event: Event | None = None
    update: MonitorUpdate | None = None
    published_s: float | None = None

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> Message:
        """A message from its JSON form."""
        kind = str(raw["type"])
        event = raw.get("event")
        update = raw.get("update")
        published_s = raw.get("published_s")
        return cls(
            type=kind,
            seq=int(raw["seq"]),
            event=Event.from_dict(event) if event is not None else None,
            update=MonitorUpdate.from_dict(update) if update is not None else None,
            published_s=float(published_s) if published_s is not None else None,
        )


@dataclass(frozen=True)
class Probe:
    """The frame a probe got: JPEG bytes and the frame's size in pixels."""

    jpeg: bytes
    width: int
    height: int


class ServerClient:
    """Talks to one `seatsense serve` over HTTP and a WebSocket.

    >>> client = ServerClient(session, "http://127.0.0.1:8765", token)  # doctest: +SKIP
    >>> (await client.info())["sequence"]                             # doctest: +SKIP
    41
    """

    def __init__(self, session: aiohttp.ClientSession, url: str, token: str) -> None:
        self._session = session
        self._url = url.rstrip("/")
        self._headers = {"Authorization": f"Bearer {token}"}

    # -- HTTP ------------------------------------------------------------------------------------

    async def info(self) -> dict[str, Any]:
        """Version, site name, last sequence number, camera and seat counts."""
        return await self._json("GET", "/api/info")

    async def site(self) -> dict[str, Any]:
        """The layout the server runs (`site_to_dict` form, credentials scrubbed)."""
        return await self._json("GET", "/api/site")

    async def put_site(self, layout: Mapping[str, Any]) -> bool:
        """Replace the layout; True when it differed. Raises ServerError('invalid') on a bad one."""
        answer = await self._json("PUT", "/api/site", json=dict(layout))
        return bool(answer["changed"])

    async def status(self) -> MonitorUpdate:
        """The latest statuses of every camera and seat (no events)."""
        message = await self._json("GET", "/api/status")
        return MonitorUpdate.from_dict(message["update"])

    async def snapshot(self, camera: str, blur: bool = False) -> bytes | None:
        """The camera's last processed frame, annotated, as JPEG; None when it has none yet."""
        path = f"/api/cameras/{camera}/snapshot.jpg"
        try:
            jpeg, _ = await self._image("GET", path, params={"blur": "1" if blur else "0"})
        except ServerError as err:
            if err.code == "no_frame":
                return None
            raise
        return jpeg

    async def push_frame(self, camera: str, jpeg: bytes, time_s: float) -> None:
        """Hand a JPEG frame to a camera whose source is `push:`."""
        await self._json(
            "POST",
            f"/api/cameras/{camera}/frame",
            params={"time_s": repr(float(time_s))},
            data=jpeg,
            headers={"Content-Type": "image/jpeg"},
        )

    async def capture_baseline(self, camera: str, seat: str | None = None) -> None:
        """Take the camera's newest frame as the empty reference of a seat (or all its seats)."""
        await self._json("POST", f"/api/cameras/{camera}/baseline", json={"seat": seat})

    async def reset_seat(self, camera: str, seat: str) -> list[Event]:
        """Forget a seat's state (staff cleared it); returns the events that closed."""
        answer = await self._json("POST", f"/api/cameras/{camera}/seats/{seat}/reset")
        return [Event.from_dict(event) for event in answer["events"]]

    async def probe(self, source: str, timeout_s: float = PROBE_TIMEOUT_S) -> Probe:
        """One frame the server grabs from a camera source (a URL, with its credentials).

        The connection test of a camera, run where the cameras are reachable. Raises
        ServerError with code `auth_failed`, `timeout`, `cannot_connect` or `not_an_image`.
        """
        return await self._probe(json={"source": source, "timeout_s": timeout_s})

    async def probe_image(self, image: bytes, content_type: str = "image/jpeg") -> Probe:
        """A still the caller already has (a Home Assistant camera's), checked and measured by
        the server; ServerError `not_an_image` when it is none."""
        return await self._probe(data=image, headers={"Content-Type": content_type})

    async def preview(
        self,
        seats: str,
        image: bytes | None = None,
        width: int | None = None,
        height: int | None = None,
        blur: bool = False,
    ) -> bytes:
        """A JPEG of `image` (or a grey `width` x `height` canvas) with the seats drawn, people
        blurred when `blur`.

        `seats` is seat lines as `seatsense.core.layout.parse_seat_lines` reads them; a bad one
        raises ServerError('invalid') with the one-line LayoutError text.
        """
        form = aiohttp.FormData()
        form.add_field("seats", seats)
        if blur:
            form.add_field("blur", "1")
        if image is not None:
            form.add_field("image", image, content_type="image/jpeg", filename="frame.jpg")
        for name, side in (("width", width), ("height", height)):
            if side is not None:
                form.add_field(name, str(side))
        jpeg, _ = await self._image("POST", "/api/preview", data=form)
        return jpeg

    # -- WebSocket -------------------------------------------------------------------------------

    async def messages(self, after: int | None = None) -> AsyncIterator[Message]:
        """Events and statuses as they happen, replaying the logged events after `after`.

        Never ends by itself: a dropped connection raises ServerConnectionError; reconnect
        with the `seq` of the last message seen.
        """
        params = {} if after is None else {"after": str(after)}
        try:
            ws = await self._session.ws_connect(
                self._url + "/api/ws",
                params=params,
                headers=self._headers,
                heartbeat=HEARTBEAT_S,
                timeout=aiohttp.ClientWSTimeout(ws_close=10.0),
            )
        except aiohttp.WSServerHandshakeError as err:
            if err.status == 401:
                raise ServerAuthError("unauthorized", "the server refused the token") from None
            raise ServerError("handshake", f"WebSocket refused: HTTP {err.status}") from None
        except (aiohttp.ClientError, TimeoutError) as err:
            raise _connection_error(err) from None
        async with ws:
            async for frame in ws:
                if frame.type is aiohttp.WSMsgType.TEXT:
                    yield Message.from_dict(json.loads(frame.data))
                elif frame.type is aiohttp.WSMsgType.ERROR:
                    break
        if ws.close_code == CLOSE_TOO_SLOW:
            raise ServerConnectionError("the server dropped this client for falling behind")
        raise ServerConnectionError(f"connection closed (code {ws.close_code})")

    # -- plumbing --------------------------------------------------------------------------------

    def _request(self, method: str, path: str, **kwargs: Any) -> Any:
        headers = {**self._headers, **kwargs.pop("headers", {})}
        return self._session.request(
            method,
            self._url + path,
            headers=headers,
            timeout=aiohttp.ClientTimeout(total=REQUEST_TIMEOUT_S),
            **kwargs,
        )

    async def _json(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        try:
            async with self._request(method, path, **kwargs) as resp:
                await _raise_for_error(resp)
                answer: dict[str, Any] = await resp.json()
                return answer
        except (aiohttp.ClientError, TimeoutError) as err:
            raise _connection_error(err) from None


    async def _image(
        self, method: str, path: str, **kwargs: Any
    ) -> tuple[bytes, Mapping[str, str]]:
        """An image answer: its bytes and the answer's headers."""
        try:
            async with self._request(method, path, **kwargs) as resp:
                await _raise_for_error(resp)
                return await resp.read(), resp.headers
        except (aiohttp.ClientError, TimeoutError) as err:
            raise _connection_error(err) from None

    async def _probe(self, **kwargs: Any) -> Probe:
        jpeg, headers = await self._image("POST", "/api/probe", **kwargs)
        width, height = int(headers[FRAME_WIDTH_HEADER]), int(headers[FRAME_HEIGHT_HEADER])
        return Probe(jpeg, width, height)


async def _raise_for_error(resp: aiohttp.ClientResponse) -> None:
    """Turn an error answer into the matching ServerError."""
    if resp.status < 400:
        return
    try:
        error = (await resp.json())["error"]
        code, message = str(error["code"]), str(error["message"])
    except (aiohttp.ContentTypeError, json.JSONDecodeError, KeyError, TypeError):
        code, message = "internal", f"HTTP {resp.status} without a JSON error"
    if resp.status == 401:
        raise ServerAuthError(code, message)
    raise ServerError(code, message)


def _connection_error(err: BaseException) -> ServerConnectionError:
    return ServerConnectionError(f"cannot reach the server: {type(err).__name__}: {err}")


__all__ = [
    "Message",
    "Probe",
    "ServerAuthError",
    "ServerClient",
    "ServerConnectionError",
    "ServerError",
]

"""`seatsense serve` on 127.0.0.1, driven through the real aiohttp client (`ServerClient`).

The site has one `push:` camera; the tests push real photos (zidane.jpg: a man in A1, the
wall in C1) and a grey frame (nobody), and the bundled model runs on them.
"""

from __future__ import annotations

import asyncio
import json
import math
import os
import socket
import sqlite3
import stat
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

import aiohttp
import cv2
import numpy as np
import pytest
import yaml

from seatsense.core.engine import Event, EventType, SeatState
from seatsense.core.layout import Site
from seatsense.core.status import MonitorUpdate, SeatPictures
from seatsense.core.urls import with_credentials
from seatsense.server.app import SeatServer, ServerConfig
from seatsense.server.client import (
    Message,
    ServerAuthError,
    ServerClient,
    ServerConnectionError,
    ServerError,
)
from seatsense.vision.detect import Detector
from tests.conftest import FIXTURES, ROOT
from tests.lib.mosquitto import Mosquitto, Recorder, mosquitto_missing
from tests.lib.rtsp import HOST, RtspServer, SilentServer, make_clip, rtsp_missing

# HA's pytest plugin blocks Python sockets; these tests only talk to 127.0.0.1.
pytestmark = pytest.mark.usefixtures("socket_enabled")

PERSON_JPEG = (FIXTURES / "zidane.jpg").read_bytes()
EMPTY_JPEG = bytes(cv2.imencode(".jpg", np.full((720, 1280, 3), 128, np.uint8))[1])
A1 = [[760, 250], [1130, 250], [1130, 710], [760, 710]]
C1 = [[0, 0], [600, 0], [600, 200], [0, 200]]
LAYOUT: dict[str, Any] = {
    "name": "hall",
    "interval_s": 0.2,
    "settings": {"enter_samples": 1, "exit_grace_s": 0.0},
    "cameras": [
        {
            "id": "cam",
            "source": "push:",
            "width": 1280,
            "height": 720,
            "seats": [{"id": "A1", "polygon": A1}, {"id": "C1", "polygon": C1}],
        }
    ],
}


class RecordingPublisher:
    """Stands where `seatsense.server.mqtt.MqttPublisher` goes: records what the server hands it."""

    def __init__(self) -> None:
        self.calls: list[str] = []
        self.updates: list[MonitorUpdate] = []

    def start(self) -> None:
        self.calls.append("start")

    def stop(self) -> None:
        self.calls.append("stop")

    def publish(self, update: MonitorUpdate) -> None:
        self.updates.append(update)

    def publish_site(self, site: Site) -> None:
        self.calls.append(f"site:{len(site.cameras[0].seats)}")


@pytest.fixture
def site_file(tmp_path: Path) -> Path:
    path = tmp_path / "site.yaml"
    path.write_text(yaml.safe_dump(LAYOUT))
    return path


@pytest.fixture
async def servers() -> AsyncIterator[list[SeatServer]]:
    """Started servers, stopped at the end (a test starts them with `start_server`)."""
    started: list[SeatServer] = []
    yield started
    for server in started:
        await server.stop()


async def start_server(
    servers: list[SeatServer], site_file: Path, detector: Detector, **options: Any
) -> SeatServer:
    server = SeatServer(ServerConfig(site_path=site_file, port=0, **options), detector)
    await server.start()
    servers.append(server)
    return server


@pytest.fixture
async def session() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as session:
        yield session


async def wait_for(
    probe: Callable[[], Any], timeout_s: float = 20.0, interval_s: float = 0.05
) -> Any:
    """Poll `probe` (sync or async) until it returns something truthy."""
    deadline = asyncio.get_running_loop().time() + timeout_s
    while True:
        result = probe()
        if asyncio.iscoroutine(result):
            result = await result
        if result:
            return result
        assert asyncio.get_running_loop().time() < deadline, "timed out"
        await asyncio.sleep(interval_s)


async def collect(
    client: ServerClient, after: int | None, until: Callable[[list[Message]], bool]
) -> list[Message]:
    """Messages from a fresh connection until `until(messages)` holds."""
    got: list[Message] = []

    async def read() -> None:
        async for message in client.messages(after=after):
            got.append(message)
            if until(got):
                return

    await asyncio.wait_for(read(), 30)
    return got


def synthetic_update(server: SeatServer, count: int, payload: str = "") -> MonitorUpdate:
    """A cycle with `count` events on top of the server's current status."""
    events = [
        Event(EventType.PERSON_ENTER, float(i), "cam", "A1", 0.9, {"n": i, "pad": payload})
        for i in range(count)
    ]
    return MonitorUpdate(time_s=1.0, events=events, cameras={})


# -- authentication and the token --------------------------------------------------------------


async def test_the_token_file_is_private_and_every_request_needs_the_token(
    servers: list[SeatServer], site_file: Path, detector: Detector, session: aiohttp.ClientSession
) -> None:
    server = await start_server(servers, site_file, detector)
    token_file = site_file.parent / ".seatsense" / "token"
    assert stat.S_IMODE(os.stat(token_file).st_mode) == 0o600
    assert token_file.read_text().strip() == server.token and server.token_created
    async with session.get(server.url + "/api/info") as resp:
        assert resp.status == 401
        assert (await resp.json())["error"]["code"] == "unauthorized"
    wrong = ServerClient(session, server.url, "not-the-token")
    with pytest.raises(ServerAuthError):
        await wrong.info()
    with pytest.raises(ServerAuthError):
        await anext(wrong.messages())
    info = await ServerClient(session, server.url, server.token).info()
    assert info["site"] == "hall" and info["cameras"] == 1 and info["seats"] == 2


async def test_an_unreachable_server_is_a_connection_error(
    session: aiohttp.ClientSession,
) -> None:
    client = ServerClient(session, "http://127.0.0.1:9", "token")
    with pytest.raises(ServerConnectionError):
        await client.info()
    with pytest.raises(ServerConnectionError):
        await anext(client.messages())


# -- the endpoints on real frames --------------------------------------------------------------


async def test_pushed_frames_become_events_statuses_and_snapshots(
    servers: list[SeatServer], site_file: Path, detector: Detector, session: aiohttp.ClientSession
) -> None:
    server = await start_server(servers, site_file, detector)
    client = ServerClient(session, server.url, server.token)
    assert await client.snapshot("cam") is None  # no frame yet
    with pytest.raises(ServerError) as err:
        await client.capture_baseline("cam")
    assert err.value.code == "no_frame"

    async def push_people() -> None:
        while True:
            await client.push_frame("cam", PERSON_JPEG, time.time())
            await asyncio.sleep(0.2)

    pusher = asyncio.ensure_future(push_people())
    try:
        messages = await collect(
            client,
            None,
            lambda got: any(m.event and m.event.type is EventType.PERSON_ENTER for m in got),
        )
    finally:
        pusher.cancel()
    seqs = [m.seq for m in messages]
    assert seqs == sorted(set(seqs))
    enter = next(m.event for m in messages if m.event and m.event.type is EventType.PERSON_ENTER)
    assert enter.seat_id == "A1"
    status = await client.status()
    assert status.cameras["cam"].online
    assert status.cameras["cam"].seats["A1"].state is SeatState.OCCUPIED
    for blur in (False, True):
        jpeg = await client.snapshot("cam", blur=blur)
        assert jpeg is not None and jpeg[:2] == b"\xff\xd8"
    await client.capture_baseline("cam", "C1")
    await client.capture_baseline("cam")

    stream = client.messages(after=(await client.info())["sequence"])
    events = await client.reset_seat("cam", "A1")
    assert [e.type for e in events] == [EventType.PERSON_LEAVE]
    first = await asyncio.wait_for(anext(stream), 10)
    assert first.type == "event" and first.event == events[0]
    await stream.aclose()


async def test_errors_are_one_line_json_with_the_contract_codes(
    servers: list[SeatServer], site_file: Path, detector: Detector, session: aiohttp.ClientSession
) -> None:
    server = await start_server(servers, site_file, detector)
    client = ServerClient(session, server.url, server.token)
    headers = {"Authorization": f"Bearer {server.token}"}

    async def error_of(method: str, path: str, **kwargs: Any) -> tuple[int, dict[str, str]]:
        async with session.request(method, server.url + path, headers=headers, **kwargs) as resp:
            assert resp.content_type == "application/json"
            return resp.status, (await resp.json())["error"]

    assert (await error_of("GET", "/api/cameras/nope/snapshot.jpg"))[0] == 404
    assert (await error_of("POST", "/api/cameras/nope/frame", data=PERSON_JPEG))[0] == 404
    assert (await error_of("POST", "/api/cameras/cam/seats/nope/reset"))[0] == 404
    assert (await error_of("GET", "/api/nothing-here"))[1]["code"] == "not_found"
    status, error = await error_of("POST", "/api/cameras/cam/frame", data=b"not a jpeg")
    assert (status, error["code"]) == (400, "invalid")
    status, error = await error_of("PUT", "/api/site", data=b"{not json")
    assert (status, error["code"]) == (400, "invalid")
    status, error = await error_of("GET", "/api/ws?after=-3")
    assert (status, error["code"]) == (400, "invalid")
    huge = b"\xff\xd8" + bytes(17 * 1024 * 1024)
    status, error = await error_of("POST", "/api/cameras/cam/frame", data=huge)
    assert (status, error["code"]) == (413, "too_large")
    status, error = await error_of("PUT", "/api/site", json={"pad": "x" * 2_000_000})
    assert (status, error["code"]) == (413, "too_large")

    bad = json.loads(json.dumps(LAYOUT))
    bad["cameras"][0]["seats"][0]["polygon"] = [[0, 0], [10, 0]]
    with pytest.raises(ServerError) as err:
        await client.put_site(bad)
    assert err.value.code == "invalid"
    assert err.value.message.startswith("layout: camera 'cam': seat 'A1'")
    assert "\n" not in err.value.message


async def test_requests_beyond_the_rate_limit_get_429(
    servers: list[SeatServer], site_file: Path, detector: Detector, session: aiohttp.ClientSession
) -> None:
    server = await start_server(servers, site_file, detector, rate_per_s=0.5, rate_burst=3)
    client = ServerClient(session, server.url, server.token)
    for _ in range(3):
        await client.info()
    with pytest.raises(ServerError) as err:
        await client.info()
    assert err.value.code == "rate_limited"


# -- layout changes and credentials ------------------------------------------------------------


async def test_a_new_layout_is_written_and_run_keeping_seat_statuses_and_secrets(
    servers: list[SeatServer], site_file: Path, detector: Detector, session: aiohttp.ClientSession
) -> None:
    layout = json.loads(json.dumps(LAYOUT))
    secret_source = "rtsp://admin:hunter2@127.0.0.1:9/Streaming/Channels/102"
    layout["cameras"].append(
        {"id": "nvr", "source": secret_source, "width": 640, "height": 480, "seats": []}
    )
    site_file.write_text(yaml.safe_dump(layout))
    publisher = RecordingPublisher()
    server = SeatServer(ServerConfig(site_path=site_file, port=0), detector, publisher)
    await server.start()
    servers.append(server)
    client = ServerClient(session, server.url, server.token)
    await client.push_frame("cam", PERSON_JPEG, time.time())

    async def occupied() -> bool:
        return (await client.status()).cameras["cam"].seats["A1"].state is SeatState.OCCUPIED

    await wait_for(occupied)
    since = (await client.status()).cameras["cam"].seats["A1"].occupied_since_s

    public = await client.site()
    assert "hunter2" not in json.dumps(public) and "admin" not in json.dumps(public)
    assert "hunter2" not in json.dumps((await client.status()).to_dict())
    assert await client.put_site(public) is False  # read back unchanged: the secret is kept
    public["cameras"][0]["seats"].append(
        {"id": "B1", "polygon": [[0, 300], [300, 300], [300, 600]]}
    )
    assert await client.put_site(public) is True

    saved = yaml.safe_load(site_file.read_text())
    assert [s["id"] for s in saved["cameras"][0]["seats"]] == ["A1", "C1", "B1"]
    assert saved["cameras"][1]["source"] == secret_source
    assert not [p for p in site_file.parent.iterdir() if p.name.startswith(".site.yaml")]
    status = await client.status()
    assert set(status.cameras["cam"].seats) == {"A1", "C1", "B1"}
    assert status.cameras["cam"].seats["A1"].occupied_since_s == since
    assert "hunter2" not in json.dumps(status.to_dict())
    assert (await client.info())["seats"] == 3
    await wait_for(lambda: publisher.updates)
    assert publisher.calls == ["start", "site:2", "site:3"]


# -- sequence numbers, replay and restarts -----------------------------------------------------


async def test_reconnecting_with_after_gets_exactly_the_missed_events(
    servers: list[SeatServer], site_file: Path, detector: Detector, session: aiohttp.ClientSession
) -> None:
    server = await start_server(servers, site_file, detector)
    client = ServerClient(session, server.url, server.token)
    start = (await client.info())["sequence"]
    server.publish(synthetic_update(server, 3))
    seen = await collect(client, start, lambda got: sum(m.type == "event" for m in got) == 3)
    last = seen[-1].seq
    server.publish(synthetic_update(server, 4))  # missed while disconnected
    server.publish(synthetic_update(server, 2))
    replay = await collect(client, last, lambda got: got[-1].type == "status")
    events = [m for m in replay if m.type == "event"]
    assert [m.event.data["n"] for m in events if m.event] == [0, 1, 2, 3, 0, 1]
    assert all(m.seq > last for m in replay)
    assert [m.seq for m in replay] == sorted({m.seq for m in replay})
    # Then the current status: the newest message, unless a monitor cycle (every 0.2 s here)
    # published a newer one before `info` answered.
    assert events[-1].seq < replay[-1].seq <= (await client.info())["sequence"]


async def test_a_client_behind_the_trimmed_log_gets_a_gap_first(
    servers: list[SeatServer], site_file: Path, detector: Detector, session: aiohttp.ClientSession
) -> None:
    server = await start_server(servers, site_file, detector, log_events=5)
    client = ServerClient(session, server.url, server.token)
    start = (await client.info())["sequence"]
    server.publish(synthetic_update(server, 20))
    replay = await collect(client, start, lambda got: got[-1].type == "status")
    assert replay[0].type == "gap"
    assert [m.event.data["n"] for m in replay[1:-1] if m.event] == [15, 16, 17, 18, 19]
    assert replay[0].seq == replay[1].seq - 1


async def test_a_restart_keeps_the_sequence_and_the_seat_clocks(
    servers: list[SeatServer], site_file: Path, detector: Detector, session: aiohttp.ClientSession
) -> None:
    first = await start_server(servers, site_file, detector)
    client = ServerClient(session, first.url, first.token)
    await client.push_frame("cam", PERSON_JPEG, time.time())

    async def seat() -> Any:
        found = (await client.status()).cameras["cam"].seats["A1"]
        return found if found.state is SeatState.OCCUPIED else None

    before = await wait_for(seat)
    await first.stop()
    servers.remove(first)
    sequence = first._seq

    second = await start_server(servers, site_file, detector)
    assert second.token == first.token
    client = ServerClient(session, second.url, second.token)
    info = await client.info()
    assert info["sequence"] > sequence
    after = (await client.status()).cameras["cam"].seats["A1"]
    assert after.occupied_since_s == before.occupied_since_s
    assert SeatState.OCCUPIED in (after.state, after.resume_state)
    # Every message of the first run is still there to replay.
    replay = await collect(client, 0, lambda got: got[-1].type == "status")
    assert [m.seq for m in replay] == sorted({m.seq for m in replay})


async def test_the_seats_empty_pictures_are_logged_with_the_cycles_and_restored(
    servers: list[SeatServer], site_file: Path, detector: Detector, session: aiohttp.ClientSession
) -> None:
    first = await start_server(servers, site_file, detector)
    client = ServerClient(session, first.url, first.token)
    await client.push_frame("cam", EMPTY_JPEG, time.time())
    log = site_file.parent / ".seatsense" / "server.sqlite3"

    def logged() -> dict[str, SeatPictures]:
        with sqlite3.connect(log) as db:  # logged as it runs: a SIGKILL now loses nothing
            rows = db.execute("SELECT camera_id, picture, seat_ids FROM pictures")
            return {camera: SeatPictures.from_row(picture, ids) for camera, picture, ids in rows}

    assert list(await wait_for(logged)) == ["cam"]
    # Staff capture C1; the others learned theirs from the empty frame.
    await client.capture_baseline("cam", "C1")
    await client.push_frame("cam", EMPTY_JPEG, time.time())
    await wait_for(lambda: logged()["cam"].captured == ("C1",))
    await first.stop()
    servers.remove(first)
    second = await start_server(servers, site_file, detector)
    assert second._monitor is not None
    evidence = second._monitor.pipeline.cameras["cam"].evidence
    assert evidence.has_reference("A1") and evidence.has_reference("C1")  # before any frame
    assert evidence.captured_seats() == ["C1"]


async def test_a_client_that_missed_nothing_still_gets_the_status_at_once(
    servers: list[SeatServer], site_file: Path, detector: Detector, session: aiohttp.ClientSession
) -> None:
    server = await start_server(servers, site_file, detector)
    client = ServerClient(session, server.url, server.token)
    after = (await client.info())["sequence"]
    (first,) = await collect(client, after, lambda got: len(got) >= 1)
    assert first.type == "status" and first.seq >= after and first.update is not None
    assert set(first.update.cameras) == {"cam"}


async def test_a_slow_client_is_dropped_and_the_server_does_not_buffer_for_it(
    servers: list[SeatServer], site_file: Path, detector: Detector, session: aiohttp.ClientSession
) -> None:
    server = await start_server(servers, site_file, detector, client_queue=200)
    client = ServerClient(session, server.url, server.token)
    after = (await client.info())["sequence"]
    headers = {"Authorization": f"Bearer {server.token}"}
    slow = await session.ws_connect(server.url + "/api/ws", headers=headers)  # never reads
    fast: list[Message] = []

    async def read_fast() -> None:
        async for message in client.messages(after=after):
            fast.append(message)

    reader = asyncio.ensure_future(read_fast())
    await wait_for(lambda: len(server._subscribers) == 2)
    subscribers = list(server._subscribers)
    most_queued = 0

    async def publish() -> None:
        nonlocal most_queued
        for _ in range(150):  # 3,000 messages of 10 kB: far more than the socket buffers hold
            server.publish(synthetic_update(server, 19, payload="x" * 10_000))
            most_queued = max([most_queued, *(len(s.pending) for s in server._subscribers)])
            await asyncio.sleep(0.02)

    # Publishing runs on while the slow client reads: on a busy machine the 150 cycles take
    # longer than the 5 s the server waits for a dropped client to read its close frame.
    publishing = asyncio.ensure_future(publish())
    await wait_for(lambda: any(s.close_code == 4000 for s in subscribers))
    # Once it reads again it gets what was on the way, then the close; the server forgets it.
    while (await asyncio.wait_for(slow.receive(), 10)).type is aiohttp.WSMsgType.TEXT:
        pass
    assert slow.close_code == 4000
    await publishing
    await wait_for(lambda: len(server._subscribers) == 1)
    assert most_queued <= 200  # the server never holds more than the queue for a client
    await wait_for(lambda: len(fast) >= 1 + 150 * 20)
    reader.cancel()
    # The connection starts with the current status, then every published message in order.
    assert fast[0].type == "status" and fast[0].seq >= after
    assert [m.seq for m in fast[1:]] == list(range(fast[0].seq + 1, fast[0].seq + len(fast)))


async def test_stopping_the_server_ends_the_stream_with_a_connection_error(
    servers: list[SeatServer], site_file: Path, detector: Detector, session: aiohttp.ClientSession
) -> None:
    server = await start_server(servers, site_file, detector)
    stream = ServerClient(session, server.url, server.token).messages()
    assert (await asyncio.wait_for(anext(stream), 10)).type == "status"
    await server.stop()
    servers.remove(server)
    with pytest.raises(ServerConnectionError):
        while True:
            await asyncio.wait_for(anext(stream), 10)


# -- camera probes and layout previews ---------------------------------------------------------

SECRET = "S3cr3t-p@ss/w:rd"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


async def probe_error(client: ServerClient, source: str, timeout_s: float = 3.0) -> ServerError:
    with pytest.raises(ServerError) as err:
        await client.probe(source, timeout_s)
    assert not isinstance(err.value, ServerAuthError)  # the camera refused, not the server
    return err.value


@pytest.mark.skipif((missing := rtsp_missing()) is not None, reason=missing or "")
async def test_a_probe_grabs_one_frame_of_an_rtsp_stream_and_never_shows_the_password(
    servers: list[SeatServer],
    site_file: Path,
    detector: Detector,
    session: aiohttp.ClientSession,
    tmp_path: Path,
) -> None:
    server = await start_server(servers, site_file, detector)
    client = ServerClient(session, server.url, server.token)
    clip = make_clip(tmp_path / "360p.h264", 640, 360, seconds=2)
    with RtspServer(clip, user="admin", password=SECRET) as camera:
        probe = await client.probe(with_credentials(camera.url(), "admin", SECRET))
        assert (probe.width, probe.height) == (640, 360)
        assert cv2.imdecode(np.frombuffer(probe.jpeg, np.uint8), 1).shape == (360, 640, 3)
        wrong = "wrong-" + SECRET
        error = await probe_error(client, with_credentials(camera.url(), "admin", wrong))
    assert error.code == "auth_failed"
    for secret in (wrong, SECRET, "S3cr3t", "p%40ss"):
        assert secret not in error.message


async def test_a_probe_names_what_went_wrong_with_the_camera(
    servers: list[SeatServer], site_file: Path, detector: Detector, session: aiohttp.ClientSession
) -> None:
    server = await start_server(servers, site_file, detector, allow_local_sources=True)
    client = ServerClient(session, server.url, server.token)
    image_file = await client.probe(str(FIXTURES / "zidane.jpg"))
    still = await client.probe_image(PERSON_JPEG)
    for probe in (image_file, still):
        assert (probe.width, probe.height) == (1280, 720) and probe.jpeg[:2] == b"\xff\xd8"
    with pytest.raises(ServerError) as err:
        await client.probe_image(b"<html>login</html>")
    assert err.value.code == "not_an_image"
    refused = f"rtsp://admin:{SECRET}@{HOST}:{_free_port()}/ch1"
    error = await probe_error(client, refused)
    assert error.code == "cannot_connect" and SECRET not in error.message
    with SilentServer() as silent:
        hung = f"rtsp://{HOST}:{silent.port}/ch1"
        assert (await probe_error(client, hung, timeout_s=1.0)).code == "timeout"
        # Two probes at a time; a third is turned away instead of queueing behind them.
        slow = [asyncio.ensure_future(client.probe(hung, 2.0)) for _ in range(2)]
        await asyncio.sleep(0.5)
        with pytest.raises(ServerError) as err:
            await client.probe(hung, 1.0)
        assert err.value.code == "rate_limited"
        for outcome in await asyncio.gather(*slow, return_exceptions=True):
            assert isinstance(outcome, ServerError) and outcome.code == "timeout"
    for bad in ({"source": ""}, {"source": hung, "timeout_s": 600}):
        headers = {"Authorization": f"Bearer {server.token}"}
        async with session.post(server.url + "/api/probe", json=bad, headers=headers) as resp:
            assert resp.status == 400 and (await resp.json())["error"]["code"] == "invalid"


async def test_a_preview_draws_the_seats_or_names_the_wrong_line(
    servers: list[SeatServer], site_file: Path, detector: Detector, session: aiohttp.ClientSession
) -> None:
    server = await start_server(servers, site_file, detector)
    client = ServerClient(session, server.url, server.token)
    seats = "A1: 760,250 1130,250 1130,710 760,710\n# the wall\nC1: 0,0 0.47,0 0.47,0.28 0,0.28"
    drawn = cv2.imdecode(np.frombuffer(await client.preview(seats, PERSON_JPEG), np.uint8), 1)
    plain = cv2.imdecode(np.frombuffer(await client.preview("", PERSON_JPEG), np.uint8), 1)
    assert drawn.shape == plain.shape == (720, 1280, 3)
    assert np.abs(drawn.astype(int) - plain.astype(int)).mean() > 1.0
    canvas = await client.preview("C1: 0,0 0.47,0 0.47,0.28 0,0.28", width=640, height=360)
    assert cv2.imdecode(np.frombuffer(canvas, np.uint8), 1).shape == (360, 640, 3)
    with pytest.raises(ServerError) as err:
        await client.preview("A1: 760,250 1130,250 1130,710\nB2: 1,1 2,2", PERSON_JPEG)
    assert err.value.code == "invalid"
    assert err.value.message.startswith("seats line 2: seat 'B2'")
    with pytest.raises(ServerError) as err:
        await client.preview(seats)  # neither an image nor a canvas size
    assert err.value.code == "invalid" and "'width'" in err.value.message


# -- hostile input -----------------------------------------------------------------------------


async def api_error(
    session: aiohttp.ClientSession, server: SeatServer, method: str, path: str, **kwargs: Any
) -> tuple[int, dict[str, str]]:
    """The status and the `error` object of a request that must fail with a JSON answer."""
    headers = {"Authorization": f"Bearer {server.token}", **kwargs.pop("headers", {})}
    async with session.request(method, server.url + path, headers=headers, **kwargs) as resp:
        assert resp.content_type == "application/json"
        return resp.status, (await resp.json())["error"]


def strict_json(text: str) -> Any:
    """`json.loads` that refuses NaN and Infinity, as every standard JSON parser does."""

    def refuse(constant: str) -> Any:
        raise AssertionError(f"{constant} in a message: {text[:200]}")

    return json.loads(text, parse_constant=refuse)


async def test_a_frame_time_must_be_finite_near_the_server_clock_and_not_rewind(
    servers: list[SeatServer], site_file: Path, detector: Detector, session: aiohttp.ClientSession
) -> None:
    server = await start_server(servers, site_file, detector)
    client = ServerClient(session, server.url, server.token)
    now = time.time()
    for bad in ("inf", "-inf", "nan", "1e300", "-1e300", "abc", now + 3600, now - 2 * 86400):
        path = f"/api/cameras/cam/frame?time_s={bad}"
        status, error = await api_error(session, server, "POST", path, data=PERSON_JPEG)
        assert (status, error["code"]) == (400, "invalid"), bad
        assert error["message"].startswith("'time_s' must be"), error
    await client.push_frame("cam", PERSON_JPEG, now)
    path = f"/api/cameras/cam/frame?time_s={now - 600}"
    status, error = await api_error(session, server, "POST", path, data=PERSON_JPEG)
    assert (status, error["code"]) == (400, "invalid")
    assert "earlier than the camera's last frame" in error["message"]
    await client.push_frame("cam", PERSON_JPEG, now - 5)  # a little out of order is fine

    async def occupied() -> bool:
        seat = (await client.status()).cameras["cam"].seats["A1"]
        return seat.state is SeatState.OCCUPIED

    await wait_for(occupied)


async def test_messages_and_the_replay_log_never_carry_nan_or_infinity(
    servers: list[SeatServer], site_file: Path, detector: Detector, session: aiohttp.ClientSession
) -> None:
    server = await start_server(servers, site_file, detector)
    start = server._seq
    headers = {"Authorization": f"Bearer {server.token}"}
    live = await session.ws_connect(server.url + "/api/ws", headers=headers)
    strict_json((await live.receive()).data)  # the current status
    bad = Event(EventType.PERSON_ENTER, float("inf"), "cam", "A1", float("nan"), {"x": -math.inf})
    server.publish(MonitorUpdate(time_s=float("nan"), events=[bad], cameras={}))
    texts = [(await asyncio.wait_for(live.receive(), 10)).data for _ in range(2)]
    await live.close()
    replay = await session.ws_connect(server.url + f"/api/ws?after={start}", headers=headers)
    texts += [(await asyncio.wait_for(replay.receive(), 10)).data for _ in range(2)]
    await replay.close()
    async with session.get(server.url + "/api/status", headers=headers) as resp:
        texts.append(await resp.text())
    messages = [strict_json(text) for text in texts]
    assert [m["type"] for m in messages] == ["event", "status", "event", "status", "status"]
    assert messages[0]["event"]["time_s"] is None and messages[0]["event"]["data"]["x"] is None


@pytest.mark.parametrize(
    "after", [str(2**63), str(2**64), "1" + "0" * 40, "-1", "1.5", "\u00b2", "\u0663", "0x10", ""]
)
async def test_a_websocket_after_out_of_range_is_refused_before_the_handshake(
    servers: list[SeatServer],
    site_file: Path,
    detector: Detector,
    session: aiohttp.ClientSession,
    after: str,
) -> None:
    server = await start_server(servers, site_file, detector)
    headers = {"Authorization": f"Bearer {server.token}"}
    with pytest.raises(aiohttp.WSServerHandshakeError) as err:
        await session.ws_connect(server.url + "/api/ws", params={"after": after}, headers=headers)
    assert err.value.status == 400
    status, error = await api_error(session, server, "GET", "/api/ws", params={"after": after})
    assert (status, error["code"]) == (400, "invalid")
    assert "'after' must be a sequence number" in error["message"]
    # The largest sequence number SQLite holds is still a valid `after` (a gap, then status).
    largest = await session.ws_connect(
        server.url + "/api/ws", params={"after": str(2**63 - 1)}, headers=headers
    )
    assert strict_json((await asyncio.wait_for(largest.receive(), 10)).data)["type"] == "gap"
    await largest.close()


async def test_json_nested_a_hundred_thousand_deep_is_400_not_500(
    servers: list[SeatServer], site_file: Path, detector: Detector, session: aiohttp.ClientSession
) -> None:
    server = await start_server(servers, site_file, detector)
    deep = "[" * 100_000 + "]" * 100_000
    json_type = {"Content-Type": "application/json"}
    for method, path in [
        ("PUT", "/api/site"),
        ("POST", "/api/probe"),
        ("POST", "/api/cameras/cam/baseline"),
    ]:
        status, error = await api_error(session, server, method, path, data=deep, headers=json_type)
        assert (status, error["code"]) == (400, "invalid"), path
        assert "nested more than 32 deep" in error["message"]
    status, error = await api_error(
        session, server, "POST", "/api/probe", data='{"source": "rtsp://x/", "timeout_s": NaN}'
    )
    assert (status, error["code"]) == (400, "invalid")
    assert error["message"].startswith("the body is not valid JSON")


async def test_numbers_in_requests_are_checked_before_use(
    servers: list[SeatServer], site_file: Path, detector: Detector, session: aiohttp.ClientSession
) -> None:
    server = await start_server(servers, site_file, detector)
    for side in ("\u00b2", "\u0663\u0663", "0", "4097", "1e3", " 64"):
        form = aiohttp.FormData({"seats": "", "width": side, "height": "64"})
        status, error = await api_error(session, server, "POST", "/api/preview", data=form)
        assert (status, error["code"]) == (400, "invalid"), side
        assert "'width' must be 1 to 4096 pixels" in error["message"]
    for timeout_s in (True, 0, -1, 21, "5", None):
        body = {"source": "rtsp://127.0.0.1:9/ch1", "timeout_s": timeout_s}
        status, error = await api_error(session, server, "POST", "/api/probe", json=body)
        assert (status, error["code"]) == (400, "invalid"), timeout_s
    status, error = await api_error(
        session, server, "POST", "/api/cameras/cam/baseline", json={"seat": "s" * 100_000}
    )
    assert (status, error["code"]) == (400, "invalid") and len(error["message"]) < 200


# -- what a token holder may open --------------------------------------------------------------


async def test_a_probe_opens_only_camera_urls_and_never_says_which_paths_exist(
    servers: list[SeatServer],
    site_file: Path,
    detector: Detector,
    session: aiohttp.ClientSession,
    tmp_path: Path,
) -> None:
    server = await start_server(servers, site_file, detector)
    client = ServerClient(session, server.url, server.token)
    local = [
        str(FIXTURES / "zidane.jpg"),  # exists
        str(tmp_path / "no-such.jpg"),
        str(tmp_path),  # a folder
        "/etc/passwd",
        "file://" + str(FIXTURES / "zidane.jpg"),
        "demo:" + str(tmp_path / "timeline.yaml"),
        "rtsp:relative",
        "~/video.mp4",
    ]
    messages = set()
    for source in local:
        error = await probe_error(client, source)
        assert error.code == "invalid", source
        messages.add(error.message)
    assert len(messages) == 1
    (message,) = messages
    assert "--allow-local-sources" in message and str(tmp_path) not in message
    demo = await client.probe("demo:default")
    assert demo.jpeg[:2] == b"\xff\xd8"
    # A layout put through the API may not point a camera at a local path either.
    with pytest.raises(ServerError) as err:
        await client.put_site(await layout_with_a_file_camera(client))
    assert err.value.code == "invalid" and err.value.message.startswith("layout: camera 'file': ")
    assert "--allow-local-sources" in err.value.message


async def layout_with_a_file_camera(client: ServerClient) -> dict[str, Any]:
    layout: dict[str, Any] = await client.site()
    file_camera = {"id": "file", "source": str(FIXTURES / "zidane.jpg"), "width": 1280}
    layout["cameras"].append(file_camera | {"height": 720, "seats": []})
    return layout


async def test_local_sources_open_when_the_server_allows_them(
    servers: list[SeatServer], site_file: Path, detector: Detector, session: aiohttp.ClientSession
) -> None:
    server = await start_server(servers, site_file, detector, allow_local_sources=True)
    client = ServerClient(session, server.url, server.token)
    probe = await client.probe(str(FIXTURES / "zidane.jpg"))
    assert (probe.width, probe.height) == (1280, 720)
    assert await client.put_site(await layout_with_a_file_camera(client))
    assert (await client.info())["cameras"] == 2


# -- the MQTT password -------------------------------------------------------------------------

MQTT_PASSWORD = "mqtt-S3cret-horse"


@pytest.fixture
def mqtt_broker(tmp_path: Path) -> Iterator[Mosquitto]:
    if reason := mosquitto_missing():
        pytest.skip(reason)
    with Mosquitto(tmp_path, users={"seatsense": MQTT_PASSWORD}) as running:
        yield running


@pytest.mark.parametrize("given_by", ["file", "environment"])
async def test_the_mqtt_password_comes_from_a_file_or_the_environment(
    servers: list[SeatServer],
    site_file: Path,
    detector: Detector,
    mqtt_broker: Mosquitto,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    given_by: str,
) -> None:
    password_file = tmp_path / "mqtt-password"
    password_file.write_text(MQTT_PASSWORD + "\n")
    options: dict[str, Any] = {"mqtt_url": f"mqtt://seatsense@{HOST}:{mqtt_broker.port}"}
    if given_by == "file":
        options["mqtt_password_file"] = password_file
    else:
        monkeypatch.setenv("SEATSENSE_MQTT_PASSWORD", MQTT_PASSWORD)
    server = await start_server(servers, site_file, detector, **options)
    publisher = server._publisher
    await wait_for(lambda: getattr(publisher, "connected", False))


def test_serve_keeps_the_mqtt_password_out_of_ps_and_warns_when_it_is_in_the_url(
    site_file: Path, mqtt_broker: Mosquitto, tmp_path: Path
) -> None:
    password_file = tmp_path / "mqtt-password"
    password_file.write_text(MQTT_PASSWORD + "\n")
    serve = [sys.executable, "-m", "seatsense.cli", "serve", "--port", "0"]
    url = f"mqtt://seatsense@{HOST}:{mqtt_broker.port}"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    availability = Recorder(
        mqtt_broker, "seatsense/hall/availability", user="seatsense", password=MQTT_PASSWORD
    )
    with availability:
        process = subprocess.Popen(
            [*serve, str(site_file), "--mqtt", url, "--mqtt-password-file", str(password_file)],
            env=env,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            assert process.stderr is not None
            lines = [process.stderr.readline() for _ in range(2)]  # the new token, the address
            assert "listening on" in lines[-1], lines
            cmdline = Path(f"/proc/{process.pid}/cmdline").read_bytes()
            assert MQTT_PASSWORD.encode() not in cmdline
            availability.wait_latest(
                "seatsense/hall/availability", lambda m: m.payload == "online", timeout_s=30
            )
        finally:
            process.terminate()
            process.wait(30)
    # The old way still works, with a warning (here it stops at once: no such site file).
    leaky = subprocess.run(
        [*serve, str(tmp_path / "none.yaml"), "--mqtt", mqtt_broker.url("seatsense", "x")],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert leaky.returncode != 0 and "no such file" in leaky.stderr
    assert "--mqtt-password-file or SEATSENSE_MQTT_PASSWORD" in leaky.stderr


def _serve(site: Path) -> tuple[subprocess.Popen[str], str]:
    """`seatsense serve` on a free port, and its address once it listens."""
    process = subprocess.Popen(
        [sys.executable, "-m", "seatsense.cli", "serve", str(site), "--port", "0"],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stderr is not None
    for _ in range(3):
        line = process.stderr.readline()
        if "listening on" in line:
            return process, line.rsplit(" ", 1)[-1].strip()
    process.kill()
    raise AssertionError(f"serve did not start: {line}")


def _get(url: str, token: str) -> Any:
    import urllib.request

    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(request, timeout=10) as answer:
        return json.loads(answer.read())


def test_serve_killed_with_sigkill_resumes_the_seat_clocks_and_adds_no_event(
    tmp_path: Path,
) -> None:
    frames = tmp_path / "frames"
    frames.mkdir()
    (frames / "0001.jpg").write_bytes(PERSON_JPEG)
    layout = {**LAYOUT, "interval_s": 0.5}
    layout["cameras"] = [{**LAYOUT["cameras"][0], "source": str(frames)}]
    site = tmp_path / "site.yaml"
    site.write_text(yaml.safe_dump(layout))
    replay_log = tmp_path / ".seatsense" / "server.sqlite3"

    def logged_events() -> list[tuple[str, str]]:
        with sqlite3.connect(replay_log) as db:
            texts = [text for (text,) in db.execute("SELECT text FROM events ORDER BY seq")]
        return [(m["event"]["type"], m["event"]["seat_id"]) for m in map(json.loads, texts)]

    process, url = _serve(site)
    token = (tmp_path / ".seatsense" / "token").read_text().strip()
    try:
        deadline = time.monotonic() + 60
        while ("person_enter", "A1") not in logged_events():
            assert time.monotonic() < deadline, "no person_enter"
            time.sleep(0.1)
        before = _get(f"{url}/api/status", token)["update"]["cameras"]["cam"]["seats"]["A1"]
    finally:
        process.kill()  # SIGKILL: no stop, no save on the way out
        process.wait(30)
    assert before["state"] == "occupied"

    process, url = _serve(site)
    try:
        deadline = time.monotonic() + 60
        while True:
            seats = _get(f"{url}/api/status", token)["update"]["cameras"]["cam"]["seats"]
            if (
                seats["A1"]["last_update_s"]
                and seats["A1"]["last_update_s"] > before["last_update_s"]
            ):
                break
            assert time.monotonic() < deadline, "no new frame after the restart"
            time.sleep(0.1)
    finally:
        process.terminate()
        process.wait(30)
    assert seats["A1"]["state"] == "occupied"
    assert seats["A1"]["occupied_since_s"] == before["occupied_since_s"]
    assert logged_events().count(("person_enter", "A1")) == 1  # no second enter

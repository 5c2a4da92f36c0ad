"""A grabber notices a camera that is back within seconds, however long its reconnect delay has
grown, and does not knock every two seconds on a camera that answers but refuses the stream."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from seatsense.sources.grabber import Grabber
from seatsense.sources.reachable import network_address, wait_for_retry
from tests.lib.rtsp import HOST, RtspServer, SilentServer, make_clip, rtsp_missing

pytestmark = pytest.mark.usefixtures("socket_enabled")
needs_rtsp = pytest.mark.skipif(rtsp_missing() is not None, reason=str(rtsp_missing()))


def wait_for(condition: Callable[[], object], timeout_s: float) -> float:
    began = time.monotonic()
    while not condition():
        assert time.monotonic() - began < timeout_s, "timed out"
        time.sleep(0.05)
    return time.monotonic() - began


@pytest.fixture(scope="module")
def clip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if reason := rtsp_missing():
        pytest.skip(reason)
    return make_clip(tmp_path_factory.mktemp("clips") / "clip.h264", 320, 240, seconds=2)


@pytest.fixture
def grabbers() -> Iterator[list[Grabber]]:
    started: list[Grabber] = []
    yield started
    for grabber in started:
        grabber.stop()


@needs_rtsp
def test_a_camera_back_after_an_outage_streams_within_seconds_not_the_backoff(
    clip: Path, grabbers: list[Grabber]
) -> None:
    server = RtspServer(clip).start()
    try:
        # A long delay, as after minutes of outage: the next attempt would be 15-30 s away.
        grabber = Grabber(server.url(), "cam", 1.0, 2.0, 2.0, backoff_base_s=30.0)
        grabbers.append(grabber)
        grabber.start()
        wait_for(lambda: grabber.health().state == "streaming", timeout_s=10)
        server.kill()
        wait_for(lambda: grabber.health().state == "offline", timeout_s=5)
        time.sleep(3.0)  # the outage
        server.start()  # the same port
        took = wait_for(lambda: grabber.health().state == "streaming", timeout_s=14)
        assert took < 5.0  # the probe interval (2 s) and one connection, not 15-30 s
    finally:
        server.stop()


@needs_rtsp
def test_a_camera_that_answers_but_refuses_the_stream_waits_out_its_delay(
    clip: Path, grabbers: list[Grabber]
) -> None:
    with RtspServer(clip) as server:
        grabber = Grabber(server.url(9), "cam", 1.0, 2.0, 2.0, backoff_base_s=30.0)
        grabbers.append(grabber)
        grabber.start()
        wait_for(lambda: grabber.health().state == "offline", timeout_s=10)
        time.sleep(5.0)
        assert grabber.health().reconnects == 0  # its port answers: no early retry


def test_the_wait_ends_when_the_port_opens_or_stop_is_set() -> None:
    stop = threading.Event()
    with SilentServer() as silent:  # a listener: the port answers
        assert network_address(f"rtsp://{HOST}:{silent.port}/ch1") == (HOST, silent.port)
        began = time.monotonic()
        assert wait_for_retry(stop, 0.5, f"rtsp://{HOST}:{silent.port}/ch1") is False
        assert time.monotonic() - began >= 0.45  # it answered from the start: a plain wait
        port = silent.port
    closed = f"rtsp://{HOST}:{port}/ch1"  # nothing listens any more
    threading.Timer(0.3, stop.set).start()
    began = time.monotonic()
    assert wait_for_retry(stop, 30.0, closed, probe_every_s=0.1) is True
    assert time.monotonic() - began < 2.0


def _listen(port: int = 0) -> socket.socket:
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind((HOST, port))
    listener.listen(1)  # the kernel accepts for it: the port answers
    return listener


def test_the_wait_ends_early_only_for_a_port_seen_closed_then_open() -> None:
    stop = threading.Event()
    with SilentServer() as silent:  # answers throughout: a camera that refuses its stream
        began = time.monotonic()
        url = f"rtsp://{HOST}:{silent.port}/ch1"
        assert wait_for_retry(stop, 0.6, url, probe_every_s=0.1) is False
        assert time.monotonic() - began >= 0.55
    # A dying camera: its port still answers when the wait begins, closes, then comes back.
    dying = _listen()
    port = dying.getsockname()[1]
    back: list[socket.socket] = []
    timers = [
        threading.Timer(0.3, dying.close),
        threading.Timer(0.8, lambda: back.append(_listen(port))),
    ]
    for timer in timers:
        timer.start()
    try:
        began = time.monotonic()
        assert wait_for_retry(stop, 5.0, f"rtsp://{HOST}:{port}/ch1", probe_every_s=0.1) is False
        assert time.monotonic() - began < 2.0  # seen closed, then open: cut short
    finally:
        for timer in timers:
            timer.join()
        for listener in back:
            listener.close()

"""RTSP cameras and video files through PyAV, against GStreamer's RTSP server on 127.0.0.1."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from seatsense.core.urls import with_credentials
from seatsense.sources import (
    AuthError,
    CaptureTimeout,
    ConnectError,
    FrameSample,
    Grabber,
    NotAnImageError,
    NotFoundError,
    grab_one,
)
from tests.lib.rtsp import HOST, RtspServer, SilentServer, make_clip, rtsp_missing
from tests.lib.sources.helpers import FAST, SECRET, start, wait_for

# HA's pytest plugin blocks Python sockets; these tests only talk to 127.0.0.1.
pytestmark = pytest.mark.usefixtures("socket_enabled")

needs_rtsp = pytest.mark.skipif((reason := rtsp_missing()) is not None, reason=reason or "")


# -- RTSP -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def clips(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    if reason := rtsp_missing():
        pytest.skip(reason)
    folder = tmp_path_factory.mktemp("clips")
    return {
        "720p": make_clip(folder / "720p.h264", 1280, 720, seconds=2),
        "360p": make_clip(folder / "360p.h264", 640, 360, seconds=2),
    }


@pytest.fixture(scope="module")
def server16(clips: dict[str, Path]) -> Iterator[RtspServer]:
    with RtspServer(clips["720p"], channels=16) as server:
        yield server


@needs_rtsp
def test_sixteen_channels_stream_in_parallel(server16: RtspServer, grabbers: list[Grabber]) -> None:
    started = time.monotonic()
    channels = [
        start(grabbers, server16.url(channel), f"ch{channel}", interval_s=3.0)
        for channel in range(1, 17)
    ]
    opened = wait_for(lambda: all(g.latest() is not None for g in channels), timeout_s=15)
    samples = [g.latest() for g in channels]
    assert all(isinstance(s, FrameSample) for s in samples)
    for sample in samples:
        assert sample is not None
        assert sample.frame.shape == (720, 1280, 3) and sample.frame.dtype == np.uint8
        assert abs(sample.time_s - time.time()) < 3.0
    # A 1 s GOP is shorter than the 3 s interval: only key frames are decoded.
    wait_for(lambda: all(g.health().input_fps > 15 for g in channels), timeout_s=5)
    health = channels[0].health()
    assert health.state == "streaming" and health.decode_mode == "keyframes"
    assert health.reconnects == 0 and health.last_error is None
    # A later call hands out a newer frame, not a buffered one.
    first = channels[0].latest()
    time.sleep(1.2)
    newer = channels[0].latest()
    assert first is not None and newer is not None
    assert newer.sequence > first.sequence and newer.time_s > first.time_s
    assert channels[0].health().frame_age_s is not None
    assert channels[0].health().frame_age_s < 1.5  # type: ignore[operator]
    logging.getLogger(__name__).info(
        "16 channels: all first frames after %.2f s (total %.2f s)",
        opened,
        time.monotonic() - started,
    )


@needs_rtsp
def test_grab_one_reads_a_frame_and_reports_refused(server16: RtspServer) -> None:
    frame = grab_one(server16.url(5), timeout_s=5)
    assert frame.shape == (720, 1280, 3)
    with pytest.raises(NotFoundError, match="not found"):  # RTSP 404
        grab_one(server16.url(17), timeout_s=5)
    with SilentServer() as silent:
        port = silent.port
    with pytest.raises(ConnectError):  # nothing listens there any more
        grab_one(f"rtsp://{HOST}:{port}/ch1", timeout_s=3)


@needs_rtsp
def test_killed_server_goes_offline_then_reconnects(
    clips: dict[str, Path], grabbers: list[Grabber]
) -> None:
    server = RtspServer(clips["360p"]).start()
    try:
        grabber = start(grabbers, server.url(), interval_s=1.0)
        wait_for(lambda: grabber.latest() is not None, timeout_s=5)
        server.kill()
        took = wait_for(lambda: grabber.health().state == "offline", timeout_s=3)
        assert took <= FAST["read_timeout_s"] + 0.5
        health = grabber.health()
        assert "stream ended" in str(health.last_error)
        assert grabber.latest() is not None  # the last frame stays, its age tells
        server.start()  # the same port
        wait_for(lambda: grabber.health().state == "streaming", timeout_s=5)
        before = grabber.latest()
        assert before is not None
        wait_for(
            lambda: (s := grabber.latest()) is not None and s.sequence > before.sequence,
            timeout_s=3,
        )
        assert grabber.health().reconnects >= 1
    finally:
        server.stop()


@needs_rtsp
def test_frozen_server_is_detected_within_the_read_timeout(
    clips: dict[str, Path], grabbers: list[Grabber]
) -> None:
    with RtspServer(clips["360p"]) as server:
        grabber = start(grabbers, server.url(), interval_s=1.0)
        wait_for(lambda: grabber.health().state == "streaming", timeout_s=5)
        server.freeze()
        took = wait_for(lambda: grabber.health().state == "offline", timeout_s=4)
        assert took <= FAST["read_timeout_s"] + 1.0
        assert "timed out" in str(grabber.health().last_error)
        server.thaw()
        wait_for(lambda: grabber.health().state == "streaming", timeout_s=5)
        grabber.stop(timeout_s=3)
        assert grabber.health().state == "streaming"


@needs_rtsp
@pytest.mark.parametrize("auth", ["basic", "digest"])
def test_wrong_password_is_auth_failed_and_never_shown(
    clips: dict[str, Path],
    grabbers: list[Grabber],
    auth: str,
    caplog: pytest.LogCaptureFixture,
    capfd: pytest.CaptureFixture[str],
) -> None:
    caplog.set_level(logging.DEBUG)
    wrong = "wrong-" + SECRET
    with RtspServer(clips["360p"], user="admin", password=SECRET, auth=auth) as server:
        bad_url = with_credentials(server.url(), "admin", wrong)
        with pytest.raises(AuthError) as raised:
            grab_one(bad_url, timeout_s=5)
        error = raised.value
        assert "authentication failed" in str(error)
        assert error.__cause__ is None and error.__suppress_context__
        grabber = start(grabbers, bad_url, "bad")
        wait_for(lambda: grabber.health().state == "auth_failed", timeout_s=5)
        separate = start(grabbers, server.url(), "separate", username="admin", password=wrong)
        wait_for(lambda: separate.health().state == "auth_failed", timeout_s=5)
        # The right password, given separately (and escaped into the URL), works.
        good = start(grabbers, server.url(), "good", username="admin", password=SECRET)
        wait_for(lambda: good.latest() is not None, timeout_s=5)
        shown = " ".join(
            [
                str(error),
                repr(error),
                repr(grabber),
                repr(separate),
                repr(good),
                str(grabber.health().to_dict()),
                str(separate.health().to_dict()),
                grabber.source,
                separate.source,
            ]
        )
        for grabber_ in (grabber, separate, good):
            grabber_.stop()
    out, err = capfd.readouterr()
    everything = shown + caplog.text + out + err
    for secret in (wrong, SECRET, "S3cr3t", "p%40ss"):
        assert secret not in everything
    assert "auth_failed" in caplog.text


@needs_rtsp
def test_a_channel_that_never_answers_does_not_delay_the_others(
    server16: RtspServer, grabbers: list[Grabber]
) -> None:
    with SilentServer() as silent:
        hung = start(grabbers, f"rtsp://{HOST}:{silent.port}/ch1", "hung", open_timeout_s=3.0)
        others = [start(grabbers, server16.url(ch), f"ch{ch}") for ch in range(1, 9)]
        took = wait_for(lambda: all(g.latest() is not None for g in others), timeout_s=5)
        assert took < 2.5  # well before the hung channel's 3 s open timeout
        assert hung.health().state == "connecting"
        wait_for(lambda: hung.health().state == "offline", timeout_s=5)
        assert "timed out" in str(hung.health().last_error)
        started = time.monotonic()
        with pytest.raises(CaptureTimeout):
            grab_one(f"rtsp://{HOST}:{silent.port}/ch1", timeout_s=1.0)
        assert time.monotonic() - started < 2.0


@needs_rtsp
def test_corrupt_streams_are_survived_or_clean_errors(
    clips: dict[str, Path], tmp_path: Path, grabbers: list[Grabber]
) -> None:
    # Damaged bytes in the middle of the stream. GStreamer's server may drop the stream at
    # the damage (its parser errors out); the grabber conceals or reconnects, frames go on.
    data = bytearray(clips["360p"].read_bytes())
    middle = len(data) // 2
    data[middle : middle + 20_000] = np.random.default_rng(0).bytes(20_000)
    damaged = tmp_path / "damaged.h264"
    damaged.write_bytes(bytes(data))
    # Nothing but noise: the server never manages to describe the stream.
    garbage = tmp_path / "garbage.h264"
    garbage.write_bytes(np.random.default_rng(1).bytes(200_000))
    with RtspServer(damaged) as server, RtspServer(garbage) as noise:
        grabber = start(grabbers, server.url(), "damaged", interval_s=0.5)
        started = time.monotonic()
        with pytest.raises(CaptureTimeout):
            grab_one(noise.url(), timeout_s=1)
        assert time.monotonic() - started < 2
        noisy = start(grabbers, noise.url(), "noise", open_timeout_s=1)
        wait_for(lambda: noisy.health().state == "offline", timeout_s=3)
        assert noisy.latest() is None and "timed out" in str(noisy.health().last_error)
        # The damage lies 1 s into the 2 s clip; by now the stream went through it.
        time.sleep(max(0.0, 1.5 - (time.monotonic() - started)))
        mark = grabber.latest()
        assert mark is not None
        wait_for(
            lambda: (s := grabber.latest()) is not None and s.sequence > mark.sequence, timeout_s=4
        )


# -- files ----------------------------------------------------------------------------------


def test_files_that_are_not_video_are_clean_errors(tmp_path: Path, grabbers: list[Grabber]) -> None:
    text = tmp_path / "notes.mp4"
    text.write_text("this is not a video\n" * 100)
    with pytest.raises(NotAnImageError):
        grab_one(str(text), timeout_s=2)
    with pytest.raises(ConnectError, match="no such file"):
        grab_one(str(tmp_path / "missing.mp4"), timeout_s=2)
    grabber = start(grabbers, str(text))
    wait_for(lambda: grabber.health().state == "offline", timeout_s=3)
    assert "not a readable video" in str(grabber.health().last_error)


@pytest.fixture(scope="module")
def mp4(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if rtsp_missing() and not __import__("shutil").which("ffmpeg"):
        pytest.skip("ffmpeg is not installed")
    folder = tmp_path_factory.mktemp("mp4")
    return make_clip(folder / "clip.mp4", 640, 360, gop_s=1.0, seconds=1.2)


def test_truncated_video_is_a_clean_error(mp4: Path, tmp_path: Path) -> None:
    truncated = tmp_path / "truncated.mp4"
    truncated.write_bytes(mp4.read_bytes()[: mp4.stat().st_size // 2])
    with pytest.raises(NotAnImageError):
        grab_one(str(truncated), timeout_s=2)


def test_video_file_loops_with_wall_clock_times(mp4: Path, grabbers: list[Grabber]) -> None:
    assert grab_one(str(mp4)).shape == (360, 640, 3)
    looped = start(grabbers, str(mp4), "looped", interval_s=1.5, loop=True)
    once = start(grabbers, str(mp4), "once", interval_s=0.5)
    wait_for(lambda: looped.latest() is not None, timeout_s=3)
    wait_for(lambda: once.health().state == "offline", timeout_s=4)
    assert "reached its end" in str(once.health().last_error)
    time.sleep(0.6)  # past the end of the 1.2 s clip: the looped one goes on
    sample = looped.latest()
    assert sample is not None and looped.health().state == "streaming"
    assert abs(sample.time_s - time.time()) < 1.0
    assert looped.health().decode_mode == "keyframes"
    assert 15 < looped.health().input_fps < 40


def test_long_gop_falls_back_to_decoding_every_frame(
    tmp_path: Path, grabbers: list[Grabber]
) -> None:
    clip = make_clip(tmp_path / "long-gop.mp4", 320, 240, gop_s=2.0, seconds=2.0)
    grabber = start(grabbers, str(clip), interval_s=0.3, loop=True)
    wait_for(lambda: grabber.health().decode_mode == "all", timeout_s=3)
    first = grabber.latest()
    time.sleep(0.3)
    second = grabber.latest()
    assert first is not None and second is not None and second.sequence > first.sequence


def test_corrupt_frames_of_a_video_are_dropped_and_counted(
    tmp_path: Path, grabbers: list[Grabber]
) -> None:
    clip = make_clip(tmp_path / "clip.mp4", 320, 240, gop_s=1.0, seconds=3.0)
    data = bytearray(clip.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 3000] = np.random.default_rng(0).bytes(3000)
    damaged = tmp_path / "damaged.mp4"
    damaged.write_bytes(bytes(data))
    # Sampled faster than its key frames come: every frame is decoded, the damaged ones too.
    grabber = start(grabbers, str(damaged), interval_s=0.04)
    wait_for(lambda: grabber.latest() is not None and grabber.health().state == "offline", 6)
    health = grabber.health()
    assert health.decode_mode == "all" and health.frames_used > 10
    assert health.frames_dropped >= 1  # marked corrupt by FFmpeg: never handed out

"""The errors every source raises: one line, credentials scrubbed, a config-flow reason each."""

from __future__ import annotations

from seatsense.sources import (
    AuthError,
    CaptureError,
    CaptureHealth,
    CaptureTimeout,
    ConnectError,
    NotAnImageError,
)
from seatsense.sources.base import Secrets


def test_errors_are_one_scrubbed_line() -> None:
    error = ConnectError("cannot open\nrtsp://admin:hunter2@10.0.0.5/ch1")
    assert str(error) == "cannot open rtsp://10.0.0.5/ch1"
    assert isinstance(error, CaptureError) and error.reason == "cannot_connect"
    assert AuthError("x").reason == "invalid_auth"
    assert CaptureTimeout("x").reason == "timeout"
    assert NotAnImageError("x").reason == "not_an_image"


def test_secrets_scrub_the_password_in_every_spelling() -> None:
    scrub = Secrets("rtsp://admin:p%40ss-word@10.0.0.5/ch1", password="other-secret")
    text = scrub("p@ss-word and p%40ss-word and other-secret and other-secret in rtsp://a:b@h/x")
    assert text == "*** and *** and *** and *** in rtsp://h/x"
    assert Secrets(password="abc")("abc stays: too short to scrub safely") == (
        "abc stays: too short to scrub safely"
    )


def test_health_counts_dropped_frames_in_its_dict() -> None:
    health = CaptureHealth("streaming", 25.0, 3, 0.1, 0, None, "all", frames_dropped=2)
    assert health.to_dict()["frames_dropped"] == 2

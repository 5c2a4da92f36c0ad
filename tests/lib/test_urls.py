"""Source URLs: credentials scrubbed out of text, put into URLs, NVR channel templates."""

from __future__ import annotations

import pytest

from seatsense.core.urls import nvr_url, scrub_credentials, with_credentials

SECRET = "S3cr3t-p@ss/w:rd"
"""A password with every character that needs escaping in a URL."""


def test_scrub_credentials_removes_userinfo_and_password_params() -> None:
    text = (
        "Error opening 'rtsp://admin:hunter2@10.0.0.5:554/Streaming/Channels/102' and "
        "http://u:p%40ss@cam.local/snap.jpg?user=u&password=hunter2&x=1, rtsp://10.0.0.6/ch1"
    )
    scrubbed = scrub_credentials(text)
    assert "hunter2" not in scrubbed and "p%40ss" not in scrubbed
    assert "'rtsp://10.0.0.5:554/Streaming/Channels/102'" in scrubbed
    assert "http://cam.local/snap.jpg?user=u&password=***&x=1" in scrubbed
    assert "rtsp://10.0.0.6/ch1" in scrubbed
    # An unescaped @ in the password does not leave half of it behind.
    assert scrub_credentials("rtsp://admin:p@ss@10.0.0.5/ch1") == "rtsp://10.0.0.5/ch1"


def test_nvr_url_templates() -> None:
    assert nvr_url("hikvision", "10.0.0.5", 1, "main") == (
        "rtsp://10.0.0.5:554/Streaming/Channels/101"
    )
    assert nvr_url("hikvision", "10.0.0.5", 12) == "rtsp://10.0.0.5:554/Streaming/Channels/1202"
    assert nvr_url("dahua", "10.0.0.5", 3, "main", port=8554) == (
        "rtsp://10.0.0.5:8554/cam/realmonitor?channel=3&subtype=0"
    )
    assert nvr_url("generic", "10.0.0.5", 7) == "rtsp://10.0.0.5:554/ch7"
    assert (
        nvr_url("generic", "nvr.local", 2, "main", template="rtsp://{host}/live/{channel}/{stream}")
        == "rtsp://nvr.local/live/2/main"
    )
    assert nvr_url("generic", "fe80::1", 1, template="/h264/ch{channel}/{subtype}/av_stream") == (
        "rtsp://[fe80::1]:554/h264/ch1/1/av_stream"
    )
    url = nvr_url("hikvision", "10.0.0.5", 1, username="admin", password=SECRET)
    assert url == "rtsp://admin:S3cr3t-p%40ss%2Fw%3Ard@10.0.0.5:554/Streaming/Channels/102"
    assert scrub_credentials(url) == "rtsp://10.0.0.5:554/Streaming/Channels/102"
    with pytest.raises(ValueError, match="count from 1"):
        nvr_url("dahua", "10.0.0.5", 0)


def test_with_credentials_replaces_existing_ones() -> None:
    assert with_credentials("rtsp://old:pw@10.0.0.5/ch1", "new", "x y") == (
        "rtsp://new:x%20y@10.0.0.5/ch1"
    )
    assert with_credentials("rtsp://10.0.0.5/ch1", None, None) == "rtsp://10.0.0.5/ch1"

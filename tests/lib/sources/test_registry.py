"""The registry: every source string recognised in one place and opened by its provider."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from seatsense.sources import (
    ConnectError,
    Grabber,
    PushSource,
    grab_one,
    is_push,
    named_scheme,
    open_source,
    source_kind,
)
from seatsense.sources.registry import locate, url_kind
from tests.conftest import FIXTURES, ROOT


def test_unknown_scheme_is_a_clear_error() -> None:
    with pytest.raises(ConnectError, match="no timeline file 'study-cafe'"):
        grab_one("demo:study-cafe")
    assert grab_one("demo:default").shape == (720, 1280, 3)
    with pytest.raises(ConnectError, match="unsupported source scheme 'ftp:'"):
        grab_one("ftp://u:hunter2@10.0.0.5/x.jpg")


def test_every_kind_of_source_is_told_apart(tmp_path: Path) -> None:
    assert source_kind("rtsp://admin:pw@10.0.0.5/ch1") == "rtsp"
    assert source_kind("RTSPS://10.0.0.5/ch1") == "rtsp"
    assert source_kind("https://cam.local/snap.jpg") == "http"
    assert source_kind("push:") == "push"
    assert source_kind("homeassistant:camera.hall") == "homeassistant"
    assert source_kind("demo:default?speed=60") == "demo"
    assert source_kind("Demo") == "demo"  # the name alone, in any case
    assert source_kind(str(FIXTURES)) == "images"
    assert source_kind(str(FIXTURES / "bus.jpg")) == "images"
    assert source_kind(str(FIXTURES / "*.jpg")) == "images"
    assert source_kind(str(tmp_path / "clip.mp4")) == "file"
    assert source_kind((FIXTURES / "bus.jpg").as_uri()) == "images"
    with pytest.raises(ConnectError, match="unsupported source scheme 'ftp:'"):
        source_kind("ftp://10.0.0.5/x.jpg")
    with pytest.raises(ConnectError, match="unsupported source scheme 'onvif:'"):
        source_kind("onvif:10.0.0.5")
    # A file literally named like a scheme is a file.
    odd = tmp_path / "cam:1.mp4"
    odd.write_bytes(b"")
    assert locate(str(odd)).kind == "file"


def test_push_and_url_kinds_need_no_disk() -> None:
    assert is_push("push:") and is_push("PUSH:")
    assert not is_push("homeassistant:camera.hall") and not is_push(None) and not is_push("")
    assert named_scheme("demo:x") == "demo" and named_scheme("rtsp://h/ch1") is None
    assert url_kind("rtsps://10.0.0.5/ch1") == "rtsp" and url_kind("http://cam/snap") == "http"
    assert url_kind("/media/rtsp://x") is None and url_kind("rtsp:/x") is None


def test_open_source_opens_each_kind_with_its_provider() -> None:
    from seatsense.demo.camera import DemoCamera

    assert isinstance(open_source("push:", "cam", 3.0), PushSource)
    assert isinstance(open_source("homeassistant:camera.hall", "cam", 3.0), PushSource)
    demo = open_source("demo:default", "cam", 3.0)
    assert isinstance(demo, DemoCamera)
    grabber = open_source("rtsp://admin:pw@10.0.0.5/ch1", "cam", 3.0)
    assert isinstance(grabber, Grabber) and grabber.loop
    # An unsupported location still opens a grabber: its health says why it has no frames.
    assert isinstance(open_source("ftp://10.0.0.5/x.jpg", "cam", 3.0), Grabber)
    with pytest.raises(ConnectError, match="handed in"):
        grab_one("push:")


def test_sources_never_import_the_demo_and_stay_light() -> None:
    """The demo registers itself with the sources, not the other way round; the light modules
    (what the Home Assistant integration imports) load without PyAV and OpenCV."""
    script = (
        "import sys\n"
        "for name in ('cv2', 'av'):\n"
        "    sys.modules[name] = None\n"
        "import seatsense.sources, seatsense.sources.jpeg\n"
        "assert seatsense.sources.source_kind('demo:default') == 'demo'\n"
        "del sys.modules['cv2'], sys.modules['av']\n"
        "import seatsense.sources.grabber\n"
        "assert not [m for m in sys.modules if m.startswith('seatsense.demo')]\n"
        "print('OK')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "OK"

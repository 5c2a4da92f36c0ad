"""HTTP snapshot URLs and MJPEG streams, against http.server on 127.0.0.1."""

from __future__ import annotations

import base64
import http.server
import threading
import time
from collections.abc import Iterator

import cv2
import numpy as np
import pytest

from seatsense.core.urls import with_credentials
from seatsense.sources import (
    AuthError,
    Grabber,
    NotAnImageError,
    NotFoundError,
    decode_image,
    grab_one,
)
from tests.lib.rtsp import HOST
from tests.lib.sources.helpers import SECRET, start, wait_for

# HA's pytest plugin blocks Python sockets; these tests only talk to 127.0.0.1.
pytestmark = pytest.mark.usefixtures("socket_enabled")


class _Handler(http.server.BaseHTTPRequestHandler):
    jpeg = b""
    truncated_grey = b""
    """A grey image's JPEG cut at half its length."""
    credentials = "Basic " + base64.b64encode(f"admin:{SECRET}".encode()).decode()

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        if self.path.startswith("/private") and self.headers.get("Authorization") != (
            self.credentials
        ):
            self.send_response(401)
            self.send_header("WWW-Authenticate", 'Basic realm="cam"')
            self.end_headers()
            return
        if self.path.endswith("snap.jpg"):
            self._send(200, "image/jpeg", self.jpeg)
        elif self.path == "/half.jpg":
            self._send(200, "image/jpeg", self.jpeg[: len(self.jpeg) // 2])
        elif self.path == "/mjpeg-damaged":
            self._stream_mjpeg(damaged=True)
        elif self.path == "/page":
            self._send(200, "text/html", b"<html>login</html>")
        elif self.path == "/mjpeg":
            self._stream_mjpeg(damaged=False)
        else:
            self._send(404, "text/plain", b"no")

    def _stream_mjpeg(self, damaged: bool) -> None:
        """50 frames; damaged: every other one cut at half its length (a lost tail)."""
        self.send_response(200)
        self.send_header("Content-Type", "multipart/x-mixed-replace; boundary=frame")
        self.end_headers()
        try:
            for index in range(50):
                jpeg = self.jpeg
                if damaged and index % 2:
                    jpeg = self.truncated_grey
                self.wfile.write(
                    b"--frame\r\nContent-Type: image/jpeg\r\nContent-Length: "
                    + str(len(jpeg)).encode()
                    + b"\r\n\r\n"
                    + jpeg
                    + b"\r\n"
                )
                self.wfile.flush()
                time.sleep(0.05)
        except OSError:
            pass

    def _send(self, code: int, content_type: str, body: bytes) -> None:
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def http_base() -> Iterator[str]:
    image = np.zeros((120, 160, 3), np.uint8)
    image[:, :80] = (0, 0, 255)
    _Handler.jpeg = cv2.imencode(".jpg", image)[1].tobytes()
    grey = cv2.imencode(".jpg", np.full((120, 160, 3), 128, np.uint8))[1].tobytes()
    _Handler.truncated_grey = grey[: len(grey) // 2]
    server = http.server.ThreadingHTTPServer((HOST, 0), _Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://{HOST}:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_http_snapshot_and_mjpeg(http_base: str, grabbers: list[Grabber]) -> None:
    frame = grab_one(f"{http_base}/snap.jpg", timeout_s=3)
    assert frame.shape == (120, 160, 3) and frame[60, 10, 2] > 200
    assert grab_one(f"{http_base}/mjpeg", timeout_s=3).shape == (120, 160, 3)
    assert grab_one(with_credentials(f"{http_base}/private/snap.jpg", "admin", SECRET)).shape == (
        120,
        160,
        3,
    )
    with pytest.raises(AuthError) as raised:
        grab_one(with_credentials(f"{http_base}/private/snap.jpg", "admin", "wrong-" + SECRET))
    assert SECRET not in str(raised.value) and "wrong-" not in str(raised.value)
    with pytest.raises(NotAnImageError):
        grab_one(f"{http_base}/page", timeout_s=3)
    assert decode_image(_Handler.jpeg).shape == (120, 160, 3)
    with pytest.raises(NotAnImageError):
        decode_image(b"<html>login</html>")
    with pytest.raises(NotAnImageError):
        decode_image(b"")  # an empty answer, not an OpenCV assertion
    with pytest.raises(NotFoundError, match="404") as missing:
        grab_one(f"{http_base}/nothing.jpg", timeout_s=3)
    assert missing.value.reason == "path_not_found"
    snapshot = start(grabbers, f"{http_base}/snap.jpg", "snap", interval_s=0.1)
    wait_for(lambda: (s := snapshot.latest()) is not None and s.sequence >= 3, timeout_s=3)
    mjpeg = start(grabbers, f"{http_base}/mjpeg", "mjpeg", interval_s=0.1)
    wait_for(lambda: (s := mjpeg.latest()) is not None and s.sequence >= 3, timeout_s=3)
    assert mjpeg.health().state == "streaming" and mjpeg.health().input_fps > 5


def test_truncated_jpegs_are_refused_or_dropped(http_base: str, grabbers: list[Grabber]) -> None:
    with pytest.raises(NotAnImageError, match=r"/half\.jpg: a truncated JPEG"):
        grab_one(f"{http_base}/half.jpg", timeout_s=3)
    damaged = start(grabbers, f"{http_base}/mjpeg-damaged", "damaged", interval_s=0.1)
    seen: list[np.ndarray] = []

    def some_dropped() -> bool:
        sample = damaged.latest()
        if sample is not None:
            seen.append(sample.frame)
        return damaged.health().frames_dropped >= 3 and len(seen) >= 3

    wait_for(some_dropped, timeout_s=4)
    # Only whole frames were handed out: the red half of the test image, never grey.
    assert all(frame[60, 10, 2] > 200 and frame[60, 150, 2] < 50 for frame in seen)
    health = damaged.health()
    assert health.state == "streaming"
    # Cut inside its tables, the grey image's last segment runs into the next image.
    assert f"{http_base}/mjpeg-damaged: dropped a broken JPEG (bytes out of place" in str(
        health.last_error
    )

"""Test helpers: synthetic H.264 clips (ffmpeg) and the loopback RTSP server.

The server is `tests.support.rtsp_server.RtspServer` (the benchmarks drive it too), which runs
`tests/support/gst_rtsp_server.py` as a script.

The server runs under Debian's system Python, where `python3-gi` and GStreamer's RTSP server
live (`scripts/setup-services` installs them); `rtsp_missing()` says why tests must skip.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import threading
from pathlib import Path

from tests.support.rtsp_server import HOST, SYSTEM_PYTHON, RtspServer

__all__ = ["HOST", "RtspServer", "SilentServer", "make_clip", "rtsp_missing"]


def rtsp_missing() -> str | None:
    """Why the RTSP server cannot run here, or None when it can."""
    if shutil.which("ffmpeg") is None:
        return "ffmpeg is not installed (scripts/setup-services installs it)"
    if not os.path.exists(SYSTEM_PYTHON):
        return f"{SYSTEM_PYTHON} is missing (Debian's python3 runs the RTSP test server)"
    check = subprocess.run(
        [
            SYSTEM_PYTHON,
            "-c",
            "import gi; gi.require_version('GstRtspServer', '1.0'); "
            "from gi.repository import GstRtspServer",
        ],
        capture_output=True,
        check=False,
    )
    if check.returncode != 0:
        return (
            "GStreamer's RTSP server for Debian's python3 is missing "
            "(python3-gi, gir1.2-gst-rtsp-server-1.0: scripts/setup-services installs them)"
        )
    return None


def make_clip(
    path: Path,
    width: int = 1280,
    height: int = 720,
    fps: int = 25,
    gop_s: float = 1.0,
    seconds: float = 4.0,
) -> Path:
    """A synthetic H.264 clip (ffmpeg `testsrc`, no B-frames, fixed GOP).

    `.h264` gives the Annex-B elementary stream the RTSP server loops; `.mp4`/`.mkv` a file.
    """
    gop = max(1, round(fps * gop_s))
    subprocess.run(
        [
            "ffmpeg",
            "-v",
            "error",
            "-y",
            "-f",
            "lavfi",
            "-i",
            f"testsrc=size={width}x{height}:rate={fps}",
            "-t",
            str(seconds),
            "-c:v",
            "libx264",
            "-preset",
            "ultrafast",
            "-bf",
            "0",
            "-g",
            str(gop),
            "-keyint_min",
            str(gop),
            "-sc_threshold",
            "0",
            "-pix_fmt",
            "yuv420p",
            "-x264-params",
            "sliced-threads=0",
            str(path),
        ],
        check=True,
        capture_output=True,
    )
    return path


class SilentServer:
    """A TCP listener that accepts connections and never says anything (a hung camera)."""

    def __init__(self) -> None:
        self._socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._socket.bind((HOST, 0))
        self._socket.listen(16)
        self._socket.settimeout(0.2)
        self.port: int = self._socket.getsockname()[1]
        self._accepted: list[socket.socket] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                connection, _ = self._socket.accept()
            except OSError:
                continue
            self._accepted.append(connection)

    def __enter__(self) -> SilentServer:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join(2)
        for connection in self._accepted:
            connection.close()
        self._socket.close()

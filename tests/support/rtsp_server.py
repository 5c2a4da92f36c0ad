"""The loopback RTSP server that the capture tests and the benchmarks drive.

`RtspServer` starts `gst_rtsp_server.py` beside this file under Debian's `/usr/bin/python3`
(GStreamer's RTSP server and `python3-gi` come from Debian packages, `scripts/setup-services`;
they are not pip-installable, which is why none of this ships in the `seatsense` package).
Only 127.0.0.1 is ever used.

    with RtspServer([Path("clip.h264")], channels=4) as server:
        grab_one(server.url(2))
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Sequence
from pathlib import Path

HOST = "127.0.0.1"
SYSTEM_PYTHON = "/usr/bin/python3"
SERVER_SCRIPT = Path(__file__).resolve().parent / "gst_rtsp_server.py"
FPS = 25


class RtspServer:
    """The loopback RTSP server: `/ch1`..`/chN` from looped clips (channel k plays clip
    (k-1) mod n), optional Basic/Digest auth. Start, kill, freeze, restart on its port."""

    def __init__(
        self,
        clips: Path | Sequence[Path],
        channels: int = 1,
        port: int = 0,
        user: str | None = None,
        password: str | None = None,
        auth: str = "basic",
        fps: int = FPS,
    ) -> None:
        self.clips = [clips] if isinstance(clips, Path) else list(clips)
        self.channels = channels
        self.port = port
        self.user = user
        self.password = password
        self.auth = auth
        self.fps = fps
        self.process: subprocess.Popen[str] | None = None
        self.stderr = ""

    def start(self, timeout_s: float = 10.0) -> RtspServer:
        """Start it and wait for its ready line (the port). A restart on a fixed port retries
        until the old socket is free or `timeout_s` has passed."""
        if not os.path.exists(SYSTEM_PYTHON):
            raise RuntimeError(f"{SYSTEM_PYTHON} (with python3-gi) runs the RTSP server")
        command = [SYSTEM_PYTHON, str(SERVER_SCRIPT), "--channels", str(self.channels),
                   "--port", str(self.port), "--host", HOST, "--fps", str(self.fps)]  # fmt: skip
        for clip in self.clips:
            command += ["--file", str(clip)]
        if self.user is not None:
            command += ["--user", self.user, "--password", self.password or "", "--auth", self.auth]
        deadline = time.monotonic() + timeout_s
        while True:
            process = subprocess.Popen(
                command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
            )
            assert process.stdout is not None
            line = process.stdout.readline().strip()
            if line.isdigit():
                break
            process.wait()
            self.stderr = process.stderr.read() if process.stderr else ""
            if self.port == 0 or time.monotonic() > deadline:
                raise RuntimeError(f"the RTSP server did not start: {self.stderr.strip()}")
            time.sleep(0.2)
        self.process = process
        self.port = int(line)
        return self

    def url(self, channel: int = 1, user: str | None = None, password: str | None = None) -> str:
        """The address of a channel, with a login when given."""
        userinfo = f"{user}:{password}@" if user is not None else ""
        return f"rtsp://{userinfo}{HOST}:{self.port}/ch{channel}"

    def cpu_s(self) -> float:
        """CPU seconds the server process has used so far."""
        return process_cpu_s(self.process.pid) if self.process is not None else 0.0

    def kill(self) -> None:
        """SIGKILL: sockets close, clients see the stream end."""
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process = None

    def freeze(self) -> None:
        """SIGSTOP: sockets stay open, nothing more arrives."""
        assert self.process is not None
        self.process.send_signal(signal.SIGSTOP)

    def thaw(self) -> None:
        """SIGCONT after `freeze`."""
        assert self.process is not None
        self.process.send_signal(signal.SIGCONT)

    def stop(self) -> None:
        """Stop it (a frozen server is thawed first so it can exit)."""
        if self.process is not None:
            self.thaw()
            self.process.terminate()
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            self.process = None

    def __enter__(self) -> RtspServer:
        return self.start() if self.process is None else self

    def __exit__(self, *_exc: object) -> None:
        self.stop()


def process_cpu_s(pid: int) -> float:
    """CPU seconds (user + system) a process has used, from /proc; 0 once it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


__all__ = ["FPS", "HOST", "SYSTEM_PYTHON", "RtspServer", "process_cpu_s"]

"""Test helpers: a real Mosquitto broker on 127.0.0.1 and a paho client that records messages.

Mosquitto is Debian's `mosquitto` package (`scripts/setup-services` installs it);
`mosquitto_missing()` says why tests must skip.
"""

from __future__ import annotations

import getpass
import json
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import paho.mqtt.client as mqtt
from paho.mqtt.enums import CallbackAPIVersion

HOST = "127.0.0.1"
MOSQUITTO = shutil.which("mosquitto") or "/usr/sbin/mosquitto"
MOSQUITTO_PASSWD = shutil.which("mosquitto_passwd") or "/usr/bin/mosquitto_passwd"

__all__ = ["HOST", "Message", "Mosquitto", "Recorder", "mosquitto_missing", "wait_for"]


def mosquitto_missing() -> str | None:
    """Why a Mosquitto broker cannot run here, or None when it can."""
    for program in (MOSQUITTO, MOSQUITTO_PASSWD):
        if not Path(program).is_file():
            return f"{program} is missing (Debian package mosquitto: scripts/setup-services)"
    return None


def wait_for(condition: Callable[[], Any], timeout_s: float = 10.0, what: str = "it") -> Any:
    """Poll `condition` until it is truthy; returns its value or fails naming `what`."""
    deadline = time.monotonic() + timeout_s
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout_s} s waiting for {what}")
        time.sleep(0.02)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


class Mosquitto:
    """A Mosquitto broker on a free loopback port, without persistence.

    `users` (name -> password) turns anonymous access off; `tls` makes it a TLS listener
    with a certificate for 127.0.0.1 signed by a new CA in `ca_file`. `stop()` and `start()`
    again restart it on the same port, with no retained messages left.
    """

    def __init__(
        self, directory: Path, users: dict[str, str] | None = None, tls: bool = False
    ) -> None:
        self.port = _free_port()
        self.directory = directory
        self.tls = tls
        self.ca_file = directory / "ca.crt"
        self.config = directory / "mosquitto.conf"
        lines = [
            f"listener {self.port} {HOST}",
            f"allow_anonymous {'false' if users else 'true'}",
            "persistence false",
            # Run as root, Mosquitto would switch to a user that cannot read the test files.
            f"user {getpass.getuser()}",
        ]
        if users:
            password_file = directory / "passwords"
            for number, (name, password) in enumerate(users.items()):
                create = ["-c"] if number == 0 else []
                subprocess.run(
                    [MOSQUITTO_PASSWD, "-b", *create, str(password_file), name, password],
                    check=True,
                    capture_output=True,
                )
            lines.append(f"password_file {password_file}")
        if tls:
            self._make_certificates()
            lines += [f"certfile {directory / 'server.crt'}", f"keyfile {directory / 'server.key'}"]
        self.config.write_text("\n".join(lines) + "\n")
        self.log = directory / "mosquitto.log"
        self._process: subprocess.Popen[bytes] | None = None

    def _make_certificates(self) -> None:
        directory = self.directory
        (directory / "san.ext").write_text(f"subjectAltName=IP:{HOST}\n")
        for command in (
            f"req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 "
            f"-subj /CN=seatsense-test-ca -keyout ca.key -out {self.ca_file.name}",
            f"req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj /CN={HOST} "
            "-keyout server.key -out server.csr",
            f"x509 -req -in server.csr -CA {self.ca_file.name} -CAkey ca.key -CAcreateserial "
            "-days 1 -extfile san.ext -out server.crt",
        ):
            subprocess.run(
                ["openssl", *command.split()], cwd=directory, check=True, capture_output=True
            )

    def url(self, user: str | None = None, password: str | None = None) -> str:
        """`mqtt://[user:password@]127.0.0.1:PORT` (`mqtts://` with TLS)."""
        login = "" if user is None else f"{user}:{password}@"
        return f"{'mqtts' if self.tls else 'mqtt'}://{login}{HOST}:{self.port}"

    def start(self) -> None:
        """Start the broker and wait until it accepts connections."""
        with self.log.open("ab") as log:
            self._process = subprocess.Popen(
                [MOSQUITTO, "-c", str(self.config)], stdout=log, stderr=subprocess.STDOUT
            )
        process = self._process

        def listening() -> bool:
            if process.poll() is not None:
                raise AssertionError(f"mosquitto exited: {self.log.read_text()[-2000:]}")
            with socket.socket() as probe:
                return probe.connect_ex((HOST, self.port)) == 0

        wait_for(listening, 10, "mosquitto to listen")

    def stop(self) -> None:
        """Stop the broker."""
        if self._process is not None:
            self._process.terminate()
            self._process.wait(10)
            self._process = None

    def __enter__(self) -> Mosquitto:
        self.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()


@dataclass(frozen=True)
class Message:
    """One received message."""

    topic: str
    payload: str
    retain: bool

    def json(self) -> Any:
        """The payload as JSON."""
        return json.loads(self.payload)


class Recorder:
    """A paho client subscribed to `topics` that keeps every message it receives."""

    def __init__(
        self, broker: Mosquitto, *topics: str, user: str | None = None, password: str | None = None
    ) -> None:
        self.messages: list[Message] = []
        self._lock = threading.Lock()
        self._subscribed = threading.Event()
        self._client = mqtt.Client(CallbackAPIVersion.VERSION2)
        if user is not None:
            self._client.username_pw_set(user, password)
        self._topics = topics
        self._client.on_connect = self._on_connect
        self._client.on_subscribe = lambda *_args: self._subscribed.set()
        self._client.on_message = self._on_message
        self._broker = broker

    def _on_connect(self, client: mqtt.Client, *_args: Any) -> None:
        client.subscribe([(topic, 1) for topic in self._topics])

    def _on_message(self, client: mqtt.Client, userdata: Any, message: mqtt.MQTTMessage) -> None:
        with self._lock:
            self.messages.append(
                Message(message.topic, message.payload.decode(), bool(message.retain))
            )

    def latest(self, topic: str) -> Message | None:
        """The last message on `topic`, or None."""
        with self._lock:
            found = [m for m in self.messages if m.topic == topic]
        return found[-1] if found else None

    def on(self, topic: str) -> list[Message]:
        """Every message on `topic`, oldest first."""
        with self._lock:
            return [m for m in self.messages if m.topic == topic]

    def wait_latest(
        self, topic: str, check: Callable[[Message], bool] = lambda m: True, timeout_s: float = 10
    ) -> Message:
        """Wait until the last message on `topic` passes `check`; returns it."""

        def ready() -> Message | None:
            latest = self.latest(topic)
            return latest if latest is not None and check(latest) else None

        message: Message = wait_for(ready, timeout_s, f"a matching message on {topic}")
        return message

    def __enter__(self) -> Recorder:
        self._client.connect(HOST, self._broker.port)
        self._client.loop_start()
        wait_for(self._subscribed.is_set, 10, "the subscription")
        return self

    def __exit__(self, *_exc: object) -> None:
        self._client.disconnect()
        self._client.loop_stop()

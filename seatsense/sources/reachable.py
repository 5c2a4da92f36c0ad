"""Waiting between reconnects, cut short when a camera that was unreachable answers again.

A grabber's reconnect delay doubles up to a minute, so after a long outage it could take up
to a minute to notice that the camera is back. While it waits, `wait_for_retry` knocks on the
camera's port (a TCP connect, no RTSP or HTTP) every couple of seconds and ends the wait as
soon as the port, once seen closed, accepts again, so recovery takes about that long whatever
the outage lasted. A camera whose port answers throughout but whose stream fails (a wrong path
or password) waits out its delay: the knocks open no stream and send no password, so a
misconfigured camera is not asked for its stream every two seconds. The port must be seen
closed first, not merely at the start of the wait: a camera that dies can reset its stream a
moment before its port stops accepting.

>>> import threading
>>> wait_for_retry(threading.Event(), 0.01, "/videos/desk.mp4")  # a file: just waits
False
"""

from __future__ import annotations

import socket
import threading
import time
import urllib.parse

PROBE_EVERY_S = 2.0
"""How often an unreachable camera's port is tried during a reconnect delay."""
_DEFAULT_PORTS = {"rtsp": 554, "rtsps": 322, "http": 80, "https": 443}


def network_address(location: str) -> tuple[str, int] | None:
    """The host and port that a network source connects to; None for files and folders.

    >>> network_address("rtsp://admin:pw@192.0.2.10/Streaming/Channels/101")
    ('192.0.2.10', 554)
    >>> network_address("http://[2001:db8::5]:8080/snap.jpg")
    ('2001:db8::5', 8080)
    """
    parts = urllib.parse.urlsplit(location)
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname:
        return None
    try:
        port = parts.port or _DEFAULT_PORTS[scheme]
    except ValueError:  # a malformed port: the connection attempt itself will say so
        return None
    return parts.hostname, port


def answers(address: tuple[str, int], timeout_s: float = 1.0) -> bool:
    """Whether something accepts a TCP connection at `address` within `timeout_s`."""
    try:
        with socket.create_connection(address, timeout=timeout_s):
            return True
    except OSError:
        return False


def wait_for_retry(
    stop: threading.Event,
    delay_s: float,
    location: str,
    probe_every_s: float = PROBE_EVERY_S,
) -> bool:
    """Wait up to `delay_s` before the next connection attempt to `location`, less when its
    port is seen refusing and then accepting. Returns True when `stop` was set meanwhile."""
    address = network_address(location)
    if address is None or delay_s <= probe_every_s:
        return stop.wait(delay_s)
    deadline = time.monotonic() + delay_s
    seen_closed = False
    while (left := deadline - time.monotonic()) > 0:
        if stop.wait(min(probe_every_s, left)):
            return True
        if not answers(address, timeout_s=min(1.0, probe_every_s)):
            seen_closed = True
        elif seen_closed:
            return False
    return stop.is_set()


__all__ = ["PROBE_EVERY_S", "answers", "network_address", "wait_for_retry"]

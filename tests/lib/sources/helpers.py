"""Helpers shared by the source tests: waiting for a condition, starting grabbers fast."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from seatsense.sources import Grabber

SECRET = "S3cr3t-p@ss/w:rd"
"""A password with every character that needs escaping in a URL."""

FAST = {"open_timeout_s": 2.0, "read_timeout_s": 1.0, "backoff_base_s": 0.1, "backoff_cap_s": 0.5}


def wait_for(condition: Callable[[], object], timeout_s: float, step_s: float = 0.02) -> float:
    """Seconds until `condition()` is truthy; fails the test after `timeout_s`."""
    started = time.monotonic()
    while not condition():
        if time.monotonic() - started > timeout_s:
            pytest.fail(f"condition not met within {timeout_s} s")
        time.sleep(step_s)
    return time.monotonic() - started


def start(
    grabbers: list[Grabber], source: str, camera_id: str = "cam", **kwargs: object
) -> Grabber:
    """A started grabber with short timeouts; the `grabbers` fixture stops it."""
    options: dict[str, object] = {**FAST, **kwargs}
    grabber = Grabber(source, camera_id, **options)  # type: ignore[arg-type]
    grabbers.append(grabber)
    grabber.start()
    return grabber

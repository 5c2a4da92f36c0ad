"""Fixtures of the source tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from seatsense.sources import Grabber


@pytest.fixture
def grabbers() -> Iterator[list[Grabber]]:
    """Grabbers a test starts; all stopped at the end, even when the test fails."""
    started: list[Grabber] = []
    yield started
    for grabber in started:
        grabber.stop()

"""The demo as a camera: `DemoSource` hands out rendered frames on the scenario's sample grid,
iterated (tests, `seatsense demo`) or live (`latest()`, the `demo:` source of a monitor)."""

from __future__ import annotations

import math
import time
from collections.abc import Iterator
from dataclasses import dataclass

from ..core.frame import Frame
from .render import scene
from .scenario import Timeline, default_timeline


@dataclass(frozen=True)
class DemoFrame:
    """One frame of the demo, its time in scenario seconds and its sample number.

    The same fields as `seatsense.sources.FrameSample`.
    """

    frame: Frame
    time_s: float
    sequence: int = 0


class DemoSource:
    """The demo as a camera: frames every `interval_s` of scenario time.

    `speed` compresses time: scenario seconds per real second (60: a 30-minute scenario in
    30 s). Iterating yields every sample in order, paced to `speed` (None: no waiting, for
    tests and replays). `latest()` is the live-camera view: the newest frame at the scenario
    time reached since `start()`; with `loop` it starts over after `end_s` (iteration never
    loops: its timestamps must keep increasing).

    >>> source = DemoSource(interval_s=300.0)
    >>> [sample.time_s for sample in source][:3]
    [0.0, 300.0, 600.0]
    """

    def __init__(
        self,
        timeline: Timeline | None = None,
        interval_s: float = 3.0,
        speed: float | None = None,
        start_s: float = 0.0,
        end_s: float | None = None,
        loop: bool = False,
    ) -> None:
        if interval_s <= 0:
            raise ValueError("interval_s must be positive")
        if speed is not None and speed <= 0:
            raise ValueError("speed must be positive (or None for no pacing)")
        self.timeline = timeline or default_timeline()
        self.interval_s = float(interval_s)
        self.speed = speed
        self.start_s = float(start_s)
        self.end_s = self.timeline.duration_s if end_s is None else float(end_s)
        self.loop = loop
        self.scene = scene(self.timeline)
        self._started: float | None = None

    @property
    def fps(self) -> float:
        """Samples per scenario second."""
        return 1.0 / self.interval_s

    def times(self) -> list[float]:
        """The scenario times of all samples, in order."""
        return self.timeline.sample_times(self.interval_s, self.start_s, self.end_s)

    def __len__(self) -> int:
        return len(self.times())

    def frame_at(self, t: float) -> DemoFrame:
        """The frame at scenario time `t`."""
        sequence = max(0, round((t - self.start_s) / self.interval_s))
        return DemoFrame(self.scene.render(t), float(t), sequence)

    @classmethod
    def from_uri(cls, uri: str, interval_s: float = 3.0) -> DemoSource:
        """A source from a `demo:` address: `demo`, `demo:default` or `demo:PATH` (a timeline
        file), with optional `?speed=60&loop=1&start=0&end=900`.

        >>> source = DemoSource.from_uri("demo:default?speed=60&loop=1", interval_s=2.0)
        >>> source.speed, source.loop, source.interval_s
        (60.0, True, 2.0)
        """
        import urllib.parse

        from ..sources.registry import DEMO_SCHEME, named_scheme

        if named_scheme(uri) != DEMO_SCHEME:
            raise ValueError(f"not a demo address: {uri!r}")
        rest = uri.partition(":")[2]
        where, _, query = rest.partition("?")
        options = dict(urllib.parse.parse_qsl(query))
        known = {"speed", "loop", "start", "end"}
        if set(options) - known:
            raise ValueError(f"{uri}: unknown options {sorted(set(options) - known)}")
        timeline = None if where in ("", "default") else Timeline.load(where)
        return cls(
            timeline,
            interval_s=interval_s,
            speed=float(options["speed"]) if "speed" in options else None,
            start_s=float(options.get("start", 0.0)),
            end_s=float(options["end"]) if "end" in options else None,
            loop=options.get("loop", "0").lower() in ("1", "true", "yes"),
        )

    def __iter__(self) -> Iterator[DemoFrame]:
        began = time.monotonic()
        for t in self.times():
            if self.speed is not None:
                delay = began + (t - self.start_s) / self.speed - time.monotonic()
                if delay > 0:
                    time.sleep(delay)
            yield self.frame_at(t)

    def start(self) -> None:
        """Start the scenario clock for `latest()`."""
        self._started = time.monotonic()

    def scenario_time(self) -> float:
        """Scenario time reached since `start()`, on the sample grid.

        It stops at `end_s`, or with `loop` keeps counting: the story replays, but timestamps
        only increase, as a monitor's seat engines need.
        """
        if self._started is None:
            self.start()
        assert self._started is not None
        elapsed = (time.monotonic() - self._started) * (self.speed or 1.0)
        if not self.loop:
            elapsed = min(elapsed, self.end_s - self.start_s)
        return self.start_s + math.floor(elapsed / self.interval_s + 1e-9) * self.interval_s

    def story_time(self, t: float) -> float:
        """Where in the timeline a (looping) scenario time falls."""
        if not self.loop:
            return t
        period = self.end_s - self.start_s + self.interval_s  # keeps the sample grid aligned
        return self.start_s + (t - self.start_s) % period

    def latest(self) -> DemoFrame:
        """The newest frame, as a live camera would hand it out (its time never goes back)."""
        t = self.scenario_time()
        sample = self.frame_at(self.story_time(t))
        sequence = round((t - self.start_s) / self.interval_s)
        return DemoFrame(sample.frame, t, sequence)


__all__ = ["DemoFrame", "DemoSource"]

"""The monitor measures its own cycles: timings and counts reach the stats listeners."""

from __future__ import annotations

import cv2
import pytest

from seatsense.core.layout import parse_site
from seatsense.core.status import CycleStats
from seatsense.live.monitor import Monitor
from seatsense.sources import PushSource
from seatsense.vision.detect import Detector, load_detector
from seatsense.vision.gate import GateSettings
from tests.conftest import FIXTURES

ZIDANE = cv2.imread(str(FIXTURES / "zidane.jpg"))  # 1280x720, two men standing
SITE = parse_site(
    {
        "name": "test",
        "interval_s": 1,
        "settings": {"enter_samples": 2, "exit_grace_s": 10, "abandoned_after_s": 60},
        "cameras": [
            {
                "id": "cam",
                "width": 1280,
                "height": 720,
                "seats": [
                    {"id": "right", "polygon": [[700, 0], [1280, 0], [1280, 720], [700, 720]]},
                    {"id": "left", "polygon": [[0, 0], [500, 0], [500, 720], [0, 720]]},
                ],
            }
        ],
    }
)


@pytest.fixture(scope="module")
def detector() -> Detector:
    return load_detector()


def test_every_cycle_reports_its_timings_and_counts(detector: Detector) -> None:
    source = PushSource()
    monitor = Monitor(
        SITE,
        detector,
        sources={"cam": source},
        gate_settings=GateSettings(recheck_s=2.0),
        offline_after_s=5,
        clock=lambda: 0.0,
    )
    stats: list[CycleStats] = []
    remove = monitor.add_stats_listener(stats.append)

    source.push(ZIDANE, 0.0)
    first = monitor.step(now_s=0.0)
    cold = stats[-1]
    assert (cold.time_s, cold.cameras_online, cold.cameras_fresh, cold.cameras_inferred) == (
        0.0,
        1,
        1,
        1,
    )
    assert cold.crops_inferred >= 1 and cold.people == first.cameras["cam"].people >= 2
    assert 0 < cold.pipeline_s <= cold.events_out_s <= cold.step_s
    assert cold.thread_cpu_s > 0 and cold.cameras_rechecked == 0 and cold.events == 0

    monitor.step(now_s=0.5)  # no new frame: nothing to infer
    idle = stats[-1]
    assert (idle.cameras_online, idle.cameras_fresh, idle.cameras_inferred) == (1, 0, 0)
    assert idle.crops_inferred == 0 and idle.pipeline_s == 0.0

    source.push(ZIDANE, 1.0)  # the same picture: the gate reuses the verdicts, seats enter
    entered = monitor.step(now_s=1.0)
    reused = stats[-1]
    assert (reused.cameras_fresh, reused.cameras_inferred, reused.crops_inferred) == (1, 0, 0)
    assert reused.events == len(entered.events) == 2 and reused.pipeline_s > 0

    source.push(ZIDANE, 2.0)  # the periodic re-check is due: it runs after the events
    monitor.step(now_s=2.0)
    rechecked = stats[-1]
    assert rechecked.cameras_inferred == 0
    assert rechecked.cameras_rechecked == 1 and rechecked.crops_rechecked == cold.crops_inferred
    assert rechecked.events_out_s < rechecked.step_s

    monitor.step(now_s=10.0)  # the camera's newest frame is too old: offline
    offline = stats[-1]
    assert (offline.cameras_online, offline.events, offline.frame_ages_s) == (0, 1, ())
    assert len(stats) == 5

    remove()
    monitor.step(now_s=11.0)
    assert len(stats) == 5


def test_frame_ages_come_from_the_cameras_clock(detector: Detector) -> None:
    source = PushSource()
    monitor = Monitor(SITE, detector, sources={"cam": source}, clock=lambda: 3.5)
    stats: list[CycleStats] = []
    monitor.add_stats_listener(stats.append)
    source.push(ZIDANE, 1.0)
    monitor.step()
    assert stats[-1].frame_ages_s == (2.5,)


def test_a_failing_stats_listener_does_not_stop_the_others(detector: Detector) -> None:
    source = PushSource()
    monitor = Monitor(SITE, detector, sources={"cam": source}, clock=lambda: 0.0)

    def broken(_stats: CycleStats) -> None:
        raise RuntimeError("broken listener")

    stats: list[CycleStats] = []
    monitor.add_stats_listener(broken)
    monitor.add_stats_listener(stats.append)
    source.push(ZIDANE, 0.0)
    monitor.step()
    assert len(stats) == 1

"""The light status types: JSON round trips and the monitor's re-export."""

from __future__ import annotations

import json

from seatsense.core.engine import Event, EventType, SeatState, SeatStatus
from seatsense.core.status import CameraStatus, MonitorUpdate


def _update() -> MonitorUpdate:
    seats = {
        "A1": SeatStatus(
            SeatState.OCCUPIED, since_s=600.0, occupied_since_s=600.0, person_streak=3
        ),
        "A2": SeatStatus(SeatState.UNKNOWN, resume_state=SeatState.AWAY, belongings_since_s=9.5),
    }
    return MonitorUpdate(
        time_s=1234.25,
        events=[
            Event(EventType.PERSON_ENTER, 600.0, "cam", "A1", 0.9, {"person_score": 0.9}),
            Event(EventType.CAMERA_OFFLINE, 700.0, "hall", None, 1.0, {"last_frame_time_s": None}),
        ],
        cameras={
            "cam": CameraStatus(True, 2, {"state": "streaming", "frames_used": 7}, seats, 1234.0),
            "hall": CameraStatus(False, 0, {"state": "offline", "last_error": "refused"}, {}),
        },
    )


def test_monitor_update_round_trips_through_json_exactly() -> None:
    update = _update()
    text = json.dumps(update.to_dict())
    assert MonitorUpdate.from_dict(json.loads(text)) == update
    assert MonitorUpdate.from_dict(json.loads(text)).to_dict() == update.to_dict()


def test_camera_status_round_trips_and_a_status_message_has_no_events() -> None:
    camera = _update().cameras["cam"]
    assert CameraStatus.from_dict(json.loads(json.dumps(camera.to_dict()))) == camera
    raw = _update().to_dict(events=False)
    assert "events" not in raw
    assert MonitorUpdate.from_dict(raw).events == []


def test_the_monitor_still_exports_the_status_types() -> None:
    from seatsense.live import monitor

    assert monitor.CameraStatus is CameraStatus and monitor.MonitorUpdate is MonitorUpdate

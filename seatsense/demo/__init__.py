"""A synthetic study room with exact ground truth: the embedded demo source and an end-to-end test.

One fixed camera (1280x720, elevated like CCTV) looks at two rows of four partitioned desks.
Real people (cut out of the Ultralytics sample photos) sit down, take breaks, leave their bags
behind and go; someone walks past. A `Timeline` says who and what is where, in scenario
seconds, so every frame has exact truth and every seat event a correct system must emit is
known in advance.

- `scenario`: the timeline, its truth, the expected events, comparing events, `demo_site`;
- `render`: the room's pixels for any scenario time (`room` holds the shared geometry);
- `source`: `DemoSource`, the demo as a camera.

>>> timeline = default_timeline()
>>> timeline.truth_at(200.0)["B2"]
'occupied'
>>> frame = render(200.0)
>>> frame.shape
(720, 1280, 3)
>>> [e.type.value for e in timeline.expected_events(3.0) if e.seat_id == "B3"][:3]
['person_enter', 'person_leave', 'abandoned_detected']
"""

from .render import ASSETS_DIR, DemoScene, person_names, render, scene
from .room import CAMERA_ID, HEIGHT, SEAT_IDS, WIDTH
from .scenario import (
    ITEM_KINDS,
    EventComparison,
    ExpectedEvent,
    Item,
    ItemKind,
    SeatTruth,
    Timeline,
    Visit,
    Walk,
    compare_events,
    default_timeline,
    demo_site,
)
from .source import DemoFrame, DemoSource

__all__ = [
    "ASSETS_DIR",
    "CAMERA_ID",
    "HEIGHT",
    "ITEM_KINDS",
    "SEAT_IDS",
    "WIDTH",
    "DemoFrame",
    "DemoScene",
    "DemoSource",
    "EventComparison",
    "ExpectedEvent",
    "Item",
    "ItemKind",
    "SeatTruth",
    "Timeline",
    "Visit",
    "Walk",
    "compare_events",
    "default_timeline",
    "demo_site",
    "person_names",
    "render",
    "scene",
]

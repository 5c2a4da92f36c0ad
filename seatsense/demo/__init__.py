"""A synthetic study room with exact ground truth: the embedded demo source and an end-to-end test.

One fixed camera (1280x720, elevated like CCTV) looks at two rows of four partitioned desks.
Real people (cut out of the Ultralytics sample photos) sit down, take breaks, leave their bags
behind and go; someone walks past. A `Timeline` says who and what is where, in scenario
seconds, so every frame has exact truth and every seat event a correct system must emit is
known in advance.

>>> timeline = default_timeline()
>>> timeline.truth_at(200.0)["B2"]
'occupied'
>>> frame = render(200.0)
>>> frame.shape
(720, 1280, 3)
>>> [e.type.value for e in timeline.expected_events(3.0) if e.seat_id == "B3"][:3]
['person_enter', 'person_leave', 'abandoned_detected']
"""

from __future__ import annotations

import functools
import itertools
import json
import math
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal, cast

import cv2
import numpy as np
import numpy.typing as npt

from ..core.engine import SEAT_EVENT_TYPES, EngineSettings, Event, EventType
from ..core.frame import Frame
from ..core.layout import Site, parse_site

SeatTruth = Literal["occupied", "belongings", "empty"]
ItemKind = Literal["laptop", "bag", "books"]

WIDTH, HEIGHT = 1280, 720
CAMERA_ID = "demo"
ASSETS_DIR = Path(__file__).parent / "assets"
ITEM_KINDS: tuple[ItemKind, ...] = ("laptop", "bag", "books")


# -- the room -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Row:
    """One row of partitioned desks, people facing the camera; pixel geometry of the drawing."""

    ids: tuple[str, ...]
    scale: float
    """Size relative to the front row (perspective)."""
    back_x: tuple[float, float]
    """Left and right end of the desk's far edge."""
    front_x: tuple[float, float]
    """Left and right end of the desk's near edge."""
    back_y: int
    """The desk top's far edge: where a seated person disappears behind the desk."""
    front_y: int
    """The desk top's near edge."""
    bottom_y: int
    """The bottom of the desk's front panel, which hides legs and chairs."""
    chair_top_y: int

    def seat_x(self, index: int, edge: Literal["back", "front"]) -> tuple[float, float]:
        x0, x1 = self.back_x if edge == "back" else self.front_x
        step = (x1 - x0) / len(self.ids)
        return x0 + index * step, x0 + (index + 1) * step

    def seat_centre(self, index: int) -> float:
        left, right = self.seat_x(index, "back")
        return (left + right) / 2

    def polygon(self, index: int) -> list[list[float]]:
        """The seat's zone: its chair, the person on it and its share of the desk top (not the
        desk's front panel, which never changes)."""
        (bl, br), (fl, fr) = self.seat_x(index, "back"), self.seat_x(index, "front")
        inset = 6 * self.scale
        top = self.chair_top_y - 10 * self.scale
        bottom = self.front_y + 8 * self.scale
        return [
            [round(bl + inset, 1), round(top, 1)],
            [round(br - inset, 1), round(top, 1)],
            [round(fr - inset, 1), round(bottom, 1)],
            [round(fl + inset, 1), round(bottom, 1)],
        ]


_BACK = _Row(("A1", "A2", "A3", "A4"), 0.68, (272, 1008), (262, 1018), 250, 281, 328, 172)
_FRONT = _Row(("B1", "B2", "B3", "B4"), 1.0, (110, 1170), (90, 1190), 535, 581, 662, 420)
_ROWS = (_BACK, _FRONT)
SEAT_IDS: tuple[str, ...] = _BACK.ids + _FRONT.ids
"""The demo's seats: A1-A4 in the back row, B1-B4 in the front row, left to right."""
_AISLE_FEET_Y = 392
"""Where the feet of someone walking between the rows are."""
_FLOOR_Y = 120
_SEATED_HEIGHT = 210.0
"""Front row: pixels from the top of a seated person's head down to the desk top."""
_WALKER_HEIGHT = 322.0


def _seat_place(seat_id: str) -> tuple[_Row, int]:
    for row in _ROWS:
        if seat_id in row.ids:
            return row, row.ids.index(seat_id)
    raise KeyError(seat_id)


def demo_site(interval_s: float = 3.0, source: str = "demo:default") -> Site:
    """The demo camera's layout: one camera `demo`, seats A1-A4 and B1-B4 matching the drawing.

    >>> [seat.id for seat in demo_site().camera("demo").seats]
    ['A1', 'A2', 'A3', 'A4', 'B1', 'B2', 'B3', 'B4']
    """
    seats = [
        {"id": seat_id, "polygon": row.polygon(index)}
        for row in _ROWS
        for index, seat_id in enumerate(row.ids)
    ]
    return parse_site(
        {
            "name": "seatsense demo",
            "interval_s": interval_s,
            "cameras": [
                {"id": CAMERA_ID, "name": "Demo study room", "source": source,
                 "width": WIDTH, "height": HEIGHT, "seats": seats}
            ],
        },
        origin="demo",
    )


# -- the timeline -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Visit:
    """`person` (a cut-out in demo_assets) sits at `seat` from `start_s` until `end_s`."""

    seat: str
    person: str
    start_s: float
    end_s: float
    mirror: bool = False


@dataclass(frozen=True)
class Item:
    """A belonging of `kind` lies at `seat` from `start_s` until `end_s`."""

    seat: str
    kind: ItemKind
    start_s: float
    end_s: float


@dataclass(frozen=True)
class Walk:
    """`person` walks along the aisle between the rows, across the whole view."""

    person: str
    start_s: float
    duration_s: float = 6.0
    left_to_right: bool = True


@dataclass(frozen=True)
class ExpectedEvent:
    """A seat event as the truth has it (or an actual event reduced to what is compared)."""

    type: EventType
    seat_id: str
    time_s: float
    camera_id: str = CAMERA_ID

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {"type": self.type.value, "seat_id": self.seat_id, "time_s": self.time_s,
                "camera_id": self.camera_id}


@dataclass(frozen=True)
class Timeline:
    """Who and what is where when, in scenario seconds; the exact truth of the demo.

    Intervals are half-open: a visit from 30 to 420 covers t=30 but not t=420.

    >>> timeline = Timeline(duration_s=60, visits=(Visit("B1", "coat", 10, 50),))
    >>> timeline.truth_at(10)["B1"], timeline.truth_at(50)["B1"]
    ('occupied', 'empty')
    >>> [(e.type.value, e.time_s) for e in timeline.expected_events(5.0)]
    [('person_enter', 10.0)]
    """

    duration_s: float
    visits: tuple[Visit, ...] = ()
    items: tuple[Item, ...] = ()
    walks: tuple[Walk, ...] = ()
    seed: int = 0
    """Seeds the sensor noise; the same seed and time give the same frame."""

    def __post_init__(self) -> None:
        if self.duration_s <= 0:
            raise ValueError("duration_s must be positive")
        spans: list[tuple[str, str, float, float]] = [
            ("visit", v.seat, v.start_s, v.end_s) for v in self.visits
        ] + [("item", i.seat, i.start_s, i.end_s) for i in self.items]
        for what, seat, start, end in spans:
            if seat not in SEAT_IDS:
                raise ValueError(f"{what} at unknown seat '{seat}' (seats: {', '.join(SEAT_IDS)})")
            if not 0 <= start < end:
                raise ValueError(f"{what} at {seat}: needs 0 <= start_s < end_s, got {start}-{end}")
        for item in self.items:
            if item.kind not in ITEM_KINDS:
                raise ValueError(f"item at {item.seat}: unknown kind '{item.kind}'")
        for seat in SEAT_IDS:
            visits = sorted((v for v in self.visits if v.seat == seat), key=lambda v: v.start_s)
            for a, b in itertools.pairwise(visits):
                if b.start_s < a.end_s:
                    raise ValueError(f"visits at {seat} overlap: {a.start_s}-{a.end_s} and "
                                     f"{b.start_s}-{b.end_s}")
        for walk in self.walks:
            if walk.duration_s <= 0 or walk.start_s < 0:
                raise ValueError("a walk needs start_s >= 0 and a positive duration_s")

    # -- file form ------------------------------------------------------------------------------

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> Timeline:
        """Build from the mapping `to_dict` writes (the JSON / YAML file form)."""
        try:
            return cls(
                duration_s=float(raw["duration_s"]),
                visits=tuple(
                    Visit(str(v["seat"]), str(v["person"]), float(v["start_s"]),
                          float(v["end_s"]), bool(v.get("mirror", False)))
                    for v in raw.get("visits") or ()
                ),
                items=tuple(
                    Item(str(i["seat"]), cast(ItemKind, str(i["kind"])), float(i["start_s"]),
                         float(i["end_s"]))
                    for i in raw.get("items") or ()
                ),
                walks=tuple(
                    Walk(str(w["person"]), float(w["start_s"]),
                         float(w.get("duration_s", 6.0)), bool(w.get("left_to_right", True)))
                    for w in raw.get("walks") or ()
                ),
                seed=int(raw.get("seed", 0)),
            )
        except (KeyError, TypeError) as err:
            raise ValueError(f"timeline: missing or malformed key {err}") from None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping that `from_dict` reads back into the same timeline."""
        raw: dict[str, Any] = json.loads(json.dumps(asdict(self)))  # tuples become lists
        return raw

    @classmethod
    def load(cls, path: str | Path) -> Timeline:
        """Read a timeline file: JSON (`.json`) or YAML (anything else)."""
        path = Path(path)
        text = path.read_text(encoding="utf-8")
        if path.suffix.lower() == ".json":
            raw = json.loads(text)
        else:
            import yaml

            raw = yaml.safe_load(text)
        if not isinstance(raw, dict):
            raise ValueError(f"{path}: expected a mapping with 'duration_s'")
        return cls.from_dict(raw)

    def save(self, path: str | Path) -> None:
        """Write the timeline as JSON (`.json`) or YAML."""
        path = Path(path)
        if path.suffix.lower() == ".json":
            path.write_text(json.dumps(self.to_dict(), indent=2) + "\n", encoding="utf-8")
        else:
            import yaml

            path.write_text(yaml.safe_dump(self.to_dict(), sort_keys=False), encoding="utf-8")

    # -- truth ----------------------------------------------------------------------------------

    def visit_at(self, seat: str, t: float) -> Visit | None:
        """The visit covering time `t` at `seat`, if any."""
        for visit in self.visits:
            if visit.seat == seat and visit.start_s <= t < visit.end_s:
                return visit
        return None

    def items_at(self, seat: str, t: float) -> list[Item]:
        """The belongings lying at `seat` at time `t`."""
        return [i for i in self.items if i.seat == seat and i.start_s <= t < i.end_s]

    def walks_at(self, t: float) -> list[Walk]:
        """The walks under way at time `t`."""
        return [w for w in self.walks if w.start_s <= t < w.start_s + w.duration_s]

    def truth_at(self, t: float) -> dict[str, SeatTruth]:
        """Every seat's truth at time `t`: a person seated, belongings only, or nothing.

        People walking past never count.
        """
        truth: dict[str, SeatTruth] = {}
        for seat in SEAT_IDS:
            if self.visit_at(seat, t) is not None:
                truth[seat] = "occupied"
            elif self.items_at(seat, t):
                truth[seat] = "belongings"
            else:
                truth[seat] = "empty"
        return truth

    def sample_times(
        self, interval_s: float, start_s: float = 0.0, end_s: float | None = None
    ) -> list[float]:
        """The times a source sampling every `interval_s` from `start_s` takes frames at."""
        if interval_s <= 0:
            raise ValueError("interval_s must be positive")
        end = self.duration_s if end_s is None else end_s
        count = math.floor((end - start_s) / interval_s + 1e-9) + 1
        return [round(start_s + k * interval_s, 6) for k in range(max(0, count))]

    def expected_events(
        self,
        interval_s: float,
        settings: EngineSettings | None = None,
        start_s: float = 0.0,
        end_s: float | None = None,
        camera_id: str = CAMERA_ID,
    ) -> list[ExpectedEvent]:
        """The seat events a correct system sampling every `interval_s` must emit, by time.

        Derived from the truth at the sample times and the engine's rules (DESIGN.md): enter
        after `enter_samples` samples with the person, back-dated to the first; leave after
        `exit_grace_s` of absence, back-dated to the first absent sample; belongings alone for
        `enter_samples` samples make the seat `away`; `abandoned_detected` at the first sample
        `abandoned_after_s` after the belongings were left; `belongings_removed` back-dated
        to the first clear sample. A short break with belongings is `away`, never abandoned.
        """
        settings = settings or EngineSettings()
        times = self.sample_times(interval_s, start_s, end_s)
        events: list[ExpectedEvent] = []
        for seat in SEAT_IDS:
            truths = [self.truth_at(t)[seat] for t in times]
            events.extend(
                ExpectedEvent(kind, seat, at, camera_id)
                for kind, at in _seat_events(times, truths, settings)
            )
        events.sort(key=lambda e: (e.time_s, e.seat_id, e.type.value))
        return events


def _seat_events(
    times: Sequence[float], truths: Sequence[SeatTruth], settings: EngineSettings
) -> list[tuple[EventType, float]]:
    """One seat's events from its truth at the sample times (the rules, stated once more)."""
    need = settings.enter_samples
    out: list[tuple[EventType, float]] = []
    state = "empty"
    since: float | None = None
    absent_from: float | None = None
    left_items_at: float | None = None  # when belongings were first alone (hogging clock)
    person_run: list[float] = []
    items_run: list[float] = []
    clear_run: list[float] = []
    for t, truth in zip(times, truths, strict=True):
        since = t if since is None else since
        person = truth == "occupied"
        if person:
            person_run.append(t)
        else:
            person_run = []
            (items_run if truth == "belongings" else clear_run).append(t)
            (clear_run if truth == "belongings" else items_run).clear()
        if state == "occupied":
            if person:
                absent_from = None
                continue
            absent_from = t if absent_from is None else absent_from
            if t - absent_from < settings.exit_grace_s:
                continue
            out.append((EventType.PERSON_LEAVE, absent_from))
            state, since = ("away" if truth == "belongings" else "empty"), absent_from
            left_items_at = absent_from if state == "away" else None
            absent_from = None
        elif len(person_run) >= need:
            arrived = max(person_run[0], since)
            out.append((EventType.PERSON_ENTER, arrived))
            state, since, left_items_at = "occupied", arrived, None
            continue
        elif person:
            continue
        elif state == "empty":
            if len(items_run) >= need:
                state, since, left_items_at = "away", items_run[0], items_run[0]
        elif len(clear_run) >= need:  # away or abandoned, and the desk is clear again
            out.append((EventType.BELONGINGS_REMOVED, clear_run[0]))
            state, since, left_items_at = "empty", clear_run[0], None
            continue
        if state == "away" and left_items_at is not None and (
            t - left_items_at >= settings.abandoned_after_s
        ):
            out.append((EventType.ABANDONED_DETECTED, t))
            state, since = "abandoned", t
    return out


def default_timeline() -> Timeline:
    """The built-in 30-minute scenario.

    - B2: sits at 30 s with a laptop and a bag, a 2-minute break at 420-540 s (belongings
      stay: `away`, never `abandoned`), leaves for good at 1000 s taking everything.
    - B3: sits at 60 s with a laptop and a bag, leaves them at 300 s for 15 minutes
      (`abandoned` 600 s after leaving), is back at 1200 s, leaves for good at 1500 s.
    - A2: sits 150-1300 s with books; A4: sits 400-800 s with nothing; B1: 1100-1700 s with a
      laptop; B4: 1350-1650 s with a laptop; A1: 1450-1750 s with a bag.
    - A3: nobody sits there, but a bag and books lie there 650-1400 s (a seat "reserved" with
      belongings: `abandoned` too).
    - Someone walks past between the rows at 700 s and at 1390 s (must not count).
    """
    return Timeline(
        duration_s=1800.0,
        visits=(
            Visit("B2", "coat", 30, 420),
            Visit("B2", "coat", 540, 1000),
            Visit("B3", "ancelotti", 60, 300),
            Visit("B3", "ancelotti", 1200, 1500),
            Visit("A2", "shades", 150, 1300),
            Visit("A4", "zidane", 400, 800),
            Visit("B1", "zidane", 1100, 1700),
            Visit("B4", "shades", 1350, 1650, mirror=True),
            Visit("A1", "coat", 1450, 1750, mirror=True),
        ),
        items=(
            Item("B2", "laptop", 30, 1000),
            Item("B2", "bag", 30, 1000),
            Item("B3", "laptop", 60, 1500),
            Item("B3", "bag", 60, 1500),
            Item("A2", "books", 150, 1300),
            Item("A3", "bag", 650, 1400),
            Item("A3", "books", 650, 1400),
            Item("B1", "laptop", 1100, 1700),
            Item("B4", "laptop", 1350, 1650),
            Item("A1", "bag", 1450, 1750),
        ),
        walks=(Walk("walker", 700, 6.0, True), Walk("walker", 1390, 6.0, False)),
        seed=7,
    )


# -- comparing events ---------------------------------------------------------------------------


@dataclass
class EventComparison:
    """How actual seat events line up with the expected ones."""

    matched: list[tuple[ExpectedEvent, ExpectedEvent]] = field(default_factory=list)
    """(expected, actual) pairs."""
    missing: list[ExpectedEvent] = field(default_factory=list)
    spurious: list[ExpectedEvent] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when every expected event was matched and nothing else happened."""
        return not self.missing and not self.spurious

    @property
    def max_error_s(self) -> float:
        """The largest time difference of a matched pair."""
        return max((abs(a.time_s - e.time_s) for e, a in self.matched), default=0.0)

    def report(self) -> str:
        """A few lines for a failing test's message."""
        lines = [f"{len(self.matched)} matched (max error {self.max_error_s:.1f} s), "
                 f"{len(self.missing)} missing, {len(self.spurious)} spurious"]
        lines += [f"  missing  {e.seat_id} {e.type.value} at {e.time_s:g}" for e in self.missing]
        lines += [f"  spurious {e.seat_id} {e.type.value} at {e.time_s:g}" for e in self.spurious]
        return "\n".join(lines)


def compare_events(
    actual: Iterable[Event | ExpectedEvent | Mapping[str, Any]],
    expected: Iterable[Event | ExpectedEvent | Mapping[str, Any]],
    tolerance_s: float,
) -> EventComparison:
    """Match actual seat events to expected ones: same seat, same type, times within tolerance.

    Camera events (offline / online) are left out. Events are given as engine `Event`s,
    `ExpectedEvent`s or their dicts. Each expected event takes the earliest unmatched actual
    event of its seat and type within `tolerance_s`, which for one tolerance is a maximum
    matching.

    >>> want = [ExpectedEvent(EventType.PERSON_ENTER, "B1", 30.0)]
    >>> got = [{"type": "person_enter", "seat_id": "B1", "time_s": 33.0},
    ...        {"type": "person_leave", "seat_id": "B1", "time_s": 90.0}]
    >>> result = compare_events(got, want, tolerance_s=3.0)
    >>> len(result.matched), [e.type.value for e in result.spurious], result.ok
    (1, ['person_leave'], False)
    """
    if tolerance_s < 0:
        raise ValueError("tolerance_s must not be negative")
    groups: dict[tuple[str, EventType], tuple[list[ExpectedEvent], list[ExpectedEvent]]] = {}
    for side, events in ((0, expected), (1, actual)):
        for raw in events:
            event = _as_expected(raw)
            if event is None:
                continue
            groups.setdefault((event.seat_id, event.type), ([], []))[side].append(event)
    result = EventComparison()
    for key in sorted(groups, key=lambda k: (k[0], k[1].value)):
        wanted, got = (sorted(side, key=lambda e: e.time_s) for side in groups[key])
        j = 0
        for event in wanted:
            while j < len(got) and got[j].time_s < event.time_s - tolerance_s:
                result.spurious.append(got[j])
                j += 1
            if j < len(got) and got[j].time_s <= event.time_s + tolerance_s:
                result.matched.append((event, got[j]))
                j += 1
            else:
                result.missing.append(event)
        result.spurious.extend(got[j:])
    for part in (result.missing, result.spurious):
        part.sort(key=lambda e: (e.time_s, e.seat_id))
    result.matched.sort(key=lambda pair: (pair[0].time_s, pair[0].seat_id))
    return result


def _as_expected(raw: Event | ExpectedEvent | Mapping[str, Any]) -> ExpectedEvent | None:
    if isinstance(raw, ExpectedEvent):
        event = raw
    elif isinstance(raw, Event):
        if raw.seat_id is None:
            return None
        event = ExpectedEvent(raw.type, raw.seat_id, raw.time_s, raw.camera_id)
    else:
        if raw.get("seat_id") is None:
            return None
        event = ExpectedEvent(EventType(raw["type"]), str(raw["seat_id"]),
                              float(raw["time_s"]), str(raw.get("camera_id", CAMERA_ID)))
    return event if event.type in SEAT_EVENT_TYPES else None


# -- drawing ------------------------------------------------------------------------------------

FloatImage = npt.NDArray[np.float32]


@dataclass(frozen=True)
class _Sprite:
    """A premultiplied BGR patch with its alpha, placed at (x, y) at depth z (larger: nearer)."""

    z: float
    x: int
    y: int
    colour: FloatImage
    """BGR premultiplied by alpha, float32, h x w x 3."""
    keep: FloatImage
    """1 - alpha, h x w x 1: how much of what lies behind shows through."""

    @property
    def rect(self) -> tuple[int, int, int, int]:
        height, width = self.keep.shape[:2]
        return self.x, self.y, self.x + width, self.y + height

    def moved(self, x: int, y: int, z: float | None = None) -> _Sprite:
        return _Sprite(self.z if z is None else z, x, y, self.colour, self.keep)


def _sprite(bgra: npt.NDArray[np.uint8], x: int, y: int, z: float) -> _Sprite:
    alpha = bgra[:, :, 3:4].astype(np.float32) / 255
    colour = bgra[:, :, :3].astype(np.float32) * alpha
    return _Sprite(z, x, y, np.ascontiguousarray(colour), np.ascontiguousarray(1 - alpha))


def _blend(region: FloatImage, rx: int, ry: int, sprite: _Sprite) -> None:
    """Composite `sprite` over `region`, whose top-left pixel is (rx, ry) of the frame."""
    sx0, sy0, sx1, sy1 = sprite.rect
    height, width = region.shape[:2]
    x0, y0 = max(sx0, rx), max(sy0, ry)
    x1, y1 = min(sx1, rx + width), min(sy1, ry + height)
    if x0 >= x1 or y0 >= y1:
        return
    target = region[y0 - ry:y1 - ry, x0 - rx:x1 - rx]
    keep = sprite.keep[y0 - sy0:y1 - sy0, x0 - sx0:x1 - sx0]
    colour = sprite.colour[y0 - sy0:y1 - sy0, x0 - sx0:x1 - sx0]
    target *= keep
    target += colour


def _canvas(width: int, height: int) -> npt.NDArray[np.uint8]:
    return np.zeros((height, width, 4), np.uint8)


def _texture(rng: np.random.Generator, shape: tuple[int, int], amount: float,
             blur: float = 1.0) -> FloatImage:
    noise = rng.normal(0, 1, shape).astype(np.float32)
    if blur > 0:
        noise = np.asarray(cv2.GaussianBlur(noise, (0, 0), blur), np.float32)
        noise /= max(float(noise.std()), 1e-6)
    return (noise * amount)[:, :, None]


def _shade(bgra: npt.NDArray[np.uint8], rng: np.random.Generator, amount: float,
           blur: float = 1.0, smooth: int = 2) -> npt.NDArray[np.uint8]:
    """Grain on the colour and a slightly soft alpha edge (drawn shapes are too crisp)."""
    out = bgra.astype(np.float32)
    out[:, :, :3] += _texture(rng, (bgra.shape[0], bgra.shape[1]), amount, blur)
    if smooth:
        out[:, :, 3] = cv2.GaussianBlur(out[:, :, 3], (0, 0), smooth / 2)
    return np.clip(out, 0, 255).astype(np.uint8)


def _poly(canvas: npt.NDArray[np.uint8], points: Sequence[tuple[float, float]],
          colour: tuple[int, int, int]) -> None:
    cv2.fillPoly(canvas, [np.round(np.asarray(points)).astype(np.int32)], (*colour, 255),
                 cv2.LINE_AA)


def _background(rng: np.random.Generator) -> FloatImage:
    """Wall, window light, whiteboard and a wooden floor seen from above."""
    image = np.zeros((HEIGHT, WIDTH, 3), np.float32)
    wall = np.linspace(0, 1, _FLOOR_Y, dtype=np.float32)[:, None, None]
    image[:_FLOOR_Y] = (196, 206, 214) - wall * (20, 20, 18)
    cv2.rectangle(image, (430, 18), (850, 98), (236, 238, 238), -1)
    cv2.rectangle(image, (430, 18), (850, 98), (150, 150, 150), 2)
    cv2.rectangle(image, (80, 10), (230, 104), (226, 214, 186), -1)  # a frosted window
    cv2.rectangle(image, (80, 10), (230, 104), (120, 120, 120), 3)
    cv2.line(image, (155, 10), (155, 104), (120, 120, 120), 2)
    cv2.rectangle(image, (1060, 30), (1160, 90), (90, 120, 150), -1)  # a notice board
    for k in range(4):
        cv2.rectangle(image, (1068 + 23 * k, 38 + 9 * (k % 2)), (1085 + 23 * k, 62 + 9 * (k % 2)),
                      (220, 230, 235), -1)
    vanish_x, vanish_y = WIDTH / 2, -600.0
    floor = np.zeros((HEIGHT - _FLOOR_Y, WIDTH, 3), np.float32)
    floor[:] = (92, 128, 162)
    plank = 90
    for k in range(-12, 28):
        x_bottom = k * plank
        # Boards run away from the camera, towards one vanishing point.
        t = (_FLOOR_Y - vanish_y) / (HEIGHT - vanish_y)
        x_top = vanish_x + (x_bottom - vanish_x) * t
        cv2.line(floor, (int(x_top), 0), (int(x_bottom), HEIGHT - _FLOOR_Y), (70, 100, 130), 2,
                 cv2.LINE_AA)
    grain = cv2.GaussianBlur(rng.normal(0, 1, (HEIGHT - _FLOOR_Y, WIDTH // 8)).astype(np.float32),
                             (0, 0), 1.2)
    floor += np.asarray(cv2.resize(grain, (WIDTH, HEIGHT - _FLOOR_Y)), np.float32)[:, :, None] * 7
    image[_FLOOR_Y:] = floor
    cv2.rectangle(image, (0, _FLOOR_Y - 6), (WIDTH, _FLOOR_Y), (150, 160, 170), -1)  # skirting
    image += _texture(rng, (HEIGHT, WIDTH), 3.0, 0.8)
    return image


def _chairs(row: _Row, rng: np.random.Generator) -> _Sprite:
    s = row.scale
    x0, x1 = int(row.back_x[0]), int(row.back_x[1])
    top = row.chair_top_y
    canvas = _canvas(x1 - x0, row.back_y + 20 - top)
    for index in range(len(row.ids)):
        cx = row.seat_centre(index) - x0
        half = 62 * s
        body = [(cx - half, 8 * s), (cx + half, 8 * s), (cx + half * 1.05, canvas.shape[0]),
                (cx - half * 1.05, canvas.shape[0])]
        _poly(canvas, body, (58, 52, 50))
        cv2.rectangle(canvas, (int(cx - half * 0.8), 0), (int(cx + half * 0.8), int(14 * s)),
                      (*(46, 42, 40), 255), -1, cv2.LINE_AA)
        cv2.line(canvas, (int(cx - half + 6), int(20 * s)), (int(cx + half - 6), int(20 * s)),
                 (*(80, 74, 70), 255), max(1, int(3 * s)), cv2.LINE_AA)
    return _sprite(_shade(canvas, rng, 5.0, 0.7), x0, top, z=10 + 100 * s)


def _desk(row: _Row, rng: np.random.Generator) -> _Sprite:
    s = row.scale
    partition_h = int(70 * s)
    x0, x1 = int(row.front_x[0]) - 2, int(row.front_x[1]) + 2
    y0 = row.back_y - partition_h
    canvas = _canvas(x1 - x0, row.bottom_y - y0 + 1)

    def at(x: float, y: float) -> tuple[float, float]:
        return x - x0, y - y0

    (bl, br), (fl, fr) = row.back_x, row.front_x
    _poly(canvas, [at(bl, row.back_y), at(br, row.back_y), at(fr, row.front_y),
                   at(fl, row.front_y)], (150, 186, 214))
    _poly(canvas, [at(fl, row.front_y), at(fr, row.front_y), at(fr, row.bottom_y),
                   at(fl, row.bottom_y)], (92, 112, 128))
    cv2.line(canvas, tuple(int(v) for v in at(fl, row.front_y)),
             tuple(int(v) for v in at(fr, row.front_y)), (200, 220, 236, 255),
             max(1, int(3 * s)), cv2.LINE_AA)
    shaded = _shade(canvas, rng, 4.0, 1.5, smooth=0)
    # Wood grain along the desk top.
    grain = cv2.resize(rng.normal(0, 1, (canvas.shape[0] // 3 + 1, 24)).astype(np.float32),
                       (canvas.shape[1], canvas.shape[0]))
    top_mask = np.zeros(canvas.shape[:2], np.uint8)
    cv2.fillPoly(top_mask, [np.round(np.asarray([at(bl, row.back_y), at(br, row.back_y),
                                                 at(fr, row.front_y), at(fl, row.front_y)]))
                            .astype(np.int32)], 1)
    layer = shaded.astype(np.float32)
    layer[:, :, :3] += (grain * 6 * top_mask)[:, :, None]
    shaded = np.clip(layer, 0, 255).astype(np.uint8)
    # Partition boards between seats (and at both ends), seen slightly from above.
    for k in range(len(row.ids) + 1):
        xb = bl + (br - bl) * k / len(row.ids)
        xf = fl + (fr - fl) * k / len(row.ids)
        board = [at(xb, row.back_y - partition_h), at(xf, row.front_y - partition_h * 1.08),
                 at(xf, row.front_y), at(xb, row.back_y)]
        thickness = 5 * s
        board = [(x - thickness / 2, y) for x, y in board[:2]] + [
            (x + thickness / 2, y) for x, y in board[2:]]
        _poly(shaded, [board[0], (board[1][0] + thickness, board[1][1]), board[2],
                       (board[3][0] - thickness, board[3][1])], (196, 204, 208))
        cv2.line(shaded, tuple(int(v) for v in board[0]), tuple(int(v) for v in board[1]),
                 (230, 236, 238, 255), 1, cv2.LINE_AA)
    return _sprite(shaded, x0, y0, z=30 + 100 * s)


def _item(kind: ItemKind, row: _Row, index: int, rng: np.random.Generator) -> _Sprite:
    s = row.scale
    cx = row.seat_centre(index)
    desk_mid = (row.back_y + row.front_y) / 2
    if kind == "laptop":
        # A space-grey lid seen from behind (its owner faces the camera).
        w, h = int(110 * s), int(64 * s)
        canvas = _canvas(w, h)
        cv2.rectangle(canvas, (0, 0), (w - 1, h - int(6 * s)), (66, 64, 68, 255), -1,
                      cv2.LINE_AA)
        cv2.rectangle(canvas, (-2, h - int(8 * s)), (w + 2, h - 1), (36, 36, 40, 255), -1)
        cv2.circle(canvas, (w // 2, h // 2 - int(3 * s)), max(2, int(7 * s)),
                   (170, 172, 176, 255), -1, cv2.LINE_AA)
        image = _shade(canvas, rng, 3.0, 2.0)
        gradient = np.linspace(14, -10, h, dtype=np.float32)[:, None, None]
        image[:, :, :3] = np.clip(image[:, :, :3] + gradient, 0, 255).astype(np.uint8)
        x, y = int(cx - w / 2 - 10 * s), int(row.front_y - 4 * s - h)
    elif kind == "bag":
        w, h = int(84 * s), int(104 * s)
        canvas = _canvas(w, h)
        colour = (54, 48, 140)
        cv2.ellipse(canvas, (w // 2, int(16 * s)), (int(22 * s), int(14 * s)), 0, 180, 360,
                    (40, 36, 100, 255), max(2, int(5 * s)), cv2.LINE_AA)  # handle
        _poly(canvas, [(6 * s, 18 * s), (w - 6 * s, 18 * s), (w - 1, h - 1), (1, h - 1)], colour)
        cv2.rectangle(canvas, (int(14 * s), int(52 * s)), (int(w - 14 * s), int(h - 8 * s)),
                      (44, 40, 118, 255), -1, cv2.LINE_AA)  # front pocket
        cv2.line(canvas, (int(14 * s), int(52 * s)), (int(w - 14 * s), int(52 * s)),
                 (160, 170, 180, 255), max(1, int(2 * s)), cv2.LINE_AA)  # zip
        image = _shade(canvas, rng, 6.0, 0.8)
        x, y = int(cx + 52 * s), int(desk_mid + 10 * s - h)
    else:
        w, h = int(80 * s), int(40 * s)
        canvas = _canvas(w, h)
        for k, colour in enumerate(((40, 90, 170), (150, 110, 50), (60, 140, 80))):
            top = int(k * h / 3)
            cv2.rectangle(canvas, (int(k * 3 * s), top), (int(w - 1 - k * 4 * s),
                          int(top + h / 3 - 1)), (*colour, 255), -1, cv2.LINE_AA)
            cv2.line(canvas, (int(k * 3 * s) + 2, int(top + h / 6)),
                     (int(w - k * 4 * s) - 3, int(top + h / 6)), (225, 230, 232, 255), 1)
        image = _shade(canvas, rng, 4.0, 0.8)
        x, y = int(cx - 124 * s), int(desk_mid + 4 * s - h)
    return _sprite(image, x, y, z=35 + 100 * s + ITEM_KINDS.index(kind) * 0.1)


@functools.cache
def _people() -> dict[str, tuple[npt.NDArray[np.uint8], dict[str, Any]]]:
    meta = json.loads((ASSETS_DIR / "people.json").read_text(encoding="utf-8"))
    people: dict[str, tuple[npt.NDArray[np.uint8], dict[str, Any]]] = {}
    for name, info in meta.items():
        image = cv2.imread(str(ASSETS_DIR / info["file"]), cv2.IMREAD_UNCHANGED)
        if image is None or image.ndim != 3 or image.shape[2] != 4:
            raise FileNotFoundError(f"demo asset {info['file']} is missing or has no alpha")
        people[name] = (np.asarray(image, np.uint8), info)
    return people


def person_names() -> list[str]:
    """The people the demo can draw (cut-outs in `demo_assets`)."""
    return sorted(_people())


def _fit_person(
    name: str, height_px: float, mirror: bool, max_width_px: float = float("inf")
) -> tuple[_Sprite, float, float]:
    """The person scaled so head-to-desk-line (or head-to-feet) is `height_px`, but no wider
    than `max_width_px` (a person leaning sideways must stay within the desk).

    Returns the sprite at (0, 0) and the anchor: the neck's x and the desk line (or feet) y.
    """
    try:
        image, info = _people()[name]
    except KeyError:
        known = ", ".join(person_names())
        raise ValueError(f"unknown demo person '{name}' (known: {known})") from None
    scale = min(height_px / (info["desk_line_y"] - info["top_y"]), max_width_px / image.shape[1])
    size = (max(1, round(image.shape[1] * scale)), max(1, round(image.shape[0] * scale)))
    scaled = np.asarray(cv2.resize(image, size, interpolation=cv2.INTER_AREA), np.uint8)
    neck_x = info["neck_x"] * scale
    if mirror:
        scaled = np.ascontiguousarray(scaled[:, ::-1])
        neck_x = size[0] - neck_x
    return _sprite(scaled, 0, 0, 0.0), neck_x, info["desk_line_y"] * scale


class DemoScene:
    """The study room of one timeline, drawn for any scenario time.

    The static room is drawn once; each frame re-composites only the rectangles under people,
    belongings and walkers (every layer in depth order), then adds lighting drift and noise.
    A frame depends on the timeline and `t` alone.

    >>> scene = DemoScene(default_timeline())
    >>> bool((scene.render(200.0) == scene.render(200.0)).all())
    True
    """

    def __init__(self, timeline: Timeline) -> None:
        self.timeline = timeline
        rng = np.random.default_rng(12345)
        self._background = _background(rng)
        self._static = [_chairs(row, rng) for row in _ROWS] + [_desk(row, rng) for row in _ROWS]
        base = self._background.copy()
        for layer in sorted(self._static, key=lambda s: s.z):
            _blend(base, 0, 0, layer)
        self._base = np.clip(base, 0, 255).astype(np.uint8)
        self._items: dict[tuple[str, ItemKind], _Sprite] = {}
        for row in _ROWS:
            for index, seat in enumerate(row.ids):
                for kind in ITEM_KINDS:
                    self._items[seat, kind] = _item(kind, row, index, rng)
        self._fitted: dict[tuple[str, float, bool], tuple[_Sprite, float, float]] = {}
        # Light through the window on the left, which drifts over the scenario.
        xs = np.linspace(1.0, 0.0, WIDTH, dtype=np.float32)[None, :]
        ys = np.linspace(1.0, 0.3, HEIGHT, dtype=np.float32)[:, None]
        light = (xs ** 2 * ys)[:, :, None] * np.array([150, 190, 230], np.float32)
        self._light = light.astype(np.uint8)
        self._noise_amp = 4
        noise = rng.normal(self._noise_amp, 2.0, (HEIGHT + 32, WIDTH + 32, 3))
        self._noise = np.clip(noise, 0, 2 * self._noise_amp).astype(np.uint8)
        self._noise_offset = np.full((HEIGHT, WIDTH, 3), self._noise_amp, np.uint8)
        for visit in timeline.visits:  # fail at construction, not mid-run, on unknown people
            self._person_sprite(visit.person, _seat_place(visit.seat)[0].scale, visit.mirror)
        for walk in timeline.walks:
            self._walker_sprite(walk.person, not walk.left_to_right)

    def _person_sprite(self, name: str, scale: float, mirror: bool) -> tuple[_Sprite, float, float]:
        key = (name, scale, mirror)
        if key not in self._fitted:
            seat_w = (_FRONT.back_x[1] - _FRONT.back_x[0]) / len(_FRONT.ids)
            self._fitted[key] = _fit_person(name, _SEATED_HEIGHT * scale, mirror,
                                            0.85 * seat_w * scale)
        return self._fitted[key]

    def _walker_sprite(self, name: str, mirror: bool) -> tuple[_Sprite, float, float]:
        key = (name, -1.0, mirror)
        if key not in self._fitted:
            self._fitted[key] = _fit_person(name, _WALKER_HEIGHT, mirror)
        return self._fitted[key]

    def sprites_at(self, t: float) -> list[_Sprite]:
        """What moves: the people, belongings and walkers present at `t`, far to near."""
        sprites: list[_Sprite] = []
        timeline = self.timeline
        for row in _ROWS:
            for index, seat in enumerate(row.ids):
                visit = timeline.visit_at(seat, t)
                if visit is not None:
                    sprite, neck_x, desk_y = self._person_sprite(visit.person, row.scale,
                                                                 visit.mirror)
                    # People shift a little in their seats.
                    sway = 3 * row.scale * math.sin(t / 9.0 + 1.7 * index + row.scale)
                    x = round(row.seat_centre(index) - neck_x + sway)
                    y = round(row.back_y + 4 * row.scale - desk_y)
                    sprites.append(sprite.moved(x, y, 20 + 100 * row.scale))
                for item in timeline.items_at(seat, t):
                    sprites.append(self._items[seat, item.kind])
        for walk in timeline.walks_at(t):
            sprite, neck_x, feet_y = self._walker_sprite(walk.person, not walk.left_to_right)
            width = sprite.keep.shape[1]
            progress = (t - walk.start_s) / walk.duration_s
            if not walk.left_to_right:
                progress = 1 - progress
            x = round(-width + progress * (WIDTH + width))
            bob = 3 * abs(math.sin(progress * math.pi * 8))
            y = round(_AISLE_FEET_Y - feet_y - bob)
            sprites.append(sprite.moved(x, y, 20 + 100 * 0.84))
        return sorted(sprites, key=lambda s: s.z)

    def render(self, t: float) -> Frame:
        """The camera frame at scenario time `t` (BGR, 720 x 1280)."""
        frame = self._base.copy()
        dynamic = self.sprites_at(t)
        layers = sorted(self._static + dynamic, key=lambda s: s.z)
        for sprite in dynamic:
            x0, y0, x1, y1 = sprite.rect
            x0, y0, x1, y1 = max(0, x0), max(0, y0), min(WIDTH, x1), min(HEIGHT, y1)
            if x0 >= x1 or y0 >= y1:
                continue
            # Redraw every layer in this rectangle, far to near: exact occlusion.
            region = self._background[y0:y1, x0:x1].copy()
            for layer in layers:
                _blend(region, x0, y0, layer)
            frame[y0:y1, x0:x1] = np.clip(region, 0, 255).astype(np.uint8)
        gain = 1.0 + 0.05 * math.sin(2 * math.pi * t / 1200.0)
        sun = 0.1 * (0.5 + 0.5 * math.sin(2 * math.pi * t / 700.0 + 1.3))
        lit = cv2.addWeighted(frame, gain, self._light, sun, -8.0 * sun)
        rng = np.random.default_rng([self.timeline.seed, round(t * 1000) & 0xFFFFFFFF])
        dx, dy = (int(v) for v in rng.integers(0, 32, 2))
        noise = self._noise[dy:dy + HEIGHT, dx:dx + WIDTH]
        # Zero-mean noise as two saturating uint8 operations: far cheaper than float maths.
        noisy = cv2.subtract(cv2.add(lit, noise), self._noise_offset)
        return np.asarray(noisy, np.uint8)


@functools.lru_cache(maxsize=4)
def scene(timeline: Timeline | None = None) -> DemoScene:
    """The (cached) scene of a timeline; the default timeline when None."""
    return DemoScene(timeline or default_timeline())


def render(t: float, timeline: Timeline | None = None) -> Frame:
    """The demo camera's frame at scenario time `t` (default timeline unless given)."""
    return scene(timeline).render(t)


# -- the source ---------------------------------------------------------------------------------


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


# -- building the people cut-outs (run once: python -m seatsense.demo build-assets) -------------

_CUTOUTS: tuple[tuple[str, str, int, str, tuple[int, int] | None], ...] = (
    # name, photo, index of the person (detector order, sorted by x), kind, x range to keep
    ("coat", "bus.jpg", 0, "seated", None),
    ("shades", "bus.jpg", 1, "seated", None),
    ("walker", "bus.jpg", 1, "standing", None),
    ("zidane", "zidane.jpg", 0, "seated", (140, 720)),
    ("ancelotti", "zidane.jpg", 1, "seated", None),
)
_SKELETON = (
    (5, 6), (5, 11), (6, 12), (11, 12), (5, 7), (6, 8), (7, 9), (8, 10), (11, 13), (12, 14),
    (13, 15), (14, 16), (0, 5), (0, 6),
)


def build_assets(photos_dir: str | Path, out_dir: str | Path = ASSETS_DIR) -> dict[str, Any]:
    """Cut the people out of the Ultralytics sample photos into feathered RGBA PNGs.

    Boxes and keypoints come from the bundled detector; GrabCut separates each person from the
    background, seeded with the detector's skeleton as sure foreground. Writes one PNG per
    person and `people.json` with the anchor points the renderer needs; returns that mapping.
    """
    from ..vision.detect import load_detector

    photos, out = Path(photos_dir), Path(out_dir)
    cv2.setRNGSeed(0)  # GrabCut's colour models start from k-means: same input, same cut-out
    out.mkdir(parents=True, exist_ok=True)
    detector = load_detector()
    meta: dict[str, Any] = {}
    for name, photo, index, kind, x_range in _CUTOUTS:
        loaded = cv2.imread(str(photos / photo))
        if loaded is None:
            raise FileNotFoundError(photos / photo)
        image = np.asarray(loaded, np.uint8)
        found = detector.detect([image])[0].people
        confident = found.select(found.confidence >= 0.5)
        order = np.argsort(confident.xyxy[:, 0])
        box = confident.xyxy[order[index]]
        assert confident.keypoints is not None
        kpts = confident.keypoints[order[index]]
        alpha = _grabcut_person(image, box, kpts)
        if x_range is not None:
            alpha[:, : x_range[0]] = 0
            alpha[:, x_range[1]:] = 0
        top = float(box[1])
        shoulder_y = float((kpts[5, 1] + kpts[6, 1]) / 2)
        shoulder_w = float(abs(kpts[5, 0] - kpts[6, 0]))
        neck_x = float((kpts[5, 0] + kpts[6, 0]) / 2)
        if kind == "seated":
            # A desk top is about one head-and-neck length below the shoulders.
            desk_line = shoulder_y + (shoulder_y - top)
            bottom = min(image.shape[0], int(desk_line + 0.35 * (desk_line - top)))
        else:
            desk_line = float(box[3])
            bottom = min(image.shape[0], int(box[3]) + 4)
        ys, xs = np.nonzero(alpha[:bottom] > 8)
        x0, x1 = int(xs.min()), int(xs.max()) + 1
        y0 = max(0, int(ys.min()) - 2)
        crop = np.dstack([image[y0:bottom, x0:x1], alpha[y0:bottom, x0:x1]])
        # Store at most 420 px tall: twice the largest size the scene draws, and small files.
        scale = min(1.0, 420 / crop.shape[0])
        small = cv2.resize(crop, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
        cv2.imwrite(str(out / f"{name}.png"), small, [cv2.IMWRITE_PNG_COMPRESSION, 9])
        meta[name] = {
            "file": f"{name}.png",
            "kind": kind,
            "source": f"{photo} (Ultralytics sample image, AGPL-3.0)",
            "top_y": round((top - y0) * scale, 1),
            "desk_line_y": round((desk_line - y0) * scale, 1),
            "shoulder_y": round((shoulder_y - y0) * scale, 1),
            "shoulder_w": round(shoulder_w * scale, 1),
            "neck_x": round((neck_x - x0) * scale, 1),
        }
    (out / "people.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return meta


def _grabcut_person(image: Frame, box: npt.NDArray[np.float32],
                    kpts: npt.NDArray[np.float32]) -> npt.NDArray[np.uint8]:
    """A feathered 0-255 alpha of one person: GrabCut inside the box, skeleton as sure person."""
    height, width = image.shape[:2]
    x1, y1, x2, y2 = (round(float(v)) for v in box)
    pad = 6
    x1, y1 = max(0, x1 - pad), max(0, y1 - pad)
    x2, y2 = min(width, x2 + pad), min(height, y2 + pad)
    # Where a person can be: the skeleton drawn thick, the torso, a disc around the head.
    # Everything else is sure background, so a dark coat does not bleed into a dark bus.
    seen = kpts[:, 2] > 0.5
    shoulder_w = float(np.hypot(*(kpts[5, :2] - kpts[6, :2]))) if seen[5] and seen[6] else (
        0.3 * (x2 - x1))
    envelope = np.zeros((height, width), np.uint8)
    sure = np.zeros((height, width), np.uint8)
    thick, thin = max(3, int(0.9 * shoulder_w)), max(3, int(0.15 * shoulder_w))
    for a, b in _SKELETON:
        if seen[a] and seen[b]:
            pa = (int(kpts[a, 0]), int(kpts[a, 1]))
            pb = (int(kpts[b, 0]), int(kpts[b, 1]))
            cv2.line(envelope, pa, pb, 1, thick)
            cv2.line(sure, pa, pb, 1, thin)
    torso = [kpts[i, :2] for i in (5, 6, 12, 11) if seen[i]]
    if len(torso) == 4:
        cv2.fillPoly(envelope, [np.asarray(torso, np.int32)], 1)
    elif seen[5] and seen[6]:
        # Hips out of the picture: the torso goes on down to the box's bottom.
        left, right = sorted((float(kpts[5, 0]), float(kpts[6, 0])))
        top = float(min(kpts[5, 1], kpts[6, 1]))
        widen = 0.15 * shoulder_w
        cv2.fillPoly(envelope, [np.asarray([(left - widen, top), (right + widen, top),
                                            (right + widen, y2), (left - widen, y2)],
                                           np.int32)], 1)
    head = kpts[:5][seen[:5], :2]
    if head.size:
        centre = (int(head[:, 0].mean()), int(head[:, 1].mean() - 0.25 * shoulder_w))
        cv2.circle(envelope, centre, int(0.7 * shoulder_w), 1, -1)
        face = (int(head[:, 0].mean()), int(head[:, 1].mean()))
        cv2.circle(sure, face, max(2, int(0.2 * shoulder_w)), 1, -1)
    inside_box = np.zeros((height, width), np.uint8)
    inside_box[y1:y2, x1:x2] = 1
    mask = np.full((height, width), cv2.GC_BGD, np.uint8)
    mask[(envelope > 0) & (inside_box > 0)] = cv2.GC_PR_FGD
    mask[(sure > 0) & (inside_box > 0)] = cv2.GC_FGD
    bgd = np.zeros((1, 65), np.float64)
    fgd = np.zeros((1, 65), np.float64)
    cv2.grabCut(image, mask, (0, 0, 0, 0), bgd, fgd, 6, cv2.GC_INIT_WITH_MASK)
    person = np.isin(mask, (cv2.GC_FGD, cv2.GC_PR_FGD)).astype(np.uint8)
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (5, 5))
    person = np.asarray(cv2.morphologyEx(person, cv2.MORPH_OPEN, kernel), np.uint8)
    person = np.asarray(cv2.morphologyEx(person, cv2.MORPH_CLOSE, kernel), np.uint8)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(person)
    if count > 1:
        largest = 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))
        person = (labels == largest).astype(np.uint8)
    # Fill holes: a patch of shirt the colour of the background is still the person.
    count, labels, stats, _ = cv2.connectedComponentsWithStats((1 - person).astype(np.uint8))
    for label in range(1, count):
        x, y, w, h = stats[label, :4]
        if x > 0 and y > 0 and x + w < width and y + h < height:
            person[labels == label] = 1
    # Erode a pixel so no background fringe survives, then feather the edge.
    person = np.asarray(cv2.erode(person, kernel, iterations=1), np.uint8)
    alpha = cv2.GaussianBlur(person.astype(np.float32) * 255, (0, 0), 2.0)
    return np.clip(alpha, 0, 255).astype(np.uint8)


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m seatsense.demo`: build the cut-outs, render a frame, write the timeline."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m seatsense.demo")
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build-assets", help="cut the people out of the sample photos")
    build.add_argument("photos", help="folder with bus.jpg and zidane.jpg")
    build.add_argument("--out", default=str(ASSETS_DIR))
    draw = commands.add_parser("render", help="write the frame at a scenario time")
    draw.add_argument("time_s", type=float)
    draw.add_argument("out")
    draw.add_argument("--timeline")
    write = commands.add_parser("timeline", help="write the default timeline (JSON or YAML)")
    write.add_argument("out")
    show = commands.add_parser("events", help="print the expected events as JSON lines")
    show.add_argument("--interval", type=float, default=3.0)
    show.add_argument("--timeline")
    args = parser.parse_args(argv)
    if args.command == "build-assets":
        print(json.dumps(build_assets(args.photos, args.out), indent=2))
    elif args.command == "render":
        timeline = Timeline.load(args.timeline) if args.timeline else None
        cv2.imwrite(args.out, render(args.time_s, timeline))
    elif args.command == "timeline":
        default_timeline().save(args.out)
    else:
        timeline = Timeline.load(args.timeline) if args.timeline else default_timeline()
        for event in timeline.expected_events(args.interval):
            print(json.dumps(event.to_dict()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

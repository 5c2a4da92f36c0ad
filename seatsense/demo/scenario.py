"""The demo's story: who and what is where when (`Timeline`), the exact truth it gives every
frame, the seat events a correct system must emit, and how actual events compare with them.

Pure: no pixels and no OpenCV; `render` draws what a timeline says.

>>> timeline = default_timeline()
>>> timeline.truth_at(200.0)["B2"]
'occupied'
>>> [e.type.value for e in timeline.expected_events(3.0) if e.seat_id == "B3"][:3]
['person_enter', 'person_leave', 'abandoned_detected']
"""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal, cast

from ..core.engine import SEAT_EVENT_TYPES, EngineSettings, Event, EventType
from ..core.layout import Site, parse_site
from .room import CAMERA_ID, HEIGHT, ROWS, SEAT_IDS, WIDTH

SeatTruth = Literal["occupied", "belongings", "empty"]
ItemKind = Literal["laptop", "bag", "books"]
ITEM_KINDS: tuple[ItemKind, ...] = ("laptop", "bag", "books")


def demo_site(interval_s: float = 3.0, source: str = "demo:default") -> Site:
    """The demo camera's layout: one camera `demo`, seats A1-A4 and B1-B4 matching the drawing.

    >>> [seat.id for seat in demo_site().camera("demo").seats]
    ['A1', 'A2', 'A3', 'A4', 'B1', 'B2', 'B3', 'B4']
    """
    seats = [
        {"id": seat_id, "polygon": row.polygon(index)}
        for row in ROWS
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
    """`person` (a cut-out in `assets/`) sits at `seat` from `start_s` until `end_s`."""

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
        samples: Sequence[float | None] | None = None,
    ) -> list[ExpectedEvent]:
        """The seat events a correct system sampling every `interval_s` must emit, by time.

        `samples` replaces the regular sample grid with the times the system actually saw
        the room; a None among them is a gap after which the engines start their runs of
        consecutive samples again (the camera went offline, or the process restarted).

        Derived from the truth at the sample times and the engine's rules (README: Seat states):
        enter after `enter_samples` samples with the person, back-dated to the first; leave after
        `exit_grace_s` of absence, back-dated to the first absent sample; belongings alone for
        `enter_samples` samples make the seat `away`; `abandoned_detected` at the first sample
        `abandoned_after_s` after the belongings were left; `belongings_removed` back-dated
        to the first clear sample. A short break with belongings is `away`, never abandoned.
        """
        settings = settings or EngineSettings()
        times = list(samples) if samples is not None else self.sample_times(
            interval_s, start_s, end_s
        )
        truth = [None if t is None else self.truth_at(t) for t in times]
        events: list[ExpectedEvent] = []
        for seat in SEAT_IDS:
            truths = [None if seen is None else seen[seat] for seen in truth]
            events.extend(
                ExpectedEvent(kind, seat, at, camera_id)
                for kind, at in _seat_events(times, truths, settings)
            )
        events.sort(key=lambda e: (e.time_s, e.seat_id, e.type.value))
        return events


def _seat_events(
    times: Sequence[float | None],
    truths: Sequence[SeatTruth | None],
    settings: EngineSettings,
) -> list[tuple[EventType, float]]:
    """One seat's events from its truth at the sample times (the rules, stated once more);
    a None time is a gap: the runs of consecutive samples start again after it."""
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
        if t is None or truth is None:  # unseen: the state and its clocks stay, runs restart
            person_run, items_run, clear_run, absent_from = [], [], [], None
            continue
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


__all__ = [
    "ITEM_KINDS",
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
]

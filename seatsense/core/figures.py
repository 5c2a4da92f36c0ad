"""The figures of a seat, a camera and a site, and today's log: one catalogue for every face.

Each `Figure` is a row: its key, how it is shown (platform, device class, unit, state class,
in the vocabulary of Home Assistant's entities, which MQTT discovery shares) and the function
that reads its value from its owner at a time. The Home Assistant integration turns the rows
into entity descriptions, the MQTT publisher into discovery configs and state JSON; neither
computes a figure itself. Pure: no clock is read, the time comes in.

- seat figures read a `SeatStatus` (`SEAT_FIGURES`),
- camera figures a `CameraStatus` (`CAMERA_FIGURES`),
- site figures a `SiteSnapshot`: every seat's state and today's `SiteFigures` (`SITE_FIGURES`).

>>> from seatsense.core.engine import SeatState, SeatStatus
>>> seat = SeatStatus(state=SeatState.EMPTY, since_s=0.0, vacant_since_s=0.0)
>>> VACANT_MINUTES.value_fn(seat, 150.0), SEAT_OCCUPIED.value_fn(seat, 150.0)
(2, False)
>>> site = SiteSnapshot((SeatState.OCCUPIED, SeatState.EMPTY, SeatState.UNKNOWN))
>>> OCCUPIED_SEATS.value_fn(site, 0.0), OCCUPANCY_RATE.value_fn(site, 0.0)
(1, 50.0)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo
from enum import StrEnum
from typing import Any, Generic, TypeVar

from .engine import Event, EventType, SeatState, SeatStatus
from .stats import SeatKey, site_summary
from .status import CameraStatus

FigureValue = str | int | float | bool | datetime | None
"""A figure's value: None reads as unknown; a `datetime` (UTC) is a point in time."""


class Platform(StrEnum):
    """How a figure is shown: a value, or on / off."""

    SENSOR = "sensor"
    BINARY_SENSOR = "binary_sensor"


MINUTES = "min"
SECONDS = "s"
PERCENT = "%"
FRAMES_PER_SECOND = "fps"


Owner = TypeVar("Owner")
T = TypeVar("T")


@dataclass(frozen=True, kw_only=True)
class Figure(Generic[Owner]):
    """One figure of a seat, a camera or the site: a row of the catalogue below.

    `value_fn(owner, now_s)` gives its value at `now_s` (the update's frame time); a binary
    figure gives True, False or None (unknown).

    >>> from seatsense.core.engine import SeatState, SeatStatus
    >>> SEAT_STATE.value_fn(SeatStatus(state=SeatState.AWAY), 0.0)
    'away'
    """

    key: str
    """The figure's key: in unique ids, state JSON and entity descriptions."""
    name: str | None
    """Its English name (MQTT discovery); None: named after the device class."""
    translation_key: str | None
    """Its name and states in the Home Assistant integration's translations."""
    platform: Platform
    value_fn: Callable[[Owner, float], FigureValue]
    device_class: str | None = None
    unit: str | None = None
    state_class: str | None = None
    options: tuple[str, ...] = ()
    """The values an `enum` figure takes."""
    display_precision: int | None = None
    """Decimals to show (the value itself may carry more)."""
    diagnostic: bool = False
    enabled_by_default: bool = True
    follows_camera: bool = False
    """Unavailable while its camera is offline: it is not seen then."""


# -- seat figures --------------------------------------------------------------------------


def whole_minutes(seconds: float | None) -> int | None:
    """Whole minutes, so a clock figure changes at most once a minute.

    >>> whole_minutes(119.9), whole_minutes(None)
    (1, None)
    """
    return None if seconds is None else int(seconds // 60)


def _tenths_of_minutes(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds / 60, 1)


def utc_time(seconds: float | None) -> datetime | None:
    """Epoch seconds as a UTC `datetime`.

    >>> utc_time(0.0).isoformat()
    '1970-01-01T00:00:00+00:00'
    """
    return None if seconds is None else datetime.fromtimestamp(seconds, UTC)


def _seat_is(state: SeatState) -> Callable[[SeatStatus, float], bool | None]:
    """True while the seat is in `state`; unknown while the seat itself is unknown."""

    def value(status: SeatStatus, now_s: float) -> bool | None:
        return None if status.state is SeatState.UNKNOWN else status.state is state

    return value


def _vacant_since(status: SeatStatus, now_s: float) -> datetime | None:
    # Only while vacant: an occupied seat keeps the start of its last vacancy.
    return utc_time(status.vacant_since_s) if status.vacant_s(now_s) is not None else None


def _belongings_since(status: SeatStatus, now_s: float) -> datetime | None:
    # Only while the belongings are there (away or hogged): the hogging clock's start.
    if status.state not in (SeatState.AWAY, SeatState.ABANDONED):
        return None
    return utc_time(status.belongings_since_s)


SEAT_OCCUPIED = Figure[SeatStatus](
    key="occupied",
    name="Occupied",
    translation_key="occupied",
    platform=Platform.BINARY_SENSOR,
    device_class="occupancy",
    value_fn=_seat_is(SeatState.OCCUPIED),
    follows_camera=True,
)
SEAT_ABANDONED = Figure[SeatStatus](
    key="abandoned",
    name="Hogged",
    translation_key="abandoned",
    platform=Platform.BINARY_SENSOR,
    device_class="problem",
    value_fn=_seat_is(SeatState.ABANDONED),
    follows_camera=True,
)
SEAT_STATE = Figure[SeatStatus](
    key="state",
    name="State",
    translation_key="seat_state",
    platform=Platform.SENSOR,
    device_class="enum",
    options=tuple(state.value for state in SeatState),
    value_fn=lambda status, now_s: status.state.value,
    follows_camera=True,
)
VACANT_MINUTES = Figure[SeatStatus](
    key="vacant_minutes",
    name="Vacant for",
    translation_key="vacant_minutes",
    platform=Platform.SENSOR,
    device_class="duration",
    unit=MINUTES,
    state_class="measurement",
    value_fn=lambda status, now_s: whole_minutes(status.vacant_s(now_s)),
    follows_camera=True,
)
VACANT_SINCE = Figure[SeatStatus](
    key="vacant_since",
    name="Vacant since",
    translation_key="vacant_since",
    platform=Platform.SENSOR,
    device_class="timestamp",
    value_fn=_vacant_since,
    follows_camera=True,
)
BELONGINGS_SINCE = Figure[SeatStatus](
    key="belongings_since",
    name="Belongings since",
    translation_key="belongings_since",
    platform=Platform.SENSOR,
    device_class="timestamp",
    value_fn=_belongings_since,
    follows_camera=True,
)
STAY_MINUTES = Figure[SeatStatus](
    key="stay_minutes",
    name="Current stay",
    translation_key="stay_minutes",
    platform=Platform.SENSOR,
    device_class="duration",
    unit=MINUTES,
    state_class="measurement",
    value_fn=lambda status, now_s: whole_minutes(status.stay_s(now_s)),
    follows_camera=True,
)
LAST_STAY_MINUTES = Figure[SeatStatus](
    key="last_stay_minutes",
    name="Last stay",
    translation_key="last_stay_minutes",
    platform=Platform.SENSOR,
    device_class="duration",
    unit=MINUTES,
    state_class="measurement",
    display_precision=0,
    value_fn=lambda status, now_s: _tenths_of_minutes(status.last_stay_s),
    follows_camera=True,
)

SEAT_FIGURES: tuple[Figure[SeatStatus], ...] = (
    SEAT_OCCUPIED,
    SEAT_ABANDONED,
    SEAT_STATE,
    VACANT_MINUTES,
    VACANT_SINCE,
    BELONGINGS_SINCE,
    STAY_MINUTES,
    LAST_STAY_MINUTES,
)


# -- camera figures ------------------------------------------------------------------------

CAMERA_CONNECTED = Figure[CameraStatus](
    key="connected",
    name=None,
    translation_key=None,
    platform=Platform.BINARY_SENSOR,
    device_class="connectivity",
    diagnostic=True,
    value_fn=lambda camera, now_s: camera.online,
)
PEOPLE = Figure[CameraStatus](
    key="people",
    name="People",
    translation_key="people",
    platform=Platform.SENSOR,
    state_class="measurement",
    value_fn=lambda camera, now_s: camera.people,
    follows_camera=True,
)
INPUT_FPS = Figure[CameraStatus](
    key="fps",
    name="Frame rate",
    translation_key="fps",
    platform=Platform.SENSOR,
    unit=FRAMES_PER_SECOND,
    state_class="measurement",
    display_precision=1,
    diagnostic=True,
    enabled_by_default=False,
    value_fn=lambda camera, now_s: camera.health.get("input_fps"),
)
FRAME_AGE = Figure[CameraStatus](
    key="frame_age",
    name="Last frame age",
    translation_key="frame_age",
    platform=Platform.SENSOR,
    device_class="duration",
    unit=SECONDS,
    state_class="measurement",
    display_precision=1,
    diagnostic=True,
    enabled_by_default=False,
    value_fn=lambda camera, now_s: camera.health.get("frame_age_s"),
)

CAMERA_FIGURES: tuple[Figure[CameraStatus], ...] = (CAMERA_CONNECTED, PEOPLE, INPUT_FPS, FRAME_AGE)


# -- today's log and the site figures -------------------------------------------------------

DAILY_EVENTS = frozenset({EventType.PERSON_ENTER, EventType.PERSON_LEAVE})
"""The events today's figures are made of: arrivals and departures."""


@dataclass(frozen=True)
class SiteFigures:
    """Today's operating figures of a site.

    - `entries`: arrivals since the start of the local day;
    - `turnover`: entries per seat (two decimals), None for a site without seats;
    - `average_stay_s`: mean length of the stays that ended today, None before the first.
    """

    entries: int
    turnover: float | None
    average_stay_s: float | None


@dataclass
class TodayLog:
    """The arrivals and departures of one local day (`day`, ISO date), kept across restarts.

    >>> from seatsense.core.engine import Event, EventType
    >>> log = TodayLog("2025-06-01")
    >>> log.record([Event(EventType.PERSON_ENTER, 3600.0, "c1", "A1"),
    ...             Event(EventType.CAMERA_OFFLINE, 3700.0, "c1")])
    True
    >>> log.record([Event(EventType.PERSON_LEAVE, 5400.0, "c1", "A1", data={"stay_s": 1800.0})])
    True
    >>> log.figures([("c1", "A1"), ("c1", "A2")], day_start_s=0.0, now_s=7200.0)
    SiteFigures(entries=1, turnover=0.5, average_stay_s=1800.0)
    """

    day: str
    events: list[Event] = field(default_factory=list)

    def record(self, events: Iterable[Event]) -> bool:
        """Keep the seats' arrivals and departures among `events`; True when there were any."""
        daily = [e for e in events if e.type in DAILY_EVENTS and e.seat_id is not None]
        self.events.extend(daily)
        return bool(daily)

    def figures(
        self, seats: Sequence[SeatKey], day_start_s: float, now_s: float, tz: tzinfo = UTC
    ) -> SiteFigures:
        """Today's figures of `seats` from `day_start_s` (the local midnight) up to `now_s`.

        A logged event later than `now_s` (a frame clock ahead of the caller's) still counts.
        """
        end_s = max([now_s, *(event.time_s + 1 for event in self.events)])
        summary = site_summary(self.events, seats, day_start_s, end_s, tz)
        return SiteFigures(
            entries=summary.entries,
            turnover=round(summary.entries / len(seats), 2) if seats else None,
            average_stay_s=summary.average_stay_s,
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready."""
        return {"day": self.day, "events": [event.to_dict() for event in self.events]}

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any] | None, today: str) -> TodayLog:
        """Read back a stored log; a log of another day than `today` starts empty.

        >>> TodayLog.from_dict(TodayLog("2025-06-01").to_dict(), "2025-06-02")
        TodayLog(day='2025-06-02', events=[])
        """
        if not raw or raw.get("day") != today:
            return cls(today)
        return cls(today, [Event.from_dict(event) for event in raw.get("events", [])])


@dataclass(frozen=True)
class SiteSnapshot:
    """A site at one update: the state of every seat of its layout (unknown where none came)
    and today's figures (None where no log is kept)."""

    seat_states: tuple[SeatState, ...]
    today: SiteFigures | None = None

    @classmethod
    def of(
        cls, statuses: Iterable[SeatStatus | None], today: SiteFigures | None = None
    ) -> SiteSnapshot:
        """From the seats' statuses (None: the seat has none yet)."""
        states = tuple(SeatState.UNKNOWN if s is None else s.state for s in statuses)
        return cls(states, today)

    def count(self, state: SeatState) -> int:
        """How many seats are in `state`."""
        return self.seat_states.count(state)

    @property
    def occupancy_rate(self) -> float | None:
        """Percent of the seen seats that are occupied (one decimal); None when none is seen.

        >>> SiteSnapshot((SeatState.OCCUPIED, SeatState.AWAY, SeatState.EMPTY)).occupancy_rate
        33.3
        """
        known = [s for s in self.seat_states if s is not SeatState.UNKNOWN]
        if not known:
            return None
        return round(100 * known.count(SeatState.OCCUPIED) / len(known), 1)


def _today(read: Callable[[SiteFigures], T]) -> Callable[[SiteSnapshot, float], T | None]:
    def value(site: SiteSnapshot, now_s: float) -> T | None:
        return None if site.today is None else read(site.today)

    return value


OCCUPIED_SEATS = Figure[SiteSnapshot](
    key="occupied_seats",
    name="Occupied seats",
    translation_key="occupied_seats",
    platform=Platform.SENSOR,
    state_class="measurement",
    value_fn=lambda site, now_s: site.count(SeatState.OCCUPIED),
)
OCCUPANCY_RATE = Figure[SiteSnapshot](
    key="occupancy_rate",
    name="Occupancy rate",
    translation_key="occupancy_rate",
    platform=Platform.SENSOR,
    unit=PERCENT,
    state_class="measurement",
    value_fn=lambda site, now_s: site.occupancy_rate,
)
ABANDONED_SEATS = Figure[SiteSnapshot](
    key="abandoned_seats",
    name="Hogged seats",
    translation_key="abandoned_seats",
    platform=Platform.SENSOR,
    state_class="measurement",
    value_fn=lambda site, now_s: site.count(SeatState.ABANDONED),
)
ENTRIES_TODAY = Figure[SiteSnapshot](
    key="entries_today",
    name="Entries today",
    translation_key="entries_today",
    platform=Platform.SENSOR,
    state_class="total_increasing",
    value_fn=_today(lambda today: today.entries),
)
TURNOVER_TODAY = Figure[SiteSnapshot](
    key="turnover_today",
    name="Turnover today",
    translation_key="turnover_today",
    platform=Platform.SENSOR,
    state_class="measurement",
    display_precision=2,
    value_fn=_today(lambda today: today.turnover),
)
AVERAGE_STAY = Figure[SiteSnapshot](
    key="average_stay",
    name="Average stay today",
    translation_key="average_stay",
    platform=Platform.SENSOR,
    device_class="duration",
    unit=MINUTES,
    state_class="measurement",
    display_precision=0,
    value_fn=_today(lambda today: _tenths_of_minutes(today.average_stay_s)),
)

SITE_FIGURES: tuple[Figure[SiteSnapshot], ...] = (
    OCCUPIED_SEATS,
    OCCUPANCY_RATE,
    ABANDONED_SEATS,
    ENTRIES_TODAY,
    TURNOVER_TODAY,
    AVERAGE_STAY,
)


__all__ = [
    "CAMERA_FIGURES",
    "DAILY_EVENTS",
    "SEAT_FIGURES",
    "SITE_FIGURES",
    "Figure",
    "FigureValue",
    "Platform",
    "SiteFigures",
    "SiteSnapshot",
    "TodayLog",
    "utc_time",
    "whole_minutes",
]

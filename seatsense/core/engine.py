"""The per-seat state machine: observations and explicit times in, events out.

No I/O and no clock of its own, so a whole day of seat behaviour runs as a fast unit test
and a recorded sequence replays exactly.

>>> engine = SeatEngine("A1")
>>> engine.update(Observation(person=True), t=0.0)
[]
>>> [e.type.value for e in engine.update(Observation(person=True), t=3.0)]
['person_enter']
>>> engine.status.state
<SeatState.OCCUPIED: 'occupied'>
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields, replace
from enum import StrEnum
from typing import Any


class SeatState(StrEnum):
    """What a seat is doing now."""

    EMPTY = "empty"
    OCCUPIED = "occupied"
    AWAY = "away"
    ABANDONED = "abandoned"
    UNKNOWN = "unknown"


class EventType(StrEnum):
    """Things that happen to a seat or a camera."""

    PERSON_ENTER = "person_enter"
    PERSON_LEAVE = "person_leave"
    ABANDONED_DETECTED = "abandoned_detected"
    BELONGINGS_REMOVED = "belongings_removed"
    CAMERA_OFFLINE = "camera_offline"
    CAMERA_ONLINE = "camera_online"


SEAT_EVENT_TYPES = (
    EventType.PERSON_ENTER,
    EventType.PERSON_LEAVE,
    EventType.ABANDONED_DETECTED,
    EventType.BELONGINGS_REMOVED,
)


@dataclass(frozen=True)
class EngineSettings:
    """Timing thresholds of the seat engine (defaults as the README's Seat states section says)."""

    enter_samples: int = 2
    """Consecutive samples with a person before the seat counts as occupied; also the number of
    consecutive samples that belongings must appear (or vanish) before the state follows."""
    exit_grace_s: float = 30.0
    """How long a person must be absent before the seat stops being occupied."""
    abandoned_after_s: float = 600.0
    """How long belongings may stay without a person before the seat counts as hogged."""

    def __post_init__(self) -> None:
        if self.enter_samples < 1:
            raise ValueError("enter_samples must be at least 1")
        if self.exit_grace_s < 0 or self.abandoned_after_s < 0:
            raise ValueError("exit_grace_s and abandoned_after_s must not be negative")


@dataclass(frozen=True)
class Observation:
    """The evidence for one seat in one frame: the evidence step's verdict, which the seat
    engine takes as it is. (`seatsense.SeatVerdict` is another name for this class.)

    >>> bag = Observation(person=False, belongings=True, belongings_score=0.8)
    >>> bag.belongings, bag.belongings_reason
    (True, '')
    """

    person: bool
    belongings: bool = False
    person_score: float = 0.0
    belongings_score: float = 0.0
    person_index: int | None = None
    """Which person detection sits here (index into the frame's people), when one does."""
    person_reason: str = ""
    """Why someone counts as seated: "sure" (a person box from the sure confidence up),
    "weak" (a weaker box, person-sized for the seat), "faint" (a faint box as large as a
    seated person), "moving" (a faint figure on a seat that moves between frames) or ""."""
    belongings_reason: str = ""
    """Why belongings count: "items" (the detector's item classes), "finder" (the item finder
    on the seat's own crop), "change" (against the empty reference), "figure" (a weak
    person-like detection with nobody seated) or ""."""
    since_s: float | None = None
    """When the seat's frames began to show what this verdict says, where that was before the
    sample's own time (a verdict settled by the seat's recent ones); None: at the sample. The
    engine dates arrivals, departures and belongings from it."""


@dataclass(frozen=True)
class Event:
    """Something that happened at `time_s` (seconds since the epoch, or scenario time)."""

    type: EventType
    time_s: float
    camera_id: str
    seat_id: str | None = None
    confidence: float = 0.0
    data: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {
            "type": self.type.value,
            "time_s": self.time_s,
            "camera_id": self.camera_id,
            "seat_id": self.seat_id,
            "confidence": round(self.confidence, 4),
            "data": self.data,
        }

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> Event:
        """Inverse of `to_dict`."""
        return cls(
            type=EventType(raw["type"]),
            time_s=float(raw["time_s"]),
            camera_id=str(raw["camera_id"]),
            seat_id=raw.get("seat_id"),
            confidence=float(raw.get("confidence", 0.0)),
            data=dict(raw.get("data") or {}),
        )


@dataclass
class SeatStatus:
    """The whole state of one seat. Serialises to JSON and restores exactly."""

    state: SeatState = SeatState.UNKNOWN
    since_s: float | None = None
    """When the current state began (back-dated like the events)."""
    vacant_since_s: float | None = None
    """When the last person left (or the seat was first seen empty); None while occupied."""
    occupied_since_s: float | None = None
    """When the current stay began; None unless occupied."""
    last_stay_s: float | None = None
    """Length of the last completed stay."""
    belongings_since_s: float | None = None
    """When belongings without a person were first seen (the hogging clock)."""
    person_streak: int = 0
    person_first_seen_s: float | None = None
    absent_since_s: float | None = None
    belongings_streak: int = 0
    belongings_first_seen_s: float | None = None
    clear_streak: int = 0
    clear_first_seen_s: float | None = None
    resume_state: SeatState | None = None
    """The state to return to when a seat comes back from `unknown`."""
    last_update_s: float | None = None

    def vacant_s(self, now_s: float) -> float | None:
        """Seconds the seat has been without a person, or None while occupied or unknown."""
        if self.state in (SeatState.OCCUPIED, SeatState.UNKNOWN) or self.vacant_since_s is None:
            return None
        return max(0.0, now_s - self.vacant_since_s)

    def stay_s(self, now_s: float) -> float | None:
        """Seconds of the current stay, or None when nobody is seated."""
        if self.state is not SeatState.OCCUPIED or self.occupied_since_s is None:
            return None
        return max(0.0, now_s - self.occupied_since_s)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        raw = asdict(self)
        raw["state"] = self.state.value
        raw["resume_state"] = self.resume_state.value if self.resume_state else None
        return raw

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> SeatStatus:
        """Inverse of `to_dict`; unknown keys are ignored so old saves still load."""
        names = {f.name for f in fields(cls)}
        values = {k: v for k, v in raw.items() if k in names}
        values["state"] = SeatState(values.get("state", SeatState.UNKNOWN))
        resume = values.get("resume_state")
        values["resume_state"] = SeatState(resume) if resume else None
        return cls(**values)


class SeatEngine:
    """Turns a seat's observations into states and events.

    >>> engine = SeatEngine("A1", settings=EngineSettings(exit_grace_s=30))
    >>> for t in (0, 3):
    ...     _ = engine.update(Observation(person=True), t)
    >>> engine.update(Observation(person=False), 6)
    []
    >>> leave = engine.update(Observation(person=False), 40)[0]
    >>> leave.type.value, leave.time_s, leave.data["stay_s"]
    ('person_leave', 6.0, 6.0)
    """

    def __init__(
        self,
        seat_id: str,
        camera_id: str = "",
        settings: EngineSettings | None = None,
        status: SeatStatus | None = None,
    ) -> None:
        self.seat_id = seat_id
        self.camera_id = camera_id
        self.settings = settings or EngineSettings()
        self.status = status if status is not None else SeatStatus()

    def update(self, observation: Observation, t: float) -> list[Event]:
        """Feed the evidence of one sample taken at time `t`; returns the events it caused."""
        t = float(t)
        status = self.status
        if status.last_update_s is not None and t < status.last_update_s:
            # A sample older than what we already know cannot change the past.
            return []
        events: list[Event] = []
        if status.state is SeatState.UNKNOWN:
            self._resume(t)
        self._count_streaks(observation, t)
        if status.state is SeatState.OCCUPIED:
            self._update_occupied(observation, t, events)
        else:
            self._update_vacant(observation, t, events)
        status.last_update_s = t
        return events

    def mark_unknown(self) -> None:
        """No usable frame: the seat goes `unknown` and remembers where it was."""
        status = self.status
        if status.state is SeatState.UNKNOWN:
            return
        # The clocks (since, vacant since, stay) are kept, so they are right on return.
        status.resume_state = status.state
        status.state = SeatState.UNKNOWN
        self._reset_streaks()

    def reset(self, t: float) -> list[Event]:
        """Forget everything about the seat and start again as empty at `t` (staff action)."""
        events: list[Event] = []
        status = self.status
        last_stay = status.last_stay_s
        # An offline seat is still where it was before; its stay or belongings end here too.
        current = status.resume_state if status.state is SeatState.UNKNOWN else status.state
        if current is SeatState.OCCUPIED:
            events.append(self._leave_event(t))
            started = status.occupied_since_s
            last_stay = t - started if started is not None else 0.0
        elif current in (SeatState.AWAY, SeatState.ABANDONED):
            events.append(
                self._event(
                    EventType.BELONGINGS_REMOVED, t, 1.0, {"reset": True, "was": current.value}
                )
            )
        self.status = SeatStatus(
            state=SeatState.EMPTY,
            since_s=t,
            vacant_since_s=t,
            last_stay_s=last_stay,
            last_update_s=t,
        )
        return events

    # -- transitions -------------------------------------------------------------------------

    def _resume(self, t: float) -> None:
        status = self.status
        resume = status.resume_state
        status.resume_state = None
        if resume is None:
            # Never seen before: the vacancy clock starts now.
            status.state = SeatState.EMPTY
            status.since_s = t
            status.vacant_since_s = t
            return
        status.state = resume

    def _count_streaks(self, observation: Observation, t: float) -> None:
        status = self.status
        began = self._began(observation, t)
        if observation.person:
            if status.person_streak == 0:
                status.person_first_seen_s = began
            status.person_streak += 1
        else:
            status.person_streak = 0
            status.person_first_seen_s = None
        if observation.belongings and not observation.person:
            if status.belongings_streak == 0:
                status.belongings_first_seen_s = began
            status.belongings_streak += 1
            status.clear_streak = 0
            status.clear_first_seen_s = None
        elif not observation.person:
            if status.clear_streak == 0:
                status.clear_first_seen_s = began
            status.clear_streak += 1
            status.belongings_streak = 0
            status.belongings_first_seen_s = None

    def _update_occupied(self, observation: Observation, t: float, events: list[Event]) -> None:
        status = self.status
        if observation.person:
            status.absent_since_s = None
            return
        if status.absent_since_s is None:
            status.absent_since_s = self._began(observation, t)
        left_at = status.absent_since_s
        if t - left_at < self.settings.exit_grace_s:
            return
        events.append(self._leave_event(left_at, observation.belongings_score))
        started = status.occupied_since_s
        status.last_stay_s = left_at - (started if started is not None else left_at)
        status.occupied_since_s = None
        status.absent_since_s = None
        status.vacant_since_s = left_at
        if observation.belongings:
            self._enter(SeatState.AWAY, left_at)
            status.belongings_since_s = left_at
            self._check_abandoned(observation, t, events)
        else:
            self._enter(SeatState.EMPTY, left_at)
            status.belongings_since_s = None

    def _update_vacant(self, observation: Observation, t: float, events: list[Event]) -> None:
        status = self.status
        settings = self.settings
        if status.person_streak >= settings.enter_samples:
            arrived = status.person_first_seen_s if status.person_first_seen_s is not None else t
            if status.since_s is not None:
                arrived = max(arrived, status.since_s)
            self._enter(SeatState.OCCUPIED, arrived)
            status.occupied_since_s = arrived
            status.vacant_since_s = None
            status.belongings_since_s = None
            status.absent_since_s = None
            events.append(
                self._event(
                    EventType.PERSON_ENTER,
                    arrived,
                    observation.person_score,
                    {"person_score": round(observation.person_score, 4)},
                )
            )
            return
        if observation.person:
            return
        if status.state is SeatState.EMPTY:
            if status.belongings_streak >= settings.enter_samples:
                first = status.belongings_first_seen_s
                seen = first if first is not None else t
                self._enter(SeatState.AWAY, seen)
                status.belongings_since_s = seen
                self._check_abandoned(observation, t, events)
            return
        # AWAY or ABANDONED
        if status.clear_streak >= settings.enter_samples:
            cleared = status.clear_first_seen_s if status.clear_first_seen_s is not None else t
            events.append(
                self._event(
                    EventType.BELONGINGS_REMOVED,
                    cleared,
                    1.0 - observation.belongings_score,
                    {
                        "belongings_score": round(observation.belongings_score, 4),
                        "was": status.state.value,
                    },
                )
            )
            self._enter(SeatState.EMPTY, cleared)
            status.belongings_since_s = None
            return
        self._check_abandoned(observation, t, events)

    def _check_abandoned(self, observation: Observation, t: float, events: list[Event]) -> None:
        status = self.status
        if status.state is not SeatState.AWAY or status.belongings_since_s is None:
            return
        if t - status.belongings_since_s < self.settings.abandoned_after_s:
            return
        self._enter(SeatState.ABANDONED, t)
        events.append(
            self._event(
                EventType.ABANDONED_DETECTED,
                t,
                observation.belongings_score,
                {
                    "belongings_score": round(observation.belongings_score, 4),
                    "belongings_since_s": status.belongings_since_s,
                    "unattended_s": round(t - status.belongings_since_s, 3),
                },
            )
        )

    # -- helpers -----------------------------------------------------------------------------

    def _began(self, observation: Observation, t: float) -> float:
        """When what a sample at `t` says began: its `since_s` (a verdict settled by the seat's
        recent ones) or `t`, never before the seat's current state began."""
        began = t if observation.since_s is None else min(observation.since_s, t)
        since = self.status.since_s
        return began if since is None else max(began, since)

    def _enter(self, state: SeatState, t: float) -> None:
        self.status.state = state
        self.status.since_s = t

    def _reset_streaks(self) -> None:
        self.status = replace(
            self.status,
            person_streak=0,
            person_first_seen_s=None,
            belongings_streak=0,
            belongings_first_seen_s=None,
            clear_streak=0,
            clear_first_seen_s=None,
            absent_since_s=None,
        )

    def _leave_event(self, left_at: float, score: float = 0.0) -> Event:
        started = self.status.occupied_since_s
        stay = left_at - started if started is not None else 0.0
        return self._event(
            EventType.PERSON_LEAVE,
            left_at,
            1.0 - score,
            {"stay_s": round(stay, 3), "occupied_since_s": started},
        )

    def _event(self, kind: EventType, t: float, confidence: float, data: dict[str, Any]) -> Event:
        return Event(
            type=kind,
            time_s=t,
            camera_id=self.camera_id,
            seat_id=self.seat_id,
            confidence=float(confidence),
            data=data,
        )

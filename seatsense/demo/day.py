"""Whole days in the demo study room: seeded timelines of opening hours and quiet nights.

The 30-minute default story packs every kind of seat event close together; a day spreads
the same kinds over opening hours (stays of one to two and a half hours, short breaks with the
belongings left on the desk, long ones that turn into hogging, a bag forgotten after leaving,
a seat "reserved" with a bag) and leaves the room empty at night. Each seat keeps
the person and belongings of the default story, which the bundled model is known to see.

>>> timeline = day_timeline(hours=24, seed=1)
>>> timeline.duration_s
86400.0
>>> timeline.truth_at(20 * 3600.0)["B2"]  # the room is closed at night
'empty'
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from .scenario import Item, ItemKind, Timeline, Visit

OPEN_S = 15 * 3600.0
"""Each day the room is open from scenario hour 0 to 15, then empty until the next day."""
DAY_S = 24 * 3600.0
MINUTE_S = 60.0


@dataclass(frozen=True)
class _Regular:
    """Who sits at a seat and what they bring (as in the default story)."""

    person: str
    mirror: bool
    items: tuple[ItemKind, ...]


_REGULARS: dict[str, _Regular | None] = {
    "A1": _Regular("coat", True, ("bag",)),
    "A2": _Regular("shades", False, ("books",)),
    "A3": None,  # nobody sits there; a bag and books "reserve" it now and then
    "A4": _Regular("zidane", False, ()),
    "B1": _Regular("zidane", False, ("laptop",)),
    "B2": _Regular("coat", False, ("laptop", "bag")),
    "B3": _Regular("ancelotti", False, ("laptop", "bag")),
    "B4": _Regular("shades", True, ("laptop",)),
}


def day_timeline(hours: float = 24.0, seed: int = 0) -> Timeline:
    """A timeline of `hours` scenario hours: each day open for 15 hours, then quiet.

    Every time is on a whole minute, so sampling every 60 s (or any divisor of it) sees each
    change at the moment it happens. The same seed gives the same day.
    """
    duration_s = hours * 3600.0
    rng = random.Random(seed)
    visits: list[Visit] = []
    items: list[Item] = []
    for seat, regular in _REGULARS.items():
        day_start = 0.0
        while day_start < duration_s:
            closing = min(day_start + OPEN_S, duration_s)
            t = day_start + _minutes(rng, 0, 30)
            while t < closing - 20 * MINUTE_S:
                if regular is None:
                    t = _reserved(seat, t, rng, items)
                else:
                    t = _stay(seat, regular, t, min(closing, duration_s), rng, visits, items)
                t += _minutes(rng, 20, 90)
            day_start += DAY_S
    return Timeline(duration_s=duration_s, visits=tuple(visits), items=tuple(items), seed=seed or 1)


def _minutes(rng: random.Random, low: int, high: int) -> float:
    return rng.randint(low, high) * MINUTE_S


def _stay(
    seat: str,
    regular: _Regular,
    start_s: float,
    closing_s: float,
    rng: random.Random,
    visits: list[Visit],
    items: list[Item],
) -> float:
    """One person's stay from `start_s`: maybe a break, maybe belongings left behind.
    Returns when the seat is clear again."""
    end_s = min(start_s + _minutes(rng, 60, 150), closing_s)
    kind = rng.choice(("plain", "plain", "break", "long break", "forgotten"))
    # Only a bag is seen without its owner for sure (a lone laptop or book is too flat).
    if "bag" not in regular.items and kind in ("long break", "forgotten"):
        kind = "break"
    items_end_s = end_s
    if kind in ("break", "long break") and end_s - start_s >= 60 * MINUTE_S:
        away_from = start_s + _minutes(rng, 20, 30)
        away_s = _minutes(rng, 4, 7) if kind == "break" else _minutes(rng, 15, 25)
        visits.append(Visit(seat, regular.person, start_s, away_from, regular.mirror))
        visits.append(Visit(seat, regular.person, away_from + away_s, end_s, regular.mirror))
    else:
        visits.append(Visit(seat, regular.person, start_s, end_s, regular.mirror))
        if kind == "forgotten":
            items_end_s = end_s + _minutes(rng, 15, 30)
    items.extend(Item(seat, kind_, start_s, items_end_s) for kind_ in regular.items)
    return items_end_s


def _reserved(seat: str, start_s: float, rng: random.Random, items: list[Item]) -> float:
    """A bag and books left on an empty seat for a while (hogging without a person)."""
    end_s = start_s + _minutes(rng, 20, 40)
    items.append(Item(seat, "bag", start_s, end_s))
    items.append(Item(seat, "books", start_s, end_s))
    return end_s + _minutes(rng, 60, 180)


__all__ = ["DAY_S", "OPEN_S", "day_timeline"]

"""The camera flow's seat lines, checked line by line: the seats that can be drawn, the lines
that cannot (with whatever points they have, to mark them on the preview), and the first
problem as a translation key with placeholders.

The library's `LayoutError` speaks English; `layout_problem` maps its messages to the flow's
translated errors in one table (`_PROBLEMS`), with the English text as the fallback.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from seatsense.core.layout import LayoutError, Point, Seat, check_seats, parse_seat_lines

LAYOUT_WHERE = "seats"
"""What the library's messages call the text field (`seats line 2: ...`)."""


@dataclass(frozen=True)
class LayoutProblem:
    """A translated error of the layout step: its key and placeholders."""

    key: str
    placeholders: dict[str, str]


@dataclass(frozen=True)
class BadSeat:
    """A seat line that cannot be used: its label and the points that could be read."""

    label: str
    points: tuple[Point, ...]


@dataclass(frozen=True)
class LayoutCheck:
    """The result of checking seat lines against a `width` x `height` frame."""

    seats: tuple[Seat, ...]
    """Every seat whose line is valid and that clashes with no other."""
    bad: tuple[BadSeat, ...] = ()
    problem: LayoutProblem | None = None
    """The first problem, None when the whole text is a valid layout."""


_ID = r"'(?P<seat>[^']*)'"
_LINE = rf"{LAYOUT_WHERE} line (?P<line>\d+)"
_PROBLEMS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (key, re.compile(pattern))
    for key, pattern in (
        ("layout_syntax", rf"^{_LINE}: expected 'ID: x,y"),
        ("layout_bad_id", rf"^{_LINE}: id: (?P<reason>.+)$"),
        ("layout_not_a_point", rf"^{_LINE}: seat {_ID}: '(?P<token>.*)' is not a point"),
        ("layout_too_many_points", rf"^{_LINE}: seat {_ID}: at most (?P<limit>\d+) points"),
        (
            "layout_too_few_points",
            rf"^{_LINE}: seat {_ID}: polygon needs at least 3 points, "
            r"got (?P<count>\d+)",
        ),
        ("layout_not_finite", rf"^{_LINE}: seat {_ID}: point .* is not a finite number"),
        (
            "layout_outside",
            rf"^{_LINE}: seat {_ID}: point \((?P<x>[^,]+), (?P<y>[^)]+)\) is "
            r"outside the (?P<width>\d+)x(?P<height>\d+) frame",
        ),
        ("layout_crossing", rf"^{_LINE}: seat {_ID}: polygon is self-intersecting"),
        ("layout_no_area", rf"^{_LINE}: seat {_ID}: polygon has no area"),
        ("layout_empty", rf"^{LAYOUT_WHERE}: no seats given"),
        ("layout_too_many_seats", rf"^{LAYOUT_WHERE}: at most (?P<limit>\d+) seats"),
        ("layout_duplicate", rf"^{LAYOUT_WHERE}: seat {_ID}: duplicate seat id"),
        (
            "layout_overlap",
            rf"^{LAYOUT_WHERE}: seats {_ID} and '(?P<other>[^']*)' overlap by "
            r"(?P<percent>\d+)% of the smaller one \(at most (?P<allowed>\d+)%",
        ),
    )
)
"""The library's layout messages -> the camera flow's error keys; named groups are the
placeholders."""


def layout_problem(err: LayoutError) -> LayoutProblem:
    """The translated error for a `LayoutError` of seat lines (`invalid_layout` with the
    English text when its message is not one of the table's)."""
    message = str(err)
    for key, pattern in _PROBLEMS:
        if match := pattern.match(message):
            return LayoutProblem(key, {k: v for k, v in match.groupdict().items() if v})
    return LayoutProblem("invalid_layout", {"error": message})


def check_layout(text: str, width: int, height: int) -> LayoutCheck:
    """Each seat line on its own, then the valid ones together (ids, overlaps).

    A line that fails joins `bad` with the points it has; two seats that clash both do.
    """
    seats: list[tuple[Seat, int]] = []
    bad: list[BadSeat] = []
    problems: list[LayoutProblem] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            # Blank lines before it keep the library's line number right.
            (seat,) = parse_seat_lines("\n" * (number - 1) + line, width, height, LAYOUT_WHERE)
        except LayoutError as err:
            problems.append(layout_problem(err))
            label = next(iter(line.partition(":")[0].split()), f"#{number}")
            bad.append(BadSeat(label, _readable_points(line, width, height)))
        else:
            seats.append((seat, number))
    if not seats and not bad:
        problems.append(LayoutProblem("layout_empty", {}))
    good = _without_clashes([seat for seat, _ in seats], bad, problems)
    return LayoutCheck(
        seats=good,
        bad=tuple(bad),
        problem=problems[0] if problems else None,
    )


def _without_clashes(
    seats: list[Seat], bad: list[BadSeat], problems: list[LayoutProblem]
) -> tuple[Seat, ...]:
    """The seats left once every duplicate id or overlapping pair is taken out (into `bad`);
    each round takes out at least one seat, so it ends."""
    while seats:
        try:
            check_seats(seats, LAYOUT_WHERE)
        except LayoutError as err:
            problem = layout_problem(err)
            problems.append(problem)
            clashing = {problem.placeholders.get("seat"), problem.placeholders.get("other")}
            if problem.key == "layout_duplicate":
                # The later seats of that id; the first one stays.
                first = next(s for s in seats if s.id in clashing)
                out = [s for s in seats if s.id in clashing and s is not first]
            else:
                # An overlap names both seats; a message the table does not know names none,
                # and then no seat can be trusted.
                out = [s for s in seats if s.id in clashing] or list(seats)
            bad.extend(BadSeat(s.id, s.polygon) for s in out)
            seats = [s for s in seats if all(s is not o for o in out)]
        else:
            break
    return tuple(seats)


def _readable_points(line: str, width: int, height: int) -> tuple[Point, ...]:
    """The `x,y` points of a line the layout refuses, read as far as they go and kept on the
    frame, to mark it."""
    points: list[Point] = []
    for token in line.partition(":")[2].replace(";", " ").split():
        x, _, y = token.partition(",")
        try:
            point = (float(x), float(y))
        except ValueError:
            continue
        if all(math.isfinite(v) for v in point):
            points.append(point)
    if points and all(0 <= x <= 1 and 0 <= y <= 1 for x, y in points):
        points = [(x * width, y * height) for x, y in points]  # fractions, as the layout reads
    return tuple((min(max(x, 0.0), width), min(max(y, 0.0), height)) for x, y in points)

"""Seat lines checked for the camera flow: every library layout error becomes a translated one
whose placeholders are all given, and a wrong line leaves the others usable."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from custom_components.seatsense.layout_check import (
    BadSeat,
    LayoutProblem,
    check_layout,
    layout_problem,
)
from seatsense.core.layout import LayoutError

COMPONENT = Path(__file__).resolve().parents[2] / "custom_components" / "seatsense"
ERRORS = {
    language: json.loads((COMPONENT / name).read_text(encoding="utf-8"))["config_subentries"][
        "camera"
    ]["error"]
    for language, name in (("en", "strings.json"), ("ko", "translations/ko.json"))
}
STEP_PLACEHOLDERS = {"width", "height", "preview_url", "error"}
"""What the layout step always gives its description (and so its errors)."""

A1 = "A1: 760,250 1130,250 1130,710 760,710"
CASES = [
    ("A1 760,250 1130,250", "layout_syntax", {"line": "1"}),
    ("A1: 1,1 x 3,3", "layout_not_a_point", {"line": "1", "seat": "A1", "token": "x"}),
    ("A1: 10,10 20,20", "layout_too_few_points", {"line": "1", "seat": "A1", "count": "2"}),
    (
        "A1: 0,0 2000,0 2000,700 0,700",
        "layout_outside",
        {"line": "1", "seat": "A1", "x": "2000", "y": "0", "width": "1280", "height": "720"},
    ),
    ("A1: 0,0 100,100 100,0 0,100", "layout_crossing", {"line": "1", "seat": "A1"}),
    ("\nA1: 10,10 11,10 10,11", "layout_no_area", {"line": "2", "seat": "A1"}),
    ("", "layout_empty", {}),
    ("# nothing but a comment", "layout_empty", {}),
    (f"{A1}\nA1: 0,0 100,0 100,100 0,100", "layout_duplicate", {"seat": "A1"}),
    (
        f"{A1}\nA2: 770,260 1120,260 1120,700 770,700",
        "layout_overlap",
        {"seat": "A1", "other": "A2", "percent": "100", "allowed": "50"},
    ),
]


@pytest.mark.parametrize(("text", "key", "placeholders"), CASES)
def test_each_layout_error_has_its_own_translated_message(
    text: str, key: str, placeholders: dict[str, str]
) -> None:
    """The library's own errors (real parser runs) map to a key with all its placeholders."""
    check = check_layout(text, 1280, 720)
    assert check.problem == LayoutProblem(key, placeholders)
    for language, errors in ERRORS.items():
        wanted = set(re.findall(r"\{(\w+)\}", errors[key]))
        assert wanted <= set(placeholders) | STEP_PLACEHOLDERS, (language, key)


@pytest.mark.parametrize(
    ("message", "key"),
    [
        # Limits the layout module states this way (seatsense.core.layout's bounds).
        ("seats line 4: seat 'A1': at most 32 points per polygon", "layout_too_many_points"),
        ("seats: at most 256 seats per camera", "layout_too_many_seats"),
        ("seats line 2: id: must not contain line breaks or control characters", "layout_bad_id"),
        ("seats line 3: seat 'B': point (nan, 1) is not a finite number", "layout_not_finite"),
    ],
)
def test_limit_messages_are_translated(message: str, key: str) -> None:
    """The layout's limit messages map too, with every placeholder their texts use."""
    problem = layout_problem(LayoutError(message))
    assert problem.key == key
    for errors in ERRORS.values():
        assert set(re.findall(r"\{(\w+)\}", errors[key])) <= set(problem.placeholders)


def test_an_unknown_message_keeps_its_english_text() -> None:
    """A message the table does not know is shown as the library wrote it."""
    problem = layout_problem(LayoutError("seats: something new"))
    assert problem == LayoutProblem("invalid_layout", {"error": "seats: something new"})


def test_wrong_lines_leave_the_valid_seats() -> None:
    """Valid seats stay drawable; wrong lines keep the points that could be read (fractions
    scaled, points kept on the frame); two overlapping seats are both marked."""
    text = "\n".join(
        [
            A1,
            "B1: 0.1,0.1 0.2,0.1",  # too few points, in fractions
            "B2: 100,100 x 5000,100 200,300",  # not a point, and one far outside
            "C1: 0,0 300,0 300,200 0,200",
            "C2: 10,10 290,10 290,190 10,190",  # inside C1
            "oops",
        ]
    )
    check = check_layout(text, 1280, 720)
    assert [seat.id for seat in check.seats] == ["A1"]
    assert check.problem == LayoutProblem(
        "layout_too_few_points", {"line": "2", "seat": "B1", "count": "2"}
    )
    assert check.bad == (
        BadSeat("B1", ((128.0, 72.0), (256.0, 72.0))),
        BadSeat("B2", ((100.0, 100.0), (1280.0, 100.0), (200.0, 300.0))),
        BadSeat("oops", ()),
        BadSeat("C1", ((0.0, 0.0), (300.0, 0.0), (300.0, 200.0), (0.0, 200.0))),
        BadSeat("C2", ((10.0, 10.0), (290.0, 10.0), (290.0, 190.0), (10.0, 190.0))),
    )


def test_a_valid_layout_has_no_problem() -> None:
    check = check_layout(f"# wall\n{A1}\nC1: 0,0 0.47,0 0.47,0.28 0,0.28", 1280, 720)
    assert check.problem is None and check.bad == ()
    assert [seat.id for seat in check.seats] == ["A1", "C1"]

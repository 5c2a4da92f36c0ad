"""The annotated picture: one legend (colour and word per state), Korean labels, bad seats."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import cv2
import numpy as np
import pytest

from seatsense.core.engine import SeatState
from seatsense.core.layout import parse_seat_lines
from seatsense.core.legend import (
    STATE_COLORS,
    STATE_COLORS_FILE,
    STATE_LABELS,
    contrast_ratio,
    ink_on,
    state_label,
)
from seatsense.vision.draw import (
    INVALID_COLOR,
    LABEL_FONT,
    LAYOUT_COLOR,
    InvalidSeat,
    bgr,
    draw_layout,
    label_height,
)
from tests.conftest import FIXTURES, ROOT

ZIDANE = cv2.imread(str(FIXTURES / "zidane.jpg"))  # 1280x720
SEATS = parse_seat_lines(
    "A1: 760,250 1130,250 1130,710 760,710\nC1: 40,40 600,40 600,200 40,200", 1280, 720
)
OKABE_ITO = {
    "#000000",
    "#E69F00",
    "#56B4E9",
    "#009E73",
    "#F0E442",
    "#0072B2",
    "#D55E00",
    "#CC79A7",
    "#999999",
}  # Okabe & Ito's eight colours, and their neutral grey


def test_one_colour_per_state_colour_blind_safe_and_readable() -> None:
    """Five states, five different colours from the Okabe-Ito palette; the label text on each
    (black or white, whichever contrasts more) reaches WCAG AA's 4.5:1."""
    assert set(STATE_COLORS) == {state.value for state in SeatState}
    assert len(set(STATE_COLORS.values())) == len(STATE_COLORS)
    assert set(STATE_COLORS.values()) <= OKABE_ITO
    for color in (*STATE_COLORS.values(), LAYOUT_COLOR, INVALID_COLOR):
        assert contrast_ratio(ink_on(color), color) >= 4.5, color
    # The frontend reads the same file: a JSON object of #RRGGBB strings.
    assert json.loads(STATE_COLORS_FILE.read_text()) == dict(STATE_COLORS)


def test_state_words_in_every_language() -> None:
    """Every language names every state, and the two languages differ."""
    for language, words in STATE_LABELS.items():
        assert set(words) == set(STATE_COLORS), language
    assert state_label("abandoned", "en") == "Hogged"
    assert state_label("abandoned", "ko-KR") != "Hogged"


def _label_box(image: np.ndarray, corner: tuple[int, int], color: str) -> np.ndarray:
    """The pixels of the label filled with `color` that starts near `corner`."""
    x, y = corner
    height = label_height(image.shape[1])
    region = image[y : y + height, x : x + 6 * height].astype(int)
    return np.all(np.abs(region - np.array(bgr(color))) <= 2, axis=2)


def test_labels_are_filled_with_the_state_colour_and_speak_the_language() -> None:
    """A1's label box has the occupied colour, C1's the hogged colour; the Korean picture
    differs from the English one only where the words are."""
    states = {"A1": "occupied", "C1": "abandoned"}
    english = draw_layout(ZIDANE, SEATS, states, language="en")
    korean = draw_layout(ZIDANE, SEATS, states, language="ko")
    assert _label_box(english, (762, 252), STATE_COLORS["occupied"]).mean() > 0.3
    assert _label_box(english, (42, 42), STATE_COLORS["abandoned"]).mean() > 0.3
    changed = np.any(english != korean, axis=2)
    rows, columns = np.nonzero(changed)
    assert changed.any()
    assert rows.max() < 250 + 2 * label_height(1280)  # only the label strips changed
    assert not changed[300:, :].any()


def test_label_font_draws_hangul() -> None:
    """The bundled font has glyphs for every Korean word of the legend (no empty boxes)."""
    from PIL import ImageFont

    font = ImageFont.truetype(str(LABEL_FONT), 24)
    tofu = font.getmask("\uffff").getbbox()  # what a missing glyph looks like
    for word in STATE_LABELS["ko"].values():
        for character in word.replace(" ", ""):
            assert font.getmask(character).getbbox() != tofu, character


def test_invalid_seat_is_marked_in_dashed_red() -> None:
    """A seat line the layout refuses is drawn in red beside the valid seats."""
    blank = np.zeros((720, 1280, 3), np.uint8)
    bad = InvalidSeat("B2", ((300.0, 300.0), (600.0, 300.0), (300.0, 600.0), (600.0, 600.0)))
    drawn = draw_layout(blank, SEATS, invalid=[bad])
    red = np.all(drawn == np.array(bgr(INVALID_COLOR)), axis=2)
    assert red[290:610, 290:610].sum() > 200
    # Dashed: along the top edge there are gaps.
    top = red[298:303, 320:580].any(axis=0)
    assert 0.3 < top.mean() < 0.8
    # The valid seats are still drawn (A1's outline along its bottom edge).
    layout = np.all(np.abs(drawn.astype(int) - bgr(LAYOUT_COLOR)) <= 2, axis=2)
    assert layout[705:712, 800:1100].any(axis=0).mean() > 0.9
    assert draw_layout(blank, SEATS, invalid=[InvalidSeat("X", ())]).sum() == (
        draw_layout(blank, SEATS).sum()
    )


@pytest.mark.skipif(
    importlib.util.find_spec("fontTools") is None
    or not Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc").is_file(),
    reason="needs fonttools and Debian's fonts-noto-cjk",
)
def test_label_font_rebuilds_byte_for_byte(tmp_path: Path) -> None:
    """scripts/build_label_font.py makes exactly the shipped file."""
    target = tmp_path / "labels.otf"
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_label_font.py"), "--target", str(target)],
        check=True,
        capture_output=True,
    )
    assert target.read_bytes() == LABEL_FONT.read_bytes()

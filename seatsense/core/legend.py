"""The legend of seat states: one colour and one word per state, in every picture and view.

The colours are from Okabe and Ito's palette for colour-blind readers, kept in
`state_colors.json` beside this module so the dashboard card reads the very same file. The
words are the ones Home Assistant shows for the state sensor (its `en` and `ko` translations
are checked against this table by the integration's tests).

>>> STATE_COLORS["abandoned"], state_label("abandoned", "ko")
('#D55E00', '자리 맡기')
>>> state_label("away", "en-GB"), state_label("away", "fr")
('Away', 'Away')
>>> text_color("occupied"), text_color("away")
('#FFFFFF', '#000000')
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

from .engine import SeatState

STATE_COLORS_FILE = Path(__file__).with_name("state_colors.json")

STATE_COLORS: Mapping[str, str] = MappingProxyType(
    json.loads(STATE_COLORS_FILE.read_text(encoding="utf-8"))
)
"""`#RRGGBB` by seat state value (`empty`, `occupied`, `away`, `abandoned`, `unknown`)."""

DEFAULT_LANGUAGE = "en"

STATE_LABELS: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {
        "en": MappingProxyType(
            {
                SeatState.EMPTY: "Empty",
                SeatState.OCCUPIED: "Occupied",
                SeatState.AWAY: "Away",
                SeatState.ABANDONED: "Hogged",
                SeatState.UNKNOWN: "Unknown",
            }
        ),
        "ko": MappingProxyType(
            {
                SeatState.EMPTY: "빈 좌석",
                SeatState.OCCUPIED: "사용 중",
                SeatState.AWAY: "외출",
                SeatState.ABANDONED: "자리 맡기",
                SeatState.UNKNOWN: "알 수 없음",
            }
        ),
    }
)
"""The word for each seat state, by language."""


def language_of(tag: str | None) -> str:
    """The table's language for a language tag (`ko`, `ko-KR`, `en-GB`); English otherwise."""
    base = (tag or "").replace("_", "-").split("-")[0].lower()
    return base if base in STATE_LABELS else DEFAULT_LANGUAGE


def state_label(state: str, language: str | None = DEFAULT_LANGUAGE) -> str:
    """The word for a seat state in `language` (the state value itself if it has none)."""
    return STATE_LABELS[language_of(language)].get(state, state)


def rgb(color: str) -> tuple[int, int, int]:
    """`#RRGGBB` as red, green and blue from 0 to 255.

    >>> rgb("#0072B2")
    (0, 114, 178)
    """
    value = int(color.removeprefix("#"), 16)
    return (value >> 16) & 255, (value >> 8) & 255, value & 255


def relative_luminance(color: str) -> float:
    """WCAG 2's relative luminance of an sRGB colour, 0 (black) to 1 (white)."""

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(c) for c in rgb(color))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2's contrast ratio of two colours, 1 to 21.

    >>> round(contrast_ratio("#000000", "#FFFFFF"), 1)
    21.0
    """
    light, dark = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def ink_on(background: str) -> str:
    """Black or white, whichever reads better on `background`.

    >>> ink_on("#FF0000")
    '#000000'
    """
    return max(("#000000", "#FFFFFF"), key=lambda text: contrast_ratio(text, background))


def text_color(state: str) -> str:
    """The text colour of a label filled with the state's colour."""
    return ink_on(STATE_COLORS[state])


__all__ = [
    "DEFAULT_LANGUAGE",
    "STATE_COLORS",
    "STATE_COLORS_FILE",
    "STATE_LABELS",
    "contrast_ratio",
    "ink_on",
    "language_of",
    "relative_luminance",
    "rgb",
    "state_label",
    "text_color",
]

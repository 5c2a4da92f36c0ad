"""The report's figures, drawn with matplotlib (Agg, no display) as PNG bytes.

Colour-blind safe: occupancy % is drawn with cividis (heatmaps, seat map), categories with the
Okabe-Ito palette. Seat and site names may be Korean: `use_hangul_font` picks a font with
Hangul glyphs (Noto Sans CJK from Debian's fonts-noto-cjk) when the system has one.
"""

from __future__ import annotations

import io
import math
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import matplotlib
import numpy as np
from matplotlib import font_manager
from matplotlib.figure import Figure

from ..core.layout import Site
from ..core.stats import SeatKey
from .data import WEEKDAYS, HourOfDay, ReportData

OKABE_ITO = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "grey": "#999999",
}
OCCUPANCY_CMAP = "cividis"
HANGUL_FONT_FILES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.otf",
)
_DPI = 100
_ROW_IN = 0.2
"""Height of one seat's row in the per-seat figures."""


def use_hangul_font(texts: Iterable[str] = ()) -> str | None:
    """Make matplotlib draw Hangul when any of `texts` (seat and site names) needs more than
    ASCII: a Noto Sans CJK font first, DejaVu Sans behind it. (Loading the CJK font costs
    seconds, so plain names keep the default.) Returns a one-line warning when no such font is
    installed (Korean names then show as boxes).
    """
    if all(text.isascii() for text in texts):
        return None
    family = _hangul_family()
    if family is None:
        return (
            "no font with Hangul glyphs found (install fonts-noto-cjk); Korean names will "
            "show as boxes"
        )
    matplotlib.rcParams["font.family"] = [family, "DejaVu Sans"]
    return None


def _hangul_family() -> str | None:
    for entry in font_manager.fontManager.ttflist:
        if "Noto Sans CJK" in entry.name:
            return "Noto Sans CJK KR" if "KR" in entry.name else str(entry.name)
    for path in HANGUL_FONT_FILES:
        if Path(path).is_file():
            font_manager.fontManager.addfont(path)
            return str(font_manager.FontProperties(fname=path).get_name())
    return None


def png(figure: Figure) -> bytes:
    """The figure as PNG bytes (drawn once: the figures set their own margins, so no
    `bbox_inches="tight"`, which draws everything twice, and no layout engine)."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=_DPI)
    return buffer.getvalue()


def _figure(
    width_in: float, height_in: float, margins_in: tuple[float, float, float, float]
) -> Figure:
    """A figure whose axes keep fixed margins (left, right, top, bottom, in inches): a layout
    engine measures every label again on each draw and costs as much as the drawing."""
    left, right, top, bottom = margins_in
    figure = Figure(figsize=(width_in, height_in), dpi=_DPI)
    figure.subplots_adjust(
        left=left / width_in,
        right=1.0 - right / width_in,
        top=1.0 - top / height_in,
        bottom=bottom / height_in,
    )
    return figure


def label_width_in(labels: Iterable[str], fontsize_pt: float) -> float:
    """About how wide the longest label is drawn, in inches (a wide character such as Hangul
    counts twice); for margins that fit the seat names without measuring them."""
    cells = max(
        (
            sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in label)
            for label in labels
        ),
        default=0,
    )
    return 0.62 * cells * fontsize_pt / 72.0


def _seat_rows_figure(labels: Sequence[str], right_in: float) -> Figure:
    """A 10-inch-wide figure with one row per seat, its left margin fitting the labels."""
    top_in, bottom_in = 0.45, 0.6
    height_in = top_in + bottom_in + max(3, len(labels)) * _ROW_IN
    left_in = 0.25 + label_width_in(labels, 7)
    return _figure(10, height_in, (left_in, right_in, top_in, bottom_in))


def _masked(values: Sequence[Sequence[float | None]]) -> list[list[float]]:
    return [[math.nan if v is None else v for v in row] for row in values]


def seat_hour_heatmap(data: ReportData, labels: Mapping[SeatKey, str]) -> Figure:
    """Seats (rows) x local hour of day (columns), coloured by occupancy %."""
    keys = list(data.seat_hour_pct)
    figure = _seat_rows_figure([labels[key] for key in keys], right_in=0.8)
    axes = figure.subplots()
    image = axes.imshow(
        _masked([data.seat_hour_pct[key] for key in keys]),
        aspect="auto",
        cmap=OCCUPANCY_CMAP,
        vmin=0,
        vmax=100,
        interpolation="nearest",
    )
    axes.set_xticks(range(24), [str(h) for h in range(24)])
    axes.set_yticks(range(len(keys)), [labels[key] for key in keys], fontsize=7)
    axes.set_xlabel("hour of day")
    axes.set_title("Occupancy % by seat and hour of day")
    figure.colorbar(image, ax=axes, label="occupancy %", fraction=0.03)
    return figure


def site_by_hour(hours: Sequence[HourOfDay]) -> Figure:
    """The site's occupancy per hour of day: average (bars) and the peak day (line)."""
    overall = [h for h in hours if h.scope == "all"]
    figure = _figure(10, 4, (0.7, 0.2, 0.4, 0.6))
    axes = figure.subplots()
    x = [h.hour for h in overall]
    axes.bar(x, [h.average_pct or 0.0 for h in overall], color=OKABE_ITO["blue"], label="average")
    axes.plot(
        x,
        [math.nan if h.peak_pct is None else h.peak_pct for h in overall],
        color=OKABE_ITO["vermillion"],
        marker="o",
        label="peak day",
    )
    axes.set_xticks(range(24))
    axes.set_ylim(0, 100)
    axes.set_xlabel("hour of day")
    axes.set_ylabel("occupancy %")
    axes.set_title("Site occupancy over the day")
    axes.legend()
    return figure


def weekday_by_hour(hours: Sequence[HourOfDay]) -> Figure:
    """Weekday (rows) x hour of day, coloured by the average occupancy %."""
    grid: list[list[float | None]] = [[None] * 24 for _ in WEEKDAYS]
    for h in hours:
        if h.scope in WEEKDAYS:
            grid[WEEKDAYS.index(h.scope)][h.hour] = h.average_pct
    figure = _figure(10, 3.2, (0.6, 0.8, 0.4, 0.6))
    axes = figure.subplots()
    image = axes.imshow(_masked(grid), aspect="auto", cmap=OCCUPANCY_CMAP, vmin=0, vmax=100)
    axes.set_xticks(range(24))
    axes.set_yticks(range(7), list(WEEKDAYS))
    axes.set_xlabel("hour of day")
    axes.set_title("Average occupancy % by weekday and hour")
    figure.colorbar(image, ax=axes, label="occupancy %", fraction=0.03)
    return figure


def seats_ranked(data: ReportData, labels: Mapping[SeatKey, str]) -> Figure:
    """Seats by use, most used on top: occupied, hogged and vacant hours stacked."""
    seats = data.seats
    names = [labels[(s.camera_id, s.seat_id)] for s in seats]
    figure = _seat_rows_figure(names, right_in=1.3)
    axes = figure.subplots()
    y = list(range(len(seats)))[::-1]
    occupied = [s.occupied_h for s in seats]
    hogged = [s.hogged_h for s in seats]
    axes.barh(y, occupied, color=OKABE_ITO["blue"], label="occupied")
    axes.barh(y, hogged, left=occupied, color=OKABE_ITO["vermillion"], label="hogged")
    axes.barh(
        y,
        [s.vacant_h for s in seats],
        left=[o + h for o, h in zip(occupied, hogged, strict=True)],
        color=OKABE_ITO["sky_blue"],
        label="vacant",
    )
    axes.set_yticks(y, names, fontsize=7)
    axes.set_ylim(-0.6, len(seats) - 0.4)
    axes.set_xlabel("hours")
    axes.set_title("Seats ranked by use")
    axes.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return figure


def histogram(minutes: Sequence[float], title: str, colour: str) -> Figure:
    """A histogram of durations in minutes."""
    figure = _figure(6, 3.5, (0.85, 0.2, 0.4, 0.6))
    axes = figure.subplots()
    if minutes:
        # An array, not a list: matplotlib checks a list's items one by one.
        values = np.asarray(minutes, dtype=float)
        axes.hist(values, bins=min(30, max(5, len(minutes) // 4)), color=colour)
    else:
        axes.text(
            0.5, 0.5, "none in this range", ha="center", va="center", transform=axes.transAxes
        )
    axes.set_xlabel("minutes")
    axes.set_ylabel("count")
    axes.set_title(title)
    return figure


def seat_map(site: Site, data: ReportData) -> Figure:
    """Each camera's seat polygons, filled by the seat's occupancy %."""
    from matplotlib.patches import Polygon as PolygonPatch

    pct = {(s.camera_id, s.seat_id): s.occupancy_pct for s in data.seats}
    cmap = matplotlib.colormaps[OCCUPANCY_CMAP]
    columns = min(2, len(site.cameras))
    rows = math.ceil(len(site.cameras) / columns)
    figure = Figure(figsize=(6 * columns, 3.8 * rows))
    for index, camera in enumerate(site.cameras):
        axes = figure.add_subplot(rows, columns, index + 1)
        for seat in camera.seats:
            value = pct.get((camera.id, seat.id))
            colour = OKABE_ITO["grey"] if value is None else cmap(value / 100.0)
            axes.add_patch(
                PolygonPatch(seat.polygon, closed=True, facecolor=colour, edgecolor="black")
            )
            xs, ys = zip(*seat.polygon, strict=False)
            text = f"{seat.name or seat.id}\n" + ("–" if value is None else f"{value:.0f}%")
            axes.text(
                sum(xs) / len(xs),
                sum(ys) / len(ys),
                text,
                ha="center",
                va="center",
                fontsize=8,
                color="white" if (value or 0) < 60 else "black",
            )
        axes.set_xlim(0, camera.width)
        axes.set_ylim(camera.height, 0)  # frame pixels: y grows downwards
        axes.set_aspect("equal")
        axes.set_xticks([])
        axes.set_yticks([])
        axes.set_title(camera.name or camera.id)
    figure.colorbar(
        matplotlib.cm.ScalarMappable(norm=matplotlib.colors.Normalize(0, 100), cmap=cmap),
        ax=figure.axes,
        label="occupancy %",
        fraction=0.03,
    )
    figure.suptitle(f"{site.name}: seat occupancy")
    return figure

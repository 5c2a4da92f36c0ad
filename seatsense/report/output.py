"""Writing a report: `report.html` (one file, images inside), the figures as PNG files and the
numbers as CSV (`seats.csv`, `hours.csv`, `incidents.csv`, `downtime.csv`)."""

from __future__ import annotations

import base64
import csv
import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from pathlib import Path

from matplotlib.figure import Figure

from ..core.layout import Site
from ..core.stats import SeatKey
from . import charts
from .data import Interval, Progress, ReportData, load_report

SEATS_HEADER = (
    "rank",
    "camera_id",
    "seat_id",
    "name",
    "occupied_h",
    "vacant_h",
    "hogged_h",
    "unknown_h",
    "occupancy_pct",
    "entries",
)
HOURS_HEADER = ("scope", "hour", "days", "average_pct", "peak_pct")
INCIDENTS_HEADER = ("camera_id", "seat_id", "from", "to", "minutes", "open")
DOWNTIME_HEADER = ("camera_id", "from", "to", "minutes", "open")


@dataclass(frozen=True)
class Chart:
    """One figure of the report: its file name, heading and PNG bytes."""

    name: str
    title: str
    png: bytes


def seat_names(site: Site | None) -> dict[SeatKey, str]:
    """The seats' names in the site file, for the seats that have one."""
    if site is None:
        return {}
    return {
        (camera.id, seat.id): seat.name
        for camera in site.cameras
        for seat in camera.seats
        if seat.name
    }


def seat_labels(data: ReportData, site: Site | None) -> dict[SeatKey, str]:
    """`camera/seat`, with the seat's name from the site file where it has one."""
    names = seat_names(site)
    return {
        key: f"{key[0]}/{key[1]}" + (f" {names[key]}" if key in names else "")
        for key in data.seat_hour_pct
    }


ChartPlan = tuple[str, str, Callable[[], Figure]]


def chart_plans(data: ReportData, site: Site | None) -> list[ChartPlan]:
    """Every figure of the report, not drawn yet (name, heading, draw), in the HTML's order."""
    labels = seat_labels(data, site)
    plans: list[ChartPlan] = [
        (
            "heatmap",
            "Occupancy by seat and hour of day",
            lambda: charts.seat_hour_heatmap(data, labels),
        ),
        ("site_by_hour", "Site occupancy over the day", lambda: charts.site_by_hour(data.hours)),
    ]
    if any(h.scope != "all" for h in data.hours):
        plans.append(
            ("weekday_by_hour", "Occupancy by weekday", lambda: charts.weekday_by_hour(data.hours))
        )
    plans += [
        ("seats_ranked", "Seats ranked by use", lambda: charts.seats_ranked(data, labels)),
        (
            "stay_lengths",
            "Stay lengths",
            lambda: charts.histogram(data.stays_min, "Stay lengths", charts.OKABE_ITO["blue"]),
        ),
        (
            "vacancy_gaps",
            "Vacancy gaps",
            lambda: charts.histogram(
                data.vacancy_gaps_min,
                "Vacancy gaps (leave to next arrival)",
                charts.OKABE_ITO["green"],
            ),
        ),
    ]
    if site is not None:
        plans.append(("seat_map", "Seat map", lambda: charts.seat_map(site, data)))
    return plans


def draw_charts(
    plans: Sequence[ChartPlan], progress: Callable[[str], None] | None = None
) -> list[Chart]:
    """Draw the planned figures as PNG."""
    drawn: list[Chart] = []
    for name, title, draw in plans:
        drawn.append(Chart(name, title, charts.png(draw())))
        if progress is not None:
            progress(name)
    return drawn


def _number(value: float | None, digits: int) -> str:
    return "" if value is None else f"{value:.{digits}f}"


def _local(data: ReportData, t: float) -> str:
    return datetime.fromtimestamp(t, data.tz).isoformat(timespec="seconds")


def seats_rows(data: ReportData, site: Site | None) -> list[list[str]]:
    """The rows of `seats.csv` (without the header), most used seat first."""
    names = seat_names(site)
    return [
        [
            str(rank),
            s.camera_id,
            s.seat_id,
            names.get((s.camera_id, s.seat_id), ""),
            _number(s.occupied_h, 3),
            _number(s.vacant_h, 3),
            _number(s.hogged_h, 3),
            _number(s.unknown_h, 3),
            _number(s.occupancy_pct, 1),
            str(s.entries),
        ]
        for rank, s in enumerate(data.seats, 1)
    ]


def hours_rows(data: ReportData) -> list[list[str]]:
    """The rows of `hours.csv`: per scope (all, then weekdays) and hour of day."""
    return [
        [h.scope, str(h.hour), str(h.days), _number(h.average_pct, 1), _number(h.peak_pct, 1)]
        for h in data.hours
    ]


def interval_rows(data: ReportData, intervals: Sequence[Interval], seat: bool) -> list[list[str]]:
    """The rows of `incidents.csv` (`seat=True`) or `downtime.csv`."""
    return [
        [
            i.camera_id,
            *([i.seat_id or ""] if seat else []),
            _local(data, i.start_s),
            _local(data, i.end_s),
            _number(i.minutes, 1),
            "yes" if i.open else "no",
        ]
        for i in intervals
    ]


def _write_csv(path: Path, header: Sequence[str], rows: list[list[str]]) -> None:
    # utf-8-sig: spreadsheet programs then read Korean names correctly.
    with path.open("w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


def write_report(
    data: ReportData,
    out_dir: Path,
    site: Site | None = None,
    progress: Callable[[str], None] | None = None,
) -> list[Path]:
    """Write every file of the report into `out_dir` (created); returns their paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    drawn = draw_charts(chart_plans(data, site), progress)
    written: list[Path] = []
    for chart in drawn:
        path = out_dir / f"{chart.name}.png"
        path.write_bytes(chart.png)
        written.append(path)
    tables = {
        "seats.csv": (SEATS_HEADER, seats_rows(data, site)),
        "hours.csv": (HOURS_HEADER, hours_rows(data)),
        "incidents.csv": (INCIDENTS_HEADER, interval_rows(data, data.incidents, seat=True)),
        "downtime.csv": (DOWNTIME_HEADER, interval_rows(data, data.downtime, seat=False)),
    }
    for name, (header, rows) in tables.items():
        _write_csv(out_dir / name, header, rows)
        written.append(out_dir / name)
    page = out_dir / "report.html"
    page.write_text(render_html(data, site, drawn), encoding="utf-8")
    written.append(page)
    return written


def font_texts(data: ReportData, site: Site | None) -> list[str]:
    """Every name a figure may show (site, cameras, seats), for `charts.use_hangul_font`."""
    names = []
    if site is not None:
        names.append(site.name)
        for camera in site.cameras:
            names += [camera.name or "", *(seat.name or "" for seat in camera.seats)]
    return [*names, *(part for key in data.seat_hour_pct for part in key)]


def make_report(
    log: Path,
    out_dir: Path,
    tz: tzinfo,
    first_day: date | None = None,
    last_day: date | None = None,
    site: Site | None = None,
    progress: Progress | None = None,
) -> tuple[ReportData, list[Path]]:
    """Read the log, pick a font for the names and write the report into `out_dir`: what
    `seatsense report` does, for callers such as Home Assistant (CPU-bound: run it off any
    event loop). Raises `ReportError` as `load_report` does."""
    extra = [(c.id, s.id) for c in site.cameras for s in c.seats] if site else []
    data = load_report(log, tz, first_day, last_day, extra, progress=progress)
    charts.use_hangul_font(font_texts(data, site))
    return data, write_report(data, out_dir, site)


def _table(header: Sequence[str], rows: list[list[str]], empty: str) -> str:
    if not rows:
        return f"<p class='none'>{html.escape(empty)}</p>"
    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in row) + "</tr>" for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


_STYLE = """body{font-family:'Noto Sans CJK KR','Noto Sans KR',sans-serif;margin:2em;color:#222}
img{max-width:100%;height:auto}table{border-collapse:collapse;margin:1em 0}
td,th{border:1px solid #ccc;padding:2px 8px;text-align:right}th{background:#eee}
.none{color:#666}"""


def render_html(data: ReportData, site: Site | None, drawn: Sequence[Chart]) -> str:
    """The whole report as one HTML page; the figures are inside it as data: URIs."""
    title = f"{site.name if site else 'seatsense'}: utilisation {data.first_day} – {data.last_day}"
    figures = "".join(
        f"<h2>{html.escape(chart.title)}</h2><img alt='{html.escape(chart.title)}' "
        f"src='data:image/png;base64,{base64.b64encode(chart.png).decode('ascii')}'>"
        for chart in drawn
    )
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{html.escape(title)}</title><style>{_STYLE}</style></head><body>"
        f"<h1>{html.escape(title)}</h1>"
        f"<p>{data.days} day(s), time zone {html.escape(str(data.tz))}, "
        f"{len(data.seats)} seats.</p>{figures}"
        "<h2>Seats</h2>"
        + _table(SEATS_HEADER, seats_rows(data, site), "no seats")
        + "<h2>Hogging incidents</h2>"
        + _table(
            INCIDENTS_HEADER,
            interval_rows(data, data.incidents, seat=True),
            "no hogging in this range",
        )
        + "<h2>Camera downtime</h2>"
        + _table(
            DOWNTIME_HEADER,
            interval_rows(data, data.downtime, seat=False),
            "no camera went offline in this range",
        )
        + "</body></html>"
    )

"""The site's history, read from its SQLite event log: each seat's hourly occupancy as
long-term statistics of the recorder, and the utilisation report (daily and by the action).

Statistics are external (`seatsense:<site>_<camera>_<seat>_occupancy`, no entities): the
occupied % of each whole UTC hour, imported once the hour has settled, from the hour after
the last one the recorder holds, so a restart neither repeats nor skips an hour. A local
site's log is its monitor's; a remote site logs the events its server sends (the server's API
hands out no history), so its numbers start when Home Assistant began to follow it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
from collections import defaultdict
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from homeassistant.const import PERCENTAGE
from homeassistant.core import CALLBACK_TYPE, HomeAssistant
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers.event import async_track_time_change
from homeassistant.requirements import RequirementsNotFound, async_process_requirements
from homeassistant.util import dt as dt_util
from homeassistant.util import slugify

from seatsense.report import NoDataError, ReportError, check_database

from .backend import extra_requirements
from .const import (
    DAILY_REPORT_DAYS,
    DAILY_REPORT_TIME,
    DOMAIN,
    REPORT_FOLDER,
    REPORT_RETENTION_DAYS,
    STATISTICS_MINUTE,
    STATISTICS_SETTLE_S,
)
from .coordinator import GeneratedReport, SeatsenseCoordinator

if TYPE_CHECKING:
    from homeassistant.components.recorder.models import StatisticData, StatisticMetaData

    from seatsense.report.occupancy import SeatHour

_LOGGER = logging.getLogger(__name__)
REPORT_EXTRA = "report"
REPORT_FOLDER_NAME = re.compile(r"\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}")
"""A report's folder: its first and last local day."""
REPORT_FILE_NAME = re.compile(r"[a-z_]+\.(html|png|csv)")
"""The files a report writes."""
HOUR_S = 3600.0
MEDIA_SOURCE_LOCAL = "local"
"""The media folder Home Assistant makes by default (`<config>/media`, `/media` in a container)."""
MEDIA_FOLDER = "seatsense"


def media_folder(hass: HomeAssistant) -> Path:
    """`seatsense` in Home Assistant's local media folder: allowed without configuration,
    shown under Media > My media, and served only to signed-in users (not like `www`)."""
    media = hass.config.media_dirs.get(MEDIA_SOURCE_LOCAL) or hass.config.path("media")
    return Path(media) / MEDIA_FOLDER


class HistoryError(HomeAssistantError):
    """No statistics or report: the translation key says why."""


def statistic_id(site: str, camera_id: str, seat_id: str) -> str:
    """`seatsense:<site>_<camera>_<seat>_occupancy`, each part as a slug."""
    return f"{DOMAIN}:{slugify(f'{site} {camera_id} {seat_id}')}_occupancy"


async def async_import_occupancy(
    coordinator: SeatsenseCoordinator, now: datetime | None = None
) -> int:
    """Import every hour settled by `now` (default: now) not yet in the recorder; returns the
    rows handed to it."""
    hass = coordinator.hass
    log = coordinator.backend.event_log
    if log is None or "recorder" not in hass.config.components:
        return 0
    from homeassistant.components.recorder.statistics import (
        async_add_external_statistics,
        get_last_statistics,
    )
    from homeassistant.helpers.recorder import get_instance

    site = coordinator.config_entry.title
    ids = {
        (camera.id, seat.id): statistic_id(site, camera.id, seat.id)
        for camera, seat in coordinator.seats()
    }
    resume: dict[str, float | None] = {}
    for sid in ids.values():
        last = await get_instance(hass).async_add_executor_job(
            get_last_statistics, hass, 1, sid, False, {"mean"}
        )
        resume[sid] = float(last[sid][0]["start"]) + HOUR_S if last.get(sid) else None
    end_s = (now or dt_util.utcnow()).timestamp() - STATISTICS_SETTLE_S
    rows = await hass.async_add_executor_job(_settled_hours, log, resume, list(ids), end_s)
    by_seat: dict[str, list[StatisticData]] = defaultdict(list)
    for row in rows:
        sid = ids[(row.camera_id, row.seat_id)]
        start = resume[sid]
        if start is None or row.hour_start_s >= start:
            by_seat[sid].append(_statistic(row))
    names = {(camera.id, seat.id): (camera, seat) for camera, seat in coordinator.seats()}
    for key, sid in ids.items():
        if by_seat[sid]:
            camera, seat = names[key]
            label = f"{site} {camera.name or camera.id} {seat.name or seat.id}"
            async_add_external_statistics(hass, _metadata(sid, label), by_seat[sid])
    return sum(len(listed) for listed in by_seat.values())


def _settled_hours(
    log: Path, resume: dict[str, float | None], seats: list[tuple[str, str]], end_s: float
) -> list[SeatHour]:
    """The log's whole hours from the earliest hour some seat still needs (executor)."""
    from seatsense.report.occupancy import hourly_occupancy

    known = [start for start in resume.values() if start is not None]
    if len(known) < len(resume):  # a seat never imported: from the log's beginning
        try:
            first, _ = check_database(log)
        except ReportError:
            return []
        if first is None:
            return []
        known.append(first)
    return hourly_occupancy(log, min(known), end_s, seats)


def _statistic(row: SeatHour) -> StatisticData:
    return {
        "start": dt_util.utc_from_timestamp(row.hour_start_s),
        "mean": row.occupied_pct,
        "min": row.min_pct,
        "max": row.max_pct,
    }


def _metadata(sid: str, name: str) -> StatisticMetaData:
    from homeassistant.components.recorder.models import StatisticMeanType

    return {
        "mean_type": StatisticMeanType.ARITHMETIC,
        "has_sum": False,
        "name": f"{name} occupancy",
        "source": DOMAIN,
        "statistic_id": sid,
        "unit_of_measurement": PERCENTAGE,
    }


def report_base(hass: HomeAssistant, site: str) -> Path:
    """`<media>/seatsense/reports/<site>`: the media browser shows the figures (and the page
    beside them in the folder), only signed-in users reach them (never `www`)."""
    return media_folder(hass) / REPORT_FOLDER / slugify(site)


async def async_generate_report(
    coordinator: SeatsenseCoordinator, first_day: date, last_day: date
) -> GeneratedReport:
    """Write the site's report for local days `first_day`..`last_day` (in the executor: it
    is CPU-bound), make it the site's latest and tell the entities; `HistoryError` when the
    site has no log, matplotlib cannot be had, or the log holds nothing for those days."""
    hass = coordinator.hass
    log = coordinator.backend.event_log
    site = coordinator.config_entry.title
    if log is None:
        raise HistoryError(
            translation_domain=DOMAIN,
            translation_key="no_event_log",
            translation_placeholders={"site": site},
        )
    try:
        requirements = await hass.async_add_executor_job(extra_requirements, REPORT_EXTRA)
    except ImportError:  # pragma: no cover - a source checkout has no metadata
        requirements = []
    try:
        await async_process_requirements(hass, DOMAIN, requirements)
    except RequirementsNotFound as err:
        raise HistoryError(
            translation_domain=DOMAIN,
            translation_key="report_unavailable",
            translation_placeholders={"error": str(err)},
        ) from err
    directory = report_base(hass, site) / f"{first_day}_{last_day}"
    try:
        files = await hass.async_add_executor_job(
            _write_report, log, directory, coordinator, first_day, last_day
        )
    except NoDataError as err:
        raise HistoryError(
            translation_domain=DOMAIN,
            translation_key="report_no_data",
            translation_placeholders={
                "site": site,
                "start": first_day.isoformat(),
                "end": last_day.isoformat(),
            },
        ) from err
    except ReportError as err:
        raise HistoryError(
            translation_domain=DOMAIN,
            translation_key="report_failed",
            translation_placeholders={"site": site, "error": str(err)},
        ) from err
    report = GeneratedReport(first_day, last_day, directory, tuple(files), dt_util.utcnow())
    coordinator.latest_report = report
    coordinator.async_update_listeners()
    return report


def _write_report(
    log: Path, directory: Path, coordinator: SeatsenseCoordinator, first_day: date, last_day: date
) -> list[Path]:
    from seatsense.report.output import make_report

    _, files = make_report(
        log, directory, dt_util.get_default_time_zone(), first_day, last_day, coordinator.site
    )
    return files


def daily_range(now: datetime, days: int) -> tuple[date, date]:
    """The `days` local days up to yesterday."""
    yesterday = dt_util.as_local(now).date() - timedelta(days=1)
    return yesterday - timedelta(days=days - 1), yesterday


def find_latest_report(base: Path) -> GeneratedReport | None:
    """The newest report in the site's folder (after a restart), or None (executor)."""
    found: list[tuple[float, Path]] = []
    for figure in base.glob("*_*/heatmap.png"):
        found.append((figure.stat().st_mtime, figure.parent))
    if not found:
        return None
    made, directory = max(found)
    try:
        first, last = (date.fromisoformat(part) for part in directory.name.split("_"))
    except ValueError:
        return None
    files = tuple(sorted(path for path in directory.iterdir() if path.is_file()))
    return GeneratedReport(first, last, directory, files, dt_util.utc_from_timestamp(made))


def prune_reports(base: Path, cutoff_s: float) -> list[str]:
    """Delete the report folders in `base` last written before `cutoff_s` (only folders
    named as reports, only the files a report has); returns their names (executor)."""
    removed = []
    for folder in base.glob("*_*"):
        if not REPORT_FOLDER_NAME.fullmatch(folder.name) or folder.stat().st_mtime >= cutoff_s:
            continue
        for path in folder.iterdir():
            if REPORT_FILE_NAME.fullmatch(path.name):
                path.unlink()
        with contextlib.suppress(OSError):  # something else lies there: the folder stays
            folder.rmdir()
        removed.append(folder.name)
    return sorted(removed)


def async_setup_history(coordinator: SeatsenseCoordinator) -> list[CALLBACK_TYPE]:
    """Import the settled hours now and every hour, find the latest report, and write the
    daily one shortly after local midnight; returns what stops the timers."""
    hass = coordinator.hass
    entry = coordinator.config_entry
    lock = asyncio.Lock()

    async def import_hours(now: datetime | None = None) -> None:
        async with lock:  # the hourly timer and a start never import at once
            await async_import_occupancy(coordinator, now)

    async def daily_report(now: datetime) -> None:
        first, last = daily_range(now, DAILY_REPORT_DAYS)
        try:
            report = await async_generate_report(coordinator, first, last)
        except HistoryError as err:
            _LOGGER.warning("%s: no daily report: %s", entry.title, err)
            return
        cutoff_s = now.timestamp() - REPORT_RETENTION_DAYS * 86400
        await hass.async_add_executor_job(prune_reports, report.directory.parent, cutoff_s)

    async def find_latest() -> None:
        base = report_base(hass, entry.title)
        coordinator.latest_report = await hass.async_add_executor_job(find_latest_report, base)
        coordinator.async_update_listeners()

    entry.async_create_task(hass, import_hours(), f"{DOMAIN} statistics")
    entry.async_create_task(hass, find_latest(), f"{DOMAIN} latest report")
    hour, minute = DAILY_REPORT_TIME
    return [
        async_track_time_change(hass, import_hours, minute=STATISTICS_MINUTE, second=0),
        async_track_time_change(hass, daily_report, hour=hour, minute=minute, second=0),
    ]

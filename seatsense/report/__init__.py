"""Utilisation reports from the SQLite event log: which seats, which hours, how much hogging.

- `data`: `load_report` reads the log for a range of local days and computes the numbers;
- `charts`: the figures (matplotlib, the `report` extra);
- `output`: `write_report` writes report.html, the PNG figures and the CSV tables;
  `make_report` does all of it from a log path (Home Assistant's action and daily report);
- `occupancy`: each seat's occupied % per whole UTC hour (Home Assistant's statistics).
"""

from .data import (
    HourOfDay,
    Interval,
    NoDataError,
    ReportData,
    ReportError,
    SeatUse,
    camera_downtime,
    check_database,
    hogging_incidents,
    load_report,
    local_midnight,
    local_zone,
    parse_day,
    parse_zone,
)

__all__ = [
    "HourOfDay",
    "Interval",
    "NoDataError",
    "ReportData",
    "ReportError",
    "SeatUse",
    "camera_downtime",
    "check_database",
    "hogging_incidents",
    "load_report",
    "local_midnight",
    "local_zone",
    "parse_day",
    "parse_zone",
]

"""`seatsense report` on the command line: one-line errors naming the fix, the demo-to-report
pair end to end, and the HTML opened in Chromium."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from seatsense.cli import main
from seatsense.core.engine import Event, EventType
from seatsense.live.store import EventStore

CHROMIUM = Path("/usr/bin/chromium")


def error_of(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(["report", *argv]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1, err
    return err


@pytest.fixture
def small_log(tmp_path: Path) -> Path:
    path = tmp_path / "small.sqlite"
    with EventStore(path) as store:
        store.write_events(
            [
                Event(EventType.PERSON_ENTER, 1_775_000_000.0, "c1", "A1"),
                Event(EventType.PERSON_LEAVE, 1_775_003_600.0, "c1", "A1"),
            ]
        )
    return path


def test_missing_database(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    err = error_of(capsys, "--db", str(tmp_path / "nope.sqlite"), "-o", str(tmp_path / "o"))
    assert "nope.sqlite: no such file" in err and "seatsense run --db" in err


def test_foreign_sqlite_is_refused_and_left_unchanged(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    foreign = tmp_path / "shop.sqlite"
    with sqlite3.connect(foreign) as db:
        db.execute("CREATE TABLE orders (id INTEGER)")
    before = foreign.read_bytes()
    err = error_of(capsys, "--db", str(foreign), "-o", str(tmp_path / "o"))
    assert "not a seatsense event log" in err and "events" in err
    assert foreign.read_bytes() == before
    assert not (tmp_path / "o").exists()


def test_file_that_is_not_sqlite(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    text = tmp_path / "notes.sqlite"
    text.write_text("these are not the tables you are looking for\n" * 20)
    err = error_of(capsys, "--db", str(text), "-o", str(tmp_path / "o"))
    assert "not an SQLite database" in err


def test_range_without_data(
    capsys: pytest.CaptureFixture[str], small_log: Path, tmp_path: Path
) -> None:
    err = error_of(
        capsys,
        "--db",
        str(small_log),
        "--from",
        "2025-01-01",
        "--to",
        "2025-01-31",
        "--tz",
        "UTC",
        "-o",
        str(tmp_path / "o"),
    )
    assert "no seat events between 2025-01-01 and 2025-01-31" in err and "--from/--to" in err


def test_empty_log(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    EventStore(tmp_path / "empty.sqlite").close()
    err = error_of(capsys, "--db", str(tmp_path / "empty.sqlite"), "-o", str(tmp_path / "o"))
    assert "holds no events yet" in err


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["--from", "2026-13-01"], "--from '2026-13-01' is not a date: write it as YYYY-MM-DD"),
        (["--to", "29.03.2026"], "--to '29.03.2026' is not a date"),
        (["--from", "2026-03-29", "--to", "2026-03-28"], "is before --from 2026-03-29: swap"),
        (["--tz", "Mars/Olympus"], "--tz 'Mars/Olympus' is not a known time zone"),
    ],
)
def test_bad_dates_and_zones(
    capsys: pytest.CaptureFixture[str],
    small_log: Path,
    tmp_path: Path,
    argv: list[str],
    expected: str,
) -> None:
    assert expected in error_of(capsys, "--db", str(small_log), "-o", str(tmp_path / "o"), *argv)


def seatsense(*argv: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[3]))
    return subprocess.run(
        [sys.executable, "-m", "seatsense.cli", *argv],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


@pytest.fixture(scope="module")
def demo_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`seatsense demo --db` (a window: B2 sits down at 30 s, B3 at 60 s) then `report`."""
    work = tmp_path_factory.mktemp("demo")
    demo = seatsense(
        "demo", "--db", "demo.sqlite", "--start", "20", "--end", "75", "--interval", "5", cwd=work
    )
    assert demo.returncode == 0, demo.stderr
    assert "2 events written to demo.sqlite" in demo.stderr
    made = seatsense("report", "--db", "demo.sqlite", "-o", "report", cwd=work)
    assert made.returncode == 0, made.stderr
    return work / "report"


def test_demo_then_report(demo_report: Path) -> None:
    names = {p.name for p in demo_report.iterdir()}
    assert {
        "report.html",
        "seats.csv",
        "hours.csv",
        "incidents.csv",
        "heatmap.png",
        "site_by_hour.png",
        "seats_ranked.png",
    } <= names
    seats = (demo_report / "seats.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(seats) == 1 + 8  # every seat of the demo room, with or without events
    # The log spans 09:00:00 (the hour of its first hourly row) to 09:01:15 (the statuses):
    # B2 sat from 09:00:30 (45 s = 0.0125 h, 30 s vacant), B3 from 09:01:00.
    by_seat = {row.split(",")[2]: row.split(",") for row in seats[1:]}
    assert by_seat["B2"][4:6] == ["0.013", "0.008"] and by_seat["B2"][9] == "1"
    assert by_seat["B3"][4:6] == ["0.004", "0.017"] and by_seat["B3"][9] == "1"
    assert by_seat["A1"][8] == "0.0"
    html = (demo_report / "report.html").read_text(encoding="utf-8")
    assert "http://" not in html and "https://" not in html


@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed")
def test_report_html_in_chromium(demo_report: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    page_url = (demo_report / "report.html").resolve().as_uri()
    requests: list[str] = []
    problems: list[str] = []
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        try:
            page = browser.new_page()
            page.on("request", lambda request: requests.append(request.url))
            page.on(
                "console",
                lambda message: problems.append(message.text) if message.type == "error" else None,
            )
            page.on("pageerror", lambda error: problems.append(str(error)))
            page.goto(page_url, wait_until="load")
            widths = page.eval_on_selector_all("img", "imgs => imgs.map(i => i.naturalWidth)")
            title = page.title()
            tables = page.eval_on_selector_all("table", "tables => tables.length")
        finally:
            browser.close()
    pngs = [p for p in demo_report.iterdir() if p.suffix == ".png"]
    assert len(widths) == len(pngs) and all(width > 0 for width in widths), widths
    assert "utilisation" in title and tables >= 1
    assert problems == []
    assert [url for url in requests if url != page_url and not url.startswith("data:")] == []

"""The command line's parts: one parser from the command modules, one progress renderer."""

from __future__ import annotations

import io

import pytest

from seatsense.cli.main import COMMANDS, build_parser, main
from seatsense.cli.progress import ProgressBar, clock, status_line
from seatsense.core.engine import SeatState, SeatStatus
from seatsense.core.status import CameraStatus, MonitorUpdate


def test_the_parser_has_exactly_the_listed_commands_in_order() -> None:
    help_text = build_parser().format_help()
    listed = [line.split()[0] for line in help_text.split("COMMAND\n", 1)[1].splitlines()[:8]]
    assert listed == ["eval", "check-layout", "snapshot", "run", "serve", "demo", "soak", "report"]
    assert len(COMMANDS) == 8


def test_the_benchmarks_are_not_shipped_commands(capsys: pytest.CaptureFixture[str]) -> None:
    for command in ("bench", "bench-server"):
        with pytest.raises(SystemExit) as exited:
            main([command])
        assert exited.value.code == 2
    assert "invalid choice: 'bench'" in capsys.readouterr().err


def test_status_line_counts_seats_by_state_per_camera() -> None:
    seats = {
        "A1": SeatStatus(SeatState.OCCUPIED),
        "A2": SeatStatus(SeatState.OCCUPIED),
        "A3": SeatStatus(SeatState.EMPTY),
    }
    update = MonitorUpdate(
        time_s=0.0,
        cameras={
            "hall": CameraStatus(True, 2, {}, seats),
            "door": CameraStatus(False, 0, {}, {"B1": SeatStatus(SeatState.UNKNOWN)}),
        },
    )
    assert status_line(update) == "hall[on] empty=1 occupied=2 | door[OFF] unknown=1"


def test_clock_shows_minutes_and_seconds() -> None:
    assert [clock(t) for t in (0.0, 59.0, 754.0, 61.5, 1800.0)] == [
        "00:00",
        "00:59",
        "12:34",
        "01:01.5",
        "30:00",
    ]


def test_progress_bar_redraws_one_line_and_clears_for_other_output() -> None:
    stream = io.StringIO()
    bar = ProgressBar("demo", total=4, end_s=120.0, stream=stream)
    bar.draw(1, 30.0, "1 occupied")
    bar.clear()
    bar.draw(4, 120.0, "0 occupied")
    bar.finish()
    first, _, last = stream.getvalue().split("\r")[1:]
    assert first == "demo [" + "#" * 8 + "." * 22 + "]  25% 00:30/02:00  1 occupied "
    assert last == "demo [" + "#" * 30 + "] 100% 02:00/02:00  0 occupied \n"
    assert "\x1b[K" in stream.getvalue()

"""`seatsense demo`: the demo scenario through the pipeline in the terminal, checked against
the timeline (a short window of it, so the test stays quick)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from seatsense.cli import main


def test_demo_json_matches_the_timeline_on_a_window(capsys: pytest.CaptureFixture[str]) -> None:
    # 20-75 s: B2 sits down at 30 s, B3 at 60 s (default timeline).
    assert main(["demo", "--start", "20", "--end", "75", "--interval", "5", "--json"]) == 0
    out, err = capsys.readouterr()
    summary = json.loads(out)
    assert summary["ok"] is True, summary
    assert (summary["start_s"], summary["end_s"], summary["samples"]) == (20.0, 75.0, 12)
    assert summary["expected"] == summary["matched"] == summary["events"] == 2
    assert summary["missing"] == summary["spurious"] == []
    got = [(e["seat_id"], e["type"], e["time_s"]) for e in summary["event_log"]]
    assert got == [("B2", "person_enter", 30.0), ("B3", "person_enter", 60.0)]
    assert "demo [" not in err  # no terminal: no progress bar unless asked for


def test_demo_prints_events_as_they_happen_with_a_progress_bar(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["demo", "--start", "24", "--end", "39", "--human", "--progress"]) == 0
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert lines[0].split() == ["00:30", "B2", "person_enter"]
    assert "every event as the scenario expects" in lines[1]
    assert "1 matched" in lines[2] and "0 missing, 0 spurious" in lines[2]
    assert "demo [" in err and "100%" in err and "00:39/00:39" in err


def test_demo_default_output_is_json_lines_with_the_summary_on_stderr(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["demo", "--start", "27", "--end", "36", "--no-progress"]) == 0
    out, err = capsys.readouterr()
    event = json.loads(out.strip())  # exactly one line
    assert (event["type"], event["seat_id"], event["time_s"]) == ("person_enter", "B2", 30.0)
    assert "every event as the scenario expects" in err and "demo [" not in err


@pytest.mark.parametrize(
    "args",
    [["--interval", "0"], ["--speed", "-1"], ["--start", "100", "--end", "50"]],
)
def test_demo_rejects_bad_arguments_in_one_line(
    args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["demo", *args]) == 2
    err = capsys.readouterr().err
    assert err.startswith("seatsense: error:") and err.strip().count("\n") == 0


def test_demo_help() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "seatsense.cli", "demo", "--help"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0 and "--speed" in result.stdout and "--human" in result.stdout

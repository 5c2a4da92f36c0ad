"""The benchmark machinery (`python -m benchmarks.bench`), for a few seconds on two channels
(not a timed test)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks.bench import main
from benchmarks.live import BenchConfig, format_report, run_bench
from benchmarks.scenes import bench_site, seat_polygons
from tests.lib.rtsp import rtsp_missing

needs_rtsp = pytest.mark.skipif((reason := rtsp_missing()) is not None, reason=reason or "")

KEYS = (
    "cycle_p50_s",
    "cycle_p95_s",
    "step_p95_s",
    "rechecks",
    "cpu_cores_mean",
    "peak_rss_mb",
    "cpu_s_per_cycle",
    "naive_cpu_ratio",
    "frame_age_p95_s",
    "inferences",
    "reused",
    "server_cpu_cores_mean",
)


def test_bench_site_has_eight_valid_seats_per_camera() -> None:
    site = bench_site(
        ["rtsp://127.0.0.1:1/ch1", "rtsp://127.0.0.1:1/ch2"], 1280, 720, 3.0, "bundled"
    )
    assert [len(c.seats) for c in site.cameras] == [8, 8]
    for polygon in seat_polygons(1920, 1080):
        for x, y in polygon:
            assert 0 <= x <= 1920 and 0 <= y <= 1080


@needs_rtsp
@pytest.mark.slow
def test_bench_runs_and_reports(tmp_path: Path) -> None:
    config = BenchConfig(
        channels=2,
        resolution="720p",
        duration_s=3.0,
        interval_s=1.0,
        naive_channels=1,
        naive_duration_s=2.0,
        clip_dir=tmp_path,
        clip_seconds=6.0,
    )
    report = run_bench(config)
    for key in KEYS:
        assert key in report, key
    assert json.loads(json.dumps(report)) == report
    assert report["channels"] == 2
    assert report["cycles"] >= 2
    assert 0 < report["cycle_p50_s"] <= report["cycle_p95_s"] <= report["step_p95_s"] < 30
    assert report["cpu_s_per_cycle"] > 0 and report["cpu_cores_mean"] > 0
    assert 50 < report["peak_rss_mb"] < 8192
    assert report["inferences"] + report["reused"] == report["camera_cycles"] > 0
    assert report["offline_camera_cycles"] == 0
    assert report["frame_age_p95_s"] is not None and report["frame_age_p95_s"] < 10
    # Gate off: every camera-cycle is a fresh inference.
    off = report["gate_off"]
    assert off["reused"] == 0 and off["inferences"] == off["camera_cycles"] > 0
    naive = report["naive"]
    assert naive["channels_run"] == 1 and naive["scaled_to"] == 2
    assert naive["decoded_fps_per_channel"] > 5  # it really decodes every frame
    assert report["naive_cpu_ratio"] > 0
    assert "targets" in report and "cycle p50" in format_report(report)
    assert len(list(tmp_path.glob("changing-720p-*.h264"))) == 2


@needs_rtsp
@pytest.mark.slow
def test_bench_cli_static_scene_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        ["--channels", "1", "--resolution", "720p", "--duration", "2",
         "--interval", "1", "--scene", "static", "--no-gate-off", "--naive-channels", "0",
         "--clip-dir", str(tmp_path), "--json"]
    )  # fmt: skip
    assert code == 0
    report = json.loads(capsys.readouterr().out)
    assert report["channels"] == 1 and report["naive_cpu_ratio"] is None
    assert "gate_off" not in report and report["cycle_p95_s"] > 0


@pytest.mark.usefixtures("socket_enabled")  # the clients talk to 127.0.0.1 only
def test_bench_server_smoke_run_loses_nothing() -> None:
    from benchmarks.server_load import ServerBenchConfig, run_server_bench

    report = run_server_bench(ServerBenchConfig(clients=5, cameras=2, duration_s=5.0))
    for key in (
        "clients",
        "cameras",
        "duration_s",
        "events",
        "latency_p50_ms",
        "latency_p95_ms",
        "rss_start_mb",
        "rss_end_mb",
        "rss_peak_mb",
        "messages_lost",
    ):
        assert key in report
    assert (report["clients"], report["cameras"]) == (5, 2)
    assert report["sequence_numbers"] > 0 and report["deliveries"] == 5 * report["sequence_numbers"]
    assert report["messages_lost"] == 0 and report["server_exit_code"] == 0


def test_bench_cli_refuses_non_positive_numbers(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--channels", "0"]) == 2
    assert main(["--interval", "0"]) == 2
    errors = capsys.readouterr().err.strip().splitlines()
    assert errors == [
        "python -m benchmarks.bench: error: --channels, --processes, --duration and "
        "--interval must be positive"
    ] * 2

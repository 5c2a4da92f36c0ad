"""The fault-injection soak: days of the demo room on several cameras through the real monitor,
detector and SQLite event log, while sources drop, a camera serves corrupt frames, the process
is SIGKILLed and restarted, and the disk fills up; then every stored event is checked against
the scenario's truth.

The monitor runs in a child process (`soak_child`) on the scenario's clock, as fast as the
machine goes; this parent kills it at the plan's times and starts it again on the same SQLite
file, then judges:

- **events**: the seat events in the log against `Timeline.expected_events` over the samples
  the system actually saw (what it could not see while a camera was offline or the process
  was down is not expected of it), within one interval: `lost` (expected, not stored),
  `duplicated` (a seat event that repeats its seat's state: a second `person_enter` without a
  leave, ...), `spurious` (stored, matching nothing); `printed_not_stored`: events the child
  printed that the log does not have (write first, then emit);
- **camera events**: `camera_offline` / `camera_online` against the outages and corrupt frames;
- **clock_error_s**: after each restart, the largest difference between a restored seat clock
  and the truth's (the seat rules fed with the timeline's truth at the same samples);
- **rss_mb**: the child's resident memory, its slope fitted per process life (after warm-up)
  and scaled to a scenario day;
- **disk_full**: that the store said so (once in its log, and in its health), kept the events
  in memory and wrote them all when space came back.
"""

from __future__ import annotations

import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from ..core.engine import (
    EngineSettings,
    Event,
    EventType,
    Observation,
    SeatEngine,
    SeatState,
    SeatStatus,
)
from ..live.store import EventStore
from .faults import FaultPlan
from .room import SEAT_IDS
from .scenario import Timeline, compare_events
from .soak_child import soak_site, soak_timelines

SLOPE_MIN_CYCLES = 60
"""The memory slope is fitted over the second half of each process life (the first half
warms up: the model's buffers on its first inferences, SQLite's page cache, the renderer's
sprites), where that half has this many cycles (an hour at 60 s samples)."""
FULL_DISK_SAID = "keeping the events in memory"


@dataclass
class Life:
    """One run of the monitor process: from its start to its end or its SIGKILL."""

    start_s: float
    last_stored_s: float | None
    restored: dict[str, dict[str, Any]]
    cycles: list[float] = field(default_factory=list)
    printed: list[dict[str, Any]] = field(default_factory=list)
    rss_mb: list[tuple[float, float]] = field(default_factory=list)
    store: list[tuple[float, dict[str, Any]]] = field(default_factory=list)
    work: dict[str, int] = field(default_factory=dict)
    killed: bool = False
    stderr: str = ""


def run_soak(
    plan: FaultPlan,
    workdir: Path | None = None,
    progress: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    """Run the plan (lives of the child process, killed and restarted) and judge it."""
    began = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="seatsense-soak-") as scratch:
        folder = workdir or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        db = folder / "soak.sqlite"
        lives: list[Life] = []
        resume_at = 0.0
        kills = list(plan.kills_s)
        while True:
            kill_at = next((k for k in kills if k >= resume_at), None)
            life = _live(plan, db, resume_at, kill_at, folder / f"life{len(lives) + 1}.log")
            lives.append(life)
            if progress is not None:
                progress(_progress_line(plan, lives, time.monotonic() - began))
            if not life.killed:
                break
            last = max(life.cycles, default=resume_at)
            resume_at = max((kill_at or last) + plan.restart_gap_s, last + plan.interval_s)
        report = judge(plan, db, lives)
        report["wall_s"] = round(time.monotonic() - began, 1)
        report["db_mb"] = round(_db_bytes(db) / 2**20, 3)
    return report


def _live(plan: FaultPlan, db: Path, resume_at: float, kill_at: float | None, log: Path) -> Life:
    """One life of the child: started, read line by line, SIGKILLed once it reaches
    `kill_at` (then whatever it printed before dying is read too)."""
    import seatsense

    root = str(Path(seatsense.__file__).resolve().parents[1])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([root, os.environ.get("PYTHONPATH", "")])}
    command = [sys.executable, "-m", "seatsense.demo.soak_child", json.dumps(plan.to_dict())]
    with log.open("w+", encoding="utf-8") as errors:
        child = subprocess.Popen(
            [*command, str(db), repr(resume_at)],
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
            env=env,
        )
        assert child.stdout is not None
        with log.with_suffix(".jsonl").open("w", encoding="utf-8") as lines:
            life = _read_life(child, child.stdout, kill_at, lines)
        child.wait()
        errors.seek(0)
        life.stderr = errors.read()
    if not life.killed and child.returncode != 0:
        raise RuntimeError(f"the soak's monitor process failed ({log}):\n{life.stderr[-2000:]}")
    return life


def _read_life(
    child: subprocess.Popen[str], stdout: IO[str], kill_at: float | None, copy: IO[str]
) -> Life:
    """The child's lines, kept in `copy` too (`--keep` leaves them for a closer look)."""
    life: Life | None = None
    for line in stdout:
        copy.write(line)
        try:
            message = json.loads(line)
        except json.JSONDecodeError:  # a line cut short by the SIGKILL
            continue
        if message["kind"] == "start":
            life = Life(message["t"], message["last_stored"], message["restored"])
        elif message["kind"] == "cycle" and life is not None:
            t = float(message["t"])
            life.cycles.append(t)
            life.printed.extend(message["events"])
            life.rss_mb.append((t, float(message["rss_mb"])))
            life.store.append((t, message["store"]))
            life.work = {"inferred": message["inferred"], "rechecked": message["rechecked"]}
            if kill_at is not None and t >= kill_at and not life.killed:
                child.send_signal(signal.SIGKILL)
                life.killed = True
    if life is None:
        raise RuntimeError("the soak's monitor process ended before it started")
    return life


def _progress_line(plan: FaultPlan, lives: list[Life], wall_s: float) -> str:
    reached = max((t for life in lives for t in life.cycles), default=0.0)
    return (
        f"soak: {reached / 3600:5.2f} of {plan.hours:g} h scenario, {len(lives) - 1} restarts, "
        f"{wall_s:.0f} s"
    )


def _db_bytes(db: Path) -> int:
    return sum(p.stat().st_size for p in db.parent.glob(db.name + "*") if p.is_file())


# -- judging -----------------------------------------------------------------------------------


def judge(plan: FaultPlan, db: Path, lives: list[Life]) -> dict[str, Any]:
    """The soak's figures and whether they meet the targets."""
    with EventStore(db) as store:
        stored = store.events()
    settings = soak_site(plan).settings
    timelines = soak_timelines(plan)
    seen = _processed_cycles(lives)
    seat_events, camera_events = _compare(plan, timelines, stored, seen, settings)
    clocks = _clock_errors(plan, timelines, lives, seen, settings)
    printed = {_key(e) for life in lives for e in life.printed}
    report: dict[str, Any] = {
        "hours": plan.hours,
        "cameras": plan.cameras,
        "interval_s": plan.interval_s,
        "events": {**seat_events, "printed_not_stored": len(printed - {_key(e) for e in stored})},
        "camera_events": camera_events,
        "restarts": len(lives) - 1,
        "clock_error_s": clocks["error_s"],
        "restart_state_mismatches": clocks["mismatches"],
        "rss_mb": _memory(plan, lives),
        "disk_full": _disk_full(plan, lives),
        "faults": {
            "outages": sum(1 for t in plan.sample_times() if t % 3600 == plan.outage_at_s),
            "outage_s": plan.outage_s,
            "corrupt_camera": plan.camera_id(plan.corrupt_camera),
            "corrupt_s": plan.corrupt_s,
            "kills_s": list(plan.kills_s),
            "disk_full_s": [plan.disk_full_from_s, plan.disk_full_from_s + plan.disk_full_s],
        },
        "work": {
            "cycles": sum(len(life.cycles) for life in lives),
            "camera_inferences": sum(life.work.get("inferred", 0) for life in lives),
            "camera_rechecks": sum(life.work.get("rechecked", 0) for life in lives),
        },
    }
    report["targets"] = _targets(report, plan)
    report["ok"] = all(met is not False for met in report["targets"].values())
    return report


def _key(event: Event | dict[str, Any]) -> tuple[str, str, str | None, float]:
    raw = event.to_dict() if isinstance(event, Event) else event
    return (raw["type"], raw["camera_id"], raw.get("seat_id"), round(float(raw["time_s"]), 6))


def _processed_cycles(lives: list[Life]) -> list[list[float]]:
    """Each life's cycles that reached the log: those it printed, and one more when the log
    shows it was written before the kill (the next life's `last_stored`)."""
    cycles = [list(life.cycles) for life in lives]
    for index, life in enumerate(lives[1:], start=1):
        stored = life.last_stored_s
        previous = cycles[index - 1]
        if stored is not None and (not previous or stored > previous[-1]):
            previous.append(stored)
    return cycles


def _camera_samples(
    plan: FaultPlan, camera: int, seen: list[list[float]]
) -> tuple[list[float | None], list[tuple[EventType, float]], list[int]]:
    """What camera `camera` showed the engines (None: a gap, runs start again), the camera
    events a correct monitor emits, by the monitor's rules (`offline_after_s`), and where in
    the samples each restart falls."""
    samples: list[float | None] = []
    events: list[tuple[EventType, float]] = []
    restarts: list[int] = []
    last_frame: float | None = None
    online = False
    for index, cycles in enumerate(seen):
        if index:
            restarts.append(len(samples))
            samples.append(None)  # a restart: the runs of samples start again
        for t in cycles:
            if plan.frame_ok(camera, t):
                if not online and last_frame is not None:
                    events.append((EventType.CAMERA_ONLINE, t))
                online, last_frame = True, t
                samples.append(t)
            elif online and last_frame is not None and t - last_frame > plan.offline_after_s:
                events.append((EventType.CAMERA_OFFLINE, t))
                online = False
                samples.append(None)
    return samples, events, restarts


def _compare(
    plan: FaultPlan,
    timelines: list[Timeline],
    stored: list[Event],
    seen: list[list[float]],
    settings: EngineSettings,
) -> tuple[dict[str, Any], dict[str, Any]]:
    seat: dict[str, Any] = {"expected": 0, "stored": 0, "matched": 0, "lost": 0, "spurious": 0}
    camera = {"expected": 0, "stored": 0, "missing": 0, "spurious": 0}
    worst = 0.0
    examples: list[str] = []
    for index, timeline in enumerate(timelines):
        camera_id = plan.camera_id(index)
        samples, camera_truth, _ = _camera_samples(plan, index, seen)
        expected = timeline.expected_events(
            plan.interval_s, settings, camera_id=camera_id, samples=samples
        )
        mine = [e for e in stored if e.camera_id == camera_id]
        result = compare_events(mine, expected, tolerance_s=plan.interval_s)
        seat["expected"] += len(expected)
        seat["stored"] += sum(1 for e in mine if e.seat_id is not None)
        seat["matched"] += len(result.matched)
        seat["lost"] += len(result.missing)
        seat["spurious"] += len(result.spurious)
        worst = max(worst, result.max_error_s)
        examples += [f"{camera_id} {line.strip()}" for line in result.report().splitlines()[1:4]]
        got = [(e.type, e.time_s) for e in mine if e.seat_id is None]
        missing, spurious = _match_camera_events(camera_truth, got, plan.interval_s)
        camera["expected"] += len(camera_truth)
        camera["stored"] += len(got)
        camera["missing"] += missing
        camera["spurious"] += spurious
    seat["duplicated"] = _repeated_states(stored)
    seat["max_time_error_s"] = worst
    seat["examples"] = examples[:12]
    return seat, camera


def _match_camera_events(
    truth: list[tuple[EventType, float]], got: list[tuple[EventType, float]], tolerance_s: float
) -> tuple[int, int]:
    left = list(got)
    missing = 0
    for kind, t in truth:
        match = next((g for g in left if g[0] is kind and abs(g[1] - t) <= tolerance_s), None)
        if match is None:
            missing += 1
        else:
            left.remove(match)
    return missing, len(left)


_OPENS = {EventType.PERSON_ENTER: "person", EventType.ABANDONED_DETECTED: "hog"}
_CLOSES = {EventType.PERSON_LEAVE: "person", EventType.BELONGINGS_REMOVED: "hog"}


def _repeated_states(stored: list[Event]) -> int:
    """Seat events that repeat their seat's state: an enter while the seat is taken, a leave
    while it is free, hogging reported twice, belongings removed twice."""
    repeated = 0
    state: dict[tuple[str, str | None], dict[str, bool]] = {}
    for event in sorted(stored, key=lambda e: e.time_s):
        if event.seat_id is None:
            continue
        seat = state.setdefault((event.camera_id, event.seat_id), {"person": False, "hog": False})
        if event.type in _OPENS:
            what = _OPENS[event.type]
            repeated += seat[what]
            seat[what] = True
            if what == "person":
                seat["hog"] = False  # the owner is back: the hogging ended without removal
        elif event.type in _CLOSES:
            what = _CLOSES[event.type]
            if what == "person":
                repeated += not seat["person"]
            seat[what] = False
    return repeated


def _clock_errors(
    plan: FaultPlan,
    timelines: list[Timeline],
    lives: list[Life],
    seen: list[list[float]],
    settings: EngineSettings,
) -> dict[str, Any]:
    """Each restart's restored seat clocks against the truth's just before the restart."""
    error, mismatches = 0.0, 0
    for index, timeline in enumerate(timelines):
        camera_id = plan.camera_id(index)
        samples, _, restarts = _camera_samples(plan, index, seen)
        truths = _truth_statuses(timeline, samples, settings, restarts)
        for life, truth in zip(lives[1:], truths, strict=True):
            for seat in SEAT_IDS:
                raw = life.restored.get(f"{camera_id}/{seat}")
                restored = SeatStatus.from_dict(raw) if raw else SeatStatus()
                gap = _clock_gap(restored, truth[seat])
                if gap is None:
                    mismatches += 1
                else:
                    error = max(error, gap)
    return {"error_s": error, "mismatches": mismatches}


def _truth_statuses(
    timeline: Timeline,
    samples: list[float | None],
    settings: EngineSettings,
    restarts: list[int],
) -> list[dict[str, SeatStatus]]:
    """The seat rules fed with the timeline's truth at `samples`: each seat's status just
    before each restart (`restarts`: positions in `samples`)."""
    engines = {seat: SeatEngine(seat, settings=settings) for seat in SEAT_IDS}
    before_restart: list[dict[str, SeatStatus]] = []
    for position, t in enumerate(samples):
        if position in restarts:
            before_restart.append(
                {seat: SeatStatus.from_dict(e.status.to_dict()) for seat, e in engines.items()}
            )
        if t is None:
            for engine in engines.values():
                engine.mark_unknown()
            continue
        truth = timeline.truth_at(t)
        for seat, engine in engines.items():
            engine.update(Observation(truth[seat] == "occupied", truth[seat] == "belongings"), t)
    return before_restart


def _clock_gap(restored: SeatStatus, truth: SeatStatus) -> float | None:
    """How far the restored seat's clock is from the truth's: the stay's start while someone
    sits there, else the vacancy's; None when one has someone seated and the other not.

    (Belongings are left out: a lone laptop is too flat for the detector, which the event
    comparison already shows; the clocks a restart must keep are the stay and the vacancy.)"""

    def seated(status: SeatStatus) -> bool:
        state = status.resume_state if status.state is SeatState.UNKNOWN else status.state
        return state is SeatState.OCCUPIED

    if seated(restored) != seated(truth):
        return None
    name = "occupied_since_s" if seated(truth) else "vacant_since_s"
    a, b = getattr(restored, name), getattr(truth, name)
    if a is None or b is None:
        return None if (a is None) != (b is None) else 0.0
    return float(abs(a - b))


def _memory(plan: FaultPlan, lives: list[Life]) -> dict[str, Any]:
    """Resident memory of the monitor process: the first figure of the first life's second
    half and the last one of the last life, and the slope fitted over each life's second half,
    per scenario day; the soak's slope is their median (None when no life is long enough).

    The median, not a mean: a leak grows every life, while a buffer that grows once, the first
    time a process meets new work (the room's first guests of the day), steps one life only;
    each life's slope is kept beside it."""
    halves = [life.rss_mb[len(life.rss_mb) // 2 :] for life in lives]
    slopes = [
        round(_slope(points) * 86400.0, 2) for points in halves if len(points) >= SLOPE_MIN_CYCLES
    ]
    measured = [points for points in halves if points]
    return {
        "start": round(measured[0][0][1], 1) if measured else 0.0,
        "end": round(measured[-1][-1][1], 1) if measured else 0.0,
        "peak": round(max((mb for life in lives for _, mb in life.rss_mb), default=0.0), 1),
        "slope_per_day": round(statistics.median(slopes), 2) if slopes else None,
        "life_slopes_per_day": slopes,
        "lives": [
            [points[0][0], round(points[0][1], 1), points[-1][0], round(points[-1][1], 1)]
            for points in measured
        ],
    }


def _slope(points: list[tuple[float, float]]) -> float:
    """Least-squares slope of (t, value) points."""
    n = len(points)
    mean_t = sum(t for t, _ in points) / n
    mean_v = sum(v for _, v in points) / n
    spread = sum((t - mean_t) ** 2 for t, _ in points)
    return sum((t - mean_t) * (v - mean_v) for t, v in points) / spread if spread else 0.0


def _disk_full(plan: FaultPlan, lives: list[Life]) -> dict[str, Any]:
    """What the store said and kept while the disk was full, and whether it caught up."""
    healths = [(t, h) for life in lives for t, h in life.store]
    refused = [t for t, h in healths if not h["writable"]]
    ends_s = plan.disk_full_from_s + plan.disk_full_s
    # Caught up: from some cycle after space came back, written and nothing waiting, for good.
    caught_up_at = None
    for t, h in healths:
        if t >= ends_s and h["writable"] and not h["pending_events"]:
            caught_up_at = t if caught_up_at is None else caught_up_at
        elif t >= ends_s:
            caught_up_at = None
    return {
        "from_s": plan.disk_full_from_s,
        "to_s": plan.disk_full_from_s + plan.disk_full_s,
        "refused_from_s": min(refused, default=None),
        "refused_until_s": max(refused, default=None),
        "said": sum(life.stderr.count(FULL_DISK_SAID) for life in lives),
        "most_in_memory": max((h["pending_events"] for _, h in healths), default=0),
        "caught_up_at_s": caught_up_at,
        "caught_up": caught_up_at is not None,
    }


def _targets(report: dict[str, Any], plan: FaultPlan) -> dict[str, bool | None]:
    """Each target: met, missed, or None where this soak cannot measure it (the memory slope
    of a soak whose processes live less than two hours)."""
    events, cameras, disk = report["events"], report["camera_events"], report["disk_full"]
    slope = report["rss_mb"]["slope_per_day"]
    return {
        "no_event_lost": events["lost"] == 0,
        "no_event_duplicated": events["duplicated"] == 0,
        "no_event_spurious": events["spurious"] == 0,
        "printed_means_stored": events["printed_not_stored"] == 0,
        "camera_events_right": cameras["missing"] == 0 and cameras["spurious"] == 0,
        "clocks_within_an_interval": report["restart_state_mismatches"] == 0
        and report["clock_error_s"] <= plan.interval_s,
        "memory_slope_under_5_mb_per_day": None if slope is None else slope < 5.0,
        "full_disk_said_once_and_caught_up": disk["refused_from_s"] is not None
        and disk["said"] == 1
        and disk["caught_up"],
    }


__all__ = ["Life", "judge", "run_soak"]

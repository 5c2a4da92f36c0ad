"""Small measurements the benchmarks share: percentiles, CPU time, memory."""

from __future__ import annotations

import resource
from collections.abc import Sequence
from pathlib import Path

import numpy as np


def percentile(values: Sequence[float], q: float) -> float | None:
    """The q-th percentile, rounded to 0.1 ms; None for no values."""
    return round(float(np.percentile(values, q)), 4) if len(values) else None


def own_cpu_s() -> float:
    """CPU seconds (user + system, every thread) this process has used so far."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def peak_rss_mb() -> float:
    """This process's peak resident memory (MB)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def rss_mb(pid: int) -> float:
    """Another process's resident memory now (MB), from /proc."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0

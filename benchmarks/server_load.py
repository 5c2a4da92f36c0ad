"""The server's load test: `seatsense serve` on demo cameras, followed by WebSocket clients.

Starts `seatsense serve` in a process of its own on 127.0.0.1 with N demo cameras (8 seats
each), follows it with M `ServerClient.messages()` clients and measures push latency, the
server's memory, and that every client gets every sequence number (docs/server.md).

>>> from benchmarks.server_load import ServerBenchConfig, run_server_bench  # doctest: +SKIP
>>> run_server_bench(ServerBenchConfig(clients=5, cameras=2))["messages_lost"]  # doctest: +SKIP
0
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .measure import percentile, rss_mb

HOST = "127.0.0.1"


@dataclass
class ServerBenchConfig:
    """What `python -m benchmarks.bench_server` runs."""

    clients: int = 50
    cameras: int = 16
    duration_s: float = 60.0
    interval_s: float = 3.0
    demo_speed: float = 60.0
    """Scenario seconds per real second on the demo cameras (60: busy, many events)."""
    settle_s: float = 15.0
    """How long the clients get after the run to reach the server's last sequence number."""
    progress: Callable[[str], None] | None = None


def server_bench_site(cameras: int, interval_s: float, speed: float) -> dict[str, Any]:
    """`cameras` demo cameras (8 seats each), each starting at another scenario minute."""
    from seatsense.core.layout import site_to_dict
    from seatsense.demo import demo_site

    layout = site_to_dict(demo_site(interval_s=interval_s))
    template = layout["cameras"][0]
    layout["name"] = "bench-server"
    layout["cameras"] = [
        template
        | {
            "id": f"cam{k + 1:02d}",
            "source": f"demo:default?speed={speed:g}&loop=1&start={(k * 113) % 1700}",
        }
        for k in range(cameras)
    ]
    return layout


def run_server_bench(config: ServerBenchConfig) -> dict[str, Any]:
    """Start `seatsense serve` on demo cameras, follow it with WebSocket clients, measure.

    Latency of a message: the client's receive time minus the message's `published_s`, the
    moment the monitor's worker thread handed the finished cycle (whose events its engines
    had just made) to the server: thread hand-off, sequence numbers, the SQLite log,
    fan-out, the socket, and the client's JSON parse. Same machine, same clock.
    """
    import asyncio
    import secrets
    import tempfile

    if min(config.clients, config.cameras) < 1 or config.duration_s <= 0:
        raise ValueError("clients, cameras and duration must be positive")
    say = config.progress or (lambda message: None)
    with tempfile.TemporaryDirectory(prefix="seatsense-bench-server-") as temp:
        site = Path(temp) / "site.json"
        layout = server_bench_site(config.cameras, config.interval_s, config.demo_speed)
        site.write_text(json.dumps(layout))
        token = secrets.token_urlsafe(32)
        command = [sys.executable, "-m", "seatsense.cli", "serve", str(site), "--port", "0"]
        server = subprocess.Popen(
            [*command, "--host", HOST, "--data-dir", str(Path(temp) / "data")],
            env={**os.environ, "SEATSENSE_TOKEN": token},
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            url = _server_url(server)
            say(f"server {url} (pid {server.pid}), {config.cameras} cameras")
            report = asyncio.run(_follow_server(config, url, token, server.pid, say))
        finally:
            server.send_signal(signal.SIGTERM)
            try:
                report_exit = server.wait(30)
            except subprocess.TimeoutExpired:
                server.kill()
                raise
    report["server_exit_code"] = report_exit
    return report


def _server_url(server: subprocess.Popen[str]) -> str:
    assert server.stderr is not None
    for line in server.stderr:
        if "listening on " in line:
            threading.Thread(target=server.stderr.read, daemon=True).start()  # keep it drained
            return line.rsplit("listening on ", 1)[1].strip()
    raise RuntimeError(f"seatsense serve ended (code {server.wait()}) before it listened")


async def _follow_server(
    config: ServerBenchConfig, url: str, token: str, pid: int, say: Callable[[str], None]
) -> dict[str, Any]:
    import asyncio

    import aiohttp

    from seatsense.server.client import ServerClient, ServerConnectionError

    async with aiohttp.ClientSession() as session:
        client = ServerClient(session, url, token)
        start_seq = int((await client.info())["sequence"])
        received: list[set[int]] = [set() for _ in range(config.clients)]
        event_seqs: set[int] = set()
        latencies_ms: list[float] = []
        reconnects = [0]

        async def follow(seen: set[int]) -> None:
            last = start_seq
            while True:
                try:
                    async for message in client.messages(after=last):
                        now = time.time()
                        if message.published_s is not None and message.seq > start_seq:
                            latencies_ms.append((now - message.published_s) * 1000)
                        if message.type == "event":
                            event_seqs.add(message.seq)
                        seen.add(message.seq)
                        last = message.seq
                except ServerConnectionError:
                    reconnects[0] += 1
                    await asyncio.sleep(0.5)

        tasks = [asyncio.create_task(follow(seen)) for seen in received]
        rss = [rss_mb(pid)]
        began = time.monotonic()
        while time.monotonic() - began < config.duration_s:
            await asyncio.sleep(1.0)
            rss.append(rss_mb(pid))
        target = int((await client.info())["sequence"])
        say(f"run over at seq {target}; letting the clients catch up")
        deadline = time.monotonic() + config.settle_s
        while time.monotonic() < deadline and min(max(s, default=0) for s in received) < target:
            await asyncio.sleep(0.2)
        rss.append(rss_mb(pid))
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    expected = set(range(start_seq + 1, target + 1))
    return {
        "clients": config.clients,
        "cameras": config.cameras,
        "duration_s": config.duration_s,
        "interval_s": config.interval_s,
        "sequence_numbers": len(expected),
        "events": len(event_seqs & expected),
        "deliveries": sum(len(seen & expected) for seen in received),
        "latency_p50_ms": percentile(latencies_ms, 50),
        "latency_p95_ms": percentile(latencies_ms, 95),
        "latency_max_ms": round(max(latencies_ms), 2) if latencies_ms else None,
        "rss_start_mb": rss[0],
        "rss_end_mb": rss[-1],
        "rss_peak_mb": max(rss),
        "rss_every_10s_mb": rss[::10],
        "messages_lost": sum(len(expected - seen) for seen in received),
        "reconnects": reconnects[0],
    }


def format_server_report(report: dict[str, Any]) -> str:
    """A few readable lines."""
    return "\n".join(
        [
            f"{report['clients']} clients, {report['cameras']} cameras, "
            f"{report['duration_s']:g} s: {report['sequence_numbers']} messages "
            f"({report['events']} events), {report['deliveries']} deliveries",
            f"push latency p50 {report['latency_p50_ms']} ms, p95 {report['latency_p95_ms']} ms, "
            f"max {report['latency_max_ms']} ms",
            f"server RSS {report['rss_start_mb']} -> {report['rss_end_mb']} MB "
            f"(peak {report['rss_peak_mb']} MB); lost {report['messages_lost']}, "
            f"reconnects {report['reconnects']}, exit code {report['server_exit_code']}",
        ]
    )

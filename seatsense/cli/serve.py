"""`seatsense serve`: run a site behind the HTTP + WebSocket API (docs/server.md)."""

from __future__ import annotations

import argparse
import signal
import sys
from pathlib import Path

from .command import Subparsers, add_item_model_options, item_model, require_detect_extra


def add_parser(subparsers: Subparsers) -> None:
    """Add `serve` to the command line."""
    parser = subparsers.add_parser(
        "serve",
        help="run a site behind the HTTP + WebSocket API",
        description="Run every camera of a site like `run` and serve statuses, events, "
        "snapshots and layout changes over HTTP and a WebSocket (docs/server.md). Every "
        "request needs the bearer token, made on the first run. Ctrl-C stops it cleanly.",
    )
    parser.add_argument("site", type=Path, help="site file (YAML or JSON); layout changes go here")
    parser.add_argument("--host", default="127.0.0.1", help="address (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8765, help="port (default 8765)")
    parser.add_argument(
        "--data-dir", type=Path, default=None, help="token and replay log (default .seatsense/)"
    )
    parser.add_argument("--token-file", type=Path, default=None, help="default DATA_DIR/token")
    parser.add_argument("--mqtt", default=None, help="also publish to this MQTT broker URL")
    parser.add_argument(
        "--mqtt-password-file", type=Path, help="the MQTT password (or $SEATSENSE_MQTT_PASSWORD)"
    )
    parser.add_argument(
        "--allow-local-sources", action="store_true", help="clients may open local files too"
    )
    add_item_model_options(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Serve until SIGINT or SIGTERM; the listening address goes to stderr."""
    import asyncio

    require_detect_extra()
    from ..server.app import SeatServer, ServerConfig, mqtt_password_warning

    if warning := mqtt_password_warning(args.mqtt):
        print(f"seatsense serve: warning: {warning}", file=sys.stderr)
    config = ServerConfig(
        site_path=args.site,
        host=args.host,
        port=args.port,
        data_dir=args.data_dir,
        token_file=args.token_file,
        mqtt_url=args.mqtt,
        mqtt_password_file=args.mqtt_password_file,
        allow_local_sources=args.allow_local_sources,
        items=item_model(args),
    )
    server = SeatServer(config)

    async def serve() -> None:
        stopping = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stopping.set)
        await server.start()
        try:
            if server.token_created:
                where = config.token_file or config.data_path / "token"
                print(
                    f"seatsense serve: new token (kept in {where}): {server.token}", file=sys.stderr
                )
            print(f"seatsense serve: listening on {server.url}", file=sys.stderr, flush=True)
            await stopping.wait()
        finally:
            await server.stop()

    asyncio.run(serve())
    return 0

"""The `seatsense` command: the parser built from the command modules, and error handling.

Each command is a module here with `add_parser(subparsers)` and `run(args) -> int`
(`command.py` says more); to add one, write its module and list it in `COMMANDS`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import Protocol

from . import check_layout, demo, evaluate, report, run, serve, snapshot, soak
from .command import EXIT_ERROR, CommandError, Subparsers


class Command(Protocol):
    """A command module."""

    def add_parser(self, subparsers: Subparsers) -> None: ...

    def run(self, args: argparse.Namespace) -> int: ...


COMMANDS: tuple[Command, ...] = (evaluate, check_layout, snapshot, run, serve, demo, soak, report)
"""In the order `seatsense --help` lists them."""


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `seatsense` console script."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "handler"):
        parser.print_help()
        return EXIT_ERROR
    handler: Callable[[argparse.Namespace], int] = args.handler
    try:
        return handler(args)
    except KeyboardInterrupt:
        return 130
    except Exception as err:
        if not _is_user_error(err):
            raise
        print(f"seatsense: error: {err}", file=sys.stderr)
        return EXIT_ERROR


def build_parser() -> argparse.ArgumentParser:
    """The `seatsense` parser with every command of `COMMANDS`."""
    parser = argparse.ArgumentParser(
        prog="seatsense",
        description="Camera-based seat occupancy: who sits where, empty seats, hogged seats.",
    )
    subparsers = parser.add_subparsers(metavar="COMMAND")
    for command in COMMANDS:
        command.add_parser(subparsers)
    return parser


def _is_user_error(err: Exception) -> bool:
    from ..core.layout import LayoutError
    from ..evaluation.dataset import DatasetError
    from ..server.mqtt import MqttConfigError
    from ..sources import CaptureError
    from ..vision.detect import ModelError

    return isinstance(
        err,
        CommandError
        | LayoutError
        | DatasetError
        | ModelError
        | CaptureError
        | MqttConfigError
        | OSError,
    )

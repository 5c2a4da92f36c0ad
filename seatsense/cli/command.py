"""What every command module shares: the user-facing error and the subparsers type.

A command is a module with `add_parser(subparsers)`, which adds its subcommand and sets
`handler=run`, and `run(args) -> int`, which does the work and returns the exit code;
`main.COMMANDS` lists them in the order `seatsense --help` shows them.
"""

from __future__ import annotations

import argparse
import importlib.util
from typing import Protocol

EXIT_ERROR = 2


class Subparsers(Protocol):
    """What `ArgumentParser.add_subparsers()` returns, as far as a command module uses it."""

    def add_parser(
        self, name: str, *, help: str | None = None, description: str | None = None
    ) -> argparse.ArgumentParser:
        """Add the subcommand `name` and return its parser."""
        ...


class CommandError(Exception):
    """A user-facing failure: printed as one line, exit code 2."""


def require_detect_extra() -> None:
    """Fail in one line when the `detect` extra (OpenCV, ONNX Runtime, PyAV) is missing."""
    missing = [
        name for name in ("cv2", "onnxruntime", "av") if importlib.util.find_spec(name) is None
    ]
    if missing:
        raise CommandError(
            f'this command needs {", ".join(missing)}: pip install "seatsense[detect]"'
        )

"""What every command module shares: the user-facing error and the subparsers type.

A command is a module with `add_parser(subparsers)`, which adds its subcommand and sets
`handler=run`, and `run(args) -> int`, which does the work and returns the exit code;
`main.COMMANDS` lists them in the order `seatsense --help` shows them.
"""

from __future__ import annotations

import argparse
import importlib.util
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from ..vision.detect import ItemModel

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


def add_item_model_options(parser: argparse.ArgumentParser) -> None:
    """`--items` and its source options: the optional COCO item model (off by default)."""
    group = parser.add_argument_group(
        "item model", "an optional COCO detector for belongings, fetched once and cached"
    )
    group.add_argument(
        "--items",
        action="store_true",
        help="run the COCO item model beside the people model (the pinned YOLO11n unless "
        "--items-url names another)",
    )
    group.add_argument(
        "--items-url", metavar="URL", help="the model archive's URL (a mirror, or your own)"
    )
    group.add_argument("--items-sha256", metavar="HEX", help="the sha256 of that archive")
    group.add_argument(
        "--items-member", metavar="PATH", help="the .onnx inside the archive, if it has several"
    )
    group.add_argument(
        "--items-cache",
        metavar="DIR",
        type=Path,
        help="cache folder (default ~/.cache/seatsense/models)",
    )


def item_model(args: argparse.Namespace) -> ItemModel | None:
    """The item model the options ask for, None without `--items`."""
    from ..vision.detect import ItemModel

    if not args.items:
        if args.items_url or args.items_sha256 or args.items_member:
            raise CommandError("--items-url, --items-sha256 and --items-member need --items")
        return None
    return ItemModel(args.items_url, args.items_sha256, args.items_member, args.items_cache)

"""`seatsense check-layout`: validate a site or layout file."""

from __future__ import annotations

import argparse
from pathlib import Path

from .command import Subparsers


def add_parser(subparsers: Subparsers) -> None:
    """Add `check-layout` to the command line."""
    parser = subparsers.add_parser(
        "check-layout",
        help="validate a site or layout file",
        description="Validate a site file (YAML or JSON); prints a summary or the fault.",
    )
    parser.add_argument("layout", type=Path)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Print the site's cameras and seats; a fault in the file is a one-line error."""
    from ..core.layout import load_site

    site = load_site(args.layout)
    seats = sum(len(c.seats) for c in site.cameras)
    print(f"{args.layout}: ok: site '{site.name}', {len(site.cameras)} camera(s), {seats} seat(s)")
    for camera in site.cameras:
        print(
            f"  {camera.id}: {camera.width}x{camera.height}, seats "
            + ", ".join(s.id for s in camera.seats)
        )
    return 0

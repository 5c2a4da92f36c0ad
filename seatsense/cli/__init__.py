"""The `seatsense` command line: one module per command, one progress renderer (`progress`)."""

from .main import main

__all__ = ["main"]

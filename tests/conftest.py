"""Shared test helpers: where the fixtures and the (unlicensed, never copied) shared media live."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = Path(os.environ.get("SEATSENSE_SHARED", ROOT.parent / "shared"))
"""The unlicensed media beside the project (`SEATSENSE_SHARED` names it for a checkout
that lives elsewhere, such as a git worktree)."""
LIBRARY_KR = SHARED / "eval" / "library-kr"


@pytest.fixture
def library_kr() -> Path:
    """The labelled real footage beside the project; the test skips when it is not there."""
    if not (LIBRARY_KR / "layout.yaml").is_file():
        pytest.skip("../shared/eval/library-kr is not present")
    return LIBRARY_KR

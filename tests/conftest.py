"""Shared test helpers: where the fixtures and the (unlicensed, never copied) shared media live."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from seatsense.evaluation.dataset import Dataset
    from seatsense.vision.detect import Detector

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = Path(os.environ.get("SEATSENSE_SHARED", ROOT.parent / "shared"))
"""The unlicensed media beside the project (`SEATSENSE_SHARED` names it for a checkout
that lives elsewhere, such as a git worktree)."""
LIBRARY_KR = SHARED / "eval" / "library-kr"
AOI_STUDY_HALL = ROOT / "benchmarks" / "accuracy" / "aoi-study-hall"
"""Our labels of the study-hall clips (the clips stay in ../shared)."""
AOI_CLIPS = SHARED / "media" / "Aoi-00__Seat-Detection-System" / "Videos"


@pytest.fixture(scope="session")
def detector() -> Detector:
    """The bundled model, loaded once for every test that runs it."""
    from seatsense.vision.detect import load_detector

    return load_detector()


@pytest.fixture
def library_kr() -> Path:
    """The labelled real footage beside the project; the test skips when it is not there."""
    if not (LIBRARY_KR / "layout.yaml").is_file():
        pytest.skip("../shared/eval/library-kr is not present")
    return LIBRARY_KR


@pytest.fixture
def aoi_study_hall() -> Dataset:
    """The study-hall set loaded with its clips; the test skips when they are not there."""
    from seatsense.evaluation.dataset import Dataset

    if not AOI_CLIPS.is_dir():
        pytest.skip("../shared/media/Aoi-00__Seat-Detection-System is not present")
    return Dataset.load(AOI_STUDY_HALL)

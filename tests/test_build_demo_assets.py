"""`scripts/build_demo_assets.py` rebuilds the shipped demo cut-outs from the sample photos."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import cv2
import numpy as np
import pytest

from tests.conftest import FIXTURES, ROOT

SHIPPED = ROOT / "seatsense" / "demo" / "assets"


@pytest.mark.slow
def test_the_script_rebuilds_the_shipped_cut_outs(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_demo_assets.py"), str(FIXTURES),
         "--out", str(tmp_path)],
        capture_output=True, text=True, check=False, timeout=600,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    printed = json.loads(result.stdout)
    shipped = json.loads((SHIPPED / "people.json").read_text(encoding="utf-8"))
    assert printed == shipped == json.loads((tmp_path / "people.json").read_text("utf-8"))
    for name, info in shipped.items():
        built = cv2.imread(str(tmp_path / info["file"]), cv2.IMREAD_UNCHANGED)
        original = cv2.imread(str(SHIPPED / info["file"]), cv2.IMREAD_UNCHANGED)
        assert built.shape == original.shape, name
        alpha_error = np.abs(built[:, :, 3].astype(int) - original[:, :, 3].astype(int))
        assert alpha_error.mean() < 1.0, name  # the same cut-out, whatever the PNG encoder

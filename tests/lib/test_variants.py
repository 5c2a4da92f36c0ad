"""`seatsense eval --variant`: reproducible degradations of a set (SD, dusk, a bumped camera)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import cv2
import numpy as np
import pytest
import yaml

from seatsense.cli import main
from seatsense.core.layout import parse_site
from seatsense.evaluation.variants import SD_SIZE, VARIANTS, variant_names
from tests.conftest import FIXTURES
from tests.lib.test_evaluate import LAYOUT, _tiny_set


def test_sd_shrinks_frames_references_and_polygons_together() -> None:
    site = parse_site(yaml.safe_load(LAYOUT))
    small = VARIANTS["sd"].site(site).cameras[0]
    assert (small.width, small.height) == SD_SIZE
    right = small.seats[0].polygon
    assert right[0] == pytest.approx((700 * 352 / 1280, 0.0))
    assert right[2] == pytest.approx((352.0, 288.0))
    photo = cv2.imread(str(FIXTURES / "zidane.jpg"))
    assert VARIANTS["sd"].frame(photo).shape == (288, 352, 3)
    assert VARIANTS["sd"].reference(photo).shape == (288, 352, 3)


def test_dusk_darkens_and_warms_frames_but_not_references() -> None:
    photo = cv2.imread(str(FIXTURES / "zidane.jpg"))
    dusk = VARIANTS["dusk"].frame(photo).astype(float)
    assert dusk.mean() < 0.8 * photo.mean()
    blue = dusk[:, :, 0].mean() / photo[:, :, 0].mean()
    red = dusk[:, :, 2].mean() / photo[:, :, 2].mean()
    assert blue < red  # warmer light: blue falls more than red
    assert VARIANTS["dusk"].reference(photo) is photo


def test_tilt_turns_the_frame_about_its_centre_and_keeps_the_layout() -> None:
    frame = np.zeros((200, 400, 3), np.uint8)
    frame[95:105, :] = 255  # a horizontal bar through the centre
    tilted = VARIANTS["tilt"].frame(frame)
    rows_left = np.nonzero(tilted[:, 20, 0] > 128)[0].mean()
    rows_right = np.nonzero(tilted[:, 380, 0] > 128)[0].mean()
    # 2 degrees over 360 px is about 12.6 px of slope; the centre stays put.
    assert rows_left - rows_right == pytest.approx(360 * np.tan(np.radians(2.0)), abs=2.0)
    assert np.nonzero(tilted[:, 200, 0] > 128)[0].mean() == pytest.approx(99.5, abs=1.0)
    site = parse_site(yaml.safe_load(LAYOUT))
    assert VARIANTS["tilt"].site(site) is site


def test_variants_are_reproducible() -> None:
    photo = cv2.imread(str(FIXTURES / "bus.jpg"))
    for variant in VARIANTS.values():
        assert np.array_equal(variant.frame(photo), variant.frame(photo))


def test_variant_names() -> None:
    assert variant_names("all") == ["sd", "dusk", "tilt"]
    assert variant_names("dusk") == ["dusk"]
    assert variant_names("no-baselines") == ["no-baselines"]  # not a degradation of `all`
    assert not VARIANTS["no-baselines"].baselines and VARIANTS["sd"].baselines
    with pytest.raises(ValueError, match="unknown variant 'fog'"):
        variant_names("fog")


def test_cli_offers_every_variant_without_loading_opencv() -> None:
    # The choices come from VARIANTS, and listing them must not cost every command OpenCV.
    script = (
        "import sys; from seatsense.cli.main import build_parser; "
        "chosen = build_parser().parse_args(['eval', 'x', '--variant', 'no-baselines']).variant; "
        "print(chosen, 'cv2' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["no-baselines", "False"]
    with pytest.raises(SystemExit):
        main(["eval", "x", "--variant", "fog"])


def test_cli_eval_all_variants_adds_one_report_each(tmp_path: Path, capsys) -> None:
    root = _tiny_set(tmp_path / "tiny")
    assert main(["eval", str(root), "--json", "--variant", "all"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert set(report["variants"]) == {"sd", "dusk", "tilt"}
    for variant_report in report["variants"].values():
        assert variant_report.keys() >= {"overall", "cameras", "frames", "seat_instances"}
        assert variant_report["seat_instances"] == report["seat_instances"] == 4
    # Zidane's people stay visible under every degradation of this sharp photo.
    assert report["variants"]["dusk"]["overall"]["occupied"]["recall"] == 1.0
    assert main(["eval", str(root), "--variant", "sd"]) == 0
    assert "variant sd: occupied F1" in capsys.readouterr().out

"""The editor's validation (frontend/src/geometry.ts) judges seats as the library does.

Thousands of random polygons on a small integer grid (many touching, folded and degenerate
shapes) go through `seatsense.core.layout.check_polygon` and through the TypeScript module run
by Node; the verdicts must agree, and so must the area two valid seats share (the overlap rule).
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess
from pathlib import Path

import pytest
from shapely.geometry import Polygon as ShapelyPolygon

from seatsense.core.layout import LayoutError, check_polygon
from tests.conftest import ROOT

FRONTEND = ROOT / "custom_components" / "seatsense" / "frontend"
ESBUILD = FRONTEND / "node_modules" / ".bin" / "esbuild"

_RUNNER = """
import { readFileSync } from "node:fs";
import { intersectionArea, polygonProblem } from "./geometry.mjs";
const cases = JSON.parse(readFileSync(process.argv[2], "utf8"));
const problems = cases.polygons.map((p) => polygonProblem(p, cases.width, cases.height));
const shared = cases.pairs.map(([a, b]) => intersectionArea(a, b));
process.stdout.write(JSON.stringify({ problems, shared }));
"""

_CATEGORIES = {
    "at least 3 points": "too_few_points",
    "outside the": "outside_frame",
    "self-intersecting": "self_intersecting",
    "no area": "no_area",
}


def _library_problem(points: list[list[int]], width: int, height: int) -> str | None:
    try:
        check_polygon([(x, y) for x, y in points], width, height, "seat")
    except LayoutError as err:
        return next(code for text, code in _CATEGORIES.items() if text in str(err))
    return None


@pytest.fixture(scope="module")
def geometry_js(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """geometry.ts bundled for Node, beside a runner that judges a file of cases."""
    if shutil.which("node") is None or not ESBUILD.exists():
        pytest.skip("node or the frontend's node_modules are missing (scripts/build-frontend)")
    out = tmp_path_factory.mktemp("geometry")
    subprocess.run(
        [str(ESBUILD), "src/geometry.ts", "--format=esm", f"--outfile={out / 'geometry.mjs'}"],
        cwd=FRONTEND,
        check=True,
        capture_output=True,
    )
    (out / "run.mjs").write_text(_RUNNER, encoding="utf-8")
    return out


def _judge(geometry_js: Path, cases: dict[str, object]) -> dict[str, list[object]]:
    path = geometry_js / "cases.json"
    path.write_text(json.dumps(cases), encoding="utf-8")
    done = subprocess.run(
        ["node", str(geometry_js / "run.mjs"), str(path)],
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    )
    result: dict[str, list[object]] = json.loads(done.stdout)
    return result


def _random_polygon(rng: random.Random, grid: int) -> list[list[int]]:
    return [
        [rng.randint(-1, grid + 1), rng.randint(-1, grid + 1)] for _ in range(rng.randint(2, 7))
    ]


def test_random_polygons_get_the_same_verdict_as_the_library(geometry_js: Path) -> None:
    rng = random.Random(15)
    width = height = 12
    polygons = [_random_polygon(rng, 12) for _ in range(3000)]
    judged = _judge(
        geometry_js, {"polygons": polygons, "pairs": [], "width": width, "height": height}
    )
    expected = [_library_problem(p, width, height) for p in polygons]
    differing = [
        (p, want, got)
        for p, want, got in zip(polygons, expected, judged["problems"], strict=True)
        if want != got
    ]
    assert not differing, differing[:5]
    # The sample covers every verdict, so agreement is not agreement on one easy case.
    assert set(expected) == {None, *_CATEGORIES.values()}


def test_shared_area_of_valid_seats_matches_shapely(geometry_js: Path) -> None:
    rng = random.Random(17)
    valid: list[list[list[int]]] = []
    while len(valid) < 600:
        polygon = [[rng.randint(0, 40), rng.randint(0, 40)] for _ in range(rng.randint(3, 6))]
        if _library_problem(polygon, 40, 40) is None:
            valid.append(polygon)
    pairs = [(valid[i], valid[i + 1]) for i in range(0, len(valid), 2)]
    judged = _judge(geometry_js, {"polygons": [], "pairs": pairs, "width": 40, "height": 40})
    expected = [ShapelyPolygon(a).intersection(ShapelyPolygon(b)).area for a, b in pairs]
    for (a, b), want, got in zip(pairs, expected, judged["shared"], strict=True):
        assert got == pytest.approx(want, abs=1e-6), (a, b)
    assert sum(1 for area in expected if area > 0) > 100

"""Leave-one-camera-out: every setting is chosen without looking at the camera it is scored on.

Each candidate setting runs once over every camera of the labelled sets; then, camera by
camera, the candidate that scores best on all the *other* cameras together is scored on the
one left out. The per-camera table says how a setting chosen elsewhere does on a camera it
has never seen, which is what a new site gets.

>>> confusions = {
...     "strict": {("s", "a"): _matrix(9, 1), ("s", "b"): _matrix(8, 2)},
...     "loose": {("s", "a"): _matrix(5, 5), ("s", "b"): _matrix(4, 6)},
... }
>>> [(row.camera, row.chosen) for row in leave_one_camera_out(confusions)]
[('a', 'strict'), ('b', 'strict')]
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..vision.detect import Detector, OnnxDetector
from ..vision.evidence import EvidenceSettings
from ..vision.tiles import TilingSettings
from .dataset import STATES, Dataset
from .evaluate import Confusion, evaluate, pooled, score_text, scores
from .variants import Variant

CameraKey = tuple[str, str]
"""(set name, camera id)."""


@dataclass(frozen=True)
class Candidate:
    """One setting to try: a name for the table and the settings the pipeline runs with."""

    name: str
    evidence: EvidenceSettings = field(default_factory=EvidenceSettings)
    tiling: TilingSettings = field(default_factory=TilingSettings)
    upscale_denoise: tuple[int, float] | None = None
    """The bundled detector with this smoothing of enlarged inputs, diameter and levels (None:
    the detector given)."""


@dataclass(frozen=True)
class HeldOut:
    """One camera's row: the candidate chosen on the others and its score on this one."""

    set_name: str
    camera: str
    chosen: str
    occupied_f1: float | None
    belongings_f1: float | None
    accuracy: float
    instances: int


def objective(confusion: Mapping[str, Mapping[str, int]]) -> float:
    """What a candidate is chosen by: occupied F1 plus belongings F1 of the pooled cameras (a
    state with nothing labelled or predicted adds nothing)."""
    report = scores(confusion)
    return float((report["occupied"]["f1"] or 0.0) + (report["belongings"]["f1"] or 0.0))


def camera_confusions(
    sets: Sequence[str | Path],
    candidates: Iterable[Candidate],
    detector: Detector | None = None,
    cache: str | Path | None = None,
    variants: Sequence[Variant | None] = (None,),
) -> dict[str, dict[CameraKey, Confusion]]:
    """candidate name -> (set, camera) -> confusion, one evaluation per candidate, set and
    variant (None: the set as it is). A camera's variants pool into its one confusion, so
    a camera held out is held out under every variant. A variant that withholds baselines
    is skipped on sets that have none (it would count their clean run twice)."""
    out: dict[str, dict[CameraKey, Confusion]] = {}
    # Which (set, variant) runs count: the same for every candidate.
    runs = [
        (root, variant)
        for root, has_baselines in ((root, bool(Dataset.load(root).baselines)) for root in sets)
        for variant in variants
        if variant is None or variant.baselines or has_baselines
    ]
    for candidate in candidates:
        candidate_detector = (
            detector
            if candidate.upscale_denoise is None
            else OnnxDetector(
                upscale_denoise_px=candidate.upscale_denoise[0],
                upscale_denoise_levels=candidate.upscale_denoise[1],
            )
        )
        per_camera: dict[CameraKey, list[Confusion]] = {}
        for root, variant in runs:
            report = evaluate(
                root,
                detector=candidate_detector,
                settings=candidate.evidence,
                tiling=candidate.tiling,
                variant=variant,
                cache=cache,
            )
            for camera_id, camera_scores in report["cameras"].items():
                key = (report["dataset"], camera_id)
                per_camera.setdefault(key, []).append(camera_scores["confusion"])
        out[candidate.name] = {key: pooled(parts) for key, parts in per_camera.items()}
    return out


def leave_one_camera_out(
    confusions: Mapping[str, Mapping[CameraKey, Confusion]],
    choose_by: Callable[[Mapping[str, Mapping[str, int]]], float] = objective,
) -> list[HeldOut]:
    """For each camera, the candidate best on all other cameras, scored on that camera.

    Ties go to the candidate listed first (list the default first: a change must earn its
    place on the other cameras).
    """
    names = list(confusions)
    cameras = list(next(iter(confusions.values()))) if names else []
    rows = []
    for held_out in cameras:
        chosen = max(
            names,
            key=lambda name: (
                choose_by(pooled(c for k, c in confusions[name].items() if k != held_out)),
                -names.index(name),
            ),
        )
        report = scores(confusions[chosen][held_out])
        rows.append(
            HeldOut(
                set_name=held_out[0],
                camera=held_out[1],
                chosen=chosen,
                occupied_f1=report["occupied"]["f1"],
                belongings_f1=report["belongings"]["f1"],
                accuracy=report["accuracy"],
                instances=sum(sum(row.values()) for row in confusions[chosen][held_out].values()),
            )
        )
    return rows


def pooled_scores(rows: Sequence[HeldOut], confusions: Mapping[str, Any]) -> dict[str, Any]:
    """The scores of all held-out cameras together, each under its own chosen candidate."""
    return scores(pooled(confusions[row.chosen][(row.set_name, row.camera)] for row in rows))


def format_table(rows: Sequence[HeldOut], confusions: Mapping[str, Any]) -> str:
    """The per-camera table, and the held-out cameras pooled."""
    lines = [
        f"{'set':<16} {'camera':<8} {'seats':>6} {'acc':>6} {'occ F1':>7} {'bel F1':>7}  chosen",
    ]
    for row in rows:
        lines.append(
            f"{row.set_name:<16} {row.camera:<8} {row.instances:>6} {row.accuracy:>6.3f} "
            f"{score_text(row.occupied_f1):>7} {score_text(row.belongings_f1):>7}  {row.chosen}"
        )
    pooled = pooled_scores(rows, confusions)
    lines.append(
        f"{'held out, pooled':<25} {sum(r.instances for r in rows):>6} "
        f"{pooled['accuracy']:>6.3f} {score_text(pooled['occupied']['f1']):>7} "
        f"{score_text(pooled['belongings']['f1']):>7}"
    )
    return "\n".join(lines)


def _matrix(right: int, wrong: int) -> Confusion:
    """A confusion with `right` seats called occupied correctly and `wrong` called empty
    (for the examples)."""
    confusion: Confusion = {t: dict.fromkeys(STATES, 0) for t in STATES}
    confusion["occupied"]["occupied"] = right
    confusion["occupied"]["empty"] = wrong
    confusion["empty"]["empty"] = right
    return confusion

"""Leave-one-camera-out over the visible labelled sets: the per-camera table.

    python -m benchmarks.accuracy.loco ../shared/eval/library-kr benchmarks/accuracy/aoi-study-hall
    (options: --variants, --no-baselines, --only NAME, --save FILE)

Every candidate below runs once over every camera (detections cached under
.cache/seatsense-eval, so a second run takes seconds); for each camera the candidate best on
all the other cameras is scored on it (`seatsense.evaluation.loco`). The first candidate is
the shipped default: another must beat it on the other cameras to be chosen.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import replace
from pathlib import Path

from seatsense.evaluation.cache import DEFAULT_CACHE_DIR
from seatsense.evaluation.evaluate import score_text
from seatsense.evaluation.loco import (
    Candidate,
    camera_confusions,
    format_table,
    leave_one_camera_out,
    pooled_scores,
)
from seatsense.evaluation.variants import ALL, VARIANTS
from seatsense.vision.evidence import EvidenceSettings
from seatsense.vision.tiles import TilingSettings

DEFAULT = EvidenceSettings()
TILING = TilingSettings()


def candidates() -> list[Candidate]:
    """The settings tried: the default first, then one knob at a time around it."""
    out = [Candidate("default")]
    for share in (0.0, 0.25, 0.45):
        out.append(Candidate(f"person_box_share={share}", replace(DEFAULT, person_box_share=share)))
    for sure_conf in (0.2, 0.25):
        out.append(
            Candidate(f"sure_person_conf={sure_conf}", replace(DEFAULT, sure_person_conf=sure_conf))
        )
    for faint_conf in (0.03, 0.05, 0.08):
        for share in (0.4, 0.6, 0.8):
            out.append(
                Candidate(
                    f"faint_person_conf={faint_conf},faint_person_box_share={share}",
                    replace(DEFAULT, faint_person_conf=faint_conf, faint_person_box_share=share),
                )
            )
    for person_conf in (0.1, 0.2):
        out.append(
            Candidate(f"person_conf={person_conf}", replace(DEFAULT, person_conf=person_conf))
        )
    for figure_conf in (0.0, 0.01, 0.015, 0.02, 0.03, 0.08):
        out.append(
            Candidate(f"figure_conf={figure_conf}", replace(DEFAULT, figure_conf=figure_conf))
        )
    for min_match in (0.25, 0.45):
        out.append(Candidate(f"min_match={min_match}", replace(DEFAULT, min_match=min_match)))
    for keypoint_conf in (0.1, 0.2, 0.3, 0.5, 0.7):
        out.append(
            Candidate(
                f"keypoint_conf={keypoint_conf}", replace(DEFAULT, keypoint_conf=keypoint_conf)
            )
        )
    for motion_share in (0.0, 0.3, 0.35, 0.5, 0.6):
        out.append(
            Candidate(f"motion_share={motion_share}", replace(DEFAULT, motion_share=motion_share))
        )
    for half_life_s in (0.0, 1.5, 2.0, 4.0, 6.0, 8.0, 12.0):
        out.append(
            Candidate(
                f"recent_half_life_s={half_life_s}",
                replace(DEFAULT, recent_half_life_s=half_life_s),
            )
        )
    for sensitivity in (0.3, 0.7):
        out.append(
            Candidate(
                f"belongings_sensitivity={sensitivity}",
                replace(DEFAULT, belongings_sensitivity=sensitivity),
            )
        )
    for item_conf in (0.0, 0.1, 0.15, 0.2, 0.25):
        for floor in (0.0, 0.05, 0.1, 0.15):
            if (item_conf, floor) == (DEFAULT.unseen_item_conf, DEFAULT.figure_item_floor):
                continue
            out.append(
                Candidate(
                    f"unseen_item_conf={item_conf},figure_item_floor={floor}",
                    replace(DEFAULT, unseen_item_conf=item_conf, figure_item_floor=floor),
                )
            )
    for small_seat_px in (0, 48, 96):
        out.append(
            Candidate(
                f"small_seat_px={small_seat_px}",
                tiling=replace(TILING, small_seat_px=small_seat_px),
            )
        )
    for fine_seat_px in (80, 144):
        out.append(
            Candidate(
                f"fine_seat_px={fine_seat_px}", tiling=replace(TILING, fine_seat_px=fine_seat_px)
            )
        )
    for px, levels in ((0, 45.0), (7, 45.0), (11, 45.0), (9, 30.0), (9, 60.0)):
        out.append(Candidate(f"upscale_denoise={px},{levels:g}", upscale_denoise=(px, levels)))
    return out


def main() -> None:
    """Run the candidates, print the per-camera table (and save the confusions as JSON)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sets", nargs="+", type=Path)
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE_DIR)
    parser.add_argument(
        "--variants",
        action="store_true",
        help="pool each camera's clean run with its sd, dusk and tilt runs",
    )
    parser.add_argument(
        "--no-baselines",
        action="store_true",
        help="also pool each camera's run without the set's baselines (sets that have some)",
    )
    parser.add_argument("--only", default="", help="only candidates whose name contains this")
    parser.add_argument("--save", type=Path, help="write the per-camera confusions here")
    args = parser.parse_args()
    tried = [c for c in candidates() if c.name == "default" or args.only in c.name]
    variants = [None, *(VARIANTS[name] for name in ALL)] if args.variants else [None]
    if args.no_baselines:
        variants.append(VARIANTS["no-baselines"])
    confusions = camera_confusions(args.sets, tried, cache=args.cache, variants=variants)
    rows = leave_one_camera_out(confusions)
    print(format_table(rows, confusions))
    default = pooled_scores([replace(row, chosen="default") for row in rows], confusions)
    print(
        f"{'default, pooled':<32} {default['accuracy']:>6.3f} "
        f"{score_text(default['occupied']['f1']):>7} {score_text(default['belongings']['f1']):>7}"
    )
    if args.save:
        args.save.write_text(
            json.dumps(
                {name: {"/".join(k): v for k, v in c.items()} for name, c in confusions.items()}
            )
        )


if __name__ == "__main__":
    main()

"""`seatsense eval`: score the pipeline on a labelled data set."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from ..evaluation.variants import VARIANTS, variant_names
from .command import Subparsers, add_item_model_options, item_model


def add_parser(subparsers: Subparsers) -> None:
    """Add `eval` to the command line."""
    parser = subparsers.add_parser(
        "eval",
        help="score the pipeline on a labelled data set",
        description="Score per-frame seat verdicts on a labelled data set (docs/eval-format.md).",
    )
    parser.add_argument("dataset", type=Path, help="folder with layout.yaml, frames.csv, truth.csv")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--model", default="bundled", help="bundled, an .onnx or a .pt file")
    parser.add_argument(
        "--variant",
        choices=[*VARIANTS, "all"],
        help="also run the set degraded: an SD sub-stream, dusk light, a bumped camera, or all "
        "three; or without its baselines (every seat learns its empty reference as it runs)",
    )
    parser.add_argument(
        "--cache",
        nargs="?",
        type=Path,
        const=Path(".cache/seatsense-eval"),
        help="keep the detections in this folder (default .cache/seatsense-eval) and reuse "
        "them: a re-run with other settings takes seconds, but is not timed",
    )
    add_item_model_options(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Print the report (readable, or one JSON object with `--json`)."""
    from ..evaluation.evaluate import evaluate, format_report
    from ..vision.detect import load_detector

    detector = load_detector(args.model, items=item_model(args))
    report = evaluate(args.dataset, detector=detector, cache=args.cache)
    if args.variant:
        report["variants"] = {
            name: evaluate(
                args.dataset, detector=detector, variant=VARIANTS[name], cache=args.cache
            )
            for name in variant_names(args.variant)
        }
    print(json.dumps(report) if args.json else format_report(report))
    return 0

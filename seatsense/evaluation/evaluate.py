"""`seatsense eval`: score the pipeline's per-frame seat verdicts on a labelled set.

>>> report = evaluate("../shared/eval/library-kr")            # doctest: +SKIP
>>> report["overall"]["occupied"]["f1"]                       # doctest: +SKIP
0.9
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from ..core.engine import Observation
from ..core.frame import Frame
from ..vision.detect import ITEM_CLASSES, Detector, NanoDetDetector, load_detector
from ..vision.evidence import EvidenceSettings
from ..vision.pipeline import CameraObservation, Pipeline, predicted_state, seat_key
from ..vision.tiles import TilingSettings
from .cache import CachedDetector
from .dataset import STATES, Dataset, read_frame
from .plain import PLAIN_CONFIDENCES, occupied_seats
from .variants import Variant

Confusion = dict[str, dict[str, int]]
Mistakes = dict[str, dict[str, dict[str, int]]]
"""Wrong seat-instances by truth, predicted state and the cue that decided them."""


def evaluate(
    root: str | Path,
    detector: Detector | None = None,
    settings: EvidenceSettings | None = None,
    variant: Variant | None = None,
    cache: str | Path | None = None,
    tiling: TilingSettings | None = None,
) -> dict[str, Any]:
    """Run every labelled frame of a set through the pipeline; docs/eval-format.md's report.

    Each camera's frames go in time order and as they run live: the seat engines follow the
    verdicts and the references of seats they hold empty learn from the frames, so what the
    pipeline learns over a day is scored.

    With a `variant` (`variants.VARIANTS`), its frames, references and layout are degraded
    (or its baselines withheld) as that variant says before anything sees them. With a
    `cache` folder the detections are kept there and reused by later runs
    (`cache.CachedDetector`); the run is then not timed (`seconds_per_frame` and the rest
    are null).
    """
    dataset = Dataset.load(root)
    pipeline = _pipeline(dataset, detector, settings, variant, cache, tiling)
    tally = _Tally()
    plain: dict[str, Confusion] = {}
    labelled = bool(dataset.truth)
    frames = 0
    views = 0  # whole frames and seat tiles, as planned; the pipeline counts those that ran
    seconds = 0.0
    full_frame_seconds = 0.0
    for camera_id, time_s, frame in dataset.frames():
        labels = dataset.truth.get((camera_id, time_s), {})
        if labelled and not labels:
            continue
        if variant:
            frame = variant.frame(frame)
        camera = pipeline.cameras[camera_id]
        # The seats that had a reference to compare this frame with, before it teaches any.
        referenced = {seat_id for seat_id in labels if camera.evidence.has_reference(seat_id)}
        started = time.perf_counter()
        observation = pipeline.observe({camera_id: (frame, time_s)})[camera_id]
        # As it runs live: the seat engines take the verdicts, and the seats they hold empty
        # refresh their references (or learn a first one) from the frame.
        camera.feed(observation)
        camera.learn(observation, frame)
        seconds += time.perf_counter() - started
        full_frame_seconds += _yardstick(pipeline, camera_id, frame, labels, plain)
        frames += 1
        views += len(camera.tiling.tiles)
        tally.score(camera_id, labels, observation, referenced)
    return _report(
        dataset,
        pipeline,
        tally,
        plain,
        (frames, seconds, full_frame_seconds, cache is None),
        views,
    )


class _Tally:
    """What a run's verdicts scored so far: confusion matrices per camera and per seat, the
    verdicts per state, belongings found by whether their seat had a reference, and each
    camera's mistakes by what decided them (`mistake_cue`)."""

    def __init__(self) -> None:
        self.per_camera: dict[str, Confusion] = {}
        self.per_seat: dict[str, Confusion] = {}
        self.predicted = dict.fromkeys(STATES, 0)
        # Without a reference to compare against, only the item finder or a model with item
        # classes can see belongings: [labelled, found] for each kind of seat.
        self.belongings_found = {"with_reference": [0, 0], "without_reference": [0, 0]}
        self.mistakes: dict[str, Mistakes] = {}

    def score(
        self,
        camera_id: str,
        labels: Mapping[str, str],
        observation: CameraObservation,
        referenced: set[str],
    ) -> None:
        """Count one frame's verdicts against its labels."""
        verdicts = observation.verdicts
        for verdict in verdicts.values():
            self.predicted[predicted_state(verdict)] += 1
        confusion = self.per_camera.setdefault(camera_id, _empty_confusion())
        for seat_id, truth in labels.items():
            predicted = predicted_state(verdicts[seat_id])
            confusion[truth][predicted] += 1
            seat = self.per_seat.setdefault(seat_key(camera_id, seat_id), _empty_confusion())
            seat[truth][predicted] += 1
            if predicted != truth:
                cue = mistake_cue(
                    observation.own_verdicts[seat_id], verdicts[seat_id], seat_id in referenced
                )
                mistakes = self.mistakes.setdefault(camera_id, {})
                cues = mistakes.setdefault(truth, {}).setdefault(predicted, {})
                cues[cue] = cues.get(cue, 0) + 1
            if truth == "belongings":
                kind = "with_reference" if seat_id in referenced else "without_reference"
                counts = self.belongings_found[kind]
                counts[0] += 1
                counts[1] += predicted == "belongings"


def mistake_cue(own: Observation, settled: Observation, referenced: bool) -> str:
    """What decided a seat's verdict, as the report counts its mistakes: "recent" where the
    seat's recent verdicts outvoted the frame's own; else for someone seated how sure their
    box was (`Observation.person_reason`), for belongings the cue that found them
    (`Observation.belongings_reason`), and for an empty seat whether it had a reference that
    it matched ("reference") or none ("no_reference").

    >>> mistake_cue(Observation(person=False, belongings=True, belongings_reason="change"),
    ...             Observation(person=False, belongings=True, belongings_reason="change"), True)
    'change'
    >>> mistake_cue(Observation(person=False), Observation(person=True), False)
    'recent'
    >>> mistake_cue(Observation(person=False), Observation(person=False), False)
    'no_reference'
    """
    if predicted_state(own) != predicted_state(settled):
        return "recent"
    if settled.person:
        return settled.person_reason or "person"
    if settled.belongings:
        return settled.belongings_reason or "belongings"
    return "reference" if referenced else "no_reference"


def _pipeline(
    dataset: Dataset,
    detector: Detector | None,
    settings: EvidenceSettings | None,
    variant: Variant | None,
    cache: str | Path | None,
    tiling: TilingSettings | None,
) -> Pipeline:
    """The pipeline a run scores, its references set; with a `cache`, both models' answers
    (the people model's crops, the item finder's mosaics) are kept there."""
    item_detector = None
    if cache is not None:
        detector = CachedDetector(detector if detector is not None else load_detector(), cache)
        if (settings or EvidenceSettings()).looks_for_items:
            item_detector = CachedDetector(NanoDetDetector(), cache)
    site = variant.site(dataset.site) if variant else dataset.site
    pipeline = Pipeline(
        site,
        detector=detector,
        evidence_settings=settings,
        tiling_settings=tiling,
        item_detector=item_detector,
    )
    _set_references(pipeline, dataset, variant)
    return pipeline


def _yardstick(
    pipeline: Pipeline,
    camera_id: str,
    frame: Frame,
    labels: Mapping[str, str],
    plain: dict[str, Confusion],
) -> float:
    """One plain inference of the whole frame, as a naive pipeline runs it: its seconds. Its
    detections are scored by the plain methods' rules into `plain`."""
    started = time.perf_counter()
    whole = pipeline.detector.detect(
        [pipeline.camera_sized(camera_id, frame)], conf=min(PLAIN_CONFIDENCES)
    )[0]
    seconds = time.perf_counter() - started
    for method, occupied in occupied_seats(pipeline.cameras[camera_id].camera, whole).items():
        confusion = plain.setdefault(method, _empty_confusion())
        for seat_id, truth in labels.items():
            confusion[truth]["occupied" if seat_id in occupied else "empty"] += 1
    return seconds


def _report(
    dataset: Dataset,
    pipeline: Pipeline,
    tally: _Tally,
    plain: Mapping[str, Confusion],
    timing: tuple[int, float, float, bool],
    views: int,
) -> dict[str, Any]:
    """The report of one run from its counts (`views`: the whole frames and seat tiles the
    cameras plan for its frames)."""
    frames, seconds, full_frame_seconds, timed = timing
    timed = timed and bool(frames)
    overall = pooled(tally.per_camera.values())
    return {
        "dataset": dataset.site.name,
        "frames": frames,
        "seat_instances": sum(sum(row.values()) for row in overall.values()),
        "overall": scores(overall),
        "cameras": {
            camera_id: {**scores(c), "mistakes": tally.mistakes.get(camera_id, {})}
            for camera_id, c in tally.per_camera.items()
        },
        "seats": dict(tally.per_seat),
        "predicted": tally.predicted,
        "mistakes": added_mistakes(tally.mistakes.values()),
        "belongings_by_reference": {
            # Items on seats without a reference: the item finder, or a model with item classes.
            "item_classes": pipeline.items is not None
            or bool(ITEM_CLASSES & set(pipeline.detector.class_names.values())),
            **{
                key: {
                    "instances": n,
                    "found": found,
                    "recall": round(found / n, 4) if n else None,
                }
                for key, (n, found) in tally.belongings_found.items()
            },
        },
        "plain_methods": {name: scores(c)["occupied"] for name, c in plain.items()},
        "seconds_per_frame": round(seconds / frames, 4) if timed else None,
        "full_frame_inference_seconds": round(full_frame_seconds / frames, 4) if timed else None,
        "pipeline_vs_full_frame": round(seconds / full_frame_seconds, 2) if timed else None,
        # The seat tiles the whole frame settles are left out (`TilingSettings`).
        "views_per_frame": round(views / frames, 2) if frames else None,
        "views_run_per_frame": round(pipeline.crops_inferred / frames, 2) if frames else None,
    }


def scores(confusion: Mapping[str, Mapping[str, int]]) -> dict[str, Any]:
    """Accuracy, precision/recall/F1 for occupied and belongings, and the confusion matrix.

    A state that is neither labelled nor predicted has no precision, recall or F1 (None): a
    camera without belongings to find has nothing to score there, which is not a score of 0.

    >>> nobody = {t: {"empty": 0, "occupied": 0, "belongings": 0} for t in STATES}
    >>> nobody["empty"]["empty"] = 4
    >>> scores(nobody)["belongings"]
    {'precision': None, 'recall': None, 'f1': None}
    """
    total = sum(sum(row.values()) for row in confusion.values())
    correct = sum(confusion[s][s] for s in STATES)
    report: dict[str, Any] = {"accuracy": round(correct / total, 4) if total else 0.0}
    for state in ("occupied", "belongings"):
        true_positive = confusion[state][state]
        predicted = sum(confusion[t][state] for t in STATES)
        actual = sum(confusion[state].values())
        if not predicted and not actual:
            report[state] = {"precision": None, "recall": None, "f1": None}
            continue
        precision = true_positive / predicted if predicted else 0.0
        recall = true_positive / actual if actual else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        report[state] = {
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1, 4),
        }
    report["confusion"] = {t: dict(confusion[t]) for t in STATES}
    return report


def format_report(report: Mapping[str, Any]) -> str:
    """The report as a plain-text table."""
    lines = [
        f"{report['dataset']}: {report['frames']} frames, {report['seat_instances']} seat "
        f"instances, {cost_text(report)}",
        "",
        f"{'camera':<10} {'acc':>6} {'occ P':>6} {'occ R':>6} {'occ F1':>7} "
        f"{'bel P':>6} {'bel R':>6} {'bel F1':>7}",
    ]
    rows: Iterable[tuple[str, Mapping[str, Any]]] = [
        *report["cameras"].items(),
        ("overall", report["overall"]),
    ]
    for name, s in rows:
        occupied, belongings = s["occupied"], s["belongings"]
        lines.append(
            f"{name:<10} {s['accuracy']:>6.3f} {score_text(occupied['precision']):>6} "
            f"{score_text(occupied['recall']):>6} {score_text(occupied['f1']):>7} "
            f"{score_text(belongings['precision']):>6} {score_text(belongings['recall']):>6} "
            f"{score_text(belongings['f1']):>7}"
        )
    lines += [
        "",
        "confusion (rows: truth, columns: predicted)",
        f"{'':<12}" + "".join(f"{p:>12}" for p in STATES),
    ]
    for truth in STATES:
        lines.append(
            f"{truth:<12}"
            + "".join(f"{report['overall']['confusion'][truth][p]:>12}" for p in STATES)
        )
    wrong = most_wrong_seats(report)
    if wrong:
        lines += ["", "seats most often wrong (camera/seat: wrong of labelled, truth as predicted)"]
        for key, count, total, mistakes in wrong:
            said = ", ".join(f"{truth} as {predicted} {n}" for (truth, predicted), n in mistakes)
            lines.append(f"  {key}: {count} of {total} ({said})")
    by_cue = mistake_lines(report)
    if by_cue:
        lines += ["", "mistakes by what decided them (truth as predicted: cue count)", *by_cue]
    best = best_plain_method(report)
    if best is not None:
        name, plain = best
        lines += [
            "",
            f"best plain method ({name}, one whole-frame inference): occupied F1 "
            f"{score_text(plain['f1'])} (P {score_text(plain['precision'])}, "
            f"R {score_text(plain['recall'])}); "
            f"seatsense {score_change(report['overall']['occupied']['f1'], plain['f1'])}",
        ]
    by_reference = report["belongings_by_reference"]
    with_reference, without = by_reference["with_reference"], by_reference["without_reference"]
    lines += [
        "",
        f"belongings found: {with_reference['found']} of {with_reference['instances']} on seats "
        f"with a reference, {without['found']} of {without['instances']} on seats without one",
    ]
    if without["instances"] and not by_reference["item_classes"]:
        lines += [
            "  nothing looks for items: on a seat without a reference only items that read as a",
            "  faint figure are found; add the seat to baselines.csv, or turn the item finder on",
            "  (unseen_item_conf) or use a model with item classes",
        ]
    for name, variant_report in report.get("variants", {}).items():
        overall = variant_report["overall"]
        variant_best = best_plain_method(variant_report)
        clean = report["overall"]
        lines.append(
            f"variant {name}: occupied F1 {score_text(overall['occupied']['f1'])} "
            f"({score_change(overall['occupied']['f1'], clean['occupied']['f1'])}), "
            f"belongings F1 {score_text(overall['belongings']['f1'])} "
            f"({score_change(overall['belongings']['f1'], clean['belongings']['f1'])})"
            + (f"; best plain method {score_text(variant_best[1]['f1'])}" if variant_best else "")
        )
    return "\n".join(lines)


def cost_text(report: Mapping[str, Any]) -> str:
    """What a run cost: time per frame against one full-frame inference, and how many of the
    planned views (whole frames and seat tiles) ran.

    >>> cost_text({"seconds_per_frame": None, "views_per_frame": 3.0, "views_run_per_frame": 2.1})
    'not timed (cached detections), 2.1 of 3.0 views run a frame'
    """
    timing = (
        f"{report['seconds_per_frame']} s per frame "
        f"({report['pipeline_vs_full_frame']}x one full-frame inference)"
        if report["seconds_per_frame"] is not None
        else "not timed (cached detections)"
    )
    if report["views_per_frame"] is None:
        return timing
    ran, planned = report["views_run_per_frame"], report["views_per_frame"]
    return f"{timing}, {ran} of {planned} views run a frame"


def score_text(value: float | None) -> str:
    """A score as the reports print it: three decimals, "-" where there is none.

    >>> score_text(0.9116), score_text(None)
    ('0.912', '-')
    """
    return "-" if value is None else f"{value:.3f}"


def score_change(value: float | None, base: float | None) -> str:
    """How far a score lies above (+) or below (-) another, "-" where either is missing.

    >>> score_change(0.95, 0.9116), score_change(0.9, None)
    ('+0.038', '-')
    """
    return "-" if value is None or base is None else f"{value - base:+.3f}"


def mistake_lines(report: Mapping[str, Any]) -> list[str]:
    """The report's mistakes by truth and predicted state, most first, each with the cues
    that decided them (`mistake_cue`), most first.

    >>> mistake_lines({"mistakes": {"occupied": {"belongings": {"change": 2, "finder": 5}}}})
    ['  occupied as belongings 7: finder 5, change 2']
    """
    rows = [
        (sum(cues.values()), truth, predicted, cues)
        for truth, row in report.get("mistakes", {}).items()
        for predicted, cues in row.items()
    ]
    rows.sort(key=lambda row: (-row[0], row[1], row[2]))
    return [
        f"  {truth} as {predicted} {total}: "
        + ", ".join(
            f"{cue} {n}" for cue, n in sorted(cues.items(), key=lambda item: (-item[1], item[0]))
        )
        for total, truth, predicted, cues in rows
    ]


def most_wrong_seats(
    report: Mapping[str, Any], most: int = 5
) -> list[tuple[str, int, int, list[tuple[tuple[str, str], int]]]]:
    """The seats a report's verdicts got wrong most often (none for a report without any):
    each seat's key, its wrong and labelled seat-instances, and its mistakes by truth and
    predicted state, most first.

    >>> seat = {"occupied": {"occupied": 3, "belongings": 2, "empty": 0},
    ...         "belongings": {"occupied": 0, "belongings": 1, "empty": 0},
    ...         "empty": {"occupied": 0, "belongings": 0, "empty": 4}}
    >>> most_wrong_seats({"seats": {"c/A": seat}})
    [('c/A', 2, 10, [(('occupied', 'belongings'), 2)])]
    """
    found = []
    for key, confusion in report.get("seats", {}).items():
        mistakes = sorted(
            (
                ((truth, predicted), n)
                for truth, row in confusion.items()
                for predicted, n in row.items()
                if truth != predicted and n
            ),
            key=lambda mistake: -mistake[1],
        )
        if mistakes:
            total = sum(sum(row.values()) for row in confusion.values())
            found.append((key, sum(n for _, n in mistakes), total, mistakes))
    found.sort(key=lambda seat: (-seat[1], seat[0]))
    return found[:most]


def best_plain_method(
    report: Mapping[str, Any],
) -> tuple[str, Mapping[str, float | None]] | None:
    """The plain method with the highest occupied F1 in a report, and its scores."""
    methods: Mapping[str, Mapping[str, float | None]] = report.get("plain_methods", {})
    if not methods:
        return None
    name = max(methods, key=lambda method: methods[method]["f1"] or 0.0)
    return name, methods[name]


def _set_references(pipeline: Pipeline, dataset: Dataset, variant: Variant | None) -> None:
    """The set's baselines as the seats' references, degraded as the variant says (none when
    it withholds them)."""
    if variant is not None and not variant.baselines:
        return
    for camera_id, seats in dataset.baselines.items():
        for seat_id, path in seats.items():
            reference = read_frame(path)
            if variant:
                reference = variant.reference(reference)
            pipeline.cameras[camera_id].evidence.set_reference(reference, [seat_id])


def pooled(parts: Iterable[Mapping[str, Mapping[str, int]]]) -> Confusion:
    """The confusion matrices added up (cameras into a set, runs into a camera)."""
    total = _empty_confusion()
    for part in parts:
        for truth in STATES:
            for predicted in STATES:
                total[truth][predicted] += part[truth][predicted]
    return total


def added_mistakes(parts: Iterable[Mistakes]) -> Mistakes:
    """Mistake counts added up (cameras into a set).

    >>> added_mistakes([{"empty": {"occupied": {"weak": 2}}},
    ...                 {"empty": {"occupied": {"weak": 1, "sure": 1}}}])
    {'empty': {'occupied': {'weak': 3, 'sure': 1}}}
    """
    total: Mistakes = {}
    for part in parts:
        for truth, row in part.items():
            for predicted, cues in row.items():
                counts = total.setdefault(truth, {}).setdefault(predicted, {})
                for cue, n in cues.items():
                    counts[cue] = counts.get(cue, 0) + n
    return total


def _empty_confusion() -> Confusion:
    return {t: dict.fromkeys(STATES, 0) for t in STATES}

"""`seatsense eval` and its data-set reader (docs/eval-format.md): a small set made here, and
library-kr when present."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import cv2
import pytest

from seatsense.cli import main
from seatsense.evaluation.dataset import Dataset, DatasetError, read_frame
from seatsense.evaluation.evaluate import (
    best_plain_method,
    evaluate,
    format_report,
    most_wrong_seats,
    scores,
)
from seatsense.evaluation.plain import PLAIN_CONFIDENCES, PLAIN_RULES
from seatsense.evaluation.variants import VARIANTS
from seatsense.vision.evidence import EvidenceSettings
from tests.conftest import FIXTURES

NO_ITEM_FINDER = EvidenceSettings(unseen_item_conf=0.0, figure_item_floor=0.0)
LAYOUT = """name: tiny
cameras:
  - id: cam
    width: 1280
    height: 720
    seats:
      - id: right
        polygon: [[700, 0], [1280, 0], [1280, 720], [700, 720]]
      - id: middle
        polygon: [[520, 0], [690, 0], [690, 300], [520, 300]]
"""


def _tiny_set(root: Path) -> Path:
    (root / "media").mkdir(parents=True)
    shutil.copy(FIXTURES / "zidane.jpg", root / "media" / "a.jpg")
    (root / "layout.yaml").write_text(LAYOUT)
    (root / "frames.csv").write_text(
        "camera,time_s,path\ncam,0.0,media/a.jpg\ncam,1.5,media/a.jpg\n"
    )
    (root / "truth.csv").write_text(
        "camera,time_s,seat,state\n"
        "cam,0.0,right,occupied\ncam,0.0,middle,empty\n"
        "cam,1.5,right,occupied\ncam,1.5,middle,belongings\n"
    )
    return root


def test_eval_scores_a_tiny_set(tmp_path: Path) -> None:
    report = evaluate(_tiny_set(tmp_path / "tiny"))
    assert report["frames"] == 2 and report["seat_instances"] == 4
    overall = report["overall"]
    assert overall["occupied"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert overall["confusion"]["belongings"]["empty"] == 1
    assert overall["belongings"]["recall"] == 0.0
    assert report["cameras"]["cam"]["accuracy"] == 0.75
    # Per seat, the same counts: the belongings seat's miss, the occupied seat's two hits.
    assert report["seats"]["cam/middle"]["belongings"]["empty"] == 1
    assert report["seats"]["cam/right"]["occupied"]["occupied"] == 2
    assert most_wrong_seats(report) == [("cam/middle", 1, 2, [(("belongings", "empty"), 1)])]
    # The miss's cue: at 0.0 the empty seat learned its reference from the same picture,
    # which the frame at 1.5 matches.
    assert report["mistakes"] == {"belongings": {"empty": {"reference": 1}}}
    assert report["seconds_per_frame"] > 0 and report["full_frame_inference_seconds"] > 0
    ratio = report["seconds_per_frame"] / report["full_frame_inference_seconds"]
    assert report["pipeline_vs_full_frame"] == pytest.approx(ratio, rel=0.05)
    # The whole frame and two seat tiles a frame; the tile that shows only the right seat,
    # where a man stands sure in the whole frame, is left out.
    assert (report["views_per_frame"], report["views_run_per_frame"]) == (3.0, 2.0)
    assert "2.0 of 3.0 views run a frame" in format_report(report).splitlines()[0]


def test_a_state_with_nothing_to_find_has_no_score(tmp_path: Path, capsys) -> None:
    """No seat labelled or called belongings: its precision, recall and F1 are null in the
    JSON and `-` in the text, not a failing 0."""
    root = _tiny_set(tmp_path / "tiny")
    (root / "truth.csv").write_text(
        "camera,time_s,seat,state\n"
        "cam,0.0,right,occupied\ncam,0.0,middle,empty\n"
        "cam,1.5,right,occupied\ncam,1.5,middle,empty\n"
    )
    report = evaluate(root)
    assert report["overall"]["confusion"]["empty"]["empty"] == 2
    assert report["overall"]["belongings"] == {"precision": None, "recall": None, "f1": None}
    assert report["cameras"]["cam"]["occupied"]["f1"] == 1.0

    assert main(["eval", str(root), "--variant", "sd"]) == 0
    out = capsys.readouterr().out
    overall = next(line for line in out.splitlines() if line.startswith("overall"))
    assert overall.split()[-3:] == ["-", "-", "-"]
    assert "belongings F1 - (-)" in out


def test_eval_counts_each_mistake_by_what_decided_it(tmp_path: Path, capsys) -> None:
    """Labels that disagree with zidane.jpg: the man on the right, sure in both frames, is
    labelled absent; seat `middle`, which nothing shows, is labelled occupied before it has a
    reference and belongings after learning one from the first frame."""
    root = _tiny_set(tmp_path / "tiny")
    (root / "truth.csv").write_text(
        "camera,time_s,seat,state\n"
        "cam,0.0,right,empty\ncam,0.0,middle,occupied\n"
        "cam,1.5,right,empty\ncam,1.5,middle,belongings\n"
    )
    report = evaluate(root, settings=NO_ITEM_FINDER)
    assert report["mistakes"] == {
        "empty": {"occupied": {"sure": 2}},
        "occupied": {"empty": {"no_reference": 1}},
        "belongings": {"empty": {"reference": 1}},
    }
    assert report["cameras"]["cam"]["mistakes"] == report["mistakes"]  # the set's one camera
    assert main(["eval", str(root)]) == 0
    lines = capsys.readouterr().out.splitlines()
    at = lines.index("mistakes by what decided them (truth as predicted: cue count)")
    assert lines[at + 1 : at + 4] == [
        "  empty as occupied 2: sure 2",
        "  belongings as empty 1: reference 1",
        "  occupied as empty 1: no_reference 1",
    ]


def test_eval_scores_the_plain_methods_in_the_same_run(tmp_path: Path, capsys) -> None:
    """Every plain rule, at each threshold and confidence, is scored from the same frames; on
    zidane.jpg the box of the man on the left reaches over a third of seat `middle`, which the
    seat-covered rules call occupied and the pipeline does not."""
    report = evaluate(_tiny_set(tmp_path / "tiny"))
    plain = report["plain_methods"]
    rules = sum(max(1, len(thresholds)) for thresholds in PLAIN_RULES.values())
    assert len(plain) == rules * len(PLAIN_CONFIDENCES)
    assert plain["bottom_centre@0.25"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert plain["seat_covered>=0.3@0.25"]["precision"] == 0.5
    assert report["overall"]["occupied"]["precision"] == 1.0
    name, best = best_plain_method(report) or ("", {})
    assert best["f1"] == max(method["f1"] for method in plain.values()) and name in plain
    assert main(["eval", str(tmp_path / "tiny")]) == 0
    assert f"best plain method ({name}, one whole-frame inference)" in capsys.readouterr().out


def _bag_set(root: Path, seen_empty_first: bool) -> Path:
    """The tiny set with a bag drawn on seat `middle`; with `seen_empty_first`, a frame of
    the seat empty comes before the one with the bag."""
    root = _tiny_set(root)
    frame = cv2.imread(str(root / "media" / "a.jpg"))
    cv2.rectangle(frame, (560, 60), (660, 200), (30, 40, 160), -1)
    cv2.imwrite(str(root / "media" / "bag.jpg"), frame)
    frames, truth = ["camera,time_s,path"], ["camera,time_s,seat,state"]
    if seen_empty_first:
        frames.append("cam,0.0,media/a.jpg")
        truth += ["cam,0.0,right,occupied", "cam,0.0,middle,empty"]
    frames.append("cam,1.5,media/bag.jpg")
    truth += ["cam,1.5,right,occupied", "cam,1.5,middle,belongings"]
    (root / "frames.csv").write_text("\n".join(frames) + "\n")
    (root / "truth.csv").write_text("\n".join(truth) + "\n")
    return root


def test_eval_splits_belongings_by_reference(tmp_path: Path, capsys) -> None:
    """A seat with a baseline finds the bag drawn on it; with the item finder off, one without
    can't, and the text report says why (the bundled model has no item classes)."""
    root = _bag_set(tmp_path / "tiny", seen_empty_first=False)
    report = evaluate(root, settings=NO_ITEM_FINDER)
    assert report["belongings_by_reference"] == {
        "item_classes": False,
        "with_reference": {"instances": 0, "found": 0, "recall": None},
        "without_reference": {"instances": 1, "found": 0, "recall": 0.0},
    }
    assert report["mistakes"] == {"belongings": {"empty": {"no_reference": 1}}}
    (root / "baselines.csv").write_text("camera,seat,path\ncam,middle,media/a.jpg\n")
    report = evaluate(root)
    assert report["belongings_by_reference"]["with_reference"] == {
        "instances": 1,
        "found": 1,
        "recall": 1.0,
    }
    assert report["overall"]["belongings"]["recall"] == 1.0
    # The no-baselines variant runs the set as a site that never captured its empty seats.
    withheld = evaluate(root, settings=NO_ITEM_FINDER, variant=VARIANTS["no-baselines"])
    assert withheld["belongings_by_reference"]["with_reference"]["instances"] == 0
    assert withheld["belongings_by_reference"]["without_reference"] == {
        "instances": 1,
        "found": 0,
        "recall": 0.0,
    }
    (root / "baselines.csv").unlink()
    text = format_report(evaluate(root, settings=NO_ITEM_FINDER))
    assert "belongings found: 0 of 0 on seats with a reference, 0 of 1 on seats without" in text
    assert "nothing looks for items" in text
    assert "baselines.csv" in text


def test_the_item_finder_finds_a_bag_on_a_seat_without_reference(tmp_path: Path, capsys) -> None:
    """The bundled item finder looks at the seat that was never seen empty: the drawn bag is
    found there, and the report has nothing to advise."""
    root = _bag_set(tmp_path / "tiny", seen_empty_first=False)
    assert main(["eval", str(root)]) == 0
    text = capsys.readouterr().out
    assert "belongings found: 0 of 0 on seats with a reference, 1 of 1 on seats without" in text
    assert "nothing looks for items" not in text


def test_eval_learns_a_reference_while_a_seat_is_empty(tmp_path: Path) -> None:
    """As live: seat `middle`, seen empty in the first frame, learns its reference from it
    and finds the bag put down there afterwards, with no baseline given."""
    report = evaluate(_bag_set(tmp_path / "tiny", seen_empty_first=True))
    assert report["belongings_by_reference"]["with_reference"] == {
        "instances": 1,
        "found": 1,
        "recall": 1.0,
    }
    assert report["overall"]["confusion"]["empty"]["empty"] == 1


def test_scores_by_hand() -> None:
    confusion = {
        "empty": {"empty": 8, "occupied": 1, "belongings": 1},
        "occupied": {"empty": 2, "occupied": 8, "belongings": 0},
        "belongings": {"empty": 1, "occupied": 0, "belongings": 4},
    }
    s = scores(confusion)
    assert s["accuracy"] == round(20 / 25, 4)
    assert s["occupied"]["precision"] == round(8 / 9, 4)
    assert s["belongings"]["recall"] == round(4 / 5, 4)


def test_cli_eval_json_matches_format(tmp_path: Path, capsys) -> None:
    assert main(["eval", str(_tiny_set(tmp_path / "tiny")), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert {"frames", "seat_instances", "overall", "cameras", "seconds_per_frame"} <= set(report)
    assert set(report["overall"]) == {"accuracy", "occupied", "belongings", "confusion"}
    assert main(["eval", str(tmp_path / "tiny")]) == 0
    text = capsys.readouterr().out
    assert "confusion" in text
    assert "cam/middle: 1 of 2 (belongings as empty 1)" in text
    assert "cam/right" not in text  # a seat with no mistake is not listed
    assert "  belongings as empty 1: reference 1" in text.splitlines()


@pytest.mark.parametrize(
    ("file", "content", "message"),
    [
        ("frames.csv", "camera,time_s,path\nnope,0,media/a.jpg\n", "camera 'nope' is not in"),
        (
            "frames.csv",
            "camera,time_s,path\ncam,1,media/a.jpg\ncam,1,media/a.jpg\n",
            "is not after the previous",
        ),
        ("frames.csv", "camera,time_s,path\ncam,x,media/a.jpg\n", "'x' is not a number"),
        ("frames.csv", "camera,time_s,path\ncam,0,media/none.jpg\n", "does not exist"),
        ("frames.csv", "camera,path\n", "header lacks time_s"),
        ("truth.csv", "camera,time_s,seat,state\ncam,0.0,right,sitting\n", "is not one of"),
        ("truth.csv", "camera,time_s,seat,state\ncam,0.0,zz,empty\n", "has no seat 'zz'"),
        ("truth.csv", "camera,time_s,seat,state\ncam,9.0,right,empty\n", "no frame of 'cam' at 9"),
    ],
)
def test_malformed_sets_name_file_line_and_fault(
    tmp_path: Path, file: str, content: str, message: str, capsys
) -> None:
    root = _tiny_set(tmp_path / "bad")
    (root / file).write_text(content)
    with pytest.raises(DatasetError, match=message):
        Dataset.load(root)
    assert main(["eval", str(root)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message.split("'")[0] in err and "Traceback" not in err


def test_video_frame_reference(tmp_path: Path) -> None:
    video = tmp_path / "clip.mp4"
    writer = cv2.VideoWriter(str(video), cv2.VideoWriter_fourcc(*"mp4v"), 10, (320, 240))
    for i in range(30):
        frame = cv2.imread(str(FIXTURES / "zidane.jpg"))
        frame = cv2.resize(frame, (320, 240))
        cv2.putText(frame, str(i), (10, 200), cv2.FONT_HERSHEY_SIMPLEX, 2, (0, 0, 255), 3)
        writer.write(frame)
    writer.release()
    assert read_frame(video, 1.5).shape == (240, 320, 3)
    with pytest.raises(DatasetError, match="no frame at 99"):
        read_frame(video, 99.0)


def test_library_kr_meets_the_pipeline_floor(library_kr: Path) -> None:
    """Real reading-room footage: the pipeline must stay at least this good (regression floor;
    the accuracy issue's targets are measured by `seatsense eval`, not asserted here)."""
    report = evaluate(library_kr)
    assert report["frames"] == 101 and report["seat_instances"] == 479
    assert report["overall"]["occupied"]["f1"] >= 0.9
    # The model alone, with the best plain rule in the same run, stays below 0.85.
    _, plain = best_plain_method(report) or ("", {"f1": 1.0})
    assert report["overall"]["occupied"]["f1"] > plain["f1"] + 0.05
    assert report["cameras"]["v1"]["occupied"]["f1"] >= 0.95
    assert report["overall"]["belongings"]["f1"] >= 0.4
    # 106 of the 139 belongings lie on seats without a baseline. There the item finder (and
    # the faint figures) find them; on the seats with one the change against it does.
    by_reference = report["belongings_by_reference"]
    with_reference, without = by_reference["with_reference"], by_reference["without_reference"]
    assert with_reference["instances"] + without["instances"] == 139
    assert with_reference["instances"] >= 33 and with_reference["recall"] >= 0.7
    assert by_reference["item_classes"] and without["found"] >= 80


def _unlabelled_set(
    root: Path,
    video: Path,
    width: int,
    height: int,
    seats: list[list[list[int]]],
    seconds: list[float],
) -> Path:
    """A labelled set over a clip in ../shared/media, made in tmp (the clip is referenced
    in place, never copied)."""
    root.mkdir()
    (root / "media").symlink_to(video.parent)
    lines = [
        f"name: {root.name}",
        "cameras:",
        "  - id: cam",
        f"    width: {width}",
        f"    height: {height}",
        "    seats:",
    ]
    for i, polygon in enumerate(seats):
        lines += [f"      - id: S{i + 1}", f"        polygon: {polygon}"]
    (root / "layout.yaml").write_text("\n".join(lines) + "\n")
    (root / "frames.csv").write_text(
        "camera,time_s,path\n" + "".join(f"cam,{t},media/{video.name}@{t}\n" for t in seconds)
    )
    return root


def _rectangle(x1: int, y1: int, x2: int, y2: int) -> list[list[int]]:
    return [[x1, y1], [x2, y1], [x2, y2], [x1, y2]]


def test_eval_runs_on_the_unlabelled_shared_clips(tmp_path: Path) -> None:
    from tests.conftest import SHARED

    media = SHARED / "media"
    if not media.is_dir():
        pytest.skip("../shared/media is not present")
    dining = media / "1234hmehme__Seat-Occupancy-Detection-AI002"
    rois = json.loads((dining / "rois_extracted_from_AI002.json").read_text())
    sets = [
        _unlabelled_set(
            tmp_path / "dining",
            dining / "source" / "MINH7.mp4",
            856,
            480,
            [_rectangle(r["x"], r["y"], r["x"] + r["w"], r["y"] + r["h"]) for r in rois["seats"]],
            [0.5, 4.0, 8.0],
        )
    ]
    argo = media / "ArgoHyperion__Video-Focused-Seat-Occupancy-Detection-YOLOv8"
    boxes = json.loads((argo / "rois_extracted_from_DetectionSettings.json").read_text())
    sets.append(
        _unlabelled_set(
            tmp_path / "table",
            argo / "data" / "test.mp4",
            856,
            480,
            [_rectangle(x1, y1, x2, y2) for x2, y2, x1, y1 in boxes["chair_rois"]],
            [1.0, 6.0],
        )
    )
    for clip in sorted((media / "Aoi-00__Seat-Detection-System" / "Videos").glob("vid*.mp4")):
        capture = cv2.VideoCapture(str(clip))
        width = int(capture.get(cv2.CAP_PROP_FRAME_WIDTH))
        height = int(capture.get(cv2.CAP_PROP_FRAME_HEIGHT))
        capture.release()
        halves = [_rectangle(0, 0, width // 2, height), _rectangle(width // 2, 0, width, height)]
        sets.append(_unlabelled_set(tmp_path / clip.stem, clip, width, height, halves, [2.0]))
    for root in sets:
        report = evaluate(root)
        assert report["frames"] >= 1 and report["seat_instances"] == 0
        assert sum(report["predicted"].values()) == report["frames"] * len(
            Dataset.load(root).site.cameras[0].seats
        )

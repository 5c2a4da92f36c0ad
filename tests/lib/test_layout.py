"""Site layouts: every bad input is one clear line naming file, camera, seat and fault."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from seatsense.core.engine import EngineSettings
from seatsense.core.layout import (
    Camera,
    LayoutError,
    Seat,
    Site,
    format_seat_lines,
    load_site,
    parse_seat_lines,
    parse_site,
    site_to_dict,
)

SQUARE = [[10, 10], [100, 10], [100, 100], [10, 100]]
"""A 90 x 90 seat."""


def seat(
    seat_id: str = "A1", polygon: list[list[Any]] | None = None, **extra: Any
) -> dict[str, Any]:
    return {"id": seat_id, "polygon": polygon if polygon is not None else SQUARE, **extra}


def camera(
    camera_id: str = "cam1", seats: list[dict[str, Any]] | None = None, **extra: Any
) -> dict[str, Any]:
    return {
        "id": camera_id,
        "width": 640,
        "height": 360,
        "seats": seats if seats is not None else [seat()],
        **extra,
    }


def site(*cameras: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"name": "cafe", "cameras": list(cameras) or [camera()], **extra}


def layout_error(raw: Any, origin: str = "cafe.yaml") -> str:
    """The message `parse_site` gives; fails the test unless it is exactly one line."""
    with pytest.raises(LayoutError) as caught:
        parse_site(raw, origin=origin)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"{origin}: ")
    return message


# -- bad polygons --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("polygon", "fault"),
    [
        ([], "polygon needs at least 3 points, got 0"),
        ([[10, 10], [100, 100]], "polygon needs at least 3 points, got 2"),
        ([[10, 10], [100, 100], [100, 10], [10, 100]], "self-intersecting"),  # a bow tie
        ([[10, 10], [50, 50], [90, 90]], "self-intersecting or degenerate"),  # a line
        ([[10, 10], [700, 10], [700, 100]], "point (700, 10) is outside the 640x360 frame"),
        ([[-1, 10], [100, 10], [100, 100]], "point (-1, 10) is outside the 640x360 frame"),
        ([[10, 10], [100, 10], [100, 361]], "point (100, 361) is outside the 640x360 frame"),
    ],
    ids=["no_points", "two_points", "bow_tie", "collinear", "right", "left", "below"],
)
def test_bad_polygon_names_file_camera_seat_and_fault(polygon: list[list[Any]], fault: str) -> None:
    message = layout_error(site(camera(seats=[seat("A1"), seat("B7", polygon)])))
    assert message.startswith("cafe.yaml: camera 'cam1': seat 'B7': ")
    assert fault in message


def test_polygon_on_the_frame_edge_is_inside() -> None:
    edge = [[0, 0], [640, 0], [640, 360], [0, 360]]
    parsed = parse_site(site(camera(seats=[seat("A1", edge)])))
    assert parsed.cameras[0].seats[0].polygon == ((0, 0), (640, 0), (640, 360), (0, 360))


def test_point_that_is_not_a_number_pair() -> None:
    message = layout_error(site(camera(seats=[seat("A1", [[10, "a"], [100, 10], [100, 100]])])))
    assert message.startswith("cafe.yaml: camera 'cam1': seat 'A1': polygon")


def test_point_with_three_coordinates_says_what_is_wrong() -> None:
    message = layout_error(site(camera(seats=[seat("A1", [[10, 10, 1], [100, 10], [100, 100]])])))
    assert "None" not in message and "each point must be [x, y]" in message


# -- duplicate ids, unknown keys, overlaps -------------------------------------------------------


def test_duplicate_camera_id() -> None:
    message = layout_error(site(camera("cam1"), camera("cam2"), camera("cam1")))
    assert message == "cafe.yaml: camera 'cam1': duplicate camera id"


def test_duplicate_seat_id() -> None:
    other = [[200, 10], [300, 10], [300, 100]]
    message = layout_error(site(camera(seats=[seat("A1"), seat("A1", other)])))
    assert message == "cafe.yaml: camera 'cam1': seat 'A1': duplicate seat id"


def test_same_seat_id_on_two_cameras_is_fine() -> None:
    parsed = parse_site(site(camera("cam1"), camera("cam2")))
    assert [c.seats[0].id for c in parsed.cameras] == ["A1", "A1"]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (site(colour="red"), "cafe.yaml: unknown key 'colour'"),
        (site(camera(fps=5)), "cafe.yaml: camera #1 'cam1': unknown key 'fps'"),
        (
            site(camera(seats=[seat(colour="red")])),
            "cafe.yaml: camera 'cam1': seat 'A1': unknown key 'colour'",
        ),
        (site(settings={"exit_grace": 30}), "cafe.yaml: unknown key 'settings.exit_grace'"),
    ],
    ids=["top", "camera", "seat", "settings"],
)
def test_unknown_keys_at_every_level(raw: dict[str, Any], expected: str) -> None:
    assert layout_error(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            site(camera(seats=[{"polygon": SQUARE}])),
            "cafe.yaml: camera 'cam1': seat #1: missing key 'id'",
        ),
        (
            site(camera(seats=[{"id": "A1"}])),
            "cafe.yaml: camera 'cam1': seat 'A1': missing key 'polygon'",
        ),
        (
            {"name": "x", "cameras": [{"id": "cam1", "seats": []}]},
            "cafe.yaml: camera #1 'cam1': missing key",
        ),
        ({"name": "x"}, "cafe.yaml: missing key 'cameras'"),
        ({"cameras": []}, "cafe.yaml: cameras"),
        ([1, 2], "cafe.yaml: expected a mapping with 'cameras', got list"),
        (site(settings={"enter_samples": 0}), "cafe.yaml: settings.enter_samples"),
    ],
    ids=["seat_id", "polygon", "frame_size", "cameras", "no_cameras", "not_a_mapping", "settings"],
)
def test_missing_and_malformed_entries(raw: Any, expected: str) -> None:
    assert layout_error(raw).startswith(expected)


def test_seats_overlapping_more_than_half_of_the_smaller_one() -> None:
    # A2 is 90 x 90 and shares 80 x 80 with A1.
    moved = [[20, 20], [110, 20], [110, 110], [20, 110]]
    message = layout_error(
        site(
            camera(
                seats=[seat("A1"), seat("B1", [[300, 10], [400, 10], [400, 90]]), seat("A2", moved)]
            )
        )
    )
    assert message == (
        "cafe.yaml: camera 'cam1': seats 'A1' and 'A2' overlap by 79% of the smaller one "
        "(at most 50% allowed)"
    )


def test_seats_sharing_exactly_half_are_allowed() -> None:
    half = [[55, 10], [145, 10], [145, 100], [55, 100]]
    parsed = parse_site(site(camera(seats=[seat("A1"), seat("A2", half)])))
    assert len(parsed.cameras[0].seats) == 2


def test_a_small_seat_inside_a_big_one_overlaps_fully() -> None:
    big = [[0, 0], [300, 0], [300, 300], [0, 300]]
    message = layout_error(site(camera(seats=[seat("BIG", big), seat("SMALL")])))
    assert "seats 'BIG' and 'SMALL' overlap by 100% of the smaller one" in message


def test_seats_on_different_cameras_never_overlap() -> None:
    parse_site(site(camera("cam1"), camera("cam2")))


# -- files ---------------------------------------------------------------------------------------

GOOD = {
    "name": "Study Cafe Gangnam",
    "interval_s": 2.5,
    "settings": {"exit_grace_s": 45, "abandoned_after_s": 900},
    "cameras": [
        {
            "id": "ch01",
            "name": "Room A",
            "source": "rtsp://nvr.local/ch01",
            "width": 1280,
            "height": 720,
            "seats": [
                {
                    "id": "A1",
                    "name": "창가 1",
                    "polygon": [[100, 100], [300, 100], [300, 400], [100, 400]],
                },
                {
                    "id": "A2",
                    "polygon": [[320, 100], [520, 100], [520, 400], [320, 400]],
                    "enter_samples": 3,
                },
            ],
        },
        {"id": "ch02", "width": 640, "height": 360, "seats": [{"id": "B1", "polygon": SQUARE}]},
    ],
}


def check_good(parsed: Site) -> None:
    assert parsed.name == "Study Cafe Gangnam"
    assert parsed.interval_s == 2.5
    assert parsed.model == "bundled"
    assert parsed.settings == EngineSettings(exit_grace_s=45, abandoned_after_s=900)
    ch01 = parsed.camera("ch01")
    assert (ch01.name, ch01.source, ch01.width, ch01.height) == (
        "Room A",
        "rtsp://nvr.local/ch01",
        1280,
        720,
    )
    assert ch01.seat("A1").name == "창가 1"
    assert ch01.seat("A1").polygon == ((100, 100), (300, 100), (300, 400), (100, 400))
    assert ch01.seat("A2").engine_settings(parsed.settings) == EngineSettings(
        enter_samples=3, exit_grace_s=45, abandoned_after_s=900
    )
    assert ch01.seat("A1").engine_settings(parsed.settings) == parsed.settings
    assert parsed.camera("ch02").source is None
    with pytest.raises(KeyError):
        parsed.camera("ch03")
    with pytest.raises(KeyError):
        ch01.seat("Z9")


def test_good_yaml_file(tmp_path: Path) -> None:
    path = tmp_path / "site.yaml"
    path.write_text(yaml.safe_dump(GOOD, allow_unicode=True), encoding="utf-8")
    check_good(load_site(path))


def test_good_json_file(tmp_path: Path) -> None:
    path = tmp_path / "site.json"
    path.write_text(json.dumps(GOOD, ensure_ascii=False), encoding="utf-8")
    check_good(load_site(str(path)))


def test_defaults_of_a_minimal_file(tmp_path: Path) -> None:
    path = tmp_path / "site.yml"
    path.write_text(
        "cameras:\n  - id: 1\n    width: 640\n    height: 360\n"
        "    seats:\n      - id: 7\n        polygon: [[10, 10], [100, 10], [100, 100]]\n",
        encoding="utf-8",
    )
    parsed = load_site(path)
    assert (parsed.name, parsed.interval_s, parsed.settings) == ("seatsense", 3.0, EngineSettings())
    assert (parsed.cameras[0].id, parsed.cameras[0].seats[0].id) == ("1", "7")


def file_error(path: Path) -> str:
    with pytest.raises(LayoutError) as caught:
        load_site(path)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"{path}: ")
    return message


def test_bad_yaml(tmp_path: Path) -> None:
    path = tmp_path / "site.yaml"
    path.write_text("cameras:\n  - id: cam1\n    seats: [\n", encoding="utf-8")
    assert "not valid YAML" in file_error(path)


def test_bad_json(tmp_path: Path) -> None:
    path = tmp_path / "site.json"
    path.write_text('{"cameras": [', encoding="utf-8")
    assert (
        file_error(path) == f"{path}: not valid JSON: Expecting value: line 1 column 14 (char 13)"
    )


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.yaml"
    assert file_error(path) == f"{path}: no such file"


def test_unreadable_path(tmp_path: Path) -> None:
    assert "cannot read" in file_error(tmp_path)


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "site.yaml"
    path.write_text("", encoding="utf-8")
    assert "expected a mapping with 'cameras'" in file_error(path)


def test_fault_in_a_file_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "site.yaml"
    raw = site(camera("cam3", seats=[seat("C4", [[10, 10], [100, 100]])]))
    path.write_text(yaml.safe_dump(raw), encoding="utf-8")
    assert file_error(path) == (
        f"{path}: camera 'cam3': seat 'C4': polygon needs at least 3 points, got 2"
    )


# -- seat lines ----------------------------------------------------------------------------------


def test_seat_lines_in_pixels() -> None:
    seats = parse_seat_lines(
        "A1: 412,300 640,300 660,520 400,520\nA2: 700,300 900,300 900,520", 1280, 720
    )
    assert seats == (
        Seat("A1", ((412, 300), (640, 300), (660, 520), (400, 520))),
        Seat("A2", ((700, 300), (900, 300), (900, 520))),
    )


def test_seat_lines_in_fractions_of_the_frame() -> None:
    (only,) = parse_seat_lines("  B 3 : 0.1,0.1 0.5,0.1;0.5,0.5  ", 1280, 720)
    assert only == Seat("B 3", ((128, 72), (640, 72), (640, 360)))


def test_seat_lines_skip_blanks_and_comments() -> None:
    seats = parse_seat_lines("# room A\n\nA1: 10,10 90,10 90,90\n   # done\n", 100, 100)
    assert [s.id for s in seats] == ["A1"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A1: 10,10 90,10 90,90\nA2 10,10 90,10", "seats line 2: expected 'ID: x,y x,y x,y ...'"),
        ("# x\n\nA1: 10,10 20,x 30,30", "seats line 3: seat 'A1': '20,x' is not a point 'x,y'"),
        ("A1: 10,10,3 20,20 4,4", "seats line 1: seat 'A1': '10,10,3' is not a point 'x,y'"),
        ("A1: 10,10 20,20", "seats line 1: seat 'A1': polygon needs at least 3 points, got 2"),
        (
            "A1: 0,0 500,0 500,50",
            "seats line 1: seat 'A1': point (500, 0) is outside the 100x100 frame",
        ),
        ("A1: 0,0 50,50 50,0 0,50", "seats line 1: seat 'A1': polygon is self-intersecting"),
        ("A1: 0,0 50,0 50,50\nA1: 60,0 90,0 90,50", "seats: seat 'A1': duplicate seat id"),
        (
            "A1: 0,0 60,0 60,60 0,60\nA2: 10,10 70,10 70,70 10,70",
            "seats: seats 'A1' and 'A2' overlap by 69%",
        ),
        ("# nothing\n\n", "seats: no seats given"),
        (":10,10 20,20 30,10", "seats line 1: expected"),
    ],
    ids=[
        "no_colon",
        "bad_number",
        "three_numbers",
        "two_points",
        "outside",
        "bow_tie",
        "duplicate",
        "overlap",
        "empty",
        "no_id",
    ],
)
def test_bad_seat_lines_name_the_line_and_fault(text: str, expected: str) -> None:
    with pytest.raises(LayoutError) as caught:
        parse_seat_lines(text, 100, 100)
    assert str(caught.value).startswith(expected)


def test_seat_lines_where_prefix_names_the_camera() -> None:
    with pytest.raises(LayoutError, match=r"^camera 'cam1' line 1: seat 'A1': "):
        parse_seat_lines("A1: 1,1 2,2", 100, 100, where="camera 'cam1'")


def test_format_seat_lines_round_trip() -> None:
    seats = (
        Seat("A1", ((412, 300), (640.5, 300), (660.25, 520), (400, 520))),
        Seat("창가-2", ((700, 300), (900, 300), (900, 520))),
    )
    text = format_seat_lines(seats)
    assert text == "A1: 412,300 640.5,300 660.25,520 400,520\n창가-2: 700,300 900,300 900,520"
    assert parse_seat_lines(text, 1280, 720) == seats


def test_format_seat_lines_keeps_sub_pixel_coordinates() -> None:
    seats = parse_seat_lines("A1: 0.3333333,0.1 0.5,0.1 0.5,0.5", 1280, 720)
    assert parse_seat_lines(format_seat_lines(seats), 1280, 720) == seats


# -- site_to_dict --------------------------------------------------------------------------------


def test_site_to_dict_round_trip_through_json_and_yaml() -> None:
    parsed = parse_site(GOOD)
    raw = site_to_dict(parsed)
    assert parse_site(raw) == parsed
    assert parse_site(json.loads(json.dumps(raw))) == parsed
    assert parse_site(yaml.safe_load(yaml.safe_dump(raw, allow_unicode=True))) == parsed


def test_site_to_dict_leaves_out_default_settings() -> None:
    minimal = Site(
        name="x", cameras=(Camera("c", 640, 360, (Seat("A", ((0, 0), (9, 0), (9, 9))),)),)
    )
    raw = site_to_dict(minimal)
    assert raw["settings"] == {}
    assert raw["cameras"] == [
        {
            "id": "c",
            "width": 640,
            "height": 360,
            "seats": [{"id": "A", "polygon": [[0, 0], [9, 0], [9, 9]]}],
        }
    ]
    assert parse_site(raw) == minimal


# -- the evaluation layout -----------------------------------------------------------------------

LIBRARY_KR_OVER_HALF = {
    ("v3a", "v3a-L1", "v3a-L2"),
    ("v3a", "v3a-L2", "v3a-L3"),
    ("v3a", "v3a-R1", "v3a-R2"),
    ("v3a", "v3a-R2", "v3a-R3"),
    ("v3b", "v3b-L2", "v3b-L3"),
    ("v3b", "v3b-R1", "v3b-R2"),
    ("v3c", "v3c-L1", "v3c-L2"),
    ("v3c", "v3c-R1", "v3c-R2"),
    ("v4", "v4-L1", "v4-L2"),
    ("v4", "v4-R2", "v4-R3"),
}
"""Neighbouring seats of library-kr whose polygons share more than half of the smaller one:
the cameras look along rows of partitioned desks, so a seat's chair hides behind the next."""


def test_library_kr_polygons_are_each_valid(library_kr: Path) -> None:
    """Every camera and seat passes on its own; only the overlap rule stops the file."""
    raw = yaml.safe_load((library_kr / "layout.yaml").read_text(encoding="utf-8"))
    assert raw["name"] == "library-kr"
    for raw_camera in raw["cameras"]:
        alone = {**raw_camera, "seats": []}
        for raw_seat in raw_camera["seats"]:
            parse_site({"cameras": [{**alone, "seats": [raw_seat]}]}, origin="layout.yaml")
    assert sum(len(c["seats"]) for c in raw["cameras"]) == 26


def test_library_kr_overlaps_above_half_are_the_partitioned_neighbours(library_kr: Path) -> None:
    from shapely.geometry import Polygon as ShapelyPolygon

    raw = yaml.safe_load((library_kr / "layout.yaml").read_text(encoding="utf-8"))
    over_half = set()
    for raw_camera in raw["cameras"]:
        shapes = [(s["id"], ShapelyPolygon(s["polygon"])) for s in raw_camera["seats"]]
        for i, (a_id, a) in enumerate(shapes):
            for b_id, b in shapes[i + 1 :]:
                if a.intersection(b).area / min(a.area, b.area) > 0.5:
                    over_half.add((raw_camera["id"], a_id, b_id))
    assert over_half == LIBRARY_KR_OVER_HALF


def test_library_kr_layout_breaks_the_site_rule(library_kr: Path) -> None:
    """A site file may not have these overlaps: the first pair found is named."""
    path = library_kr / "layout.yaml"
    with pytest.raises(LayoutError) as caught:
        load_site(path)
    assert str(caught.value) == (
        f"{path}: camera 'v3a': seats 'v3a-L1' and 'v3a-L2' overlap by 58% of the smaller one "
        "(at most 50% allowed)"
    )


def test_library_kr_layout_loads_with_the_evaluation_allowance(library_kr: Path) -> None:
    from seatsense.evaluation.dataset import EVAL_MAX_SEAT_OVERLAP

    parsed = load_site(library_kr / "layout.yaml", max_seat_overlap=EVAL_MAX_SEAT_OVERLAP)
    assert parsed.name == "library-kr"
    assert [c.id for c in parsed.cameras] == ["v1", "v3a", "v3b", "v3c", "v4"]
    assert all((c.width, c.height) == (1280, 720) for c in parsed.cameras)
    assert [len(c.seats) for c in parsed.cameras] == [4, 6, 5, 5, 6]
    assert parsed.camera("v1").seat("v1-L1").polygon[0] == (388, 316)


def test_overlap_allowance_is_a_parameter() -> None:
    moved = [[20, 20], [110, 20], [110, 110], [20, 110]]  # 79% of A1
    raw = site(camera(seats=[seat("A1"), seat("A2", moved)]))
    assert len(parse_site(raw, max_seat_overlap=0.8).cameras[0].seats) == 2
    with pytest.raises(LayoutError, match="at most 75% allowed"):
        parse_site(raw, max_seat_overlap=0.75)


# -- bounded input -------------------------------------------------------------------------------


def grid_camera(
    camera_id: str, seats: int, width: int = 1920, height: int = 1080
) -> dict[str, Any]:
    """A camera with `seats` small seats side by side, 16 to a row (none overlap)."""
    columns = 16
    cell_w, cell_h = width // columns, height // max(1, -(-seats // columns))
    rows = []
    for i in range(seats):
        x, y = (i % columns) * cell_w, (i // columns) * cell_h
        square = [
            [x, y],
            [x + cell_w - 2, y],
            [x + cell_w - 2, y + cell_h - 2],
            [x, y + cell_h - 2],
        ]
        rows.append(seat(f"S{i}", square))
    return camera(camera_id, rows, width=width, height=height)


LAUGHS = "\n".join(
    ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    + [f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 10) + "]" for n in range(1, 7)]
)
"""A million `lol`s from seven short lines (a "billion laughs" on a smaller scale)."""


@pytest.mark.parametrize("where", ["camera", "seat"])
def test_a_yaml_alias_bomb_as_an_id_is_refused_in_one_line(tmp_path: Path, where: str) -> None:
    camera_id, seat_id = ("*a6", "A1") if where == "camera" else ("cam1", "*a6")
    path = tmp_path / "site.yaml"
    path.write_text(
        f"{LAUGHS}\ncameras:\n  - id: {camera_id}\n    width: 640\n    height: 360\n"
        f"    seats:\n      - id: {seat_id}\n        polygon: [[10, 10], [90, 10], [90, 90]]\n",
        encoding="utf-8",
    )
    message = file_error(path)
    assert "aliases" in message and "lol" not in message and len(message) < 200


def test_yaml_aliases_anywhere_in_a_layout_file_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "site.yaml"
    path.write_text(
        "square: &square [[10, 10], [90, 10], [90, 90]]\n"
        "cameras:\n  - id: cam1\n    width: 640\n    height: 360\n"
        "    seats:\n      - id: A1\n        polygon: *square\n",
        encoding="utf-8",
    )
    assert file_error(path) == (
        f"{path}: not valid YAML: aliases (*name) are not allowed in layout files (line 8)"
    )


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_nesting_a_hundred_thousand_deep_is_one_line(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"site{suffix}"
    path.write_text('{"cameras": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    assert "nested more than 32 deep" in file_error(path)


def test_a_layout_file_over_one_mebibyte_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "site.yaml"
    path.write_text(yaml.safe_dump(site()) + "#" * (1024 * 1024), encoding="utf-8")
    assert file_error(path) == (f"{path}: larger than 1048576 bytes, the limit for a layout file")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            site(*[camera(f"c{n}") for n in range(65)]),
            "cafe.yaml: cameras: at most 64 cameras per site",
        ),
        (
            site(camera(seats=[seat(f"S{n}") for n in range(257)])),
            "cafe.yaml: camera #1 'cam1': seats: at most 256 seats per camera",
        ),
        (
            site(*[grid_camera(f"c{n}", 256) for n in range(16)], camera("c16")),
            "cafe.yaml: at most 4096 seats per site, got 4097",
        ),
        (
            site(camera("c" * 65)),
            "cafe.yaml: camera #1: id: at most 64 characters",
        ),
        (
            site(camera(seats=[seat("s" * 65)])),
            "cafe.yaml: camera 'cam1': seat #1: id: at most 64 characters",
        ),
        (
            site(camera(seats=[seat(polygon=[[10 + n, 10 + n % 2] for n in range(33)])])),
            "cafe.yaml: camera 'cam1': seat 'A1': polygon: at most 32 points per polygon",
        ),
        (
            site(camera(name="n" * 201)),
            "cafe.yaml: camera #1 'cam1': name: at most 200 characters",
        ),
    ],
    ids=["cameras", "seats_per_camera", "seats_per_site", "camera_id", "seat_id", "points", "name"],
)
def test_each_limit_is_one_line_naming_it(raw: dict[str, Any], expected: str) -> None:
    assert layout_error(raw) == expected


@pytest.mark.parametrize("bad_id", [list(range(10_000)), {"a": 1}, None, True, 1.5])
def test_an_id_that_is_not_text_is_refused_without_echoing_it(bad_id: Any) -> None:
    for raw, prefix in [
        (site(camera(bad_id)), "cafe.yaml: camera #1: id: "),
        (site(camera(seats=[seat(bad_id)])), "cafe.yaml: camera 'cam1': seat #1: id: "),
    ]:
        assert layout_error(raw) == prefix + "must be text or a whole number"


@pytest.mark.parametrize(
    "value",
    [float("nan"), float("inf"), float("-inf"), "nan", "1e400", 10**400, True],
    ids=["nan", "inf", "-inf", "nan_text", "1e400_text", "10**400", "bool"],
)
def test_coordinates_must_be_finite_numbers(value: Any) -> None:
    polygon = [[value, 10], [90, 10], [90, 90]]
    message = layout_error(site(camera(seats=[seat("A1", polygon)])))
    assert message == "cafe.yaml: camera 'cam1': seat 'A1': polygon.0: must be a finite number"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (site(interval_s=float("nan")), "cafe.yaml: interval_s: must be a finite number"),
        (site(interval_s="inf"), "cafe.yaml: interval_s: must be a finite number"),
        (
            site(settings={"exit_grace_s": float("nan")}),
            "cafe.yaml: settings.exit_grace_s: must be a finite number",
        ),
        (
            site(camera(seats=[seat(abandoned_after_s=float("inf"))])),
            "cafe.yaml: camera 'cam1': seat 'A1': abandoned_after_s: must be a finite number",
        ),
        (
            site(settings={"enter_samples": True}),
            "cafe.yaml: settings.enter_samples: expected int",
        ),
        (
            site(camera(width=10**400)),
            "cafe.yaml: camera #1 'cam1': width: value must be at most 16384",
        ),
    ],
    ids=["interval_nan", "interval_inf", "setting_nan", "seat_setting_inf", "bool", "huge_width"],
)
def test_numbers_are_finite_and_in_range(raw: dict[str, Any], expected: str) -> None:
    assert layout_error(raw) == expected


def test_a_seat_line_id_and_its_points_are_bounded() -> None:
    with pytest.raises(LayoutError, match=r"^seats line 1: id: at most 64 characters$"):
        parse_seat_lines("x" * 65 + ": 1,1 50,1 50,50", 100, 100)
    points = " ".join(f"{n},{n % 2}" for n in range(33))
    with pytest.raises(LayoutError, match=r"seat 'A1': at most 32 points per polygon$"):
        parse_seat_lines(f"A1: {points}", 100, 100)
    with pytest.raises(LayoutError, match=r"seat 'A1': point \(nan, 1\) is not a finite number"):
        parse_seat_lines("A1: nan,1 50,1 50,50", 100, 100)
    lines = "\n".join(
        f"S{n}: {n % 16 * 6},{n // 16 * 6} {n % 16 * 6 + 5},{n // 16 * 6} "
        f"{n % 16 * 6 + 5},{n // 16 * 6 + 5}"
        for n in range(257)
    )
    with pytest.raises(LayoutError, match=r"^seats: at most 256 seats per camera$"):
        parse_seat_lines(lines, 100, 100)


def test_the_largest_layout_allowed_loads_and_finds_the_one_overlap(tmp_path: Path) -> None:
    cameras = [grid_camera(f"c{n}", 256) for n in range(16)]
    path = tmp_path / "site.yaml"
    path.write_text(yaml.safe_dump(site(*cameras)), encoding="utf-8")
    assert sum(len(c.seats) for c in load_site(path).cameras) == 4096
    last = cameras[-1]["seats"]
    last[-1]["polygon"] = last[0]["polygon"]  # the last seat drawn over the first
    message = layout_error(site(*cameras))
    assert message.startswith("cafe.yaml: camera 'c15': seats 'S0' and 'S255' overlap by 100%")

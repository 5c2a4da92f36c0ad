"""Site layouts: cameras, their sources and the seat polygons drawn on their frames.

One loader reads both a site file and the `layout.yaml` of an evaluation set:

>>> site = parse_site({"name": "cafe", "cameras": [{"id": "c1", "width": 640, "height": 360,
...     "seats": [{"id": "A1", "polygon": [[10, 10], [200, 10], [200, 200], [10, 200]]}]}]})
>>> site.cameras[0].seats[0].id
'A1'
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import shapely
import voluptuous as vol
import yaml
from shapely.validation import explain_validity

from .engine import EngineSettings

Point = tuple[float, float]
Polygon = tuple[Point, ...]
"""A seat polygon in frame pixels, at least 3 points."""

MAX_SEAT_OVERLAP = 0.5
"""Two seats may share at most this fraction of the smaller one's area."""

# Bounds on what a layout may hold: far above any real site (an NVR has up to 64 channels, a
# camera sees a few dozen seats), low enough that a hostile file is refused in milliseconds.
MAX_LAYOUT_BYTES = 1024 * 1024
MAX_CAMERAS = 64
MAX_SEATS_PER_CAMERA = 256
MAX_SEATS_PER_SITE = 4096
MAX_ID_LENGTH = 64
MAX_NAME_LENGTH = 200
MAX_TEXT_LENGTH = 4096
"""A camera source URL or a model path."""
MAX_POLYGON_POINTS = 32
MAX_NESTING = 32
"""Lists and mappings inside each other in a layout file or a JSON body (a layout needs 7)."""


class LayoutError(ValueError):
    """A layout is malformed; the message names the file, camera and seat at fault."""


def _finite_number(value: Any) -> float:
    """A number (or numeric text) that is neither infinite nor NaN, as a float."""
    if isinstance(value, bool):  # YAML's `yes` is no coordinate
        raise vol.Invalid("must be a finite number")
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        raise vol.Invalid("must be a finite number") from None
    if not math.isfinite(number):
        raise vol.Invalid("must be a finite number")
    return number


def _whole_number(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise vol.Invalid("expected int")
    return int(value)


def _identifier(value: Any) -> str:
    """A camera or seat id: printable text, or a whole number written without quotes.

    Checked before anything formats it: a value that is not text is never turned into text.
    """
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise vol.Invalid("must be text or a whole number")
    if isinstance(value, int) and abs(value) >= 10**MAX_ID_LENGTH:
        raise vol.Invalid(f"at most {MAX_ID_LENGTH} characters")
    text = str(value)
    if not text:
        raise vol.Invalid("must not be empty")
    if len(text) > MAX_ID_LENGTH:
        raise vol.Invalid(f"at most {MAX_ID_LENGTH} characters")
    if not text.isprintable():
        raise vol.Invalid("must not contain line breaks or control characters")
    return text


def _text(max_length: int) -> vol.All:
    return vol.All(str, vol.Length(max=max_length, msg=f"at most {max_length} characters"))


def _point(value: Any) -> Point:
    if not isinstance(value, list | tuple) or len(value) != 2:
        raise vol.Invalid("each point must be [x, y]")
    return _finite_number(value[0]), _finite_number(value[1])


def _at_most(limit: int, what: str) -> vol.All:
    """A list of at most `limit` items, checked before its items are."""
    return vol.All(list, vol.Length(max=limit, msg=f"at most {limit} {what}"))


_SETTING_NAMES = ("enter_samples", "exit_grace_s", "abandoned_after_s")
SETTINGS_KEYS: dict[Any, Any] = {
    vol.Optional("enter_samples"): vol.All(_whole_number, vol.Range(min=1, max=100)),
    vol.Optional("exit_grace_s"): vol.All(_finite_number, vol.Range(min=0, max=86400)),
    vol.Optional("abandoned_after_s"): vol.All(_finite_number, vol.Range(min=0, max=86400)),
}

_SEAT_SCHEMA = vol.Schema(
    {
        vol.Required("id"): _identifier,
        vol.Required("polygon"): vol.All(
            _at_most(MAX_POLYGON_POINTS, "points per polygon"), [_point]
        ),
        vol.Optional("name"): _text(MAX_NAME_LENGTH),
        **SETTINGS_KEYS,
    }
)
_CAMERA_SCHEMA = vol.Schema(
    {
        vol.Required("id"): _identifier,
        vol.Optional("name"): _text(MAX_NAME_LENGTH),
        vol.Optional("source"): vol.Any(None, _text(MAX_TEXT_LENGTH)),
        vol.Required("width"): vol.All(_whole_number, vol.Range(min=16, max=16384)),
        vol.Required("height"): vol.All(_whole_number, vol.Range(min=16, max=16384)),
        vol.Required("seats"): vol.All(_at_most(MAX_SEATS_PER_CAMERA, "seats per camera"), [dict]),
    }
)
_SITE_SCHEMA = vol.Schema(
    {
        vol.Optional("name", default="seatsense"): _text(MAX_NAME_LENGTH),
        vol.Optional("interval_s", default=3.0): vol.All(
            _finite_number, vol.Range(min=0.2, max=3600)
        ),
        vol.Optional("model", default="bundled"): _text(MAX_TEXT_LENGTH),
        vol.Optional("settings", default=dict): vol.Schema(SETTINGS_KEYS),
        vol.Required("cameras"): vol.All(
            _at_most(MAX_CAMERAS, "cameras per site"), vol.Length(min=1), [dict]
        ),
    }
)


@dataclass(frozen=True)
class Seat:
    """One seat: an id unique within its camera, its polygon and optional own thresholds."""

    id: str
    polygon: Polygon
    name: str | None = None
    settings: Mapping[str, float] = field(default_factory=dict)

    def engine_settings(self, site_defaults: EngineSettings) -> EngineSettings:
        """The site's thresholds with this seat's own values on top."""
        if not self.settings:
            return site_defaults
        values = {
            "enter_samples": site_defaults.enter_samples,
            "exit_grace_s": site_defaults.exit_grace_s,
            "abandoned_after_s": site_defaults.abandoned_after_s,
        }
        values.update(self.settings)
        return EngineSettings(
            enter_samples=int(values["enter_samples"]),
            exit_grace_s=float(values["exit_grace_s"]),
            abandoned_after_s=float(values["abandoned_after_s"]),
        )


@dataclass(frozen=True)
class Camera:
    """A camera (or NVR channel) and the seats drawn on its `width` x `height` frame."""

    id: str
    width: int
    height: int
    seats: tuple[Seat, ...]
    source: str | None = None
    name: str | None = None

    def seat(self, seat_id: str) -> Seat:
        """The seat with this id; KeyError if there is none."""
        for seat in self.seats:
            if seat.id == seat_id:
                return seat
        raise KeyError(seat_id)


@dataclass(frozen=True)
class Site:
    """A whole site (one study cafe, one NVR): cameras, sampling interval, thresholds."""

    name: str
    cameras: tuple[Camera, ...]
    interval_s: float = 3.0
    model: str = "bundled"
    settings: EngineSettings = field(default_factory=EngineSettings)

    def camera(self, camera_id: str) -> Camera:
        """The camera with this id; KeyError if there is none."""
        for camera in self.cameras:
            if camera.id == camera_id:
                return camera
        raise KeyError(camera_id)


def load_site(path: str | Path, max_seat_overlap: float = MAX_SEAT_OVERLAP) -> Site:
    """Read and validate a site file (YAML or JSON). Raises LayoutError naming the fault.

    `max_seat_overlap` is the share of the smaller seat two seats may have in common; an
    evaluation set drawn on an oblique view (where partitions hide the desk behind) needs more.
    Files over `MAX_LAYOUT_BYTES` are refused unread; YAML aliases are refused (a few lines of
    them expand to billions of values).
    """
    path = Path(path)
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_LAYOUT_BYTES + 1)  # bounded: the path may be a device
        text = data.decode("utf-8")
    except FileNotFoundError:
        raise LayoutError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as err:
        raise LayoutError(f"{path}: cannot read: {err}") from None
    if len(data) > MAX_LAYOUT_BYTES:
        raise LayoutError(
            f"{path}: larger than {MAX_LAYOUT_BYTES} bytes, the limit for a layout file"
        )
    is_json = path.suffix.lower() == ".json"
    try:
        raw = loads_json(text) if is_json else _loads_yaml(text)
    except (yaml.YAMLError, ValueError) as err:  # ValueError: also an integer of 5,000 digits
        first_line = str(err).strip().splitlines()[0] if str(err).strip() else "syntax error"
        raise LayoutError(f"{path}: not valid {_format_name(path)}: {first_line}") from None
    return parse_site(raw, origin=str(path), max_seat_overlap=max_seat_overlap)


_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml where PyYAML has it: about seven times faster on a large layout."""


def _loads_yaml(text: str) -> Any:
    """`yaml.safe_load` that first refuses aliases and deep nesting, reading only events.

    Nothing is built before the check: libyaml's node builder recurses per level (a file of
    100,000 `[` crashes the process) and an alias bomb is cheap to build but not to walk.
    """
    depth = 0
    for event in yaml.parse(text, Loader=_YAML_LOADER):
        line = event.start_mark.line + 1 if event.start_mark is not None else 0
        if isinstance(event, yaml.AliasEvent):
            raise ValueError(f"aliases (*name) are not allowed in layout files (line {line})")
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_NESTING:
                raise ValueError(f"nested more than {MAX_NESTING} deep (line {line})")
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return yaml.load(text, Loader=_YAML_LOADER)  # a safe loader, C or Python


_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
_NOT_A_BRACKET = re.compile(r"[^\[\]{}]+")


def loads_json(text: str, max_depth: int = MAX_NESTING) -> Any:
    """`json.loads` for text from outside: nesting deeper than `max_depth`, and NaN or
    Infinity (which Python writes but JSON has not), are a ValueError.

    The depth is counted before parsing, on the brackets outside strings, so 100,000 `[`
    are refused at the 33rd instead of ending in a RecursionError.

    >>> loads_json('{"a": [[1]]}')
    {'a': [[1]]}
    >>> loads_json("[" * 40 + "]" * 40)
    Traceback (most recent call last):
    ...
    ValueError: nested more than 32 deep
    >>> loads_json('{"a": NaN}')
    Traceback (most recent call last):
    ...
    ValueError: NaN is not a JSON number
    """
    brackets = _NOT_A_BRACKET.sub("", _JSON_STRING.sub("", text))
    depth = 0
    for bracket in brackets:
        depth += 1 if bracket in "[{" else -1
        if depth > max_depth:
            raise ValueError(f"nested more than {max_depth} deep")
    return json.loads(text, parse_constant=_not_a_json_number)


def _not_a_json_number(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def parse_site(
    raw: Any, origin: str = "layout", max_seat_overlap: float = MAX_SEAT_OVERLAP
) -> Site:
    """Validate an already-parsed site mapping. Raises LayoutError naming the fault."""
    if not isinstance(raw, dict):
        raise LayoutError(f"{origin}: expected a mapping with 'cameras', got {type(raw).__name__}")
    try:
        top = _SITE_SCHEMA(raw)
    except vol.Invalid as err:
        raise LayoutError(f"{origin}: {_describe(err)}") from None
    try:
        settings = EngineSettings(**top["settings"])
    except ValueError as err:
        raise LayoutError(f"{origin}: settings: {err}") from None
    seat_count = sum(
        len(camera["seats"]) for camera in top["cameras"] if isinstance(camera.get("seats"), list)
    )
    if seat_count > MAX_SEATS_PER_SITE:
        raise LayoutError(
            f"{origin}: at most {MAX_SEATS_PER_SITE} seats per site, got {seat_count}"
        )
    cameras: list[Camera] = []
    seen: set[str] = set()
    for index, raw_camera in enumerate(top["cameras"]):
        camera = _parse_camera(raw_camera, index, origin, max_seat_overlap)
        if camera.id in seen:
            raise LayoutError(f"{origin}: camera '{camera.id}': duplicate camera id")
        seen.add(camera.id)
        cameras.append(camera)
    return Site(
        name=top["name"],
        cameras=tuple(cameras),
        interval_s=top["interval_s"],
        model=top["model"],
        settings=settings,
    )


def check_polygon(points: Sequence[Point], width: int, height: int, where: str) -> Polygon:
    """Validate one polygon against its frame; returns it as a `Polygon` tuple."""
    polygon = _checked_points(points, width, height, where)
    _shapes([polygon], [where])
    return polygon


def check_seats(
    seats: Iterable[Seat], where: str, max_seat_overlap: float = MAX_SEAT_OVERLAP
) -> None:
    """Seat ids unique within a camera; no two seats sharing over `max_seat_overlap` of the
    smaller one (half by default)."""
    seats = list(seats)
    _check_overlaps(seats, _shapes([seat.polygon for seat in seats]), where, max_seat_overlap)


def _checked_points(points: Sequence[Point], width: int, height: int, where: str) -> Polygon:
    """The points as a `Polygon`: 3 to `MAX_POLYGON_POINTS` of them, finite, on the frame."""
    polygon = tuple((float(x), float(y)) for x, y in points)
    if len(polygon) < 3:
        raise LayoutError(f"{where}: polygon needs at least 3 points, got {len(polygon)}")
    if len(polygon) > MAX_POLYGON_POINTS:
        raise LayoutError(f"{where}: at most {MAX_POLYGON_POINTS} points per polygon")
    for x, y in polygon:
        if not (math.isfinite(x) and math.isfinite(y)):
            raise LayoutError(f"{where}: point ({x:g}, {y:g}) is not a finite number")
        if not (0 <= x <= width and 0 <= y <= height):
            raise LayoutError(
                f"{where}: point ({x:g}, {y:g}) is outside the {width}x{height} frame"
            )
    return polygon


def _shapes(polygons: Sequence[Polygon], wheres: Sequence[str] = ()) -> Any:
    """The polygons as an array of shapely polygons, built in one call; with `wheres` (one per
    polygon), a LayoutError for the first self-intersecting or empty one."""
    if not polygons:
        return np.empty(0, dtype=object)
    coords = np.array([point for polygon in polygons for point in polygon], dtype=float)
    owner = np.repeat(np.arange(len(polygons)), [len(polygon) for polygon in polygons])
    shapes = shapely.polygons(shapely.linearrings(coords, indices=owner))
    if wheres:
        faulty = np.flatnonzero(~shapely.is_valid(shapes) | (shapely.area(shapes) < 1.0))
        if faulty.size:
            shape, where = shapes[faulty[0]], wheres[faulty[0]]
            if not shape.is_valid:
                reason = explain_validity(shape).split("[")[0].strip().lower()
                raise LayoutError(f"{where}: polygon is self-intersecting or degenerate ({reason})")
            raise LayoutError(f"{where}: polygon has no area")
    return shapes


def _check_overlaps(seats: Sequence[Seat], shapes: Any, where: str, max_overlap: float) -> None:
    """Unique seat ids; no two seats sharing over `max_overlap` of the smaller one.

    Only the pairs whose shapes meet are measured (a spatial index finds them), so 256 seats
    on a camera cost about as many intersections as seats, not 32,640 pairs.
    """
    ids: set[str] = set()
    for seat in seats:
        if seat.id in ids:
            raise LayoutError(f"{where}: seat '{seat.id}': duplicate seat id")
        ids.add(seat.id)
    first, second = shapely.STRtree(shapes).query(shapes, predicate="intersects")
    pair = first < second
    first, second = first[pair], second[pair]
    shared = shapely.area(shapely.intersection(shapes[first], shapes[second]))
    smaller = np.minimum(shapely.area(shapes[first]), shapely.area(shapes[second]))
    share = np.divide(shared, smaller, out=np.zeros_like(shared), where=smaller > 0)
    too_much = np.flatnonzero(share > max_overlap)
    if too_much.size:
        # The first pair in seat order, as comparing every pair in turn would find it.
        worst = too_much[np.lexsort((second[too_much], first[too_much]))[0]]
        i, j = int(first[worst]), int(second[worst])
        raise LayoutError(
            f"{where}: seats '{seats[i].id}' and '{seats[j].id}' overlap by "
            f"{share[worst]:.0%} of the smaller one (at most {max_overlap:.0%} allowed)"
        )


_SEAT_LINE = re.compile(r"^\s*([^:\s][^:]*?)\s*:\s*(.+?)\s*$")


def parse_seat_lines(text: str, width: int, height: int, where: str = "seats") -> tuple[Seat, ...]:
    """Parse seats written one per line: `A1: 412,300 640,300 660,520 400,520`.

    Coordinates are pixels, or fractions of the frame when every value is within 0-1.
    Blank lines and lines starting with `#` are skipped.

    >>> parse_seat_lines("A1: 0.1,0.1 0.5,0.1 0.5,0.5", 100, 100)[0].polygon
    ((10.0, 10.0), (50.0, 10.0), (50.0, 50.0))
    """
    seats: list[Seat] = []
    seat_where: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        here = f"{where} line {number}"
        match = _SEAT_LINE.match(line)
        if not match:
            raise LayoutError(f"{here}: expected 'ID: x,y x,y x,y ...'")
        if len(seats) == MAX_SEATS_PER_CAMERA:
            raise LayoutError(f"{where}: at most {MAX_SEATS_PER_CAMERA} seats per camera")
        try:
            seat_id = _identifier(match.group(1))
        except vol.Invalid as err:
            raise LayoutError(f"{here}: id: {err.error_message}") from None
        points = _seat_line_points(match.group(2), f"{here}: seat '{seat_id}'")
        if points and all(0 <= x <= 1 and 0 <= y <= 1 for x, y in points):
            points = [(x * width, y * height) for x, y in points]
        seat_where.append(f"{here}: seat '{seat_id}'")
        seats.append(Seat(seat_id, _checked_points(points, width, height, seat_where[-1])))
    if not seats:
        raise LayoutError(f"{where}: no seats given")
    shapes = _shapes([seat.polygon for seat in seats], seat_where)
    _check_overlaps(seats, shapes, where, MAX_SEAT_OVERLAP)
    return tuple(seats)


def _seat_line_points(coords: str, where: str) -> list[Point]:
    """The `x,y` points of one seat line (at most `MAX_POLYGON_POINTS`)."""
    tokens = coords.replace(";", " ").split()
    if len(tokens) > MAX_POLYGON_POINTS:
        raise LayoutError(f"{where}: at most {MAX_POLYGON_POINTS} points per polygon")
    points: list[Point] = []
    for token in tokens:
        parts = token.split(",")
        try:
            if len(parts) != 2:
                raise ValueError
            points.append((float(parts[0]), float(parts[1])))
        except ValueError:
            raise LayoutError(f"{where}: '{token}' is not a point 'x,y'") from None
    return points


def format_seat_lines(seats: Iterable[Seat]) -> str:
    """The inverse of `parse_seat_lines` (pixel coordinates)."""
    return "\n".join(
        f"{seat.id}: " + " ".join(f"{_short(x)},{_short(y)}" for x, y in seat.polygon)
        for seat in seats
    )


def _short(value: float) -> str:
    """The shortest text that reads back as exactly `value`."""
    text = f"{value:g}"
    return text if float(text) == value else repr(value)


def site_to_dict(site: Site) -> dict[str, Any]:
    """A mapping that `parse_site` reads back into the same site."""
    defaults = EngineSettings()
    settings = {
        key: getattr(site.settings, key)
        for key in _SETTING_NAMES
        if getattr(site.settings, key) != getattr(defaults, key)
    }
    cameras = []
    for camera in site.cameras:
        entry: dict[str, Any] = {"id": camera.id, "width": camera.width, "height": camera.height}
        if camera.name:
            entry["name"] = camera.name
        if camera.source:
            entry["source"] = camera.source
        entry["seats"] = [
            {"id": s.id, "polygon": [list(p) for p in s.polygon], **dict(s.settings)}
            | ({"name": s.name} if s.name else {})
            for s in camera.seats
        ]
        cameras.append(entry)
    return {
        "name": site.name,
        "interval_s": site.interval_s,
        "model": site.model,
        "settings": settings,
        "cameras": cameras,
    }


def _parse_camera(raw: dict[str, Any], index: int, origin: str, max_seat_overlap: float) -> Camera:
    shown = _valid_id(raw)
    label = f"camera #{index + 1}" + (f" '{shown}'" if shown is not None else "")
    try:
        values = _CAMERA_SCHEMA(raw)
    except vol.Invalid as err:
        raise LayoutError(f"{origin}: {label}: {_describe(err)}") from None
    where = f"{origin}: camera '{values['id']}'"
    width, height = values["width"], values["height"]
    seats = [
        _parse_seat(raw_seat, n, where, width, height) for n, raw_seat in enumerate(values["seats"])
    ]
    # One shapely call for all the camera's polygons: per seat it would cost more than the rest.
    shapes = _shapes([seat.polygon for seat in seats], [f"{where}: seat '{s.id}'" for s in seats])
    _check_overlaps(seats, shapes, where, max_seat_overlap)
    return Camera(
        id=values["id"],
        width=width,
        height=height,
        seats=tuple(seats),
        source=values.get("source"),
        name=values.get("name"),
    )


def _parse_seat(raw: Any, index: int, where: str, width: int, height: int) -> Seat:
    shown = _valid_id(raw)
    label = f"seat '{shown}'" if shown is not None else f"seat #{index + 1}"
    try:
        values = _SEAT_SCHEMA(raw)
    except vol.Invalid as err:
        raise LayoutError(f"{where}: {label}: {_describe(err)}") from None
    here = f"{where}: seat '{values['id']}'"
    polygon = _checked_points(values["polygon"], width, height, here)
    own = {k: values[k] for k in _SETTING_NAMES if k in values}
    return Seat(id=values["id"], polygon=polygon, name=values.get("name"), settings=own)


def _valid_id(raw: Any) -> str | None:
    """The id of `raw` for a message if it is a valid one: an unchecked value is never formatted
    (a YAML alias bomb as an id would be billions of values)."""
    if not isinstance(raw, dict) or "id" not in raw:
        return None
    try:
        return _identifier(raw["id"])
    except vol.Invalid:
        return None


def _describe(err: vol.Invalid) -> str:
    """A voluptuous error as one short phrase with the key path."""
    path = ".".join(_shown(p) for p in err.path)
    message = err.error_message or (
        "each point must be [x, y]" if "polygon" in path else "invalid value"
    )
    if message == "extra keys not allowed":
        return f"unknown key '{path}'" if path else "unknown key"
    if message.startswith("required key not provided"):
        return f"missing key '{path}'"
    return f"{path}: {message}" if path else message


def _shown(part: Any) -> str:
    """A key or index of a path in a message: short, one line, never a formatted structure."""
    if isinstance(part, vol.Marker):  # a missing key: the schema's own name for it
        part = part.schema
    if isinstance(part, bool) or not isinstance(part, str | int):
        return f"<{type(part).__name__}>"
    if isinstance(part, int):
        return str(part) if abs(part) < 10**20 else "<int>"
    text = " ".join(part.split())
    return text if len(text) <= 40 else text[:40] + "..."


def _format_name(path: Path) -> str:
    return "JSON" if path.suffix.lower() == ".json" else "YAML"

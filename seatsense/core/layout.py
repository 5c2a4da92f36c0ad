"""Site layouts: cameras, their sources and the seat polygons drawn on their frames.

One loader reads both a site file and the `layout.yaml` of an evaluation set:

>>> site = parse_site({"name": "cafe", "cameras": [{"id": "c1", "width": 640, "height": 360,
...     "seats": [{"id": "A1", "polygon": [[10, 10], [200, 10], [200, 200], [10, 200]]}]}]})
>>> site.cameras[0].seats[0].id
'A1'
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import voluptuous as vol
import yaml
from shapely.geometry import Polygon as ShapelyPolygon
from shapely.validation import explain_validity

from .engine import EngineSettings

Point = tuple[float, float]
Polygon = tuple[Point, ...]
"""A seat polygon in frame pixels, at least 3 points."""

MAX_SEAT_OVERLAP = 0.5
"""Two seats may share at most this fraction of the smaller one's area."""


class LayoutError(ValueError):
    """A layout is malformed; the message names the file, camera and seat at fault."""


_SETTING_NAMES = ("enter_samples", "exit_grace_s", "abandoned_after_s")
SETTINGS_KEYS: dict[Any, Any] = {
    vol.Optional("enter_samples"): vol.All(int, vol.Range(min=1, max=100)),
    vol.Optional("exit_grace_s"): vol.All(vol.Coerce(float), vol.Range(min=0, max=86400)),
    vol.Optional("abandoned_after_s"): vol.All(vol.Coerce(float), vol.Range(min=0, max=86400)),
}

_POINT = vol.All(
    vol.ExactSequence([vol.Coerce(float), vol.Coerce(float)]),
    lambda p: (float(p[0]), float(p[1])),
)
_SEAT_SCHEMA = vol.Schema(
    {
        vol.Required("id"): vol.All(vol.Coerce(str), vol.Length(min=1, max=64)),
        vol.Required("polygon"): [_POINT],
        vol.Optional("name"): str,
        **SETTINGS_KEYS,
    }
)
_CAMERA_SCHEMA = vol.Schema(
    {
        vol.Required("id"): vol.All(vol.Coerce(str), vol.Length(min=1, max=64)),
        vol.Optional("name"): str,
        vol.Optional("source"): vol.Any(None, str),
        vol.Required("width"): vol.All(int, vol.Range(min=16, max=16384)),
        vol.Required("height"): vol.All(int, vol.Range(min=16, max=16384)),
        vol.Required("seats"): [dict],
    }
)
_SITE_SCHEMA = vol.Schema(
    {
        vol.Optional("name", default="seatsense"): str,
        vol.Optional("interval_s", default=3.0): vol.All(
            vol.Coerce(float), vol.Range(min=0.2, max=3600)
        ),
        vol.Optional("model", default="bundled"): str,
        vol.Optional("settings", default=dict): vol.Schema(SETTINGS_KEYS),
        vol.Required("cameras"): vol.All([dict], vol.Length(min=1)),
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
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise LayoutError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as err:
        raise LayoutError(f"{path}: cannot read: {err}") from None
    try:
        raw = json.loads(text) if path.suffix.lower() == ".json" else yaml.safe_load(text)
    except (yaml.YAMLError, json.JSONDecodeError) as err:
        first_line = str(err).strip().splitlines()[0] if str(err).strip() else "syntax error"
        raise LayoutError(f"{path}: not valid {_format_name(path)}: {first_line}") from None
    return parse_site(raw, origin=str(path), max_seat_overlap=max_seat_overlap)


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
    cameras: list[Camera] = []
    seen: set[str] = set()
    for index, raw_camera in enumerate(top["cameras"]):
        label = f"camera #{index + 1}" + (f" '{raw_camera['id']}'" if "id" in raw_camera else "")
        try:
            camera_values = _CAMERA_SCHEMA(raw_camera)
        except vol.Invalid as err:
            raise LayoutError(f"{origin}: {label}: {_describe(err)}") from None
        camera_id = camera_values["id"]
        where = f"{origin}: camera '{camera_id}'"
        if camera_id in seen:
            raise LayoutError(f"{where}: duplicate camera id")
        seen.add(camera_id)
        seats = tuple(
            _parse_seat(raw_seat, n, where, camera_values["width"], camera_values["height"])
            for n, raw_seat in enumerate(camera_values["seats"])
        )
        check_seats(seats, where, max_seat_overlap)
        cameras.append(
            Camera(
                id=camera_id,
                width=camera_values["width"],
                height=camera_values["height"],
                seats=seats,
                source=camera_values.get("source"),
                name=camera_values.get("name"),
            )
        )
    return Site(
        name=top["name"],
        cameras=tuple(cameras),
        interval_s=top["interval_s"],
        model=top["model"],
        settings=settings,
    )


def check_polygon(points: Sequence[Point], width: int, height: int, where: str) -> Polygon:
    """Validate one polygon against its frame; returns it as a `Polygon` tuple."""
    polygon = tuple((float(x), float(y)) for x, y in points)
    if len(polygon) < 3:
        raise LayoutError(f"{where}: polygon needs at least 3 points, got {len(polygon)}")
    for x, y in polygon:
        if not (0 <= x <= width and 0 <= y <= height):
            raise LayoutError(
                f"{where}: point ({x:g}, {y:g}) is outside the {width}x{height} frame"
            )
    shape = ShapelyPolygon(polygon)
    if not shape.is_valid:
        reason = explain_validity(shape).split("[")[0].strip().lower()
        raise LayoutError(f"{where}: polygon is self-intersecting or degenerate ({reason})")
    if shape.area < 1.0:
        raise LayoutError(f"{where}: polygon has no area")
    return polygon


def check_seats(
    seats: Iterable[Seat], where: str, max_seat_overlap: float = MAX_SEAT_OVERLAP
) -> None:
    """Seat ids unique within a camera; no two seats sharing over `max_seat_overlap` of the
    smaller one (half by default)."""
    seats = list(seats)
    ids: set[str] = set()
    for seat in seats:
        if seat.id in ids:
            raise LayoutError(f"{where}: seat '{seat.id}': duplicate seat id")
        ids.add(seat.id)
    shapes = [ShapelyPolygon(seat.polygon) for seat in seats]
    for i, a in enumerate(shapes):
        for j in range(i + 1, len(shapes)):
            b = shapes[j]
            if not a.intersects(b):
                continue
            shared = a.intersection(b).area / min(a.area, b.area)
            if shared > max_seat_overlap:
                raise LayoutError(
                    f"{where}: seats '{seats[i].id}' and '{seats[j].id}' overlap by "
                    f"{shared:.0%} of the smaller one (at most {max_seat_overlap:.0%} allowed)"
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
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        here = f"{where} line {number}"
        match = _SEAT_LINE.match(line)
        if not match:
            raise LayoutError(f"{here}: expected 'ID: x,y x,y x,y ...'")
        seat_id, coords = match.groups()
        points: list[Point] = []
        for token in coords.replace(";", " ").split():
            parts = token.split(",")
            try:
                if len(parts) != 2:
                    raise ValueError
                points.append((float(parts[0]), float(parts[1])))
            except ValueError:
                raise LayoutError(
                    f"{here}: seat '{seat_id}': '{token}' is not a point 'x,y'"
                ) from None
        if points and all(0 <= x <= 1 and 0 <= y <= 1 for x, y in points):
            points = [(x * width, y * height) for x, y in points]
        polygon = check_polygon(points, width, height, f"{here}: seat '{seat_id}'")
        seats.append(Seat(id=seat_id, polygon=polygon))
    if not seats:
        raise LayoutError(f"{where}: no seats given")
    check_seats(seats, where)
    return tuple(seats)


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


def _parse_seat(raw: Any, index: int, where: str, width: int, height: int) -> Seat:
    label = f"seat #{index + 1}"
    if isinstance(raw, dict) and "id" in raw:
        label = f"seat '{raw['id']}'"
    try:
        values = _SEAT_SCHEMA(raw)
    except vol.Invalid as err:
        raise LayoutError(f"{where}: {label}: {_describe(err)}") from None
    here = f"{where}: seat '{values['id']}'"
    polygon = check_polygon(values["polygon"], width, height, here)
    own = {k: values[k] for k in _SETTING_NAMES if k in values}
    return Seat(id=values["id"], polygon=polygon, name=values.get("name"), settings=own)


def _describe(err: vol.Invalid) -> str:
    """A voluptuous error as one short phrase with the key path."""
    path = ".".join(str(p) for p in err.path)
    message = err.error_message or (
        "each point must be [x, y]" if "polygon" in path else "invalid value"
    )
    if message == "extra keys not allowed":
        return f"unknown key '{path}'" if path else "unknown key"
    if message.startswith("required key not provided"):
        return f"missing key '{path}'"
    return f"{path}: {message}" if path else message


def _format_name(path: Path) -> str:
    return "JSON" if path.suffix.lower() == ".json" else "YAML"

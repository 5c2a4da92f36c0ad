"""seatsense: camera-based seat occupancy for study cafes, libraries and reading rooms.

>>> from seatsense import load_site, Pipeline          # doctest: +SKIP
>>> pipeline = Pipeline(load_site("site.yaml"))        # doctest: +SKIP
>>> result = pipeline.update({"cam1": (frame, time_s)})  # doctest: +SKIP

Detection and capture need the `detect` extra (OpenCV, ONNX Runtime, PyAV). Their names are
imported on first use, so `import seatsense` (layouts, the seat engine, the server client)
works where those are not installed, e.g. in Home Assistant's Alpine images.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as _distribution_version
from typing import TYPE_CHECKING

from .core.engine import (
    EngineSettings,
    Event,
    EventType,
    Observation,
    SeatEngine,
    SeatState,
    SeatStatus,
)
from .core.layout import Camera, LayoutError, Seat, Site, load_site, parse_seat_lines, parse_site
from .core.lazy import lazy_names

if TYPE_CHECKING:
    from .vision.detect import Detections, Detector, ModelError, OnnxDetector, load_detector
    from .vision.evidence import CameraEvidence, EvidenceSettings
    from .vision.gate import GateSettings
    from .vision.pipeline import Pipeline
    from .vision.tiles import TilingSettings

try:
    # pyproject.toml holds the one version; the installed metadata carries it here.
    __version__ = _distribution_version("seatsense")
except PackageNotFoundError:  # a source tree on sys.path that was never installed
    __version__ = "0+unknown"

SeatVerdict = Observation
"""The evidence step's verdict for one seat: the very class `Observation` that the seat engine
takes, under the name the vision side gives it."""

_HEAVY = {
    "Detections": ".vision.detect",
    "Detector": ".vision.detect",
    "ModelError": ".vision.detect",
    "OnnxDetector": ".vision.detect",
    "load_detector": ".vision.detect",
    "CameraEvidence": ".vision.evidence",
    "EvidenceSettings": ".vision.evidence",
    "GateSettings": ".vision.gate",
    "Pipeline": ".vision.pipeline",
    "TilingSettings": ".vision.tiles",
}
"""Public names whose modules need the `detect` extra: imported when first asked for."""


__getattr__ = lazy_names(__name__, _HEAVY)


__all__ = [
    "Camera",
    "CameraEvidence",
    "Detections",
    "Detector",
    "EngineSettings",
    "Event",
    "EventType",
    "EvidenceSettings",
    "GateSettings",
    "LayoutError",
    "ModelError",
    "Observation",
    "OnnxDetector",
    "Pipeline",
    "Seat",
    "SeatEngine",
    "SeatState",
    "SeatStatus",
    "SeatVerdict",
    "Site",
    "TilingSettings",
    "__version__",
    "load_detector",
    "load_site",
    "parse_seat_lines",
    "parse_site",
]

"""seatsense: camera-based seat occupancy for study cafes, libraries and reading rooms.

>>> from seatsense import load_site, Pipeline          # doctest: +SKIP
>>> pipeline = Pipeline(load_site("site.yaml"))        # doctest: +SKIP
>>> result = pipeline.update({"cam1": (frame, time_s)})  # doctest: +SKIP
"""

from .detect import Detections, Detector, ModelError, OnnxDetector, load_detector
from .engine import (
    EngineSettings,
    Event,
    EventType,
    Observation,
    SeatEngine,
    SeatState,
    SeatStatus,
)
from .evidence import CameraEvidence, EvidenceSettings, SeatVerdict
from .layout import Camera, LayoutError, Seat, Site, load_site, parse_seat_lines, parse_site
from .pipeline import Pipeline

__version__ = "0.1.0"

__all__ = [
    "Camera",
    "CameraEvidence",
    "Detections",
    "Detector",
    "EngineSettings",
    "Event",
    "EventType",
    "EvidenceSettings",
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
    "__version__",
    "load_detector",
    "load_site",
    "parse_seat_lines",
    "parse_site",
]

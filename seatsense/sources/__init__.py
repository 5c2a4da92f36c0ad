"""Where frames come from: one module per kind of source, opened through one registry.

>>> from seatsense.sources import open_source, source_kind
>>> source_kind("rtsp://192.0.2.10/ch1")
'rtsp'
>>> source = open_source("rtsp://192.0.2.10/ch1", "hall", interval_s=3.0)  # doctest: +SKIP

Modules: `base` (FrameSample, CaptureHealth, the errors, the FrameSource protocol), `registry`
(source strings recognised and opened), `push` (frames handed in), `grabber` (the Grabber for
camera URLs, files and folders), and the readers it runs: `stream` (RTSP and video files,
PyAV), `http` (snapshots, MJPEG), `images` (image files and folders); `jpeg` checks JPEGs whole.

`base`, `registry`, `push` and `jpeg` are light: the Home Assistant integration imports them
where PyAV and OpenCV are missing (Home Assistant OS). The other modules need the `detect`
extra; `Grabber` and `decode_image` are imported from them on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core.lazy import lazy_names
from .base import (
    AuthError,
    CaptureError,
    CaptureHealth,
    CaptureState,
    CaptureTimeout,
    ConnectError,
    DecodeMode,
    FrameSample,
    FrameSource,
    NotAnImageError,
    NotFoundError,
    SourceHealth,
)
from .push import PushHealth, PushSource
from .registry import (
    DEMO_SCHEME,
    HOMEASSISTANT_SCHEME,
    IMAGE_SUFFIXES,
    PUSH_SCHEME,
    SourceKind,
    SourceProvider,
    grab_one,
    is_push,
    named_scheme,
    open_source,
    register_provider,
    source_kind,
    url_kind,
)

if TYPE_CHECKING:
    from .grabber import Grabber
    from .images import decode_image

_NEEDS_DETECT = {"Grabber": ".grabber", "decode_image": ".images"}
"""Public names whose modules need PyAV or OpenCV: imported when first asked for."""


__getattr__ = lazy_names(__name__, _NEEDS_DETECT)


__all__ = [
    "DEMO_SCHEME",
    "HOMEASSISTANT_SCHEME",
    "IMAGE_SUFFIXES",
    "PUSH_SCHEME",
    "AuthError",
    "CaptureError",
    "CaptureHealth",
    "CaptureState",
    "CaptureTimeout",
    "ConnectError",
    "DecodeMode",
    "FrameSample",
    "FrameSource",
    "Grabber",
    "NotAnImageError",
    "NotFoundError",
    "PushHealth",
    "PushSource",
    "SourceHealth",
    "SourceKind",
    "SourceProvider",
    "decode_image",
    "grab_one",
    "is_push",
    "named_scheme",
    "open_source",
    "register_provider",
    "source_kind",
    "url_kind",
]

"""The one place where a camera's source string is recognised and opened.

A source is a named scheme or a location:
- `push:` frames handed in from outside (`seatsense serve`'s frame API),
- `homeassistant:ENTITY` frames of a Home Assistant camera entity, handed in by the integration,
- `demo:...` (or `demo`) the rendered demo scenario, provided by `seatsense.demo.camera`,
- otherwise a location a `Grabber` reads: an `rtsp://`/`rtsps://` camera or NVR channel, an
  `http://`/`https://` snapshot or MJPEG URL, a video file, an image, a folder or glob of images.

>>> source_kind("rtsp://admin:secret@192.0.2.10/ch1"), source_kind("homeassistant:camera.hall")
('rtsp', 'homeassistant')
>>> is_push("push:"), is_push("demo:default"), is_push(None)
(True, False, False)

Light: classifying needs no PyAV or OpenCV; the module that opens a kind of source (and its
heavy imports) is imported the first time a source of that kind is opened or grabbed.
"""

from __future__ import annotations

import glob
import importlib
import os
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, get_args

from ..core.frame import Frame
from ..core.urls import scrub_credentials
from .base import ConnectError, FrameSource

PUSH_SCHEME = "push"
HOMEASSISTANT_SCHEME = "homeassistant"
DEMO_SCHEME = "demo"

NamedScheme = Literal["push", "homeassistant", "demo"]
LocationKind = Literal["rtsp", "http", "file", "images"]
SourceKind = NamedScheme | LocationKind

IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".bmp", ".webp", ".tif", ".tiff"})

_NAMED: dict[str, NamedScheme] = {name: name for name in get_args(NamedScheme)}
_URL_KINDS: dict[str, LocationKind] = {
    "rtsp": "rtsp",
    "rtsps": "rtsp",
    "http": "http",
    "https": "http",
}
LOCATIONS = ""
"""The provider key of every source that is a location (camera URL, file, folder), not a
named scheme."""
_PROVIDER_MODULES: dict[str, str] = {
    PUSH_SCHEME: "seatsense.sources.push",
    HOMEASSISTANT_SCHEME: "seatsense.sources.push",
    # The demo depends on sources, not the other way round: named here, imported on first use.
    DEMO_SCHEME: "seatsense.demo.camera",
    LOCATIONS: "seatsense.sources.grabber",
}


@dataclass(frozen=True)
class SourceProvider:
    """How one kind of source is opened (a live `FrameSource`) and grabbed (one frame)."""

    open: Callable[[str, str, float], FrameSource]
    """(source, camera_id, interval_s) -> a source, not yet started."""
    grab: Callable[[str, float], Frame]
    """(source, timeout_s) -> one BGR frame, or a `CaptureError`."""


_providers: dict[str, SourceProvider] = {}


def register_provider(scheme: str, provider: SourceProvider) -> None:
    """Called by the module named for `scheme` when it is imported ("" for locations)."""
    _providers[scheme] = provider


def named_scheme(source: str | None) -> NamedScheme | None:
    """The named scheme of `source` (`push`, `homeassistant`, `demo`), None for a location.

    The name may stand alone (`demo`) or open the source (`demo:default`), in any case.
    """
    if not source:
        return None
    return _NAMED.get(source.split(":", 1)[0].lower())


def url_kind(source: str) -> LocationKind | None:
    """The kind of a camera URL (`rtsp`, `http`) from its scheme alone; None for anything else.

    Reads no disk: fit for Home Assistant's event loop.
    """
    scheme, sep, rest = source.partition(":")
    return _URL_KINDS.get(scheme.lower()) if sep and rest.startswith("//") else None


def is_push(source: str | None) -> bool:
    """True for `push:`: a camera whose frames are handed to the server's frame API."""
    return named_scheme(source) == PUSH_SCHEME


@dataclass(frozen=True)
class SourceLocation:
    """A location a `Grabber` reads, with its kind and a form fit to show (no credentials)."""

    kind: LocationKind
    location: str
    display: str


def locate(source: str) -> SourceLocation:
    """The kind and location of a source a `Grabber` reads; `ConnectError` for other schemes.

    Files and folders are told apart on disk, so the answer may change as they appear.
    """
    display = scrub_credentials(source)
    scheme, sep, _ = source.partition(":")
    scheme = scheme.lower()
    if (kind := url_kind(source)) is not None:
        return SourceLocation(kind, source, display)
    if sep and "://" in source and len(scheme) > 1:
        if scheme == "file":
            return locate(urllib.parse.unquote(urllib.parse.urlsplit(source).path))
        raise ConnectError(f"unsupported source scheme '{scheme}:' in {display}")
    # Named schemes and others without `//`; one letter is a Windows drive, not a scheme.
    if sep and len(scheme) > 1 and scheme.isalnum() and not os.path.exists(source):
        raise ConnectError(f"unsupported source scheme '{scheme}:' in {display}")
    if glob.has_magic(source) or os.path.isdir(source):
        return SourceLocation("images", source, display)
    if Path(source).suffix.lower() in IMAGE_SUFFIXES:
        return SourceLocation("images", source, display)
    return SourceLocation("file", source, display)


def source_kind(source: str) -> SourceKind:
    """What kind of source `source` is; `ConnectError` for an unsupported scheme."""
    return named_scheme(source) or locate(source).kind


def open_source(source: str, camera_id: str, interval_s: float) -> FrameSource:
    """The frame source (not yet started) for a camera's `source` string.

    A location opens a `Grabber` even when it cannot be read yet: its health says why, and it
    keeps trying (files loop, so a recorded camera serves as a demo or test source forever).
    """
    return _provider(source).open(source, camera_id, interval_s)


def grab_one(source: str, timeout_s: float = 10.0) -> Frame:
    """One BGR frame from `source`, or a typed `CaptureError` (the connection test).

    Blocks up to about `timeout_s`; run it in an executor from async code.
    """
    return _provider(source).grab(source, timeout_s)


def _provider(source: str) -> SourceProvider:
    scheme = named_scheme(source) or LOCATIONS
    if scheme not in _providers:
        importlib.import_module(_PROVIDER_MODULES[scheme])
    try:
        return _providers[scheme]
    except KeyError:
        raise RuntimeError(
            f"{_PROVIDER_MODULES[scheme]} did not register a provider for '{scheme}'"
        ) from None


__all__ = [
    "DEMO_SCHEME",
    "HOMEASSISTANT_SCHEME",
    "IMAGE_SUFFIXES",
    "LOCATIONS",
    "PUSH_SCHEME",
    "LocationKind",
    "NamedScheme",
    "SourceKind",
    "SourceLocation",
    "SourceProvider",
    "grab_one",
    "is_push",
    "locate",
    "named_scheme",
    "open_source",
    "register_provider",
    "source_kind",
    "url_kind",
]

"""What every frame source shares: the sample it hands out, its health, its errors, its protocol.

Light (no PyAV, no OpenCV): the Home Assistant integration imports these where the `detect`
extra is missing.

>>> error = ConnectError("cannot open\\nrtsp://admin:hunter2@192.0.2.10/ch1")
>>> str(error), error.reason
('cannot open rtsp://192.0.2.10/ch1', 'cannot_connect')
"""

from __future__ import annotations

import urllib.parse
from dataclasses import asdict, dataclass
from typing import Any, Literal, Protocol

from ..core.frame import Frame
from ..core.urls import scrub_credentials

CaptureState = Literal["connecting", "streaming", "offline", "auth_failed"]
DecodeMode = Literal["keyframes", "all"]


# -- errors -------------------------------------------------------------------------------------


class CaptureError(Exception):
    """A source could not deliver frames. `str()` is one line with credentials removed."""

    reason = "unknown"
    """The Home Assistant config flow error key for this kind of failure."""

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(scrub_credentials(message).split()))


class AuthError(CaptureError):
    """The source refused the user name or password."""

    reason = "invalid_auth"


class ConnectError(CaptureError):
    """The source is refused, unreachable, not found, or not a supported kind of source."""

    reason = "cannot_connect"


class NotFoundError(ConnectError):
    """The server answers, but has nothing at that path (HTTP or RTSP 404): a wrong stream
    path or channel, not a network problem."""

    reason = "path_not_found"


class CaptureTimeout(CaptureError):
    """The source said nothing usable within the timeout."""

    reason = "timeout"


class NotAnImageError(CaptureError):
    """The source answered, but with something that is not video or an image (or a broken one)."""

    reason = "not_an_image"


class Secrets:
    """Scrubs one source's own password from text, in every spelling it may appear in.

    >>> scrub = Secrets("rtsp://admin:hunter2@192.0.2.10/ch1")
    >>> scrub("login failed for hunter2 at rtsp://admin:hunter2@192.0.2.10/ch1")
    'login failed for *** at rtsp://192.0.2.10/ch1'
    """

    def __init__(self, *urls: str, password: str | None = None) -> None:
        values: set[str] = set()
        for url in urls:
            try:
                secret = urllib.parse.urlsplit(url).password
            except ValueError:
                secret = None
            if secret:
                values.update({secret, urllib.parse.unquote(secret)})
        if password:
            values.update({password, urllib.parse.quote(password, safe="")})
        # Very short passwords would blank out ordinary words; URLs are scrubbed anyway.
        self._values = sorted((v for v in values if len(v) >= 4), key=len, reverse=True)

    def __call__(self, text: str) -> str:
        text = scrub_credentials(text)
        for value in self._values:
            text = text.replace(value, "***")
        return text


# -- what a source hands out --------------------------------------------------------------------


@dataclass(frozen=True)
class FrameSample:
    """One frame: BGR uint8 pixels (H x W x 3), its capture time (epoch s), its number."""

    frame: Frame
    time_s: float
    sequence: int


@dataclass(frozen=True)
class CaptureHealth:
    """How one grabbed source is doing."""

    state: CaptureState
    input_fps: float
    """Frames per second arriving from the source (all of them, decoded or not)."""
    frames_used: int
    """Frames decoded and handed out by `latest()`."""
    frame_age_s: float | None
    """Age of the newest frame available, None before the first."""
    reconnects: int
    """Connection attempts after the first one."""
    last_error: str | None
    decode_mode: DecodeMode
    frames_dropped: int = 0
    """Frames that arrived broken (truncated or corrupt) or could not be decoded: never
    handed out, so never analysed."""

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return asdict(self)


class SourceHealth(Protocol):
    """A source's health: `to_dict()` gives at least `state`, `frames_used` and `last_error`."""

    def to_dict(self) -> dict[str, Any]: ...


class FrameSource(Protocol):
    """Where a camera's frames come from: a `Grabber`, a `PushSource`, the demo camera, ...

    `registry.open_source` opens the right one for a camera's source string.
    """

    def start(self) -> None: ...

    def stop(self, timeout_s: float = 5.0) -> None: ...

    def latest(self) -> FrameSample | None: ...

    def health(self) -> SourceHealth: ...

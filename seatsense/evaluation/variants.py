"""Reproducible degradations of an evaluation set: what other sites' cameras do to a method.

A variant changes the frames, the seat references or the layout the way a real site would,
and changes nothing at random, so two runs of a variant score the same. `seatsense eval
--variant NAME` runs a set under one of them; `all` runs every one.

- `sd`: an SD sub-stream. Frames and references shrink to 352x288 and are re-encoded at JPEG
  quality 30; the polygons shrink with them.
- `dusk`: daylight fading between the morning reference and the evening frame. Frames (not
  references) are darkened with a gamma curve and warmed (blue falls most, red least).
- `tilt`: a bumped camera. Frames are turned 2 degrees and zoomed 3 % about their centre while
  the layout and the references stay as they were.

One more, not among `all`'s degradations: `no-baselines`, a site that never captured its empty
seats. The set's baselines are withheld, so every seat learns its reference as it runs, and
seats never seen empty rest on the item finder and the faint figures alone.

>>> import numpy as np
>>> frame = np.full((288, 352, 3), 128, np.uint8)
>>> VARIANTS["dusk"].frame(frame)[0, 0].tolist()  # darker, and blue falls most (B, G, R)
[60, 76, 84]
>>> VARIANTS["sd"].frame(np.zeros((720, 1280, 3), np.uint8)).shape
(288, 352, 3)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np

from ..core.frame import Frame
from ..core.layout import Camera, Site

# OpenCV is imported where a frame is degraded: the command line lists the variants' names
# without loading it.

SD_SIZE = (352, 288)
"""Width and height of a CIF sub-stream, as NVRs serve their second stream."""
SD_JPEG_QUALITY = 30
DUSK_GAMMA = 1.6
"""Above 1 darkens the mid-tones, as a room does once daylight goes."""
DUSK_GAINS_BGR = (0.72, 0.9, 1.0)
"""Warm light: blue falls most, red keeps its level."""
TILT_DEGREES = 2.0
TILT_ZOOM = 1.03


def _identity(frame: Frame) -> Frame:
    return frame


def _same_site(site: Site) -> Site:
    return site


@dataclass(frozen=True)
class Variant:
    """One degradation: what happens to frames, to seat references and to the layout, and
    whether the set's baselines are given at all."""

    name: str
    frame: Callable[[Frame], Frame] = _identity
    reference: Callable[[Frame], Frame] = _identity
    site: Callable[[Site], Site] = _same_site
    baselines: bool = True
    """Whether the set's baselines (captured empty references) are given to the pipeline."""


def _sd_frame(frame: Frame) -> Frame:
    import cv2

    small = cv2.resize(frame, SD_SIZE, interpolation=cv2.INTER_AREA)
    ok, jpeg = cv2.imencode(".jpg", small, [cv2.IMWRITE_JPEG_QUALITY, SD_JPEG_QUALITY])
    if not ok:
        raise ValueError("could not re-encode a frame as JPEG")
    return np.asarray(cv2.imdecode(jpeg, cv2.IMREAD_COLOR), np.uint8)


def _sd_camera(camera: Camera) -> Camera:
    sx, sy = SD_SIZE[0] / camera.width, SD_SIZE[1] / camera.height
    seats = tuple(
        replace(seat, polygon=tuple((x * sx, y * sy) for x, y in seat.polygon))
        for seat in camera.seats
    )
    return replace(camera, width=SD_SIZE[0], height=SD_SIZE[1], seats=seats)


def _sd_site(site: Site) -> Site:
    return replace(site, cameras=tuple(_sd_camera(c) for c in site.cameras))


_DUSK_TABLES = [
    np.clip(255.0 * (np.arange(256) / 255.0) ** DUSK_GAMMA * gain, 0, 255).astype(np.uint8)
    for gain in DUSK_GAINS_BGR
]


def _dusk_frame(frame: Frame) -> Frame:
    import cv2

    channels = [cv2.LUT(frame[:, :, i], table) for i, table in enumerate(_DUSK_TABLES)]
    return np.asarray(cv2.merge(channels), np.uint8)


def _tilt_frame(frame: Frame) -> Frame:
    import cv2

    height, width = frame.shape[:2]
    turn = cv2.getRotationMatrix2D((width / 2, height / 2), TILT_DEGREES, TILT_ZOOM)
    return np.asarray(
        cv2.warpAffine(frame, turn, (width, height), borderMode=cv2.BORDER_REPLICATE), np.uint8
    )


VARIANTS: dict[str, Variant] = {
    "sd": Variant("sd", frame=_sd_frame, reference=_sd_frame, site=_sd_site),
    "dusk": Variant("dusk", frame=_dusk_frame),
    "tilt": Variant("tilt", frame=_tilt_frame),
    "no-baselines": Variant("no-baselines", baselines=False),
}
"""Every variant by name."""
ALL = ("sd", "dusk", "tilt")
"""What `--variant all` runs, in this order: the degradations of the picture."""


def variant_names(choice: str) -> list[str]:
    """The variants one `--variant` value asks for: a name, or `all`.

    >>> variant_names("all")
    ['sd', 'dusk', 'tilt']
    """
    if choice == "all":
        return list(ALL)
    if choice not in VARIANTS:
        raise ValueError(f"unknown variant '{choice}': use one of {', '.join(VARIANTS)} or all")
    return [choice]

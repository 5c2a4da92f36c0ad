"""The change gate: a camera whose seats look as they did at its last inference reuses that
inference, so people who sit still for hours cost no detector time.

The gate compares small grey thumbnails of the frame, per view (the whole frame and each seat
tile) and only over the seats that view shows; where some seats changed, only those views are
inferred afresh. Every `recheck_s` a camera gets a full fresh inference all the same.

>>> import numpy as np
>>> from seatsense.core.layout import parse_site
>>> from seatsense.vision.detect import Detections
>>> from seatsense.vision.tiles import Tile
>>> camera = parse_site({"cameras": [{"id": "c", "width": 640, "height": 480, "seats": [
...     {"id": "A", "polygon": [[0, 0], [320, 0], [320, 480], [0, 480]]}]}]}).cameras[0]
>>> gate = ChangeGate(camera, [Tile(0, 0, 640, 480)])
>>> room = np.full((480, 640, 3), 90, np.uint8)
>>> gate.stale_views(0.0, thumbnail(room))               # never inferred: every view
[0]
>>> _ = gate.remember({0: Detections.empty()}, thumbnail(room), 0.0, every_view=True)
>>> gate.stale_views(3.0, thumbnail(room))               # nothing changed
[]
>>> room[100:300, 50:250] = 200                          # someone sat down
>>> gate.stale_views(6.0, thumbnail(room))
[0]
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import cv2
import numpy as np
import numpy.typing as npt

from ..core.frame import Frame
from ..core.layout import Camera
from .detect import Detections
from .tiles import Tile, view_masks

Thumbnail = npt.NDArray[np.float32]

THUMBNAIL_SIZE = (96, 54)
"""Size of the picture the change gate compares: a person sitting down changes dozens of its
pixels; sensor noise and compression change few."""


@dataclass(frozen=True)
class GateSettings:
    """When a camera's last inference may be reused instead of a fresh one.

    >>> GateSettings(recheck_s=0).enabled
    False
    """

    recheck_s: float = 30.0
    """A camera whose seats did not change still gets a fresh inference this often; 0 turns
    the change gate off (every camera is inferred in every cycle)."""
    change_levels: float = 12.0
    """Grey levels (of 255) by which a pixel of the seats' thumbnail must change to count."""
    change_share: float = 0.004
    """Share of the seats' thumbnail pixels that must change for a fresh inference."""

    @property
    def enabled(self) -> bool:
        """Whether inferences are ever reused (`recheck_s` above 0)."""
        return self.recheck_s > 0


def thumbnail(frame: Frame, size: tuple[int, int] = THUMBNAIL_SIZE) -> Thumbnail:
    """The grey picture of a frame at `size` (width, height) that the gate compares."""
    grey = cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY) if frame.ndim == 3 else frame
    return np.asarray(cv2.resize(grey, size, interpolation=cv2.INTER_AREA), np.float32)


def changed(
    now: Thumbnail, then: Thumbnail, mask: npt.NDArray[np.bool_], settings: GateSettings
) -> bool:
    """Whether the pixels under `mask` changed between two thumbnails."""
    # Brightness drift is not change: compare after matching the means.
    difference = np.abs((now - now[mask].mean()) - (then - then[mask].mean()))
    return bool(np.mean(difference[mask] > settings.change_levels) > settings.change_share)


@dataclass(frozen=True)
class ViewResult:
    """A view's detections at its last inference and the thumbnail it was compared with."""

    detections: Detections
    thumbnail: Thumbnail


class ChangeGate:
    """One camera's gate: the last inference of each view and when the next full re-check is
    due. `first_recheck_share` shortens the first period, so that the cameras of a site never
    all come due in the same cycle."""

    def __init__(
        self,
        camera: Camera,
        tiles: list[Tile],
        settings: GateSettings | None = None,
        first_recheck_share: float = 1.0,
    ) -> None:
        self.settings = settings or GateSettings()
        self.masks = view_masks(camera, tiles, THUMBNAIL_SIZE)
        self.views: dict[int, ViewResult] = {}
        self.recheck_due_s: float | None = None
        """When the next full fresh inference is due; None before the first one."""
        self._first_recheck_share = first_recheck_share

    def recheck_due(self, time_s: float) -> bool:
        """Whether a full re-check is due at `time_s` (never before the first inference)."""
        return self.recheck_due_s is not None and time_s >= self.recheck_due_s

    def stale_views(self, time_s: float, now: Thumbnail, recheck: bool = True) -> list[int]:
        """The views that need a fresh inference: none when the seats look as at their last
        inference, all at the first frame and (with `recheck`, or with the gate off) when the
        re-check is due, else the whole frame and the tiles where seats changed."""
        count = len(self.masks)
        due = self.recheck_due_s is None or time_s >= self.recheck_due_s
        if not self.views or (due and (recheck or not self.settings.enabled)):
            return list(range(count))
        changed_views = [
            index
            for index in range(1 if count > 1 else 0, count)
            if changed(now, self.views[index].thumbnail, self.masks[index], self.settings)
        ]
        return sorted({0, *changed_views}) if changed_views else []

    def remember(
        self,
        fresh: Mapping[int, Detections],
        now: Thumbnail,
        time_s: float,
        every_view: bool,
    ) -> dict[int, Detections]:
        """Keep the fresh views' detections (compared with `now` from here on) and, when
        `every_view` was inferred, schedule the next re-check. Returns the detections of every
        view: fresh where inferred, kept where not."""
        for index, detections in fresh.items():
            self.views[index] = ViewResult(detections, now)
        if every_view:
            share = self._first_recheck_share if self.recheck_due_s is None else 1
            self.recheck_due_s = time_s + self.settings.recheck_s * share
        return {index: view.detections for index, view in self.views.items()}

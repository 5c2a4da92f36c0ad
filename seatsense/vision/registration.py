"""Registration: where a reference picture's pixels lie in a later frame of the same camera.

A turn, zoom and shift from matched ORB features (a hand-held or bumped camera), else a shift
by phase correlation (scenes with too little texture for features), else none. The evidence
step registers each frame onto each seat's empty reference before comparing them, so a camera
that moved does not fake a change.

>>> import cv2, numpy as np
>>> noise = np.random.default_rng(0).uniform(0, 255, (180, 320)).astype(np.float32)
>>> room = cv2.GaussianBlur(noise, (0, 0), 2.0)
>>> bumped = np.roll(room, 6, axis=1)                  # the camera turned a little
>>> found = register(room, find_features(room.astype(np.uint8)),
...                  bumped, find_features(bumped.astype(np.uint8)))
>>> found.moved, round(float(found.motion[0, 2]))
(True, 6)
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
import numpy.typing as npt

MIN_INLIERS = 15
"""Feature matches that must agree on one motion before it registers a frame."""
MAX_DRIFT = 0.25
"""Largest registration shift accepted, as a share of the frame width; more is a mismatch."""
MOVED_PX = 2.0
"""Registration shift (working pixels) beyond which the camera counts as moved."""
FEATURES = 500
"""ORB features per frame: plenty for a 320-px working picture."""

Motion = npt.NDArray[np.float64]
"""A 2 x 3 affine matrix: reference pixels -> frame pixels."""
Picture = npt.NDArray[np.float32]
"""A grey picture at the evidence step's working size."""


@dataclass(frozen=True, eq=False)
class Features:
    """ORB key points and their descriptors of one picture (compared by identity: a
    frame's registrations are cached per reference's features)."""

    points: npt.NDArray[np.float32]
    descriptors: npt.NDArray[np.uint8] | None


def find_features(grey: npt.NDArray[np.uint8]) -> Features:
    """The ORB features of a grey picture."""
    # One detector per call: OpenCV's feature objects are not safe to share across threads.
    keypoints, descriptors = cv2.ORB.create(FEATURES).detectAndCompute(grey, None)
    points = np.array([k.pt for k in keypoints], np.float32).reshape(-1, 2)
    return Features(points, None if descriptors is None else np.asarray(descriptors, np.uint8))


@dataclass(frozen=True)
class Registration:
    """Where a reference's pixels lie in the current frame (None: where they were).

    >>> still = Registration(None, (180, 320))
    >>> still.moved, still.warp(np.ones((180, 320), np.float32)).shape
    (False, (180, 320))
    """

    motion: Motion | None
    shape: tuple[int, int]

    @property
    def moved(self) -> bool:
        """Whether the camera moved between the reference and the frame."""
        return self.motion is not None and _corner_shift(self.motion, self.shape) > MOVED_PX

    def warp(self, image: Picture) -> Picture:
        """A reference picture in the current frame's geometry."""
        if self.motion is None:
            return image
        return np.asarray(
            cv2.warpAffine(image, self.motion, self.shape[::-1], borderMode=cv2.BORDER_REPLICATE),
            np.float32,
        )


def register(
    reference: Picture, reference_features: Features, work: Picture, features: Features
) -> Registration:
    """Register a frame (`work`, `features`) onto a reference picture: a turn, zoom and shift
    from matched features, else a shift by phase correlation, else none. A motion is kept only
    if the registered reference really fits the frame better: repeating textures fool both
    methods."""
    shape = (work.shape[0], work.shape[1])
    unregistered = float(np.mean(np.abs(work - reference)))
    for estimate in (_motion_from_features, _shift_from_phase):
        motion = estimate(reference, reference_features, work, features)
        if motion is None or _corner_shift(motion, shape) > MAX_DRIFT * shape[1]:
            continue
        registration = Registration(motion, shape)
        if float(np.mean(np.abs(work - registration.warp(reference)))) < unregistered:
            return registration
    return Registration(None, shape)


def _motion_from_features(
    reference: Picture, reference_features: Features, work: Picture, features: Features
) -> Motion | None:
    before, now = reference_features, features
    if before.descriptors is None or now.descriptors is None:
        return None
    matches = cv2.BFMatcher(cv2.NORM_HAMMING, crossCheck=True).match(
        before.descriptors, now.descriptors
    )
    if len(matches) < MIN_INLIERS:
        return None
    source = before.points[[m.queryIdx for m in matches]]
    target = now.points[[m.trainIdx for m in matches]]
    # Rotation, scale and shift only: a camera that moves sees the room turn, zoom and slide;
    # a full homography's extra freedom fits the people who moved as well.
    motion, inliers = cv2.estimateAffinePartial2D(
        source, target, method=cv2.RANSAC, ransacReprojThreshold=3.0
    )
    if motion is None or int(inliers.sum()) < MIN_INLIERS:
        return None
    return np.asarray(motion, np.float64)


def _shift_from_phase(
    reference: Picture, reference_features: Features, work: Picture, features: Features
) -> Motion | None:
    window = np.asarray(cv2.createHanningWindow(work.shape[::-1], cv2.CV_32F), np.float32)
    # Windowed copies: OpenCV applies a window argument to its inputs in place.
    (dx, dy), response = cv2.phaseCorrelate(
        np.multiply(reference, window, dtype=np.float32),
        np.multiply(work, window, dtype=np.float32),
    )
    if response < 0.05:
        return None
    return np.array([[1, 0, dx], [0, 1, dy]], np.float64)


def _corner_shift(motion: Motion, shape: tuple[int, int]) -> float:
    """How far (pixels) a motion moves the frame's corners at most."""
    height, width = shape
    corners = np.array([[0, 0, 1], [width, 0, 1], [width, height, 1], [0, height, 1]], np.float64)
    return float(np.max(np.linalg.norm(corners @ motion.T - corners[:, :2], axis=1)))

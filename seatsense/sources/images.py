"""Still images: decoding one (checked whole first), and image files, folders and globs as a
source that hands out the next image every interval.
"""

from __future__ import annotations

import glob
import os
import time
from pathlib import Path
from typing import cast

import cv2
import numpy as np

from ..core.frame import Frame
from ..core.urls import scrub_credentials
from .base import ConnectError, NotAnImageError
from .jpeg import SOI, check_whole_jpeg
from .reader import End, ReadOptions, Sink, constant, sleep_unless_stopped
from .registry import IMAGE_SUFFIXES, SourceLocation


def decode_image(data: bytes, where: str = "image") -> Frame:
    """An encoded still (JPEG, PNG, ...) as a BGR frame.

    `NotAnImageError`, its message starting with `where`, when it is none, or a truncated or
    broken JPEG (decoded, it would show grey or smeared where the data ran out).
    """
    return _decode(data, where, "the answer is not an image")


def read_image(path: str) -> Frame:
    """An image file as a BGR frame; `NotAnImageError` naming the file when it is none."""
    where = scrub_credentials(path)
    try:
        data = Path(path).read_bytes()
    except OSError as err:
        raise NotAnImageError(f"{where}: cannot be read ({err.strerror or err})") from None
    return _decode(data, where, "not a readable image")


def _decode(data: bytes, where: str, not_an_image: str) -> Frame:
    if data[:2] == SOI and (problem := check_whole_jpeg(data)):
        raise NotAnImageError(f"{where}: {problem}")
    # OpenCV asserts on an empty buffer instead of answering None.
    image = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR) if data else None
    if image is None:
        raise NotAnImageError(f"{where}: {not_an_image}")
    return cast(Frame, image)


def image_paths(location: str) -> list[str]:
    """The images of a folder or glob (or the one image named), sorted by name."""
    if os.path.isdir(location):
        paths = [os.path.join(location, name) for name in sorted(os.listdir(location))]
    else:
        paths = sorted(glob.glob(location))
    return [p for p in paths if Path(p).suffix.lower() in IMAGE_SUFFIXES and os.path.isfile(p)]


def read_images(source: SourceLocation, sink: Sink, options: ReadOptions) -> End:
    """An image sequence: the next image every interval (times are wall times).

    A broken image is dropped (the sink hears why) and the next one follows at once; a pass
    through the sequence without one readable image is a `NotAnImageError`.
    """
    sink.on_mode("all")
    paths = image_paths(source.location)
    if not paths:
        raise ConnectError(f"{source.display}: no images found")
    while True:
        problem: NotAnImageError | None = None
        shown = 0
        for path in paths:
            started = time.monotonic()
            try:
                image = read_image(path)
            except NotAnImageError as err:
                problem = err
                sink.on_dropped(str(err))
                continue
            now = time.time()
            sink.on_packet(now)
            sink.on_frame(now, constant(image))
            shown += 1
            if sleep_unless_stopped(sink, options.interval_s - (time.monotonic() - started)):
                return End.STOPPED
        if shown == 0 and problem is not None:
            raise problem
        if not options.loop:
            return End.FINISHED

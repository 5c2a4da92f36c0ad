"""Whole JPEGs told from truncated and broken ones, on real photos; MJPEG cut into images."""

from __future__ import annotations

import struct

import cv2
import numpy as np
import pytest

from seatsense.sources.jpeg import EOI, SOI, BrokenJpeg, JpegStream, check_whole_jpeg, jpeg_end
from tests.conftest import FIXTURES

BUS = (FIXTURES / "bus.jpg").read_bytes()


def with_thumbnail(jpeg: bytes, thumbnail: bytes) -> bytes:
    """`jpeg` with an APP1 segment holding `thumbnail`, as cameras embed EXIF thumbnails."""
    payload = b"Exif\x00\x00" + thumbnail
    return jpeg[:2] + b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload + jpeg[2:]


def small_jpeg(value: int) -> bytes:
    return bytes(cv2.imencode(".jpg", np.full((16, 24, 3), value, np.uint8))[1])


def test_a_whole_jpeg_ends_at_its_end_of_image_marker() -> None:
    assert jpeg_end(BUS) == len(BUS)
    assert check_whole_jpeg(BUS) is None
    # Bytes after the end (padding some cameras send) are no part of the image.
    assert jpeg_end(BUS + b"\x00" * 10) == len(BUS)


@pytest.mark.parametrize("fraction", [0.001, 0.01, 0.1, 0.5, 0.9, 0.999])
def test_a_truncated_jpeg_has_no_end(fraction: float) -> None:
    cut = BUS[: max(3, int(len(BUS) * fraction))]
    assert jpeg_end(cut) is None
    assert check_whole_jpeg(cut) == (
        "a truncated JPEG (the data ends before its end-of-image marker)"
    )


def test_a_thumbnail_inside_does_not_end_the_image() -> None:
    image = with_thumbnail(BUS, small_jpeg(200))
    assert jpeg_end(image) == len(image)
    # Cut after the thumbnail's own end-of-image marker: still truncated.
    cut = image[: image.find(EOI) + 2 + 100]
    assert jpeg_end(cut) is None


def test_broken_structure_is_named() -> None:
    with pytest.raises(BrokenJpeg, match="start-of-image"):
        jpeg_end(b"\x89PNG\r\n")
    with pytest.raises(BrokenJpeg, match="without image data"):
        jpeg_end(SOI + EOI)
    half = BUS[: len(BUS) // 2]
    with pytest.raises(BrokenJpeg, match="new image starts"):
        jpeg_end(half + BUS)
    assert "a broken JPEG (a new image starts" in str(check_whole_jpeg(half + BUS))


def test_mjpeg_stream_yields_whole_images_and_drops_truncated_ones() -> None:
    thumbnailed = with_thumbnail(small_jpeg(50), small_jpeg(250))
    parts = [
        b"--frame\r\nContent-Type: image/jpeg\r\n\r\n" + image + b"\r\n"
        for image in (
            BUS,
            BUS[: len(BUS) // 2],
            thumbnailed,
            BUS,
        )
    ]
    data = b"".join(parts)
    stream = JpegStream()
    images: list[bytes] = []
    problems: list[str] = []
    for offset in range(0, len(data), 4096):  # in chunks, as a socket hands them over
        got, dropped = stream.feed(data[offset : offset + 4096])
        images += got
        problems += dropped
    assert images == [BUS, thumbnailed, BUS]
    assert problems == ["a broken JPEG (a new image starts before this one ended)"]
    assert stream.buffered <= 1


def test_a_header_cut_short_is_broken_where_the_next_image_begins() -> None:
    """A small image cut inside its tables: the cut segment's length reaches into the next
    image. The next image is found again, not swallowed."""
    grey = small_jpeg(128)
    cut = grey[: len(grey) // 2]
    with pytest.raises(BrokenJpeg, match="bytes out of place"):
        jpeg_end(cut + b"\r\n--frame\r\n\r\n" + BUS)
    stream = JpegStream()
    images, problems = stream.feed(cut + b"\r\n--frame\r\n\r\n" + BUS)
    assert images == [BUS]
    assert len(problems) == 1 and problems[0].startswith("a broken JPEG (bytes out of place")

"""Where a JPEG ends: whole images told from truncated or broken ones, and cut out of MJPEG.

libjpeg decodes a truncated JPEG with a warning and grey where the data ran out, and OpenCV
hands that out as if whole (some versions; others refuse). So the structure is checked here:
the marker segments are walked from the start-of-image marker to the end-of-image marker,
skipping segments by their lengths, so an EXIF thumbnail's own markers are not taken for the
image's. Pure Python, no decoding: damage inside the compressed data is not found.

>>> jpeg_end(bytes.fromhex("ffd8 ffc0 0004 0000 ffda 0004 0000 1234 ffd9 0000"))
18
>>> jpeg_end(bytes.fromhex("ffd8 ffc0 0004 0000 ffda 0004 0000 1234")) is None  # truncated
True
"""

from __future__ import annotations

SOI = b"\xff\xd8"
EOI = b"\xff\xd9"
_SOS = 0xDA
_STANDALONE = frozenset({0x00, 0x01, *range(0xD0, 0xD8)})
"""Markers without a length: stuffing in compressed data, TEM, the restart markers."""
_FRAME_HEADERS = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
"""SOF0-SOF15; 0xC4, 0xC8 and 0xCC share the range but are tables and a reserved code."""


class BrokenJpeg(ValueError):
    """The bytes are not a well-formed JPEG. `resume_at`: where a next image may start."""

    def __init__(self, message: str, resume_at: int) -> None:
        super().__init__(message)
        self.resume_at = resume_at


def jpeg_end(data: bytes | bytearray, start: int = 0) -> int | None:
    """The index just past the end-of-image marker of the JPEG at `start`; None when `data`
    ends before it (truncated, or not all of it has arrived). `BrokenJpeg` when malformed."""
    if data[start : start + 2] != SOI:
        raise BrokenJpeg("no JPEG start-of-image marker", start + 1)
    pos = start + 2
    segment_at = start
    seen_frame = in_scan = False
    size = len(data)
    while True:
        if not in_scan and pos < size and data[pos] != 0xFF:
            # Header segments follow each other directly: bytes between them mean the last
            # length was wrong, the segment cut short (a lost tail) or damaged.
            raise BrokenJpeg(f"bytes out of place at offset {pos - start}", segment_at + 2)
        # Compressed data runs to the next marker; libjpeg skips stray bytes at its end (with
        # a warning, common with webcams), so this does too.
        pos = data.find(b"\xff", pos)
        while 0 <= pos < size and data[pos] == 0xFF:
            pos += 1  # 0xFF fill bytes before the marker code
        if pos < 0 or pos >= size:
            return None
        marker = data[pos]
        pos += 1
        if marker in _STANDALONE:
            continue
        if marker == EOI[1]:
            if not seen_frame or not in_scan:
                raise BrokenJpeg("a JPEG without image data", pos)
            return pos
        if marker == SOI[1]:
            raise BrokenJpeg("a new image starts before this one ended", pos - 2)
        if pos + 2 > size:
            return None
        segment_at = pos - 2
        length = int.from_bytes(data[pos : pos + 2], "big")
        if length < 2:
            raise BrokenJpeg(f"a JPEG segment (0x{marker:02X}) of length {length}", pos)
        pos += length
        seen_frame = seen_frame or marker in _FRAME_HEADERS
        in_scan = marker == _SOS
        if in_scan and not seen_frame:
            raise BrokenJpeg("JPEG image data before its frame header", pos)


def check_whole_jpeg(data: bytes) -> str | None:
    """Why `data`, which starts like a JPEG, is not a whole one; None when it is.

    >>> check_whole_jpeg(bytes.fromhex("ffd8 ffc0 0004 0000 ffda 0004 0000 12"))
    'a truncated JPEG (the data ends before its end-of-image marker)'
    """
    try:
        end = jpeg_end(data)
    except BrokenJpeg as err:
        return f"a broken JPEG ({err})"
    if end is None:
        return "a truncated JPEG (the data ends before its end-of-image marker)"
    return None


class JpegStream:
    """Cuts whole JPEGs out of a byte stream (MJPEG: images between multipart headers).

    >>> image = bytes.fromhex("ffd8 ffc0 0004 0000 ffda 0004 0000 1234 ffd9")
    >>> stream = JpegStream()
    >>> stream.feed(b"--frame\\r\\n\\r\\n" + image[:9])
    ([], [])
    >>> images, problems = stream.feed(image[9:] + b"\\r\\n--frame\\r\\n\\r\\n" + image[:5])
    >>> images == [image], problems, stream.buffered
    (True, [], 5)
    """

    def __init__(self) -> None:
        self._buffer = bytearray()
        self._search_from = 0
        """Where to look for the next end-of-image marker: the ones before were not the end."""

    @property
    def buffered(self) -> int:
        """Bytes held while waiting for the rest of an image."""
        return len(self._buffer)

    def feed(self, chunk: bytes) -> tuple[list[bytes], list[str]]:
        """The whole images completed by `chunk`, and why each broken one was dropped."""
        buffer = self._buffer
        buffer += chunk
        images: list[bytes] = []
        problems: list[str] = []
        while True:
            start = buffer.find(SOI)
            if start < 0:
                del buffer[:-1]  # keep a last 0xFF: it may begin the next marker
                self._search_from = 0
                break
            if start > 0:
                del buffer[:start]
                self._search_from = max(0, self._search_from - start)
            # Most images end at the first end-of-image marker: walk the structure only then.
            candidate = buffer.find(EOI, max(2, self._search_from))
            if candidate < 0:
                self._search_from = max(2, len(buffer) - 1)
                break
            try:
                end = jpeg_end(buffer[: candidate + 2])
            except BrokenJpeg as err:
                problems.append(f"a broken JPEG ({err})")
                del buffer[: max(1, err.resume_at)]
                self._search_from = 0
                continue
            if end is None:  # that marker closed a thumbnail inside the image
                self._search_from = candidate + 2
                continue
            images.append(bytes(buffer[:end]))
            del buffer[:end]
            self._search_from = 0
        return images, problems

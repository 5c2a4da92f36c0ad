#!/usr/bin/env python3
"""Rebuilds seatsense/vision/fonts/labels.otf, the font of the annotated pictures' seat labels.

A subset of Noto Sans CJK KR Bold (SIL Open Font License 1.1, from Debian's `fonts-noto-cjk`
package) to printable ASCII and the 2,350 Hangul syllables of KS X 1001: every seat id a
keyboard types and every Korean word of the state legend, in about 260 KB instead of 20 MB.
Needs `fonttools` (the dev extra) and `apt-get install fonts-noto-cjk`.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection

SOURCE = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc")
FACE = "Noto Sans CJK KR"
TARGET = Path(__file__).resolve().parents[1] / "seatsense" / "vision" / "fonts" / "labels.otf"


def label_characters() -> str:
    """Printable ASCII and the Hangul syllables of KS X 1001 (EUC-KR's 0xB0A1 to 0xC8FE)."""
    ascii_text = "".join(chr(code) for code in range(0x20, 0x7F))
    hangul = "".join(
        bytes([lead, trail]).decode("euc-kr")
        for lead in range(0xB0, 0xC9)
        for trail in range(0xA1, 0xFF)
    )
    return ascii_text + hangul


def build(source: Path = SOURCE, target: Path = TARGET) -> int:
    """Write the subset; returns its size in bytes."""
    collection = TTCollection(str(source))
    font = next(f for f in collection.fonts if f["name"].getDebugName(1) == FACE)
    options = subset.Options()
    options.layout_features = []  # labels need no ligatures or vertical forms
    options.name_IDs = ["*"]  # keep the copyright and licence records (OFL condition 2)
    options.hinting = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=label_characters())
    subsetter.subset(font)
    font.recalcTimestamp = False  # the same bytes at every build
    target.parent.mkdir(parents=True, exist_ok=True)
    font.save(str(target))
    return target.stat().st_size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=SOURCE)
    parser.add_argument("--target", type=Path, default=TARGET)
    args = parser.parse_args()
    print(f"{args.target}: {build(args.source, args.target)} bytes")


if __name__ == "__main__":
    main()

"""zidane.jpg (1280x720, two men standing) as one camera with two seats."""

from __future__ import annotations

import cv2

from seatsense.core.layout import parse_site
from tests.conftest import FIXTURES

ZIDANE = cv2.imread(str(FIXTURES / "zidane.jpg"))
SITE = parse_site(
    {
        "name": "test",
        "interval_s": 1,
        "settings": {"enter_samples": 2, "exit_grace_s": 10, "abandoned_after_s": 60},
        "cameras": [
            {
                "id": "cam",
                "width": 1280,
                "height": 720,
                "seats": [
                    {"id": "right", "polygon": [[700, 0], [1280, 0], [1280, 720], [700, 720]]},
                    {"id": "left", "polygon": [[0, 0], [500, 0], [500, 720], [0, 720]]},
                ],
            }
        ],
    }
)
"""Two seats over the photo's halves: "left" (x 0-500) and "right" (x 700-1280)."""

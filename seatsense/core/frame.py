"""The one image type: an 8-bit BGR frame (height x width x 3), as OpenCV hands it out."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

Frame = npt.NDArray[np.uint8]

"""Public names that load their module on first use, so light imports stay light.

A package lists which of its names need the `detect` extra (OpenCV, ONNX Runtime, PyAV) and
where they live; `import seatsense` then works where those are not installed.

>>> import sys, types
>>> package = types.ModuleType("made_up")
>>> sys.modules["made_up"] = package
>>> package.__getattr__ = lazy_names("made_up", {"sqrt": "math"})
>>> package.sqrt(9.0)
3.0
>>> "sqrt" in vars(package)  # later look-ups find it without the hook
True
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping
from typing import Any


def lazy_names(package: str, modules: Mapping[str, str]) -> Callable[[str], Any]:
    """A module-level `__getattr__` for `package`: `modules[name]` is the module holding
    `name`, absolute or relative to `package` (".grabber")."""

    def load(name: str) -> Any:
        module = modules.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module, package), name)
        setattr(sys.modules[package], name, value)  # later look-ups skip this function
        return value

    return load

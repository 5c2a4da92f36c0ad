"""Functions stay short enough to read in one screen: none over 80 lines outside the tests."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAX_FUNCTION_LINES = 80
CHECKED = ("seatsense", "custom_components", "benchmarks", "scripts")


def _long_functions(source: str, where: str) -> list[str]:
    return [
        f"{where}:{node.lineno} {node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno is not None
        and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
    ]


def test_no_function_is_longer_than_80_lines() -> None:
    files = [
        path
        for top in CHECKED
        for path in (ROOT / top).rglob("*.py")
        if "node_modules" not in path.parts
    ]
    assert len(files) > 50
    long = [f for path in files for f in _long_functions(path.read_text(), str(path))]
    assert long == []


def test_the_check_sees_a_long_function() -> None:
    body = "\n".join(f"    x{i} = {i}" for i in range(MAX_FUNCTION_LINES))
    assert _long_functions(f"def f():\n{body}\n", "made.py") == ["made.py:1 f (81 lines)"]

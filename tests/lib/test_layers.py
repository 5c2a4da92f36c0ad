"""The library keeps its dependency direction: no module imports from a layer above, no cycle.

The integration has the same check in tests/integration/test_layers.py.

Every `import` and `from ... import` is read from the source (including imports inside
functions and under TYPE_CHECKING), so a lazy import cannot hide an upward dependency.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

LIBRARY_LAYERS = {
    "core": 0,
    "sources": 1,
    "vision": 1,
    "live": 2,
    "demo": 3,
    "evaluation": 3,
    "report": 3,
    "server": 4,
    "cli": 5,
}
"""seatsense's folders by layer: a folder may import its own modules and lower layers only.
Folders on one layer (sources and vision; demo, evaluation and report) stay independent."""

def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path, modules: frozenset[str] = frozenset()) -> Iterator[str]:
    """Absolute names of the modules `path` imports (relative imports resolved)."""
    package = _module_name(path).split(".")
    if path.name != "__init__.py":
        package.pop()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, node.module] if node.module else base)
            # `from package import x` imports the module package.x where one exists (the graph
            # keeps only names of real modules), else a name defined by the package itself.
            submodules = {f"{module}.{alias.name}" for alias in node.names}
            yield from submodules
            if not submodules <= modules:
                yield module


def _graph(top: str) -> dict[str, set[str]]:
    files = {_module_name(p): p for p in (ROOT / top).rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in files.items():
        graph[name] = {m for m in _imports(path, frozenset(files)) if m in files and m != name}
    return graph


def _library_layer(module: str) -> tuple[str, int]:
    parts = module.split(".")
    folder = parts[1] if len(parts) > 2 or (len(parts) == 2 and parts[1] in LIBRARY_LAYERS) else ""
    return folder, LIBRARY_LAYERS.get(folder, 6)


def _find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def test_library_imports_only_downwards() -> None:
    upward = []
    for module, targets in _graph("seatsense").items():
        folder, layer = _library_layer(module)
        for target in targets:
            other, other_layer = _library_layer(target)
            if other == folder or other == "":
                continue
            if other_layer >= layer:
                upward.append(f"{module} -> {target}")
    assert upward == []


def test_core_needs_no_vision_stack() -> None:
    heavy = {"cv2", "onnxruntime", "av", "ultralytics", "torch"}
    found = [
        f"{_module_name(path)} imports {name}"
        for path in (ROOT / "seatsense" / "core").rglob("*.py")
        for name in _imports(path)
        if name.split(".")[0] in heavy
    ]
    assert found == []


def test_no_import_cycle() -> None:
    assert _find_cycle(_graph("seatsense")) is None


def test_the_checks_see_a_cycle_and_an_upward_import() -> None:
    """The checks above can fail: a made-up graph with both faults is caught."""
    assert _find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _library_layer("seatsense.core.engine") == ("core", 0)
    assert _library_layer("seatsense.cli.main")[1] > _library_layer("seatsense.live.store")[1]
    assert "seatsense.core.engine" in _graph("seatsense")["seatsense.live.store"]

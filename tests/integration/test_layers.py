"""The integration's modules import one way: const -> site -> backend -> coordinator -> entity
-> platforms -> __init__, with no cycle. Read from the source, so it holds without running."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

COMPONENT = Path(__file__).resolve().parents[2] / "custom_components" / "seatsense"
PACKAGE = "custom_components.seatsense"

LAYERS = {
    "const": 0,
    "site": 1,
    "layout_check": 1,
    "backend": 2,
    "coordinator": 3,
    "entity": 4,
    "__init__": 6,
}
"""Layer of each module by its first name under the package; any other module is a platform
or a module beside the platforms (flows, actions, diagnostics, views): layer 5."""
PLATFORM_LAYER = 5


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(COMPONENT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join([PACKAGE, *parts])


def _layer(module: str) -> int:
    first = module.removeprefix(PACKAGE).lstrip(".").split(".")[0] or "__init__"
    return LAYERS.get(first, PLATFORM_LAYER)


def _is_type_checking(node: ast.If) -> bool:
    return isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"


def _imports(path: Path) -> set[str]:
    """Modules of the package that `path` imports when it runs (anywhere in it, functions
    included); imports for type checkers only are left out."""
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
            target = f"{base}.{node.module}" if node.module else base
            found.add(target)
            if not node.module:  # `from . import x`: x may be a module
                found.update(f"{base}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.ImportFrom | ast.Import):
            names = (
                [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else [alias.name for alias in node.names]
            )
            found.update(name for name in names if name.startswith(PACKAGE))
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    modules = {_module_name(p) for p in COMPONENT.rglob("*.py")}
    return {name for name in found if name in modules and name != module}


GRAPH = {_module_name(path): _imports(path) for path in sorted(COMPONENT.rglob("*.py"))}


@pytest.mark.parametrize("module", sorted(GRAPH))
def test_no_module_imports_a_layer_above_it(module: str) -> None:
    above = {name for name in GRAPH[module] if _layer(name) > _layer(module)}
    assert not above, f"{module} imports {sorted(above)}"


def test_no_import_cycle() -> None:
    done: set[str] = set()

    def walk(module: str, path: tuple[str, ...]) -> None:
        assert module not in path, " -> ".join([*path, module])
        if module in done:
            return
        for imported in sorted(GRAPH[module]):
            walk(imported, (*path, module))
        done.add(module)

    for module in sorted(GRAPH):
        walk(module, ())


def test_the_checks_see_the_layout() -> None:
    """The graph has the modules and edges the layering is about (the checks are not empty)."""
    assert f"{PACKAGE}.backend.local" in GRAPH[f"{PACKAGE}.backend"]
    assert f"{PACKAGE}.backend.protocol" in GRAPH[f"{PACKAGE}.backend.remote"]
    assert f"{PACKAGE}.site" in GRAPH[f"{PACKAGE}.backend"]
    assert f"{PACKAGE}.backend" in GRAPH[f"{PACKAGE}.coordinator"]
    assert f"{PACKAGE}.coordinator" in GRAPH[f"{PACKAGE}.entity"]
    # The entry type names the coordinator for type checkers only.
    assert f"{PACKAGE}.coordinator" not in GRAPH[f"{PACKAGE}.site"]

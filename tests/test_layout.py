"""The package's shape: floors that import only downwards, no import cycles, no two modules with the same name."""
from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

from conftest import REPO

PACKAGE = REPO / "scripts" / "kennisbank"


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph() -> dict[str, set[str]]:
    """Module -> the package modules it imports (anywhere in the file, also inside functions)."""
    modules = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0 and node.module.startswith("kennisbank"):
                for alias in node.names:
                    full = f"{node.module}.{alias.name}"
                    targets.add(full if full in modules else node.module)
            elif isinstance(node, ast.Import):
                targets.update(a.name for a in node.names if a.name.startswith("kennisbank"))
        graph[name] = {t for t in targets if t in modules and t != name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    found: list[list[str]] = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                found.append(stack[stack.index(target):] + [target])
            elif target not in state:
                visit(target)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
    return found


def test_no_import_cycles() -> None:
    graph = import_graph()
    assert len(graph) > 40  # the walk found the package
    assert cycles(graph) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == [["a", "b", "c", "a"]]


def test_module_names_are_unique() -> None:
    names = Counter(p.stem for p in PACKAGE.rglob("*.py") if p.stem != "__init__")
    assert [name for name, count in names.items() if count > 1] == []


# The floors, lowest first. A module imports its own package and anything on a lower floor, never a
# higher floor. Between floors 0 and TOP a package does not import a neighbour of its own floor
# either (exports and search stay independent); the bottom (the entry model and plain values) and the
# top (the build, the commands and their tools) are each one group. The site configuration (site_config) and the
# Dutch dates are plain values at the bottom, so no output reaches up to the top floor for them.
FLOORS = {
    "kennisbank": 0, "kennisbank.urls": 0, "kennisbank.site_config": 0, "kennisbank.dutch_dates": 0, "kennisbank.entries": 0,
    "kennisbank.exports": 1, "kennisbank.search": 1,
    "kennisbank.pages": 2,
    "kennisbank.submission": 3,
    "kennisbank.site": 4, "kennisbank.cli": 4, "kennisbank.maintenance": 4, "kennisbank.bench": 4, "kennisbank.__main__": 4,
}
# Entry points, whose commands import what they need when they run, so that `kennisbank check`
# does not load MkDocs: the only modules with package imports inside functions.
TOP = 4
LAZY_IMPORTS_ALLOWED = ("kennisbank.cli", "kennisbank.bench")


def package_of(module: str) -> str:
    """The FLOORS key a module belongs to: its top-level package or root module."""
    parts = module.split(".")
    return ".".join(parts[:2]) if len(parts) > 1 else module


def upward_imports(graph: dict[str, set[str]]) -> list[str]:
    found = []
    for module, targets in graph.items():
        home = package_of(module)
        for target in targets:
            there = package_of(target)
            if there == home:
                continue
            if FLOORS[there] > FLOORS[home] or (0 < FLOORS[there] == FLOORS[home] < TOP):
                found.append(f"{module} (floor {FLOORS[home]}) imports {target} (floor {FLOORS[there]})")
    return sorted(found)


def test_every_package_has_a_floor() -> None:
    assert {package_of(m) for m in import_graph()} <= set(FLOORS)


def test_imports_point_down_the_floors() -> None:
    assert upward_imports(import_graph()) == []


def test_the_floor_check_finds_an_upward_and_a_sideways_import() -> None:
    graph = {"kennisbank.exports.atom": {"kennisbank.pages.templating"}, "kennisbank.exports.ical": {"kennisbank.search.text"},
             "kennisbank.pages.news": {"kennisbank.exports.atom", "kennisbank.entries.model"}}
    assert upward_imports(graph) == [
        "kennisbank.exports.atom (floor 1) imports kennisbank.pages.templating (floor 2)",
        "kennisbank.exports.ical (floor 1) imports kennisbank.search.text (floor 1)",
    ]


def test_package_imports_inside_functions_only_in_entry_points() -> None:
    """An import hidden in a function hides a cycle or an upward import from a reader; only the
    command-line entry points defer theirs, to start fast."""
    hidden = []
    for path in PACKAGE.rglob("*.py"):
        name = module_name(path)
        if name.startswith(LAZY_IMPORTS_ALLOWED):
            continue
        for function in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for node in ast.walk(function):
                    module = node.module if isinstance(node, ast.ImportFrom) else None
                    names = [a.name for a in node.names] if isinstance(node, (ast.Import, ast.ImportFrom)) else []
                    if (module or "").startswith("kennisbank") or any(n.startswith("kennisbank") for n in names if isinstance(node, ast.Import)):
                        hidden.append(f"{path.relative_to(REPO)}:{node.lineno}")
    assert hidden == []

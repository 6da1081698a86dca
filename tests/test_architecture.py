"""The package's shape: no import cycles, and the contract type that keeps QtWidgets out of
render/ and export/ recognises every spelling of the import. (The layers and the other contracts are
checked by running lint-imports in tests/core/test_import_contract.py.)"""

from __future__ import annotations

import sys

import grimp
import pytest

from .import_contracts import imports_submodule

PACKAGE = "aleppo_desktop"


def import_cycles(imports: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (or a module importing itself),
    each as a list of modules (Tarjan's algorithm, iterative so deep packages cannot overflow)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    cycles: list[list[str]] = []
    counter = 0
    for root in sorted(imports):
        if root in index:
            continue
        work = [(root, iter(sorted(imports[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(imports.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1 or node in imports.get(node, ()):
                    cycles.append(sorted(component))
    return cycles


def describe(cycle: list[str], imports: dict[str, set[str]]) -> str:
    """One import path round the cycle, `a -> b -> ... -> a`, for the failure message."""
    members = set(cycle)
    path = [cycle[0]]
    seen = {cycle[0]}
    while True:
        following = sorted(imports[path[-1]] & members)
        if path[0] in following and (len(path) > 1 or len(members) == 1):
            return " -> ".join([*path, path[0]])
        nxt = next((m for m in following if m not in seen), None)
        if nxt is None:
            return " -> ".join([*path, following[0]]) + " (...)"
        path.append(nxt)
        seen.add(nxt)


def package_imports() -> dict[str, set[str]]:
    """Every import that runs (at module level or in a function) between the package's modules;
    `if TYPE_CHECKING:` imports never run, so annotations may refer both ways."""
    graph = grimp.build_graph(PACKAGE, cache_dir=None, exclude_type_checking_imports=True)
    return {
        module: {m for m in graph.find_modules_directly_imported_by(module) if m in graph.modules}
        for module in graph.modules
        if module.split(".")[0] == PACKAGE
    }


def test_the_package_has_no_import_cycles() -> None:
    imports = package_imports()
    assert {f"{PACKAGE}.cli", f"{PACKAGE}.export.video", f"{PACKAGE}.core.story"} <= set(imports)
    cycles = import_cycles(imports)
    assert not cycles, "import cycles:\n" + "\n".join(describe(c, imports) for c in cycles)


def test_the_cycle_finder_finds_and_names_a_cycle() -> None:
    imports = {
        "a": {"b"},
        "b": {"c"},
        "c": {"a", "d"},
        "d": set(),
        "e": {"e"},
        "f": {"d"},
    }
    cycles = import_cycles(imports)
    assert cycles == [["a", "b", "c"], ["e"]]
    assert describe(cycles[0], imports) == "a -> b -> c -> a"
    assert describe(cycles[1], imports) == "e -> e"


def test_a_long_chain_is_no_cycle_and_no_recursion_error() -> None:
    n = sys.getrecursionlimit() + 100
    imports = {f"m{i}": {f"m{i + 1}"} for i in range(n)} | {f"m{n}": set()}
    assert import_cycles(imports) == []
    imports[f"m{n}"] = {"m0"}
    assert [len(c) for c in import_cycles(imports)] == [n + 1]


@pytest.mark.parametrize(
    ("line", "imports_widgets"),
    [
        ("from PySide6.QtWidgets import QApplication", True),
        ("from PySide6.QtWidgets.foo import x", True),
        ("import PySide6.QtWidgets", True),
        ("import os, PySide6.QtWidgets as w", True),
        ("from PySide6 import QtCore, QtWidgets", True),
        ("from PySide6 import (QtGui, QtWidgets)", True),
        ("from PySide6.QtGui import QImage", False),
        ("from PySide6 import QtGui", False),
        ("from PySide6.QtWidgetsExtra import x", False),
        ("from PySide6 import QtGui as QtWidgets", False),
    ],
)
def test_the_qtwidgets_contract_reads_every_spelling(line: str, imports_widgets: bool) -> None:
    assert imports_submodule(line, "PySide6.QtWidgets") is imports_widgets

"""An import-linter contract type for what the built-in `forbidden` cannot say: "no PySide6.QtWidgets".

import-linter sees an external package only as a whole (`PySide6`), and `forbidden` refuses
`PySide6.QtWidgets`; render/ and export/ must import QtGui but never QtWidgets. This contract reads
the import lines grimp recorded for each direct import of the external package instead.
Registered in pyproject.toml (`contract_types`); lint-imports runs from the repository root, which
it puts on sys.path, so `tests.import_contracts` imports.
"""

from __future__ import annotations

import re
from typing import Any

from importlinter.application import output
from importlinter.domain import fields
from importlinter.domain.contract import Contract, ContractCheck


def imports_submodule(line: str, submodule: str) -> bool:
    """Whether a source line imports `submodule` (`pkg.sub`): `import pkg.sub`, `from pkg.sub
    import x` or `from pkg import sub` (also `import pkg.sub.deeper`, `from pkg import a, sub`)."""
    package, _, name = submodule.rpartition(".")
    dotted = re.escape(submodule)
    if re.search(rf"^\s*(import|from)\s+{dotted}(\.|\s|$)", line) or re.search(
        rf"^\s*import\s+.*\b{dotted}\b", line
    ):
        return True
    match = re.match(rf"^\s*from\s+{re.escape(package)}\s+import\s+\(?(.*)", line)
    return bool(match) and name in re.findall(r"\w+", match.group(1).split(" as ")[0])


class ForbiddenSubmoduleContract(Contract):
    """Modules in `source_modules` (packages include their descendants) import none of
    `forbidden_modules`, submodules of external packages such as `PySide6.QtWidgets`, directly."""

    type_name = "forbidden_submodule"
    source_modules = fields.ListField(subfield=fields.ModuleField())
    forbidden_modules = fields.ListField(subfield=fields.StringField())

    def check(self, graph: Any, verbose: bool) -> ContractCheck:
        violations = []
        for package in self.source_modules:
            if package.name not in graph.modules:
                raise ValueError(f"Module '{package.name}' does not exist.")
            modules = {package.name} | set(graph.find_descendants(package.name))
            for importer in sorted(modules):
                for forbidden in self.forbidden_modules:
                    root = forbidden.split(".")[0]
                    if not graph.direct_import_exists(importer=importer, imported=root):
                        continue
                    for detail in graph.get_import_details(importer=importer, imported=root):
                        if imports_submodule(detail["line_contents"], forbidden):
                            violations.append(
                                {
                                    "importer": importer,
                                    "imported": forbidden,
                                    "line_number": detail["line_number"],
                                    "line": detail["line_contents"],
                                }
                            )
        return ContractCheck(kept=not violations, metadata={"violations": violations})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for violation in check.metadata["violations"]:
            output.print_error(
                f"{violation['importer']} is not allowed to import {violation['imported']}: "
                f"line {violation['line_number']}: {violation['line']}",
                bold=False,
            )
            output.new_line()

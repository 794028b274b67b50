"""Imports flow one way: ``wayahsinau`` (glue) -> ``ads`` -> ``articles``, with no
cycle between any two modules, as the import-linter contracts in pyproject.toml
declare (``make lint`` and CI run ``lint-imports`` too)."""

import shutil
import subprocess
import sys
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("wayahsinau", "ads", "articles")


def test_no_module_imports_itself_back_through_others():
    """Also across packages, and through imports inside functions, which the
    layers contract does not see."""
    graph = grimp.build_graph(*PACKAGES, cache_dir=None)
    cycles = [
        (importer, imported)
        for importer in sorted(graph.modules)
        for imported in sorted(graph.find_modules_directly_imported_by(importer))
        if graph.chain_exists(importer=imported, imported=importer)
    ]
    assert cycles == []


def test_the_import_contracts_hold():
    lint_imports = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    if lint_imports is None:
        pytest.skip("import-linter is not installed (requirements-dev.txt)")
    result = subprocess.run(
        [lint_imports, "--no-cache"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr

"""The flow holds: every import of the package's own modules points down the stages.

The stages are ranked (``RANKS``); a module may import modules of its own stage or of
a lower rank, never a higher one. Every import is walked, at module level, inside
functions and under ``TYPE_CHECKING`` alike. Two more rules: the stages after the
corpus (``analysis``, ``io``, ``viz``, ``report``) receive data and never import
``sources``; and nothing below the CLI imports from the package root. The checker is
shown to catch each kind of violation on a synthetic package written in the test.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "ofstedmine"

#: stage -> rank; a module's stage is its first component below the package.
RANKS = {
    # foundation: records, errors, the registry, caches
    "types": 0,
    "errors": 0,
    "_warnings": 0,
    "_callable": 0,
    "_version": 0,
    "authorities": 0,
    "cache": 0,
    "_pool": 0,
    "_fs": 0,
    "_paths": 0,
    "sources": 1,
    "parse": 2,
    "extract": 3,
    "corpus": 4,
    "frames": 4,
    "pipeline": 4,
    "analysis": 5,
    "io": 6,
    "viz": 6,
    "report": 7,
    "cli": 8,
}
#: Stages that receive data: they never reach back to the network layer.
RECEIVERS = ("analysis", "io", "viz", "report")


def module_name(path: Path, root: Path, package: str) -> str:
    parts = path.relative_to(root).with_suffix("").parts
    name = ".".join((package, *parts))
    return name.removesuffix(".__init__")


def imports_of(path: Path, name: str, package: str) -> list[tuple[str, int]]:
    """(imported module, line) for every import of the package's own modules."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    base = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(a.name, node.lineno) for a in node.names if a.name.split(".")[0] == package]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = base.split(".")
                parts = parts[: len(parts) - (node.level - 1)]
                target = ".".join([*parts, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            if target.split(".")[0] != package:
                continue
            if target == package:  # "from package import x": the root, or a submodule
                out += [(f"{package}.{a.name}", node.lineno, True) for a in node.names]
            else:
                out.append((target, node.lineno))
    return out


def violations(root: Path, package: str, ranks: dict[str, int]) -> list[str]:
    """Every import that points up the flow, reaches back to sources, or uses the root."""
    found = []
    modules = {module_name(p, root, package): p for p in root.rglob("*.py")}
    for name, path in sorted(modules.items()):
        parts = name.split(".")
        if len(parts) == 1:
            continue  # the package root may import anything
        stage = parts[1]
        if stage not in ranks:
            found.append(f"{name}: stage {stage!r} has no rank")
            continue
        for item in imports_of(path, name, package):
            target, line = item[0], item[1]
            from_root = len(item) == 3
            tparts = target.split(".")
            tstage = tparts[1] if len(tparts) > 1 else None
            where = f"{path.relative_to(root)}:{line}"
            if from_root:  # "from package import x", even of a submodule: go by its path
                if stage != "cli":
                    found.append(
                        f"{where}: imports {target.split('.')[-1]!r} from the package root"
                    )
                continue
            if tstage is None:
                if stage != "cli":
                    found.append(f"{where}: imports the package root")
                continue
            if tstage not in ranks:
                found.append(f"{where}: imports {target}, whose stage has no rank")
            elif ranks[tstage] > ranks[stage]:
                found.append(f"{where}: {stage} (rank {ranks[stage]}) imports {target} "
                             f"(rank {ranks[tstage]})")  # fmt: skip
            elif stage in RECEIVERS and tstage == "sources":
                found.append(f"{where}: {stage} receives data but imports {target}")
    return found


def module_cycles(root: Path, package: str) -> list[list[str]]:
    """Import cycles between modules (every import counted)."""
    modules = {module_name(p, root, package): p for p in root.rglob("*.py")}
    g = nx.DiGraph()
    for name, path in modules.items():
        for item in imports_of(path, name, package):
            target = item[0]
            while target not in modules and "." in target:
                target = target.rsplit(".", 1)[0]
            # a package importing its own submodules (re-exports) is not a cycle
            if target != name and not target.startswith(name + "."):
                g.add_edge(name, target)
    return [c for c in nx.simple_cycles(g) if len(c) > 1]


def test_every_import_points_down_the_flow():
    assert SRC.is_dir()
    bad = violations(SRC, "ofstedmine", RANKS)
    assert bad == [], "\n".join(bad)


def test_no_import_cycle_between_modules():
    cycles = module_cycles(SRC, "ofstedmine")
    assert cycles == [], cycles[:5]


def _write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        p = root / "pkg" / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    return root / "pkg"


def test_the_checker_catches_each_kind_of_violation(tmp_path):
    root = _write(tmp_path, {
        "__init__.py": "from pkg.corpus import Corpus\n",
        "types.py": "",
        "sources/__init__.py": "",
        "sources/fetch.py": "from pkg.types import X\n",
        "parse/__init__.py": "def f():\n    from pkg.analysis import graph\n",  # up, in a function
        "corpus.py": "from pkg import Corpus\n",  # a name from the root
        "analysis/__init__.py": "",
        "analysis/graph.py": "from ..sources.fetch import fetch\n",  # receiver -> sources
        "extract/__init__.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
                               "    from pkg.corpus import Corpus\n",  # up, type-only
    })  # fmt: skip
    ranks = {"types": 0, "sources": 1, "parse": 2, "extract": 3, "corpus": 4, "analysis": 5}
    bad = violations(root, "pkg", ranks)
    assert any("parse/__init__.py:2" in b and "imports pkg.analysis" in b for b in bad)
    assert any("corpus.py:1" in b and "package root" in b for b in bad)
    assert any("analysis/graph.py:1" in b and "receives data" in b for b in bad)
    assert any("extract/__init__.py:3" in b and "imports pkg.corpus" in b for b in bad)
    assert not any("sources/fetch.py" in b for b in bad)  # down the flow: fine
    assert len(bad) == 4


def test_the_cycle_check_catches_a_cycle(tmp_path):
    root = _write(tmp_path, {
        "__init__.py": "", "a.py": "import pkg.b\n", "b.py": "def f():\n    from pkg import a\n",
    })  # fmt: skip
    assert module_cycles(root, "pkg") != []


@pytest.mark.parametrize("stage", sorted(RANKS))
def test_every_ranked_stage_exists(stage):
    assert (SRC / stage).is_dir() or (SRC / f"{stage}.py").is_file()

"""The notebooks run top to bottom (nbclient, the venv's python3 kernel), are
committed without outputs, import only the public API, and skip cleanly, with a
visible message, where the corpus is absent."""

from __future__ import annotations

import ast
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
NAMES = [p.name for p in NOTEBOOKS]


def _run(path: Path) -> nbformat.NotebookNode:
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=600,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},  # notebooks run from notebooks/
    )
    client.execute()
    return nb


def _errors(nb: nbformat.NotebookNode) -> list[str]:
    return [
        f"{o.get('ename')}: {o.get('evalue')}"
        for cell in nb.cells
        if cell.cell_type == "code"
        for o in cell.get("outputs", [])
        if o.get("output_type") == "error"
    ]


def _text(nb: nbformat.NotebookNode) -> str:
    out = []
    for cell in nb.cells:
        for o in cell.get("outputs", []):
            out.append(str(o.get("text", "")))
            for value in (o.get("data") or {}).values():
                out.append(str(value))
    return "\n".join(out)


def test_there_are_three_notebooks():
    assert NAMES == [
        "01_bradford_2014_2026.ipynb",
        "02_comparing_authorities.ipynb",
        "03_bring_your_own_codebook.ipynb",
    ]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=NAMES)
def test_committed_without_outputs(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    code = [cell for cell in nb.cells if cell.cell_type == "code"]
    assert code, f"{path.name} has no code cells"
    for cell in code:
        assert cell.outputs == [] and cell.execution_count is None, path.name


@pytest.mark.parametrize("path", NOTEBOOKS, ids=NAMES)
def test_only_the_public_api_is_imported(path):
    nb = nbformat.read(path, as_version=4)
    allowed_top = {"ofstedmine", "pathlib", "os", "csv", "warnings", "IPython"}
    imported = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for node in ast.walk(ast.parse(cell.source)):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
                assert not any(a.name.startswith("_") for a in node.names), (
                    path.name,
                    ast.unparse(node),
                )
            imported += names
            for name in names:
                assert name.split(".")[0] in allowed_top, (path.name, name)
                assert not any(part.startswith("_") for part in name.split(".")), (path.name, name)
    assert any(name.split(".")[0] == "ofstedmine" for name in imported), (path.name, imported)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=NAMES)
def test_skips_cleanly_without_the_corpus(path, tmp_path, monkeypatch):
    monkeypatch.setenv("OFSTEDMINE_SHARED_CORPUS", str(tmp_path / "no-corpus-here"))
    nb = _run(path)
    assert _errors(nb) == []
    assert "The shared corpus was not found" in _text(nb)


@pytest.mark.corpus
@pytest.mark.parametrize("path", NOTEBOOKS, ids=NAMES)
def test_runs_on_the_corpus(path, corpus_dir, monkeypatch):
    monkeypatch.setenv("OFSTEDMINE_SHARED_CORPUS", str(corpus_dir))
    nb = _run(path)
    assert _errors(nb) == []
    text = _text(nb)
    assert "The shared corpus was not found" not in text
    assert "IProgress not found" not in text  # no widget progress bars in the outputs
    assert "image/png" in str([o for c in nb.cells for o in c.get("outputs", [])]) or (
        path.name.startswith("03")
    )

"""The public API is locked, imports are light, and stage boundaries hold."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import ofstedmine

SRC = Path(ofstedmine.__file__).resolve().parent

EXPECTED_ALL = [
    "Corpus",
    "Document",
    "Event",
    "Extraction",
    "Finding",
    "Judgement",
    "Locator",
    "Publication",
    "Recommendation",
    "authorities",
    "build_theme_graph",
    "classify",
    "errors",
    "extract",
    "extract_all",
    "parse",
    "sources",
    "timeline",
]


def test_all_is_sorted_and_locked():
    # Adding or removing a public name must be a deliberate change to this list.
    assert ofstedmine.__all__ == sorted(ofstedmine.__all__)
    assert ofstedmine.__all__ == EXPECTED_ALL


def test_every_public_name_resolves_and_is_documented():
    assert len(ofstedmine.__all__) >= len(EXPECTED_ALL), "the public names must be listed"
    for name in ofstedmine.__all__:
        obj = getattr(ofstedmine, name)
        assert (obj.__doc__ or "").strip(), f"{name} has no docstring"


def test_import_is_light():
    code = (
        "import sys, ofstedmine; heavy = [m for m in ('spacy', 'pdfplumber', 'pypdfium2', "
        "'pandas', 'sklearn', 'networkx', 'bs4') if m in sys.modules]; print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_stage_import_boundaries():
    """Only parse/ imports the PDF libraries; only extract/ imports spaCy; bs4 only
    in parse/ and sources/ listing readers; only sources/ touches the network."""
    rules = {
        "pdfplumber": ("parse",),
        "pypdfium2": ("parse",),
        "pdfminer": ("parse",),
        "spacy": ("extract",),
        "bs4": ("parse", "sources"),
        "requests": ("sources",),
        "requests_cache": ("sources",),
        "urllib3": ("sources",),
        "httpx": ("sources",),
    }
    offences = []
    for py in SRC.rglob("*.py"):
        rel = py.relative_to(SRC)
        top = rel.parts[0] if len(rel.parts) > 1 else ""
        for mod in _imports(py):
            allowed = rules.get(mod)
            if allowed is not None and top not in allowed:
                offences.append(f"{rel} imports {mod}")
    assert not offences, offences


def test_error_tree_has_one_root():
    from ofstedmine import errors

    assert "OfstedmineError" in errors.__all__ and len(errors.__all__) > 1, errors.__all__
    for name in errors.__all__:
        cls = getattr(errors, name)
        assert issubclass(cls, errors.OfstedmineError), name
        assert (cls.__doc__ or "").strip(), f"{name} is undocumented"


def test_stage_names_stay_callable_after_their_subpackages_are_imported():
    code = (
        "import ofstedmine.parse.pdf, ofstedmine.extract.judgements\n"
        "from ofstedmine import parse, extract\n"
        "doc = parse(b'Joint targeted area inspection of Anytown', kind='text')\n"
        "print(doc.kind.value, extract(doc, findings=False).metadata.kind.value,"
        " ofstedmine.parse.ParseSettings.__name__)"
    )
    out = subprocess.run(
        [sys.executable, "-c", "import ofstedmine\n" + code],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.split() == ["jtai", "jtai", "ParseSettings"]

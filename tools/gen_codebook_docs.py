"""Write docs/codebook.md from the packaged codebook (run after editing codebook.yaml).

.venv/bin/python tools/gen_codebook_docs.py          # write docs/codebook.md
.venv/bin/python tools/gen_codebook_docs.py --check  # exit 1 when it is stale
"""

from __future__ import annotations

import sys
from pathlib import Path

from ofstedmine.extract.codebook import load_codebook

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "docs" / "codebook.md"


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def render() -> str:
    cb = load_codebook()
    out = [
        "# The theme codebook",
        "",
        "Generated from `src/ofstedmine/data/codebook.yaml` by `python tools/gen_codebook_docs.py`;",
        "a test checks it is current. Do not edit by hand.",
        "",
        f"Codebook **{cb.name}**, declared version {cb.declared_version}, cache version",
        f"`{cb.version}` (the declared version plus the first eight hex digits of the file's",
        f"sha256, so any edit gives new cache keys): {len(cb)} themes in {len(cb.groups)} groups.",
        "",
        "A finding carries a theme when one of the theme's patterns matches the sentence's",
        "lemmas (case-insensitively; a pattern written in capitals matches case-sensitively;",
        "a pattern also matches its plural). The examples were written for the codebook, not",
        "taken from reports. To use a codebook of your own, or to extend this one, see",
        "`notebooks/03_bring_your_own_codebook.ipynb` and `docs/concepts.md`.",
        "",
        "## Themes by group",
        "",
    ]
    for group in cb.groups:
        themes = [t for t in cb.themes if t.group == group]
        out.append(f"- **{group}**: " + ", ".join(f"[{t.label}](#{t.id})" for t in themes))
    out.append("")
    for group in cb.groups:
        out += [f"## {group.replace('_', ' ').capitalize()}", ""]
        for t in (t for t in cb.themes if t.group == group):
            out += [
                f'<a id="{t.id}"></a>',
                "",
                f"### {t.label}",
                "",
                f"`{t.id}` — {_cell(t.definition)}",
                "",
                "Patterns: " + ", ".join(f"`{_cell(p)}`" for p in t.patterns),
                "",
            ]
            if t.examples:
                out += ["Examples (written for the codebook):", ""]
                out += [f"- {_cell(e)}" for e in t.examples]
                out.append("")
    return "\n".join(out).rstrip() + "\n"


if __name__ == "__main__":
    text = render()
    if "--check" in sys.argv:
        current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else ""
        sys.exit(0 if current == text else 1)
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}")

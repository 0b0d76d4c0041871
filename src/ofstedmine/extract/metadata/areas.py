"""The areas a letter's visit looked at.

A monitoring letter lists them under "Areas covered by the visit"; other letters say
"inspectors looked at ...", perhaps "with a particular focus on:" a list, and a JTAI
letter names its "multi-agency response to ...".
"""

from __future__ import annotations

import re

from ofstedmine.extract.metadata._common import _APOS, _I
from ofstedmine.types import DocumentKind


def _areas_covered(text: str, blocks: list[tuple[int, int, str]], kind: DocumentKind) -> list[str]:
    out: list[str] = []
    # monitoring letters: "Areas covered by the visit" then the list
    for k, (_, _, s) in enumerate(blocks):
        if re.match(r"areas?\s+covered(\s+by\s+(the|this)\s+visit)?\s*:?\s*$", s.strip(), _I):
            for _, _, item in blocks[k + 1 : k + 15]:
                it = item.strip()
                if re.match(r"(headline findings|findings|overview|summary)", it, _I):
                    break
                if len(it) > 400:
                    if out:
                        break
                    continue
                if (
                    re.search(r"following areas|areas? of (concern|priority)|:$", it, _I)
                    and not out
                ):
                    continue
                out.append(re.sub(r"\s+", " ", it).rstrip(".;,"))
            return out
    m = re.search(
        r"(?:inspectors|this\s+visit|the\s+visit)\s+(?:looked\s+at|focused\s+on|evaluated|considered|reviewed)\s+"
        r"(?P<what>[^.]{5,400}?)(?P<focus>,?\s*with\s+a\s+(?:particular\s+)?focus\s+on\s*:?)?\s*(?:\.|\n\n|$)",
        text[:8000],
        _I,
    )
    if m:
        what = re.sub(
            rf"^the\s+local\s+authority{_APOS}s\s+arrangements\s+for\s+",
            "",
            m.group("what"),
            flags=_I,
        )
        out.append(re.sub(r"\s+", " ", what).strip(" ,;:"))
        if m.group("focus"):
            for start, _, item in blocks:
                if start < m.end():
                    continue
                it = item.strip()
                if len(it) > 300 or re.match(
                    r"(this visit|the visit|inspectors|headline findings|overview)", it, _I
                ):
                    break
                out.append(re.sub(r"\s+", " ", it).rstrip(".;,"))
    elif kind is DocumentKind.JTAI:
        j = re.search(
            r"multi-agency\s+response\s+to\s+(?P<what>[^.]{3,200}?)(?:\s+in\s+[A-Z][^.]*)?\.",
            text[:6000],
        )
        if j:
            out.append(re.sub(r"\s+", " ", j.group("what")).strip())
    return out

"""A report's title, and whether it is of a safeguarding board on its own."""

from __future__ import annotations

import re

from ofstedmine.extract.metadata._common import _I

_TITLE_RE = re.compile(
    r"^(?:inspection of|review of|focused visit|monitoring visit|joint targeted area inspection"
    r"|joint inspection|joint area review|inspection of local authority)",
    _I,
)
_LSCB_TITLE = re.compile(r"effectiveness\s+of\s+the\s+local\s+safeguarding\s+children\s+board", _I)


def _title(blocks: list[tuple[int, int, str]]) -> str | None:
    for _, _, s in blocks[:15]:
        # (a running header left on a first page ends in its page number)
        if _TITLE_RE.match(s) and len(s) < 300 and not re.search(r"\s\d{1,3}$", s):
            return re.sub(r"\s+", " ", s).strip()
    for _, _, s in blocks[:3]:
        if 3 < len(s) < 200:
            return re.sub(r"\s+", " ", s).strip()
    return None

"""Plain text (news articles, minutes saved as text) -> raw blocks.

A blank line or a new line ends a block (news texts put one paragraph on a line);
a short line without final punctuation followed by a blank line is a heading;
bullets and ``(1)``/``1.`` numbers start list items and numbered paragraphs.
"""

from __future__ import annotations

import re

from ofstedmine.parse.layout import _BULLET_RE, RawBlock
from ofstedmine.types import BlockKind

__all__ = ["text_blocks"]

_NUM = re.compile(r"^\s*\(?(\d{1,3})[.)]\s+")


def text_blocks(text: str) -> list[RawBlock]:
    """Split plain text into raw blocks (one page)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n")
    lines = text.split("\n")
    out: list[RawBlock] = []
    for i, line in enumerate(lines):
        s = " ".join(line.split())
        if not s:
            continue
        nxt_blank = i + 1 >= len(lines) or not lines[i + 1].strip()
        bullet = _BULLET_RE.match(s)
        num = _NUM.match(s)
        if bullet:
            rb = RawBlock(BlockKind.LIST_ITEM, 1)
            s = s[bullet.end() :]
        elif num:
            rb = RawBlock(BlockKind.NUMBERED, 1, number=num.group(1))
        elif (
            len(s) < 80
            and not s.endswith((".", "?", "!", ":", ";", ",", "\u201d", '"'))
            and nxt_blank
            and not s[:1].islower()
        ):
            rb = RawBlock(BlockKind.HEADING, 1, level=2)
        else:
            rb = RawBlock(BlockKind.PARAGRAPH, 1)
        rb.add(s, 1)
        out.append(rb)
    return out

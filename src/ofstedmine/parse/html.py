"""HTML (GOV.UK publication pages, news pages, council minutes) -> raw blocks.

beautifulsoup4 with the lxml parser (it does not resolve external entities or
fetch anything). Scripts, styles, navigation, headers, footers and forms are
dropped; the main content is the first of GOV.UK's ``.govspeak``, ``main``,
``article``, ``[role=main]``, or the body.
"""

from __future__ import annotations

from collections.abc import Iterator

from ofstedmine.parse.layout import RawBlock
from ofstedmine.types import BlockKind

__all__ = ["decode_html", "html_blocks", "html_title"]

_DROP = [
    "script",
    "style",
    "noscript",
    "nav",
    "header",
    "footer",
    "form",
    "svg",
    "iframe",
    "template",
    "button",
    "aside",
]
_MAIN = [".govspeak", "main", "article", "[role=main]", "#content", ".content"]
_BLOCK_TAGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
# walked into, with the running paragraph closed before and after
_CONTAINERS = frozenset(
    ("div", "section", "article", "main", "ul", "ol", "table", "tbody", "thead")
    + ("body", "html", "td", "th", "dl", "figure", "header")
)


def decode_html(data: bytes) -> str:
    """Decode HTML bytes: a BOM or declared charset, else UTF-8, else Windows-1252.

    Never fails: undecodable bytes become U+FFFD.

    >>> decode_html(b"caf\\xe9")
    'café'
    """
    from bs4.dammit import EncodingDetector

    detector = EncodingDetector(data, is_html=True)
    declared = detector.sniffed_encoding or detector.declared_encoding
    for enc in filter(None, (declared, "utf-8")):
        try:
            return data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode("windows-1252", errors="replace")


def _soup(markup: str):
    from bs4 import BeautifulSoup

    try:
        return BeautifulSoup(markup, "lxml")
    except Exception:  # lxml missing or choking: the pure-Python parser still works
        return BeautifulSoup(markup, "html.parser")


def html_title(markup: str) -> str | None:
    """The page's <h1>, else its <title>."""
    soup = _soup(markup)
    for sel in ("h1", "title"):
        el = soup.select_one(sel)
        if el and el.get_text(strip=True):
            return " ".join(el.get_text(" ", strip=True).split())
    return None


def html_blocks(markup: str) -> list[RawBlock]:
    """Blocks in reading order: headings with levels, paragraphs, list items, table
    rows, and any stray text outside them (nothing printed on the page is lost)."""
    from bs4 import NavigableString, Tag

    soup = _soup(markup)
    for tag in soup(_DROP):
        tag.decompose()
    root = None
    for sel in _MAIN:
        root = soup.select_one(sel)
        if root is not None:
            break
    root = root or soup.body or soup
    out: list[RawBlock] = []
    stray: list[str] = []

    def emit(kind: BlockKind, text: str, level: int | None = None) -> None:
        text = " ".join(text.split())
        if text:
            rb = RawBlock(kind, 1, level=level)
            rb.add(text, 1)
            out.append(rb)

    def flush() -> None:
        if stray:
            emit(BlockKind.PARAGRAPH, " ".join(stray))
            stray.clear()

    # The tree is walked with an explicit stack, not by recursion: a page of a few
    # thousand unclosed <div>s (lxml nests them) would otherwise raise RecursionError.
    # Each entry is (children still to visit, whether to flush when they are done).
    stack: list[tuple[Iterator, bool]] = [(iter(root.children), False)]
    while stack:
        children, flush_after = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            if flush_after:
                flush()
            continue
        if isinstance(child, NavigableString):
            if type(child) is NavigableString and child.strip():
                stray.append(str(child))
            continue
        if not isinstance(child, Tag):
            continue
        name = child.name
        if name in _BLOCK_TAGS or name in ("p", "pre", "dt", "dd", "blockquote", "li", "tr"):
            nested = name in ("li", "blockquote", "dd") and child.find(
                ["li", "p", "tr", "ul", "ol"]
            )
            if nested:
                stack.append((iter(child.children), False))
                continue
            flush()
            if name == "tr":
                cells = [
                    " ".join(c.get_text(" ", strip=True).split())
                    for c in child.find_all(["td", "th"])
                ]
                emit(BlockKind.TABLE_ROW, " | ".join(c for c in cells if c))
            elif name in _BLOCK_TAGS:
                emit(BlockKind.HEADING, child.get_text(" ", strip=True), _BLOCK_TAGS[name])
            elif name == "li":
                emit(BlockKind.LIST_ITEM, child.get_text(" ", strip=True))
            else:
                emit(BlockKind.PARAGRAPH, child.get_text(" ", strip=True))
        elif name == "br":
            continue
        elif name in _CONTAINERS:
            flush()
            stack.append((iter(child.children), True))
        else:  # inline: its text joins the running stray paragraph
            text = child.get_text(" ", strip=True)
            if text:
                stray.append(text)
    flush()
    return out

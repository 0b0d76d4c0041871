"""parse: bytes -> :class:`~ofstedmine.types.Document`.

The only subpackage that imports pypdfium2 and pdfplumber (bs4 also appears in
``sources/`` listing readers). ``parse()`` never reads or writes a disk cache.
"""

from __future__ import annotations

import hashlib
import os
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, Any, Literal

from ofstedmine.errors import (
    ConfigError,
    DocumentTooLargeError,
    EmptyDocumentError,
    NotAPdfError,
    ParseTimeoutError,
)
from ofstedmine.types import Document, Publication

__all__ = ["PARSER_VERSION", "ParseSettings", "parse"]

#: Bumped whenever parsing output changes; caches key on it.
PARSER_VERSION = "2"

Kind = Literal["auto", "pdf", "html", "text"]


@dataclass(frozen=True, slots=True)
class ParseSettings:
    """Limits and options of :func:`parse`; every field is validated.

    >>> ParseSettings(max_pages=0)
    Traceback (most recent call last):
    ...
    ofstedmine.errors.ConfigError: ParseSettings.max_pages must be a positive int or None, got 0
    """

    layout: Literal["fast", "full"] = "fast"
    max_pages: int | None = 2000
    max_bytes: int | None = 100_000_000
    max_html_bytes: int | None = 20_000_000  # HTML trees cost ~20x their size in memory
    timeout: float | None = None  # seconds per document, checked between stages
    password: str | None = None

    def __post_init__(self) -> None:
        if self.layout not in ("fast", "full"):
            raise ConfigError(f"ParseSettings.layout must be 'fast' or 'full', got {self.layout!r}")
        for name in ("max_pages", "max_bytes", "max_html_bytes"):
            v = getattr(self, name)
            if v is not None and (not isinstance(v, int) or isinstance(v, bool) or v <= 0):
                raise ConfigError(f"ParseSettings.{name} must be a positive int or None, got {v!r}")
        if self.timeout is not None and not (
            isinstance(self.timeout, (int, float)) and self.timeout > 0
        ):
            raise ConfigError(
                f"ParseSettings.timeout must be a positive number or None, got {self.timeout!r}"
            )


def _read_source(source: Any, max_bytes: int | None) -> tuple[bytes, str | None, str | None]:
    """bytes, a display name, and a suffix/media hint from any accepted source."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        return bytes(source), None, None
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        if not path.is_file():
            raise FileNotFoundError(f"no such file: {path}")
        size = path.stat().st_size
        if max_bytes is not None and size > max_bytes:
            raise DocumentTooLargeError(
                f"{size:,} bytes is over max_bytes={max_bytes:,}; raise the limit if expected",
                source=str(path),
            )
        return path.read_bytes(), str(path), path.suffix.lower()
    if hasattr(source, "content") and hasattr(source, "path"):  # a fetched/stored record
        return _read_source(source.path, max_bytes)
    if hasattr(source, "read"):  # a file object: read it, do not close it
        data = source.read()
        if isinstance(data, str):
            data = data.encode("utf-8")
        name = getattr(source, "name", None)
        return (
            data,
            str(name) if isinstance(name, str) else None,
            Path(name).suffix.lower() if isinstance(name, str) else None,
        )
    raise TypeError(
        f"parse() takes a path, bytes or a binary file object, not {type(source).__name__}"
    )


def _sniff(data: bytes, suffix: str | None) -> str:
    if suffix == ".pdf":
        return "pdf"
    if suffix in (".html", ".htm", ".xhtml"):
        return "html"
    if suffix in (".txt", ".text", ".md"):
        return "text"
    if b"%PDF-" in data[:1024]:
        return "pdf"
    head = data[:2048].lstrip().lower()
    if (
        head.startswith((b"<!doctype html", b"<html"))
        or b"<html" in head[:1024]
        or b"<body" in head
    ):
        return "html"
    return "text"


def parse(
    source: str | os.PathLike | bytes | IO[bytes],
    *,
    kind: Kind = "auto",
    settings: ParseSettings | None = None,
    publication: Publication | None = None,
    layout: Literal["fast", "full"] | None = None,
) -> Document:
    """Parse a PDF, HTML page or plain text into a :class:`Document`.

    Parameters
    ----------
    source
        A path, bytes, or a binary file object (read, never closed here).
    kind
        ``"auto"`` decides from the file suffix and the bytes; a ``.pdf`` path whose
        bytes are not a PDF raises :class:`~ofstedmine.errors.NotAPdfError`.
    settings
        Limits (``max_pages``, ``max_bytes``, ``timeout``) and the layout mode.
    publication
        Where the document came from, kept on the Document (its URL feeds locators).
    layout
        Shortcut for ``settings.layout``: ``"full"`` uses pdfplumber (words with
        positions, tables).

    Examples
    --------
    >>> doc = parse(b"Joint targeted area inspection of Anytown\\n\\nChildren wait too long.", kind="text")
    >>> doc.kind.value, doc.n_pages
    ('jtai', 1)
    >>> doc.locate(doc.text.index("wait")).page
    1
    """
    settings = settings or ParseSettings()
    if layout is not None:
        settings = replace(settings, layout=layout)
    started = time.monotonic()
    data, name, suffix = _read_source(source, settings.max_bytes)
    if settings.max_bytes is not None and len(data) > settings.max_bytes:
        raise DocumentTooLargeError(
            f"{len(data):,} bytes is over max_bytes={settings.max_bytes:,}", source=name
        )
    if not data.strip():
        raise EmptyDocumentError("the source is empty (zero bytes of content)", source=name)
    if kind == "auto":
        kind = _sniff(data, suffix)
    elif kind not in ("pdf", "html", "text"):
        raise ConfigError(f"kind must be 'auto', 'pdf', 'html' or 'text', got {kind!r}")
    from ofstedmine.parse import layout as _layout
    from ofstedmine.parse.classify import classify_text

    warnings: list[str] = []
    if kind == "pdf":
        from ofstedmine.parse.pdf import check_pdf_magic, read_pdf_lines, read_pdf_lines_full

        check_pdf_magic(data, name)
        reader = read_pdf_lines_full if settings.layout == "full" else read_pdf_lines
        pages = reader(data, source=name, max_pages=settings.max_pages, password=settings.password)
        _check_time(started, settings, name)
        warnings += [f"page {p.number} could not be read: {p.error}" for p in pages if p.error]
        raw = _layout.blocks_from_lines(pages)
        if settings.layout == "full":
            raw += _table_blocks(pages)
        media = "application/pdf"
        sizes = {p.number: (p.width, p.height) for p in pages}
        n_pages = len(pages)
    elif kind == "html":
        from ofstedmine.parse.html import decode_html, html_blocks

        if settings.max_html_bytes is not None and len(data) > settings.max_html_bytes:
            raise DocumentTooLargeError(
                f"{len(data):,} bytes of HTML is over max_html_bytes={settings.max_html_bytes:,}; "
                "raise ParseSettings.max_html_bytes if this page is expected",
                source=name,
            )
        raw = html_blocks(decode_html(data))
        media, sizes, n_pages = "text/html", {}, 1
    else:
        from ofstedmine.parse.html import decode_html
        from ofstedmine.parse.text import text_blocks

        if b"\x00" in data[:4096]:
            raise NotAPdfError("binary data given as text; pass a PDF or HTML file", source=name)
        raw = text_blocks(decode_html(data) if data[:1] == b"<" else _decode_text(data))
        media, sizes, n_pages = "text/plain", {}, 1
    text, page_spans, blocks, sections = _layout.assemble(raw)
    page_spans = _pad_pages(page_spans, n_pages, len(text), sizes)
    _check_time(started, settings, name)
    doc_kind, framework = classify_text(text, media_type=media)
    authority = _authority_of(text, publication)
    if not text.strip():
        warnings.append("no text was found")
    return Document(
        id=hashlib.sha256(data).hexdigest(),
        text=text,
        pages=page_spans,
        blocks=blocks,
        sections=sections,
        kind=doc_kind,
        framework=framework,
        authority=authority,
        publication=publication,
        source_name=name,
        media_type=media,
        parser_version=PARSER_VERSION,
        warnings=tuple(warnings),
    )


def _decode_text(data: bytes) -> str:
    for enc in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace")


def _check_time(started: float, settings: ParseSettings, name: str | None) -> None:
    if settings.timeout is not None and time.monotonic() - started > settings.timeout:
        raise ParseTimeoutError(
            f"parsing took over {settings.timeout} s; raise ParseSettings.timeout", source=name
        )


def _pad_pages(spans, n_pages: int, length: int, sizes: dict) -> tuple:
    from ofstedmine.types import Page

    by_no = {p.number: p for p in spans}
    out = []
    for n in range(1, max(n_pages, len(spans)) + 1):
        p = by_no.get(n) or Page(n, length, length)
        w, h = sizes.get(n, (None, None))
        out.append(Page(n, p.start, p.end, w, h))
    return tuple(out)


def _table_blocks(pages) -> list:
    """Tables found by pdfplumber in full layout become table-row blocks at the end."""
    from ofstedmine.parse.layout import RawBlock
    from ofstedmine.types import BlockKind

    out = []
    for p in pages:
        for table in p.tables:
            for row in table:
                cells = [c for c in row if c]
                if cells:
                    rb = RawBlock(BlockKind.TABLE_ROW, p.number)
                    rb.add(" | ".join(cells), p.number)
                    out.append(rb)
    return out


def _authority_of(text: str, publication: Publication | None) -> str | None:
    if publication is not None and publication.authority:
        return publication.authority
    try:
        import ofstedmine.authorities as authorities
    except ImportError:  # pragma: no cover - registry always ships
        return None
    try:
        found = authorities.find_in_text(text[:1500], limit=1)
    except Exception:  # registry data problems must not stop parsing
        return None
    return found[0].id if found else None


from ofstedmine._callable import make_callable  # noqa: E402

make_callable(__name__, parse)

"""PDF bytes -> positioned lines, page by page.

The default path reads pypdfium2's text layer (the fastest reliable text in these
files) and asks pdfium for the box, size and weight of each line's first and last
character only, which is cheap. ``layout="full"`` uses pdfplumber instead: words
with positions and tables. pdfplumber is also the fallback for a page whose
pdfium text is mostly unreadable glyphs.

Everything here raises typed :mod:`ofstedmine.errors` errors, never pdfium's own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ofstedmine.errors import (
    CorruptPdfError,
    DocumentTooLargeError,
    EncryptedPdfError,
    NotAPdfError,
    NoTextLayerError,
)

__all__ = ["Line", "PdfPage", "describe_bytes", "read_pdf_lines", "read_pdf_lines_full"]

# pdfium marks a soft (end-of-line) hyphen with U+0002 or U+FFFE.
SOFT_HYPHENS = "\x02\ufffe"
_PRIVATE_OR_BAD = re.compile(r"[\ufffd\ue000-\uf8ff]")
_SPACE = re.compile(r"\s")
_BULLET_GLYPHS = {"\uf06e", "\uf0b7", "\uf0a7", "\uf0d8", "\uf0fc", "\uf076"}


@dataclass(frozen=True, slots=True)
class Line:
    """One printed line with the geometry layout decisions need (PDF points from
    the top of the page). ``top`` is the top of the first character and ``bottom``
    the bottom of the last: pdfium runs a line broken at a soft hyphen into the
    next, so the two can lie on different printed lines."""

    text: str
    page: int
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    bold: bool


@dataclass(frozen=True, slots=True)
class PdfPage:
    number: int
    width: float
    height: float
    lines: tuple[Line, ...]
    tables: tuple[tuple[tuple[str, ...], ...], ...] = ()  # full layout only
    error: str | None = None  # why a damaged page could not be read


def describe_bytes(data: bytes) -> str:
    """Say in words what some bytes look like (for error messages).

    >>> describe_bytes(b"<!DOCTYPE html><html>")
    'an HTML page'
    """
    head = data[:2048].lstrip().lower()
    if not head:
        return "empty"
    if head.startswith((b"<!doctype html", b"<html")) or b"<html" in head[:512]:
        return "an HTML page"
    if head.startswith(b"<?xml"):
        return "an XML file"
    if head.startswith((b"{", b"[")):
        return "JSON"
    if head.startswith(b"pk\x03\x04"):
        return "a ZIP archive (perhaps a .docx or .ods)"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "an old Microsoft Office file"
    if head.startswith((b"\x89png", b"\xff\xd8\xff", b"gif8")):
        return "an image"
    printable = sum(32 <= b < 127 or b in (9, 10, 13) for b in head[:512])
    if printable / max(1, len(head[:512])) > 0.95:
        return "plain text"
    return "unrecognised binary data"


def check_pdf_magic(data: bytes, source: str | None) -> None:
    """Raise :class:`NotAPdfError` unless ``%PDF-`` is in the first kilobyte."""
    if b"%PDF-" not in data[:1024]:
        what = describe_bytes(data)
        hint = (
            " (an error or 'not found' page saved with a .pdf name; fetch the file again)"
            if what == "an HTML page"
            else ""
        )
        raise NotAPdfError(f"not a PDF: the bytes look like {what}{hint}", source=source)


def _open(data: bytes, source: str | None, password: str | None):
    import pypdfium2 as pdfium

    check_pdf_magic(data, source)
    try:
        return pdfium.PdfDocument(data, password=password)
    except pdfium.PdfiumError as exc:
        msg = str(exc).lower()
        if "password" in msg or "security" in msg:
            raise EncryptedPdfError(
                "the PDF is encrypted and needs a password; pass password=... or "
                "obtain an unprotected copy",
                source=source,
            ) from None
        raise CorruptPdfError(
            f"the PDF is damaged or truncated ({exc}); download it again",
            source=source,
        ) from None


def read_pdf_lines(
    data: bytes,
    *,
    source: str | None = None,
    max_pages: int | None = None,
    password: str | None = None,
) -> list[PdfPage]:
    """Read every page's lines with pypdfium2 (the fast path).

    Pages whose pdfium text is mostly unreadable glyphs are re-read with
    pdfplumber. Raises :class:`NoTextLayerError` when no page has text.
    """
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    pdf = _open(data, source, password)
    try:
        n = len(pdf)
        if max_pages is not None and n > max_pages:
            raise DocumentTooLargeError(
                f"{n} pages is over max_pages={max_pages}; raise the limit if this "
                "document is expected",
                source=source,
            )
        if n == 0:
            raise CorruptPdfError("the PDF has no pages", source=source)
        pages: list[PdfPage] = []
        fallback: list[int] = []
        for i in range(n):
            try:
                page = pdf[i]
            except pdfium.PdfiumError as exc:  # one damaged page must not lose the rest
                pages.append(PdfPage(i + 1, 0.0, 0.0, (), error=str(exc)))
                continue
            try:
                width, height = page.get_size()
                textpage = page.get_textpage()
                try:
                    text = textpage.get_text_range()
                    lines = tuple(_lines_of(textpage, raw, text, i + 1, height))
                finally:
                    textpage.close()
            except pdfium.PdfiumError as exc:
                pages.append(PdfPage(i + 1, 0.0, 0.0, (), error=str(exc)))
                continue
            finally:
                page.close()
            if _mostly_unreadable(text):
                fallback.append(i)
            pages.append(PdfPage(i + 1, width, height, lines))
    finally:
        pdf.close()
    if fallback:
        redone = {p.number: p for p in read_pdf_lines_full(data, source=source, only=fallback)}
        pages = [redone.get(p.number, p) for p in pages]
    if all(p.error for p in pages):
        raise CorruptPdfError(
            f"none of its {len(pages)} pages could be read ({pages[0].error}); the file is "
            "damaged: download it again",
            source=source,
        )
    if not any(line.text.strip() for p in pages for line in p.lines):
        raise NoTextLayerError(
            f"no text layer on any of its {len(pages)} pages: it is a scanned image; "
            "run OCR (for example ocrmypdf) first",
            source=source,
        )
    return pages


def _mostly_unreadable(text: str) -> bool:
    """Whether over 30% of a page's visible characters are replacement or
    private-use glyphs (bullet glyphs aside): pdfium could not map its font."""
    body = len(text) - len(_SPACE.findall(text))
    if body < 40:
        return False
    bad = len(_PRIVATE_OR_BAD.findall(text)) - sum(text.count(g) for g in _BULLET_GLYPHS)
    return bad / body > 0.3


def _lines_of(textpage, raw, text: str, number: int, height: float) -> Iterator[Line]:
    # In pdfium's text the string index equals the char index, so the first and
    # last non-space character of each line give its box, size and weight.
    pos = 0
    for line in text.split("\r\n"):
        end = pos + len(line)
        a, b = pos, end - 1
        while a <= b and line[a - pos].isspace():
            a += 1
        while b >= a and line[b - pos].isspace():
            b -= 1
        if a <= b:
            left, _, _, top = textpage.get_charbox(a, loose=True)
            _, bottom, right, _ = textpage.get_charbox(b, loose=True)
            size = raw.FPDFText_GetFontSize(textpage.raw, a)
            weight = raw.FPDFText_GetFontWeight(textpage.raw, a)
            yield Line(
                text=line.rstrip(),
                page=number,
                x0=round(left, 1),
                top=round(height - top, 1),
                x1=round(right, 1),
                bottom=round(height - bottom, 1),
                size=round(size, 1),
                bold=weight >= 600 or _looks_bold(textpage, raw, a),
            )
        pos = end + 2


def _looks_bold(textpage, raw, index: int) -> bool:
    # Some fonts report weight -1; fall back to the font's name.
    import ctypes

    buf = ctypes.create_string_buffer(128)
    flags = ctypes.c_int(0)
    n = raw.FPDFText_GetFontInfo(textpage.raw, index, buf, 128, ctypes.byref(flags))
    return n > 0 and b"bold" in buf.value.lower()


def read_pdf_lines_full(
    data: bytes,
    *,
    source: str | None = None,
    max_pages: int | None = None,
    password: str | None = None,
    only: list[int] | None = None,
) -> list[PdfPage]:
    """Read pages with pdfplumber: lines from positioned words, and tables.

    ``only`` restricts to some 0-based page indexes (the fallback uses it).
    """
    import io

    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError

    check_pdf_magic(data, source)
    try:
        pdf = pdfplumber.open(io.BytesIO(data), password=password or "")
    except PDFPasswordIncorrect:
        raise EncryptedPdfError(
            "the PDF is encrypted and needs a password", source=source
        ) from None
    except (PDFSyntaxError, Exception) as exc:  # pdfminer raises a wide range
        raise CorruptPdfError(f"pdfplumber could not open the PDF ({exc})", source=source) from None
    with pdf:
        n = len(pdf.pages)
        if max_pages is not None and n > max_pages:
            raise DocumentTooLargeError(f"{n} pages is over max_pages={max_pages}", source=source)
        out = []
        for i in only if only is not None else range(n):
            page = pdf.pages[i]
            lines = []
            for tl in page.extract_text_lines(return_chars=True, keep_blank_chars=False):
                chars = tl.get("chars") or []
                font = (chars[0].get("fontname") or "") if chars else ""
                size = float(chars[0].get("size") or 0) if chars else 0.0
                lines.append(
                    Line(
                        text=tl["text"],
                        page=i + 1,
                        x0=round(tl["x0"], 1),
                        top=round(tl["top"], 1),
                        x1=round(tl["x1"], 1),
                        bottom=round(tl["bottom"], 1),
                        size=round(size, 1),
                        bold="bold" in font.lower(),
                    )
                )
            tables = tuple(
                tuple(tuple((cell or "").replace("\n", " ").strip() for cell in row) for row in t)
                for t in page.extract_tables()
            )
            out.append(PdfPage(i + 1, float(page.width), float(page.height), tuple(lines), tables))
            page.flush_cache()
    return out

"""The bad-input suite: every case ends in its own typed error, quickly, with a
message that says what is wrong and what to do. Inputs are generated here."""

from __future__ import annotations

import io
import os
import random
import time

import pytest

from ofstedmine import errors, parse
from ofstedmine.parse import ParseSettings
from tests.pdfgen import make_pdf, report_pages


def _encrypted(pdf: bytes) -> bytes:
    pypdf = pytest.importorskip("pypdf")
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    writer = pypdf.PdfWriter()
    for page in reader.pages:
        writer.add_page(page)
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


CASES = {
    "zero bytes": (b"", errors.EmptyDocumentError, "empty"),
    "random bytes": (random.Random(1).randbytes(5000), errors.NotAPdfError, "not a PDF"),
    "html saved as pdf": (
        b"<html><head><title>404</title></head><body>Not found</body></html>",
        errors.NotAPdfError,
        "HTML page",
    ),
    "truncated pdf": (make_pdf(report_pages(3))[:700], errors.CorruptPdfError, "download it again"),
    "image only": (make_pdf([[], [], []]), errors.NoTextLayerError, "OCR"),
    "pdf header only": (b"%PDF-1.7\n%%EOF\n", errors.CorruptPdfError, "damaged"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_pdf_cases(tmp_path, name):
    data, error, words = CASES[name]
    path = tmp_path / "input.pdf"
    path.write_bytes(data)
    t = time.monotonic()
    with pytest.raises(error, match=words) as info:
        parse(path)
    assert time.monotonic() - t < 5
    assert str(path) in str(info.value)


def test_encrypted_pdf():
    data = _encrypted(make_pdf(report_pages(2)))
    with pytest.raises(errors.EncryptedPdfError, match="password"):
        parse(data)
    # with the password it reads
    doc = parse(data, settings=ParseSettings(password="secret"))
    assert doc.n_pages == 2


def test_thousands_of_pages_hit_max_pages():
    data = make_pdf([[("page text", 72, 100, 12, False)]] * 2500)
    t = time.monotonic()
    with pytest.raises(errors.DocumentTooLargeError, match="max_pages=2000"):
        parse(data)
    assert time.monotonic() - t < 5
    assert parse(data, settings=ParseSettings(max_pages=3000)).n_pages == 2500


def test_huge_content_stream_is_bounded():
    # one page drawing 100,000 short text runs (a ~5 MB content stream)
    lines = [(f"w{i}", 72 + (i % 50) * 9, 60 + (i // 50) % 700, 6, False) for i in range(100_000)]
    data = make_pdf([lines])
    t = time.monotonic()
    doc = parse(data)
    assert time.monotonic() - t < 30
    assert doc.n_pages == 1 and "w99999" in doc.text
    with pytest.raises(errors.DocumentTooLargeError, match="max_bytes"):
        parse(data, settings=ParseSettings(max_bytes=1_000_000))


def test_malformed_and_mis_encoded_html():
    doc = parse(b"<html><body><p>unclosed <div><p>caf\xe9 \x81\x8d <td>stray cell", kind="html")
    assert "unclosed" in doc.text and "stray cell" in doc.text
    doc = parse("<p>gr\u00fc\u00dfe</p>".encode("utf-16"), kind="html")
    assert doc.text.strip()


def test_fifty_megabyte_html_is_refused_fast():
    big = (
        b"<html><body>" + b"<p>row of text in a very long page</p>" * 1_400_000 + b"</body></html>"
    )
    assert len(big) > 50_000_000
    t = time.monotonic()
    with pytest.raises(errors.DocumentTooLargeError, match="max_html_bytes"):
        parse(big, kind="html")
    assert time.monotonic() - t < 5


def test_timeout_is_a_setting(tmp_path):
    with pytest.raises(errors.ConfigError, match="timeout"):
        ParseSettings(timeout=-1)


def test_errors_pickle_across_processes():
    import pickle

    err = errors.NotAPdfError("not a PDF", source="x.pdf")
    back = pickle.loads(pickle.dumps(err))
    assert type(back) is errors.NotAPdfError and back.source == "x.pdf" and str(back) == str(err)


def test_file_paths_never_escape(tmp_path):
    # parse() reads what it is given and writes nothing
    before = set(os.listdir(tmp_path))
    parse(make_pdf(report_pages(1)))
    assert set(os.listdir(tmp_path)) == before


@pytest.mark.parametrize("tag", ["div", "table", "blockquote", "section"])
def test_deeply_nested_html_is_read(tag):
    # Regression: html_blocks walked the tree by recursion, so a page of a few
    # thousand unclosed <div>s (lxml nests every one) raised RecursionError.
    # Found by generated tag soup beyond tools/fuzz.py's byte mutations.
    from ofstedmine.extract import extract_all

    data = b"<html><body>" + f"<{tag}><p>level</p>".encode() * 5000 + b"</body></html>"
    t = time.monotonic()
    doc = parse(data, kind="html")
    extract_all(doc)
    assert time.monotonic() - t < 30
    assert doc.text.count("level") == 5000

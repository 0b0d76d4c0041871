"""parse() on generated PDFs, HTML and text, and its typed errors."""

from __future__ import annotations

import io

import pytest

from ofstedmine import errors, parse
from ofstedmine.parse import ParseSettings
from ofstedmine.types import BlockKind, DocumentKind, Framework
from tests.pdfgen import make_pdf, report_pages


@pytest.fixture(scope="module")
def report_pdf() -> bytes:
    return make_pdf(report_pages(3))


def test_pdf_pages_blocks_and_running_text_removed(report_pdf):
    doc = parse(report_pdf)
    assert doc.n_pages == 3
    assert [p.number for p in doc.pages] == [1, 2, 3]
    # running header and page numbers are gone
    assert "Inspection of Anytown children's services" not in doc.text
    assert "\n\n2\n\n" not in doc.text
    kinds = [b.kind for b in doc.blocks]
    assert BlockKind.HEADING in kinds and BlockKind.LIST_ITEM in kinds
    numbered = [b for b in doc.blocks if b.kind is BlockKind.NUMBERED]
    assert [b.number for b in numbered] == ["1", "2", "3", "4", "5", "6"]
    assert all(doc.locate(b.start).page == b.page for b in doc.blocks)


def test_wrapped_lines_and_list_items_are_joined(report_pdf):
    doc = parse(report_pdf)
    items = [doc.block_text(b) for b in doc.blocks if b.kind is BlockKind.LIST_ITEM]
    assert items == [
        "the timeliness of assessments for children who are disabled",
        "the quality of plans for care leavers",
    ]
    assert "who know them and who visit" in doc.text  # a wrap became one space


def test_locate_maps_offsets_to_pages_and_sections(report_pdf):
    doc = parse(report_pdf)
    off = doc.text.index("4. Paragraph 4")
    loc = doc.locate(off, off + 10)
    assert loc.page == 3
    assert loc.section[-1] == "What needs to improve"
    assert doc.locate(doc.text.index("the quality of plans")).page == 1


def test_classify_from_text(report_pdf):
    doc = parse(report_pdf)
    assert doc.kind is DocumentKind.FULL_INSPECTION
    assert doc.framework is Framework.ILACS_2018


def test_accepts_path_bytes_and_file_object(tmp_path, report_pdf):
    path = tmp_path / "r.pdf"
    path.write_bytes(report_pdf)
    fh = io.BytesIO(report_pdf)
    a, b, c = parse(path), parse(report_pdf), parse(fh)
    assert a.id == b.id == c.id
    assert a.text == b.text == c.text
    assert not fh.closed  # parse() closes only what it opened


def test_full_layout_uses_pdfplumber(report_pdf):
    doc = parse(report_pdf, layout="full")
    assert doc.n_pages == 3
    assert "social workers see children" in doc.text


def test_html_page(tmp_path):
    html = (
        b"<html><head><title>t</title><script>alert(1)</script></head><body><nav>menu</nav>"
        b"<main><h1>Direction issued to Anytown Council: May 2021</h1>"
        b"<p>The Secretary of State for Education directs the council.</p>"
        b"<ul><li>appoint a commissioner</li><li>report <b>monthly</b></li></ul></main></body></html>"
    )
    path = tmp_path / "notice.html"
    path.write_bytes(html)
    doc = parse(path)
    assert doc.media_type == "text/html"
    assert "alert" not in doc.text and "menu" not in doc.text
    assert [b.kind for b in doc.blocks] == [
        BlockKind.HEADING,
        BlockKind.PARAGRAPH,
        BlockKind.LIST_ITEM,
        BlockKind.LIST_ITEM,
    ]
    assert doc.block_text(doc.blocks[-1]) == "report monthly"
    assert doc.kind is DocumentKind.DFE_DIRECTION


def test_mis_encoded_html_does_not_fail():
    doc = parse(b"<html><body><p>caf\xe9 \xff\xfe broken <b>tags</p></body>", kind="html")
    assert "broken" in doc.text


def test_plain_text_news():
    doc = parse(
        b"Ofsted said the council was too slow.\nA second paragraph follows here.", kind="text"
    )
    assert doc.kind is DocumentKind.NEWS
    assert len(doc.blocks) == 2


@pytest.mark.parametrize(
    ("data", "error", "words"),
    [
        (b"", errors.EmptyDocumentError, "empty"),
        (b"   \n", errors.EmptyDocumentError, "empty"),
        (b"<!DOCTYPE html><html><body>Report not found</body></html>", errors.NotAPdfError, "HTML"),
        (bytes(range(256)) * 10, errors.NotAPdfError, "binary"),
    ],
)
def test_bad_pdf_inputs_raise_typed_errors(tmp_path, data, error, words):
    path = tmp_path / "bad.pdf"
    path.write_bytes(data)
    with pytest.raises(error, match=words) as info:
        parse(path)
    assert str(path) in str(info.value)  # names the file


def test_truncated_pdf(report_pdf):
    with pytest.raises(errors.DocumentError):
        parse(report_pdf[: len(report_pdf) // 3], kind="pdf")


def test_image_only_pdf_has_no_text_layer():
    blank = make_pdf([[], []])
    with pytest.raises(errors.NoTextLayerError, match="OCR"):
        parse(blank)


def test_limits_are_settings(report_pdf):
    with pytest.raises(errors.DocumentTooLargeError, match="max_pages"):
        parse(report_pdf, settings=ParseSettings(max_pages=2))
    with pytest.raises(errors.DocumentTooLargeError, match="max_bytes"):
        parse(report_pdf, settings=ParseSettings(max_bytes=100))
    with pytest.raises(errors.ConfigError, match="max_pages"):
        ParseSettings(max_pages=-1)


def test_unsupported_source_type():
    with pytest.raises(TypeError, match="path, bytes"):
        parse(12345)  # type: ignore[arg-type]

"""Improvement lists: unit tests on invented documents, and corpus tests against
facts (counts and hashes of normalised item text, never the text) kept in
``data/recommendations_expected.json`` (made by ``make_recommendation_expectations.py``)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from ofstedmine import parse
from ofstedmine.extract.recommendations import extract_recommendations, list_kind_of
from ofstedmine.types import (
    Block,
    BlockKind,
    Document,
    DocumentKind,
    Framework,
    Page,
    Recommendation,
    RecommendationList,
)

_spec = importlib.util.spec_from_file_location(
    "make_recommendation_expectations",
    Path(__file__).with_name("make_recommendation_expectations.py"),
)
_maker = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_maker)
HAND_CHECKED, item_hash = _maker.HAND_CHECKED, _maker.item_hash

L = RecommendationList
EXPECTED_PATH = Path(__file__).parent / "data" / "recommendations_expected.json"
BULLET = "\u25fc "
FILLER = (
    "This paragraph is invented for the test and runs on for a while, so that it reads "
    "as the body of a report rather than as a heading or a label."
)

# The heading of a focused-visit letter's list (a label, used by several tests).
LETTER_HEADING = "What needs to improve in this area of social work practice"


def text_doc(*paras: str) -> Document:
    return parse("\n\n".join(paras).encode("utf-8"), kind="text")


def make_doc(spec, *, kind: DocumentKind = DocumentKind.OTHER) -> Document:
    """A Document from ``(kind, text, page[, level])`` rows, laid out like ``parse()``."""
    text, blocks, firsts = "", [], {}
    for row in spec:
        bk, t, page = row[0], row[1], row[2]
        level = row[3] if len(row) > 3 else (1 if bk == "heading" else None)
        if text:
            text += "\n\n"
        start = len(text)
        text += t
        number = t.split(".")[0] if bk == "numbered" else None
        blocks.append(Block(BlockKind(bk), start, len(text), page, number, level))
        firsts.setdefault(page, start)
    numbers = sorted(firsts)
    pages = tuple(
        Page(n, firsts[n], firsts[numbers[i + 1]] if i + 1 < len(numbers) else len(text))
        for i, n in enumerate(numbers)
    )
    return Document(id="0" * 64, text=text, pages=pages, blocks=tuple(blocks), kind=kind)


def located(doc: Document, rec: Recommendation) -> str:
    return " ".join(doc.text[rec.locator.start : rec.locator.end].split())


# ------------------------------------------------------------------- headings


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("What needs to improve", L.WHAT_NEEDS_TO_IMPROVE),
        ("What needs to improve?", L.WHAT_NEEDS_TO_IMPROVE),
        ("What needs to improve?1", L.WHAT_NEEDS_TO_IMPROVE),
        ("What needs to improve:", L.WHAT_NEEDS_TO_IMPROVE),
        ("What Needs to Improve", L.WHAT_NEEDS_TO_IMPROVE),
        (LETTER_HEADING + "?", L.WHAT_NEEDS_TO_IMPROVE),
        ("Areas for priority action", L.PRIORITY_ACTIONS),
        ("Area for priority action", L.PRIORITY_ACTIONS),
        ("Priority and immediate action", L.PRIORITY_ACTIONS),
        ("Priority actions", L.PRIORITY_ACTIONS),
        ("Areas for improvement:", L.AREAS_FOR_IMPROVEMENT),
        ("Areas for Improvement", L.AREAS_FOR_IMPROVEMENT),
        ("What does the local authority need to improve?", L.AREAS_FOR_IMPROVEMENT),
        ("Recommendations", L.RECOMMENDATIONS),
        ("Recommendations:", L.RECOMMENDATIONS),
        ("Recommendations 8", None),  # a contents line
        ("Areas for improvement 38", None),
        ("Practice study: area for improvement", None),
        ("What needs to improve is the quality of every plan written this year.", None),
    ],
)
def test_list_kind_of(heading, kind):
    assert list_kind_of(heading) == kind


# ---------------------------------------------------------------------- ILACS


def test_ilacs_bullets_word_for_word_with_locators():
    doc = text_doc(
        FILLER,
        "What needs to improve?",
        f"{BULLET}The timeliness of invented assessments for children.",
        f"{BULLET}Oversight of made-up plans by managers (outcome 3, national framework)",
        "The experiences and progress of children who need help and protection: good",
        "1. Children are seen promptly in this invented borough.",
    )
    recs = extract_recommendations(doc)
    assert [(r.index, r.list, r.heading) for r in recs] == [
        (1, L.WHAT_NEEDS_TO_IMPROVE, "What needs to improve?"),
        (2, L.WHAT_NEEDS_TO_IMPROVE, "What needs to improve?"),
    ]
    assert recs[0].text == "The timeliness of invented assessments for children."
    assert recs[1].text.endswith("(outcome 3, national framework)")
    for r in recs:
        assert located(doc, r) == r.text
        assert r.locator.document_id == doc.id and r.locator.page == 1
        assert isinstance(r.themes, tuple) and all(isinstance(t, str) for t in r.themes)
        assert Recommendation.from_dict(json.loads(json.dumps(r.to_dict()))) == r


def test_footnote_marks_and_a_reference_set_apart():
    doc = make_doc(
        [
            ("paragraph", FILLER, 1),
            ("heading", "What needs to improve?1", 2, 2),
            ("paragraph", "1", 2),
            ("list_item", "The recognition of invented carers.", 2),
            ("heading", "(Outcome 4, National Framework)", 2, 3),
            ("list_item", "Supervision of staff in the made-up team.", 2),
            ("heading", "The experiences and progress of children in care: good", 2, 2),
            ("numbered", "1. Children live in stable homes.", 2),
            ("paragraph", "1 The areas for improvement have been cross-referenced.", 2),
        ]
    )
    recs = extract_recommendations(doc)
    assert recs[0].heading == "What needs to improve?"
    assert [r.text for r in recs] == [
        "The recognition of invented carers. (Outcome 4, National Framework)",
        "Supervision of staff in the made-up team.",
    ]


def test_dash_sub_items_belong_to_their_item():
    doc = text_doc(
        "What needs to improve",
        f"{BULLET}The response to invented children:",
        "\u2212 who live with made-up risks, and",
        "\u2212 in invented arrangements.",
        f"{BULLET}Caseloads in the made-up team.",
        "Findings",
        FILLER,
    )
    recs = extract_recommendations(doc)
    assert [r.text for r in recs] == [
        "The response to invented children: \u2013 who live with made-up risks, and "
        "\u2013 in invented arrangements.",
        "Caseloads in the made-up team.",
    ]
    assert recs[0].locator.end > doc.text.index("invented arrangements")


def test_no_list_items_no_recommendations():
    doc = text_doc(
        "What needs to improve?",
        "Leaders already know the few invented weak spots well, and they are acting on "
        "them without delay.",
        "The experiences and progress of children who need help and protection: outstanding",
        FILLER,
    )
    assert extract_recommendations(doc) == []


def test_item_continues_over_a_page_break():
    doc = make_doc(
        [
            ("heading", LETTER_HEADING, 1),
            ("list_item", "The first invented area ends here.", 1),
            ("list_item", "The second invented area has two sentences. The first ends here.", 1),
            ("paragraph", "The second sentence of the same item is on the next page.", 2),
            ("list_item", "The third invented area.", 2),
            ("heading", "Findings", 2),
            ("list_item", "A finding, not an improvement.", 2),
        ],
        kind=DocumentKind.FOCUSED_VISIT,
    )
    recs = extract_recommendations(doc)
    assert [r.index for r in recs] == [1, 2, 3]
    assert recs[1].text.endswith("on the next page.")
    assert (recs[1].locator.page, recs[2].locator.page) == (1, 2)


def test_letterhead_on_a_letters_first_page_is_skipped():
    doc = make_doc(
        [
            ("heading", LETTER_HEADING + "?", 1),
            ("list_item", "Checks on invented carers", 1),
            ("paragraph", "Ofsted Piccadilly Gate Store Street Manchester M1 2WD", 1),
            ("heading", "T 0300 123 1231 Textphone 0161 618 8524", 1),
            ("paragraph", "enquiries@ofsted.gov.uk www.gov.uk/ofsted", 1),
            ("list_item", "Made-up data that are out of date.", 2),
            ("heading", "Main findings", 2),
        ],
        kind=DocumentKind.FOCUSED_VISIT,
    )
    assert [r.text for r in extract_recommendations(doc)] == [
        "Checks on invented carers",
        "Made-up data that are out of date.",
    ]


def test_focused_visit_priority_actions_after_a_lead_in():
    doc = text_doc(
        "Area for priority action",
        "The council must act quickly on these invented points:",
        f"{BULLET}quicker invented court work",
        f"{BULLET}plans for made-up children that move faster.",
        LETTER_HEADING,
        f"{BULLET}The quality of invented assessments.",
        "Findings",
        FILLER,
    )
    recs = extract_recommendations(doc)
    assert [(r.list, r.index) for r in recs] == [
        (L.PRIORITY_ACTIONS, 1),
        (L.PRIORITY_ACTIONS, 2),
        (L.WHAT_NEEDS_TO_IMPROVE, 1),
    ]
    assert recs[0].text == "quicker invented court work"


# ------------------------------------------------------------------------ SIF


def test_sif_sub_groups_numbers_labels_and_no_priority_actions():
    doc = text_doc(
        "What does the local authority need to improve?",
        "Priority and immediate action",
        "There are no priority actions.",
        "Areas for improvement",
        "Quality of practice",
        "14. Ensure that invented plans are specific.",
        "15. Improve the made-up return interviews (paragraph 40).",
        "Leadership and governance",
        "16. Strengthen the invented board.",
        "The local authority\u2019s strengths",
        "17. The local authority has many invented strengths.",
    )
    recs = extract_recommendations(doc)
    assert [(r.index, r.list, r.heading) for r in recs] == [
        (14, L.AREAS_FOR_IMPROVEMENT, "Areas for improvement"),
        (15, L.AREAS_FOR_IMPROVEMENT, "Areas for improvement"),
        (16, L.AREAS_FOR_IMPROVEMENT, "Areas for improvement"),
    ]
    assert recs[0].text == "Ensure that invented plans are specific."
    assert located(doc, recs[1]) == recs[1].text


def test_recommendations_parent_gives_items_to_its_sub_group():
    doc = text_doc(
        "Recommendations",
        "Priority and immediate action",
        "105. Review the invented threshold document.",
        "106. Clarify the made-up governance.",
        "Inspection findings \u2013 the Local Safeguarding Children Board",
        "107. The board is invented.",
    )
    recs = extract_recommendations(doc)
    assert [(r.index, r.list, r.heading) for r in recs] == [
        (105, L.PRIORITY_ACTIONS, "Priority and immediate action"),
        (106, L.PRIORITY_ACTIONS, "Priority and immediate action"),
    ]


def test_numbered_item_with_bullet_sub_items():
    doc = text_doc(
        "Recommendations",
        "7. Improve the quality of invented assessments by:",
        f"{BULLET}ensuring that fathers are seen (paragraph 20)",
        f"{BULLET}ensuring that made-up risks are written down (paragraph 21).",
        "8. Ensure that invented meetings start on time.",
        "Summary for children and young people",
        f"{BULLET}Children in the invented borough are listened to.",
    )
    recs = extract_recommendations(doc)
    assert [r.index for r in recs] == [7, 8]
    assert recs[0].text == (
        "Improve the quality of invented assessments by: \u2013 ensuring that fathers are seen "
        "(paragraph 20) \u2013 ensuring that made-up risks are written down (paragraph 21)."
    )


def test_numbered_item_without_a_space_after_its_number():
    doc = text_doc(
        "Recommendations",
        "9. Ensure that invented files are kept tidy.",
        "10.Ensure that invented children understand their rights.",
        "Summary for children and young people",
    )
    assert [(r.index, r.text[:6]) for r in extract_recommendations(doc)] == [
        (9, "Ensure"),
        (10, "Ensure"),
    ]


def test_pre_sif_time_groups():
    doc = make_doc(
        [
            ("heading", "Areas for improvement", 1, 3),
            ("numbered", "15. In order to improve invented services, the council should:", 1),
            ("heading", "Immediately:", 1, 4),
            ("list_item", "ensure every invented councillor attends training", 1),
            ("heading", "Within three months:", 1, 4),
            ("list_item", "write down made-up goals for each child", 1),
            ("heading", "Outcomes for looked after children", 2, 2),
        ]
    )
    recs = extract_recommendations(doc)
    assert [(r.index, r.text) for r in recs] == [
        (1, "ensure every invented councillor attends training"),
        (2, "write down made-up goals for each child"),
    ]


def test_a_heading_written_after_its_items_in_the_pdf_text():
    # The PDF draws the heading at the top of page 2 but its text comes last.
    doc = make_doc(
        [
            ("heading", "Executive summary", 1, 3),
            ("paragraph", FILLER, 1),
            ("numbered", "23. Publish the invented figures.", 2),
            ("numbered", "24. Run made-up audits.", 2),
            ("heading", "Inspection findings \u2013 the Local Safeguarding Children Board", 2, 3),
            ("numbered", "25. The invented board meets monthly.", 2),
            ("heading", "Recommendations", 2, 4),
            ("numbered", "26. The invented board has a chair.", 3),
        ]
    )
    recs = extract_recommendations(doc)
    assert [(r.index, r.list) for r in recs] == [(23, L.RECOMMENDATIONS), (24, L.RECOMMENDATIONS)]


def test_contents_lines_are_not_lists_and_span_limits():
    doc = text_doc(
        "Contents",
        "Recommendations 8",
        "Summary for children and young people 9",
        FILLER,
        "Recommendations",
        "1. Improve the first invented report.",
        "Summary for children and young people",
        FILLER,
        "Recommendations",
        "1. Improve the second invented report.",
    )
    assert [r.text for r in extract_recommendations(doc)] == [
        "Improve the first invented report.",
        "Improve the second invented report.",
    ]
    second = doc.text.rindex("Recommendations")
    only = extract_recommendations(doc, span=(second, len(doc.text)))
    assert [r.text for r in only] == ["Improve the second invented report."]
    first = extract_recommendations(doc, span=(0, second))
    assert [r.text for r in first] == ["Improve the first invented report."]


# ----------------------------------------------------------------------- JTAI


def test_jtai_sub_headings_are_not_items_and_case_study_ends_the_list():
    doc = make_doc(
        [
            ("heading", "Areas for improvement", 1, 1),
            ("heading", "Invented theme one", 1, 2),
            ("list_item", "No invented nurse works in the made-up hub.", 1),
            ("list_item", "Made-up agencies refer late.", 1),
            ("heading", "Invented theme two", 2, 2),
            ("list_item", "Partners do not share invented data.", 2),
            ("heading", "Case study: area(s) for improvement", 2, 2),
            ("paragraph", FILLER, 2),
            ("heading", "Next steps", 3, 1),
        ],
        kind=DocumentKind.JTAI,
    )
    recs = extract_recommendations(doc)
    assert [(r.index, r.list) for r in recs] == [(i, L.AREAS_FOR_IMPROVEMENT) for i in (1, 2, 3)]
    assert recs[0].text.startswith("No invented nurse")
    # the kind argument (from the metadata) is what decides the JTAI rule
    other = make_doc([(b.kind.value, doc.block_text(b), b.page, b.level) for b in doc.blocks])
    assert len(extract_recommendations(other)) == 0  # its first sub-heading ends the list
    assert len(extract_recommendations(other, kind=DocumentKind.JTAI)) == 3


def test_jtai_no_priority_action_line_is_not_an_item():
    doc = make_doc(
        [
            ("heading", "Areas for priority action", 1, 2),
            ("list_item", "There are no areas for priority action", 1),
            ("heading", "Areas for improvement", 1, 2),
            ("list_item", "There is no invented service for older children in the area.", 1),
            ("heading", "Practice study: area for improvement", 2, 2),
        ],
        kind=DocumentKind.JTAI,
    )
    recs = extract_recommendations(doc)
    assert [(r.list, r.index) for r in recs] == [(L.AREAS_FOR_IMPROVEMENT, 1)]


def test_framework_is_not_needed_and_empty_documents_are_fine():
    doc = text_doc(FILLER)
    assert doc.framework is Framework.NONE
    assert extract_recommendations(doc) == []


# --------------------------------------------------------------------- corpus

#: A representative slice, run by default: ILACS of every era, SIF (with the LSCB's
#: own list, sub-groups, sub-items, a heading out of text order), JTAI with and
#: without sub-headings, focused visits with priority actions and a letterhead.
SLICE = (
    "inspections/80449_bradford/2018-10-29.pdf",
    "inspections/80449_bradford/2023-01-31.pdf",
    "inspections/80449_bradford/2026-05-21.pdf",
    "inspections/80454_cornwall/2019-11-05.pdf",
    "inspections/80467_east-sussex/2024-02-06.pdf",
    "inspections/80521_manchester/2022-05-19.pdf",
    "inspections/80430_blackburn-with-darwen/2025-04-23.pdf",
    "inspections/80418_norfolk/2026-05-18.pdf",
    "inspections/80451_wakefield/2018-07-17.pdf",
    "inspections/80462_doncaster/2022-04-08.pdf",
    "inspections/80449_bradford/2014-05-23.pdf",
    "inspections/80419_isle-of-wight/2014-11-19.pdf",
    "inspections/80418_norfolk/2015-10-20.pdf",
    "inspections/80542_rochdale/2014-12-05.pdf",
    "inspections/80512_redbridge/2016-11-25.pdf",
    "inspections/80582_wokingham/2016-01-05.pdf",
    "jtai/80449_bradford/2017-04-21.pdf",
    "jtai/80488_bexley/2020-03-06.pdf",
    "jtai/80436_bracknell-forest/2019-03-08.pdf",
    "jtai/80426_barnsley/2022-07-18.pdf",
    "focused-visits/80449_bradford/2021-02-12.pdf",
    "focused-visits/80464_dudley/2020-11-27.pdf",
    "focused-visits/80573_trafford/2018-08-02.pdf",
    "focused-visits/80460_derbyshire/2022-10-26.pdf",
    "focused-visits/80534_nottinghamshire/2018-02-22.pdf",
)


def expected() -> dict[str, dict]:
    return json.loads(EXPECTED_PATH.read_text(encoding="utf-8"))


def check_file(corpus: Path, rel: str, facts: dict) -> None:
    doc = parse(corpus / rel)
    recs = extract_recommendations(doc)
    got = [item_hash(r.text) for r in recs]
    assert len(recs) == facts["count"], f"{rel}: {len(recs)} items, expected {facts['count']}"
    for i, (a, b) in enumerate(zip(got, facts["hashes"], strict=True), start=1):
        assert a == b, f"{rel}: item {i} ({recs[i - 1].list.value} {recs[i - 1].index}) differs"
    for r in recs:
        assert r.text and r.text == " ".join(r.text.split())
        assert 0 <= r.locator.start < r.locator.end <= len(doc.text)
        assert r.locator.document_id == doc.id


def test_expectations_are_facts_only():
    data = expected()
    assert all(set(v) == {"count", "hashes"} for v in data.values())
    assert all(len(v["hashes"]) == v["count"] for v in data.values())
    assert all(len(h) == 64 and int(h, 16) >= 0 for v in data.values() for h in v["hashes"])
    for kind, paths in HAND_CHECKED.items():
        assert all(p in data for p in paths), kind
    assert len(HAND_CHECKED["sif"]) >= 8 and len(HAND_CHECKED["jtai"]) == 9
    assert len(HAND_CHECKED["focused_visit"]) >= 10
    assert set(SLICE) <= set(data)


@pytest.mark.corpus
@pytest.mark.parametrize("rel", SLICE)
def test_corpus_slice(corpus_dir, rel):
    check_file(corpus_dir, rel, expected()[rel])


@pytest.mark.slow
@pytest.mark.corpus
def test_whole_corpus(corpus_dir):
    data = expected()
    assert data, "the expectations file must list documents"
    for rel, facts in data.items():
        check_file(corpus_dir, rel, facts)
    # every ILACS inspection with a "What needs to improve" list is covered
    pdfs = sorted((corpus_dir / "inspections").glob("*/*.pdf"))
    assert pdfs, "no inspection reports in the corpus"
    for pdf in pdfs:
        rel = pdf.relative_to(corpus_dir).as_posix()
        if rel in data:
            continue
        try:
            doc = parse(pdf)
        except Exception:  # the HTML "report not found" pages saved as .pdf
            continue
        if doc.framework.value.startswith("ilacs"):
            recs = extract_recommendations(doc)
            assert not any(r.list is L.WHAT_NEEDS_TO_IMPROVE for r in recs), rel

"""Older JTAI and focused-visit letters: improvement lists written as long findings
under sub-headings or as paragraphs, and visit and letter dates in every printed
form. Unit tests on invented letters; corpus tests on facts only (counts, dates,
pages, and a digest of the hashes of the normalised item texts)."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import importlib.util
from pathlib import Path

import pytest

from ofstedmine import parse
from ofstedmine.extract import extract
from ofstedmine.extract.metadata import extract_metadata, parse_periods
from ofstedmine.extract.recommendations import extract_recommendations, list_kind_of
from ofstedmine.types import Block, BlockKind, Document, DocumentKind, Metadata, Page
from ofstedmine.types import RecommendationList as L

_spec = importlib.util.spec_from_file_location(
    "make_recommendation_expectations",
    Path(__file__).with_name("make_recommendation_expectations.py"),
)
_maker = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_maker)
item_hash = _maker.item_hash

D = dt.date
BULLET = "\u25fc "
JTAI_TITLE = "Joint targeted area inspection of the multi-agency response to neglect in Anytown"
FV_TITLE = "Focused visit to Anytown children\u2019s services"
FV_LIST = "What needs to improve in this area of social work practice"
STUDY = (
    "Invented study text about one made-up family runs on here, long enough to read as a "
    "paragraph of prose inside the letter's box."
)


def text_doc(*paras: str) -> Document:
    return parse("\n\n".join(paras).encode("utf-8"), kind="text")


def meta_of(doc: Document) -> tuple[Metadata, list[str]]:
    warnings: list[str] = []
    return extract_metadata(doc, span=(0, len(doc.text)), warnings=warnings), warnings


def jtai_letter(date_line: str, dates_sentence: str, *body: str) -> Document:
    return text_doc(date_line, JTAI_TITLE, dates_sentence, *body)


def fv_letter(date_line: str, visit: str, *body: str) -> Document:
    return text_doc(
        date_line,
        FV_TITLE,
        "This letter summarises the findings of the focused visit to Anytown children\u2019s "
        f"services {visit}. The inspectors were Alex Sample and Bo Tester.",
        *body,
    )


def make_doc(spec, *, kind: DocumentKind) -> Document:
    """A Document from ``(kind, text, page[, level])`` rows, laid out like ``parse()``."""
    text, blocks, firsts = "", [], {}
    for row in spec:
        bk, t, page = row[0], row[1], row[2]
        level = row[3] if len(row) > 3 else (1 if bk == "heading" else None)
        if text:
            text += "\n\n"
        start = len(text)
        text += t
        blocks.append(Block(BlockKind(bk), start, len(text), page, None, level))
        firsts.setdefault(page, start)
    numbers = sorted(firsts)
    pages = tuple(
        Page(n, firsts[n], firsts[numbers[i + 1]] if i + 1 < len(numbers) else len(text))
        for i, n in enumerate(numbers)
    )
    return Document(id="0" * 64, text=text, pages=pages, blocks=tuple(blocks), kind=kind)


def located(doc: Document, start: int, end: int) -> str:
    return " ".join(doc.text[start:end].split())


# ------------------------------------------------------------- JTAI visit dates


@pytest.mark.parametrize(
    ("date_line", "sentence", "period"),
    [
        (
            "12 February 2019",
            "The inspection took place between 3 and 7 December 2018.",
            (D(2018, 12, 3), D(2018, 12, 7)),
        ),
        # no year: the letter's, or the year before when the visit would follow it
        (
            "15 March 2019",
            "This inspection took place from 28 January to 1 February.",
            (D(2019, 1, 28), D(2019, 2, 1)),
        ),
        (
            "20 January 2020",
            "This inspection took place from 16 to 20 December.",
            (D(2019, 12, 16), D(2019, 12, 20)),
        ),
        (
            "14 February 2021",
            "This inspection took place from 28 December to 1 January.",
            (D(2020, 12, 28), D(2021, 1, 1)),
        ),
        (
            "29 June 2016",
            "Between 16 May and 20 May, four inspectorates looked at the invented services.",
            (D(2016, 5, 16), D(2016, 5, 20)),
        ),
        # a year after each end; a range across months and years
        (
            "30 November 2018",
            "Between 8 October 2018 and 12 October 2018, four inspectorates looked at "
            "the invented services, with 20 made-up cases.",
            (D(2018, 10, 8), D(2018, 10, 12)),
        ),
        (
            "18 August 2022",
            "This inspection took place from 27 June 2022 to 1 July 2022.",
            (D(2022, 6, 27), D(2022, 7, 1)),
        ),
        (
            "14 February 2020",
            "This inspection took place from 30 December 2019 to 3 January 2020.",
            (D(2019, 12, 30), D(2020, 1, 3)),
        ),
        # the week of the visit, Monday to Friday
        (
            "27 April 2018",
            "The inspection was carried out in the week commencing 12 March 2018.",
            (D(2018, 3, 12), D(2018, 3, 16)),
        ),
        (
            "27 April 2018",
            "The inspection took place w/c 12 March 2018 across the made-up area.",
            (D(2018, 3, 12), D(2018, 3, 16)),
        ),
        # ordinal days
        (
            "1 February 2019",
            "The inspection took place between the 3rd and the 7th of December 2018.",
            (D(2018, 12, 3), D(2018, 12, 7)),
        ),
        (
            "1 February 2019",
            "This inspection took place from 3rd\u20137th December 2018.",
            (D(2018, 12, 3), D(2018, 12, 7)),
        ),
    ],
)
def test_jtai_visit_date_forms(date_line, sentence, period):
    m, w = meta_of(jtai_letter(date_line, sentence))
    assert m.kind is DocumentKind.JTAI
    assert (m.inspection_start, m.inspection_end) == period
    assert not any("no inspection or visit dates" in x for x in w)


def test_jtai_dates_are_not_read_from_the_findings():
    filler = "An invented finding about made-up plans runs on here for a while. " * 70
    doc = jtai_letter(
        "2 March 2019",
        "This letter is about invented work.",
        filler,
        "The invented strategy meeting took place on 3 May 2018.",
    )
    m, w = meta_of(doc)
    assert m.inspection_start is None
    assert any("no inspection or visit dates" in x for x in w)


def test_parse_periods_week_and_year_forms():
    assert parse_periods("week commencing Monday 12th March 2018") == [
        (D(2018, 3, 12), D(2018, 3, 16))
    ]
    assert parse_periods("w/b 5 November 2018") == [(D(2018, 11, 5), D(2018, 11, 9))]
    assert parse_periods("16 May to 20 May") == []
    assert parse_periods("16 May to 20 May", year=2016) == [(D(2016, 5, 16), D(2016, 5, 20))]
    assert parse_periods("the 3rd of December to the 7th of December 2018") == [
        (D(2018, 12, 3), D(2018, 12, 7))
    ]


# ------------------------------------------------------ focused-visit dates


@pytest.mark.parametrize(
    ("date_line", "visit", "period"),
    [
        ("22 February 2018", "on 30 and 31 January", (D(2018, 1, 30), D(2018, 1, 31))),
        ("10 January 2019", "on 11 and 12 December", (D(2018, 12, 11), D(2018, 12, 12))),
        ("26 October 2018", "on 3rd and 4th October 2018", (D(2018, 10, 3), D(2018, 10, 4))),
        ("26 October 2018", "on the 3rd of October 2018", (D(2018, 10, 3), D(2018, 10, 3))),
        (
            "23 November 2018",
            "in the week beginning 22 October 2018",
            (D(2018, 10, 22), D(2018, 10, 26)),
        ),
        (
            "13 November 2020",
            "on 29 and 30 September, and 1 October 2020",
            (D(2020, 9, 29), D(2020, 10, 1)),
        ),
        ("31 August 2019", "on 31 July to 1 August 2019", (D(2019, 7, 31), D(2019, 8, 1))),
    ],
)
def test_focused_visit_date_forms(date_line, visit, period):
    m, _ = meta_of(fv_letter(date_line, visit))
    assert m.kind is DocumentKind.FOCUSED_VISIT
    assert (m.inspection_start, m.inspection_end) == period


def test_focused_visit_range_printed_over_a_year():
    m, w = meta_of(fv_letter("28 November 2023", "on 24 October 2022 to 25 October 2023"))
    assert (m.inspection_start, m.inspection_end) == (D(2023, 10, 24), D(2023, 10, 25))
    assert any("printed as 2022-10-24" in x for x in w)


def test_a_genuine_two_period_visit_is_not_changed():
    m, w = meta_of(fv_letter("6 March 2020", "on 12 December 2019 and 13 February 2020"))
    assert m.fieldwork == ((D(2019, 12, 12), D(2019, 12, 12)), (D(2020, 2, 13), D(2020, 2, 13)))
    assert not any("printed as" in x for x in w)


# ------------------------------------------------------------- letter dates


@pytest.mark.parametrize(
    "date_line",
    [
        "3 July 2018",
        "3rd July 2018",
        "Tuesday 3 July 2018",
        "Tuesday, 3rd July 2018",
        "Date: 3 July 2018",
        "Dated 3 July 2018",
        "July 3, 2018",
        "3 July, 2018",
        "03/07/2018",
        "the 3rd of July 2018",
    ],
)
def test_letter_date_forms(date_line):
    m, w = meta_of(fv_letter(date_line, "on 12 and 13 June 2018"))
    assert m.letter_date == D(2018, 7, 3)
    assert not any("letter date" in x for x in w)


def test_letter_date_with_a_mistyped_year():
    m, w = meta_of(fv_letter("6 November 20205", "on 7 and 8 October 2025"))
    assert m.letter_date == D(2025, 11, 6)
    assert any("20205" in x for x in w)
    # without the visit's dates the slip cannot be read
    doc = text_doc("6 November 20205", FV_TITLE, "An invented letter without its visit's dates.")
    m, w = meta_of(doc)
    assert m.letter_date is None
    assert any("no letter date" in x for x in w)


# ------------------------------------------------------------ JTAI lists


def test_jtai_sub_headings_at_the_list_headings_level():
    first = "Made-up plans are too long. Invented families do not read them, so they do little."
    second = "This is fair to say of other invented areas as well, and leaders know it."
    doc = jtai_letter(
        "2 March 2019",
        "This inspection took place from 4 to 8 February 2019.",
        "Areas for improvement",
        "Invented children\u2019s services",
        BULLET + first,
        second,  # the bullet's second paragraph
        BULLET + "Invented managers do not check plans. Supervision is rarely written up.",
        "Invented health services",
        BULLET + "The invented hospital does not share notes. This delays invented meetings.",
        "Case study: area for improvement",
        STUDY,
        "Key strengths",
        BULLET + "Invented partners meet every week and know their made-up families well.",
        "Next steps",
        "The invented partnership should write a statement of action.",
    )
    assert doc.kind is DocumentKind.JTAI
    assert all(b.level == doc.blocks[3].level for b in doc.blocks if b.kind is BlockKind.HEADING)
    recs = extract_recommendations(doc)
    assert [(r.list, r.index) for r in recs] == [(L.AREAS_FOR_IMPROVEMENT, i) for i in (1, 2, 3)]
    assert recs[0].text == first + " " + second
    assert located(doc, recs[0].locator.start, recs[0].locator.end) == recs[0].text
    assert recs[2].text.startswith("The invented hospital")
    assert not any("partners meet every week" in r.text for r in recs)


def test_jtai_findings_as_paragraphs_under_agency_sub_headings():
    paras = [
        "Invented social workers see children too late. Their made-up assessments do not "
        "look at what happened before, and managers do not ask them to.",
        "Made-up plans are written but not shared with the invented school, so teachers do "
        "not know what to watch for.",
        "Invented officers do not always tell social workers about call-outs. This means "
        "that made-up risks are missed for weeks.",
    ]
    doc = jtai_letter(
        "2 March 2019",
        "This inspection took place from 4 to 8 February 2019.",
        "Areas for improvement",
        "Invented children\u2019s social care",
        paras[0],
        paras[1],
        "Invented police",
        paras[2],
        "Case study: area for improvement",
        STUDY,
        "Next steps",
        "The invented partnership should write a statement of action.",
    )
    recs = extract_recommendations(doc)
    assert [r.text for r in recs] == paras
    assert [r.index for r in recs] == [1, 2, 3]
    for r in recs:
        assert located(doc, r.locator.start, r.locator.end) == r.text


def test_jtai_introduction_before_bullets_is_not_an_item():
    doc = jtai_letter(
        "2 March 2019",
        "This inspection took place from 4 to 8 February 2019.",
        "Areas for improvement",
        "Inspectors found a few invented things that partners need to work on together now.",
        "Invented health services",
        BULLET + "The invented clinic does not record who a child lives with.",
        BULLET + "Made-up referrals from the clinic are too brief to act on.",
        "Next steps",
        "The invented partnership should write a statement of action.",
    )
    recs = extract_recommendations(doc)
    assert [r.text[:20] for r in recs] == ["The invented clinic ", "Made-up referrals fr"]


def test_jtai_page_number_at_a_page_join_and_a_box_on_the_page():
    doc = make_doc(
        [
            ("heading", "Areas for improvement", 1),
            ("list_item", "Invented strategy meetings are quick but they do not", 1),
            ("heading", "Practice study: highly effective practice", 1),
            ("paragraph", STUDY, 1),
            ("paragraph", "2", 2),
            ("paragraph", "include every made-up agency. Notes are kept.", 2),
            ("list_item", "Made-up records are late, so the board cannot see what is sent to 3", 2),
            ("paragraph", "it. Partners say this is a known invented problem.", 3),
            ("list_item", "Invented training is not yet used in practice.", 3),
            ("heading", "Practice study: area for improvement", 3),
            ("paragraph", STUDY, 3),
        ],
        kind=DocumentKind.JTAI,
    )
    recs = extract_recommendations(doc)
    assert [r.text for r in recs] == [
        "Invented strategy meetings are quick but they do not include every made-up "
        "agency. Notes are kept.",
        "Made-up records are late, so the board cannot see what is sent to it. Partners "
        "say this is a known invented problem.",
        "Invented training is not yet used in practice.",
    ]
    assert doc.page_at(recs[0].locator.start) == 1
    assert doc.page_at(recs[0].locator.end - 1) == 2


def test_jtai_bullets_second_paragraph_after_a_page_number():
    doc = make_doc(
        [
            ("heading", "Areas for improvement", 1),
            ("list_item", "Invented needs analyses are thorough and up to date.", 1),
            ("paragraph", "5", 2),
            ("paragraph", "However, made-up services for fathers are still missing.", 2),
            ("list_item", "Invented partners do not audit together.", 2),
            ("heading", "Case study: areas for improvement", 2),
            ("paragraph", STUDY, 2),
        ],
        kind=DocumentKind.JTAI,
    )
    recs = extract_recommendations(doc)
    assert [r.text for r in recs] == [
        "Invented needs analyses are thorough and up to date. However, made-up services "
        "for fathers are still missing.",
        "Invented partners do not audit together.",
    ]


# --------------------------------------------------- focused-visit lists


def test_focused_visit_list_written_as_paragraphs():
    paras = [
        "Invented assessments are often late. They say little about what the made-up "
        "family needs next.",
        "Made-up plans change too rarely. Their actions are vague and no one checks them.",
        "Invented audits are not followed up, so the same made-up gaps return each year.",
    ]
    doc = fv_letter(
        "4 October 2018",
        "on 11 and 12 September 2018",
        "Findings",
        "An invented finding about made-up work runs on here for a while, as findings do.",
        FV_LIST,
        *paras,
        "Ofsted will take these invented findings into account later.",
        "Yours sincerely",
    )
    assert doc.kind is DocumentKind.FOCUSED_VISIT
    recs = extract(doc, findings=False).recommendations
    assert [r.text for r in recs] == paras
    assert {r.list for r in recs} == {L.WHAT_NEEDS_TO_IMPROVE}
    for r in recs:
        assert located(doc, r.locator.start, r.locator.end) == r.text


def test_focused_visit_sentence_about_the_list_is_not_an_item():
    doc = fv_letter(
        "4 October 2018",
        "on 11 and 12 September 2018",
        FV_LIST,
        "The areas for improvement are unchanged since the invented inspection last year.",
        "Findings",
        BULLET + "Invented visits to made-up children happen on time.",
    )
    assert extract_recommendations(doc) == []


def test_focused_visit_last_bullets_second_paragraph_on_the_next_page():
    doc = make_doc(
        [
            ("heading", FV_LIST, 1),
            ("list_item", "Invented plans are too general for made-up parents to follow.", 1),
            ("list_item", "A new invented audit tool is in place and mostly accurate.", 1),
            ("paragraph", "However, made-up actions from audits are not always followed up.", 2),
            ("paragraph", "Ofsted will take these invented findings into account later.", 2),
            ("paragraph", "Yours sincerely", 2),
        ],
        kind=DocumentKind.FOCUSED_VISIT,
    )
    recs = extract_recommendations(doc)
    assert len(recs) == 2
    assert recs[1].text.endswith(
        "mostly accurate. However, made-up actions from audits are not always followed up."
    )
    # the same paragraph in a full inspection is not joined: it may be the report's prose
    other = make_doc(
        [(b.kind.value, doc.block_text(b), b.page, b.level) for b in doc.blocks],
        kind=DocumentKind.FULL_INSPECTION,
    )
    assert extract_recommendations(other)[1].text.endswith("mostly accurate.")


def test_list_heading_variants():
    assert list_kind_of("What needs to improve in these areas of practice") is (
        L.WHAT_NEEDS_TO_IMPROVE
    )
    assert list_kind_of("What needs to improve in this area of practice?") is (
        L.WHAT_NEEDS_TO_IMPROVE
    )
    assert list_kind_of("Places and spaces: highly effective practice") is None


# ------------------------------------------------------------------ corpus

#: Letters fixed by these forms: item counts per list, visit dates, letter date,
#: and a digest (sha256 over the item hashes of make_recommendation_expectations,
#: in order) that pins each item's text without holding it.
FIXED = {
    "jtai/80492_croydon/2016-06-29.pdf": (
        {L.AREAS_FOR_IMPROVEMENT: 29},
        (D(2016, 5, 16), D(2016, 5, 20)),
        D(2016, 6, 29),
    ),
    "jtai/80454_cornwall/2018-11-23.pdf": (
        {L.AREAS_FOR_IMPROVEMENT: 24},
        (D(2018, 10, 8), D(2018, 10, 12)),
        D(2018, 11, 23),
    ),
    "jtai/80536_oxfordshire/2016-05-10.pdf": (
        {L.AREAS_FOR_IMPROVEMENT: 10},
        (D(2016, 3, 7), D(2016, 3, 12)),
        D(2016, 5, 10),
    ),
    "jtai/80522_medway/2018-08-03.pdf": (
        {L.PRIORITY_ACTIONS: 1, L.AREAS_FOR_IMPROVEMENT: 22},
        (D(2018, 6, 18), D(2018, 6, 22)),
        D(2018, 8, 3),
    ),
    "jtai/80505_islington/2019-01-29.pdf": (
        {L.AREAS_FOR_IMPROVEMENT: 16},
        (D(2018, 12, 3), D(2018, 12, 7)),
        D(2019, 1, 29),
    ),
    "jtai/80478_kirklees/2022-08-18.pdf": (
        {L.WHAT_NEEDS_TO_IMPROVE: 4},
        (D(2022, 6, 27), D(2022, 7, 1)),
        D(2022, 8, 18),
    ),
    "focused-visits/80583_wolverhampton/2018-10-04.pdf": (
        {L.WHAT_NEEDS_TO_IMPROVE: 5},
        (D(2018, 9, 11), D(2018, 9, 12)),
        D(2018, 10, 4),
    ),
    "focused-visits/80575_warrington/2018-02-23.pdf": (
        {L.WHAT_NEEDS_TO_IMPROVE: 4},
        (D(2018, 1, 31), D(2018, 2, 1)),
        D(2018, 2, 23),
    ),
    "focused-visits/80456_coventry/2018-02-22.pdf": (
        {L.WHAT_NEEDS_TO_IMPROVE: 5},
        (D(2018, 1, 30), D(2018, 1, 31)),
        D(2018, 2, 22),
    ),
    "focused-visits/80465_durham/2021-08-23.pdf": (
        {L.PRIORITY_ACTIONS: 2, L.AREAS_FOR_IMPROVEMENT: 1},
        (D(2021, 7, 13), D(2021, 7, 14)),
        D(2021, 8, 23),
    ),
    "focused-visits/80458_darlington/2023-11-28.pdf": (
        {L.WHAT_NEEDS_TO_IMPROVE: 2},
        (D(2023, 10, 24), D(2023, 10, 25)),
        D(2023, 11, 28),
    ),
    "focused-visits/80528_north-somerset/2025-11-06.pdf": (
        {L.WHAT_NEEDS_TO_IMPROVE: 1},
        (D(2025, 10, 7), D(2025, 10, 8)),
        D(2025, 11, 6),
    ),
}

#: Each letter's items were read against the PDF's text, item by item: first and
#: last words, second paragraphs, page breaks, boxes and page numbers.
DIGESTS = {
    "jtai/80492_croydon/2016-06-29.pdf": "e4b952a3508f0bf7239d1322ec9249beceafd38b6b210dfa1e319e5434c2a30e",
    "jtai/80454_cornwall/2018-11-23.pdf": "ff93c20a022753787ed0111614485f503a95ded5fc96dffe24f702742d1c8119",
    "jtai/80536_oxfordshire/2016-05-10.pdf": "be041c449a194406ec5c8a3e98963e78722d0571d059ed496f619e4782d3d12f",
    "jtai/80522_medway/2018-08-03.pdf": "91720281e342ae5571bd62bd2c47c5253f06c5e996aeec1bebf1b1309154a18a",
    "jtai/80505_islington/2019-01-29.pdf": "13f30abb14035b0fe57fc0899c04a7bf46a5a1639dfd1e8af4b466ecfc0aad1c",
    "focused-visits/80583_wolverhampton/2018-10-04.pdf": "164b575f15f9fa14924c6335b83c8996a1dc2e8900b8010a45774e8607e8509f",
    "focused-visits/80575_warrington/2018-02-23.pdf": "9e3fda8f0de63d7842745f75a6474a80d5f8c630b7e885073949657bb5222610",
}

#: Focused-visit letters that print no improvement list at all (checked in the PDF).
NO_LIST = {
    "focused-visits/80426_barnsley/2024-12-05.pdf",
    "focused-visits/80436_bracknell-forest/2024-01-12.pdf",
    "focused-visits/80458_darlington/2021-11-30.pdf",
    "focused-visits/80483_leicestershire/2023-06-16.pdf",
    "focused-visits/80484_lincolnshire/2022-04-22.pdf",
    "focused-visits/80519_westminster/2022-07-20.pdf",
    "focused-visits/80529_north-tyneside/2022-06-06.pdf",
    "focused-visits/80544_kensington-and-chelsea/2022-07-20.pdf",
    "focused-visits/80560_st-helens/2024-07-12.pdf",
    "focused-visits/80566_sunderland/2021-05-11.pdf",  # says only that earlier areas remain
    "focused-visits/80584_worcestershire/2025-01-13.pdf",
}
#: The one letter that prints no date line.
NO_LETTER_DATE = {"focused-visits/80445_cambridgeshire/2025-08-29.pdf"}
#: A letter whose printed date is a year before its visit (see test_metadata.py).
DATED_EARLY = {"focused-visits/80464_dudley/2020-01-21.pdf"}


def digest(recs) -> str:
    return hashlib.sha256("".join(item_hash(r.text) for r in recs).encode()).hexdigest()


@functools.cache
def _extraction(path: str):
    return extract(parse(path), findings=False)


@pytest.mark.corpus
@pytest.mark.parametrize("rel", sorted(FIXED))
def test_fixed_letters(corpus_dir, rel):
    counts, period, letter_date = FIXED[rel]
    ex = _extraction(str(corpus_dir / rel))
    got: dict[L, int] = {}
    for r in ex.recommendations:
        got[r.list] = got.get(r.list, 0) + 1
    assert got == counts
    assert (ex.metadata.inspection_start, ex.metadata.inspection_end) == period
    assert ex.metadata.letter_date == letter_date
    for r in ex.recommendations:
        assert r.text == " ".join(r.text.split())
    if rel in DIGESTS:
        assert digest(ex.recommendations) == DIGESTS[rel]


@pytest.mark.corpus
def test_fixed_letters_pages_and_warnings(corpus_dir):
    def doc_recs(rel):
        doc = parse(corpus_dir / rel)
        return doc, extract(doc, findings=False)

    # an item cut by a box drawn at the top of its page goes on over the page
    doc, ex = doc_recs("jtai/80454_cornwall/2018-11-23.pdf")
    first = ex.recommendations[0].locator
    assert (doc.page_at(first.start), doc.page_at(first.end - 1)) == (10, 11)
    # the last item's second paragraph, at the top of the last page
    doc, ex = doc_recs("focused-visits/80575_warrington/2018-02-23.pdf")
    last = ex.recommendations[-1].locator
    assert (doc.page_at(last.start), doc.page_at(last.end - 1)) == (4, 5)
    _, ex = doc_recs("focused-visits/80458_darlington/2023-11-28.pdf")
    assert any("printed as 2022-10-24" in w for w in ex.warnings)
    _, ex = doc_recs("focused-visits/80528_north-somerset/2025-11-06.pdf")
    assert any("20205" in w for w in ex.warnings)


@pytest.mark.slow
@pytest.mark.corpus
def test_every_jtai_and_focused_visit_letter(corpus_dir):
    letters = {f: sorted((corpus_dir / f).glob("*/*.pdf")) for f in ("jtai", "focused-visits")}
    assert all(letters.values()), {f: len(pdfs) for f, pdfs in letters.items()}
    for pdfs in letters.values():
        for pdf in pdfs:
            rel = pdf.relative_to(corpus_dir).as_posix()
            ex = _extraction(str(pdf))
            m = ex.metadata
            assert m.inspection_start and m.inspection_end, rel
            assert m.inspection_start <= m.inspection_end, rel
            if m.letter_date is not None and rel not in DATED_EARLY:
                assert m.inspection_end <= m.letter_date, rel
            assert (m.letter_date is None) == (rel in NO_LETTER_DATE), rel
            assert (len(ex.recommendations) == 0) == (rel in NO_LIST), rel

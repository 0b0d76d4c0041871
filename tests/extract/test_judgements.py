"""Judgement extraction and the comparison with the statistics: unit tests on small
synthetic texts, and named regression tests on real corpus files (facts only)."""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

import pandas as pd
import pytest

from ofstedmine import parse
from ofstedmine.extract.judgements import AREAS, extract_judgements, grade_of
from ofstedmine.extract.metadata import extract_metadata
from ofstedmine.extract.parts import split_reports
from ofstedmine.extract.validate import (
    agreement_by_field,
    compare_with_statistics,
    disagreements,
    judgements_frame,
)
from ofstedmine.types import (
    Area,
    Document,
    DocumentKind,
    Extraction,
    Framework,
    Grade,
    Judgement,
    JudgementStatus,
    Metadata,
)

A, G, S = Area, Grade, JudgementStatus
FILLER = (
    "This paragraph is invented for the test. It runs on for long enough that the layout "
    "treats it as the start of the narrative rather than a row of a table, and it says "
    "nothing about any grade at all."
)


def run(text: str) -> tuple[Document, Metadata, list[Judgement], list[str]]:
    doc = parse(text.encode("utf-8"), kind="text")
    w: list[str] = []
    span = (0, len(doc.text))
    meta = extract_metadata(doc, span=span, warnings=w)
    return doc, meta, extract_judgements(doc, meta, span=span, warnings=w), w


def grades(js: list[Judgement]) -> dict[str, object]:
    return {j.area.value: (j.grade.value if j.grade else j.status.value) for j in js}


def ilacs(rows: list[tuple[str, str]], *, extra: str = "") -> str:
    body = "\n\n".join(f"{label}\n\n{grade}" for label, grade in rows)
    return (
        "Inspection of Rutland local authority children's services\n\n"
        "Inspection dates: 1 to 12 May 2023\n\n"
        "Lead inspector: Alex Sample, His Majesty's Inspector\n\n"
        f"Judgement Grade\n\n{body}\n\n{FILLER}\n\n{extra}"
    )


LEADERS = "The impact of leaders on social work practice with children and families"
HELP = "The experiences and progress of children who need help and protection"
CIC_CL = "The experiences and progress of children in care and care leavers"
CIC = "The experiences and progress of children in care"
CL = "The experiences and progress of care leavers"


# --------------------------------------------------------------- ILACS


def test_ilacs_2018_table_with_wrapped_grades():
    text = ilacs(
        [
            (LEADERS, "Good"),
            (HELP, "Requires\n\nimprovement to be\n\ngood"),  # wrapped over three blocks
            (CIC_CL, "Inadequate"),
        ]
    ).replace(
        f"{CIC_CL}\n\nInadequate", f"{CIC_CL}\n\nInadequate\n\nOverall effectiveness Inadequate"
    )
    doc, meta, js, w = run(text)
    assert meta.framework is Framework.ILACS_2018
    assert [j.area for j in js] == list(AREAS[Framework.ILACS_2018])
    assert grades(js) == {
        "overall": "inadequate",
        "impact_of_leaders": "good",
        "help_and_protection": "requires_improvement",
        "in_care_and_care_leavers": "inadequate",
    }
    help_ = next(j for j in js if j.area is A.HELP_AND_PROTECTION)
    assert help_.label == "Requires improvement to be good"
    assert help_.status is S.FOUND
    assert doc.text[help_.locator.start : help_.locator.end].split() == [
        "Requires",
        "improvement",
        "to",
        "be",
        "good",
    ]
    assert w == []


def test_ilacs_2023_table_and_consistent_section_headings():
    rows = [
        (LEADERS, "Good"),
        (HELP, "Good"),
        (CIC, "Outstanding"),
        (CL, "Requires improvement to be good"),
    ]
    extra = f"{CIC}: outstanding\n\n{FILLER}\n\n{CL}: requires improvement to be good\n\n{FILLER}"
    text = ilacs(rows, extra=extra).replace(
        f"{CL}\n\nRequires improvement to be good",
        f"{CL}\n\nRequires improvement to be good\n\nOverall effectiveness Good",
    )
    _, meta, js, w = run(text)
    assert meta.framework is Framework.ILACS_2023
    assert grades(js) == {
        "overall": "good",
        "impact_of_leaders": "good",
        "help_and_protection": "good",
        "in_care": "outstanding",
        "care_leavers": "requires_improvement",
    }
    assert all(j.status is S.FOUND for j in js)
    assert w == []


def test_conflicting_heading_makes_ambiguous():
    rows = [(LEADERS, "Good"), (HELP, "Good"), (CIC, "Good"), (CL, "Good")]
    extra = f"{HELP} is inadequate\n\n{FILLER}"
    text = ilacs(rows, extra=extra).replace(
        f"{CL}\n\nGood", f"{CL}\n\nGood\n\nOverall effectiveness Good"
    )
    _, _, js, w = run(text)
    help_ = next(j for j in js if j.area is A.HELP_AND_PROTECTION)
    assert help_.status is S.AMBIGUOUS
    assert help_.grade is G.GOOD  # the table's grade is kept
    assert any("conflicting" in x for x in w)


def test_ilacs_2026_has_no_overall_and_ignores_quoted_previous_grade():
    rows = [(LEADERS, "Good"), (HELP, "Good"), (CIC, "Good"), (CL, "Inadequate")]
    extra = (
        "Since the inspection in 2022, when overall effectiveness was judged to be inadequate, "
        "much has changed, says this invented paragraph.\n\n"
        "Overall effectiveness at the last inspection was inadequate.\n\n" + FILLER
    )
    _, meta, js, w = run(ilacs(rows, extra=extra))
    assert meta.framework is Framework.ILACS_2026
    overall = js[0]
    assert (overall.area, overall.grade, overall.status) == (A.OVERALL, None, S.NOT_JUDGED)
    assert grades(js)["care_leavers"] == "inadequate"
    assert not any("overall" in x for x in w)


def test_merged_table_block_falls_back_to_front_page_scan():
    table = f"{LEADERS} Good {HELP} Inadequate {CIC_CL} Requires improvement to be good Overall effectiveness Inadequate"
    text = (
        "Inspection of Rutland local authority children's services\n\n"
        "Inspection dates: 1 to 12 May 2019\n\n"
        f"Judgement Grade\n\n{table}\n\n{FILLER}"
    )
    _, meta, js, _ = run(text)
    assert meta.framework is Framework.ILACS_2018
    assert grades(js) == {
        "overall": "inadequate",
        "impact_of_leaders": "good",
        "help_and_protection": "inadequate",
        "in_care_and_care_leavers": "requires_improvement",
    }


def test_previous_grades_list_is_not_this_reports_grade():
    rows = [(LEADERS, "Good"), (HELP, "Good"), (CIC_CL, "Good")]
    extra = (
        "Previous inspections\n\n"
        "The judgements at the last inspection were:\n\n"
        "Overall effectiveness: Inadequate\n\n"
        f"{HELP}: Inadequate\n\n{FILLER}"
    )
    text = ilacs(rows, extra=extra).replace(
        f"{CIC_CL}\n\nGood", f"{CIC_CL}\n\nGood\n\nOverall effectiveness Good"
    )
    _, _, js, w = run(text)
    assert all(j.status is S.FOUND and j.grade is G.GOOD for j in js)
    assert w == []


def test_missing_grade_is_not_found():
    rows = [(LEADERS, "Good"), (HELP, "Good"), (CIC_CL, "Good")]
    _, meta, js, w = run(ilacs(rows))
    assert meta.framework is Framework.ILACS_2018
    overall = js[0]
    assert overall.status is S.NOT_FOUND and overall.grade is None
    assert any("overall" in x for x in w)


# ----------------------------------------------------------------- SIF

SIF_TITLE = (
    "Rutland County Council\n\n"
    "Inspection of services for children in need of help and protection, children looked after and care leavers\n\n"
    "and\n\n"
    "Review of the effectiveness of the Local Safeguarding Children Board\n\n"
    "Inspection date: 3 March \u2013 25 March 2015\n\n"
    "Report published: 13 May 2015\n\n"
)
SIF_ROWS = (
    "1. Children who need help and protection Requires\n\nImprovement\n\n"
    "2. Children looked after and achieving permanence\n\nGood\n\n"
    "2.1 Adoption performance Not judged\n\n"
    "2.2 Experiences and progress of care leavers Outstanding\n\n"
    "3. Leadership, management and governance Inadequate\n\n"
)


@pytest.mark.parametrize(
    ("sentence", "grade"),
    [
        ("The overall judgement is requires improvement", G.REQUIRES_IMPROVEMENT),
        ("The overall judgement is that children's services are inadequate.", G.INADEQUATE),
        (
            "The overall judgement is that children\u2019s service requires\n\nimprovement.",
            G.REQUIRES_IMPROVEMENT,
        ),
        ("Children's services in Rutland require improvement to be good", G.REQUIRES_IMPROVEMENT),
        ("Children\u2019s services in the County of Rutland are inadequate", G.INADEQUATE),
        ("Children's services in Rutland are good.", G.GOOD),
        ("Children's services require improvement to be good", G.REQUIRES_IMPROVEMENT),
        ("The overall judgement is Outstanding", G.OUTSTANDING),
    ],
)
def test_sif_overall_sentence_forms(sentence, grade):
    text = (
        SIF_TITLE
        + sentence
        + "\n\n"
        + SIF_ROWS
        + "The effectiveness of the Local Safeguarding Children Board (LSCB) is\n\ngood\n\n"
        + FILLER
    )
    _, meta, js, _ = run(text)
    assert meta.framework is Framework.SIF
    assert js[0].area is A.OVERALL
    assert (js[0].grade, js[0].status) == (grade, S.FOUND)


def test_sif_rows_and_lscb():
    text = (
        SIF_TITLE
        + "The overall judgement is good\n\n"
        + SIF_ROWS
        + "The effectiveness of the Local Safeguarding Children Board (LSCB)\n\nrequires improvement\n\n"
        + FILLER
    )
    _, _, js, _ = run(text)
    assert [j.area for j in js] == list(AREAS[Framework.SIF])
    assert grades(js) == {
        "overall": "good",
        "help_and_protection": "requires_improvement",
        "sif_children_looked_after": "good",
        "sif_adoption": "not_judged",
        "sif_care_leavers": "outstanding",
        "sif_leadership": "inadequate",
        "lscb": "requires_improvement",
    }
    adoption = next(j for j in js if j.area is A.SIF_ADOPTION)
    assert adoption.label == "Not judged" and adoption.locator is not None
    help_ = next(j for j in js if j.area is A.HELP_AND_PROTECTION)
    assert help_.label == "Requires Improvement"


def test_sif_reinspection_without_lscb_review():
    title = SIF_TITLE.replace(
        "and\n\nReview of the effectiveness of the Local Safeguarding Children Board\n\n", ""
    )
    _, _, js, w = run(title + "The overall judgement is good\n\n" + SIF_ROWS + FILLER)
    lscb = js[-1]
    assert (lscb.area, lscb.status, lscb.grade) == (A.LSCB, S.NOT_JUDGED, None)
    assert any(x.startswith("lscb: not judged") for x in w)


def test_sif_lscb_reviewed_but_grade_missing():
    _, _, js, w = run(SIF_TITLE + "The overall judgement is good\n\n" + SIF_ROWS + FILLER)
    assert js[-1].status is S.NOT_FOUND
    assert any(x.startswith("lscb: no grade") for x in w)


def test_lscb_review_on_its_own():
    text = (
        "Rutland Safeguarding Children Board\n\n"
        "Review of the effectiveness of the Local Safeguarding Children Board\n\n"
        "Inspection date: 15 June 2015 \u2013 17 June 2015\n\n"
        "Report published: 3 August 2015\n\n"
        "The Local Safeguarding Children Board is inadequate\n\n" + FILLER
    )
    _, meta, js, _ = run(text)
    assert meta.kind is DocumentKind.LSCB_REVIEW
    assert grades(js) == {"lscb": "inadequate"}


# ------------------------------------------------------------- pre-SIF


def test_pre_sif_grade_lines_on_the_older_scale():
    text = (
        "Inspection of looked after children services\n\n"
        "Rutland County Council\n\n"
        "Inspection dates: 8 \u2013 12 July 2013 Reporting inspector Alex Sample HMI\n\n"
        "Overall effectiveness of services for looked after children and young people\n\n"
        "Grade 3 (Adequate)\n\n" + FILLER + "\n\n"
        "Capacity to improve\n\nGrade 2 (Good)\n\n" + FILLER + "\n\n"
        "Record of main findings\n\n"
        "Overall effectiveness Adequate\n\nCapacity to improve Good\n"
    )
    _, meta, js, w = run(text)
    assert meta.framework is Framework.PRE_SIF_2013
    assert [j.area for j in js] == [
        A.PRE_SIF_OVERALL,
        A.PRE_SIF_CAPACITY_TO_IMPROVE,
        A.PRE_SIF_OUTCOMES,
        A.PRE_SIF_QUALITY_OF_PROVISION,
        A.PRE_SIF_LEADERSHIP,
    ]
    assert [j.grade for j in js[:2]] == [G.ADEQUATE, G.GOOD]
    assert all(j.status is S.FOUND for j in js[:2])
    # the made-up report prints no grade for the other three areas
    assert all(j.status is S.NOT_FOUND and j.grade is None for j in js[2:])


# -------------------------------------------------------------- others


def test_letters_have_no_judgements():
    text = (
        "Focused visit to Rutland children's services\n\n"
        "This letter summarises the findings of a focused visit to Rutland children's services on "
        "19 and 20 February 2020. The inspectors were Alex Sample, HMI, and Bo Tester, HMI.\n\n"
        "When overall effectiveness was judged good at the last inspection, things were different.\n"
    )
    _, meta, js, _ = run(text)
    assert meta.kind is DocumentKind.FOCUSED_VISIT
    assert js == []


def test_grade_of():
    assert grade_of("Requires\nImprovement") is G.REQUIRES_IMPROVEMENT
    assert grade_of("require improvement to be good") is G.REQUIRES_IMPROVEMENT
    assert grade_of("adequate") is G.ADEQUATE
    assert grade_of("Not judged") is None


# ---------------------------------------------------- comparison frames


def _extraction(
    urn, start, published, framework, areas, *, kind=DocumentKind.FULL_INSPECTION, part=1
):
    meta = Metadata(
        authority="rutland",
        urn=urn,
        kind=kind,
        framework=framework,
        inspection_start=start,
        inspection_end=start + dt.timedelta(days=11) if start else None,
        published=published,
    )
    js = tuple(
        Judgement(A(a), G(g) if g else None, S.FOUND if g else S.NOT_JUDGED)
        for a, g in areas.items()
    )
    return Extraction(document_id="d" * 64, metadata=meta, judgements=js, part=part)


def _official(rows):
    cols = [
        "authority",
        "authority_name",
        "urn",
        "inspection_id",
        "inspection_start",
        "inspection_end",
        "published",
        "framework",
        "area",
        "grade",
    ]
    df = pd.DataFrame(rows, columns=cols)
    for c in ("inspection_start", "inspection_end", "published"):
        df[c] = pd.to_datetime(df[c])
    df["urn"] = df["urn"].astype("Int64")
    return df


D = dt.date


def test_compare_joins_on_start_or_published_and_lists_disagreements():
    ilacs_ex = _extraction(
        80547,
        D(2019, 3, 4),
        D(2019, 4, 20),
        Framework.ILACS_2018,
        {
            "overall": "good",
            "impact_of_leaders": "good",
            "help_and_protection": "good",
            "in_care_and_care_leavers": "inadequate",
        },
    )
    sif_ex = _extraction(
        80547,
        D(2014, 2, 1),
        D(2014, 5, 1),
        Framework.SIF,
        {"overall": "requires_improvement", "lscb": None},
    )
    lscb_ex = _extraction(
        80547,
        D(2014, 6, 1),
        D(2014, 7, 20),
        Framework.NONE,
        {"lscb": "good"},
        kind=DocumentKind.LSCB_REVIEW,
    )
    pre_ex = _extraction(
        80547,
        D(2013, 7, 8),
        D(2013, 8, 16),
        Framework.PRE_SIF_2013,
        {"pre_sif_overall": "adequate"},
    )
    extracted = judgements_frame(
        [ilacs_ex, sif_ex, lscb_ex, pre_ex], ["a.pdf", "b.pdf", "c.pdf", "d.pdf"]
    )
    official = _official(
        [
            (
                "rutland",
                "Rutland",
                80547,
                "i1",
                "2019-03-05",
                None,
                "2019-04-20",
                "ilacs_2018",
                "overall",
                "good",
            ),
            (
                "rutland",
                "Rutland",
                80547,
                "i1",
                "2019-03-05",
                None,
                "2019-04-20",
                "ilacs_2018",
                "in_care_and_care_leavers",
                "good",
            ),
            (
                "rutland",
                "Rutland",
                80547,
                "s1",
                None,
                None,
                "2014-05-02",
                "sif",
                "overall",
                "requires_improvement",
            ),
            ("rutland", "Rutland", 80547, "s1", None, None, "2014-05-02", "sif", "lscb", "good"),
            (
                "rutland",
                "Rutland",
                80547,
                "p1",
                None,
                None,
                "2013-08-16",
                "pre_sif_2013",
                "pre_sif_overall",
                "requires_improvement",
            ),
            (
                "rutland",
                "Rutland",
                80547,
                "x1",
                None,
                None,
                "2010-01-01",
                "pre_sif_2013",
                "pre_sif_overall",
                "good",
            ),
        ]
    )
    cmp = compare_with_statistics(extracted, official)
    assert cmp.attrs["joined"] == 3 and cmp.attrs["official_unjoined"] == 1
    dis = disagreements(cmp)
    assert set(zip(dis["field"], dis["extracted"], dis["official"], strict=True)) == {
        ("grade:in_care_and_care_leavers", "inadequate", "good"),
        ("inspection_start", D(2019, 3, 4), D(2019, 3, 5)),
        ("published", D(2014, 5, 1), D(2014, 5, 2)),
    }
    assert set(dis["document"]) == {"a.pdf", "b.pdf, c.pdf"}  # the SIF report and its LSCB review
    lscb = cmp[(cmp["field"] == "grade:lscb")].iloc[0]
    assert lscb["agree"] and "c.pdf" in lscb["document"]  # the separate LSCB review
    pre = cmp[cmp["field"] == "grade:pre_sif_overall"].iloc[0]
    assert pre["agree"] and "adequate" in pre["note"]
    summary = agreement_by_field(cmp).set_index("field")
    assert summary.loc["grade:overall", "compared"] == 2
    assert summary.loc["grade:*", "disagree"] == 1
    assert summary.loc["framework", "rate"] == 1.0


def test_compare_keeps_one_official_record_per_report():
    ex = _extraction(
        80547,
        D(2018, 2, 26),
        D(2018, 5, 21),
        Framework.SIF,
        {"overall": "good", "sif_leadership": "good"},
    )
    official = _official(
        [
            (
                "rutland",
                "Rutland",
                80547,
                "sif",
                None,
                None,
                "2018-05-21",
                "sif",
                "overall",
                "good",
            ),
            (
                "rutland",
                "Rutland",
                80547,
                "ilacs",
                "2018-02-26",
                None,
                "2018-05-21",
                "ilacs_2018",
                "overall",
                "good",
            ),
            (
                "rutland",
                "Rutland",
                80547,
                "ilacs",
                "2018-02-26",
                None,
                "2018-05-21",
                "ilacs_2018",
                "impact_of_leaders",
                "good",
            ),
        ]
    )
    cmp = compare_with_statistics(judgements_frame([ex], ["x.pdf"]), official)
    assert set(cmp["inspection_id"]) == {"sif"}  # same framework wins the tie
    assert cmp["agree"].all()


# --------------------------------------------------- real corpus regressions


@functools.cache
def _doc(path: str) -> Document:
    return parse(path)


@pytest.fixture
def corpus_judgements(corpus_dir: Path):
    def get(rel: str, part: int = 1) -> tuple[Metadata, list[Judgement], list[str]]:
        doc = _doc(str(corpus_dir / rel))
        span = split_reports(doc)[part - 1]
        w: list[str] = []
        meta = extract_metadata(doc, span=span, warnings=w)
        return meta, extract_judgements(doc, meta, span=span, warnings=w), w

    return get


RI, GOOD, INAD, OUT = "requires_improvement", "good", "inadequate", "outstanding"


@pytest.mark.corpus
def test_grades_wrapped_over_two_blocks(corpus_judgements):
    # every row's "Requires" / "Improvement" is split over two blocks
    meta, js, _ = corpus_judgements("inspections/80431_blackpool/2014-09-08.pdf")
    assert meta.framework is Framework.SIF
    assert all(j.grade is G.REQUIRES_IMPROVEMENT and j.status is S.FOUND for j in js)
    assert len(js) == 7


@pytest.mark.corpus
def test_requires_improvement_to_be_good_split_across_lines(corpus_judgements):
    # the overall row prints "Requires improvement" / "to be good"
    _, js, _ = corpus_judgements("inspections/80429_birmingham/2019-01-17.pdf")
    overall = js[0]
    assert overall.area is A.OVERALL
    assert overall.grade is G.REQUIRES_IMPROVEMENT
    assert overall.label == "Requires improvement to be good"
    assert overall.locator.page == 1


@pytest.mark.corpus
@pytest.mark.parametrize(
    ("rel", "grade"),
    [
        (
            "inspections/80449_bradford/2014-05-23.pdf",
            RI,
        ),  # "The overall judgement is requires improvement"
        (
            "inspections/80483_leicestershire/2017-02-13.pdf",
            RI,
        ),  # "... in X require improvement to be good"
        ("inspections/80462_doncaster/2015-11-27.pdf", INAD),  # "... in X are inadequate"
        ("inspections/80436_bracknell-forest/2017-07-14.pdf", GOOD),  # "... in X are good"
        (
            "inspections/80521_manchester/2014-09-03.pdf",
            INAD,
        ),  # "... is that children's services are inadequate."
        (
            "inspections/80511_newham/2014-08-08.pdf",
            RI,
        ),  # "children's service requires" / "improvement."
        (
            "inspections/80520_luton/2016-03-29.pdf",
            RI,
        ),  # "Children's services require improvement to be good"
    ],
)
def test_sif_overall_judgement_sentences(corpus_judgements, rel, grade):
    _, js, _ = corpus_judgements(rel)
    assert js[0].area is A.OVERALL
    assert (js[0].grade.value, js[0].status) == (grade, S.FOUND)


@pytest.mark.corpus
def test_bradford_2026_misprinted_care_leavers_label(corpus_judgements):
    meta, js, w = corpus_judgements("inspections/80449_bradford/2026-05-21.pdf")
    assert meta.framework is Framework.ILACS_2023  # fieldwork in January 2026, before the reform
    assert grades(js) == {
        "overall": RI,
        "impact_of_leaders": GOOD,
        "help_and_protection": RI,
        "in_care": RI,
        "care_leavers": GOOD,
    }
    assert w == []


@pytest.mark.corpus
def test_post_reform_report_quoting_the_previous_overall_grade(corpus_judgements):
    meta, js, _ = corpus_judgements("inspections/80485_liverpool/2026-07-07.pdf")
    assert meta.framework is Framework.ILACS_2026
    assert grades(js) == {
        "overall": "not_judged",
        "impact_of_leaders": GOOD,
        "help_and_protection": GOOD,
        "in_care": GOOD,
        "care_leavers": RI,
    }


@pytest.mark.corpus
def test_two_reports_file(corpus_dir, corpus_judgements):
    doc = _doc(str(corpus_dir / "inspections/80477_kingston-upon-hull/2015-02-10.pdf"))
    spans = split_reports(doc)
    assert len(spans) == 2
    assert spans[0][0] == 0 and spans[0][1] == spans[1][0] and spans[1][1] == len(doc.text)
    assert doc.page_at(spans[1][0]) == 37  # the LSCB review's own title page
    _, first, w1 = corpus_judgements("inspections/80477_kingston-upon-hull/2015-02-10.pdf", 1)
    _, second, _ = corpus_judgements("inspections/80477_kingston-upon-hull/2015-02-10.pdf", 2)
    assert grades(first) == {
        "overall": RI,
        "help_and_protection": RI,
        "sif_children_looked_after": RI,
        "sif_adoption": RI,
        "sif_care_leavers": RI,
        "sif_leadership": RI,
        "lscb": "not_judged",
    }
    assert any(x.startswith("lscb: not judged") for x in w1)
    assert grades(second) == {"lscb": RI}


@pytest.mark.corpus
def test_sif_reinspection_listing_previous_grades_is_not_ambiguous(corpus_judgements):
    # page 5 lists the 2015 inspection's grades; they are not this report's
    _, js, w = corpus_judgements("inspections/80480_lancashire/2018-08-17.pdf")
    assert grades(js) == {
        "overall": RI,
        "help_and_protection": RI,
        "sif_children_looked_after": RI,
        "sif_adoption": GOOD,
        "sif_care_leavers": RI,
        "sif_leadership": RI,
        "lscb": "not_judged",
    }
    assert not any("conflicting" in x for x in w)


@pytest.mark.corpus
def test_lscb_statement_missing_the_word_board(corpus_judgements):
    _, js, _ = corpus_judgements("inspections/80555_somerset/2015-03-27.pdf")
    assert grades(js)["lscb"] == INAD


@pytest.mark.corpus
def test_adoption_not_judged(corpus_judgements):
    _, js, _ = corpus_judgements("inspections/80450_london-corporation/2016-09-20.pdf")
    adoption = next(j for j in js if j.area is A.SIF_ADOPTION)
    assert (adoption.status, adoption.grade, adoption.label) == (S.NOT_JUDGED, None, "Not judged")


@pytest.mark.corpus
def test_pre_sif_2013_adequate(corpus_judgements):
    meta, js, _ = corpus_judgements("inspections/80476_kent/2013-08-23.pdf")
    assert meta.framework is Framework.PRE_SIF_2013
    assert grades(js) == {
        "pre_sif_overall": "adequate",
        "pre_sif_capacity_to_improve": GOOD,
        "pre_sif_outcomes": "adequate",
        "pre_sif_quality_of_provision": "adequate",
        "pre_sif_leadership": "adequate",
    }


@pytest.mark.corpus
def test_stand_alone_lscb_review(corpus_judgements):
    meta, js, _ = corpus_judgements("inspections/80567_surrey/2015-08-03.pdf")
    assert meta.kind is DocumentKind.LSCB_REVIEW
    assert grades(js) == {"lscb": RI}

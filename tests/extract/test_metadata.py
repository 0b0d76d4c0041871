"""Metadata extraction: unit tests on small synthetic texts, and named regression
tests on real corpus files (facts only: dates, names, paths)."""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

import pytest

from ofstedmine import parse
from ofstedmine.extract.metadata import extract_metadata, parse_date, parse_periods, split_names
from ofstedmine.extract.parts import split_reports
from ofstedmine.types import Document, DocumentKind, Framework, Metadata

D = dt.date


def meta(text: str) -> tuple[Metadata, list[str]]:
    doc = parse(text.encode("utf-8"), kind="text")
    warnings: list[str] = []
    return extract_metadata(doc, span=(0, len(doc.text)), warnings=warnings), warnings


ILACS_FRONT = (
    "Inspection of Rutland local authority children's services\n\n"
    "Inspection dates: {dates}\n\n"
    "Lead inspector: {lead}\n\n"
    "Judgement Grade\n\n"
    "The impact of leaders on social work practice with children and families\n\nGood\n\n"
    "The experiences and progress of children who need help and protection\n\nGood\n\n"
    "The experiences and progress of children in care\n\nGood\n\n"
    "The experiences and progress of care leavers\n\nGood\n\n"
    "Overall effectiveness Good\n\n"
    "Made-up summary text for a test, long enough to end the judgement table of this "
    "synthetic report and begin its narrative, with nothing of Ofsted's wording in it at all.\n"
)


# ------------------------------------------------------------------ dates


@pytest.mark.parametrize(
    ("field", "periods"),
    [
        ("17 September to 28 September 2018", [(D(2018, 9, 17), D(2018, 9, 28))]),
        ("12 to 23 January 2026", [(D(2026, 1, 12), D(2026, 1, 23))]),
        ("18 Feb 2014 \u2013 12 March 2014", [(D(2014, 2, 18), D(2014, 3, 12))]),
        ("4 June 2018\u201328 June 2018", [(D(2018, 6, 4), D(2018, 6, 28))]),
        ("21 November \u2013 2 December 2022", [(D(2022, 11, 21), D(2022, 12, 2))]),
        ("8 June 2026 to 19 June 2026", [(D(2026, 6, 8), D(2026, 6, 19))]),
        ("9\u201324 November 2017", [(D(2017, 11, 9), D(2017, 11, 24))]),
        ("1/06/2015 \u2013 25/06/2015", [(D(2015, 6, 1), D(2015, 6, 25))]),
        ("3 Sept. to 14 Sept 2018", [(D(2018, 9, 3), D(2018, 9, 14))]),
        ("28 July 2016", [(D(2016, 7, 28), D(2016, 7, 28))]),
        (
            "3 to 7 June and 17 to 21 June 2019",
            [(D(2019, 6, 3), D(2019, 6, 7)), (D(2019, 6, 17), D(2019, 6, 21))],
        ),
        (
            "30 September to 11 October 2024 and 13 to 16 January 2025",
            [(D(2024, 9, 30), D(2024, 10, 11)), (D(2025, 1, 13), D(2025, 1, 16))],
        ),
        ("19 and 20 February 2020", [(D(2020, 2, 19), D(2020, 2, 20))]),
        (
            "15, 16 and 21 July 2025",
            [(D(2025, 7, 15), D(2025, 7, 16)), (D(2025, 7, 21), D(2025, 7, 21))],
        ),
        ("between 13 October and 15 October 2020", [(D(2020, 10, 13), D(2020, 10, 15))]),
        ("30 December 2019 to 3 January 2020", [(D(2019, 12, 30), D(2020, 1, 3))]),
        ("29 December to 2 January 2021", [(D(2020, 12, 29), D(2021, 1, 2))]),
    ],
)
def test_parse_periods(field, periods):
    assert parse_periods(field) == periods


def test_parse_periods_without_dates():
    assert parse_periods("no dates here") == []


def test_parse_date_forms():
    assert parse_date("Report published: 17 August 2018") == D(2018, 8, 17)
    assert parse_date("01 Sept 2014") == D(2014, 9, 1)
    assert parse_date("31 February 2014") is None


def test_split_names_strips_roles():
    assert split_names("Alex Sample, His Majesty\u2019s Inspector") == ["Alex Sample"]
    assert split_names("Alex Sample HMI, Bo Tester (AI) and Cy O\u2019Neill, Senior HMI") == [
        "Alex Sample",
        "Bo Tester",
        "Cy O\u2019Neill",
    ]
    assert split_names("Jo-ann Q Person") == ["Jo-ann Q Person"]


# ------------------------------------------------------------ full reports


def test_ilacs_front_page():
    m, w = meta(
        ILACS_FRONT.format(
            dates="12 to 23 January 2026", lead="Alex Sample, His Majesty\u2019s Inspector"
        )
    )
    assert m.kind is DocumentKind.FULL_INSPECTION
    assert m.framework is Framework.ILACS_2023
    assert (m.inspection_start, m.inspection_end) == (D(2026, 1, 12), D(2026, 1, 23))
    assert m.fieldwork == ((D(2026, 1, 12), D(2026, 1, 23)),)
    assert m.lead_inspectors == ("Alex Sample",)
    assert m.title == "Inspection of Rutland local authority children's services"
    assert (m.authority, m.authority_name, m.urn) == ("rutland", "Rutland", 80547)
    assert w == []


def test_split_fieldwork():
    m, _ = meta(
        ILACS_FRONT.format(dates="3 to 7 June and 17 to 21 June 2019", lead="Alex Sample HMI")
    )
    assert m.inspection_start == D(2019, 6, 3)
    assert m.inspection_end == D(2019, 6, 21)
    assert len(m.fieldwork) == 2


def test_joint_lead_inspectors_wrapped_over_two_blocks():
    lead = (
        "Alex Sample, His Majesty\u2019s Inspector, and Bo Tester,\n\nHis Majesty\u2019s Inspector"
    )
    m, _ = meta(ILACS_FRONT.format(dates="1 to 12 May 2023", lead=lead))
    assert m.lead_inspectors == ("Alex Sample", "Bo Tester")


def test_no_lead_inspector_warns():
    text = ILACS_FRONT.format(dates="1 to 12 May 2023", lead="x").replace(
        "Lead inspector: x\n\n", ""
    )
    m, w = meta(text)
    assert m.lead_inspectors == ()
    assert any("lead inspector" in x for x in w)


def test_sif_lead_inspector_in_team_section():
    text = (
        "Rutland County Council\n\n"
        "Inspection of services for children in need of help and protection, children looked after and care leavers\n\n"
        "Inspection date: 18 Feb 2014 \u2013 12 March 2014\n\n"
        "Report published: 23 May 2014\n\n"
        "The overall judgement is good\n\n"
        "A long made-up paragraph standing in for the body of the report, which goes on for a while "
        "so that the inspection team section really is far from the front page of this document.\n\n"
        "The inspection team\n\n"
        "Lead inspector: Alex Sample\n\n"
        "Deputy lead inspector: Bo Tester\n\n"
        "Team inspectors: Cy Person, Di Person and Ed Person (AI)\n\n"
        "Quality assurance manager: Fi Person\n"
    )
    m, _ = meta(text)
    assert m.framework is Framework.SIF
    assert m.lead_inspectors == ("Alex Sample",)
    assert m.inspectors == ("Alex Sample", "Bo Tester", "Cy Person", "Di Person", "Ed Person")
    assert (m.inspection_start, m.inspection_end) == (D(2014, 2, 18), D(2014, 3, 12))
    assert m.published == D(2014, 5, 23)


def test_pre_2014_reporting_inspector():
    text = (
        "Inspection of looked after children services\n\n"
        "Rutland County Council\n\n"
        "Inspection dates: 8 \u2013 12 July 2013 Reporting inspector Alex Sample HMI\n\n"
        "Age group: All Published: 16 August 2013\n"
    )
    m, _ = meta(text)
    assert m.framework is Framework.PRE_SIF_2013
    assert m.lead_inspectors == ("Alex Sample",)
    assert (m.inspection_start, m.inspection_end) == (D(2013, 7, 8), D(2013, 7, 12))
    assert m.published == D(2013, 8, 16)


# ----------------------------------------------------------------- letters

FOCUSED = (
    "14 March 2020\n\n"
    "Director of Children's Services, Rutland County Council\n\n"
    "Dear Director\n\n"
    "Focused visit to Rutland children's services\n\n"
    "This letter summarises the findings of the focused visit to Rutland children's "
    "services on 19 and 20 February 2020. His Majesty's Inspectors for this visit were "
    "Alex Sample and Bo Tester.\n\n"
    "Inspectors looked at the local authority's arrangements for its children in care, with a focus on:\n\n"
    "planning for permanence\n\n"
    "the stability of homes for older children\n\n"
    "This visit was carried out in line with the framework for these inspections, as a made-up test says.\n\n"
    "Headline findings\n\n"
    "A made-up finding sentence.\n\n"
    "Yours sincerely\n\n"
    "Alex Sample\n\n"
    "His Majesty's Inspector\n"
)


def test_focused_visit_letter():
    m, w = meta(FOCUSED)
    assert m.kind is DocumentKind.FOCUSED_VISIT
    assert (m.inspection_start, m.inspection_end) == (D(2020, 2, 19), D(2020, 2, 20))
    assert m.letter_date == D(2020, 3, 14)
    assert m.lead_inspectors == ("Alex Sample",)
    assert m.inspectors == ("Alex Sample", "Bo Tester")
    assert m.areas_covered == (
        "its children in care",
        "planning for permanence",
        "the stability of homes for older children",
    )
    assert w == []


def test_letter_with_one_visit_day_and_a_named_lead():
    text = FOCUSED.replace("on 19 and 20 February 2020", "on 15 December 2020").replace(
        "were Alex Sample and Bo Tester",
        "were lead inspector Bo Tester and team inspector Alex Sample",
    )
    m, _ = meta(text)
    assert (m.inspection_start, m.inspection_end) == (D(2020, 12, 15), D(2020, 12, 15))
    assert m.lead_inspectors == ("Bo Tester",)


def test_letter_dated_before_the_visit_warns():
    m, w = meta(FOCUSED.replace("14 March 2020", "14 March 2019"))
    assert m.letter_date == D(2019, 3, 14)
    assert any("dated" in x for x in w)


def test_monitoring_visit_letter():
    text = (
        "2 May 2021\n\n"
        "Dear Director\n\n"
        "Monitoring visit to Rutland children's services\n\n"
        "This letter summarises the findings of the monitoring visit to Rutland children's "
        "services on 27 and 28 April 2021. This was the third visit since the authority was judged "
        "inadequate. The inspectors were Alex Sample, His Majesty's Inspector, and Bo Tester, "
        "His Majesty's Inspector.\n\n"
        "Areas covered by the visit\n\n"
        "Inspectors reviewed the progress made in the following areas of concern:\n\n"
        "the quality of assessments\n\n"
        "management oversight of plans\n\n"
        "Headline findings\n\n"
        "A made-up finding.\n\n"
        "Yours sincerely\n\n"
        "Alex Sample His Majesty's Inspector\n"
    )
    m, _ = meta(text)
    assert m.kind is DocumentKind.MONITORING_VISIT
    assert (m.inspection_start, m.inspection_end) == (D(2021, 4, 27), D(2021, 4, 28))
    assert m.lead_inspectors == ("Alex Sample",)
    assert m.inspectors == ("Alex Sample", "Bo Tester")
    assert m.areas_covered == ("the quality of assessments", "management oversight of plans")


def test_jtai_letter_dates():
    text = (
        "18 July 2022\n\n"
        "Dear partnership\n\n"
        "Joint targeted area inspection of Rutland\n\n"
        "This letter summarises the findings of the joint targeted area inspection (JTAI) of the "
        "multi-agency response to identification of initial need and risk in Rutland.\n\n"
        "This inspection took place from 23 to 27 May 2022. It was carried out by several inspectorates.\n"
    )
    m, w = meta(text)
    assert m.kind is DocumentKind.JTAI
    assert (m.inspection_start, m.inspection_end) == (D(2022, 5, 23), D(2022, 5, 27))
    assert m.letter_date == D(2022, 7, 18)
    assert m.lead_inspectors == ()
    assert not any("lead inspector" in x for x in w)


def test_split_reports_one_report():
    doc = parse(
        ILACS_FRONT.format(dates="1 to 12 May 2023", lead="Alex Sample").encode(), kind="text"
    )
    assert split_reports(doc) == [(0, len(doc.text))]


# --------------------------------------------------- real corpus regressions


@functools.cache
def _doc(path: str) -> Document:
    return parse(path)


@pytest.fixture
def corpus_meta(corpus_dir: Path):
    def get(rel: str, part: int = 1) -> tuple[Metadata, list[str]]:
        doc = _doc(str(corpus_dir / rel))
        span = split_reports(doc)[part - 1]
        w: list[str] = []
        return extract_metadata(doc, span=span, warnings=w), w

    return get


@pytest.mark.corpus
def test_sif_lead_inspector_deep_in_report(corpus_meta):
    # SIF reports name the lead inspector in the team section near the end
    m, _ = corpus_meta("inspections/80449_bradford/2014-05-23.pdf")
    assert m.lead_inspectors == ("Lynn Radley",)
    assert "Fiona Parker" in m.inspectors


@pytest.mark.corpus
def test_abbreviated_month(corpus_meta):
    m, _ = corpus_meta("inspections/80449_bradford/2014-05-23.pdf")
    assert (m.inspection_start, m.inspection_end) == (D(2014, 2, 18), D(2014, 3, 12))


@pytest.mark.corpus
def test_joint_lead_inspectors(corpus_meta):
    m, _ = corpus_meta("inspections/80564_stoke-on-trent/2022-11-25.pdf")
    assert m.lead_inspectors == ("Rebecca Quested", "Matthew Reed")


@pytest.mark.corpus
def test_lead_inspector_on_site(corpus_meta):
    m, _ = corpus_meta("inspections/80497_hammersmith-and-fulham/2016-03-29.pdf")
    assert m.lead_inspectors == ("Pietro Battista",)


@pytest.mark.corpus
@pytest.mark.parametrize(
    ("rel", "periods"),
    [
        (
            "inspections/80461_devon/2025-05-13.pdf",
            ((D(2024, 9, 30), D(2024, 10, 11)), (D(2025, 1, 13), D(2025, 1, 16))),
        ),
        (
            "inspections/80460_derbyshire/2019-09-19.pdf",
            ((D(2019, 7, 8), D(2019, 7, 12)), (D(2019, 8, 7), D(2019, 8, 8))),
        ),
        (
            "inspections/80557_south-tyneside/2023-05-10.pdf",
            ((D(2022, 12, 5), D(2022, 12, 9)), (D(2023, 2, 14), D(2023, 2, 15))),
        ),
        (
            "inspections/80551_sheffield/2014-02-21.pdf",
            ((D(2013, 11, 19), D(2013, 12, 11)), (D(2014, 1, 28), D(2014, 1, 30))),
        ),
    ],
)
def test_split_fieldwork_dates(corpus_meta, rel, periods):
    m, _ = corpus_meta(rel)
    assert m.fieldwork == periods
    assert (m.inspection_start, m.inspection_end) == (periods[0][0], periods[-1][1])


@pytest.mark.corpus
def test_slash_dates(corpus_meta):
    m, _ = corpus_meta("inspections/80564_stoke-on-trent/2015-08-12.pdf")
    assert (m.inspection_start, m.inspection_end) == (D(2015, 6, 1), D(2015, 6, 25))


@pytest.mark.corpus
@pytest.mark.parametrize(
    "rel",
    ["inspections/80461_devon/2025-05-13.pdf", "inspections/80576_warwickshire/2025-10-14.pdf"],
)
def test_reports_that_name_no_lead_inspector(corpus_meta, rel):
    m, w = corpus_meta(rel)
    assert m.lead_inspectors == ()
    assert any("lead inspector" in x for x in w)


@pytest.mark.corpus
def test_two_reports_file_metadata(corpus_meta):
    first, _ = corpus_meta("inspections/80477_kingston-upon-hull/2015-02-10.pdf", 1)
    second, _ = corpus_meta("inspections/80477_kingston-upon-hull/2015-02-10.pdf", 2)
    assert (first.kind, first.framework) == (DocumentKind.FULL_INSPECTION, Framework.SIF)
    assert second.kind is DocumentKind.LSCB_REVIEW
    assert first.published == D(2015, 2, 3)
    assert second.published == D(2015, 2, 10)
    assert first.lead_inspectors == ("Gary Lamb",)
    assert first.authority == second.authority == "kingston_upon_hull"


@pytest.mark.corpus
def test_focused_visit_between_dates(corpus_meta):
    m, _ = corpus_meta("focused-visits/80535_oldham/2020-11-27.pdf")
    assert (m.inspection_start, m.inspection_end) == (D(2020, 10, 13), D(2020, 10, 15))
    assert m.lead_inspectors == ("Lorna Schlechte",)


@pytest.mark.corpus
def test_focused_visit_signed_your_sincerely(corpus_meta):
    # the letter's closing has a typo; the signatory is still the lead
    m, _ = corpus_meta("focused-visits/80475_hertfordshire/2021-08-31.pdf")
    assert m.lead_inspectors == ("Tom Anthony",)


@pytest.mark.corpus
def test_focused_visit_letter_dated_a_year_early(corpus_meta):
    # Dudley's letter of January 2020 prints a 2019 date at the top
    m, w = corpus_meta("focused-visits/80464_dudley/2020-01-21.pdf")
    assert m.letter_date == D(2019, 1, 21)
    assert (m.inspection_start, m.inspection_end) == (D(2019, 12, 18), D(2019, 12, 19))
    assert any("dated" in x for x in w)


@pytest.mark.corpus
def test_bradford_focused_visit(corpus_meta):
    m, _ = corpus_meta("focused-visits/80449_bradford/2021-02-12.pdf")
    assert m.authority == "bradford"
    assert m.urn == 80449
    assert (m.inspection_start, m.inspection_end) == (D(2020, 12, 15), D(2020, 12, 15))
    assert m.letter_date == D(2021, 2, 12)
    assert m.lead_inspectors == ("Jan Edwards",)
    assert len(m.inspectors) == 5


@pytest.mark.corpus
def test_jtai_between_dates(corpus_meta):
    m, _ = corpus_meta("jtai/80449_bradford/2017-04-21.pdf")
    assert m.kind is DocumentKind.JTAI
    assert (m.inspection_start, m.inspection_end) == (D(2017, 2, 27), D(2017, 3, 3))

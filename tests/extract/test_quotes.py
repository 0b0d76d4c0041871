"""Quoted findings in secondary sources: unit tests on invented articles, and the
seed articles about Bradford (skipped when ../shared/seeds is absent). No sentence of
the seeds or the corpus is copied here: the seed tests check facts (counts, ids,
attributions, spans)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from ofstedmine import parse
from ofstedmine.extract.quotes import MATCH_SHARE, _Index, _words, extract_quotes, quote_spans
from ofstedmine.types import DocumentKind, Event, EventKind, Finding, Polarity, Publication

MV, DIR, INSP = EventKind.MONITORING_VISIT, EventKind.DFE_DIRECTION, EventKind.INSPECTION
Q_OPEN, Q_CLOSE = "\u201c", "\u201d"


def article(*paras: str, published: dt.date | None = None):
    pub = Publication(source="news", published=published) if published else None
    doc = parse("\n\n".join(paras).encode("utf-8"), kind="text")
    if pub is not None:
        from dataclasses import replace

        doc = replace(doc, publication=pub)
    return doc


def q(text: str) -> str:
    return f"{Q_OPEN}{text}{Q_CLOSE}"


def check_locators(doc, found: list[Finding]) -> None:
    for f in found:
        span = " ".join(doc.text[f.locator.start : f.locator.end].split())
        assert span == f.text
        assert f.locator.document_id == doc.id
        assert isinstance(f.polarity, Polarity)
        assert isinstance(f.themes, tuple) and isinstance(f.cues, tuple)
        assert Finding.from_dict(f.to_dict()) == f


# ---------------------------------------------------------------- quotations


def test_quote_spans_multi_paragraph_single_quotes_and_apostrophes():
    doc = article(
        "Anytown's council was criticised.",
        f"The report says: {Q_OPEN}Invented children wait too long for help.",
        f"{Q_OPEN}Made-up plans are not reviewed often enough.{Q_CLOSE}",
        "The watchdog's letter said services showed 'green shoots of change' last month.",
    )
    texts = [[doc.text[a:b] for a, b in spans] for spans in quote_spans(doc)]
    assert texts == [
        [
            "Invented children wait too long for help.",
            "Made-up plans are not reviewed often enough.",
        ],
        ["green shoots of change"],
    ]


# ------------------------------------------------------------------ speakers


def test_ofsted_quotes_are_kept_and_people_are_not():
    doc = article(
        "Invented borough gets a poor report",
        "Inspectors found that " + q("children in the invented borough wait far too long") + ".",
        q("Plans for made-up children are weak,") + " Ofsted inspectors warned.",
        "The council leader said: " + q("We are determined to improve our invented services."),
        "According to the report, " + q("managers do not check the quality of the work") + ".",
    )
    found = extract_quotes(doc)
    assert len(found) == 3
    assert all("leader" not in f.text for f in found)
    assert all(f.quoted_from is None for f in found)  # no date, no events, no texts
    check_locators(doc, found)
    assert any(f.polarity is Polarity.CONCERN for f in found)


def test_pronoun_takes_the_previous_speaker_and_grades_need_ofsted():
    doc = article(
        "Ofsted said the invented council was " + q("inadequate") + ".",
        "The chair called the week " + q("hard") + ".",
        "The watchdog found "
        + q("too many made-up children drift")
        + ". Later "
        + q("leaders lack a plan for the invented service")
        + ", they added.",
    )
    texts = [f.text for f in extract_quotes(doc)]
    assert len(texts) == 3
    assert not any("chair" in t for t in texts)


def test_a_following_sentence_can_name_the_speaker():
    doc = article(
        "Invented children were left " + q("without help for months") + " in the borough.",
        "These were among the findings Ofsted made in its invented report.",
        "Pupils called the summer " + q("very long indeed") + ".",
    )
    found = extract_quotes(doc)
    assert len(found) == 1 and found[0].text.startswith("Invented children")


def test_a_long_quotation_over_paragraphs_with_a_link_line_inside():
    doc = article(
        f"The report also notes: {Q_OPEN}The invented service is under pressure.",
        f"{Q_OPEN}Made-up caseloads are high. Workers change often.",
        "Council home in invented town rated poorly",
        f"{Q_OPEN}Leaders have not planned for this.{Q_CLOSE}",
        "The mayor said: " + q("We will do better."),
    )
    found = extract_quotes(doc)
    assert len(found) == 4  # four sentences of the quotation; not the link, not the mayor
    assert not any("mayor" in f.text or "rated poorly" in f.text for f in found)


# ------------------------------------------------------------------ attribution


def test_quotes_matching_a_held_text_are_attributed_to_it():
    report = parse(
        b"Inspection of Anytown local authority children's services\n\n"
        b"Decision-making for invented children is slow and inconsistent across the "
        b"borough. Managers do not review the quality of plans in the made-up service.",
        kind="text",
    )
    other = parse(b"An unrelated invented document about something else entirely.", kind="text")
    doc = article(
        "Councillors met on Monday.",
        "Bosses were told that "
        + q("decision making for invented children is slow and inconsistent across the borough")
        + ".",
        "A councillor said: "
        + q("managers do not review the quality of plans in the made-up service")
        + ".",
        "The report called the work " + q("slow and inconsistent") + ".",
    )
    found = extract_quotes(doc, known_documents=[other, report])
    assert len(found) == 3
    assert {f.quoted_from for f in found} == {report.id}


def test_quotes_of_a_direction_go_to_the_event():
    events = [
        Event(dt.date(2021, 9, 1), DIR, "anytown", "Direction", date_precision="month"),
        Event(dt.date(2022, 2, 9), DIR, "anytown", "A later direction"),
        Event(dt.date(2021, 4, 28), MV, "anytown", "Monitoring visit"),
        Event(dt.date(2021, 4, 28), MV, "elsewhere", "Another council's visit"),
    ]
    doc = article(
        "Direction notice for invented council",
        "Friday, September 17, 2021",
        "An invented monitoring visit in April found little change.",
        "According to the direction notice, the council has "
        + q("not made enough invented progress")
        + ".",
        q("The pace of made-up change is too slow,") + " a government spokesperson said.",
        q("Invented practice is not yet better,") + " the inspectors wrote in April.",
    )
    doc = type(doc).from_dict({**doc.to_dict(), "authority": "anytown"})
    found = extract_quotes(doc, events=events)
    assert [f.quoted_from for f in found] == [
        "event:dfe_direction:2021-09-01",
        "event:dfe_direction:2021-09-01",
        "event:monitoring_visit:2021-04-28",
    ]
    # no events given: the article's own description gives the kind and month
    bare = extract_quotes(doc)
    assert [f.quoted_from for f in bare] == [
        "event:dfe_direction:2021-09-01",
        "event:dfe_direction:2021-09-01",
        "event:monitoring_visit:2021-04-01",
    ]


def test_an_event_with_held_text_gives_its_document_id():
    held = Event(dt.date(2023, 11, 8), MV, None, "Visit", document_id="ab" * 32)
    doc = article(
        "Posted on 12 December 2023",
        "The invented visit was in November.",
        "Inspectors wrote in their letter that the trust "
        + q("knows its invented weaknesses well")
        + ".",
    )
    assert [f.quoted_from for f in extract_quotes(doc, events=[held])] == ["ab" * 32]
    assert [f.quoted_from for f in extract_quotes(doc)] == ["event:monitoring_visit:2023-11-01"]


def test_publication_date_is_used_and_later_events_are_ignored():
    events = [
        Event(dt.date(2024, 2, 27), MV, None, "Later visit"),
        Event(dt.date(2023, 7, 18), MV, None, "Visit"),
    ]
    doc = article(
        "The latest letter said " + q("invented plans are improving slowly") + ".",
        published=dt.date(2023, 8, 30),
    )
    assert [f.quoted_from for f in extract_quotes(doc, events=events)] == [
        "event:monitoring_visit:2023-07-18"
    ]


def test_nothing_quoted_nothing_found():
    assert extract_quotes(article("Councillors discussed the invented budget at length.")) == []


# ---------------------------------------------------------------------- seeds

SEED = {
    "plan": "000_a334e9239ce4eec9.txt",
    "report2023": "001_6ebd5e04eb28c367.txt",
    "trust_visit": "002_717871ce20724662.txt",
    "minutes": "003_aeccd276160cbed1.txt",
    "direction": "004_07c63d75ca6b49af.txt",
}
REPORT_2023 = "inspections/80449_bradford/2023-01-31.pdf"


@pytest.fixture(scope="module")
def seeds(seeds_dir):
    return {k: parse(seeds_dir / name) for k, name in SEED.items()}


@pytest.fixture(scope="module")
def bradford_events(seeds_dir):
    from ofstedmine.sources.events import read_events_csv

    path = seeds_dir.parent / "corpus" / "events.csv"
    events = read_events_csv(path) if path.exists() else []
    # facts of the chain (corpus README): monitoring visits known from the statistics
    for day in ("2021-04-28", "2023-07-18", "2023-11-08", "2024-02-27"):
        events.append(Event(dt.date.fromisoformat(day), MV, "bradford", "Monitoring visit"))
    return events


@pytest.mark.parametrize(
    ("key", "kind"),
    [
        ("plan", DocumentKind.NEWS),
        ("report2023", DocumentKind.NEWS),
        ("trust_visit", DocumentKind.NEWS),
        ("minutes", DocumentKind.COUNCIL_MINUTES),
        ("direction", DocumentKind.NEWS),
    ],
)
def test_seed_kinds(seeds, key, kind):
    assert seeds[key].kind is kind


def test_seed_2023_report_quotes_are_attributed_to_the_report(seeds, seeds_dir):
    corpus = seeds_dir.parent / "corpus"
    if not (corpus / REPORT_2023).exists():
        pytest.skip("the 2023 Bradford report is not in the corpus")
    report = parse(corpus / REPORT_2023)
    other = parse(corpus / "inspections/80449_bradford/2018-10-29.pdf")
    doc = seeds["report2023"]
    found = extract_quotes(doc, known_documents=[other, report])
    assert len(found) >= 25
    assert {f.quoted_from for f in found} == {report.id}
    check_locators(doc, found)
    # every long quotation is near-verbatim in the report (none is a councillor's words)
    index = _Index([report])
    for f in found:
        quoted = " ".join(re.findall(r"[\u201c\"]([^\u201d\"]+)", f.text))
        if len(_words(quoted)) >= 8:
            assert index.best(quoted)[1] >= MATCH_SHARE, f.locator
    # without the text there is nothing to attribute to (the article prints no date)
    bare = extract_quotes(doc)
    assert len(bare) >= 25 and {f.quoted_from for f in bare} == {None}


def test_seed_direction_notice_quotes_go_to_the_september_2021_direction(seeds, bradford_events):
    doc = seeds["direction"]
    found = extract_quotes(doc, events=bradford_events)
    sources = [f.quoted_from for f in found]
    assert sources.count("event:dfe_direction:2021-09-01") >= 3
    assert sources.count("event:monitoring_visit:2021-04-28") >= 2  # Ofsted's April letter
    assert set(sources) == {"event:dfe_direction:2021-09-01", "event:monitoring_visit:2021-04-28"}
    check_locators(doc, found)
    bare = {f.quoted_from for f in extract_quotes(doc)}
    assert bare == {"event:dfe_direction:2021-09-01", "event:monitoring_visit:2021-04-01"}


def test_seed_trust_monitoring_letter_quotes_go_to_the_november_2023_visit(seeds, bradford_events):
    doc = seeds["trust_visit"]
    found = extract_quotes(doc, events=bradford_events)
    assert len(found) >= 2
    assert {f.quoted_from for f in found} == {"event:monitoring_visit:2023-11-08"}
    check_locators(doc, found)
    bare = {f.quoted_from for f in extract_quotes(doc)}
    assert bare == {"event:monitoring_visit:2023-11-01"}


def test_seed_minutes_and_plan_article(seeds, bradford_events):
    assert extract_quotes(seeds["minutes"], events=bradford_events) == []
    found = extract_quotes(seeds["plan"], events=bradford_events)
    assert len(found) <= 1  # only the report's phrase, not the council's own plan
    assert all(f.quoted_from is None or f.quoted_from.startswith("event:") for f in found)

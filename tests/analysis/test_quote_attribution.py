"""Which document or dated event a secondary source's quote comes from.

Synthetic tests, in invented words, for each way an article describes what it
quotes (held text, "the monitoring visit in November", "last month's inspection",
"the latest report", "in 2018", "the Trust's second monitoring visit", …); then
the five seed texts about Bradford, through the whole pipeline (skipped when
../shared/corpus is absent). The seed tests state facts only: the date and kind of
what each seed quotes, read from the seeds by hand; no sentence is copied.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

from ofstedmine import parse
from ofstedmine.extract.quotes import extract_quotes
from ofstedmine.types import DocumentKind, Event, EventKind, Publication

ROOT = Path(__file__).resolve().parents[2]
MV, INSP, TRUST, DIR = (
    EventKind.MONITORING_VISIT,
    EventKind.INSPECTION,
    EventKind.TRUST_GO_LIVE,
    EventKind.DFE_DIRECTION,
)
OPEN, CLOSE = "\u201c", "\u201d"


def q(words: str) -> str:
    return f"{OPEN}{words}{CLOSE}"


def article(*paras: str, published: str, authority: str = "testshire"):
    doc = parse("\n\n".join(paras).encode("utf-8"), kind="text")
    pub = Publication(source="news", published=dt.date.fromisoformat(published))
    return replace(doc, publication=pub, authority=authority, kind=DocumentKind.NEWS)


def held(text: str, published: str, kind=DocumentKind.FULL_INSPECTION, authority="testshire"):
    doc = parse(text.encode("utf-8"), kind="text")
    pub = Publication(source="test", published=dt.date.fromisoformat(published), kind=kind)
    return replace(doc, publication=pub, authority=authority, kind=kind)


def ev(day: str, kind: EventKind, authority: str = "testshire", **kw) -> Event:
    return Event(dt.date.fromisoformat(day), kind, authority, kind.value, **kw)


def sources(doc, **kw) -> list[str | None]:
    return [f.quoted_from for f in extract_quotes(doc, **kw)]


VISITS = [
    ev("2022-07-27", MV),
    ev("2023-04-01", TRUST),
    ev("2023-07-18", MV),
    ev("2023-11-08", MV),
    ev("2024-02-27", MV),
]


# ---------------------------------------------------------------- held text


def test_held_text_match_ignores_case_quotes_and_spacing_and_later_copies():
    words = "Made-up toddlers in Grimsdale wait far too long for anyone to notice them."
    early = held(f"Inspection of Grimsdale.\n\n{words}", "2019-05-02")
    later = held(f"Reissued inspection of Grimsdale.\n\n{words}", "2020-01-09")
    doc = article(
        "Inspectors said "
        + q("MADE UP toddlers in   Grimsdale wait far too long for anyone")
        + ".",
        published="2019-06-01",
    )
    assert sources(doc, known_documents=[later, early]) == [early.id]


def test_held_text_published_after_the_article_is_never_the_source():
    words = "Plans for invented teenagers in Grimsdale are vague and rarely reviewed."
    report = held(f"Inspection of Grimsdale.\n\n{words}", "2021-03-01")
    doc = article(
        "The watchdog said " + q(words) + ".",
        published="2021-02-01",
    )
    assert sources(doc, known_documents=[report]) == [None]  # nothing dated by then


def test_a_described_report_beats_a_short_phrase_held_by_an_older_text():
    # the regression of the December 2023 article: a two-word phrase held only by an
    # older document must not outweigh "the latest report"
    old = held("Joint inspection.\n\nThere are tentative glimmers of change in places.",
               "2017-04-21", kind=DocumentKind.JTAI)  # fmt: skip
    doc = article(
        "Services show " + q("tentative glimmers") + " of change, according to the latest "
        "report from Ofsted.",
        published="2023-12-13",
    )
    assert sources(doc, known_documents=[old], events=VISITS) == [
        "event:monitoring_visit:2023-11-08"
    ]
    # with nothing that the description fits, the unique phrase still counts
    assert sources(doc, known_documents=[old]) == [old.id]


# ------------------------------------------------------- described by words


def test_the_monitoring_visit_in_november():
    doc = article(
        "Inspectors wrote after the monitoring visit in November that " + q("invented plans are "
        "now reviewed by managers every month") + ".",
        published="2024-01-20",
    )  # fmt: skip
    assert sources(doc, events=VISITS) == ["event:monitoring_visit:2023-11-08"]


def test_last_months_inspection():
    events = [ev("2019-05-13", INSP), ev("2022-02-14", INSP), ev("2022-02-28", MV)]
    doc = article(
        "Last month's inspection found " + q("imaginary caseloads are far too high") + ".",
        published="2022-03-10",
    )
    assert sources(doc, events=events) == ["event:inspection:2022-02-14"]


def test_the_latest_report_is_the_latest_before_the_article():
    doc = article(
        "The latest report said " + q("pretend plans are improving slowly") + ".",
        published="2023-12-01",
    )
    assert sources(doc, events=VISITS) == ["event:monitoring_visit:2023-11-08"]


def test_the_most_recent_inspection_is_of_that_kind():
    report = held("Inspection of Grimsdale.\n\nNothing quoted here.", "2023-01-31")
    doc = article(
        "Inspectors found in the most recent inspection that " + q("fictional leaders lack "
        "grip") + ".",
        published="2023-12-01",
    )  # fmt: skip
    # the later monitoring visits are not inspections
    assert sources(doc, known_documents=[report], events=VISITS) == [report.id]


def test_a_year_in_the_sentence():
    events = [ev("2014-05-23", INSP), ev("2018-10-29", INSP), ev("2023-01-31", INSP)]
    doc = article(
        "Inspectors said in 2018 that " + q("invented front-door decisions are slow") + ".",
        published="2024-06-01",
    )
    assert sources(doc, events=events) == ["event:inspection:2018-10-29"]


def test_a_held_report_fits_the_month_of_its_inspection():
    report = held("Inspection of Grimsdale.\n\nNothing quoted here either.", "2023-01-31")
    doc = article(
        "Ofsted inspectors visited Grimsdale in November and the report said "
        + q("make-believe reviews are late")
        + ".",
        published="2023-02-02",
    )
    assert sources(doc, known_documents=[report], events=VISITS) == [report.id]


def test_the_trusts_second_monitoring_visit():
    doc = article(
        "The Trust's second monitoring visit found "
        + q("dreamt-up assessments are timelier")
        + ".",
        published="2024-03-10",
    )
    # counted from the trust's start: not July 2022, not the latest (February 2024)
    assert sources(doc, events=VISITS) == ["event:monitoring_visit:2023-11-08"]


def test_an_ordinal_counts_from_what_its_since_clause_names():
    events = [ev("2018-10-29", INSP), ev("2019-03-05", MV), ev("2019-06-11", MV),
              ev("2019-10-01", MV), ev("2020-02-25", MV)]  # fmt: skip
    doc = article(
        "It was the third visit since the council was judged inadequate, and inspectors said "
        + q("fabricated audits are thorough")
        + ".",
        published="2020-03-20",
    )
    assert sources(doc, events=events) == ["event:monitoring_visit:2019-10-01"]


def test_the_articles_other_sentences_date_the_quote():
    doc = article(
        "Grimsdale's services are getting better, the watchdog says.",
        "The visit took place in July.",
        "In a letter, inspectors said the Trust " + q("understands its imaginary weaknesses") + ".",
        "But it also said the " + q("legacy of poor invented practice") + " remains.",
        published="2023-08-30",
    )
    assert sources(doc, events=VISITS) == ["event:monitoring_visit:2023-07-18"] * 2


def test_later_events_and_other_authorities_are_never_candidates():
    events = [*VISITS, ev("2023-12-01", MV, authority="elsewhere")]
    doc = article(
        "The latest letter said " + q("pretend practice is uneven") + ".",
        published="2023-12-05",
    )
    assert sources(doc, events=events) == ["event:monitoring_visit:2023-11-08"]
    early = replace(doc, publication=replace(doc.publication, published=dt.date(2023, 7, 1)))
    assert sources(early, events=events) == ["event:monitoring_visit:2022-07-27"]


def test_a_direction_named_by_month():
    events = [ev("2021-09-01", DIR, date_precision="month"), ev("2022-02-09", DIR)]
    doc = article(
        "The direction notice issued in September says " + q("invented progress is too slow") + ".",
        published="2022-03-01",
    )
    assert sources(doc, events=events) == ["event:dfe_direction:2021-09-01"]


# ------------------------------------------------------------------- seeds


@pytest.fixture(scope="module")
def bradford_graph(corpus_dir, seeds_dir, tmp_path_factory):
    from ofstedmine import build_theme_graph
    from ofstedmine.pipeline import authority_corpus

    corpus, _ = authority_corpus(
        "bradford",
        store=tmp_path_factory.mktemp("store"),
        mirror=corpus_dir,
        cache=False,
        workers=2,
        secondary=ROOT / "corpora" / "secondary_sources.csv",
    )
    return corpus, build_theme_graph(corpus)


def _quoted(corpus, G, seed: str) -> tuple[dict[tuple[str, str, bool], int], dict]:
    """(date, kind, text held) of each node a seed quotes -> number of quotes."""
    doc = next(d for d in corpus.documents if (d.source_name or "").endswith(seed))
    node = f"doc:{doc.id}"
    out = {}
    for _, v, k, data in G.out_edges(node, keys=True, data=True):
        if k == "quotes":
            t = G.nodes[v]
            out[t["date"], t["kind"], t["text_held"]] = data["count"]
    return out, G.nodes[node]


@pytest.mark.corpus
@pytest.mark.parametrize(
    ("seed", "published", "expected"),
    [
        # the early-2019 article on the improvement plan: the October 2018 report
        ("000_a334e9239ce4eec9.txt", "2019-01-15",
         {("2018-10-29", "full_inspection", True): (1, 1)}),
        # the article of the day the 2023 report was published: that report only
        ("001_6ebd5e04eb28c367.txt", "2023-01-31",
         {("2023-01-31", "full_inspection", True): (25, None)}),
        # the Trust's second monitoring visit (8 November 2023), known only as an event
        ("002_717871ce20724662.txt", "2023-12-13",
         {("2023-11-08", "monitoring_visit", False): (4, 4)}),
        # the November 2018 minutes quote nothing
        ("003_aeccd276160cbed1.txt", "2018-11-06", {}),
        # the September 2021 direction notice, and Ofsted's April 2021 monitoring letter
        ("004_07c63d75ca6b49af.txt", "2021-09-16",
         {("2021-09-01", "dfe_direction", False): (3, 3),
          ("2021-04-28", "monitoring_visit", False): (3, 3)}),
    ],
)  # fmt: skip
def test_seed_quotes_land_on_what_they_quote(bradford_graph, seed, published, expected):
    corpus, G = bradford_graph
    quoted, attrs = _quoted(corpus, G, seed)
    assert attrs["date"] == published
    assert set(quoted) == set(expected)
    for target, (least, exactly) in expected.items():
        assert quoted[target] >= least, target
        if exactly is not None:
            assert quoted[target] == exactly, target
    assert all(date <= published for date, _, _ in quoted)  # nothing after the article
    assert "unresolved_quotes" not in attrs

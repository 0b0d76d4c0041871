"""A factory of synthetic corpora for the viz and report tests.

Every sentence here is written for the tests (never copied from a report). The
chain mirrors the shape of Bradford's: SIF 2014, JTAI 2017, ILACS 2018, a
focused visit 2021, ILACS 2023, ILACS 2026, with DfE notices, monitoring visits
and a trust's start as dated events without text. One finding, one
recommendation and one event title are hostile (markup and an attribute break-out).
"""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from ofstedmine.corpus import Corpus
from ofstedmine.types import (
    Area,
    Document,
    DocumentKind,
    Event,
    EventKind,
    Extraction,
    Finding,
    Framework,
    Grade,
    Judgement,
    JudgementStatus,
    Metadata,
    Page,
    Polarity,
    Publication,
    Recommendation,
    RecommendationList,
)

HOSTILE = '<script>alert(1)</script>" onmouseover="alert(2)" x=\'<img src=x onerror=alert(3)>'

C, S, M = Polarity.CONCERN, Polarity.STRENGTH, Polarity.MIXED
# (published, kind, framework, overall, findings [(theme, polarity)], recommendation themes)
CHAIN = [
    ("2014-05-23", DocumentKind.FULL_INSPECTION, Framework.SIF, Grade.REQUIRES_IMPROVEMENT,
     [("caseloads", C), ("management_oversight", C), ("early_help", S)], ["caseloads"]),
    ("2017-04-21", DocumentKind.JTAI, Framework.NONE, None,
     [("exploitation_and_missing", C), ("partnership_working", S)], []),
    ("2018-10-29", DocumentKind.FULL_INSPECTION, Framework.ILACS_2018, Grade.INADEQUATE,
     [("caseloads", C), ("management_oversight", C), ("drift_and_delay", C),
      ("workforce_stability", C), ("early_help", M)], ["management_oversight", "drift_and_delay"]),
    ("2021-02-12", DocumentKind.FOCUSED_VISIT, Framework.ILACS_2018, None,
     [("drift_and_delay", C), ("management_oversight", C), ("workforce_stability", C)], []),
    ("2023-01-31", DocumentKind.FULL_INSPECTION, Framework.ILACS_2023, Grade.INADEQUATE,
     [("caseloads", C), ("management_oversight", C), ("drift_and_delay", C),
      ("workforce_stability", C), ("care_leavers", C)], ["management_oversight"]),
    ("2026-05-21", DocumentKind.FULL_INSPECTION, Framework.ILACS_2026, Grade.REQUIRES_IMPROVEMENT,
     [("management_oversight", S), ("workforce_stability", M), ("drift_and_delay", C),
      ("care_leavers", S)], ["drift_and_delay"]),
]  # fmt: skip
EVENTS = [
    ("2018-12-01", "month", EventKind.DFE_IMPROVEMENT_NOTICE, "Improvement notice (synthetic)"),
    ("2019-10-01", "month", EventKind.MONITORING_VISIT, "Monitoring visit (synthetic)"),
    ("2020-02-25", "day", EventKind.MONITORING_VISIT, "Monitoring visit (synthetic)"),
    ("2021-09-01", "month", EventKind.DFE_DIRECTION, "Direction (synthetic) " + HOSTILE),
    ("2022-02-09", "day", EventKind.DFE_DIRECTION, "Further direction (synthetic)"),
    ("2023-04-01", "day", EventKind.TRUST_GO_LIVE, "Trust go-live (synthetic)"),
    ("2023-07-18", "day", EventKind.MONITORING_VISIT, "Monitoring visit (synthetic)"),
    ("2024-05-22", "day", EventKind.MONITORING_VISIT, "Monitoring visit (synthetic)"),
]
_WORDING = {
    C: "Synthetic sentence {n}: practice on {theme} falls short in this made-up authority.",
    S: "Synthetic sentence {n}: practice on {theme} is a strength in this made-up authority.",
    M: "Synthetic sentence {n}: practice on {theme} is improving but remains uneven here.",
}


def _doc(authority: str, urn: int, i: int, spec, *, hostile: bool):
    published, kind, framework, overall, finding_specs, rec_themes = spec
    date = dt.date.fromisoformat(published)
    sentences = []
    for n, (theme, pol) in enumerate(finding_specs):
        text = _WORDING[pol].format(n=n + 1, theme=theme.replace("_", " "))
        if hostile and i == 2 and n == 0:
            text = f"Synthetic hostile sentence {HOSTILE} about caseloads."
        sentences.append((text, theme, pol))
    recs = []
    for n, theme in enumerate(rec_themes):
        text = f"Synthetic recommendation {n + 1}: improve {theme.replace('_', ' ')}."
        if hostile and i == 2 and n == 0:
            text = f"Synthetic recommendation {HOSTILE}"
        recs.append((text, theme))
    body = " ".join(t for t, _, _ in sentences) + "\n\n" + "\n".join(t for t, _ in recs)
    text = f"Synthetic report {i} on {authority}.\n\n{body}\n"
    sha = hashlib.sha256(f"{authority}-{published}-{kind}".encode()).hexdigest()
    mid = len(text) // 2
    pages = (Page(1, 0, mid), Page(2, mid, len(text)))
    url = f"https://files.ofsted.gov.uk/v1/file/{9000000 + urn % 1000 * 10 + i}"
    pub = Publication(url=url, source="mirror", authority=authority, urn=urn, kind=kind,
                      published=date, file_id=url.rsplit("/", 1)[-1])  # fmt: skip
    doc = Document(id=sha, text=text, pages=pages, kind=kind, framework=framework,
                   authority=authority, publication=pub, source_name=f"{authority}/{published}.pdf")  # fmt: skip
    findings = []
    for t, theme, pol in sentences:
        start = text.index(t)
        findings.append(Finding(text=t, polarity=pol, locator=doc.locate(start, start + len(t)),
                                themes=(theme,), cues=("synthetic",)))  # fmt: skip
    recommendations = []
    for n, (t, theme) in enumerate(recs):
        start = text.index(t)
        recommendations.append(Recommendation(
            text=t, list=RecommendationList.WHAT_NEEDS_TO_IMPROVE, index=n + 1,
            locator=doc.locate(start, start + len(t)), themes=(theme,)))  # fmt: skip
    judgements = ()
    if overall is not None:
        judgements = (
            Judgement(Area.OVERALL, overall, JudgementStatus.FOUND, overall.value.replace("_", " "),
                      doc.locate(0, 10)),
            Judgement(Area.HELP_AND_PROTECTION, overall, JudgementStatus.FOUND, None, doc.locate(0, 10)),
        )  # fmt: skip
    meta = Metadata(authority=authority, authority_name=authority.replace("_", " ").title(),
                    urn=urn, kind=kind, framework=framework,
                    inspection_start=date - dt.timedelta(days=60),
                    inspection_end=date - dt.timedelta(days=50), published=date)  # fmt: skip
    ex = Extraction(document_id=sha, metadata=meta, judgements=judgements,
                    recommendations=tuple(recommendations), findings=tuple(findings))  # fmt: skip
    return doc, ex


def make_corpus(authorities=(("bradford", 80449),), *, hostile: bool = True, events: bool = True):
    """A synthetic Corpus: the chain above for each authority (shifted per authority)."""
    docs, exs, evs = [], [], []
    for a_index, (authority, urn) in enumerate(authorities):
        for i, spec in enumerate(CHAIN):
            if a_index:  # other authorities: same shape, later dates, better grades
                published = dt.date.fromisoformat(spec[0]) + dt.timedelta(days=40 * a_index)
                better = Grade.GOOD if spec[3] is not None else None
                spec = (published.isoformat(), spec[1], spec[2], better, spec[4], spec[5])
            doc, ex = _doc(authority, urn, i, spec, hostile=hostile and a_index == 0)
            docs.append(doc)
            exs.append(ex)
        if events:
            for date, precision, kind, title in EVENTS:
                evs.append(Event(date=dt.date.fromisoformat(date), kind=kind, authority=authority,
                                 title=title if hostile and a_index == 0 else title.split(" <")[0],
                                 date_precision=precision, source="events.csv"))  # fmt: skip
    return Corpus(docs, exs, events=evs)


@pytest.fixture
def synthetic_corpus():
    """Bradford's shape, synthetic text, hostile strings included."""
    return make_corpus()


@pytest.fixture
def synthetic_multi_corpus():
    """Three authorities of the same shape."""
    return make_corpus((("bradford", 80449), ("leeds", 80509), ("kirklees", 80508)))

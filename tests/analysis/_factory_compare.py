"""Synthetic corpora with known answers for the compare and search tests.

Every sentence here is made up for the tests; none comes from a real report.
A report's text is laid out as paragraphs separated by blank lines: a title, one
line per judgement (the judgement's locator points at it), the findings (each its
own paragraph, locator on its span) and filler sentences that set the word count.
Pages hold ``per_page`` paragraphs each.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd

from ofstedmine import authorities
from ofstedmine.corpus import Corpus
from ofstedmine.types import (
    Area,
    Block,
    BlockKind,
    Document,
    DocumentKind,
    Extraction,
    Finding,
    Framework,
    Grade,
    Judgement,
    JudgementStatus,
    Locator,
    Metadata,
    Page,
    Polarity,
    Publication,
)

FILLER = "Staff met families and wrote notes about the visit."  # 9 words

_AREAS_OF = {
    "sif": (
        "overall",
        "help_and_protection",
        "sif_children_looked_after",
        "sif_adoption",
        "sif_care_leavers",
        "sif_leadership",
    ),
    "ilacs_2018": (
        "overall",
        "impact_of_leaders",
        "help_and_protection",
        "in_care_and_care_leavers",
    ),
    "ilacs_2023": (
        "overall",
        "impact_of_leaders",
        "help_and_protection",
        "in_care",
        "care_leavers",
    ),
    "ilacs_2026": ("impact_of_leaders", "help_and_protection", "in_care", "care_leavers"),
}


@dataclass(frozen=True)
class F:
    """A finding: its sentence, polarity and themes."""

    text: str
    polarity: str = "concern"
    themes: tuple[str, ...] = ()


def f(text: str, polarity: str = "concern", *themes: str) -> F:
    return F(text, polarity, tuple(themes))


def report(
    authority: str,
    published: str,
    *findings: F,
    framework: str = "ilacs_2018",
    kind: str = "full_inspection",
    grades: dict[str, str | None] | None = None,
    filler: int = 0,
    per_page: int = 4,
    inspection_start: str | None = None,
    seed: str = "",
) -> tuple[Document, list[Extraction]]:
    """One synthetic report and its extraction.

    ``grades`` maps areas to grade values; an area the framework judges but
    ``grades`` leaves out (or maps to None) is NOT_FOUND, and ILACS 2026's overall
    is NOT_JUDGED.
    """
    grades = dict(grades or {})
    auth = authorities.get(authority)
    paragraphs: list[tuple[str, str, object]] = [("heading", f"Inspection of {auth.name}", None)]
    for area, grade in grades.items():
        if grade is not None:
            label = Grade(grade).value.replace("_", " ").capitalize()
            paragraphs.append(("judgement", f"{area.replace('_', ' ')}: {label}", (area, grade)))
    for item in findings:
        paragraphs.append(("finding", item.text, item))
    for _ in range(filler):
        paragraphs.append(("filler", FILLER, None))

    text, blocks, pages, placed = "", [], [], []
    page_start = 0
    for i, (role, para, payload) in enumerate(paragraphs):
        number = i // per_page + 1
        if i and i % per_page == 0:
            pages.append(Page(number - 1, page_start, len(text)))
            page_start = len(text)
        start = len(text)
        text += para
        block_kind = BlockKind.HEADING if role == "heading" else BlockKind.PARAGRAPH
        blocks.append(
            Block(block_kind, start, len(text), number, level=1 if role == "heading" else None)
        )
        placed.append((role, payload, start, len(text), number))
        text += "\n\n"
    pages.append(Page(len(pages) + 1, page_start, len(text)))

    doc_id = hashlib.sha256(f"{seed}|{authority}|{published}|{text}".encode()).hexdigest()
    date = dt.date.fromisoformat(published)
    doc_kind = DocumentKind(kind)
    fw = Framework(framework) if kind == "full_inspection" else Framework.NONE
    pub = Publication(
        url=f"https://files.example.org/v1/file/{doc_id[:8]}",
        authority=auth.id,
        kind=doc_kind,
        published=date,
    )
    doc = Document(
        id=doc_id,
        text=text,
        pages=tuple(pages),
        blocks=tuple(blocks),
        kind=doc_kind,
        framework=fw,
        authority=auth.id,
        publication=pub,
        source_name=f"{auth.id}/{published}.pdf",
    )

    judgements, found_findings = [], []
    for role, payload, s, e, page in placed:
        loc = Locator(doc_id, page, s, e, ("Findings",))
        if role == "judgement":
            area, grade = payload
            judgements.append(
                Judgement(Area(area), Grade(grade), JudgementStatus.FOUND, label=grade, locator=loc)
            )
        elif role == "finding":
            found_findings.append(
                Finding(payload.text, Polarity(payload.polarity), loc, themes=payload.themes)
            )
    if kind == "full_inspection":
        for area in _AREAS_OF.get(framework, ()):
            if grades.get(area) is None:
                judgements.append(Judgement(Area(area), None, JudgementStatus.NOT_FOUND))
        if framework == "ilacs_2026":
            judgements.append(Judgement(Area.OVERALL, None, JudgementStatus.NOT_JUDGED))
    start = dt.date.fromisoformat(inspection_start) if inspection_start else None
    meta = Metadata(
        authority=auth.id,
        authority_name=auth.name,
        kind=doc_kind,
        framework=fw,
        published=date,
        inspection_start=start,
    )
    ex = Extraction(doc_id, meta, judgements=tuple(judgements), findings=tuple(found_findings))
    return doc, [ex]


def make_corpus(reports: Iterable[tuple[Document, list[Extraction]]]) -> Corpus:
    docs, exs = [], []
    for d, e in reports:
        docs.append(d)
        exs.extend(e)
    return Corpus(docs, exs)


# ------------------------------------------------------------- known-answer corpora


def transitions_corpus() -> Corpus:
    """Two authorities' inspection chains with known transitions.

    Bradford: SIF 2014 RI -> ILACS 2018 inadequate -> ILACS 2023 good -> ILACS 2026
    (no overall; help and protection good). A focused visit (2020) and Leeds's
    chain sit between. Leeds: SIF 2015 good -> ILACS 2019 good, plus a re-issue of
    the 2019 report a month later (one inspection, not a transition).

    Overall transitions: sif_to_ilacs_2018 RI->inadequate and good->good;
    ilacs_2018_to_ilacs_2023 inadequate->good; one pair (2023->2026) excluded.
    Help and protection: RI->inadequate, inadequate->RI, RI->good (Bradford) and
    good->RI (Leeds).
    """
    return make_corpus([
        report("bradford", "2014-05-23", framework="sif",
               grades={"overall": "requires_improvement", "help_and_protection": "requires_improvement",
                       "sif_leadership": "requires_improvement"}),
        report("bradford", "2018-10-29", framework="ilacs_2018",
               grades={"overall": "inadequate", "help_and_protection": "inadequate",
                       "impact_of_leaders": "inadequate", "in_care_and_care_leavers": "inadequate"}),
        report("bradford", "2020-06-01", kind="focused_visit"),
        report("bradford", "2023-01-31", framework="ilacs_2023",
               grades={"overall": "good", "help_and_protection": "requires_improvement",
                       "impact_of_leaders": "good", "in_care": "good", "care_leavers": "good"}),
        report("bradford", "2026-05-21", framework="ilacs_2026",
               grades={"help_and_protection": "good", "impact_of_leaders": "good",
                       "in_care": "good", "care_leavers": "requires_improvement"}),
        report("leeds", "2015-03-01", framework="sif",
               grades={"overall": "good", "help_and_protection": "good"}),
        report("leeds", "2019-02-01", framework="ilacs_2018",
               grades={"overall": "good", "help_and_protection": "requires_improvement"}),
        report("leeds", "2019-03-05", framework="ilacs_2018", seed="reissue",
               grades={"overall": "good", "help_and_protection": "requires_improvement"}),
    ])  # fmt: skip


def statistics_frame(corpus: Corpus) -> pd.DataFrame:
    """The corpus's judgements in the shape of ``sources.statistics.read_judgements``."""
    j = corpus.judgements()
    j = j[(j["status"] == "found") & (j["kind"] == "full_inspection")]
    return pd.DataFrame({
        "authority_name": j["authority_name"], "authority": j["authority"], "urn": pd.NA,
        "la_code": pd.NA, "inspection_id": "stats:" + j["document_id"].str[:8],
        "inspection_type": "test", "inspection_start": pd.NaT, "inspection_end": pd.NaT,
        "published": j["published"] + pd.Timedelta(days=3), "framework": j["framework"],
        "area": j["area"], "grade": j["grade"], "grade_label": j["label"],
        "authority_status": "current",
    }).reset_index(drop=True)  # fmt: skip


def graded_corpus(
    authority_ids: Sequence[str],
    *,
    planted_a: str = "planted_concern",
    planted_b: str = "planted_strength",
    per_authority: int = 2,
) -> Corpus:
    """Reports alternating inadequate and good, with themes planted by grade.

    Every report has the themes ``common`` (one concern) and ``other`` (one
    concern). Inadequate reports also raise ``planted_a`` three times as a concern;
    good reports raise ``planted_b`` three times as a concern; each appears once in a
    report of the other grade, so both groups hold every theme.
    """
    out = []
    i = 0
    for auth in authority_ids:
        for k in range(per_authority):
            grade = "inadequate" if (i % 2 == 0) else "good"
            i += 1
            own, other = (planted_a, planted_b) if grade == "inadequate" else (planted_b, planted_a)
            findings = [
                f(f"Concern number one about the shared topic in report {i}.", "concern", "common"),
                f(f"Another point on a second topic for report {i}.", "concern", "other"),
                *[
                    f(f"Marked sentence {n} of its group in report {i}.", "concern", own)
                    for n in range(3)
                ],
            ]
            if i % 4 in (1, 2):
                findings.append(f(f"A stray sentence in report {i}.", "concern", other))
            year = 2018 + k
            out.append(
                report(
                    auth, f"{year}-0{1 + i % 9}-15", *findings, grades={"overall": grade}, filler=5
                )
            )
    return make_corpus(out)

"""extract: Document -> Extraction (metadata, judgements, recommendations, findings).

The only subpackage that imports spaCy. ``extract()`` never touches a disk cache.

Modules
-------
parts            split a file that holds several reports into spans
metadata         authority, dates, inspectors, areas covered
judgements       every framework's judgement areas and grades, with evidence
recommendations  improvement lists, item by item
codebook         the versioned theme codebook (package data, YAML)
nlp              the spaCy pipeline, built once per process
findings         sentence-level findings: every body sentence judged, themes, position
polarity         the polarity rules (cues, negation scope, the decision) and their word lists
polarity_model   the trained polarity model over the rules, words and context; confidence
themefilter      the trained theme models
quotes           quotations in news and minutes, attributed to documents and events
lexicon          lemma tables, word classes and stop words for matching text
aspects          what a recommendation asks to improve (its aspect terms)
subjects         the parties and processes a recommendation names (package data)
phrases          candidate noun phrases for theme discovery
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ofstedmine.types import (
    Document,
    Extraction,
    Finding,
    FindingPosition,
    Polarity,
    Recommendation,
)

if TYPE_CHECKING:
    from ofstedmine.extract.codebook import Codebook

__all__ = ["EXTRACTOR_VERSION", "extract", "extract_all", "versions", "with_improvement_items"]

#: Bumped whenever extraction output changes; caches key on it.
EXTRACTOR_VERSION = "6"


def versions(codebook: Codebook | None = None) -> dict[str, str]:
    """The versions an extraction depends on (caches key on these)."""
    from ofstedmine.extract.codebook import load_codebook
    from ofstedmine.extract.polarity_model import load_polarity_model
    from ofstedmine.extract.themefilter import load_theme_filter
    from ofstedmine.parse import PARSER_VERSION

    cb = codebook or load_codebook()
    return {
        "parser": PARSER_VERSION,
        "extractor": EXTRACTOR_VERSION,
        "codebook": cb.version,
        "theme_filter": load_theme_filter().version,
        "polarity_model": load_polarity_model().version,
    }


def extract_all(
    document: Document,
    *,
    codebook: Codebook | None = None,
    findings: bool = True,
    model: str | None = None,
    strict: bool = False,
) -> list[Extraction]:
    """Extract every report a document holds, in order (most files hold one).

    Parameters
    ----------
    document
        A parsed :class:`~ofstedmine.types.Document`.
    codebook
        A theme codebook; the packaged one by default.
    findings
        Set False to skip sentence-level findings (judgements and metadata only,
        much faster).
    model
        A spaCy model name for the statistical pipeline (for example
        ``"en_core_web_sm"``); the default rule pipeline needs no model.
    strict
        Raise :class:`~ofstedmine.errors.ExtractionError` instead of recording
        warnings.

    Examples
    --------
    >>> from ofstedmine import parse
    >>> doc = parse(b"Joint targeted area inspection of Anytown", kind="text")
    >>> [e.metadata.kind.value for e in extract_all(doc, findings=False)]
    ['jtai']
    """
    from ofstedmine.errors import ExtractionError
    from ofstedmine.extract.codebook import load_codebook
    from ofstedmine.extract.judgements import extract_judgements
    from ofstedmine.extract.metadata import extract_metadata
    from ofstedmine.extract.parts import split_reports
    from ofstedmine.extract.recommendations import extract_recommendations

    cb = codebook or load_codebook()
    vers = versions(cb)
    out = []
    spans = split_reports(document)
    for part, span in enumerate(spans, start=1):
        warnings: list[str] = []
        meta = extract_metadata(document, span=span, warnings=warnings)
        judgements = extract_judgements(document, meta, span=span, warnings=warnings)
        recs = extract_recommendations(document, span=span, codebook=cb, kind=meta.kind)
        found: tuple[Any, ...] = ()
        if findings:
            from ofstedmine.extract.findings import extract_findings

            found = tuple(
                with_improvement_items(
                    extract_findings(document, span=span, codebook=cb, model=model), recs
                )
            )
        if strict and warnings:
            raise ExtractionError(
                f"{document.source_name or document.id[:12]}: " + "; ".join(warnings)
            )
        out.append(
            Extraction(
                document_id=document.id,
                metadata=meta,
                judgements=tuple(judgements),
                recommendations=tuple(recs),
                findings=found,
                warnings=tuple(warnings),
                versions=dict(vers),
                part=part,
                span=span if len(spans) > 1 else None,
            )
        )
    return out


def with_improvement_items(findings: list[Finding], recs: list[Recommendation]) -> list[Finding]:
    """The body findings and each improvement item as a concern finding, in text order.

    An item of "What needs to improve" or the priority actions is a concern by
    definition (``LABELLING.md``), even when written as a noun phrase; its finding
    points back to it (``recommendation``). A body sentence that is also an item
    (JTAI letters read their areas for improvement as prose) is kept once, as the item.

    >>> from ofstedmine.types import Locator, RecommendationList
    >>> loc = Locator(document_id="0" * 64, page=2, start=10, end=40)
    >>> rec = Recommendation(text="The timeliness of strategy meetings.",
    ...                      list=RecommendationList.WHAT_NEEDS_TO_IMPROVE, index=1, locator=loc)
    >>> [(f.polarity.value, f.position.value, f.recommendation)
    ...  for f in with_improvement_items([], [rec])]
    [('concern', 'improvement_list', 0)]
    """
    items = [
        Finding(
            text=r.text,
            polarity=Polarity.CONCERN,
            locator=r.locator,
            themes=r.themes,
            confidence=1.0,
            position=FindingPosition.IMPROVEMENT_LIST,
            leads_paragraph=True,
            recommendation=i,
        )
        for i, r in enumerate(recs)
    ]
    spans = [(f.locator.start, f.locator.end) for f in items]
    body = [
        f for f in findings if not any(s < f.locator.end and f.locator.start < e for s, e in spans)
    ]
    return sorted(body + items, key=lambda f: f.locator.start)


def extract(document: Document, **options: Any) -> Extraction:
    """Extract the first (usually the only) report of a document.

    Takes the options of :func:`extract_all`.

    >>> from ofstedmine import parse
    >>> extract(parse(b"Joint targeted area inspection of Anytown", kind="text"), findings=False).metadata.kind.value
    'jtai'
    """
    return extract_all(document, **options)[0]


from ofstedmine._callable import make_callable  # noqa: E402

make_callable(__name__, extract)

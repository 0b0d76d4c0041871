"""Sentence-level findings: themes, polarity and the cues that decided it.

A *finding* is a body sentence that carries a codebook theme or a judgement of
practice. Headings, the judgement table, contents pages, context data
("Information about this local authority area"), procedure ("Information about
this inspection"), the improvement lists that
:mod:`ofstedmine.extract.recommendations` reads, and Ofsted's address and licence
text are skipped.

Polarity is read the way an experienced reader of these reports reads it:

* **concern**: criticism, including hedged criticism ("not yet consistently",
  "too many", "some children experience delay") and a weakness that leaders are
  aware of or plan to address;
* **strength**: practice praised or an improvement achieved;
* **mixed**: a sentence that clearly does both, across a contrast ("X has
  improved, but Y remains weak");
* **neutral**: context, figures, procedure.

The word lists and rules live in :mod:`ofstedmine.extract.polarity`
(``polarity_of`` is re-exported here). See ``docs/accuracy-findings.md`` for
the measured accuracy.

>>> polarity_of("Strategy meetings are not consistently timely.")
(<Polarity.CONCERN: 'concern'>, ('not consistently timely',))
>>> polarity_of("Assessments have improved, but some plans remain too vague.")[0].value
'mixed'
"""

from __future__ import annotations

import contextlib
import gc
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ofstedmine.extract.polarity import polarity_of
from ofstedmine.types import (
    BlockKind,
    Document,
    DocumentKind,
    Finding,
    FindingPosition,
    Locator,
    Polarity,
)

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from ofstedmine.extract.codebook import Codebook
    from ofstedmine.extract.themefilter import ThemeFilter

__all__ = [
    "JudgedSentence",
    "body_blocks",
    "body_sentences",
    "extract_findings",
    "judged_sentences",
    "polarity_of",
    "themes_of",
]

# ------------------------------------------------------------------ selection

# Sections that hold no findings: navigation, context, procedure, boilerplate,
# and the improvement lists that recommendations.py reads.
_SKIP_SECTION = re.compile(
    r"^(information about (this|the) (inspection|local authority|area)"
    r"|children living in this area|child protection in this area"
    r"|children looked after in this area|other ofsted inspections|previous ofsted inspections"
    r"|other information about this area|the inspection team"
    r"|what the inspection judge?ments mean|the casework model"
    r"|recommendations?\b|what needs? to improve|what does the (local authority|lscb) need"
    r"|priority (and immediate )?actions?|areas? for priority action|next steps)",
    re.IGNORECASE,
)
_AREAS_FOR_IMPROVEMENT = re.compile(r"^areas? for improvement", re.IGNORECASE)
_CONTENTS = re.compile(r"^contents\b", re.IGNORECASE)
# Ofsted's address, licence and letter furniture, and procedural sentences; lower
# case, found by substring (a block is boilerplate if its opening holds one).
_BOILERPLATE = (
    "piccadilly gate",
    "store street",
    "store st ",
    "enquiries@ofsted",
    "gov.uk/ofsted",
    "textphone",
    "crown copyright",
    "open government licence",
    "nationalarchives",
    "reports.ofsted.gov.uk",
    "eepurl",
    "subscribe to our",
    "email alerts",
    "skills (ofsted) regulates",
    "would like a copy of this document",
    "this report is available at",
    "this publication is available at",
    "you may reuse",
    "you may re-use",
    "you may copy",
    "yours sincerely",
    "ofsted will take the findings",
    "this letter summarises",
    "ofsted produces this report",
    "carried out under section",
    "was carried out in line with",
    "agreed arrangements to deliver this visit",
    "education and inspections act",
    "have been cross-referenced with the outcomes",
)
_BOILERPLATE_START = re.compile(
    r"(dear |(her|his) majesty.s inspector|reference no|no\. \d{6}|lead inspector|"
    r"inspection dates?:|report published|\(?(outcome|enabler|principle) \d+, national framework)"
)
# A printed paragraph number ("12." or "12.Many") or a bullet glyph at a block's start.
_LEAD = re.compile(r"^\s*(?:\d{1,3}(?:\.\d{1,2})?\.?\s*(?=[A-Z‘“'\"(])|[\uf000-\uf0ff•●▪■◦–·-]\s*)")
_TERMINAL = (".", "!", "?", ":", ";", "”", '"', ")", "’")


def _skip_section(path: tuple[str, ...], jtai: bool) -> bool:
    if path and _CONTENTS.match(path[-1]):
        return True
    for heading in path:
        if _SKIP_SECTION.match(heading):
            return True
        # JTAI letters use "Areas for improvement" for narrative findings.
        if not jtai and _AREAS_FOR_IMPROVEMENT.match(heading):
            return True
    return False


def _is_boilerplate(text: str) -> bool:
    head = text[:200].lower()
    return bool(_BOILERPLATE_START.match(head)) or any(k in head for k in _BOILERPLATE)


def body_blocks(
    document: Document, span: tuple[int, int] | None = None
) -> Iterator[tuple[int, str]]:
    """(offset, text) of each block that may hold findings, leading numbers stripped.

    >>> from ofstedmine import parse
    >>> doc = parse(b"Findings\\n\\n12. Children wait too long for plans.\\n\\n"
    ...             b"Piccadilly Gate Store Street Manchester M1 2WD.", kind="text")
    >>> [text for _, text in body_blocks(doc)]
    ['Children wait too long for plans.']
    """
    import bisect

    lo, hi = span or (0, len(document.text))
    jtai = document.kind is DocumentKind.JTAI
    sections = sorted(document.sections, key=lambda s: (s.start, -s.end))
    starts = [s.start for s in sections]
    skipped = [_skip_section(s.path, jtai) for s in sections]
    pseudo_skip = False  # inside a list under a heading-like paragraph ("What needs to improve?")
    for block in document.blocks:
        if block.start < lo or block.start >= hi:
            continue
        if block.kind in (BlockKind.HEADING, BlockKind.TABLE_ROW):
            pseudo_skip = False
            continue
        text = document.text[block.start : min(block.end, hi)]
        if len(text) < 80 and not text.rstrip().endswith(".") and _SKIP_SECTION.match(text.strip()):
            pseudo_skip = True  # a heading the layout read as a paragraph
            continue
        if pseudo_skip:
            continue
        if not ("." in text or "?" in text or "!" in text):
            continue  # judgement-table cells, labels, data lines
        if _is_boilerplate(text):
            continue
        # The innermost section holding the block: sections nest, so walking
        # back from the last one opened, the first that still holds it.
        i = bisect.bisect_right(starts, block.start) - 1
        while i >= 0 and sections[i].end <= block.start:
            i -= 1
        if i >= 0 and skipped[i]:
            continue
        m = _LEAD.match(text)
        cut = m.end() if m else 0
        yield block.start + cut, text[cut:]


def body_sentences(
    document: Document,
    nlp: Language,
    span: tuple[int, int] | None = None,
    *,
    batch_size: int = 64,
) -> Iterator[tuple[int, int, Doc, tuple[int, int]]]:
    """Each body sentence as (start, end, doc, (token start, token end)).

    ``start``/``end`` index ``document.text``; ``doc`` is the processed block.
    """
    from ofstedmine.extract.nlp import doc_text, make_doc, sentence_bounds

    blocks = list(body_blocks(document, span))
    docs = nlp.pipe((make_doc(nlp, t) for _, t in blocks), batch_size=batch_size)
    for (offset, _), doc in zip(blocks, docs):
        whole = doc_text(doc)
        for ts, te, cs, ce in sentence_bounds(doc):
            text = whole[cs:ce]
            stripped = text.strip()
            if len(stripped) < 20 or not stripped.endswith(_TERMINAL):
                continue
            if len(stripped.split()) < 4:
                continue
            start = offset + cs + len(text) - len(text.lstrip())
            yield start, start + len(stripped), doc, (ts, te)


# --------------------------------------------------------------------- themes


def themes_of(
    text: str,
    *,
    codebook: Codebook | None = None,
    model: str | None = None,
    theme_filter: bool = True,
) -> tuple[str, ...]:
    """The codebook themes a piece of text is about, in codebook order.

    ``theme_filter=False`` gives every theme the codebook's patterns match (see
    :func:`extract_findings`).

    >>> themes_of("Strategy meetings are held promptly, and caseloads are manageable.")
    ('caseloads', 'child_protection_enquiries', 'drift_and_delay')
    """
    from ofstedmine.extract.codebook import load_codebook
    from ofstedmine.extract.nlp import THEME_SPANS_KEY, get_nlp

    cb = codebook or load_codebook()
    doc = get_nlp(model, codebook=cb)(text)
    found = {sp.label_ for sp in doc.spans.get(THEME_SPANS_KEY, [])}
    filt = _filter_for(cb) if theme_filter else None
    if filt is not None and (found or filt.sentence_intercepts):
        found = filt.keep([tok.lemma_ for tok in doc], doc.user_data.get(THEME_SPANS_KEY, []))
    return tuple(t for t in cb.ids if t in found)


_LEMMA_TEXT: dict[int, str] = {}  # lemma hash -> text, shared: lemmas repeat across documents


def _lemma_strings(doc: Doc) -> list[str]:
    """Every token's lemma, from one ``to_array`` call and a cache of hash -> text."""
    from spacy.attrs import LEMMA

    strings, cache = doc.vocab.strings, _LEMMA_TEXT
    out = []
    for h in doc.to_array(LEMMA).tolist():
        text = cache.get(h)
        if text is None:
            text = strings[h]
            if len(cache) < 500_000:
                cache[h] = text
        out.append(text)
    return out


def _filter_for(codebook: Codebook) -> ThemeFilter | None:
    """The shipped theme filter if it was trained for this codebook, else None."""
    from ofstedmine.extract.themefilter import load_theme_filter

    filt = load_theme_filter()
    return filt if filt.applies_to(codebook.name) else None


# ------------------------------------------------------------------- findings


def extract_findings(
    document: Document,
    *,
    span: tuple[int, int] | None = None,
    codebook: Codebook,
    model: str | None = None,
    theme_filter: bool = True,
) -> list[Finding]:
    """One :class:`~ofstedmine.types.Finding` per body sentence with a theme or a judgement.

    Parameters
    ----------
    document
        A parsed document.
    span
        The part of ``document.text`` to read (a file may hold two reports).
    codebook
        The theme codebook.
    model
        ``None`` for the fast rule pipeline, or a spaCy model name.
    theme_filter
        The themes the sentence is *about*, by the trained models of
        :mod:`ofstedmine.extract.themefilter` (default): matched themes the
        sentence only mentions are dropped, and themes it is about with no
        codebook phrase are added. They apply to the codebook they were
        trained for (or that codebook extended); other codebooks' themes are
        kept as matched. ``False`` gives every theme the codebook's patterns
        match, and only those.

    Examples
    --------
    >>> from ofstedmine import parse
    >>> from ofstedmine.extract.codebook import load_codebook
    >>> doc = parse(b"Findings\\n\\nToo many children wait for strategy meetings. "
    ...             b"The council covers a rural area.", kind="text")
    >>> [(f.polarity.value, f.themes) for f in extract_findings(doc, codebook=load_codebook())]
    [('concern', ('child_protection_enquiries', 'drift_and_delay'))]
    """
    from ofstedmine.extract.nlp import get_nlp

    nlp = get_nlp(model, codebook=codebook)
    order = {t: i for i, t in enumerate(codebook.ids)}
    filt = _filter_for(codebook) if theme_filter else None
    reads_all = filt is not None and bool(filt.sentence_intercepts)  # unmatched sentences too
    with _collection_paused():
        return _findings(document, nlp, span, codebook, order, filt, reads_all)


@contextlib.contextmanager
def _collection_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused while one document is read.

    Reading a document makes hundreds of thousands of short-lived objects (tokens,
    features, sets) and no reference cycles; collections triggered by them traverse
    every long-lived object of the process (the models, spaCy's vocabulary) again
    and again, about a sixth of the time. The collector's state is restored after
    the document, so the process collects as usual between documents.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _findings(document, nlp, span, codebook, order, filt, reads_all) -> list[Finding]:
    from ofstedmine.extract.polarity_model import load_polarity_model

    sentences = list(judged_sentences(document, nlp, span))
    decided: dict[int, set[str]] = {}
    if filt is not None:
        # every sentence the models read, decided together (one array operation)
        asked = [k for k, x in enumerate(sentences) if x.matches or reads_all]
        lemmas: dict[int, list[str]] = {}  # block -> its lemmas: one array read per block
        batch = []
        for k in asked:
            x = sentences[k]
            if id(x.doc) not in lemmas:
                lemmas[id(x.doc)] = _lemma_strings(x.doc)
            batch.append((lemmas[id(x.doc)][x.tokens[0] : x.tokens[1]], x.matches))
        decided = dict(zip(asked, filt.keep_many(batch), strict=True))
    judged = load_polarity_model().predict([x.features() for x in sentences])
    findings = []
    for k, x in enumerate(sentences):
        found = decided[k] if k in decided else {t for _, _, t in x.matches}
        themes = tuple(sorted((t for t in found if t in order), key=order.__getitem__))
        polarity, confidence = judged[k]
        if not themes and polarity is Polarity.NEUTRAL:
            continue
        findings.append(
            Finding(
                text=x.text,
                polarity=polarity,
                locator=x.locator,
                themes=themes,
                cues=x.cues,
                confidence=confidence,
                position=x.position,
                leads_paragraph=x.leads,
            )
        )
    return findings


@dataclass(slots=True)
class JudgedSentence:
    """A body sentence with what the polarity model reads about it."""

    start: int
    end: int
    text: str
    doc: Doc
    tokens: tuple[int, int]
    matches: list[tuple[int, int, str]]  # codebook matches, token offsets in the sentence
    rule: Polarity
    cues: tuple[str, ...]
    locator: Locator
    heading: str
    previous: Polarity | None
    leads: bool

    @property
    def position(self) -> FindingPosition:
        return _position(self.locator.section)

    def features(self) -> list[str]:
        from ofstedmine.extract.polarity_model import sentence_features

        return sentence_features(
            self.text, self.rule, self.cues, heading=self.heading, previous=self.previous
        )


def _position(section: tuple[str, ...]) -> FindingPosition:
    from ofstedmine.extract.polarity_model import heading_class

    for heading in section:
        if heading_class(heading) in ("summary", "strengths", "improve"):
            return FindingPosition.SUMMARY
    return FindingPosition.BODY


def judged_sentences(
    document: Document, nlp: Language, span: tuple[int, int] | None = None
) -> Iterator[JudgedSentence]:
    """Every body sentence, in order, with the rules' verdict and its context."""
    from ofstedmine.extract.nlp import POLARITY_KEY, THEME_SPANS_KEY

    previous: Polarity | None = None
    last_block = None
    for start, end, doc, (ts, te) in body_sentences(document, nlp, span):
        matches = doc.user_data.get(THEME_SPANS_KEY)
        inside = (
            [(ms - ts, me - ts, t) for ms, me, t in matches if ts <= ms < te] if matches else []
        )
        rule, cues = doc.user_data[POLARITY_KEY][(ts, te)]
        loc = document.locate(start, end)
        leads = last_block is not doc
        last_block = doc
        yield JudgedSentence(
            start=start,
            end=end,
            text=document.text[start:end],
            doc=doc,
            tokens=(ts, te),
            matches=inside,
            rule=rule,
            cues=cues,
            locator=loc,
            heading=" > ".join(loc.section[-2:]),
            previous=previous,
            leads=leads,
        )
        previous = rule

"""Quoted findings in secondary sources: news articles and council minutes.

:func:`extract_quotes` finds the sentences of an article (or of minutes) that
quote Ofsted or a DfE notice, and returns each as a
:class:`~ofstedmine.types.Finding` whose ``quoted_from`` names what is quoted.

Finding quotations
------------------
Quotations are text between curly or straight double quotes, and between single
quotes when the phrase has two words or more (an apostrophe inside a word is
not a quote mark). A paragraph that opens a quotation and does not close it
continues into the next paragraph that opens with a quote mark (the newspaper
convention for long quotations); a short line without closing punctuation in
between (a "related article" link) is passed over. One-word quotations are kept
only when they are a grade ("inadequate") and the sentence names Ofsted.

Who is quoted
-------------
Each sentence holding a quotation is given a speaker from the words outside the
quote marks: a reporting verb ("says", "said", "found", "warned", "adds",
"highlighted", "according to", …) and its subject or object.

* **Ofsted** when that phrase names Ofsted, inspectors, the watchdog, the report,
  the letter or the visit ("The report says: …", "inspectors found that …",
  "…, inspectors warned in March");
* **DfE** when it names a direction or improvement notice, the government, the
  department or a minister ("the direction notice said …", "…, a minister
  said");
* "it"/"they" take the speaker of the previous quotation;
* anyone else (a councillor, a chief executive, "the plan") is **not** a quoted
  finding, unless the quoted words are found in a known Ofsted document (below);
* a quotation with no reporting verb in its sentence takes the speaker of the
  next sentence when that sentence points back to it ("These were among the
  findings Ofsted made …"), or else the Ofsted or DfE speaker of an earlier
  quotation in the same paragraph (reported speech going on); a quotation that
  runs over several sentences or paragraphs is read as a whole, so a reporting
  verb after its last sentence counts ("“…. …,” inspectors warned").

Attribution rule (``quoted_from``)
----------------------------------
Only what was published or happened **on or before the article's date** can be
quoted: held documents published later and later events are never candidates.
The article's date is its ``publication.published``, or the first date printed in
its opening lines; with no date, nothing is excluded, and only a month or year
printed in full can date a quotation.

1. **A held text.** The quoted words are compared with the text of every document
   in ``known_documents``, near-verbatim: both are folded to lower-case words
   (hyphens, punctuation, quote marks and line breaks dropped, so
   "decision-making" and "decision making" agree) and the share of the
   quotation's word 4-grams found in the document is computed. A quotation of six
   words or more whose share is at least :data:`MATCH_SHARE` is attributed to the
   best-matching document's ``id``. A shorter one is attributed when it occurs
   word for word in the document that the article's longer quotations matched. A
   matched quotation counts as an Ofsted quotation whoever the article says is
   speaking.
2. **What the article describes.** Otherwise an Ofsted or DfE quotation goes to
   the held document or dated event (``events``) whose kind and date the
   article's words describe. The kinds allowed follow the speaker's words: a
   direction notice → ``dfe_direction``; an improvement notice →
   ``dfe_improvement_notice``; the government or the department → either (the one
   the article names); a letter, a visit or a monitoring visit →
   ``monitoring_visit`` or ``focused_visit``; a report, an inspection or just
   "inspectors" → any Ofsted kind (newspapers call a monitoring letter "the
   report"); within those, the kinds the sentence names ("monitoring visit",
   "focused visit", "JTAI", "inspection") are tried first. The authority must
   agree with the article's when both are known. An event that a held document
   stands for (its ``document_id``, or the same kind published up to 120 days
   after it) is that document, dated by the event. The words read, outside the
   quote marks, are first the quoting sentence's, then those of every sentence of
   the article about such an event ("the visit took place in November"):

   * an ordinal ("the second monitoring visit", "the Trust's third visit"): the
     n-th of the kind after what a "since …" clause names (its dates, the latest
     inspection when it speaks of a judgement, the trust's start when it names
     the trust), after the trust's start for "the Trust's …", else after the
     latest inspection;
   * months ("in November", "November 2023", "last month's inspection", "this
     month", "today"): the latest of the kind in one of them; a held report also
     fits a month up to three months before its publication ("the inspection in
     November", published in January). A bare month takes the article's year (the
     previous year if it is later in the year than the article);
   * years ("in 2018", "the 2018 inspection", "last year"): the latest of the
     kind in one of them;
   * "the latest report", "the most recent inspection", "its last letter": the
     latest of the kind.

   The sentence's own words are read in that order (ordinal, months, years,
   latest); the article's other sentences months first. Dates in a "since …"
   clause only anchor an ordinal. A quotation whose speaker is the previous one
   ("it also said …") and whose sentence describes nothing takes the previous
   quotation's source.
3. **A unique phrase.** Otherwise a short Ofsted quotation found word for word in
   exactly one held document goes to it (short phrases such as "drift and delay"
   are in many reports, so they prove nothing on their own; a phrase only one
   report holds does — but what the article describes comes first).
4. **An event without text.** Otherwise the latest event of the allowed kinds is
   taken, preferring those in the months that the quoting sentence names, or if
   it names none, those the article names in sentences about such an event, or
   if none, any it names. An event whose text is held (``Event.document_id``)
   gives that id; any other gives ``"event:<kind>:<YYYY-MM-DD>"`` with the
   event's date (the first of the month for an event known only to the month, as
   :mod:`ofstedmine.sources.events` stores it).
5. **An event described only by the article.** With no matching event, the
   month chosen as in 4 and the kind give ``"event:<kind>:<YYYY-MM-01>"``; the
   kind is the speaker's (a direction, a notice), or for an Ofsted source the
   one the article names: a focused visit, a monitoring visit (also when it
   speaks of "the visit" and never of an inspection), else an inspection.
6. Otherwise ``quoted_from`` is ``None``: the sentence is still a quoted finding.

Each finding's ``text`` is the article's sentence (whitespace collapsed), its
locator spans that sentence, and its themes and polarity come from
:func:`ofstedmine.extract.findings.themes_of` and
:func:`~ofstedmine.extract.findings.polarity_of` (polarity is read on the quoted
words).

The package, by job: :mod:`~ofstedmine.extract.quotes.quotations` (quotations and
sentences), :mod:`~ofstedmine.extract.quotes.speakers` (who is quoted),
:mod:`~ofstedmine.extract.quotes.matching` (held texts),
:mod:`~ofstedmine.extract.quotes.dates` (the dates an article names),
:mod:`~ofstedmine.extract.quotes.events` (held documents and events) and
:mod:`~ofstedmine.extract.quotes.descriptions` (what the article describes).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import ofstedmine.extract.findings as findings
from ofstedmine.extract.quotes.dates import _article_date, _months_named, _published_by
from ofstedmine.extract.quotes.descriptions import (
    _CONTEXT_ORDER,
    _SENTENCE_ORDER,
    _Desc,
    _describe,
    _described,
    _merge,
)
from ofstedmine.extract.quotes.events import (
    _EVENT_WORDS,
    _KINDS_OF,
    _event_id,
    _event_months,
    _family,
    _pick_event,
    _synthetic,
    _targets,
)
from ofstedmine.extract.quotes.matching import _LONG, MATCH_SHARE, _Index, _words
from ofstedmine.extract.quotes.quotations import _block_of, _quotes, _sentences, quote_spans
from ofstedmine.extract.quotes.speakers import _BACKREF, _GRADE, _outside, _speaker
from ofstedmine.types import Document, Event, Finding

if TYPE_CHECKING:
    from ofstedmine.extract.codebook import Codebook

__all__ = ["MATCH_SHARE", "extract_quotes", "quote_spans"]

_I = re.IGNORECASE


def _helpers(codebook: Any):
    """``themes_of`` (bound to ``codebook``) and ``polarity_of`` of
    :mod:`ofstedmine.extract.findings`."""
    return (lambda text: tuple(findings.themes_of(text, codebook=codebook))), findings.polarity_of


def extract_quotes(
    document: Document,
    *,
    known_documents: Iterable[Document] = (),
    events: Iterable[Event] = (),
    codebook: Codebook | None = None,
) -> list[Finding]:
    """The sentences of a news article or minutes that quote Ofsted or a DfE notice.

    Parameters
    ----------
    document
        A parsed secondary source (``parse(path)`` of a ``.txt`` or ``.html``).
    known_documents
        Parsed Ofsted (or DfE) documents whose text is held: a quotation that
        matches one near-verbatim is attributed to its ``id``.
    events
        Dated events (monitoring visits, directions, …) whose text is not held.
    codebook
        The theme codebook (the packaged one by default).

    Returns
    -------
    list of Finding
        One per quoting sentence, in text order, with ``quoted_from`` set by the
        attribution rule of this module's docstring.

    Examples
    --------
    >>> from ofstedmine import parse
    >>> doc = parse("Ofsted report on Anytown\\n\\nInspectors found that \\u201cchildren wait "
    ...             "far too long for help\\u201d. The mayor said: \\u201cWe will do better.\\u201d"
    ...             .encode(), kind="text")
    >>> [(f.text, f.quoted_from) for f in extract_quotes(doc)]
    [('Inspectors found that “children wait far too long for help”.', None)]
    """
    text = document.text
    quotes = _quotes(document)
    if not quotes:
        return []
    when = _article_date(document)
    # only what was published (or happened) on or before the article can be quoted
    known = _Index(d for d in known_documents if d.id != document.id and _published_by(d, when))
    events = tuple(events)
    targets = _targets(known.docs, events, document.authority, when)
    sentences = _sentences(document)
    all_pieces = [p for q in quotes for p in q.pieces]

    def sentence_of(pos: int) -> int:
        for i, (s, e) in enumerate(sentences):
            if s <= pos < e:
                return i
        return max(0, len(sentences) - 1)

    # 1. speaker of each quotation
    speakers: list[tuple[str | None, str]] = []
    carried: list[bool] = []  # the speaker is the previous quotation's ("it said", …)
    spans: list[tuple[int, int]] = []  # the sentences that hold each quotation
    previous: tuple[str | None, str] = (None, "")
    previous_block: int | None = None
    for q in quotes:
        i = sentence_of(q.pieces[0][0])
        j = max(i, sentence_of(max(q.pieces[-1][1] - 1, q.pieces[-1][0])))
        s, e = sentences[i][0], sentences[j][1]
        spans.append((s, e))
        who, phrase = _speaker(_outside(text, s, e, all_pieces))
        carry = False
        same_block = previous_block is not None and _block_of(document, s) == previous_block
        if who is None and i + 1 < len(sentences):
            ns, ne = sentences[i + 1]
            nxt = _outside(text, ns, ne, all_pieces).strip()
            if _BACKREF.match(nxt):
                who, phrase = "ofsted", nxt[:80]
        if who is None and same_block and previous[0] in ("ofsted", "dfe"):
            who, phrase = previous  # reported speech goes on in the same paragraph
            carry = True
        if who == "previous":
            who, phrase = previous[0], previous[1] + " " + phrase
            carry = True
        speakers.append((who, phrase))
        carried.append(carry)
        if who in ("ofsted", "dfe", "person"):
            previous = (who, phrase)
            previous_block = _block_of(document, s)

    # 2. text matching: each quotation, then the article's main document
    matches: list[tuple[Document | None, float]] = [known.best(q.text) for q in quotes]
    votes: dict[str, int] = {}
    for q, (doc, share) in zip(quotes, matches):
        if doc is not None and share >= MATCH_SHARE and len(_words(q.text)) >= _LONG:
            votes[doc.id] = votes.get(doc.id, 0) + len(_words(q.text))
    main_id = max(votes, key=votes.__getitem__) if votes else None

    contexts: dict[str, _Desc] = {}

    def context(fam: str) -> _Desc:
        """The article's sentences about such an event, described as one."""
        if fam not in contexts:
            rx = re.compile(_EVENT_WORDS[fam], _I)
            outs = (_outside(text, a, b, all_pieces) for a, b in sentences)
            contexts[fam] = _merge(_describe(o, when) for o in outs if rx.search(o))
        return contexts[fam]

    themes_of, polarity_of = _helpers(codebook)
    out: list[Finding] = []
    seen: set[int] = set()
    previous_source: str | None = None
    for q, (who, phrase), carry, (doc, share), (s, e) in zip(
        quotes, speakers, carried, matches, spans
    ):
        n_words = len(_words(q.text))
        source: str | None = None
        holders: list[Document] = []
        held = n_words >= _LONG and doc is not None and share >= MATCH_SHARE
        if not held and n_words < _LONG:
            grade = who == "ofsted" and bool(_GRADE.match(q.text.strip()))
            holders = known.holding(q.text) if n_words >= 2 or grade else []
            if main_id in [d.id for d in holders]:
                held, source = True, main_id
        if held and source is None and doc is not None:
            source = doc.id
        if not held:
            if who not in ("ofsted", "dfe"):
                previous_source = None
                continue
            if n_words < 2 and not (who == "ofsted" and _GRADE.match(q.text.strip())):
                continue
            fam = _family(who, phrase, text[s:e], text)
            kinds = _KINDS_OF[fam]
            own = _describe(_outside(text, s, e, all_pieces), when)
            hit = _described(own, kinds, targets, when, _SENTENCE_ORDER)
            if hit is None and carry and previous_source is not None:
                source = previous_source  # "it also said …": the same document
            elif hit is None:
                hit = _described(context(fam), kinds, targets, when, _CONTEXT_ORDER)
            if hit is not None:
                source = hit.ref
            elif source is None and who == "ofsted" and len(holders) == 1:
                # found word for word in exactly one earlier held text: its quotation
                source = holders[0].id
            if source is None:
                months = _months_named(text[s:e], when) or _event_months(text, sentences, when, fam)
                event = _pick_event(events, kinds, document.authority, when, months)
                if event is not None:
                    source = _event_id(event)
                else:
                    source = _synthetic(kinds, months, text, when)
        previous_source = source
        for a, b in q.pieces:
            i = sentence_of(a)
            last = sentence_of(max(a, b - 1))
            for k in range(i, last + 1):
                if k in seen:
                    continue
                seen.add(k)
                s, e = sentences[k]
                sentence = " ".join(text[s:e].split())
                quoted = " ".join(
                    " ".join(text[max(s, pa) : min(e, pb)].split())
                    for pa, pb in all_pieces
                    if pa < e and pb > s
                )
                polarity, cues = polarity_of(quoted or sentence)
                out.append(
                    Finding(
                        text=sentence,
                        polarity=polarity,
                        locator=document.locate(s, e),
                        themes=themes_of(sentence),
                        cues=tuple(cues),
                        quoted_from=source,
                    )
                )
    out.sort(key=lambda f: f.locator.start)
    return out

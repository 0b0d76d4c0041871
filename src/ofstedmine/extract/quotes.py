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
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from ofstedmine.types import Document, DocumentKind, Event, EventKind, Finding, Polarity

if TYPE_CHECKING:
    from ofstedmine.extract.codebook import Codebook

__all__ = ["MATCH_SHARE", "extract_quotes", "quote_spans"]

#: Share of a quotation's word 4-grams that must occur in a document's text.
MATCH_SHARE = 0.5
_GRAM = 4
_LONG = 6  # words: a quotation this long can be matched on its own

_I = re.IGNORECASE
_OPEN_D = "\u201c\u201e"
_CLOSE_D = "\u201d"
_OPEN_S = "\u2018"
_CLOSE_S = "\u2019"

_VERB = (
    r"says|said|say|adds|added|found|finds|warned|warns|states|stated|notes|noted|"
    r"highlighted|highlights|concluded|concludes|described|describes|reported|reports|"
    r"wrote|writes|judged|criticised|identified|observed|comments|commented|"
    r"acknowledged|acknowledges|praised|explained"
)
_VERB_RE = re.compile(rf"\b(?:{_VERB})\b", _I)
_ACCORDING = re.compile(r"\baccording to\b([^,.;:]{0,60})", _I)
_DFE = re.compile(
    r"\b(?:direction notice|improvement notice|statutory direction|the notice|the direction|"
    r"government|department for education|\bdfe\b|the department|minister|secretary of state)\b",
    _I,
)
_OFSTED = re.compile(
    r"\b(?:ofsted|inspectors?|inspection|watchdog|report|letter|visit|findings?|"
    r"monitoring|hmi)\b",
    _I,
)
_PERSON = re.compile(
    r"\b(?:cllr|councillor|chief executive|director|leader|chair|chairman|mayor|mr|mrs|ms|"
    r"miss|dr|spokes(?:wo)?(?:man|person)|head|he|she|member|mp|officer|manager|minutes|"
    r"the plan|the council|the trust)\b",
    _I,
)
_PRONOUN = re.compile(r"(?:^|\W)(?:it|they)(?:\s+(?:also|then|have|had|has|further))?\s*$", _I)
_BACKREF = re.compile(
    r"^(?:this|these|that|those|it|they)\s+(?:was|were|is|are)\b.{0,80}?"
    r"\b(?:findings?|criticisms?|conclusions?|words?|judgements?)\b.{0,60}?"
    r"\b(?:ofsted|inspectors?|report)\b",
    _I,
)
_GRADE = re.compile(
    r"^(?:inadequate|good|outstanding|requires improvement(?: to be good)?|adequate)\W*$", _I
)
_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_MONTH_RE = re.compile(
    r"\b(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b(?:\s+(\d{4}))?",
    _I,
)
_DATE_RES = (
    # 16 September 2021, 13th Dec 2023
    re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\b"),
    # September 16, 2021
    re.compile(r"\b([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b"),
)
_SENT_END = re.compile(r"(?<=[.!?])[\u201d\u2019\"')\]]*\s+(?=[\u201c\u2018\"'(\[]?[A-Z0-9])")


# ------------------------------------------------------------------ quotations


@dataclass
class _Quote:
    """One quotation: its pieces (``start``, ``end`` in the text, marks excluded)."""

    pieces: list[tuple[int, int]] = field(default_factory=list)
    double: bool = True
    _texts: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(self._texts)

    def add(self, text: str, start: int, end: int) -> None:
        if end > start:
            self.pieces.append((start, end))
            self._texts.append(text[start:end])


def _is_open(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([{-\u2013\u2014:") and not after.isspace()


def _is_close(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not before.isspace() and not after.isalnum()


def _paragraph_quotes(text: str, start: int, end: int, carry: _Quote | None):
    """Quotations in one paragraph; returns (closed quotes, quote still open)."""
    out: list[_Quote] = []
    cur = carry
    piece_start = start if carry is not None else None
    i = start
    while i < end:
        c = text[i]
        if cur is not None and cur.double:
            if c in _CLOSE_D or (c == '"' and _is_close(text, i)):
                cur.add(text, piece_start, i)
                out.append(cur)
                cur, piece_start = None, None
            elif (c in _OPEN_D or c == '"') and i == piece_start:
                piece_start = i + 1  # the continuation paragraph's own opening mark
        elif cur is not None:  # single quotes
            if (c == _CLOSE_S or c == "'") and _is_close(text, i):
                cur.add(text, piece_start, i)
                out.append(cur)
                cur, piece_start = None, None
        elif c in _OPEN_D or (c == '"' and _is_open(text, i)):
            cur, piece_start = _Quote(double=True), i + 1
        elif (c == _OPEN_S or c == "'") and _is_open(text, i):
            close = _single_close(text, i + 1, end)
            if close is not None:
                q = _Quote(double=False)
                q.add(text, i + 1, close)
                out.append(q)
                i = close
        i += 1
    if cur is not None:
        cur.add(text, piece_start, end)
        if not cur.double:
            out.append(cur)
            cur = None
    return out, cur


def _single_close(text: str, i: int, end: int) -> int | None:
    for j in range(i, min(end, i + 300)):
        c = text[j]
        if c in _OPEN_D or c in _CLOSE_D or c == '"':
            return None
        if (c == _CLOSE_S or c == "'") and _is_close(text, j):
            nxt = text[j + 1] if j + 1 < len(text) else " "
            if text[j - 1].isalpha() and nxt == "s":
                continue
            return j
    return None


def quote_spans(document: Document) -> list[list[tuple[int, int]]]:
    """The quotations of a document: for each, its pieces' spans in ``document.text``.

    >>> from ofstedmine import parse
    >>> doc = parse(b'The report says: \\xe2\\x80\\x9cChildren wait too long.\\xe2\\x80\\x9d', kind="text")
    >>> [[doc.text[a:b] for a, b in q] for q in quote_spans(doc)]
    [['Children wait too long.']]
    """
    return [q.pieces for q in _quotes(document)]


def _quotes(document: Document) -> list[_Quote]:
    text = document.text
    blocks = document.blocks or ()
    spans = [(b.start, b.end) for b in blocks] or [(0, len(text))]
    out: list[_Quote] = []
    carry: _Quote | None = None
    for k, (a, b) in enumerate(spans):
        para = text[a:b].strip()
        if carry is not None:
            opens = para[:1] in _OPEN_D + '"'
            if not opens:
                nxt = (
                    text[spans[k + 1][0] : spans[k + 1][1]].lstrip()[:1]
                    if k + 1 < len(spans)
                    else ""
                )
                if (
                    len(para) < 100
                    and not para.endswith((".", "!", "?", ":"))
                    and nxt in _OPEN_D + '"'
                ):
                    continue  # a link or a cross-heading inside a long quotation
                out.append(carry)
                carry = None
        lead = a + (len(text[a:b]) - len(text[a:b].lstrip()))
        found, carry = _paragraph_quotes(text, lead, b, carry)
        out.extend(found)
    if carry is not None:
        out.append(carry)
    out.sort(key=lambda q: q.pieces[0][0] if q.pieces else 0)
    return [q for q in out if q.pieces]


# ------------------------------------------------------------------- sentences


def _sentences(document: Document) -> list[tuple[int, int]]:
    text = document.text
    spans = [(b.start, b.end) for b in document.blocks] or [(0, len(text))]
    out = []
    for a, b in spans:
        pos = a
        for m in _SENT_END.finditer(text, a, b):
            out.append((pos, m.start()))
            pos = m.end()
        out.append((pos, b))
    return [(s, e) for s, e in out if text[s:e].strip()]


# -------------------------------------------------------------------- speakers


def _classify(phrase: str) -> str | None:
    """Who the words around a reporting verb name: ofsted, dfe, previous, person or None."""
    if _DFE.search(phrase):
        return "dfe"
    if _OFSTED.search(phrase):
        return "ofsted"
    if _PRONOUN.search(phrase):
        return "previous"
    if _PERSON.search(phrase) or re.search(r"\b[A-Z][a-z]+ [A-Z][a-z]+\b", phrase):
        return "person"
    return None


def _outside(text: str, start: int, end: int, quotes: Sequence[tuple[int, int]]) -> str:
    """A sentence's words outside its quotations (quoted words become '…')."""
    out, pos = [], start
    for a, b in sorted(quotes):
        if b <= start or a >= end:
            continue
        out.append(text[pos : max(pos, a - 1)])
        out.append(" \u2026 ")
        pos = min(end, b + 1)
    out.append(text[pos:end])
    return "".join(out)


def _speaker(outside: str) -> tuple[str | None, str]:
    """The speaker of a sentence's quotations and the phrase that named it."""
    m = _ACCORDING.search(outside)
    if m:
        who = _classify(m.group(1))
        if who:
            return who, m.group(0)
    best: tuple[str | None, str] = (None, "")
    for v in _VERB_RE.finditer(outside):
        # subject before the verb (up to the previous quotation or clause break)
        before = re.split(r"\u2026|[;:]", outside[: v.start()])[-1]
        before = " ".join(before.split()[-10:])
        after = re.split(r"\u2026|[,;:.]", outside[v.end() :])[0]
        after = " ".join(after.split()[:6])
        for phrase in (before, after):
            who = _classify(phrase)
            if who in ("ofsted", "dfe"):
                return who, f"{phrase} {v.group(0)}"
            if who and best[0] is None:
                best = (who, f"{phrase} {v.group(0)}")
    return best


# -------------------------------------------------------------------- matching


def _words(text: str) -> list[str]:
    text = text.casefold().replace("\u00ad", "")
    text = re.sub(r"(?<=\w)[-\u2010\u2011](?=\w)", "", text)
    return re.findall(r"[a-z0-9]+", text)


def _grams(words: Sequence[str]) -> set[int]:
    return {hash(tuple(words[i : i + _GRAM])) for i in range(len(words) - _GRAM + 1)}


class _Index:
    """Word 4-grams of the known documents, for near-verbatim matching."""

    def __init__(self, documents: Iterable[Document]):
        self.docs: list[Document] = []
        self.grams: list[set[int]] = []  # hashes of word 4-grams (small for many documents)
        self.flat: list[str] = []
        for d in documents:
            w = _words(d.text)
            self.docs.append(d)
            self.grams.append(_grams(w))
            self.flat.append(" " + " ".join(w) + " ")

    def best(self, text: str) -> tuple[Document | None, float]:
        w = _words(text)
        if len(w) < _GRAM or not self.docs:
            return None, 0.0
        grams = [hash(tuple(w[i : i + _GRAM])) for i in range(len(w) - _GRAM + 1)]
        scored = [(sum(g in s for g in grams) / len(grams), i) for i, s in enumerate(self.grams)]
        share, i = max(scored)
        return (self.docs[i], share) if share > 0 else (None, 0.0)

    def holding(self, text: str) -> list[Document]:
        w = _words(text)
        if not w:
            return []
        needle = " " + " ".join(w) + " "
        return [d for d, flat in zip(self.docs, self.flat) if needle in flat]


# ---------------------------------------------------------------------- events

_KINDS_OF = {
    "direction": (EventKind.DFE_DIRECTION,),
    "notice": (EventKind.DFE_IMPROVEMENT_NOTICE,),
    "dfe": (EventKind.DFE_DIRECTION, EventKind.DFE_IMPROVEMENT_NOTICE),
    "letter": (EventKind.MONITORING_VISIT, EventKind.FOCUSED_VISIT),
    "report": (
        EventKind.INSPECTION,
        EventKind.MONITORING_VISIT,
        EventKind.FOCUSED_VISIT,
        EventKind.JTAI,
    ),
    "ofsted": (
        EventKind.INSPECTION,
        EventKind.MONITORING_VISIT,
        EventKind.FOCUSED_VISIT,
        EventKind.JTAI,
    ),
}


def _family(who: str, phrase: str, sentence: str, article: str) -> str:
    words = f"{phrase} {sentence}".casefold()
    if who == "dfe":
        if "direction" in words:
            return "direction"
        if "improvement notice" in words:
            return "notice"
        if "direction" in article.casefold():
            return "direction"
        return "notice" if "improvement notice" in article.casefold() else "dfe"
    if re.search(r"\b(letter|visit|monitoring)\b", words):
        return "letter"
    if re.search(r"\b(report|inspection|judg\w+|rated)\b", words):
        return "report"
    return "ofsted"


def _article_date(document: Document) -> dt.date | None:
    pub = document.publication
    if pub is not None and pub.published:
        return pub.published
    return next(_full_dates(document.text[:600]), None)


def _full_dates(text: str) -> Iterator[dt.date]:
    """The dates printed with day, month and year in a text ("8 November 2023")."""
    for rx in _DATE_RES:
        for m in rx.finditer(text):
            g = m.groups()
            day, month, year = (g[0], g[1], g[2]) if g[0].isdigit() else (g[1], g[0], g[2])
            mon = _month_no(month)
            if mon:
                try:
                    yield dt.date(int(year), mon, int(day))
                except ValueError:
                    continue


def _month_no(name: str) -> int | None:
    name = name.casefold()[:3]
    for i, m in enumerate(_MONTHS, start=1):
        if m.startswith(name):
            return i
    return None


def _months_named(text: str, ref: dt.date | None) -> list[tuple[int, int]]:
    """(year, month) pairs named in a text; a bare month takes the year before ``ref``."""
    out = []
    for m in _MONTH_RE.finditer(text):
        word = m.group(1)
        if word.casefold() == "may" and not m.group(2) and not word[0].isupper():
            continue  # the verb
        if not word[0].isupper():
            continue
        mon = _month_no(word)
        if mon is None:
            continue
        if m.group(2):
            out.append((int(m.group(2)), mon))
        elif ref is not None:
            out.append((ref.year if mon <= ref.month else ref.year - 1, mon))
    return out


def _block_of(document: Document, offset: int) -> int | None:
    for i, b in enumerate(document.blocks):
        if b.start <= offset < b.end:
            return i
    return None


_EVENT_WORDS = {
    "direction": r"\bdirection\b",
    "notice": r"\bnotice\b",
    "dfe": r"\b(?:notice|direction)\b",
    "letter": r"\b(?:visit|letter)\b",
    "report": r"\b(?:visit|inspection|report|letter)\b",
    "ofsted": r"\b(?:visit|inspection|report|letter)\b",
}


def _event_months(
    text: str, sentences: Sequence[tuple[int, int]], when: dt.date | None, family: str
) -> list[tuple[int, int]]:
    """Months the article names in sentences about the event (else any it names)."""
    rx = re.compile(_EVENT_WORDS[family], _I)
    about = [
        m for s, e in sentences if rx.search(text[s:e]) for m in _months_named(text[s:e], when)
    ]
    return about or _months_named(text, when)


def _same_authority(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return True
    norm = lambda s: re.sub(r"[^a-z0-9]+", "", s.casefold())  # noqa: E731
    return norm(a) == norm(b) or norm(a).startswith(norm(b)) or norm(b).startswith(norm(a))


def _published_by(document: Document, when: dt.date | None) -> bool:
    """Whether a document was published on or before ``when``; True when either
    date is unknown."""
    pub = document.publication.published if document.publication else None
    return when is None or pub is None or pub <= when


def _event_id(event: Event) -> str:
    return event.document_id or f"event:{event.kind.value}:{event.date.isoformat()}"


def _pick_event(
    events: Sequence[Event],
    kinds: tuple[EventKind, ...],
    authority: str | None,
    when: dt.date | None,
    months: list[tuple[int, int]],
) -> Event | None:
    cands = [e for e in events if e.kind in kinds and _same_authority(e.authority, authority)]
    if when is not None:
        cands = [e for e in cands if e.date <= when]
    if not cands:
        return None
    named = [e for e in cands if (e.date.year, e.date.month) in months]
    if when is None and not named:
        return None  # neither the article's date nor a named month anchors the choice
    pool = named or cands
    return max(pool, key=lambda e: e.date)


def _synthetic(
    kinds: tuple[EventKind, ...], months: list[tuple[int, int]], article: str, when: dt.date | None
) -> str | None:
    if not months:
        return None
    low = article.casefold()
    kind = kinds[0]
    visit = re.search(r"\bvisit\b", low) and not re.search(r"\binspection\b", low)
    if EventKind.FOCUSED_VISIT in kinds and "focused visit" in low:
        kind = EventKind.FOCUSED_VISIT
    elif EventKind.MONITORING_VISIT in kinds and ("monitoring visit" in low or visit):
        kind = EventKind.MONITORING_VISIT
    elif EventKind.INSPECTION in kinds:
        kind = EventKind.INSPECTION
    if when is not None:
        months = [m for m in months if m <= (when.year, when.month)] or months
    year, month = max(months)
    return f"event:{kind.value}:{dt.date(year, month, 1).isoformat()}"


# ---------------------------------------------------------------- descriptions

_DOC_EVENT = {
    DocumentKind.FULL_INSPECTION: EventKind.INSPECTION,
    DocumentKind.JOINT_AREA_REVIEW: EventKind.INSPECTION,
    DocumentKind.MONITORING_VISIT: EventKind.MONITORING_VISIT,
    DocumentKind.FOCUSED_VISIT: EventKind.FOCUSED_VISIT,
    DocumentKind.JTAI: EventKind.JTAI,
    DocumentKind.DFE_DIRECTION: EventKind.DFE_DIRECTION,
    DocumentKind.DFE_IMPROVEMENT_NOTICE: EventKind.DFE_IMPROVEMENT_NOTICE,
}
#: Months by which a report's publication may follow the visit an article dates it by.
_REPORT_LAG = 3


@dataclass(frozen=True)
class _Target:
    """A held document or dated event that a quotation may come from."""

    ref: str  # what ``quoted_from`` gets
    kind: EventKind
    date: dt.date  # when it happened: the visit, else the publication
    available: dt.date  # when it could first be quoted
    published: dt.date | None = None  # a held document's publication
    precision: str = "day"


def _targets(
    documents: Sequence[Document],
    events: Sequence[Event],
    authority: str | None,
    when: dt.date | None,
) -> list[_Target]:
    """The held documents and events of the article's authority dated on or before
    ``when`` (all of them when it is unknown). An event that a held document stands
    for (its ``document_id``, or the same kind published up to 120 days after it)
    is that document, dated by the event."""
    held: list[_Target] = []
    for d in documents:
        kind = _DOC_EVENT.get(d.kind)
        pub = d.publication.published if d.publication else None
        if kind is None or pub is None or not _same_authority(d.authority, authority):
            continue
        if when is None or pub <= when:
            held.append(_Target(d.id, kind, pub, pub, pub))
    index = {t.ref: i for i, t in enumerate(held)}
    taken: set[int] = set()
    out: list[_Target] = []
    for e in events:
        if not _same_authority(e.authority, authority) or (when is not None and e.date > when):
            continue
        i = index.get(e.document_id) if e.document_id else None
        if i is None and not e.document_id:
            near = [
                (abs((t.available - e.date).days), j)
                for j, t in enumerate(held)
                if j not in taken and t.kind is e.kind and -7 <= (t.available - e.date).days <= 120
            ]
            i = min(near)[1] if near else None
        if i is not None and i not in taken:
            taken.add(i)
            held[i] = replace(held[i], date=e.date, precision=e.date_precision)
            continue
        out.append(_Target(_event_id(e), e.kind, e.date, e.date, precision=e.date_precision))
    return held + out


@dataclass
class _Desc:
    """What an article's words say of the document or event a quotation is from."""

    kinds: tuple[EventKind, ...] = ()
    months: list[tuple[int, int]] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    latest: bool = False
    ordinal: int | None = None
    since: str = ""  # the "since …" clause an ordinal counts from
    trust: bool = False  # "the Trust's second visit": counted from the trust's start


_NOUN = r"(?:monitoring\s+visit|focused\s+visit|visit|inspection|letter|report|judgement)s?\b"
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5,
    "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
}  # fmt: skip
_ORDINAL_RE = re.compile(
    r"\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d{1,2}(?:st|nd|rd|th))"
    rf"\b(?:\W+\w+){{0,2}}?\W+{_NOUN}",
    _I,
)
_TRUST_BEFORE = re.compile(r"\btrust(?:['\u2019]s|s['\u2019])?\s+$", _I)
_LATEST_RE = re.compile(
    rf"\b(?:latest|most\s+recent|newest|last)\b(?:\W+\w+){{0,2}}?\W+{_NOUN}"
    rf"|\bnew\W+(?:ofsted\W+)?{_NOUN}",
    _I,
)
_RELATIVE = re.compile(
    r"\b(?:(?:earlier\s+)?(this|last)\s+(week|month|year)(?:['\u2019]s)?|(today|yesterday))\b"
    r"(?:['\u2019]s)?",
    _I,
)
_SINCE = re.compile(r"\bsince\b[^.;:!?]*", _I)
_YEAR_RE = re.compile(r"(?<![\d/\u2013-])\b((?:19|20)\d{2})\b(?!\s*[/\u2013-]\s*\d)")
_KIND_NOUNS = (
    (
        re.compile(r"\bjoint\s+targeted(?:\s+area)?(?:\s+inspections?)?|\bjtais?\b", _I),
        EventKind.JTAI,
    ),
    (re.compile(r"\bmonitoring\b", _I), EventKind.MONITORING_VISIT),
    (re.compile(r"\bfocused\s+visits?\b", _I), EventKind.FOCUSED_VISIT),
    (
        re.compile(r"\bimprovement\s+notices?|\bnotices?\s+to\s+improve\b", _I),
        EventKind.DFE_IMPROVEMENT_NOTICE,
    ),
    (re.compile(r"\bdirections?\b", _I), EventKind.DFE_DIRECTION),
    (re.compile(r"\binspections?\b", _I), EventKind.INSPECTION),
)
_VISIT_NOUN = re.compile(r"\b(?:visit|letter)s?\b", _I)


def _shift_month(day: dt.date, months: int) -> tuple[int, int]:
    n = day.year * 12 + day.month - 1 + months
    return n // 12, n % 12 + 1


def _when_words(
    text: str, when: dt.date | None
) -> tuple[list[dt.date], list[tuple[int, int]], list[int]]:
    """The days, months and years a text names; "last month", "this year", "today"
    count from ``when`` (and are ignored without it)."""
    months: list[tuple[int, int]] = []
    years: list[int] = []

    def relative(m: re.Match) -> str:
        if when is not None:
            which, unit, day = (
                (m.group(1) or "").casefold(),
                (m.group(2) or "").casefold(),
                m.group(3),
            )
            if day:
                d = when - dt.timedelta(days=1 if day.casefold() == "yesterday" else 0)
                months.append((d.year, d.month))
            elif unit == "year":
                years.append(when.year - (which == "last"))
            elif unit == "month":
                months.append(_shift_month(when, -(which == "last")))
            else:
                d = when - dt.timedelta(days=7 if which == "last" else 0)
                months.append((d.year, d.month))
        return " "

    text = _RELATIVE.sub(relative, text)
    days = list(_full_dates(text))
    months += _months_named(text, when)
    years += [int(y) for y in _YEAR_RE.findall(_MONTH_RE.sub(" ", text))]
    return days, months, years


def _describe(text: str, when: dt.date | None) -> _Desc:
    """The kind and date an article's words give (outside the quote marks): months
    ("in November", "last month"), years ("in 2018"), "the latest report", an
    ordinal ("the Trust's second monitoring visit") and what it counts from."""
    since = ""
    m = _SINCE.search(text)
    if m:
        since, text = m.group(0), text[: m.start()] + " " + text[m.end() :]
    _, months, years = _when_words(text, when)
    plain = _RELATIVE.sub(" ", text)
    o = _ORDINAL_RE.search(plain)
    ordinal = None
    if o:
        word = o.group(1).casefold()
        ordinal = _ORDINALS.get(word) or int(re.match(r"\d+", word).group(0))
    kinds: list[EventKind] = []
    rest = text
    for rx, kind in _KIND_NOUNS:
        if rx.search(rest):
            kinds.append(kind)
            rest = rx.sub(" ", rest)
    if not kinds and _VISIT_NOUN.search(rest):
        kinds = [EventKind.MONITORING_VISIT, EventKind.FOCUSED_VISIT]
    return _Desc(
        kinds=tuple(kinds),
        months=months,
        years=years,
        latest=bool(_LATEST_RE.search(plain)),
        ordinal=ordinal,
        since=since if ordinal else "",
        trust=bool(o and _TRUST_BEFORE.search(plain[: o.start()])),
    )


def _merge(descs: Iterable[_Desc]) -> _Desc:
    """One description of an article's sentences about an event."""
    out = _Desc()
    for d in descs:
        out.months += [m for m in d.months if m not in out.months]
        out.years += [y for y in d.years if y not in out.years]
        out.latest = out.latest or d.latest
        if out.ordinal is None and d.ordinal is not None:
            out.ordinal, out.since, out.trust = d.ordinal, d.since, d.trust
    return out


def _latest_of(targets: Sequence[_Target], kind: EventKind) -> dt.date | None:
    dates = [t.date for t in targets if t.kind is kind]
    return max(dates) if dates else None


def _anchor(desc: _Desc, targets: Sequence[_Target], when: dt.date | None) -> dt.date | None:
    """What an ordinal counts from: the dates and events its "since …" clause names,
    the trust's start for "the Trust's …", else the latest inspection."""
    dates: list[dt.date] = []
    if desc.since:
        days, months, years = _when_words(desc.since, when)
        dates += days
        dates += [dt.date(y, m, 1) - dt.timedelta(days=1) for y, m in months]
        for y in years:
            insp = [t.date for t in targets if t.kind is EventKind.INSPECTION and t.date.year == y]
            dates.append(max(insp) if insp else dt.date(y, 1, 1) - dt.timedelta(days=1))
        if re.search(r"\b(?:judged|inspect\w*|rated|graded|inadequate)\b", desc.since, _I):
            dates.append(_latest_of(targets, EventKind.INSPECTION))
        if re.search(r"\btrust\b", desc.since, _I):
            dates.append(_latest_of(targets, EventKind.TRUST_GO_LIVE))
    if desc.trust:
        dates.append(_latest_of(targets, EventKind.TRUST_GO_LIVE))
    dates = [d for d in dates if d is not None]
    if not dates:
        dates = [d for d in (_latest_of(targets, EventKind.INSPECTION),) if d is not None]
    return max(dates) if dates else None


def _month_gap(t: _Target, months: Sequence[tuple[int, int]]) -> int | None:
    """How well a target fits the months named: 0 for a date in one of them; for a
    held report, the months its publication came after the named month (up to
    :data:`_REPORT_LAG`: "the inspection in November", published in January)."""
    gaps = []
    for y, m in months:
        if t.precision == "year":
            gaps.append(1 if t.date.year == y else None)
        elif (t.date.year, t.date.month) == (y, m):
            gaps.append(0)
        elif t.published is not None:
            k = (t.published.year - y) * 12 + t.published.month - m
            gaps.append(k if 0 <= k <= _REPORT_LAG else None)
    gaps = [g for g in gaps if g is not None]
    return min(gaps) if gaps else None


_SENTENCE_ORDER = ("ordinal", "months", "years", "latest")
_CONTEXT_ORDER = ("months", "ordinal", "years", "latest")


def _choose(
    desc: _Desc,
    pool: Sequence[_Target],
    targets: Sequence[_Target],
    when: dt.date | None,
    order: Sequence[str],
) -> _Target | None:
    if not pool:
        return None
    for step in order:
        if step == "ordinal" and desc.ordinal and when is not None:
            anchor = _anchor(desc, targets, when)
            seq = sorted(
                (t for t in pool if anchor is None or t.date > anchor), key=lambda t: t.date
            )
            if len(seq) >= desc.ordinal:
                return seq[desc.ordinal - 1]
        elif step == "months" and desc.months:
            scored = [
                (g, -t.date.toordinal(), i)
                for i, t in enumerate(pool)
                if (g := _month_gap(t, desc.months)) is not None
            ]
            if scored:
                return pool[min(scored)[2]]
        elif step == "years" and desc.years:
            hits = [
                t
                for t in pool
                if t.date.year in desc.years or (t.published and t.published.year in desc.years)
            ]
            if hits:
                return max(hits, key=lambda t: t.date)
        elif step == "latest" and desc.latest and when is not None:
            return max(pool, key=lambda t: (t.available, t.date))
    return None


def _described(
    desc: _Desc,
    kinds: tuple[EventKind, ...],
    targets: Sequence[_Target],
    when: dt.date | None,
    order: Sequence[str],
) -> _Target | None:
    """The target a description picks: of the kinds the words name (within the
    speaker's), else of any of the speaker's kinds."""
    named = tuple(k for k in kinds if k in desc.kinds)
    for ks in dict.fromkeys((named, kinds)):
        if ks:
            hit = _choose(desc, [t for t in targets if t.kind in ks], targets, when, order)
            if hit is not None:
                return hit
    return None


# ------------------------------------------------------------------------ main


def _helpers(codebook: Any):
    try:
        from ofstedmine.extract.findings import polarity_of, themes_of
    except ImportError:  # pragma: no cover - the helpers ship with the package
        return (lambda text: ()), (lambda text: (Polarity.NEUTRAL, ()))
    return (lambda text: tuple(themes_of(text, codebook=codebook))), polarity_of


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

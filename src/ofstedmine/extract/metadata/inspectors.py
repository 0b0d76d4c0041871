"""The inspectors a report names: its lead inspectors and its team.

Full inspections print "Lead inspector:" fields (SIF reports near the end), the
pre-2014 reports "Reporting inspector"; letters name their inspectors in a sentence
and are signed by one. :func:`split_names` removes roles and titles from the names.
"""

from __future__ import annotations

import re

from ofstedmine.extract.metadata._common import _APOS, _APOSC, _I
from ofstedmine.types import DocumentKind

_ROLE = re.compile(
    rf",?\s*\(?\b(?:senior\s+|lead\s+|deputy\s+lead\s+|team\s+)?(?:his|her)\s+majesty{_APOS}s\s+inspectors?\b\)?"
    rf"|,?\s*\(?\b(?:senior\s+)?HMIs?\b\)?\.?"
    rf"|,?\s*\(?\b(?:ofsted|additional|contracted|seconded|social care regulatory|regulatory)\s+inspectors?\b\)?"
    rf"|,?\s*\((?:AI|OI|SCRI)\)"
    rf"|,?\s*\b(?:lead|deputy lead|team|shadow)\s+inspectors?\b"
    rf"|,?\s*\bsenior\b(?=\s*(?:,|$))",
    _I,
)
_NAME_WORD = re.compile(
    rf"^(?:[A-Z\u00c0-\u00de][\w\u00c0-\u024f{_APOSC}.\-]*|[A-Z]\.?|(?:de|van|von|der|le|la|du|da|di|del|bin|al|mc)|O[{_APOSC}][A-Z][\w\-]*)$"
)


def split_names(text: str) -> list[str]:
    """Inspectors' names from a printed list, roles and titles removed.

    >>> split_names("Rebecca Quested, His Majesty\u2019s Inspector, and Matthew Reed, His Majesty\u2019s Inspector")
    ['Rebecca Quested', 'Matthew Reed']
    >>> split_names("Donna Marriott HMI, Linda Steele HMI and Ros Walker (AI)")
    ['Donna Marriott', 'Linda Steele', 'Ros Walker']
    """
    s = _ROLE.sub(",", text)
    s = re.sub(r"\s+", " ", s)
    out: list[str] = []
    for part in re.split(r",|;|&|\band\b|\bwith\b|\.(?=\s|$)", s):
        name = part.strip(" .:-\u2013()")
        name = re.sub(r"^(?:and|the|inspectors?|were|was|are)\s+", "", name, flags=_I).strip()
        name = re.sub(r"^(?:mr|mrs|ms|miss|dr)\.?\s+", "", name, flags=_I)
        words = name.split()
        if not 2 <= len(words) <= 5:
            continue
        if not all(_NAME_WORD.match(w) for w in words):
            continue
        if not words[0][0].isupper() or not words[-1][0].isupper():
            continue
        if re.search(
            r"\b(Ofsted|Children|Council|Services?|Inspectorate|Care|Quality|Commission|Police|Probation|Board)\b",
            name,
        ):
            continue
        if name not in out:
            out.append(name)
    return out


# case-sensitive alternatives and no look-behind: these run over whole reports
_LEAD = re.compile(
    r"\b(?P<role>[Ll]ead\s+[Ii]nspectors?(?:\s+on\s+site)?|[Rr]eporting\s+[Ii]nspector"
    r"|LEAD\s+INSPECTORS?|REPORTING\s+INSPECTOR)\b\s*[:\-\u2013]?\s*"
)
_TEAM = re.compile(
    r"\b(?:[Dd]eputy\s+[Ll]ead\s+[Ii]nspector|[Tt]eam\s+[Ii]nspectors?|[Ss]hadow\s+[Ii]nspectors?"
    r"|[Ii]nspectors?)\s*:\s*"
)


def _near_inspector(pattern: re.Pattern[str], text: str) -> list[re.Match[str]]:
    """Matches of ``pattern`` (a phrase ending in "inspector(s)" and a separator)
    found by looking only around each "nspector" of the text: much faster over a
    whole report than running the pattern everywhere."""
    out: list[re.Match[str]] = []
    seen: set[int] = set()
    for needle in ("nspector", "NSPECTOR"):
        i = text.find(needle)
        while i >= 0:
            m = pattern.search(text, max(0, i - 30), min(len(text), i + 40))
            while m is not None and m.end() <= i:
                m = pattern.search(text, m.end(), min(len(text), i + 40))
            if m is not None and m.start() not in seen:
                out.append(m)
                seen.add(m.start())
            i = text.find(needle, i + 8)
    out.sort(key=lambda m: m.start())
    return out


def _line_after(text: str, pos: int, limit: int = 260) -> str:
    """Text from pos to the end of its block; a list that ends in "," or "and"
    continues into the next block."""
    end = text.find("\n\n", pos)
    end = len(text) if end < 0 else end
    s = text[pos : min(end, pos + limit)]
    if re.search(r"(,|\band)\s*$", s) and end < len(text):
        end2 = text.find("\n\n", end + 2)
        end2 = len(text) if end2 < 0 else end2
        s = s + " " + text[end + 2 : min(end2, end + 2 + limit)]
    return s


def _cut_name_field(s: str) -> str:
    """A names field ends where the next printed field starts."""
    return re.split(
        r"\b(?:report author|age group|published|inspection dates?|deputy lead|team inspectors?"
        r"|quality assurance|report published|lead inspector)\b",
        s,
        maxsplit=1,
        flags=_I,
    )[0]


def _lead_inspectors(text: str, kind: DocumentKind) -> list[str]:
    leads: list[str] = []
    for m in _near_inspector(_LEAD, text):
        role = m.group("role").lower()
        before = text[max(0, m.start() - 12) : m.start()].lower()
        if "deputy" in before or re.search(r"[a-z] $", before):
            continue  # a deputy, or words running into it in a sentence
        # "Lead inspector: X" (a field) or "Reporting inspector X HMI" (pre-2014)
        if (
            ":" not in text[m.start() : m.end()]
            and "reporting" not in role
            and "on site" not in role
        ):
            # "lead inspector Ceri Evans and team inspector ..." inside a letter sentence
            if kind in (DocumentKind.FULL_INSPECTION, DocumentKind.LSCB_REVIEW):
                continue
            if not re.match(r"[A-Z]", text[m.end() : m.end() + 1]):
                continue
            names = split_names(
                re.split(r"\band\s+team\b|\.|\bteam\b", _line_after(text, m.end()), maxsplit=1)[0]
            )
            for n in names[:1]:
                if n not in leads:
                    leads.append(n)
            continue
        field = _cut_name_field(_line_after(text, m.end()))
        for n in split_names(field):
            if n not in leads:
                leads.append(n)
        if leads and kind is not DocumentKind.FULL_INSPECTION:
            break
    return leads


_LETTER_INSPECTORS = re.compile(
    rf"(?:the\s+inspectors?\s+(?:for\s+this\s+visit\s+)?(?:were|was)"
    rf"|(?:his|her)\s+majesty{_APOS}s\s+inspectors?\s+(?:\(HMIs?\)\s+)?(?:for\s+this\s+visit\s+)?(?:were|was)"
    rf"|(?:the\s+visit\s+was\s+)?(?:conducted|carried\s+out|undertaken)\s+by"
    rf"|(?:this\s+)?visit\s+was\s+led\s+by"
    rf"|inspectors?\s+(?:for\s+this\s+visit\s+)?(?:were|was))\s*:?\s*(?P<names>[^.]{{3,400}})",
    _I,
)
_SIGNATURE = re.compile(
    rf"your?s?\s+(?:sincerely|faithfully),?\s+(?P<name>[^\n]{{3,80}}?)\s*(?:\n\n)?\s*(?:senior\s+)?(?:his|her)\s+majesty{_APOS}s\s+inspector",
    _I,
)


def _letter_people(text: str) -> tuple[list[str], list[str]]:
    """(leads, inspectors) of a letter."""
    inspectors: list[str] = []
    leads: list[str] = []
    m = _LETTER_INSPECTORS.search(text[:6000])
    if m:
        names_text = m.group("names")
        lead_m = re.search(r"\blead\s+inspector\s+(?P<n>[A-Z][^,;]*?)(?=\s+and\b|,|$)", names_text)
        if lead_m:
            leads.extend(split_names(lead_m.group("n")))
        inspectors.extend(split_names(names_text))
    sig = None
    for sm in _SIGNATURE.finditer(text):
        sig = sm
    if sig:
        signed = split_names(sig.group("name"))
        if signed and not leads:
            leads.append(signed[0])
        for n in signed[:1]:
            if n not in inspectors:
                inspectors.append(n)
    if not leads:
        leads = _lead_inspectors(text, DocumentKind.FOCUSED_VISIT)
    if not leads and inspectors:
        leads = inspectors[:1]
    for n in leads:
        if n not in inspectors:
            inspectors.insert(0, n)
    return leads, inspectors


def _team(text: str) -> list[str]:
    out: list[str] = []
    for m in _near_inspector(_TEAM, text):
        if re.match(r"inspectors?\s*:", m.group(0), _I) and not re.search(
            r"team|shadow", text[max(0, m.start() - 10) : m.start()], _I
        ):
            continue
        for n in split_names(_cut_name_field(_line_after(text, m.end(), 400))):
            if n not in out:
                out.append(n)
    return out

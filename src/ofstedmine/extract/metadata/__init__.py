"""Facts about one report: authority, kind, framework, dates, inspectors, areas.

Everything is read from the report's part of the canonical text (``span``), so a
file holding two reports gives each its own metadata.

Authority
    The registry (:mod:`ofstedmine.authorities`) is asked for the first authority
    named in the report's title, then in its opening; failing that the parser's
    ``document.authority``, then the file's corpus folder (``80449_bradford``).
Kind and framework
    :func:`ofstedmine.parse.classify.classify_text` on the part's text. A part
    that is an inspection of a local safeguarding children board on its own
    (Hull's 2015 file) is an ``lscb_review`` even though its title begins
    "Inspection of the effectiveness of ..." rather than "Review of ...".
Inspection dates
    Full inspections print "Inspection date(s): <dates>" on the title page.
    Letters give the visit's dates in their first sentence ("This letter
    summarises the findings of the focused visit to X on 19 and 20 February
    2020"); JTAI letters say "This inspection took place from 23 to 27 May 2022"
    or begin "Between 27 February and 3 March 2017, ...". :func:`parse_periods`
    reads every form seen (see its doctests): ranges written with "to", "until"
    or any dash, months and years given once for both ends, abbreviated months,
    ``d/m/yyyy``, day lists ("19 and 20 February") and fieldwork split over two
    periods joined by "and". ``inspection_start`` is the first day of the first
    period, ``inspection_end`` the last day of the last; ``fieldwork`` lists the
    periods.

    A letter's dates are read as a whole date phrase, never stopping at its
    first year ("from 27 June 2022 to 1 July 2022", "Between 8 October 2018 and
    12 October 2018, ..."), in every form its sentence may take: "took place
    between/from/on ...", "was carried out in the week commencing ...", "w/c 12
    March 2018" (that Monday to Friday), ordinal days ("3rd", "the 3rd of
    December"), ranges across months and years. A phrase printed without a year
    ("Between 16 May and 20 May", "on 30 and 31 January") takes the letter
    date's year, or the year before when the visit would otherwise come after
    the letter. A range printed over a year whose ends are days apart in the
    later year ("24 October 2022 to 25 October 2023") is read in the later year,
    with a warning.
Publication and letter dates
    ``published`` is the printed "Report published:" / "Published:" date, or
    else the listing's publication date (``document.publication.published``)
    when the document came with one. ``letter_date`` is the date line at the
    top of a letter: "3 July 2018", also "3rd July 2018", "Tuesday 3 July 2018",
    "Date: 3 July 2018", "July 3, 2018" or "03/07/2018"; a year mistyped with a
    digit too many ("20205") is read as the earliest year it can be that is not
    before the visit, with a warning.
Inspectors
    ``lead_inspectors`` are the names after "Lead inspector(s):" (anywhere in the
    report: SIF reports print it in the inspection-team section near the end),
    "Lead inspector on site:" or the pre-2014 "Reporting inspector"; for letters
    the explicitly named lead ("lead inspector Ceri Evans") or else the
    signatory. Names lose "HMI", "His/Her Majesty's Inspector", "Senior HMI"
    and similar. ``inspectors`` are all inspectors named: leads, deputy leads,
    team inspectors, and those a letter names.

The package, by job: :mod:`~ofstedmine.extract.metadata.authority`,
:mod:`~ofstedmine.extract.metadata.title`, :mod:`~ofstedmine.extract.metadata.dates`
(reading a dates string), :mod:`~ofstedmine.extract.metadata.report_dates` (where a
report prints its dates), :mod:`~ofstedmine.extract.metadata.inspectors` and
:mod:`~ofstedmine.extract.metadata.areas` (the areas a visit looked at).
"""

from __future__ import annotations

from ofstedmine.extract.metadata._common import DASHES as DASHES
from ofstedmine.extract.metadata._common import MONTH as MONTH
from ofstedmine.extract.metadata._common import _blocks_in
from ofstedmine.extract.metadata.areas import _areas_covered
from ofstedmine.extract.metadata.authority import _authority
from ofstedmine.extract.metadata.dates import parse_date, parse_periods
from ofstedmine.extract.metadata.inspectors import (
    _lead_inspectors,
    _letter_people,
    _team,
    split_names,
)
from ofstedmine.extract.metadata.report_dates import (
    _inspection_periods,
    _letter_date,
    _letter_periods,
    _printed_published,
    _slipped_year,
)
from ofstedmine.extract.metadata.title import _LSCB_TITLE, _title
from ofstedmine.types import Document, DocumentKind, Framework, Metadata

__all__ = ["extract_metadata", "parse_date", "parse_periods", "split_names"]


def extract_metadata(document: Document, *, span: tuple[int, int], warnings: list[str]) -> Metadata:
    """Metadata of the report at ``span`` of ``document`` (see the module docstring).

    Missing facts a report of its kind should print are noted in ``warnings``.

    >>> from ofstedmine import parse
    >>> doc = parse(b"Inspection of Anytown children's services\\n\\nInspection dates: 3 to 7 June and 17 to 21 June 2019\\n\\nLead inspector: Ann Example, His Majesty's Inspector", kind="text")
    >>> w = []
    >>> m = extract_metadata(doc, span=(0, len(doc.text)), warnings=w)
    >>> m.inspection_start, m.inspection_end, len(m.fieldwork), m.lead_inspectors
    (datetime.date(2019, 6, 3), datetime.date(2019, 6, 21), 2, ('Ann Example',))
    """
    from ofstedmine.parse.classify import classify_text

    a, b = span
    text = document.text[a:b]
    blocks = _blocks_in(document, span)
    kind, framework = classify_text(text, media_type=document.media_type)
    title = _title(blocks)
    if (
        kind in (DocumentKind.OTHER, DocumentKind.FULL_INSPECTION)
        and _LSCB_TITLE.search(title or text[:400])
        and framework is not Framework.SIF
    ):
        kind, framework = DocumentKind.LSCB_REVIEW, Framework.NONE
    letter = kind in (DocumentKind.FOCUSED_VISIT, DocumentKind.MONITORING_VISIT, DocumentKind.JTAI)
    authority, name, urn = _authority(document, title, text[:1500])
    if authority is None:
        warnings.append("no local authority was recognised in the report")

    if letter:
        letter_date = _letter_date(blocks)
        ref = letter_date
        if ref is None and document.publication is not None:
            ref = document.publication.published
        periods = _slipped_year(_letter_periods(text, kind, ref), warnings)
        if letter_date is None and periods:
            letter_date = _letter_date(blocks, periods[-1][1], warnings)  # a mistyped year
        if letter_date is None:
            warnings.append("no letter date was found at the top of the letter")
    else:
        periods = _inspection_periods(text)
        letter_date = None
    if not periods and kind is not DocumentKind.OTHER:
        warnings.append("no inspection or visit dates were found")
    if letter_date is not None and periods and letter_date < periods[-1][1]:
        warnings.append(
            f"the letter is dated {letter_date.isoformat()}, before the visit ended "
            f"({periods[-1][1].isoformat()}): the printed date looks wrong"
        )

    published = _printed_published(text) if not letter else None
    if published is None and document.publication is not None:
        published = document.publication.published

    if letter:
        leads, inspectors = _letter_people(
            text,
        )
    else:
        leads = _lead_inspectors(text, kind)
        inspectors = list(leads)
        for n in _team(text):
            if n not in inspectors:
                inspectors.append(n)
    if not leads and kind not in (DocumentKind.OTHER, DocumentKind.JTAI):
        # JTAI letters are signed by the inspectorates, not by a lead inspector
        warnings.append("no lead inspector is named")

    areas = _areas_covered(text, blocks, kind) if letter else []
    if letter and not areas and kind is not DocumentKind.JTAI:
        warnings.append("the letter does not say which areas the visit looked at")

    return Metadata(
        authority=authority,
        authority_name=name,
        urn=urn,
        kind=kind,
        framework=framework,
        inspection_start=periods[0][0] if periods else None,
        inspection_end=periods[-1][1] if periods else None,
        fieldwork=tuple(periods),
        letter_date=letter_date,
        published=published,
        lead_inspectors=tuple(leads),
        inspectors=tuple(inspectors),
        areas_covered=tuple(areas),
        title=title,
    )

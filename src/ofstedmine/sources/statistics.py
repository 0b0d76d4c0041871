"""Read Ofsted's official statistics on local authority children's services.

Ofsted publishes its judgements on every English local authority's children's
services, and the visits between inspections, as OpenDocument spreadsheets. This
module turns four such releases into tidy long :class:`pandas.DataFrame` objects:

* :func:`read_judgements`: one row per (inspection, judgement area), 2009 to 2025;
* :func:`read_visits`: one row per monitoring visit, focused visit or inspection,
  April 2021 to March 2025 (plus a few earlier ones a release added late);
* :func:`visits_to_events`: those visits as :class:`~ofstedmine.types.Event` records;
* :func:`read_la_codes`: Ofsted URN to old three-digit LA code;
* :func:`list_releases`: which release is which.

Files are read with ``pandas.read_excel(..., engine="calamine", header=None)``
(the ``odf`` engine is far too slow for these files). Parsed files are cached in
the process by (path, modification time, size), so repeated calls are instant.

What the releases hold
----------------------
Sheet names differ between releases; the reader finds tables by their header row
(the row holding "Web link", "Local authority name", "URN" or "LA code") and maps
columns by their normalised header text, so the names below are only a guide.

``Childrens_social_care_in_England_2022_underlying_data.ods`` (published 7 July 2022)
    ``LA_level_at_31_Mar_2022``: each authority's latest inspection at 31 March 2022:
    inspection (fieldwork start) date, overall effectiveness and the three ILACS
    sub-judgements. For authorities whose latest inspection was still a SIF one
    (fieldwork before 2018) the SIF grades sit in the ILACS columns.
    ``LA_level_in_year_2021-22``: every ILACS standard and short inspection,
    focused visit and monitoring visit from April 2021 to March 2022: date, type
    ("ILACS Focused Visit", "LA Monitoring visit", ...), grades for inspections and
    the visit theme for visits. No publication dates.
    ``LA_inspections_2009-2022``: the judgement history, one wide row per authority:
    publication date and overall grade of each pre-SIF inspection (safeguarding and
    looked after children (SLAC) with its two overall grades, SLAC re-inspections,
    child protection inspections and re-inspections, targeted looked after children
    inspections), the first SIF (seven grades, LSCB review included), any SIF
    re-inspection, and the first ILACS inspection (publication date, type, four
    grades). A second table below it holds the authorities that no longer exist
    (Bournemouth, the old Dorset, Poole).
    The ``Provider_*``, ``Providers+places*``, ``Leavers+Joiners*`` and time-series
    sheets are about other social care providers and are not read; the workbook also
    carries about 150 empty sheets that are cached external links.

``Childrens_social_care_in_England_2023_underlying_data.ods`` (published 6 July 2023)
    The same layout for 2022-23: ``LA_level_at_31_Mar_2023`` (latest; adds the care
    leavers sub-judgement), ``LA_level_in_year_2022-23`` (inspections and visits,
    a few from February and March 2022 published late) and
    ``LA_inspections_2009-2023``, which adds a second ILACS inspection per
    authority (with separate children in care and care leavers grades) and lists
    Northamptonshire among the former authorities.

``LA_Inspection_Outcomes_as_at_March_2024.ods`` (published 30 August 2024)
    ``Inspections_31_March_2024``: latest inspection per authority (date and five
    grades, the "children in care" column holding the pre-2023 combined grade for
    older inspections). ``Inspections_in_year_2023-24``: inspections and visits
    2023-24 plus 11 from before April 2023 published late. ``ILACS_inspections_2018-2024``:
    wide ILACS history (first and second inspection: publication date, type,
    grades) with a second table for former authorities (Bournemouth,
    Northamptonshire, Cumbria).

``LA_Inspection_Outcomes_as_at_31_March_2025.ods`` (published 25 September 2025)
    ``Inspections_as_at_31_March``: latest inspection per authority with inspection
    date, publication date and ONS area code. ``In-year_inspections``: inspections
    and visits April 2024 to March 2025, with publication dates.
    ``ILACS_inspection_history``: one row per ILACS inspection 2018-2025 (inspection
    date, publication date, type, grades, "Current"/"No longer exists" status).

So the judgement history since 2009 comes from the two ``LA_inspections_2009-*``
sheets (pre-SIF and SIF, publication dates only) and the ILACS history sheets
(fieldwork start and publication dates); the four in-year sheets list every visit
and inspection from April 2021 to March 2025. No sheet gives the last day of
fieldwork, so ``inspection_end`` and ``visit_end`` are NaT throughout.

Authorities, URNs and LA codes
------------------------------
The LA sheets have no URN column. Column A ("Web link") is a ``HYPERLINK()``
formula whose target is ``/provider/44/<id>`` where ``<id>`` is either the
authority's Ofsted URN (five or seven digits, 2022-2023 sheets) or its old
three-digit LA code (2024-2025 sheets, Bradford's is 380); some older history
sheets link ``/local-authorities/<slug>`` instead. pandas shows only the link text,
so the formulas are read from ``content.xml`` inside the ``.ods`` zip. The links are
not always right (a few rows link a neighbour's page), so a row's own link is not
trusted: every link row is a vote for (authority, id), and an id is given to the
authority that casts more than half of all the votes for that id; an authority
takes the id it owns with the most votes. Authorities are matched across releases by
normalised name ("&" and "and", case, hyphens, "Borough" suffix); a former
authority that shares its name with a current one (the old Dorset) is kept apart as
"<name> (former)". The library's registry (:func:`ofstedmine.authorities.lookup`),
if that module exists, is then asked by name (and by URN): it gives the
``authority`` id, and where the links gave no URN or LA code, or one the registry
does not list for that authority, the registry's is used.

Deduplication
-------------
The same inspection appears in several sheets and releases. Records of one
authority and framework family (pre-SIF type, SIF, ILACS) are the same inspection
when their publication dates agree, or their fieldwork start dates agree, or one
has only a start date and the other only a publication date 0-200 days later (the
nearest wins). Older releases sometimes misprint a publication date (days and
months swapped, a few days out), so publication dates up to 120 days apart, and
start dates up to 30 days apart, still match: one authority is never inspected
twice under one framework family within months. A latest-inspection row has no
type; it joins whichever SIF or ILACS inspection it fits (SIF re-inspections ran
into 2018), or else is SIF when its fieldwork began before 2018. Grades are taken
from the newest release that has them (so a correction in a later release wins),
dates from the newest release that gives them; ``release`` and ``sheet`` name the
newest record and ``sources`` lists all. Visits are the same visit when authority,
kind and start date (within three days) agree.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import os
import re
import zipfile
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from ofstedmine.errors import StatisticsError
from ofstedmine.types import Area, Event, EventKind, Framework, Grade

__all__ = [
    "default_statistics_dir",
    "event_kind_for",
    "framework_for",
    "list_releases",
    "map_columns",
    "normalise_authority_name",
    "normalise_grade",
    "read_judgements",
    "read_la_codes",
    "read_visits",
    "visits_to_events",
]

PathLike = str | os.PathLike[str]

# --------------------------------------------------------------------------- helpers


def _is_missing(value: Any) -> bool:
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _norm_text(value: Any) -> str:
    """Lower-case text with punctuation turned into single spaces."""
    s = str(value).lower().replace("&", " and ")
    s = re.sub(r"[^a-z0-9]+", " ", s)
    return " ".join(s.split())


def _norm_header(value: Any) -> str:
    """A header cell as matching text: lower case, no punctuation, no leading "the"."""
    if _is_missing(value):
        return ""
    s = _norm_text(value)
    return s[4:] if s.startswith("the ") else s


_GRADE_WORDS = {
    "outstanding": Grade.OUTSTANDING,
    "good": Grade.GOOD,
    "adequate": Grade.ADEQUATE,
    "inadequate": Grade.INADEQUATE,
}


def normalise_grade(label: Any) -> Grade | None:
    """The :class:`~ofstedmine.types.Grade` for a grade as worded in a release.

    Parameters
    ----------
    label : object
        The cell value, e.g. ``"Requires improvement to be good"``, ``"RI"``,
        ``"Good"``, ``"Adequate"``.

    Returns
    -------
    Grade or None
        None for empty cells and for non-grades ("-", "No full inspection").

    Examples
    --------
    >>> normalise_grade("Requires improvement to be good")
    <Grade.REQUIRES_IMPROVEMENT: 'requires_improvement'>
    >>> normalise_grade(" inadequate ") is Grade.INADEQUATE
    True
    >>> normalise_grade("No full inspection") is None
    True
    """
    if _is_missing(label):
        return None
    s = _norm_text(label)
    if not s:
        return None
    if s in {"ri", "r i"} or s.startswith(("requires improvement", "ri to be good")):
        return Grade.REQUIRES_IMPROVEMENT
    words = s.split()
    grade = _GRADE_WORDS.get(words[0])
    if grade is not None and (len(words) == 1 or words[1] in {"overall", "grade", "judgement"}):
        return grade
    return None


_NAME_ALIASES = {
    "bristol city of": "bristol",
    "city of bristol": "bristol",
    "kingston upon hull city of": "kingston upon hull",
    "hull": "kingston upon hull",
    "herefordshire county of": "herefordshire",
    "county durham": "durham",
    "london corporation": "city of london",
    "corporation of london": "city of london",
    "st helens": "st helens",
    "windsor maidenhead": "windsor and maidenhead",
    "telford wrekin": "telford and wrekin",
    "blackburn darwen": "blackburn with darwen",
    "bcp": "bournemouth christchurch and poole",
}


def normalise_authority_name(name: Any) -> str:
    """A matching key for an authority name as printed in a release.

    Case, punctuation, ``&``/``and``, hyphens, "St."/"St" and a trailing "Borough"
    or "Council" are ignored.

    Examples
    --------
    >>> normalise_authority_name("Bournemouth, Christchurch & Poole")
    'bournemouth christchurch and poole'
    >>> normalise_authority_name("Bedford Borough") == normalise_authority_name("Bedford")
    True
    >>> normalise_authority_name("Southend on Sea") == normalise_authority_name("Southend-on-Sea")
    True
    """
    if _is_missing(name):
        return ""
    s = _norm_text(name)
    s = re.sub(r"\b(borough|council|metropolitan borough|county council)$", "", s).strip()
    return _NAME_ALIASES.get(s, s)


def event_kind_for(type_label: Any) -> EventKind:
    """The :class:`~ofstedmine.types.EventKind` for an "Inspection/Visit type" label.

    >>> event_kind_for("LA Monitoring visit").value
    'monitoring_visit'
    >>> event_kind_for("ILACS Short Inspection").value
    'inspection'
    """
    s = _norm_text(type_label) if not _is_missing(type_label) else ""
    if "monitoring" in s:
        return EventKind.MONITORING_VISIT
    if "focused" in s or "focussed" in s:
        return EventKind.FOCUSED_VISIT
    if "jtai" in s or "joint targeted" in s:
        return EventKind.JTAI
    if "inspection" in s:
        return EventKind.INSPECTION
    return EventKind.OTHER


def _to_timestamp(value: Any) -> pd.Timestamp | None:
    if _is_missing(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.normalize()
    if isinstance(value, dt.datetime | dt.date):
        return pd.Timestamp(value).normalize()
    if isinstance(value, int | float):  # a spreadsheet serial number
        if 10000 < value < 80000:
            return (pd.Timestamp("1899-12-30") + pd.Timedelta(days=float(value))).normalize()
        return None
    text = str(value).strip()
    if not text or not re.search(r"\d", text):
        return None
    ts = pd.to_datetime(text, dayfirst=True, errors="coerce")
    return None if pd.isna(ts) else pd.Timestamp(ts).normalize()


def _clean_text(value: Any) -> str | None:
    if _is_missing(value):
        return None
    s = " ".join(str(value).split())
    return s or None


# ------------------------------------------------------------------- column mapping

#: Known header wordings (normalised, see :func:`_norm_header`) of the columns the
#: reader needs from the "flat" tables (latest, in-year and long history tables).
_FLAT_VARIANTS: dict[str, tuple[str, ...]] = {
    "web_link": ("web link", "link", "ofsted web link", "ofsted link"),
    "authority_name": (
        "local authority name",
        "local authority",
        "la name",
        "authority name",
        "local authority la name",
        "la",
    ),
    "urn": ("urn", "la urn", "ofsted urn", "local authority urn"),
    "la_code": ("la code", "local authority code", "old la code", "la number", "la no"),
    "area_code": ("local authority area code", "la area code", "ons code", "area code"),
    "status": ("local authority status", "la status", "status"),
    "region": ("ofsted region", "region", "la region"),
    "inspection_date": (
        "inspection date",
        "inspection visit date",
        "visit date",
        "date of inspection",
        "inspection start date",
        "start date",
        "date",
    ),
    "published": ("publication date", "date published", "published", "report publication date"),
    "type": ("inspection visit type", "inspection type", "visit type", "type", "event type"),
    "overall": (
        "overall effectiveness",
        "overall effectiveness oe",
        "overall judgement",
        "overall effectiveness judgement",
    ),
    "leaders": (
        "impact of leaders",
        "impact of leaders on social work practice with children and families",
    ),
    "help": (
        "experiences and progress of children who need help and protection",
        "children who need help and protection",
    ),
    "in_care": (
        "experiences and progress of children in care",
        "experiences and progress of children in care and care leavers",
        "experiences and progress of children looked after",
        "experiences and progress of children looked after and care leavers",
    ),
    "care_leavers": ("experiences and progress of care leavers",),
    "theme": ("visit theme", "visit themes", "theme", "themes", "visit focus", "focus"),
}

_LABELS = {
    "authority_name": "Local authority name",
    "inspection_date": "Inspection date",
    "published": "Publication date",
    "type": "Inspection/Visit type",
    "overall": "Overall effectiveness",
    "leaders": "Impact of leaders",
    "help": "Experiences and progress of children who need help and protection",
    "in_care": "Experiences and progress of children in care",
    "theme": "Visit Theme",
}

#: Columns each kind of flat table must have; a tuple means "one of these".
_REQUIRED: dict[str, tuple[str | tuple[str, ...], ...]] = {
    "latest": (
        "authority_name",
        ("inspection_date", "published"),
        "overall",
        "leaders",
        "help",
        "in_care",
    ),
    "history_long": (
        "authority_name",
        ("inspection_date", "published"),
        "type",
        "overall",
        "leaders",
        "help",
        "in_care",
    ),
    "in_year": ("authority_name", "inspection_date", "type", "theme"),
}

_GRADE_SLOTS = ("overall", "leaders", "help", "in_care", "care_leavers", "adoption", "lscb")


def map_columns(
    headers: Sequence[Any] | pd.DataFrame | pd.Series,
    kind: str,
    *,
    source: str = "<memory>",
    sheet: str = "<sheet>",
) -> dict[str, int]:
    """Map a flat table's header cells to the reader's column names.

    Parameters
    ----------
    headers : sequence, Series or DataFrame
        The header cells, or a frame whose column labels are the headers.
    kind : {"latest", "in_year", "history_long"}
        The kind of table, which decides the columns that must be present.
    source, sheet : str
        The file and sheet, named in the error message.

    Returns
    -------
    dict
        Reader column name (``authority_name``, ``inspection_date``, ``type``,
        ``overall``, ...) to the 0-based position of its column.

    Raises
    ------
    StatisticsError
        When a needed column is absent; the message names the file, the sheet and
        the column.
    """
    if kind not in _REQUIRED:
        raise ValueError(f"unknown table kind {kind!r}; expected one of {sorted(_REQUIRED)}")
    if isinstance(headers, pd.DataFrame):
        cells: list[Any] = list(headers.columns)
    else:
        cells = list(headers)
    lookup: dict[str, str] = {}
    for name, variants in _FLAT_VARIANTS.items():
        for v in variants:
            lookup.setdefault(v, name)
    mapping: dict[str, int] = {}
    for i, cell in enumerate(cells):
        name = lookup.get(_norm_header(cell))
        if name is not None and name not in mapping:
            mapping[name] = i
    for need in _REQUIRED[kind]:
        options = need if isinstance(need, tuple) else (need,)
        if not any(o in mapping for o in options):
            wanted = " or ".join(repr(_LABELS.get(o, o)) for o in options)
            raise StatisticsError(
                f"{source}: sheet {sheet!r}: column {wanted} not found in the header row "
                f"(found: {', '.join(repr(str(c)) for c in cells if not _is_missing(c))}); "
                "the release layout may have changed, add the new wording to _FLAT_VARIANTS"
            )
    return mapping


_WIDE_PREFIX = re.compile(r"^single inspection of la children s services sif\s+")
_WIDE_SCHEME = re.compile(
    r"^(?:(first|second|third|fourth|1st|2nd|3rd|4th)\s+)?"
    r"(sif re inspection|sif|ilacs framework|ilacs)\s+(.*)$"
)
_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4}


def _wide_field_name(rest: str) -> str | None:
    if rest.startswith("publication date") or rest == "published":
        return "published"
    if rest.startswith("inspection date") or rest.startswith("inspection start date"):
        return "inspection_date"
    if rest.startswith("inspection type") or rest == "type":
        return "type"
    if rest.startswith(("overall effectiveness", "overall judgement")):
        return "overall"
    if "impact of leaders" in rest or "leadership management and governance" in rest:
        return "leaders"
    if "need help and protection" in rest:
        return "help"
    if "adoption" in rest:
        return "adoption"
    if "care leavers" in rest and "children in care and care leavers" not in rest:
        return "care_leavers"
    if "children in care" in rest or "children looked after" in rest:
        return "in_care"
    return None


def _wide_fields(header: str) -> list[tuple[str, str]]:
    """(group, field) pairs one wide-history header feeds; empty when it feeds none."""
    h = _WIDE_PREFIX.sub("", header)
    if not h:
        return []
    if h.startswith("lscb"):
        return [("sif1", "lscb")] if "overall" in h or "effectiveness" in h else []
    if "slac" in h or "safeguarding and looked after children" in h:
        re_insp = "re inspection" in h
        if h.endswith("publication date"):
            if not re_insp:
                return [("slac_safeguarding", "published"), ("slac_looked_after", "published")]
            return [
                (
                    "slac_re_safeguarding" if "safeguarding" in h else "slac_re_looked_after",
                    "published",
                )
            ]
        if "oe" in h.split() or "overall" in h:
            looked_after = "looked after" in h
            if re_insp:
                return [
                    ("slac_re_looked_after" if looked_after else "slac_re_safeguarding", "overall")
                ]
            return [("slac_looked_after" if looked_after else "slac_safeguarding", "overall")]
        return []
    for abbr, group in (("cpri", "cpri"), ("cpi", "cpi"), ("tlac", "tlac")):
        if abbr in h.split():
            if h.endswith("publication date"):
                return [(group, "published")]
            if "overall" in h or "oe" in h.split():
                return [(group, "overall")]
            return []
    m = _WIDE_SCHEME.match(h)
    if not m:
        return []
    ordinal, scheme, rest = m.groups()
    field = _wide_field_name(rest)
    if field is None:
        return []
    if scheme == "sif re inspection":
        group = "sif_re"
    elif scheme == "sif":
        group = f"sif{_ORDINALS.get(ordinal or 'first', 1)}"
    else:
        group = f"ilacs{_ORDINALS.get(ordinal or 'first', 1)}"
    return [(group, field)]


_PRE_SIF_TYPES = {
    "slac_safeguarding": "SLAC safeguarding",
    "slac_looked_after": "SLAC looked after children",
    "slac_re_safeguarding": "SLAC re-inspection safeguarding",
    "slac_re_looked_after": "SLAC re-inspection looked after children",
    "cpi": "Child protection inspection",
    "cpri": "Child protection re-inspection",
    "tlac": "Targeted looked after children inspection",
}


def _map_wide_columns(
    headers: Sequence[Any], *, source: str, sheet: str
) -> tuple[int, dict[str, dict[str, int]]]:
    """(name column, {group: {field: column}}) for a wide history table."""
    name_col = None
    groups: dict[str, dict[str, int]] = defaultdict(dict)
    for i, cell in enumerate(headers):
        h = _norm_header(cell)
        if h in _FLAT_VARIANTS["authority_name"] and name_col is None:
            name_col = i
            continue
        for group, field in _wide_fields(h):
            groups[group].setdefault(field, i)
    if name_col is None:
        raise StatisticsError(
            f"{source}: sheet {sheet!r}: column 'Local authority name' not found in the "
            "history table's header row"
        )
    for group, fields in groups.items():
        if "published" not in fields and "inspection_date" not in fields:
            label = _PRE_SIF_TYPES.get(group, group.upper())
            raise StatisticsError(
                f"{source}: sheet {sheet!r}: column '{label} publication date' not found "
                "(the history table has grades for it but no date)"
            )
    return name_col, dict(groups)


def _is_wide(headers: Sequence[Any]) -> bool:
    n = 0
    for cell in headers:
        fields = _wide_fields(_norm_header(cell))
        if fields:
            n += 1
    return n >= 3


def _classify(headers: Sequence[Any]) -> str | None:
    """The kind of an LA table from its header cells, or None when it is not one."""
    norm = [_norm_header(c) for c in headers]
    if not any(h in _FLAT_VARIANTS["authority_name"] for h in norm):
        return None
    if "provision type" in norm:  # a provider table ("Local authority" is a column there)
        return None
    if _is_wide(headers):
        return "history_wide"
    if any("visit" in h.split() for h in norm if h != "web link"):
        return "in_year"
    if any(h in _FLAT_VARIANTS["type"] for h in norm):
        return "history_long"
    if any(h in _FLAT_VARIANTS["overall"] for h in norm):
        return "latest"
    return None


_LEAD_MARKERS = frozenset(
    {"web link", "local authority name", "local authority", "urn", "la code", "la name"}
)
_HEADER_MARKERS = frozenset(
    {"web link", "local authority name", "urn", "la code", "local authority area code"}
)


def _header_rows(raw: pd.DataFrame) -> list[int]:
    """Rows of a raw sheet that look like a table's header row.

    A header row holds "Local authority name", or two of "Web link", "URN", "LA
    code" and "Local authority area code". Only rows with one of those words in
    their first three cells are examined, which keeps the 3,600-row provider
    sheets cheap.
    """
    if raw.empty:
        return []
    values = raw.to_numpy(dtype=object)
    rows: list[int] = []
    for i in range(values.shape[0]):
        lead = values[i, :3]
        if not any(isinstance(v, str) and _norm_header(v) in _LEAD_MARKERS for v in lead):
            continue
        norm = {_norm_header(v) for v in values[i] if isinstance(v, str)}
        if "local authority name" in norm or len(norm & _HEADER_MARKERS) >= 2:
            rows.append(int(raw.index[i]))
    return rows


# ----------------------------------------------------------------------- workbooks

_SHEET_PRIORITY = {"history_long": 3, "history_wide": 2, "latest": 1, "in_year": 0}


@dataclass(frozen=True)
class _Table:
    sheet: str
    kind: str
    index: int  # 0 for the first table of the sheet
    header_row: int
    n_rows: int


@dataclass(frozen=True)
class _Workbook:
    path: str
    file: str
    title: str | None
    published: pd.Timestamp | None
    period: str | None
    sheets: tuple[str, ...]
    tables: tuple[_Table, ...]
    inspections: pd.DataFrame  # raw inspection records, one per (row, group)
    visits: pd.DataFrame  # raw visit records, one per in-year row


def _is_external_sheet(name: str) -> bool:
    # cached external links: "'https://...'#Sheet" or "'file://...'#Sheet"
    return name.startswith("'") or "://" in name


def _cover_info(raw: pd.DataFrame) -> tuple[str | None, pd.Timestamp | None, str | None]:
    title = published = period = None
    if raw.empty:
        return None, None, None
    first = raw.iloc[0].dropna()
    if len(first) and not _norm_text(first.iloc[0]).startswith("cover sheet"):
        title = _clean_text(first.iloc[0])
    for _, row in raw.iterrows():
        cells = [c for c in row.tolist() if not _is_missing(c)]
        if len(cells) < 2:
            continue
        key = _norm_text(cells[0])
        if key.startswith("published on") or key in {"published", "publication date"}:
            published = _to_timestamp(cells[1])
        elif key.startswith("period covered"):
            period = _clean_text(cells[1])
        elif key.startswith("policy area") and title is None:
            title = _clean_text(cells[1])
    return title, published, period


def _release_order(wb: _Workbook) -> tuple:
    years = [int(y) for y in re.findall(r"(?<!\d)(20\d\d)(?!\d)", wb.file)]
    return (wb.published or pd.Timestamp.min, max(years, default=0), wb.file)


def _read_workbook(path: Path) -> _Workbook:
    try:
        st = path.stat()
    except OSError as exc:
        raise StatisticsError(f"{path}: cannot read the statistics file ({exc})") from exc
    return _read_workbook_cached(str(path.resolve()), st.st_mtime_ns, st.st_size)


@functools.lru_cache(maxsize=16)
def _read_workbook_cached(path_str: str, mtime_ns: int, size: int) -> _Workbook:
    path = Path(path_str)
    try:
        with pd.ExcelFile(path, engine="calamine") as xl:
            names = [s for s in xl.sheet_names if not _is_external_sheet(s)]
            raws = pd.read_excel(xl, sheet_name=names, header=None)
    except Exception as exc:  # calamine raises its own error types
        raise StatisticsError(f"{path.name}: cannot be read as a spreadsheet ({exc})") from exc
    title = published = period = None
    for name in names:
        if _norm_text(name) in {"cover", "cover sheet"}:
            title, published, period = _cover_info(raws[name])
            break
    tables: list[_Table] = []
    inspections: list[dict[str, Any]] = []
    visits: list[dict[str, Any]] = []
    for sheet in names:
        raw = raws[sheet]
        header_rows = _header_rows(raw)
        t_index = 0
        for n, hr in enumerate(header_rows):
            end = header_rows[n + 1] if n + 1 < len(header_rows) else len(raw)
            headers = raw.iloc[hr].tolist()
            kind = _classify(headers)
            if kind is None:
                continue
            body = raw.iloc[hr + 1 : end]
            ctx = {"file": path.name, "sheet": sheet, "kind": kind, "table_index": t_index}
            if kind == "history_wide":
                recs = _parse_wide(body, headers, ctx)
                inspections.extend(recs)
            else:
                mapping = map_columns(headers, kind, source=path.name, sheet=sheet)
                recs_i, recs_v = _parse_flat(body, mapping, ctx)
                inspections.extend(recs_i)
                visits.extend(recs_v)
            tables.append(_Table(sheet, kind, t_index, hr, len(body)))
            t_index += 1
    _mark_former(inspections)
    _mark_former(visits)
    return _Workbook(
        path=path_str,
        file=path.name,
        title=title,
        published=published,
        period=period,
        sheets=tuple(names),
        tables=tuple(tables),
        inspections=pd.DataFrame(inspections),
        visits=pd.DataFrame(visits),
    )


def _mark_former(records: list[dict[str, Any]]) -> None:
    """Give a former authority that shares its name with a current one its own key."""
    current: dict[tuple[str, str], set[str]] = defaultdict(set)
    for r in records:
        if not r["former"]:
            current[(r["file"], r["sheet"])].add(r["name_key"])
    for r in records:
        if r["former"] and r["name_key"] in current[(r["file"], r["sheet"])]:
            r["key"] = f"{r['name_key']} (former)"
        else:
            r["key"] = r["name_key"]


def _base_record(row_index: int, name: str, ctx: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "file": ctx["file"],
        "sheet": ctx["sheet"],
        "kind": ctx["kind"],
        "table_index": ctx["table_index"],
        "row": row_index,
        "authority_name": name,
        "name_key": normalise_authority_name(name),
        "former": ctx["table_index"] > 0,
        "web_col": ctx.get("web_col"),
        "urn_col": None,
        "la_code_col": None,
    }


def _int_or_none(value: Any) -> int | None:
    if _is_missing(value):
        return None
    m = re.fullmatch(r"\s*(\d+)(?:\.0+)?\s*", str(value))
    return int(m.group(1)) if m else None


def _parse_flat(
    body: pd.DataFrame, mapping: Mapping[str, int], ctx: dict[str, Any]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    kind = ctx["kind"]
    ctx = {**ctx, "web_col": mapping.get("web_link")}
    inspections: list[dict[str, Any]] = []
    visits: list[dict[str, Any]] = []
    col = {k: body.columns[v] for k, v in mapping.items() if v < len(body.columns)}

    def cell(row: pd.Series, key: str) -> Any:
        return row[col[key]] if key in col else None

    for idx, row in body.iterrows():
        name = _clean_text(cell(row, "authority_name"))
        if not name or name.lower().startswith(("table ", "total", "england")):
            continue
        rec = _base_record(int(idx), name, ctx)
        status = _norm_text(cell(row, "status")) if "status" in col else ""
        if status and status != "current":
            rec["former"] = True
        rec["urn_col"] = _int_or_none(cell(row, "urn"))
        rec["la_code_col"] = _int_or_none(cell(row, "la_code"))
        start = _to_timestamp(cell(row, "inspection_date"))
        published = _to_timestamp(cell(row, "published"))
        type_label = _clean_text(cell(row, "type"))
        slots = {s: _clean_text(cell(row, s)) for s in _GRADE_SLOTS if s in col}
        has_grade = any(normalise_grade(v) is not None for v in slots.values())
        if kind == "in_year":
            if start is None and published is None:
                continue
            visits.append(
                {
                    **rec,
                    "event_kind": event_kind_for(type_label).value,
                    "visit_start": start,
                    "published": published,
                    "themes": _clean_text(cell(row, "theme")),
                    "type_label": type_label,
                }
            )
            if event_kind_for(type_label) is not EventKind.INSPECTION or not has_grade:
                continue
        elif not has_grade or (start is None and published is None):
            continue
        family, flexible = "ilacs", False
        if type_label and re.search(r"\bsif\b|single inspection", type_label.lower()):
            family = "sif"
        elif not (type_label and "ilacs" in type_label.lower()):
            # No type (a latest-inspection table): SIF or ILACS is decided when the
            # record is matched with the history; unmatched, by date (first SIF
            # inspections ended in 2017, SIF re-inspections ran into 2018).
            flexible = True
            if (start is not None and start < pd.Timestamp("2018-01-01")) or (
                start is None and published is not None and published < pd.Timestamp("2018-03-01")
            ):
                family = "sif"
        inspections.append(
            {
                **rec,
                "family": family,
                "flexible": flexible,
                "group": family,
                "inspection_type": type_label,
                "inspection_start": start,
                "published": published,
                **{s: slots.get(s) for s in _GRADE_SLOTS},
            }
        )
    return inspections, visits


def _parse_wide(
    body: pd.DataFrame, headers: Sequence[Any], ctx: dict[str, Any]
) -> list[dict[str, Any]]:
    name_col, groups = _map_wide_columns(headers, source=ctx["file"], sheet=ctx["sheet"])
    web_col = next(
        (i for i, c in enumerate(headers) if _norm_header(c) in _FLAT_VARIANTS["web_link"]), None
    )
    ctx = {**ctx, "web_col": web_col}
    out: list[dict[str, Any]] = []
    values = body.to_numpy(dtype=object)
    for pos, idx in enumerate(body.index):
        row = values[pos]
        name = _clean_text(row[name_col]) if name_col < len(row) else None
        if not name or name.lower().startswith(("table ", "total", "england")):
            continue
        base = _base_record(int(idx), name, ctx)
        for group, fields in groups.items():
            got = {f: (row[c] if c < len(row) else None) for f, c in fields.items()}
            slots = {s: _clean_text(got.get(s)) for s in _GRADE_SLOTS if s in got}
            if not any(normalise_grade(v) is not None for v in slots.values()):
                continue
            start = _to_timestamp(got.get("inspection_date"))
            published = _to_timestamp(got.get("published"))
            if start is None and published is None:
                continue
            if group in _PRE_SIF_TYPES:
                family, type_label = "pre_sif", _PRE_SIF_TYPES[group]
            elif group.startswith("sif"):
                family = "sif"
                type_label = "SIF re-inspection" if group == "sif_re" else "SIF"
            else:
                family, type_label = "ilacs", _clean_text(got.get("type"))
            out.append(
                {
                    **base,
                    "family": family,
                    "flexible": False,
                    "group": group,
                    "inspection_type": type_label,
                    "inspection_start": start,
                    "published": published,
                    **{s: slots.get(s) for s in _GRADE_SLOTS},
                }
            )
    return out


# --------------------------------------------------------------------------- links

_T_NS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_TABLE_START = re.compile(rb"<table:table\s[^>]*?table:name=\"([^\"]*)\"")
_ROOT_START = re.compile(rb"<office:document-content\b[^>]*>")
_HYPERLINK_URL = re.compile(r"HYPERLINK\(\s*(?:[A-Z.]+\()?\s*\"([^\"]+)\"")
_PROVIDER_ID = re.compile(r"/provider/\d+/(\d+)")
_LA_SLUG = re.compile(r"/local-authorities/([A-Za-z0-9-]+)")


def _link_target(url: str) -> tuple[str, Any] | None:
    """("urn", int), ("la_code", int) or ("slug", str) for a web link URL."""
    m = _PROVIDER_ID.search(url)
    if m:
        digits = m.group(1)
        return ("la_code", int(digits)) if len(digits) <= 3 else ("urn", int(digits))
    m = _LA_SLUG.search(url)
    return ("slug", m.group(1).lower()) if m else None


def _read_links(path: Path, sheets: Iterable[str]) -> dict[tuple[str, int, int], tuple]:
    st = path.stat()
    return _read_links_cached(
        str(path.resolve()), st.st_mtime_ns, st.st_size, tuple(sorted(set(sheets)))
    )


@functools.lru_cache(maxsize=16)
def _read_links_cached(
    path_str: str, mtime_ns: int, size: int, sheets: tuple[str, ...]
) -> dict[tuple[str, int, int], tuple]:
    """HYPERLINK targets of the named sheets: (sheet, row, col) -> (target, row texts).

    Only the ``<table:table>`` elements of the wanted sheets are cut out of
    ``content.xml`` and parsed, so the provider sheets (most of the 40 MB) are
    never parsed.
    """
    from lxml import etree

    try:
        with zipfile.ZipFile(path_str) as zf, zf.open("content.xml") as fh:
            data = fh.read()
    except (OSError, KeyError, zipfile.BadZipFile) as exc:
        raise StatisticsError(
            f"{Path(path_str).name}: cannot read content.xml for the HYPERLINK formulas ({exc})"
        ) from exc
    root = _ROOT_START.search(data)
    if root is None:
        raise StatisticsError(f"{Path(path_str).name}: content.xml has no document root")
    wanted = set(sheets)
    out: dict[tuple[str, int, int], tuple] = {}
    parser = etree.XMLParser(huge_tree=True, recover=True, resolve_entities=False, no_network=True)
    tag_row = f"{{{_T_NS}}}table-row"
    tag_cells = (f"{{{_T_NS}}}table-cell", f"{{{_T_NS}}}covered-table-cell")
    a_rows_rep = f"{{{_T_NS}}}number-rows-repeated"
    a_cols_rep = f"{{{_T_NS}}}number-columns-repeated"
    a_formula = f"{{{_T_NS}}}formula"
    for m in _TABLE_START.finditer(data):
        name = html.unescape(m.group(1).decode("utf-8", "replace"))
        if name not in wanted:
            continue
        end = data.find(b"</table:table>", m.start())
        if end < 0:
            continue
        doc = root.group(0) + data[m.start() : end + len(b"</table:table>")]
        doc += b"</office:document-content>"
        tree = etree.fromstring(doc, parser)
        r = 0
        for row in tree.iter(tag_row):
            rep = int(row.get(a_rows_rep, "1") or 1)
            c = 0
            links: list[tuple[int, tuple]] = []
            texts: list[str] = []
            for cell in row:
                if cell.tag not in tag_cells:
                    continue
                crep = int(cell.get(a_cols_rep, "1") or 1)
                formula = cell.get(a_formula)
                if formula and "HYPERLINK" in formula:
                    um = _HYPERLINK_URL.search(formula)
                    target = _link_target(um.group(1)) if um else None
                    if target is not None:
                        links.append((c, target))
                if len(texts) < 8:
                    texts.append(" ".join("".join(cell.itertext()).split()))
                c += crep
                if c > 64 and links:
                    break
            for col, target in links:
                out[(name, r, col)] = (target, tuple(texts))
            r += rep
    return out


def _attach_links(frames: list[pd.DataFrame], wbs: Sequence[_Workbook]) -> None:
    """Add ``link_kind``/``link_value`` columns from the HYPERLINK formulas, in place."""
    by_file = {wb.file: wb for wb in wbs}
    for df in frames:
        if df.empty:
            continue
        kinds: list[Any] = [None] * len(df)
        vals: list[Any] = [None] * len(df)
        for file, part in df.groupby("file", sort=False):
            wb = by_file[file]
            links = _read_links(Path(wb.path), part["sheet"].unique())
            for pos, (sheet, row, col, name) in zip(
                df.index.get_indexer(part.index),
                part[["sheet", "row", "web_col", "authority_name"]].itertuples(index=False),
                strict=True,
            ):
                if _is_missing(col):
                    continue
                hit = links.get((sheet, int(row), int(col)))
                if hit is None:
                    continue
                (kind, value), texts = hit
                key = normalise_authority_name(name)
                if not any(normalise_authority_name(t) == key for t in texts):
                    continue  # rows out of step: do not trust the link
                kinds[pos], vals[pos] = kind, value
        df["link_kind"] = kinds
        df["link_value"] = vals


def _owned(votes: Mapping[Any, Counter]) -> dict[str, Any]:
    """Authority key -> the id it owns with most votes (ids with a majority owner)."""
    owned: dict[str, Counter] = defaultdict(Counter)
    for value, counter in votes.items():
        total = sum(counter.values())
        (key, n), *_ = counter.most_common(1)
        if 2 * n > total:
            owned[key][value] = n
    out: dict[str, Any] = {}
    for key, counter in owned.items():
        top = counter.most_common(2)
        if len(top) == 1 or top[0][1] > top[1][1]:
            out[key] = top[0][0]
    return out


def _resolve_identities(frames: Sequence[pd.DataFrame]) -> dict[str, tuple[Any, Any]]:
    """Authority key -> (URN, LA code) from link votes and explicit columns.

    Each sheet votes once for each (authority, id) pair it links, with weight 2 for
    the history and latest-inspection sheets and 1 for the in-year sheets (whose
    links are the most often out of step), so an authority with many visits in one
    sheet cannot outvote the others.
    """
    urn_votes: dict[Any, Counter] = defaultdict(Counter)
    code_votes: dict[Any, Counter] = defaultdict(Counter)
    explicit_urn: dict[str, Counter] = defaultdict(Counter)
    explicit_code: dict[str, Counter] = defaultdict(Counter)
    seen: set[tuple] = set()
    for df in frames:
        if df.empty:
            continue
        cols = ["file", "sheet", "kind", "key", "urn_col", "la_code_col"]
        has_links = "link_kind" in df.columns
        if has_links:
            cols += ["link_kind", "link_value"]
        for t in df[cols].itertuples(index=False):
            file, sheet, kind, key, urn_col, code_col = t[:6]
            if not _is_missing(urn_col):
                explicit_urn[key][int(urn_col)] += 1
            if not _is_missing(code_col):
                explicit_code[key][int(code_col)] += 1
            if not has_links or t[6] not in {"urn", "la_code"}:
                continue
            ident = (file, sheet, key, t[6], t[7])
            if ident in seen:
                continue
            seen.add(ident)
            weight = 1 if kind == "in_year" else 2
            (urn_votes if t[6] == "urn" else code_votes)[t[7]][key] += weight
    urns = _owned(urn_votes)
    codes = _owned(code_votes)
    for key, c in explicit_urn.items():
        urns[key] = c.most_common(1)[0][0]
    for key, c in explicit_code.items():
        codes[key] = c.most_common(1)[0][0]
    return {k: (urns.get(k), codes.get(k)) for k in set(urns) | set(codes)}


def _registry_lookup():
    try:
        from ofstedmine import authorities  # type: ignore[attr-defined]
    except Exception:  # the registry module is optional
        return None
    fn = getattr(authorities, "lookup", None)
    return fn if callable(fn) else None


def _lookup(key: Any) -> Any:
    lookup = _registry_lookup()
    if lookup is None or _is_missing(key) or key == "":
        return None
    try:
        return lookup(key)
    except Exception:  # UnknownAuthorityError, or a registry bug: no match
        return None


def _ids_of(found: Any, plural: str, singular: str) -> tuple[int, ...]:
    values = getattr(found, plural, None)
    if values is None:
        one = getattr(found, singular, None)
        values = () if one is None else (one,)
    return tuple(int(v) for v in values if _int_or_none(v) is not None)


def _add_identity(
    df: pd.DataFrame, identities: Mapping[str, tuple[Any, Any]], names: Mapping[str, str]
) -> pd.DataFrame:
    """Fill ``urn``, ``la_code`` and ``authority`` (registry id) from the authority key.

    The registry (when present) is asked by name (not for a former authority that
    shares a successor's name) and then by the URN the links gave. Where the links'
    id is one the registry lists for the authority, or the registry has none, the
    links' id is kept; otherwise the registry's first id is used.
    """
    cache: dict[str, tuple[Any, Any, Any]] = {}
    for key in df["key"].unique():
        urn, code = identities.get(key, (None, None))
        former = key.endswith("(former)")
        found = None if former else _lookup(names.get(key))
        if found is None and urn is not None:
            found = _lookup(int(urn))
        if found is not None:
            reg_urns = _ids_of(found, "urns", "urn")
            reg_codes = _ids_of(found, "la_codes", "la_code")
            if reg_urns and urn not in reg_urns:
                urn = reg_urns[0]
            if reg_codes and code not in reg_codes:
                code = reg_codes[0]
        ident = getattr(found, "id", None) if found is not None else None
        cache[key] = (urn, code, ident)
    df["urn"] = pd.array([cache[k][0] for k in df["key"]], dtype="Int64")
    df["la_code"] = pd.array([cache[k][1] for k in df["key"]], dtype="Int64")
    df["authority"] = pd.array([cache[k][2] for k in df["key"]], dtype=object)
    return df


# ------------------------------------------------------------------------- paths


def default_statistics_dir() -> Path:
    """The folder holding the statistics releases.

    ``$OFSTEDMINE_SHARED_CORPUS/statistics`` when that variable is set (the variable
    may also name the statistics folder itself), else ``../shared/corpus/statistics``
    relative to the repository (or to the working directory).

    Raises
    ------
    StatisticsError
        When no such folder exists.
    """
    candidates: list[Path] = []
    env = os.environ.get("OFSTEDMINE_SHARED_CORPUS")
    if env:
        base = Path(env).expanduser()
        candidates += [base / "statistics", base]
    else:
        repo = Path(__file__).resolve().parents[3]
        candidates += [
            repo.parent / "shared" / "corpus" / "statistics",
            Path.cwd().parent / "shared" / "corpus" / "statistics",
            Path.cwd() / ".." / "shared" / "corpus" / "statistics",
        ]
    for c in candidates:
        if c.is_dir() and any(c.glob("*.ods")):
            return c
    where = ", ".join(str(c) for c in candidates)
    raise StatisticsError(
        f"no folder of statistics releases (*.ods) found (looked in: {where}); set "
        "OFSTEDMINE_SHARED_CORPUS to the corpus folder or pass the file paths explicitly"
    )


def _resolve_paths(paths: PathLike | Iterable[PathLike] | None) -> list[Path]:
    if paths is None:
        items: list[Path] = [default_statistics_dir()]
    elif isinstance(paths, str | os.PathLike):
        items = [Path(paths)]
    else:
        items = [Path(p) for p in paths]
    out: list[Path] = []
    for p in items:
        p = p.expanduser()
        if p.is_dir():
            found = sorted(p.glob("*.ods"))
            if not found:
                raise StatisticsError(f"{p}: folder holds no .ods statistics releases")
            out.extend(found)
        elif p.is_file():
            out.append(p)
        else:
            raise StatisticsError(f"{p}: statistics file not found")
    seen: set[Path] = set()
    unique = []
    for p in out:
        r = p.resolve()
        if r not in seen:
            seen.add(r)
            unique.append(p)
    return unique


# ------------------------------------------------------------------- judgements


def framework_for(
    family: str,
    grades: Mapping[str, Any],
    *,
    inspection_start: pd.Timestamp | dt.date | None = None,
    published: pd.Timestamp | dt.date | None = None,
) -> Framework:
    """Decide an inspection's framework from the areas graded and the dates.

    The rule:

    * pre-SIF inspections (SLAC, child protection, looked after children
      inspections, 2009-2013) are ``pre_sif_2013``;
    * SIF inspections (fieldwork before 2018; their rows grade adoption, care
      leavers, leadership and the LSCB) are ``sif``;
    * an ILACS inspection with no overall effectiveness grade from 2026 on is
      ``ilacs_2026``;
    * an ILACS inspection with a separate care leavers grade, or with fieldwork from
      1 January 2023, or published from April 2023, is ``ilacs_2023``;
    * any other ILACS inspection is ``ilacs_2018`` (one "children in care and care
      leavers" grade). Bradford's November 2022 inspection, published January 2023,
      is ``ilacs_2018``.

    Parameters
    ----------
    family : {"pre_sif", "sif", "ilacs"}
        Which history columns (or which era of dates) the inspection came from.
    grades : mapping
        Slot name (``overall``, ``care_leavers``, ...) to grade label or None.
    inspection_start, published : date, optional
        Fieldwork start and publication dates.

    Returns
    -------
    Framework
    """
    if family == "pre_sif":
        return Framework.PRE_SIF_2013
    if family == "sif":
        return Framework.SIF
    start = pd.Timestamp(inspection_start) if inspection_start is not None else None
    pub = pd.Timestamp(published) if published is not None else None
    when = start if start is not None else pub
    graded = {k for k, v in grades.items() if normalise_grade(v) is not None}
    if "overall" not in graded and when is not None and when >= pd.Timestamp("2026-01-01"):
        return Framework.ILACS_2026
    if "care_leavers" in graded:
        return Framework.ILACS_2023
    if start is not None and start >= pd.Timestamp("2023-01-01"):
        return Framework.ILACS_2023
    if start is None and pub is not None and pub >= pd.Timestamp("2023-04-01"):
        return Framework.ILACS_2023
    return Framework.ILACS_2018


_SLOT_AREAS: dict[Framework, dict[str, Area]] = {
    Framework.PRE_SIF_2013: {"overall": Area.PRE_SIF_OVERALL},
    Framework.SIF: {
        "overall": Area.OVERALL,
        "help": Area.HELP_AND_PROTECTION,
        "in_care": Area.SIF_CHILDREN_LOOKED_AFTER,
        "adoption": Area.SIF_ADOPTION,
        "care_leavers": Area.SIF_CARE_LEAVERS,
        "leaders": Area.SIF_LEADERSHIP,
        "lscb": Area.LSCB,
    },
    Framework.ILACS_2018: {
        "overall": Area.OVERALL,
        "leaders": Area.IMPACT_OF_LEADERS,
        "help": Area.HELP_AND_PROTECTION,
        "in_care": Area.IN_CARE_AND_CARE_LEAVERS,
    },
    Framework.ILACS_2023: {
        "overall": Area.OVERALL,
        "leaders": Area.IMPACT_OF_LEADERS,
        "help": Area.HELP_AND_PROTECTION,
        "in_care": Area.IN_CARE,
        "care_leavers": Area.CARE_LEAVERS,
    },
}
_SLOT_AREAS[Framework.ILACS_2026] = dict(_SLOT_AREAS[Framework.ILACS_2023])


def _days(a: pd.Timestamp, b: pd.Timestamp) -> int:
    return abs(int((a - b) / pd.Timedelta(days=1)))


class _Cluster:
    __slots__ = ("group", "loose", "members", "published", "start")

    def __init__(self, rec: dict[str, Any], group: str, *, loose: bool) -> None:
        self.members = [rec]
        self.group = group
        self.loose = loose
        self.published = rec["published"]
        self.start = rec["inspection_start"]

    def add(self, rec: dict[str, Any]) -> None:
        self.members.append(rec)
        if self.published is None:
            self.published = rec["published"]
        if self.start is None:
            self.start = rec["inspection_start"]

    def score(self, rec: dict[str, Any], window: int = 200) -> float | None:
        """How well a record fits (lower is better), or None when it is another event.

        Strict: equal dates (within three days), or a start-only record and a
        publication-only one 0-``window`` days apart. Loose (inspections, which
        are years apart for one authority and framework family): also publication
        dates up to 120 days apart and start dates up to 30 days apart, since
        older releases sometimes misprint a date (days and months swapped).
        """
        pub, start = rec["published"], rec.get("inspection_start")
        if start is not None and self.start is not None:
            ds = _days(start, self.start)
            if ds > (30 if self.loose else 3):
                return None
        else:
            ds = None
        if pub is not None and self.published is not None:
            d = _days(pub, self.published)
            if d <= 3:
                return d
            if ds is not None and ds <= 3:
                return 5
            return 50 + d if self.loose and d <= 120 else None
        if ds is not None:
            return ds if ds <= 3 else 50 + ds
        if start is not None and self.published is not None:
            gap = int((self.published - start) / pd.Timedelta(days=1))
            return 10 + gap if 0 <= gap <= window else None
        if pub is not None and self.start is not None:
            gap = int((pub - self.start) / pd.Timedelta(days=1))
            return 10 + gap if 0 <= gap <= window else None
        return None


def _nan_to_none(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    for r in records:
        for k, v in r.items():
            if not isinstance(v, str) and _is_missing(v):
                r[k] = None
    return records


def _cluster_records(
    records: list[dict[str, Any]],
    groups_of: Any,
    *,
    loose: bool,
) -> list[_Cluster]:
    """Group records (sorted newest first) that describe the same event.

    ``groups_of(rec)`` gives the groups (framework families, visit kinds) a record
    may belong to, the first being its own; a record joins the best-scoring
    cluster of the same authority in any of them, or starts a cluster of its own.
    A former authority that shares a current one's name is matched under the
    shared name, so a release that lists the old Dorset's history under the new
    Dorset does not double it.
    """
    clusters: dict[tuple[str, str], list[_Cluster]] = defaultdict(list)
    ordered: list[_Cluster] = []
    for rec in records:
        base = rec["key"].removesuffix(" (former)")
        groups = groups_of(rec)
        best: tuple[float, _Cluster] | None = None
        for g in groups:
            for c in clusters[(base, g)]:
                sc = c.score(rec)
                if sc is not None and (best is None or sc < best[0]):
                    best = (sc, c)
        if best is None:
            c = _Cluster(rec, groups[0], loose=loose)
            clusters[(base, groups[0])].append(c)
            ordered.append(c)
        else:
            best[1].add(rec)
    return ordered


def _load(paths: PathLike | Iterable[PathLike] | None) -> list[_Workbook]:
    wbs = [_read_workbook(p) for p in _resolve_paths(paths)]
    return sorted(wbs, key=_release_order, reverse=True)  # newest first


def _sorted_records(df: pd.DataFrame, wbs: Sequence[_Workbook]) -> list[dict[str, Any]]:
    rank = {wb.file: i for i, wb in enumerate(wbs)}  # 0 = newest release
    df = df.assign(
        _rank=df["file"].map(rank),
        _prio=df["kind"].map(_SHEET_PRIORITY).fillna(0),
    ).sort_values(["_rank", "_prio", "sheet", "row"], ascending=[True, False, True, True])
    return _nan_to_none(df.to_dict("records"))


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


_JUDGEMENT_COLUMNS = [
    "authority_name",
    "authority",
    "urn",
    "la_code",
    "inspection_id",
    "inspection_type",
    "inspection_start",
    "inspection_end",
    "published",
    "framework",
    "area",
    "grade",
    "grade_label",
    "authority_status",
    "release",
    "sheet",
    "sources",
]


@functools.lru_cache(maxsize=8)
def _judgements_cached(files: tuple[tuple[str, int, int], ...], with_la_codes: bool) -> tuple:
    wbs = [_read_workbook_cached(*f) for f in files]
    wbs = sorted(wbs, key=_release_order, reverse=True)
    frames = [wb.inspections for wb in wbs if not wb.inspections.empty]
    vframes = [wb.visits for wb in wbs if not wb.visits.empty]
    if not frames:
        return pd.DataFrame(columns=_JUDGEMENT_COLUMNS), {}, {}
    recs_df = pd.concat(frames, ignore_index=True)
    visits_df = pd.concat(vframes, ignore_index=True) if vframes else pd.DataFrame()
    if with_la_codes:
        _attach_links([recs_df, visits_df], wbs)
    identities = _resolve_identities([recs_df, visits_df])
    records = _sorted_records(recs_df, wbs)
    names: dict[str, str] = {}
    status: dict[str, str] = {}
    for r in records:  # newest first
        names.setdefault(r["key"], r["authority_name"])
        status.setdefault(r["key"], "former" if r["former"] else "current")
    rows: list[dict[str, Any]] = []

    def groups_of(rec: dict[str, Any]) -> list[str]:
        if rec["family"] == "pre_sif":
            return [rec["group"]]
        if rec["flexible"]:
            return [rec["family"], "ilacs" if rec["family"] == "sif" else "sif"]
        return [rec["family"]]

    for cl in _cluster_records(records, groups_of, loose=True):
        family = "pre_sif" if cl.group in _PRE_SIF_TYPES else cl.group
        key = next((m["key"] for m in cl.members if m["key"].endswith("(former)")), None)
        key = key or cl.members[0]["key"]
        head = {**cl.members[0], "family": family, "key": key}
        slots: dict[str, str | None] = {}
        for s in _GRADE_SLOTS:
            slots[s] = next(
                (m[s] for m in cl.members if normalise_grade(m.get(s)) is not None), None
            )
        inspection_type = next(
            (m["inspection_type"] for m in cl.members if m.get("inspection_type")), None
        )
        if head["family"] == "sif" and any(m["group"] == "sif_re" for m in cl.members):
            inspection_type = "SIF re-inspection"
        if inspection_type is None:
            inspection_type = "SIF" if head["family"] == "sif" else "ILACS"
        fw = framework_for(head["family"], slots, inspection_start=cl.start, published=cl.published)
        when = cl.published if cl.published is not None else cl.start
        type_part = _slug(head["group"]) if head["family"] == "pre_sif" else fw.value
        sources = "; ".join(dict.fromkeys(f"{m['file']}:{m['sheet']}" for m in cl.members))
        base = {
            "key": head["key"],
            "authority_name": names[head["key"]],
            "inspection_type": inspection_type,
            "inspection_start": cl.start,
            "inspection_end": None,
            "published": cl.published,
            "framework": fw.value,
            "authority_status": status[head["key"]],
            "release": head["file"],
            "sheet": head["sheet"],
            "sources": sources,
            "_when": when,
            "_type": type_part,
        }
        for slot, area in _SLOT_AREAS[fw].items():
            label = slots.get(slot)
            grade = normalise_grade(label)
            if grade is None:
                continue
            rows.append({**base, "area": area.value, "grade": grade.value, "grade_label": label})
    return pd.DataFrame(rows), identities, names


def _finish_judgements(
    df: pd.DataFrame, identities: Mapping[str, tuple[Any, Any]], names: Mapping[str, str]
) -> pd.DataFrame:
    if df.empty:
        return pd.DataFrame(columns=_JUDGEMENT_COLUMNS)
    df = _add_identity(df.copy(), identities, names)
    ident = [
        str(u) if not _is_missing(u) else _slug(k)
        for u, k in zip(df["urn"], df["key"], strict=True)
    ]
    when = pd.to_datetime(df["_when"])
    df["inspection_id"] = [
        f"{i}:{t}:{w.date().isoformat() if not pd.isna(w) else 'undated'}"
        for i, t, w in zip(ident, df["_type"], when, strict=True)
    ]
    for c in ("inspection_start", "inspection_end", "published"):
        df[c] = pd.to_datetime(df[c]).astype("datetime64[ns]")
    area_order = {a.value: i for i, a in enumerate(Area)}
    df = df.assign(_area=df["area"].map(area_order))
    df = df.sort_values(["authority_name", "_when", "inspection_id", "_area"], kind="stable")
    return df[_JUDGEMENT_COLUMNS].reset_index(drop=True)


#: Bumped whenever the frames this module returns change; disk caches key on it.
READER_VERSION = "1"


def _disk_cached(name, keys, with_la_codes, cache, compute) -> pd.DataFrame:
    """``compute()``, kept as Parquet in ``<cache>/statistics/`` when ``cache`` is
    True (the user cache folder) or a folder. Keyed by each file's path, size and
    mtime, the options and :data:`READER_VERSION`; written atomically."""
    if not cache:
        return compute()
    import hashlib
    import tempfile

    from ofstedmine.cache import default_cache_dir

    root = (default_cache_dir() if cache is True else Path(cache)) / "statistics"
    key = hashlib.sha256(repr((name, keys, with_la_codes, READER_VERSION)).encode()).hexdigest()
    path = root / f"{name}-{key[:32]}.parquet"
    try:
        return pd.read_parquet(path)
    except (FileNotFoundError, OSError, ValueError):
        pass
    df = compute()
    root.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=root, suffix=".parquet.tmp")
    os.close(fd)
    try:
        df.to_parquet(tmp, index=False)
        os.replace(tmp, path)
    except Exception:  # a frame Parquet cannot hold is still returned, just not kept
        Path(tmp).unlink(missing_ok=True)
    return df


def _file_keys(paths: PathLike | Iterable[PathLike] | None) -> tuple[tuple[str, int, int], ...]:
    out = []
    for p in _resolve_paths(paths):
        st = p.stat()
        out.append((str(p.resolve()), st.st_mtime_ns, st.st_size))
    return tuple(sorted(out))


def read_judgements(
    paths: PathLike | Iterable[PathLike] | None = None,
    *,
    with_la_codes: bool = True,
    cache: bool | PathLike | None = None,
) -> pd.DataFrame:
    """Every authority's inspection judgements, one row per (inspection, area).

    Parameters
    ----------
    paths : path, folder, iterable of paths, or None
        The releases to read; None reads every ``.ods`` in
        :func:`default_statistics_dir`.
    with_la_codes : bool, default True
        Read the ``HYPERLINK()`` formulas of the "Web link" column from
        ``content.xml`` to fill ``urn`` and ``la_code`` (see the module docstring).
        With False only the registry (if present) supplies URNs and LA codes
        (without it both columns are empty); the read is a little faster.

    Returns
    -------
    pandas.DataFrame
        Columns ``authority_name`` (as printed in the newest release), ``authority``
        (registry id or None), ``urn`` and ``la_code`` (nullable Int64),
        ``inspection_id`` (``<urn>:<framework or pre-SIF type>:<date>``),
        ``inspection_type`` ("ILACS Standard Inspection", "SIF", "SLAC
        safeguarding", ...), ``inspection_start``, ``inspection_end`` (always NaT:
        no release gives it), ``published`` (datetimes, NaT where absent),
        ``framework`` (:class:`~ofstedmine.types.Framework` value, see
        :func:`framework_for`), ``area`` (:class:`~ofstedmine.types.Area` value),
        ``grade`` (:class:`~ofstedmine.types.Grade` value), ``grade_label`` (as
        printed), ``authority_status`` ("current"/"former"), ``release`` (file
        name), ``sheet`` and ``sources`` (every ``file:sheet`` that lists the
        inspection). Each inspection appears once, however many releases list it.

    Notes
    -----
    Pre-SIF inspections have one overall grade per service inspected; each is a row
    with area ``pre_sif_overall`` and its own ``inspection_type`` (a SLAC inspection
    gives two: safeguarding and looked after children). The LSCB review grade is
    attached to the first SIF inspection. The pre-SIF grades are printed on the
    current four-point wording, so "adequate" does not occur in these releases.

    Raises
    ------
    StatisticsError
        When a file is missing or unreadable or lacks a needed column.
    """
    keys = _file_keys(paths)

    def compute() -> pd.DataFrame:
        df, identities, names = _judgements_cached(keys, with_la_codes)
        return _finish_judgements(df, identities, names)

    return _disk_cached("judgements", keys, with_la_codes, cache, compute)


# ---------------------------------------------------------------------- visits

_VISIT_COLUMNS = [
    "authority_name",
    "authority",
    "urn",
    "la_code",
    "event_kind",
    "visit_start",
    "visit_end",
    "published",
    "themes",
    "type_label",
    "release",
    "sheet",
    "sources",
]


@functools.lru_cache(maxsize=8)
def _visits_cached(files: tuple[tuple[str, int, int], ...], with_la_codes: bool) -> tuple:
    wbs = [_read_workbook_cached(*f) for f in files]
    wbs = sorted(wbs, key=_release_order, reverse=True)
    vframes = [wb.visits for wb in wbs if not wb.visits.empty]
    if not vframes:
        return pd.DataFrame(columns=_VISIT_COLUMNS), {}, {}
    visits_df = pd.concat(vframes, ignore_index=True)
    iframes = [wb.inspections for wb in wbs if not wb.inspections.empty]
    recs_df = pd.concat(iframes, ignore_index=True) if iframes else pd.DataFrame()
    if with_la_codes:
        _attach_links([visits_df, recs_df], wbs)
    identities = _resolve_identities([visits_df, recs_df])
    records = _sorted_records(visits_df, wbs)
    names: dict[str, str] = {}
    for r in records:
        names.setdefault(r["key"], r["authority_name"])
    for r in records:
        r["inspection_start"] = r["visit_start"]
    rows = []
    for cl in _cluster_records(records, lambda r: [r["event_kind"]], loose=False):
        head = cl.members[0]
        themes = next((m["themes"] for m in cl.members if m.get("themes")), None)
        rows.append(
            {
                "key": head["key"],
                "authority_name": names[head["key"]],
                "event_kind": head["event_kind"],
                "visit_start": cl.start,
                "visit_end": None,
                "published": cl.published,
                "themes": themes,
                "type_label": head["type_label"],
                "release": head["file"],
                "sheet": head["sheet"],
                "sources": "; ".join(
                    dict.fromkeys(f"{m['file']}:{m['sheet']}" for m in cl.members)
                ),
            }
        )
    return pd.DataFrame(rows), identities, names


def read_visits(
    paths: PathLike | Iterable[PathLike] | None = None,
    *,
    with_la_codes: bool = True,
    cache: bool | PathLike | None = None,
) -> pd.DataFrame:
    """Every monitoring visit, focused visit and inspection listed in the in-year sheets.

    The in-year sheets cover April 2021 to March 2025 (and a few earlier events a
    release added late). Events listed by several releases appear once (same
    authority, kind and start date within three days; the newest release wins).

    Parameters
    ----------
    paths : path, folder, iterable of paths, or None
        The releases to read; None reads every ``.ods`` in
        :func:`default_statistics_dir`.
    with_la_codes : bool, default True
        Read the "Web link" formulas to fill ``urn`` and ``la_code``.

    Returns
    -------
    pandas.DataFrame
        Columns ``authority_name``, ``authority`` (registry id or None), ``urn``,
        ``la_code`` (nullable Int64), ``event_kind``
        (:class:`~ofstedmine.types.EventKind` value), ``visit_start``,
        ``visit_end`` (NaT: not published), ``published`` (only the 2025 release
        gives it), ``themes`` (the visit theme as printed, ``"; "``-joined if
        several; None for inspections), ``type_label`` (as printed, e.g. "LA
        Monitoring visit"), ``release``, ``sheet`` and ``sources``.

    Raises
    ------
    StatisticsError
        When a file is missing or unreadable or lacks a needed column.
    """
    keys = _file_keys(paths)
    return _disk_cached(
        "visits", keys, with_la_codes, cache, lambda: _read_visits_uncached(keys, with_la_codes)
    )


def _read_visits_uncached(keys, with_la_codes: bool) -> pd.DataFrame:
    df, identities, names = _visits_cached(keys, with_la_codes)
    if df.empty:
        return pd.DataFrame(columns=_VISIT_COLUMNS)
    df = _add_identity(df.copy(), identities, names)
    for c in ("visit_start", "visit_end", "published"):
        df[c] = pd.to_datetime(df[c]).astype("datetime64[ns]")
    df = df.sort_values(["authority_name", "visit_start", "event_kind"], kind="stable")
    return df[_VISIT_COLUMNS].reset_index(drop=True)


def visits_to_events(df: pd.DataFrame) -> list[Event]:
    """The rows of :func:`read_visits` as :class:`~ofstedmine.types.Event` records.

    Parameters
    ----------
    df : pandas.DataFrame
        A frame with :func:`read_visits`'s columns (``authority`` may be absent).

    Returns
    -------
    list of Event
        One event per row with a start date, dated by ``visit_start`` (day
        precision), ``source="statistics"``, the registry id as ``authority`` and
        the themes split on ``"; "``.
    """
    events: list[Event] = []
    for row in df.to_dict("records"):
        start = row.get("visit_start")
        if _is_missing(start):
            continue
        kind_value = row.get("event_kind")
        try:
            kind = EventKind(kind_value)
        except ValueError:
            kind = event_kind_for(row.get("type_label"))
        themes_text = row.get("themes")
        themes = (
            tuple(t.strip() for t in str(themes_text).split(";") if t.strip())
            if not _is_missing(themes_text)
            else ()
        )
        label = row.get("type_label") or kind.value.replace("_", " ")
        name = row.get("authority_name")
        title = f"{label}: {name}" if not _is_missing(name) else str(label)
        if themes:
            title += f" ({'; '.join(themes)})"
        authority = row.get("authority")
        published = row.get("published")
        note_parts = []
        if not _is_missing(published):
            note_parts.append(f"published {pd.Timestamp(published).date().isoformat()}")
        if not _is_missing(row.get("release")):
            note_parts.append(f"statistics release {row['release']}")
        events.append(
            Event(
                date=pd.Timestamp(start).date(),
                kind=kind,
                authority=None if _is_missing(authority) else str(authority),
                title=title,
                date_precision="day",
                source="statistics",
                themes=themes,
                note="; ".join(note_parts) or None,
            )
        )
    return events


# -------------------------------------------------------------------- LA codes


def read_la_codes(paths: PathLike | Iterable[PathLike] | None = None) -> dict[int, int]:
    """Ofsted URN -> old three-digit LA code, read from the "Web link" formulas.

    The 2022 and 2023 releases (and the 2024 ILACS history sheet) link most
    authorities' pages by URN (``/provider/44/80449``), the 2024 and 2025 latest
    and in-year sheets by LA code (``/provider/44/380``). A link id of three
    digits is an LA code, a longer one a URN. The two are paired through the
    authority's normalised name across all the releases given: each sheet casts
    one vote for each (authority, id) it links (weight 2 for history and
    latest-inspection sheets, 1 for in-year sheets, whose links are most often out
    of step), an id belongs to the authority holding more than half of its votes,
    and an authority takes the id it owns with most votes. Only pairs where both
    ids are owned that way are returned, and the registry is not consulted. With
    the four releases of the corpus that is 102 authorities; the others are never
    linked by URN (or their code is disputed, e.g. 941 for both Northamptonshires).
    A single release that links by one kind of id only yields an empty mapping.

    Parameters
    ----------
    paths : path, folder, iterable of paths, or None
        The releases to read.

    Returns
    -------
    dict of int to int
        URN to LA code, e.g. ``{80449: 380, ...}``.
    """
    wbs = _load(paths)
    frames = [df for wb in wbs for df in (wb.inspections, wb.visits) if not df.empty]
    if not frames:
        return {}
    frames = [f.copy() for f in frames]
    _attach_links(frames, wbs)
    identities = _resolve_identities(frames)
    out: dict[int, int] = {}
    for urn, code in identities.values():  # each id has at most one owner
        if urn is not None and code is not None:
            out[int(urn)] = int(code)
    return dict(sorted(out.items()))


# -------------------------------------------------------------------- releases


def list_releases(folder: PathLike | Iterable[PathLike] | None = None) -> pd.DataFrame:
    """The statistics releases in a folder, newest first.

    Parameters
    ----------
    folder : path, folder, iterable of paths, or None
        None means :func:`default_statistics_dir`.

    Returns
    -------
    pandas.DataFrame
        Columns ``file``, ``path``, ``title`` (cover sheet title), ``published``
        (cover sheet "Published on" date), ``period`` (cover sheet "Period
        covered"), ``sheets`` (all sheet names, ``"; "``-joined, without the empty
        external-link sheets), ``judgement_sheets``, ``latest_sheets`` and
        ``visit_sheets`` (the sheets this module reads, by role).
    """
    rows = []
    for wb in _load(folder):
        by_kind: dict[str, list[str]] = defaultdict(list)
        for t in wb.tables:
            if t.sheet not in by_kind[t.kind]:
                by_kind[t.kind].append(t.sheet)
        rows.append(
            {
                "file": wb.file,
                "path": wb.path,
                "title": wb.title,
                "published": wb.published,
                "period": wb.period,
                "sheets": "; ".join(wb.sheets),
                "judgement_sheets": "; ".join(by_kind["history_wide"] + by_kind["history_long"]),
                "latest_sheets": "; ".join(by_kind["latest"]),
                "visit_sheets": "; ".join(by_kind["in_year"]),
            }
        )
    df = pd.DataFrame(rows)
    if not df.empty:
        df["published"] = pd.to_datetime(df["published"]).astype("datetime64[ns]")
    return df


def _clear_cache() -> None:
    """Forget every parsed release (for tests and long-running processes)."""
    _read_workbook_cached.cache_clear()
    _read_links_cached.cache_clear()
    _judgements_cached.cache_clear()
    _visits_cached.cache_clear()

"""Read Ofsted's official statistics on local authority children's services.

Ofsted publishes its judgements on every English local authority's children's
services, and the visits between inspections, as OpenDocument spreadsheets. This
package turns four such releases into tidy long :class:`pandas.DataFrame` objects:

* :func:`read_judgements`: one row per (inspection, judgement area), 2009 to 2025;
* :func:`read_visits`: one row per monitoring visit, focused visit or inspection,
  April 2021 to March 2025 (plus a few earlier ones a release added late);
* :func:`visits_to_events`: those visits as :class:`~ofstedmine.types.Event` records;
* :func:`read_la_codes`: Ofsted URN to old three-digit LA code;
* :func:`list_releases`: which release is which.

Files are read with ``pandas.read_excel(..., engine="calamine", header=None)``
(the ``odf`` engine is far too slow for these files). Parsed files are cached in
the process by (path, modification time, size), so repeated calls are instant.

>>> normalise_grade("Requires improvement to be good").value
'requires_improvement'
>>> event_kind_for("ILACS Focused Visit").value
'focused_visit'

The package, a module per job (each imports only the ones listed before it):

* :mod:`~ofstedmine.sources.statistics.cells`: cell values (blanks, text, header
  text, dates, grades, visit types);
* :mod:`~ofstedmine.sources.statistics.identity`: authority names, the votes for
  URNs and LA codes, the registry;
* :mod:`~ofstedmine.sources.statistics.columns`: header rows to columns, with the
  header wordings of the versioned data file ``ofstedmine/data/statistics_columns.json``;
* :mod:`~ofstedmine.sources.statistics.records`: table rows to raw records;
* :mod:`~ofstedmine.sources.statistics.paths`: where the releases are;
* :mod:`~ofstedmine.sources.statistics.workbook`: opening a release (sheets, cover,
  header rows, tables) and :func:`list_releases`;
* :mod:`~ofstedmine.sources.statistics.links`: the ``HYPERLINK()`` formulas of
  ``content.xml`` and :func:`read_la_codes`;
* :mod:`~ofstedmine.sources.statistics.matching`: deduplication of records;
* :mod:`~ofstedmine.sources.statistics.cache`: the Parquet disk cache;
* :mod:`~ofstedmine.sources.statistics.history`: :func:`read_judgements` and
  :func:`framework_for`;
* :mod:`~ofstedmine.sources.statistics.visits`: :func:`read_visits` and
  :func:`visits_to_events`.

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

# the submodules, as attributes of the package (tests patch names where they are used)
from . import cache as cache
from . import cells as cells
from . import columns as columns
from . import history as history
from . import identity as identity
from . import links as links
from . import matching as matching
from . import paths as paths
from . import records as records
from . import visits as visits
from . import workbook as workbook
from .cache import READER_VERSION as READER_VERSION
from .cells import _norm_header as _norm_header
from .cells import event_kind_for, normalise_grade
from .columns import COLUMNS_VERSION as COLUMNS_VERSION
from .columns import _classify as _classify
from .columns import _map_wide_columns as _map_wide_columns
from .columns import _wide_fields as _wide_fields
from .columns import map_columns
from .history import _judgements_cached, framework_for, read_judgements
from .identity import _owned as _owned
from .identity import _registry_lookup as _registry_lookup
from .identity import normalise_authority_name
from .links import _link_target as _link_target
from .links import _read_links as _read_links
from .links import _read_links_cached, read_la_codes
from .paths import PathLike as PathLike
from .paths import default_statistics_dir
from .visits import _visits_cached, read_visits, visits_to_events
from .workbook import _header_rows as _header_rows
from .workbook import _read_workbook as _read_workbook
from .workbook import _read_workbook_cached, list_releases

# Besides __all__, the package keeps the names that tests and callers used when it was
# one module: those imported "as" themselves above, and the caches _clear_cache empties.
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


def _clear_cache() -> None:
    """Forget every parsed release (for tests and long-running processes)."""
    _read_workbook_cached.cache_clear()
    _read_links_cached.cache_clear()
    _judgements_cached.cache_clear()
    _visits_cached.cache_clear()

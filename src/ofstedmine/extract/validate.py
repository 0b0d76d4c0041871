"""Check extracted judgements and dates against Ofsted's official statistics.

The official statistics (:func:`ofstedmine.sources.statistics.read_judgements`)
list every authority's inspections with their grades, publication date and (for
ILACS) first day of fieldwork. :func:`compare_with_statistics` joins extracted
judgements to them inspection by inspection and compares field by field;
:func:`agreement_by_field` summarises the comparison.

Joining
-------
An extracted report and an official inspection are the same inspection when they
belong to the same authority (same Ofsted URN, or the same registry id when
either URN is missing) and

* both give a first day of fieldwork and the two are at most ``tolerance`` days
  apart, or
* otherwise both give a publication date and the two are at most ``tolerance``
  days apart.

Several extracted parts may join one inspection (Hull's 2015 file: the SIF report
and the separately published LSCB review); each area is then compared with the
grade found in any of them (a found grade wins over a missing one). Official
inspections no extracted report joins, and extracted reports no official
inspection joins, are outside the comparison (they are counted in
``comparison.attrs``).

Fields compared
---------------
``grade:<area>`` for every area the official inspection grades, ``framework``,
``inspection_start`` (where the statistics give it: ILACS only),
``inspection_end`` (where given: no release gives it so far) and ``published``.
Grades are compared on the four-point scale: a pre-2014 "adequate" agrees with
the statistics' "requires improvement" (the releases print the older scale's
third grade on the current wording).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

import pandas as pd

from ofstedmine.types import Extraction

__all__ = [
    "EXTRACTED_COLUMNS",
    "agreement_by_field",
    "compare_with_statistics",
    "disagreements",
    "judgements_frame",
]

#: Columns of :func:`judgements_frame` (the ``extracted`` input of the comparison).
EXTRACTED_COLUMNS = [
    "authority",
    "urn",
    "inspection_start",
    "inspection_end",
    "published",
    "kind",
    "framework",
    "area",
    "grade",
    "status",
    "label",
    "page",
    "document_id",
    "source_path",
    "part",
]

COMPARISON_COLUMNS = [
    "authority",
    "urn",
    "inspection_id",
    "field",
    "extracted",
    "official",
    "agree",
    "document",
    "note",
]


def judgements_frame(
    extractions: Iterable[Extraction], source_paths: Iterable[str | None] | None = None
) -> pd.DataFrame:
    """One row per (report, judgement area) of extractions; see :data:`EXTRACTED_COLUMNS`.

    A report with no judgements (a letter) gives one row with ``area`` None, so
    its dates still take part in the comparison. ``source_paths`` (parallel to
    ``extractions``) fills ``source_path``.
    """
    rows: list[dict[str, Any]] = []
    paths = list(source_paths) if source_paths is not None else None
    for i, ex in enumerate(extractions):
        m = ex.metadata
        base = {
            "authority": m.authority,
            "urn": m.urn,
            "inspection_start": m.inspection_start,
            "inspection_end": m.inspection_end,
            "published": m.published,
            "kind": m.kind.value,
            "framework": m.framework.value,
            "document_id": ex.document_id,
            "source_path": paths[i] if paths else None,
            "part": ex.part,
        }
        if not ex.judgements:
            rows.append(
                {**base, "area": None, "grade": None, "status": None, "label": None, "page": None}
            )
        for j in ex.judgements:
            rows.append(
                {
                    **base,
                    "area": j.area.value,
                    "grade": j.grade.value if j.grade else None,
                    "status": j.status.value,
                    "label": j.label,
                    "page": j.locator.page if j.locator else None,
                }
            )
    df = pd.DataFrame(rows, columns=EXTRACTED_COLUMNS)
    for col in ("inspection_start", "inspection_end", "published"):
        df[col] = pd.to_datetime(df[col])
    df["urn"] = df["urn"].astype("Int64")
    df["part"] = df["part"].astype("Int64")
    return df


def _ts(value: Any) -> pd.Timestamp | None:
    if value is None:
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return pd.Timestamp(value).normalize()


def _int(value: Any) -> int | None:
    try:
        return None if value is None or pd.isna(value) else int(value)
    except (TypeError, ValueError):
        return None


def _str(value: Any) -> str | None:
    if value is None:
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return str(value)


def _four_point(grade: str | None) -> str | None:
    return "requires_improvement" if grade == "adequate" else grade


def _document_key(row: pd.Series) -> tuple:
    doc = row.get("source_path")
    doc = doc if isinstance(doc, str) and doc else row.get("document_id")
    return (doc, _int(row.get("part")) or 1)


def _extracted_reports(extracted: pd.DataFrame) -> list[dict[str, Any]]:
    reports: dict[tuple, dict[str, Any]] = {}
    for _, row in extracted.iterrows():
        key = _document_key(row)
        rep = reports.get(key)
        if rep is None:
            rep = reports[key] = {
                "document": key[0],
                "part": key[1],
                "authority": _str(row.get("authority")),
                "urn": _int(row.get("urn")),
                "start": _ts(row.get("inspection_start")),
                "end": _ts(row.get("inspection_end")),
                "published": _ts(row.get("published")),
                "framework": _str(row.get("framework")),
                "kind": _str(row.get("kind")),
                "grades": {},
            }
        area = _str(row.get("area"))
        if area:
            grade = _str(row.get("grade"))
            status = _str(row.get("status"))
            if area not in rep["grades"] or (grade and not rep["grades"][area][0]):
                rep["grades"][area] = (grade, status)
    return list(reports.values())


def _official_inspections(official: pd.DataFrame) -> list[dict[str, Any]]:
    off = official.copy()
    if "inspection_id" not in off.columns:
        off["inspection_id"] = (
            off["urn"].astype(str)
            + ":"
            + off["framework"].astype(str)
            + ":"
            + off["published"].astype(str)
            + ":"
            + off["inspection_start"].astype(str)
        )
    out = []
    for iid, grp in off.groupby("inspection_id", sort=False, dropna=False):
        first = grp.iloc[0]
        out.append(
            {
                "inspection_id": iid,
                "authority": _str(first.get("authority")),
                "urn": _int(first.get("urn")),
                "start": _ts(first.get("inspection_start")),
                "end": _ts(first.get("inspection_end")),
                "published": _ts(first.get("published")),
                "framework": _str(first.get("framework")),
                "name_id": _registry_id(_str(first.get("authority_name"))),
                "grades": {
                    _str(r["area"]): _str(r["grade"])
                    for _, r in grp.iterrows()
                    if _str(r.get("area"))
                },
            }
        )
    return out


def _registry_id(name: str | None) -> str | None:
    if not name:
        return None
    try:
        import ofstedmine.authorities as authorities

        found = authorities.lookup(name)
    except Exception:  # the registry is a convenience here, never a requirement
        return None
    return found.id if found is not None else None


def _same_authority(rep: dict[str, Any], ins: dict[str, Any]) -> bool:
    if rep["urn"] is not None and rep["urn"] == ins["urn"]:
        return True
    return rep["authority"] is not None and rep["authority"] in (ins["authority"], ins["name_id"])


def _days(a: pd.Timestamp | None, b: pd.Timestamp | None) -> int | None:
    return None if a is None or b is None else abs((a - b).days)


def _distance(rep: dict[str, Any], ins: dict[str, Any], tolerance: int) -> int | None:
    """Days between the closest of fieldwork start and publication dates."""
    ds = [
        d
        for d in (_days(rep["start"], ins["start"]), _days(rep["published"], ins["published"]))
        if d is not None
    ]
    best = min(ds) if ds else None
    return best if best is not None and best <= tolerance else None


#: An LSCB review published on its own joins the SIF inspection it completes when it
#: was published at most this many days after it (Surrey 2015: 61 days).
LSCB_REVIEW_DAYS = 180


def _join(
    inspections: list[dict[str, Any]], reports: list[dict[str, Any]], tolerance: int
) -> dict[Any, list[dict[str, Any]]]:
    """Official inspection id -> the extracted reports that are that inspection."""
    by_key: dict[Any, list[dict[str, Any]]] = {}
    for rep in reports:
        for key in {rep["urn"], rep["authority"]} - {None}:
            by_key.setdefault(key, []).append(rep)
    joined: dict[Any, list[dict[str, Any]]] = {}
    for ins in inspections:
        cands: dict[int, dict[str, Any]] = {}
        for key in (ins["urn"], ins["authority"], ins["name_id"]):
            for rep in by_key.get(key, []) if key is not None else []:
                if _same_authority(rep, ins):
                    cands[id(rep)] = rep
        scored = [
            (d, rep)
            for rep in cands.values()
            if rep["kind"] != "lscb_review" and (d := _distance(rep, ins, tolerance)) is not None
        ]
        chosen: list[dict[str, Any]] = []
        if scored:
            best = min(d for d, _ in scored)
            docs = {rep["document"] for d, rep in scored if d == best}
            chosen = [rep for rep in cands.values() if rep["document"] in docs]
        if ins["framework"] == "sif" and ins["published"] is not None:
            for rep in cands.values():
                if (
                    rep["kind"] == "lscb_review"
                    and rep not in chosen
                    and rep["published"] is not None
                ):
                    lag = (rep["published"] - ins["published"]).days
                    if -tolerance <= lag <= LSCB_REVIEW_DAYS:
                        chosen.append(rep)
        if chosen:
            joined[ins["inspection_id"]] = chosen
    # A report is one inspection: where the statistics list an inspection twice
    # (dates with day and month swapped, a later correction, a SIF inspection
    # also filed under ILACS columns), the report stays with the nearest record,
    # of its own framework on a tie, and the other is a duplicate.
    nearest: dict[int, tuple[int, Any]] = {}
    by_id = {ins["inspection_id"]: ins for ins in inspections}
    for iid, reps in joined.items():
        for rep in reps:
            if rep["kind"] == "lscb_review" and by_id[iid]["framework"] == "sif":
                continue
            d = _distance(rep, by_id[iid], tolerance)
            score = (tolerance + 1 if d is None else d, rep["framework"] != by_id[iid]["framework"])
            if id(rep) not in nearest or score < nearest[id(rep)][0]:
                nearest[id(rep)] = (score, iid)
    out: dict[Any, list[dict[str, Any]]] = {}
    for iid, reps in joined.items():
        keep = [r for r in reps if id(r) not in nearest or nearest[id(r)][1] == iid]
        if any(id(r) in nearest for r in keep):
            out[iid] = keep
    return out


#: When the statistics file a SIF inspection's grades under ILACS columns (the
#: "latest inspection" sheets do this for authorities last inspected under SIF),
#: the ILACS area is compared with the SIF area that holds the same grade.
SIF_AS_ILACS = {
    "impact_of_leaders": "sif_leadership",
    "in_care_and_care_leavers": "sif_children_looked_after",
}


def compare_with_statistics(
    extracted: pd.DataFrame,
    official: pd.DataFrame,
    *,
    tolerance: int = 7,
) -> pd.DataFrame:
    """Compare extracted judgements and dates with the official statistics.

    Parameters
    ----------
    extracted
        One row per (report, area): columns ``authority``, ``urn``,
        ``inspection_start``, ``inspection_end``, ``published``, ``framework``,
        ``area``, ``grade`` and ``source_path`` and/or ``document_id`` (``part``,
        ``status`` and ``kind`` are used when present). :func:`judgements_frame`
        builds it from extractions. Only full inspections and LSCB reviews take
        part (a ``kind`` column, when present, selects them).
    official
        :func:`ofstedmine.sources.statistics.read_judgements` output.
    tolerance
        Days by which fieldwork-start or publication dates may differ for two
        records to be the same inspection.

    Returns
    -------
    pandas.DataFrame
        One row per compared field of each joined inspection, columns
        ``authority``, ``urn``, ``inspection_id`` (the official one), ``field``
        (``grade:<area>``, ``framework``, ``inspection_start``,
        ``inspection_end``, ``published``), ``extracted``, ``official``, ``agree``
        (bool), ``document`` (source path or document id, with ``#part`` when
        the file holds several reports) and ``note``. ``attrs`` holds the counts
        ``joined``, ``official_unjoined`` and ``extracted_unjoined``. Use
        :func:`disagreements` for the rows that disagree and
        :func:`agreement_by_field` for the summary.
    """
    ext = extracted
    if "kind" in ext.columns:
        ext = ext[ext["kind"].isin(["full_inspection", "lscb_review"]) | ext["kind"].isna()]
    reports = _extracted_reports(ext)
    inspections = _official_inspections(official)
    joined = _join(inspections, reports, tolerance)
    used = {id(r) for reps in joined.values() for r in reps}
    unjoined_reports = sum(1 for r in reports if id(r) not in used)

    rows: list[dict[str, Any]] = []
    for ins in inspections:
        reps = joined.get(ins["inspection_id"])
        if not reps:
            continue
        reps = sorted(reps, key=lambda r: r["part"])
        main = reps[0]
        per_doc = Counter(r["document"] for r in reps)
        docs = ", ".join(
            f"{r['document']}#{r['part']}"
            if per_doc[r["document"]] > 1 or r["part"] > 1
            else str(r["document"])
            for r in reps
        )

        base = {
            "authority": ins["authority"] or main["authority"],
            "urn": ins["urn"] if ins["urn"] is not None else main["urn"],
            "inspection_id": ins["inspection_id"],
            "document": docs,
        }

        def add(field: str, got: Any, want: Any, agree: bool, note: str = "", base=base) -> None:
            rows.append(
                {
                    **base,
                    "field": field,
                    "extracted": got,
                    "official": want,
                    "agree": bool(agree),
                    "note": note,
                }
            )

        fw_main = next((r for r in reps if r["kind"] != "lscb_review"), main)
        sif_as_ilacs = fw_main["framework"] == "sif" and str(ins["framework"]).startswith("ilacs")
        for area, want in ins["grades"].items():
            ext_area = SIF_AS_ILACS.get(area, area) if sif_as_ilacs else area
            found = [r["grades"][ext_area] for r in reps if ext_area in r["grades"]]
            got, status = next((gs for gs in found if gs[0]), found[0] if found else (None, None))
            agree = _four_point(got) == _four_point(want)
            notes = []
            if ext_area != area:
                notes.append(
                    f"the statistics file this SIF inspection under ILACS; compared with {ext_area}"
                )
            if got == "adequate" and agree:
                notes.append(
                    "pre-2014 'adequate' is printed as requires improvement in the statistics"
                )
            elif got is None:
                notes.append(f"extracted status: {status or 'area not extracted'}")
            elif status == "ambiguous":
                notes.append("extracted status: ambiguous")
            add(f"grade:{area}", got, want, agree, "; ".join(notes))
        add(
            "framework",
            fw_main["framework"],
            ins["framework"],
            fw_main["framework"] == ins["framework"],
            "the report is a SIF report; the statistics file it under ILACS"
            if sif_as_ilacs
            else "",
        )
        for field, key in (
            ("inspection_start", "start"),
            ("inspection_end", "end"),
            ("published", "published"),
        ):
            want = ins[key]
            if want is None:
                continue
            got = fw_main[key]
            add(
                field,
                got.date() if got is not None else None,
                want.date(),
                got is not None and got == want,
            )
    out = pd.DataFrame(rows, columns=COMPARISON_COLUMNS)
    out.attrs["joined"] = len(joined)
    out.attrs["official_unjoined"] = len(inspections) - len(joined)
    out.attrs["extracted_unjoined"] = unjoined_reports
    out.attrs["tolerance"] = tolerance
    return out


def disagreements(comparison: pd.DataFrame) -> pd.DataFrame:
    """The rows of a :func:`compare_with_statistics` result that disagree."""
    return comparison[~comparison["agree"]].reset_index(drop=True)


def agreement_by_field(
    comparison: pd.DataFrame, official: pd.DataFrame | None = None, **options: Any
) -> pd.DataFrame:
    """Per field: how many inspections were compared, how many agree, and the rate.

    Takes a :func:`compare_with_statistics` result, or ``(extracted, official)``
    which it compares first. Fields are ``grade:<area>`` rows, a ``grade:*``
    row for all grades together, ``framework``, ``inspection_start``,
    ``inspection_end`` and ``published``.
    """
    if official is not None:
        comparison = compare_with_statistics(comparison, official, **options)
    if comparison.empty:
        return pd.DataFrame(columns=["field", "compared", "agree", "disagree", "rate"])
    g = comparison.groupby("field")["agree"].agg(["size", "sum"]).reset_index()
    grades = comparison[comparison["field"].str.startswith("grade:")]["agree"]
    if len(grades):
        g = pd.concat(
            [
                g,
                pd.DataFrame([{"field": "grade:*", "size": len(grades), "sum": int(grades.sum())}]),
            ],
            ignore_index=True,
        )
    g = g.rename(columns={"size": "compared", "sum": "agree"})
    g["agree"] = g["agree"].astype(int)
    g["disagree"] = g["compared"] - g["agree"]
    g["rate"] = g["agree"] / g["compared"]
    return g[["field", "compared", "agree", "disagree", "rate"]].reset_index(drop=True)

"""Judgements and metadata over the whole corpus, checked against the official statistics.

    .venv/bin/python benchmarks/judgements.py [--workers 2] [--limit N]

Parses and extracts (``findings=False``) every readable PDF of the corpus in a
process pool, then prints:

1. the time taken (wall clock, and parse / extract CPU seconds summed over workers);
2. the agreement with Ofsted's official statistics per field (grades per area,
   framework, inspection_start, inspection_end, published), from
   :func:`ofstedmine.extract.validate.compare_with_statistics`;
3. every disagreement with the statistics;
4. grades left ``not_found`` or ``ambiguous``;
5. inspection-date and lead-inspector accuracy from this script's own check:
   a second, independently written reader of the printed dates field and the
   lead-inspector field (letters: the signatory), plus plausibility rules
   (start <= end <= publication, fieldwork of at most 35 days unless split) and
   the statistics' fieldwork start where they give one (reported apart).
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import CORPUS, pdf_rows  # noqa: E402


def _work(row: dict[str, str]) -> dict:
    """Parse and extract one corpus file (runs in a worker process)."""
    from ofstedmine import parse
    from ofstedmine.extract import extract_all
    from ofstedmine.types import Publication

    path = CORPUS / row["path"]
    pub = Publication(
        url=row.get("url") or None,
        source="local",
        urn=int(row["urn"]) if row.get("urn") else None,
        published=dt.date.fromisoformat(row["published"]) if row.get("published") else None,
    )
    t0 = time.perf_counter()
    try:
        doc = parse(path, publication=pub)
    except Exception as exc:
        return {"path": row["path"], "error": f"parse: {exc!r}"}
    t1 = time.perf_counter()
    try:
        extractions = extract_all(doc, findings=False)
    except Exception as exc:
        return {"path": row["path"], "error": f"extract: {exc!r}"}
    t2 = time.perf_counter()
    return {
        "path": row["path"],
        "folder": row["kind"],
        "extractions": extractions,
        "text": doc.text,
        "spans": [e.span or (0, len(doc.text)) for e in extractions],
        "parse_s": t1 - t0,
        "extract_s": t2 - t1,
    }


# ------------------------------------------------------------ independent check

_MONTHS = {
    m: i
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"],
        start=1,
    )
}


def _one_date(s: str, default: dt.date | None) -> dt.date | None:
    """A date from "12", "12 March", "12 Mar 2014" or "12/03/2014", filling from default."""
    s = s.strip(" .,")
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", s)
    if m:
        return dt.date(int(m[3]), int(m[2]), int(m[1]))
    m = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?(?:\s+([A-Za-z]{3})[a-z]*\.?)?(?:\s+(\d{4}))?", s)
    if not m:
        return None
    month = _MONTHS.get(m[2].lower()) if m[2] else (default.month if default else None)
    year = int(m[3]) if m[3] else (default.year if default else None)
    if month is None or year is None:
        return None
    try:
        d = dt.date(year, month, int(m[1]))
    except ValueError:
        return None
    if default is not None and d > default and not m[3]:
        d = d.replace(year=d.year - 1)
    return d


def independent_dates(text: str, letter: bool) -> tuple[dt.date, dt.date] | None:
    """First and last day of fieldwork, read a second way (not the library's reader)."""
    head = text[:9000]
    if letter:
        m = re.search(
            r"summarises the findings of (?:a|the) [^.]*?\b(?:on|between|from) ([^.]*?\d{4})", head
        )
        if not m:
            m = re.search(
                r"took place (?:from|between|on) ([^.]*?\d{4})|Between ([^,]*?\d{4}),", head
            )
        if not m:
            return None
        field = m.group(1) or m.group(2)
        field = re.sub(
            r"^(\d{1,2}(?:\s+[A-Za-z]+)?)\s+and\s+(?=\d{1,2}\s+[A-Za-z]+\s+\d{4}$)",
            r"\1 to ",
            field,
        )
        field = re.sub(r"(\d{1,2}),\s*(\d{1,2})\s+and\s+", r"\1 to ", field)
        field = re.sub(r"(\d{1,2})\s+and\s+(?=\d{1,2}\s)", r"\1 to ", field)
    else:
        m = re.search(
            r"Inspection dates?\s*:?\s*(.{4,140}?)\s*(?=Report|Reporting|Lead inspector|Age group|Published|\n\n|$)",
            head,
            re.S,
        )
        if not m:
            return None
        field = m.group(1)
    periods = re.split(r"\s+and\s+", field.strip())
    firsts, lasts = [], []
    for period in periods:
        halves = re.split(
            r"\s*(?:\bto\b|\buntil\b|[-\u2013\u2014\u2500])\s*", period.strip(), maxsplit=1
        )
        end = _one_date(halves[-1], None)
        if end is None:
            return None
        start = _one_date(halves[0], end) if len(halves) > 1 else end
        if start is None:
            return None
        firsts.append(start)
        lasts.append(end)
    return min(firsts), max(lasts)


_ROLE_WORDS = re.compile(
    r"(?:Senior\s+)?(?:His|Her)\s+Majesty['\u2019]s\s+Inspectors?|\(?\bSenior HMI\b\)?|\(?\bHMI\b\)?|\bLead inspector\b",
    re.I,
)


def independent_leads(text: str, kind: str) -> list[str]:
    """Lead inspectors read a second way: the field's names (letters: the signatory)."""
    if kind in ("focused_visit", "monitoring_visit"):
        m = re.search(r"lead inspector ([A-Z][^\s,]+(?: [A-Z][^\s,.]+)+)", text[:6000])
        if m:
            return [m.group(1)]
        sigs = re.findall(
            r"Yours? sincerely,?\s+([^\n]+?)\s*(?:\n\n)?\s*(?:Senior\s+)?(?:His|Her) Majesty", text
        )
        return [sigs[-1].strip()] if sigs else []
    if kind == "jtai":
        return []
    names: list[str] = []
    for m in re.finditer(
        r"(?<!Deputy )(?<!deputy )(?:Lead inspectors?(?: on site)?\s*:|Reporting inspector)\s*",
        text,
    ):
        end = text.find("\n\n", m.end())
        field = text[m.end() : end if end > 0 else len(text)]
        if field.rstrip().endswith((",", "and")):
            nxt = text.find("\n\n", end + 2)
            field += " " + text[end + 2 : nxt if nxt > 0 else len(text)]
        field = re.split(r"Report author|Age group|Published|Deputy|Team inspector", field)[0]
        field = _ROLE_WORDS.sub(",", field)
        for part in re.split(r",|\band\b", field):
            part = part.strip(" .()")
            if (
                re.fullmatch(r"[A-Z][\w\u2019'\-]+(?: [A-Z]\.?)?(?: [A-Z][\w\u2019'\-]+)+", part)
                and part not in names
            ):
                names.append(part)
    return names


# ------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--limit", type=int, default=None, help="only the first N files (a quick run)")
    args = ap.parse_args(argv)

    import pandas as pd

    from ofstedmine.extract.validate import (
        agreement_by_field,
        compare_with_statistics,
        disagreements,
        judgements_frame,
    )
    from ofstedmine.sources.statistics import read_judgements

    pd.set_option("display.width", 200)
    pd.set_option("display.max_rows", 1000)
    pd.set_option("display.max_colwidth", 70)

    rows = pdf_rows()[: args.limit] if args.limit else pdf_rows()
    t0 = time.perf_counter()
    with ProcessPoolExecutor(max_workers=args.workers) as pool:
        results = list(pool.map(_work, rows, chunksize=4))
    wall = time.perf_counter() - t0
    errors = [r for r in results if "error" in r]
    done = [r for r in results if "error" not in r]
    n_reports = sum(len(r["extractions"]) for r in done)
    print(
        f"== time: {len(rows)} files ({n_reports} reports) in {wall:.1f} s wall with "
        f"{args.workers} workers; parse {sum(r['parse_s'] for r in done):.1f} s, "
        f"extract {sum(r['extract_s'] for r in done):.1f} s CPU summed"
    )
    for r in errors:
        print(f"   failed: {r['path']}: {r['error']}")

    extractions, paths = [], []
    for r in done:
        for e in r["extractions"]:
            extractions.append(e)
            paths.append(r["path"])
    extracted = judgements_frame(extractions, paths)
    official = read_judgements(CORPUS / "statistics")
    comparison = compare_with_statistics(extracted, official)
    a = comparison.attrs
    print(
        f"\n== agreement with the official statistics ({a['joined']} inspections joined; "
        f"{a['extracted_unjoined']} extracted reports and {a['official_unjoined']} official "
        f"records outside the join: reports after March 2025, predecessor authorities, "
        f"pre-2013 inspections, duplicates in the statistics)"
    )
    print(agreement_by_field(comparison).to_string(index=False))
    dis = disagreements(comparison)
    print(f"\n== disagreements ({len(dis)})")
    if len(dis):
        print(dis[["document", "field", "extracted", "official", "note"]].to_string(index=False))

    statuses = Counter()
    print("\n== grades not found or ambiguous")
    for e, p in zip(extractions, paths, strict=True):
        for j in e.judgements:
            statuses[j.status.value] += 1
            if j.status.value in ("not_found", "ambiguous"):
                print(f"   {p}#{e.part}: {j.area.value}: {j.status.value}")
    print("   statuses:", dict(statuses))

    # own check: dates and lead inspectors
    official_start = {}
    for _, row in comparison[comparison["field"] == "inspection_start"].iterrows():
        official_start[row["document"]] = row["official"]
    date_ok = date_n = lead_ok = lead_n = stat_ok = stat_n = 0
    date_bad: list[str] = []
    stat_bad: list[str] = []
    lead_bad: list[str] = []
    for r in done:
        for e in r["extractions"]:
            m = e.metadata
            kind = m.kind.value
            if kind not in (
                "full_inspection",
                "lscb_review",
                "focused_visit",
                "monitoring_visit",
                "jtai",
            ):
                continue
            a_, b_ = e.span or (0, len(r["text"]))
            text = r["text"][a_:b_]
            letter = kind in ("focused_visit", "monitoring_visit", "jtai")
            name = f"{r['path']}#{e.part}" if e.span else r["path"]
            want = independent_dates(text, letter)
            got = (m.inspection_start, m.inspection_end)
            problems = []
            if want is None:
                problems.append("the check could not read the dates")
            elif got != want:
                problems.append(f"the check reads {want[0]}..{want[1]}")
            if m.inspection_start and m.inspection_end:
                if m.inspection_start > m.inspection_end:
                    problems.append("start after end")
                if len(m.fieldwork) <= 1 and (m.inspection_end - m.inspection_start).days > 35:
                    problems.append("fieldwork over 35 days")
                pub = m.published or m.letter_date
                if pub and m.inspection_end > pub:
                    problems.append(f"fieldwork ends after publication {pub}")
            date_n += 1
            if problems:
                date_bad.append(f"   {name}: extracted {got[0]}..{got[1]}: {'; '.join(problems)}")
            else:
                date_ok += 1
            stat = official_start.get(r["path"])
            if stat is not None:
                stat_n += 1
                if stat == m.inspection_start:
                    stat_ok += 1
                else:
                    stat_bad.append(
                        f"   {name}: extracted start {m.inspection_start}, statistics {stat}"
                    )
            expect = independent_leads(text, kind)
            if expect or m.lead_inspectors:
                lead_n += 1
                if list(m.lead_inspectors) == expect:
                    lead_ok += 1
                else:
                    lead_bad.append(
                        f"   {name}: extracted {list(m.lead_inspectors)}, the check reads {expect}"
                    )
    print(
        f"\n== own check: inspection dates right for {date_ok}/{date_n} reports "
        f"({date_ok / max(date_n, 1):.1%}): a second reader of the printed dates, and "
        "start <= end <= publication, fieldwork <= 35 days unless split"
    )
    print("\n".join(date_bad) or "   (no problems)")
    print(
        f"   first day of fieldwork as in the statistics: {stat_ok}/{stat_n} "
        f"({stat_ok / max(stat_n, 1):.1%}); the differences are the statistics' "
        "(see tests/extract/test_judgements_corpus.py)"
    )
    print("\n".join(stat_bad))
    print(
        f"\n== own check: lead inspectors right for {lead_ok}/{lead_n} reports naming one "
        f"({lead_ok / max(lead_n, 1):.1%})"
    )
    print("\n".join(lead_bad) or "   (no problems)")


if __name__ == "__main__":
    main()

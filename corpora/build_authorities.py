"""Build ``src/ofstedmine/data/authorities.csv``, the local authority registry.

A developer tool, run by hand when the corpus or the statistics change; the
library never imports it. It reads:

* the corpus manifest (``manifest.csv``): the 153 current authorities, their
  Ofsted URNs and folder slugs;
* Ofsted's official statistics (the four ``.ods`` files in ``statistics/``):
  every authority's printed name, its region and, from the ``HYPERLINK()``
  formulas of the "Web link" column, the URN or old three-digit DfE LA code of
  the page it links to (read from ``content.xml`` inside the zip, because the
  displayed text is only "Ofsted Local Authority Webpage");
* the first page of every PDF in the manifest, for the formal council names
  printed in reports ("City of Bradford Metropolitan District Council").

Everything written is a fact (names, numbers, dates, regions). Some facts are
curated here because the statistics cannot give them; each says why:
reorganisation dates, predecessor/successor links, trusts that run services,
and LA codes where the statistics' links are wrong or missing.

The statistics' links are noisy: in some sheets the formulas are shifted by a
row against the names after sorting, and a few authorities link to another
authority's page. So a code is credited to the authority that most rows link
it from, and only the URNs of the manifest are trusted for current
authorities.

Usage::

    python corpora/build_authorities.py [--corpus ../shared/corpus] [--out PATH] [--check]

``--check`` builds in memory and exits 1 if the committed CSV differs.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
import zipfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from ofstedmine.authorities import normalise_name  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
DEFAULT_OUT = ROOT / "src" / "ofstedmine" / "data" / "authorities.csv"
COLUMNS = [
    "id",
    "name",
    "urns",
    "la_codes",
    "region",
    "aliases",
    "predecessors",
    "successors",
    "active_from",
    "active_to",
    "current",
]

# The most recent release first: its names and regions win.
RELEASES = [
    "LA_Inspection_Outcomes_as_at_31_March_2025.ods",
    "LA_Inspection_Outcomes_as_at_March_2024.ods",
    "Childrens_social_care_in_England_2023_underlying_data.ods",
    "Childrens_social_care_in_England_2022_underlying_data.ods",
]
CANONICAL_SHEET = ("LA_Inspection_Outcomes_as_at_31_March_2025.ods", "Inspections_as_at_31_March")

# ---------------------------------------------------------------------------
# Curated facts
# ---------------------------------------------------------------------------

# Ids follow the canonical name, except where a shorter id is the project's.
ID_OVERRIDES = {"Bournemouth, Christchurch and Poole": "bournemouth_christchurch_poole"}

# Predecessors abolished in reorganisations since 2009. ``stats_names`` are the
# names the statistics print for them; ``stats_type`` tells the old Dorset
# county (a "Shire County") apart from the new unitary Dorset of the same name.
PREDECESSORS = [
    {
        "id": "northamptonshire",
        "name": "Northamptonshire",
        "stats_names": ["Northamptonshire"],
        "successors": ["north_northamptonshire", "west_northamptonshire"],
        "active_to": "2021-03-31",
    },
    {
        "id": "cumbria",
        "name": "Cumbria",
        "stats_names": ["Cumbria"],
        "successors": ["cumberland", "westmorland_and_furness"],
        "active_to": "2023-03-31",
    },
    {
        # Dorset County Council ran children's services for the county
        # including Christchurch, which went to BCP in 2019.
        "id": "dorset_county_council",
        "name": "Dorset County Council",
        "stats_names": ["Dorset"],
        "stats_type": "Shire County",
        "successors": ["dorset", "bournemouth_christchurch_poole"],
        "active_to": "2019-03-31",
    },
    {
        "id": "bournemouth",
        "name": "Bournemouth",
        "stats_names": ["Bournemouth"],
        "successors": ["bournemouth_christchurch_poole"],
        "active_to": "2019-03-31",
    },
    {
        "id": "poole",
        "name": "Poole",
        "stats_names": ["Poole"],
        "successors": ["bournemouth_christchurch_poole"],
        "active_to": "2019-03-31",
    },
]

# Authorities created by a reorganisation since 2009 (the 2009 ones replaced
# Bedfordshire and Cheshire county councils, which ended on 31 March 2009).
ACTIVE_FROM = {
    "bedford": "2009-04-01",
    "central_bedfordshire": "2009-04-01",
    "cheshire_east": "2009-04-01",
    "cheshire_west_and_chester": "2009-04-01",
    "dorset": "2019-04-01",
    "bournemouth_christchurch_poole": "2019-04-01",
    "north_northamptonshire": "2021-04-01",
    "west_northamptonshire": "2021-04-01",
    "cumberland": "2023-04-01",
    "westmorland_and_furness": "2023-04-01",
}

# Old DfE LA codes the statistics do not give, or give wrongly (they link the
# page of another authority, usually the successor's): id -> (code, reason).
LA_CODE_FIXES = {
    "city_of_london": (201, "statistics link 206, Islington's code"),
    "north_northamptonshire": (940, "statistics link 941, West Northamptonshire's code"),
    "northamptonshire": (928, "statistics link 941, a successor's page"),
    "cumbria": (909, "statistics link 942, Cumberland's page"),
    "bournemouth": (837, "statistics link 839, BCP's page"),
    "poole": (836, "statistics give no code"),
    "dorset_county_council": (835, "statistics give no code"),
}

# Names that normalisation cannot derive from the canonical name: short
# forms, inverted list forms, and the trusts and companies that run (or ran)
# an authority's children's services. "Trust" alone is never an alias.
CURATED_ALIASES = {
    "kingston_upon_hull": ["Hull"],
    "newcastle_upon_tyne": ["Newcastle"],
    "east_riding_of_yorkshire": ["East Riding"],
    "bristol": ["Bristol, City of", "City of Bristol"],
    "herefordshire": ["Herefordshire, County of", "County of Herefordshire"],
    "st_helens": ["Saint Helens"],
    "southend_on_sea": ["Southend"],
    "durham": ["County Durham"],
    "city_of_london": ["London Corporation", "City of London Corporation"],
    "bournemouth_christchurch_poole": ["BCP Council"],
    "bradford": [
        "City of Bradford Metropolitan District Council",
        "Bradford Metropolitan District Council",
        "Bradford Children and Families Trust",
    ],
    "doncaster": ["Doncaster Children's Services Trust"],
    "kingston_upon_thames": ["Achieving for Children"],
    "richmond_upon_thames": ["Achieving for Children"],
    "windsor_and_maidenhead": ["Achieving for Children"],
    "slough": [
        "Slough Children First",
        "Slough Children's Services Trust",
        "Slough Children's Trust",
    ],
    "sandwell": ["Sandwell Children's Trust"],
    "birmingham": ["Birmingham Children's Trust"],
    "northamptonshire": ["Northamptonshire Children's Trust"],
    "north_northamptonshire": [
        "Northamptonshire Children's Trust",
        "Children First Northamptonshire",
    ],
    "west_northamptonshire": [
        "Northamptonshire Children's Trust",
        "Children First Northamptonshire",
    ],
    "sunderland": ["Together for Children"],
    "reading": ["Brighter Futures for Children"],
    "worcestershire": ["Worcestershire Children First"],
}

# Printed forms that are misprints, not names the council has had.
NOT_ALIASES = {"West Northamptonshire County Council"}

# Manifest `la` values that are not a form of the canonical name.
MANIFEST_NAMES = {"london corporation": "City of London"}

REGION_FIXES = {"North East, Yorkshire and The Humber": "North East, Yorkshire and the Humber"}

# ---------------------------------------------------------------------------
# Reading the statistics
# ---------------------------------------------------------------------------

T = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
X = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
LINK = re.compile(r"/provider/44/(\d+)")


def _cell_text(cell: etree._Element) -> str:
    return "\n".join("".join(p.itertext()) for p in cell.iter(f"{{{X}}}p"))


def read_ods(path: Path) -> dict[str, list[list[tuple[str, str | None]]]]:
    """Every sheet of an .ods as rows of (displayed text, formula) cells."""
    sheets: dict[str, list[list[tuple[str, str | None]]]] = {}
    current = ""
    with zipfile.ZipFile(path) as zf, zf.open("content.xml") as fh:
        tags = (f"{{{T}}}table", f"{{{T}}}table-row")
        for event, el in etree.iterparse(fh, events=("start", "end"), tag=tags):
            if el.tag == f"{{{T}}}table":
                if event == "start":
                    current = el.get(f"{{{T}}}name") or ""
                    sheets[current] = []
                else:
                    el.clear()
                continue
            if event != "end":
                continue
            row: list[tuple[str, str | None]] = []
            for cell in el:
                if cell.tag not in (f"{{{T}}}table-cell", f"{{{T}}}covered-table-cell"):
                    continue
                value = (_cell_text(cell), cell.get(f"{{{T}}}formula"))
                repeat = int(cell.get(f"{{{T}}}number-columns-repeated", "1"))
                row.extend([value] * (1 if repeat > 64 and not any(value) else repeat))
            while row and not row[-1][0] and not row[-1][1]:
                row.pop()
            if row:
                repeat = int(el.get(f"{{{T}}}number-rows-repeated", "1"))
                sheets[current].extend([row] * min(repeat, 64))
            el.clear()
    return sheets


@dataclass
class StatRow:
    file: str
    sheet: str
    name: str
    code: int | None
    region: str | None
    la_type: str | None
    status: str | None


def stat_rows(stats_dir: Path) -> list[StatRow]:
    """Rows naming a local authority, from every release's LA-level sheets."""
    out: list[StatRow] = []
    for release in RELEASES:
        for sheet, rows in read_ods(stats_dir / release).items():
            header: list[str] | None = None
            for row in rows:
                texts = [c[0].strip() for c in row]
                if header is None:
                    if "Local authority name" in texts:
                        header = texts
                    continue
                rec = {h: (row[i][0].strip() if i < len(row) else "") for i, h in enumerate(header)}
                name = rec.get("Local authority name", "")
                if not name or name == "Local authority name":
                    continue
                code = None
                for _, formula in row:
                    m = LINK.search(formula or "")
                    if m:
                        code = int(m.group(1))
                        break
                region = next(
                    (rec[h] for h in header if h and "region" in h.lower() and rec[h]), None
                )
                out.append(
                    StatRow(
                        file=release,
                        sheet=sheet,
                        name=" ".join(name.split()),
                        code=code,
                        region=REGION_FIXES.get(region, region) if region else None,
                        la_type=rec.get("LA Authority Type") or None,
                        status=rec.get("Local authority status") or None,
                    )
                )
    return out


# ---------------------------------------------------------------------------
# Building
# ---------------------------------------------------------------------------


@dataclass
class Record:
    id: str
    name: str
    urns: list[int] = field(default_factory=list)
    la_codes: list[int] = field(default_factory=list)
    region: str | None = None
    aliases: list[str] = field(default_factory=list)
    predecessors: list[str] = field(default_factory=list)
    successors: list[str] = field(default_factory=list)
    active_from: str = ""
    active_to: str = ""
    current: bool = True


def slug_id(name: str) -> str:
    if name in ID_OVERRIDES:
        return ID_OVERRIDES[name]
    return re.sub(r"[^a-z0-9]+", "_", name.lower().replace("&", "and")).strip("_")


def surface(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower().replace("&", " and ")).split())


def read_manifest(corpus: Path) -> list[dict[str, str]]:
    with open(corpus / "manifest.csv", newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def build(corpus: Path, log=print) -> list[Record]:
    manifest = read_manifest(corpus)
    rows = stat_rows(corpus / "statistics")

    # 1. Current authorities: the manifest's URNs, named as the 2025 release.
    urn_by_key: dict[str, int] = {}
    for r in manifest:
        la = MANIFEST_NAMES.get(r["la"], r["la"])
        urn_by_key[normalise_name(la)] = int(r["urn"])
    records: dict[str, Record] = {}
    by_key: dict[str, str] = {}
    canon = [r for r in rows if (r.file, r.sheet) == CANONICAL_SHEET]
    for r in canon:
        key = normalise_name(r.name)
        if key not in urn_by_key:
            raise SystemExit(f"2025 release name {r.name!r} is not in the manifest")
        name = r.name.replace(" & ", " and ")
        rec = Record(id=slug_id(name), name=name, urns=[urn_by_key[key]])
        records[rec.id] = rec
        by_key[key] = rec.id
    if len(records) != len({int(r["urn"]) for r in manifest}):
        raise SystemExit(f"{len(records)} authorities in the 2025 release, manifest differs")

    # 2. Predecessors.
    for p in PREDECESSORS:
        rec = Record(
            id=p["id"],
            name=p["name"],
            successors=list(p["successors"]),
            active_to=p["active_to"],
            current=False,
        )
        records[rec.id] = rec
        for succ in p["successors"]:
            records[succ].predecessors.append(rec.id)
    for ident, day in ACTIVE_FROM.items():
        records[ident].active_from = day

    # Aliases that name an authority (used to attribute rows and variants).
    for ident, aliases in CURATED_ALIASES.items():
        records[ident].aliases.extend(aliases)

    def attribute(r: StatRow) -> str | None:
        for p in PREDECESSORS:
            if r.name in p["stats_names"] and r.la_type == p.get("stats_type", r.la_type):
                return p["id"]
        return by_key.get(normalise_name(r.name))

    # 3. Votes: which authority's rows link which URN or LA code.
    code_votes: dict[int, Counter[str]] = defaultdict(Counter)
    regions: dict[str, dict[str, Counter[str]]] = defaultdict(lambda: defaultdict(Counter))
    names_seen: dict[str, set[str]] = defaultdict(set)
    unresolved = Counter()
    stale_urns = Counter()
    for r in rows:
        ident = attribute(r)
        if ident is None:
            unresolved[r.name] += 1
            continue
        names_seen[ident].add(r.name)
        if r.region:
            regions[ident][r.file][r.region] += 1
        if r.code is None:
            continue
        if r.code >= 1000 and records[ident].current and r.code not in records[ident].urns:
            stale_urns[(ident, r.code)] += 1
            continue
        if r.code < 1000 and ident in LA_CODE_FIXES:
            continue  # its code is curated; its rows' links point elsewhere
        code_votes[r.code][ident] += 1
    if unresolved:
        raise SystemExit(f"statistics names not resolved: {dict(unresolved)}")
    log(
        f"statistics rows: {len(rows)}; links disagreeing with the manifest URN: "
        f"{sum(stale_urns.values())} (ignored)"
    )

    owned: dict[str, Counter[int]] = defaultdict(Counter)
    for code, votes in code_votes.items():
        (winner, n), *rest = votes.most_common()
        if rest and rest[0][1] == n:
            log(f"  code {code}: tie between {winner} and {rest[0][0]}; credited to neither")
            continue
        owned[winner][code] = n
    for ident, rec in records.items():
        codes = owned.get(ident, Counter())
        urns = [c for c, _ in codes.most_common() if c >= 1000]
        las = [c for c, _ in codes.most_common() if c < 1000]
        if not rec.current:
            rec.urns = urns[:1]
        rec.la_codes = las[:1]
    for ident, (code, reason) in LA_CODE_FIXES.items():
        rec = records[ident]
        if rec.la_codes != [code]:
            log(f"  LA code of {ident}: {rec.la_codes or 'none'} -> {code} ({reason})")
        rec.la_codes = [code]
    taken: dict[int, str] = {}
    for rec in records.values():
        for number in rec.urns + rec.la_codes:
            if number in taken:
                raise SystemExit(f"{number} is credited to {taken[number]} and {rec.id}")
            taken[number] = rec.id

    # 4. Regions: the most recent release that gives one.
    for ident, rec in records.items():
        for release in RELEASES:
            counter = regions[ident].get(release)
            if counter:
                rec.region = counter.most_common(1)[0][0]
                break

    # 5. Printed variants: statistics names and formal council names on the
    #    first pages of the corpus PDFs, credited to the authority they name.
    resolver = Resolver(records)
    taken_names = {surface(rec.name): rec.id for rec in records.values()}
    for ident, names in names_seen.items():
        for name in sorted(names):
            if taken_names.get(surface(name), ident) == ident:  # not another's name
                add_alias(records[ident], name)
    variants = Counter()
    for found_id, variant in formal_names_in_pdfs(corpus, manifest, resolver):
        variants[(found_id, variant)] += 1
    for (ident, variant), _ in sorted(variants.items()):
        add_alias(records[ident], variant)
    return sorted(records.values(), key=lambda r: r.id)


def add_alias(rec: Record, alias: str) -> None:
    """Add ``alias`` unless it is the name (or another alias) written differently."""
    alias = " ".join(alias.split())
    if alias in NOT_ALIASES:
        return
    keys = {surface(rec.name)} | {surface(a) for a in rec.aliases}
    if surface(alias) not in keys:
        rec.aliases.append(alias)


class Resolver:
    """Name -> id with the library's precedence: exact forms, then keys."""

    def __init__(self, records: dict[str, Record]) -> None:
        self.exact: dict[str, set[str]] = defaultdict(set)
        self.keys: dict[str, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
        for rec in records.values():
            self.exact[rec.name.casefold()].add(rec.id)
            self.keys[normalise_name(rec.name)][0 if rec.current else 1].add(rec.id)
            for alias in rec.aliases:
                self.exact[alias.casefold()].add(rec.id)
                self.keys[normalise_name(alias)][3].add(rec.id)

    def __call__(self, text: str) -> str | None:
        ids = self.exact.get(text.casefold())
        if ids:
            return next(iter(ids)) if len(ids) == 1 else None
        entries = self.keys.get(normalise_name(text))
        if not entries:
            return None
        best = entries[min(entries)]
        return next(iter(best)) if len(best) == 1 else None


_GENERIC = r"(?:London Borough|Royal Borough|Metropolitan Borough|Borough|City|County|Council)"
_CAP = r"(?:[A-Z][A-Za-z'\u2019\-]*|and|upon|on|of|the|&)"
PREFIX_FORM = re.compile(rf"(?:The |the )?{_GENERIC} of (?:the )?(?:{_CAP}[ ,]*)+")
COUNCIL_FORM = re.compile(rf"(?:{_CAP}[ ,]+)+Council\b")
GENERIC_WORDS = re.compile(r"\b(?:Council|Borough|City|County|Metropolitan|District)\b")


def formal_names_in_pdfs(corpus: Path, manifest, resolver: Resolver):
    """(id, printed formal name) for council names on the PDFs' first pages."""
    import pypdfium2 as pdfium

    for row in manifest:
        path = corpus / row["path"]
        try:
            doc = pdfium.PdfDocument(str(path))
        except Exception:  # the 2012 HTML pages saved as .pdf
            continue
        try:
            text = doc[0].get_textpage().get_text_range()
        finally:
            doc.close()
        for line in _logical_lines(text):
            for m in PREFIX_FORM.finditer(line):
                words = m.group(0).strip(" ,").split(" ")
                while words and words[-1].strip(",") in _CONNECTORS:
                    words.pop()
                for end in range(len(words), 2, -1):  # longest first
                    hit = _variant(" ".join(words[:end]), resolver)
                    if hit:
                        yield hit
                        break
            for m in COUNCIL_FORM.finditer(line):
                words = m.group(0).strip(" ,").split(" ")
                for start in range(len(words) - 1):  # longest first
                    hit = _variant(" ".join(words[start:]), resolver)
                    if hit:
                        yield hit
                        break


_CONNECTORS = {"and", "of", "the", "upon", "on", "&", ""}
_CONTINUES = re.compile(
    r"(?:\b(?:of|and|upon|on|the|Borough|Metropolitan|District|City|County)|[&,])$"
)


def _logical_lines(text: str) -> list[str]:
    """Lines of a page, a line that breaks inside a name joined to the next,
    then cut at sentence punctuation and quotes."""
    lines: list[str] = []
    buf = ""
    for raw in re.split(r"\r\n|\r|\n", text):
        raw = " ".join(raw.split())
        buf = f"{buf} {raw}" if buf else raw
        if buf and not _CONTINUES.search(buf):
            lines.append(buf)
            buf = ""
    if buf:
        lines.append(buf)
    return [
        seg.strip()
        for line in lines
        for seg in re.split(r"[.;:()\u2018\u2019\u201c\u201d\"]", line)
        if seg.strip()
    ]


def _variant(candidate: str, resolver: Resolver) -> tuple[str, str] | None:
    candidate = re.sub(r"^(?:The|the) ", "", candidate.strip(" ,"))
    if not candidate[:1].isupper() or not GENERIC_WORDS.search(candidate):
        return None
    ident = resolver(candidate)
    return (ident, candidate) if ident else None


def to_csv(records: list[Record]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(COLUMNS)
    for r in records:
        writer.writerow(
            [
                r.id,
                r.name,
                ";".join(map(str, r.urns)),
                ";".join(map(str, r.la_codes)),
                r.region or "",
                ";".join(r.aliases),
                ";".join(r.predecessors),
                ";".join(r.successors),
                r.active_from,
                r.active_to,
                "1" if r.current else "0",
            ]
        )
    return buf.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--check", action="store_true", help="fail if the CSV is stale")
    args = parser.parse_args(argv)
    records = build(args.corpus)
    text = to_csv(records)
    current = sum(r.current for r in records)
    print(
        f"{len(records)} authorities ({current} current); "
        f"{sum(bool(r.la_codes) for r in records)} with LA codes, "
        f"{sum(bool(r.urns) for r in records)} with URNs, "
        f"{sum(bool(r.region) for r in records)} with regions, "
        f"{sum(len(r.aliases) for r in records)} aliases"
    )
    if args.check:
        old = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
        if old != text:
            print(f"{args.out} is stale: run corpora/build_authorities.py")
            return 1
        print(f"{args.out} is up to date")
        return 0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Judgements and metadata on the real corpus.

* ``test_slice``: a representative slice of the corpus across eras (SIF, pre-SIF,
  ILACS 2018/2023/2026, LSCB reviews, focused visits, JTAIs) checked against facts
  (framework, fieldwork dates, lead inspectors, grades in area order). Runs by default.
* ``test_statistics_disagreements_explained``: every disagreement between the
  extraction and the official statistics, by report, with the reason.
* ``test_whole_corpus`` (``-m slow``): every file parsed and extracted; no grade left
  ``not_found`` or ``ambiguous`` in a full inspection; grades and frameworks agree
  with the statistics for every inspection both cover; only the explained date
  differences remain; dates and (where named) lead inspectors for every report.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from pathlib import Path

import pytest

from ofstedmine import parse
from ofstedmine.extract import extract_all
from ofstedmine.types import Document, Extraction, JudgementStatus

pytestmark = pytest.mark.corpus

ABBR = {
    "requires_improvement": "RI",
    "good": "G",
    "inadequate": "I",
    "outstanding": "O",
    "adequate": "A",
}

# path, part, framework, first and last day of fieldwork, lead inspectors, grades in
# area order (judgements.AREAS; NJ = not judged)
SLICE = [
    (
        "inspections/80449_bradford/2014-05-23.pdf",
        1,
        "sif",
        "2014-02-18",
        "2014-03-12",
        ("Lynn Radley",),
        "RI RI G G G G G",
    ),
    (
        "inspections/80483_leicestershire/2017-02-13.pdf",
        1,
        "sif",
        "2016-11-14",
        "2016-12-08",
        ("Carolyn Spray",),
        "RI RI RI RI RI RI G",
    ),
    (
        "inspections/80462_doncaster/2015-11-27.pdf",
        1,
        "sif",
        "2015-09-14",
        "2015-10-08",
        ("Janet Fraser",),
        "I I RI G RI RI RI",
    ),
    (
        "inspections/80436_bracknell-forest/2017-07-14.pdf",
        1,
        "sif",
        "2017-04-28",
        "2017-05-25",
        ("Anne Waterman",),
        "G G O O O G G",
    ),
    (
        "inspections/80521_manchester/2014-09-03.pdf",
        1,
        "sif",
        "2014-06-25",
        "2014-07-16",
        ("Peter McEntee",),
        "I I RI I RI I I",
    ),
    (
        "inspections/80511_newham/2014-08-08.pdf",
        1,
        "sif",
        "2014-06-03",
        "2014-06-25",
        ("Shirley Bailey",),
        "RI RI RI G G RI G",
    ),
    (
        "inspections/80520_luton/2016-03-29.pdf",
        1,
        "sif",
        "2016-01-11",
        "2016-02-04",
        ("Nigel Parkes",),
        "RI RI RI RI G RI RI",
    ),
    (
        "inspections/80431_blackpool/2014-09-08.pdf",
        1,
        "sif",
        "2014-07-02",
        "2014-07-23",
        ("Janet Fraser",),
        "RI RI RI RI RI RI RI",
    ),
    (
        "inspections/80474_herefordshire/2014-06-30.pdf",
        1,
        "sif",
        "2014-04-29",
        "2014-05-21",
        ("Pietro Battista",),
        "RI RI RI G RI RI RI",
    ),
    (
        "inspections/80450_london-corporation/2016-09-20.pdf",
        1,
        "sif",
        "2016-07-28",
        "2016-07-28",
        ("Stephanie Murray",),
        "G G G NJ G O O",
    ),
    (
        "inspections/80555_somerset/2015-03-27.pdf",
        1,
        "sif",
        "2015-01-20",
        "2015-02-11",
        ("Helen Cawston",),
        "I I I RI I I I",
    ),
    (
        "inspections/80480_lancashire/2018-08-17.pdf",
        1,
        "sif",
        "2018-06-04",
        "2018-06-28",
        ("Lorna Schlechte",),
        "RI RI RI G RI RI NJ",
    ),
    (
        "inspections/80458_darlington/2018-05-21.pdf",
        1,
        "sif",
        "2018-02-27",
        "2018-03-22",
        ("Graham Reiter",),
        "RI RI RI G G RI NJ",
    ),
    (
        "inspections/80506_lambeth/2018-05-09.pdf",
        1,
        "sif",
        "2018-01-29",
        "2018-02-22",
        ("Marcie Taylor",),
        "RI RI RI I RI RI NJ",
    ),
    (
        "inspections/80510_merton/2017-08-25.pdf",
        1,
        "sif",
        "2017-06-12",
        "2017-07-06",
        ("Louise Hocking",),
        "G G G O G O O",
    ),
    (
        "inspections/80577_west-berkshire/2015-05-18.pdf",
        1,
        "sif",
        "2015-03-03",
        "2015-03-25",
        ("Linda Steele",),
        "I I RI RI RI RI RI",
    ),
    (
        "inspections/80553_slough/2014-02-14.pdf",
        1,
        "sif",
        "2013-11-19",
        "2013-12-11",
        ("Gary Lamb",),
        "I I I RI I I I",
    ),
    (
        "inspections/80551_sheffield/2014-02-21.pdf",
        1,
        "sif",
        "2013-11-19",
        "2014-01-30",
        ("Sarah Urding",),
        "RI G RI RI G G G",
    ),
    (
        "inspections/80497_hammersmith-and-fulham/2016-03-29.pdf",
        1,
        "sif",
        "2016-01-11",
        "2016-02-04",
        ("Pietro Battista",),
        "G G G O G O G",
    ),
    (
        "inspections/80564_stoke-on-trent/2015-08-12.pdf",
        1,
        "sif",
        "2015-06-01",
        "2015-06-25",
        ("Peter McEntee",),
        "RI RI RI G RI RI RI",
    ),
    (
        "inspections/80477_kingston-upon-hull/2015-02-10.pdf",
        1,
        "sif",
        "2014-11-18",
        "2014-12-10",
        ("Gary Lamb",),
        "RI RI RI RI RI RI NJ",
    ),
    (
        "inspections/80477_kingston-upon-hull/2015-02-10.pdf",
        2,
        "none",
        "2014-11-18",
        "2014-12-10",
        (),
        "RI",
    ),
    (
        "inspections/80418_norfolk/2013-08-16.pdf",
        1,
        "pre_sif_2013",
        "2013-07-08",
        "2013-07-12",
        ("Gary Lamb",),
        "I I I I I",
    ),
    (
        "inspections/80476_kent/2013-08-23.pdf",
        1,
        "pre_sif_2013",
        "2013-07-15",
        "2013-07-19",
        ("Helen Cawston",),
        "A G A A A",
    ),
    (
        "inspections/80567_surrey/2015-08-03.pdf",
        1,
        "none",
        "2015-06-15",
        "2015-06-17",
        ("Dominic Stevens",),
        "RI",
    ),
    (
        "inspections/80449_bradford/2018-10-29.pdf",
        1,
        "ilacs_2018",
        "2018-09-17",
        "2018-09-28",
        ("Neil Penswick",),
        "I RI I RI",
    ),
    (
        "inspections/80429_birmingham/2019-01-17.pdf",
        1,
        "ilacs_2018",
        "2018-12-03",
        "2018-12-14",
        ("Pauline Higham",),
        "RI RI RI RI",
    ),
    (
        "inspections/80460_derbyshire/2019-09-19.pdf",
        1,
        "ilacs_2018",
        "2019-07-08",
        "2019-08-08",
        ("Julie Knight",),
        "RI G RI RI",
    ),
    (
        "inspections/80557_south-tyneside/2023-05-10.pdf",
        1,
        "ilacs_2018",
        "2022-12-05",
        "2023-02-15",
        ("Rebecca Quested",),
        "I I RI I",
    ),
    (
        "inspections/80449_bradford/2023-01-31.pdf",
        1,
        "ilacs_2018",
        "2022-11-21",
        "2022-12-02",
        ("Matt Reed",),
        "I I I I",
    ),
    (
        "inspections/80564_stoke-on-trent/2022-11-25.pdf",
        1,
        "ilacs_2018",
        "2022-10-03",
        "2022-10-14",
        ("Rebecca Quested", "Matthew Reed"),
        "RI RI RI G",
    ),
    (
        "inspections/80462_doncaster/2018-01-19.pdf",
        1,
        "sif",
        "2017-11-09",
        "2017-11-24",
        ("Neil Penswick",),
        "G G G G G G NJ",
    ),
    (
        "inspections/80449_bradford/2026-05-21.pdf",
        1,
        "ilacs_2023",
        "2026-01-12",
        "2026-01-23",
        ("Catherine Heron",),
        "RI G RI RI G",
    ),
    (
        "inspections/80461_devon/2025-05-13.pdf",
        1,
        "ilacs_2023",
        "2024-09-30",
        "2025-01-16",
        (),
        "I RI I I I",
    ),
    (
        "inspections/80576_warwickshire/2025-10-14.pdf",
        1,
        "ilacs_2023",
        "2025-06-02",
        "2025-06-06",
        (),
        "RI RI RI RI G",
    ),
    (
        "inspections/80477_kingston-upon-hull/2026-05-18.pdf",
        1,
        "ilacs_2023",
        "2026-03-02",
        "2026-03-13",
        ("Rachel Fairhurst",),
        "G O G G O",
    ),
    (
        "inspections/80485_liverpool/2026-07-07.pdf",
        1,
        "ilacs_2026",
        "2026-05-11",
        "2026-05-22",
        ("Teresa Godfrey",),
        "NJ G G G RI",
    ),
    (
        "inspections/80489_brent/2026-06-17.pdf",
        1,
        "ilacs_2026",
        "2026-04-27",
        "2026-05-01",
        ("Monique Lindsay",),
        "NJ G G G G",
    ),
    (
        "inspections/80555_somerset/2026-06-17.pdf",
        1,
        "ilacs_2026",
        "2026-04-27",
        "2026-05-01",
        ("Alison Smale",),
        "NJ RI RI RI G",
    ),
    (
        "focused-visits/80449_bradford/2021-02-12.pdf",
        1,
        "none",
        "2020-12-15",
        "2020-12-15",
        ("Jan Edwards",),
        "",
    ),
    (
        "focused-visits/80429_birmingham/2020-03-13.pdf",
        1,
        "none",
        "2020-02-19",
        "2020-02-20",
        ("John Roughton",),
        "",
    ),
    (
        "focused-visits/80535_oldham/2020-11-27.pdf",
        1,
        "none",
        "2020-10-13",
        "2020-10-15",
        ("Lorna Schlechte",),
        "",
    ),
    (
        "focused-visits/80464_dudley/2020-01-21.pdf",
        1,
        "none",
        "2019-12-18",
        "2019-12-19",
        ("Alison Smale",),
        "",
    ),
    (
        "focused-visits/80475_hertfordshire/2021-08-31.pdf",
        1,
        "none",
        "2021-07-21",
        "2021-07-22",
        ("Tom Anthony",),
        "",
    ),
    (
        "focused-visits/80563_stockton-on-tees/2024-10-18.pdf",
        1,
        "none",
        "2024-09-18",
        "2024-09-19",
        ("Ceri Evans",),
        "",
    ),
    ("jtai/80449_bradford/2017-04-21.pdf", 1, "none", "2017-02-27", "2017-03-03", (), ""),
    ("jtai/80426_barnsley/2022-07-18.pdf", 1, "none", "2022-05-23", "2022-05-27", (), ""),
]


@functools.cache
def _parsed(path: str) -> Document:
    return parse(path)


def _extract(path: str) -> tuple[Extraction, ...]:
    return tuple(extract_all(_parsed(path), findings=False))


def _grades(ex: Extraction) -> str:
    return " ".join(ABBR.get(j.grade.value, "?") if j.grade else "NJ" for j in ex.judgements)


@pytest.mark.parametrize(
    ("rel", "part", "framework", "start", "end", "leads", "grades"),
    SLICE,
    ids=[f"{s[0]}#{s[1]}" for s in SLICE],
)
def test_slice(corpus_dir: Path, rel, part, framework, start, end, leads, grades):
    ex = _extract(str(corpus_dir / rel))[part - 1]
    m = ex.metadata
    assert m.framework.value == framework
    assert (str(m.inspection_start), str(m.inspection_end)) == (start, end)
    assert m.lead_inspectors == leads
    assert _grades(ex) == grades
    assert not [
        j
        for j in ex.judgements
        if j.status in (JudgementStatus.NOT_FOUND, JudgementStatus.AMBIGUOUS)
    ]


# Every disagreement with the official statistics, by report, and why. The
# extraction reads what the report prints; the statistics differ.
EXPLAINED = {
    # SIF inspections: the "latest inspection" sheet's inspection date is not the
    # report's first day of fieldwork (Merton and Stockport: the last day; Lambeth:
    # a day in the middle; Sefton: a date before the printed fieldwork)
    ("inspections/80510_merton/2017-08-25.pdf", "inspection_start"): (
        dt.date(2017, 6, 12),
        dt.date(2017, 7, 6),
    ),
    ("inspections/80562_stockport/2017-08-25.pdf", "inspection_start"): (
        dt.date(2017, 6, 12),
        dt.date(2017, 7, 6),
    ),
    ("inspections/80506_lambeth/2018-05-09.pdf", "inspection_start"): (
        dt.date(2018, 1, 29),
        dt.date(2018, 2, 13),
    ),
    ("inspections/80550_sefton/2016-06-27.pdf", "inspection_start"): (
        dt.date(2016, 4, 11),
        dt.date(2016, 2, 22),
    ),
    # Slough's report prints no publication date; Ofsted's listing gives 14 February
    # 2014 (used as the publication date), the statistics 11 February
    ("inspections/80553_slough/2014-02-14.pdf", "published"): (
        dt.date(2014, 2, 14),
        dt.date(2014, 2, 11),
    ),
    # West Berkshire's report prints "Report published: 13 May 2015"; the listing and
    # the statistics give 18 May 2015
    ("inspections/80577_west-berkshire/2015-05-18.pdf", "published"): (
        dt.date(2015, 5, 13),
        dt.date(2015, 5, 18),
    ),
}


@functools.lru_cache(maxsize=1)
def _official(folder: str):
    from ofstedmine.sources.statistics import read_judgements

    return read_judgements(Path(folder))


def _frame(corpus_dir: Path, rels: list[str], published: dict[str, dt.date]):
    from ofstedmine.extract.validate import judgements_frame
    from ofstedmine.types import Publication

    exs, paths = [], []
    for rel in rels:
        doc = dataclasses.replace(
            _parsed(str(corpus_dir / rel)), publication=Publication(published=published.get(rel))
        )
        for ex in extract_all(doc, findings=False):
            exs.append(ex)
            paths.append(rel)
    return judgements_frame(exs, paths)


def test_statistics_disagreements_explained(corpus_dir: Path, manifest_rows):
    from ofstedmine.extract.validate import compare_with_statistics, disagreements

    published = {r["path"]: dt.date.fromisoformat(r["published"]) for r in manifest_rows}
    rels = sorted(
        {rel for rel, _ in EXPLAINED}
        | {
            # SIF reports of 2018 that a "latest inspection" sheet also files under ILACS
            # columns: they join their SIF record and agree with it
            "inspections/80458_darlington/2018-05-21.pdf",
            "inspections/80480_lancashire/2018-08-17.pdf",
            "inspections/80572_torbay/2018-08-24.pdf",
            "inspections/80518_wandsworth/2018-07-20.pdf",
        }
    )
    cmp = compare_with_statistics(
        _frame(corpus_dir, rels, published), _official(str(corpus_dir / "statistics"))
    )
    assert set(cmp["document"]) == set(rels)
    dis = disagreements(cmp)
    got = {(r.document, r.field): (r.extracted, r.official) for r in dis.itertuples()}
    assert got == EXPLAINED
    sif_2018 = cmp[cmp["document"].str.contains("darlington|lancashire|torbay|wandsworth")]
    assert set(sif_2018.loc[sif_2018["field"] == "framework", "official"]) == {"sif"}
    assert sif_2018["agree"].all()


KNOWN_NO_LEAD = {
    "inspections/80461_devon/2025-05-13.pdf#1",
    "inspections/80576_warwickshire/2025-10-14.pdf#1",
    "inspections/80477_kingston-upon-hull/2015-02-10.pdf#2",  # the LSCB review names no inspectors
}


def _work(item: tuple[str, str]) -> list[Extraction]:
    from ofstedmine.types import Publication

    path, published = item
    doc = parse(path, publication=Publication(published=dt.date.fromisoformat(published)))
    return extract_all(doc, findings=False)


@pytest.mark.slow
def test_whole_corpus(corpus_dir: Path, manifest_rows):
    from concurrent.futures import ProcessPoolExecutor

    from ofstedmine.extract.validate import compare_with_statistics, disagreements, judgements_frame
    from ofstedmine.types import DocumentKind

    rows = [r for r in manifest_rows if r["pages"]]
    items = [(str(corpus_dir / r["path"]), r["published"]) for r in rows]
    with ProcessPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(_work, items, chunksize=4))
    exs, paths, problems = [], [], []
    for row, extractions in zip(rows, results, strict=True):
        for ex in extractions:
            m = ex.metadata
            name = f"{row['path']}#{ex.part}"
            if m.kind in (DocumentKind.FULL_INSPECTION, DocumentKind.LSCB_REVIEW):
                bad = [
                    j.area.value
                    for j in ex.judgements
                    if j.status in (JudgementStatus.NOT_FOUND, JudgementStatus.AMBIGUOUS)
                ]
                if bad or not ex.judgements:
                    problems.append(f"{name}: grades {bad or 'none'}")
            if m.kind not in (DocumentKind.OTHER, DocumentKind.JOINT_AREA_REVIEW):
                if m.inspection_start is None or m.inspection_end is None:
                    problems.append(f"{name}: no dates")
                if (
                    m.kind is not DocumentKind.JTAI
                    and not m.lead_inspectors
                    and name not in KNOWN_NO_LEAD
                ):
                    problems.append(f"{name}: no lead inspector")
            exs.append(ex)
            paths.append(row["path"])
    assert problems == []
    cmp = compare_with_statistics(
        judgements_frame(exs, paths), _official(str(corpus_dir / "statistics"))
    )
    assert cmp.attrs["joined"] >= 430
    dis = disagreements(cmp)
    got = {(r.document, r.field): (r.extracted, r.official) for r in dis.itertuples()}
    assert got == EXPLAINED

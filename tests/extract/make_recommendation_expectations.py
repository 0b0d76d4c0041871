"""Write ``data/recommendations_expected.json``: facts about the corpus's improvement lists.

Run from the project root after checking the extraction by hand::

    .venv/bin/python tests/extract/make_recommendation_expectations.py [CORPUS_DIR]

The file maps a corpus-relative path to ``{"count": n, "hashes": [...]}``: the number
of items :func:`~ofstedmine.extract.recommendations.extract_recommendations` reads and
the sha256 of each item's normalised text, in order. It never holds item text.

Which files:

* every ILACS full inspection (any ILACS framework) that has a "What needs to
  improve" list; its count was checked against the bullets that pypdfium2's text
  shows for all of them, and the items of the hand-checked sample below item by
  item;
* the SIF reports, JTAI letters and focused-visit letters in :data:`HAND_CHECKED`,
  whose lists were read in the PDF (pypdfium2 text) and compared item by item:
  number, first and last words, sub-items, page breaks.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "data" / "recommendations_expected.json"
DEFAULT_CORPUS = Path(
    os.environ.get("OFSTEDMINE_SHARED_CORPUS", HERE.parents[2] / "shared" / "corpus")
)

#: Files outside the ILACS set whose lists were compared with the PDF item by item.
HAND_CHECKED = {
    "sif": (
        "inspections/80449_bradford/2014-05-23.pdf",
        "inspections/80419_isle-of-wight/2014-11-19.pdf",
        "inspections/80418_norfolk/2015-10-20.pdf",
        "inspections/80429_birmingham/2014-05-23.pdf",
        "inspections/80508_lewisham/2016-01-20.pdf",
        "inspections/80542_rochdale/2014-12-05.pdf",
        "inspections/80445_cambridgeshire/2014-08-08.pdf",
        "inspections/80566_sunderland/2018-07-25.pdf",
        "inspections/80481_leeds/2015-03-27.pdf",
        "inspections/80512_redbridge/2016-11-25.pdf",
        "inspections/80582_wokingham/2016-01-05.pdf",
    ),
    "jtai": (
        "jtai/80426_barnsley/2022-07-18.pdf",
        "jtai/80428_bedford/2023-03-31.pdf",
        "jtai/80430_blackburn-with-darwen/2023-07-14.pdf",
        "jtai/80431_blackpool/2025-01-31.pdf",
        "jtai/80436_bracknell-forest/2019-03-08.pdf",
        "jtai/80441_bristol/2017-12-01.pdf",
        "jtai/80449_bradford/2017-04-21.pdf",
        "jtai/80488_bexley/2020-03-06.pdf",
        "jtai/80490_bromley/2025-03-13.pdf",
    ),
    "focused_visit": (
        "focused-visits/80449_bradford/2021-02-12.pdf",
        "focused-visits/80464_dudley/2020-11-27.pdf",
        "focused-visits/80560_st-helens/2018-08-08.pdf",
        "focused-visits/80528_north-somerset/2019-05-08.pdf",
        "focused-visits/80573_trafford/2018-08-02.pdf",
        "focused-visits/80520_luton/2018-07-05.pdf",
        "focused-visits/80459_derby/2023-11-29.pdf",
        "focused-visits/80553_slough/2026-01-12.pdf",
        "focused-visits/80445_cambridgeshire/2018-04-09.pdf",
        "focused-visits/80563_stockton-on-tees/2022-10-26.pdf",
        "focused-visits/80460_derbyshire/2022-10-26.pdf",
        "focused-visits/80534_nottinghamshire/2018-02-22.pdf",
    ),
}

#: ILACS reports whose lists were also compared with the PDF item by item.
HAND_CHECKED_ILACS = (
    "inspections/80449_bradford/2018-10-29.pdf",
    "inspections/80449_bradford/2023-01-31.pdf",
    "inspections/80449_bradford/2026-05-21.pdf",
    "inspections/80454_cornwall/2019-11-05.pdf",
    "inspections/80467_east-sussex/2024-02-06.pdf",
    "inspections/80419_isle-of-wight/2023-12-15.pdf",
    "inspections/80521_manchester/2022-05-19.pdf",
    "inspections/80430_blackburn-with-darwen/2025-04-23.pdf",
    "inspections/80418_norfolk/2026-05-18.pdf",
    "inspections/80461_devon/2020-03-17.pdf",
    "inspections/80526_north-east-lincolnshire/2021-11-26.pdf",
    "inspections/80451_wakefield/2018-07-17.pdf",
    "inspections/80515_sutton/2025-07-29.pdf",
    "inspections/80462_doncaster/2022-04-08.pdf",
)

ILACS = ("ilacs_2018", "ilacs_2023", "ilacs_2026")


def normalise(text: str) -> str:
    """The form of an item's text that is hashed: NFKC, one space, case-folded."""
    return " ".join(unicodedata.normalize("NFKC", text).split()).casefold()


def item_hash(text: str) -> str:
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()


def facts(recs) -> dict:
    return {"count": len(recs), "hashes": [item_hash(r.text) for r in recs]}


def main(corpus: Path) -> int:
    import ofstedmine.extract.recommendations as rec
    from ofstedmine import parse
    from ofstedmine.types import RecommendationList

    rec._themer = lambda codebook: lambda text: ()  # themes are not part of the facts
    extract_recommendations = rec.extract_recommendations

    out: dict[str, dict] = {}
    for pdf in sorted((corpus / "inspections").glob("*/*.pdf")):
        rel = pdf.relative_to(corpus).as_posix()
        try:
            doc = parse(pdf)
        except Exception:  # the HTML "report not found" pages
            continue
        if doc.framework.value not in ILACS:
            continue
        recs = extract_recommendations(doc)
        if any(r.list is RecommendationList.WHAT_NEEDS_TO_IMPROVE for r in recs):
            out[rel] = facts(recs)
    for paths in HAND_CHECKED.values():
        for rel in paths:
            out[rel] = facts(extract_recommendations(parse(corpus / rel)))
    missing = [p for p in HAND_CHECKED_ILACS if p not in out]
    if missing:
        print("hand-checked ILACS files without a list:", missing, file=sys.stderr)
        return 1
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(dict(sorted(out.items())), indent=1) + "\n", encoding="utf-8")
    n = sum(v["count"] for v in out.values())
    print(f"{len(out)} files, {n} items -> {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_CORPUS))

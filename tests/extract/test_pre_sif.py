"""Pre-SIF 2013 looked-after-children inspections: all five areas on the older
scale (it has "adequate"), checked against each report's record of main findings."""

from __future__ import annotations

import pytest

from ofstedmine import extract, parse

EXPECTED = {  # facts: grades per area as each report prints them
    "inspections/80418_norfolk/2013-08-16.pdf": ["inadequate"] * 5,
    "inspections/80476_kent/2013-08-23.pdf": [
        "adequate",
        "good",
        "adequate",
        "adequate",
        "adequate",
    ],
    "inspections/80522_medway/2013-08-23.pdf": [
        "inadequate",
        "adequate",
        "inadequate",
        "inadequate",
        "inadequate",
    ],
    "inspections/80549_sandwell/2013-08-02.pdf": [
        "inadequate",
        "adequate",
        "adequate",
        "inadequate",
        "inadequate",
    ],
}
AREAS = [
    "pre_sif_overall",
    "pre_sif_capacity_to_improve",
    "pre_sif_outcomes",
    "pre_sif_quality_of_provision",
    "pre_sif_leadership",
]


@pytest.mark.corpus
@pytest.mark.parametrize("path", sorted(EXPECTED))
def test_pre_sif_five_areas(corpus_dir, path):
    ex = extract(parse(corpus_dir / path), findings=False)
    assert ex.metadata.framework.value == "pre_sif_2013"
    got = {j.area.value: (j.grade.value if j.grade else None) for j in ex.judgements}
    assert [got[a] for a in AREAS] == EXPECTED[path]
    assert all(j.status.value == "found" and j.locator is not None for j in ex.judgements)

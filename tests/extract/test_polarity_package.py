"""The polarity package: its versioned cue data and a few invented sentences."""

from __future__ import annotations

import dataclasses
import json
from importlib import resources

import pytest

from ofstedmine.extract.polarity import polarity_of
from ofstedmine.extract.polarity.cues import CUES_FILE, Cues, load_cues
from ofstedmine.types import Polarity

C, S, M, N = Polarity.CONCERN, Polarity.STRENGTH, Polarity.MIXED, Polarity.NEUTRAL


def _raw() -> dict:
    text = resources.files("ofstedmine").joinpath("data", CUES_FILE).read_text(encoding="utf-8")
    return json.loads(text)


def test_data_file_loads_and_has_a_version():
    raw = _raw()
    assert isinstance(raw["version"], str) and raw["version"]
    cues = load_cues()
    assert isinstance(cues, Cues)
    assert cues.version == raw["version"]
    assert load_cues() is cues  # read once


@pytest.mark.parametrize("name", [f.name for f in dataclasses.fields(Cues) if f.name != "version"])
def test_every_cue_list_is_non_empty(name):
    values = getattr(load_cues(), name)
    assert len(values) > 0
    assert all(isinstance(v, str) and v for v in values)


def test_placeholders_are_filled():
    cues = load_cues()
    for name in ("neutral", "strength_pairs", "concern", "strength", "hedge"):
        assert not [p for p in getattr(cues, name) if "{limiting_nouns}" in p]
    assert any("care leavers" in p for p in cues.hedge)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The riverside hub replies to every family swiftly and thoroughly.", S),
        ("Planning for the pupils at the moorland school is too vague.", C),
        ("Key workers at the harbour team do not record visits.", C),
        ("Minutes of the panel are not always clear.", C),
        ("Not all families on the island receive a welcome letter.", C),
        (
            "The new tablet forms have improved recording, but the paper files remain inconsistent.",
            M,
        ),
        ("There is no delay in allocating a worker to new arrivals.", S),
        ("Children who do not attend the lantern club are visited promptly.", S),
        ("The hub has 12 staff and opened in a former library.", N),
        ("At the last visit, the allocation rota was judged inadequate.", N),
    ],
)
def test_invented_sentences(text, expected):
    assert polarity_of(text)[0] is expected


def test_negated_praise_is_reported_as_one_cue():
    assert polarity_of("Minutes of the panel are not always clear.") == (
        C,
        ("are not always clear",),
    )

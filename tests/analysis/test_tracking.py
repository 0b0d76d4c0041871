"""Recommendations followed by their subject into later documents: known answers.

Every sentence here is invented for the tests.
"""

from __future__ import annotations

import doctest
import json
import re
from importlib import resources

import pandas as pd
import pytest

import ofstedmine.analysis.tracking as tracking_module
from ofstedmine.analysis.tracking import (
    TRACKING_COLUMNS,
    TRACKING_STATUSES,
    load_subjects,
    recommendation_subject,
    section_topic,
    track_recommendations,
)
from tests.analysis.conftest import F, R, make_corpus, report

REC_DRIFT = R(
    "Reduce drift and delay in plans for children in need of help and protection.", "drift", page=9
)
REC_CARE = R(
    "Improve the quality and timeliness of health assessments for children in care.", "health"
)
REC_UNTHEMED = R("Strengthen the recording of management decisions on children's files.")
REC_SCHOOLS = R(
    "The safeguarding board should secure the full engagement of schools and colleges in its work.",
    "partnership_working",
)
REC_POLICE = R(
    "Ensure that the police take part in every strategy discussion about a child at risk.",
    "child_protection_enquiries",
)
REC_AUDIT = R(
    "Strengthen the quality assurance framework so that case audits drive learning.",
    "quality_assurance",
)


def _corpus(*later, recs=(REC_DRIFT, REC_CARE, REC_UNTHEMED)):
    return make_corpus([report("2018-10-29", *recs), *later])


def _row(df, rec):
    return df.set_index("text").loc[rec.text]


def test_doctests():
    assert doctest.testmod(tracking_module).failed == 0


def test_latest_verdict_decides():
    df = track_recommendations(_corpus(
        report("2020-01-01", F("Drift and delay persist in plans for children in need.", "concern", "drift", page=4),
               kind="focused_visit"),
        report("2023-01-31", F("Plans for children in need are now progressed without drift or delay.", "strength", "drift", page=7,
                               confidence=0.93)),
    ))  # fmt: skip
    assert list(df.columns) == TRACKING_COLUMNS
    assert set(df["status"]) <= set(TRACKING_STATUSES)
    row = _row(df, REC_DRIFT)
    assert row["status"] == "addressed"
    assert row["status_date"] == pd.Timestamp("2023-01-31") and row["status_page"] == 7
    assert row["status_quote"].startswith("Plans for children in need are now")
    assert row["status_polarity"] == "strength" and row["status_confidence"] == 0.93
    assert row["n_later_documents"] == 2 and row["n_matched_documents"] == 2
    ev = row["evidence"]
    assert [e["polarity"] for e in ev] == ["concern", "strength"]
    assert [e["verdict"] for e in ev] == ["still_raised", "addressed"]
    assert ev[1]["confidence"] == 0.93 and ev[0]["confidence"] is None
    assert all(e["score"] >= 0.2 for e in ev) and row["best_score"] == max(e["score"] for e in ev)
    assert (
        row["page"] == 9 and row["themes"] == ("drift",) and row["list"] == "what_needs_to_improve"
    )
    assert row["index"] == 3 and row["kind"] == "full_inspection"  # page 9 comes last
    assert "drift" in row["subject_words"] and row["subject_terms"] == ()


# ----------------------------------------------------------- subject, not wording


def test_a_sentence_about_probation_is_no_evidence_for_schools():
    probation = F("Probation staff are now fully engaged in the work of the safeguarding board.",
                  "strength", "partnership_working", page=2)  # fmt: skip
    df = track_recommendations(_corpus(report("2023-01-31", probation), recs=[REC_SCHOOLS]))
    row = _row(df, REC_SCHOOLS)
    assert row["subject_terms"] == ("schools",)
    assert row["status"] == "no_evidence_found" and row["evidence"] == ()
    assert pd.isna(row["status_quote"]) and row["n_later_documents"] == 1

    schools = F("Head teachers say that schools are not yet engaged in the work of the board.",
                "concern", "partnership_working", page=3)  # fmt: skip
    df = track_recommendations(
        _corpus(report("2023-01-31", probation, schools), recs=[REC_SCHOOLS])
    )
    row = _row(df, REC_SCHOOLS)
    assert row["status"] == "still_raised" and row["status_page"] == 3
    assert [e["shared_terms"] for e in row["evidence"]] == [("schools",)]


def test_police_in_strategy_discussions_is_not_matched_to_assessments():
    assessments = F("Every assessment of a child at risk is thorough and takes part of its view from "
                    "a discussion with the family.", "strength", "child_protection_enquiries")  # fmt: skip
    df = track_recommendations(_corpus(report("2023-01-31", assessments), recs=[REC_POLICE]))
    row = _row(df, REC_POLICE)
    assert row["subject_terms"] == ("police", "strategy_meetings")
    assert row["status"] == "no_evidence_found"

    police = F("Police officers now take part in most strategy meetings, although not yet in every one.",
               "mixed", "child_protection_enquiries", page=6)  # fmt: skip
    df = track_recommendations(
        _corpus(report("2023-01-31", assessments, police), recs=[REC_POLICE])
    )
    row = _row(df, REC_POLICE)
    assert row["status"] == "still_raised"  # mixed, and it reports no improvement
    assert row["status_page"] == 6 and row["status_polarity"] == "mixed"
    assert row["evidence"][0]["shared_terms"] == ("police", "strategy_meetings")


def test_the_theme_must_be_shared_too():
    elsewhere = F(
        "Police officers take part in every strategy meeting.", "strength", "domestic_abuse"
    )
    df = track_recommendations(_corpus(report("2023-01-31", elsewhere), recs=[REC_POLICE]))
    assert _row(df, REC_POLICE)["status"] == "no_evidence_found"


def test_a_weak_match_gives_no_evidence():
    # shares a word of the recommendation ("learning"), not its aspect: no candidate at all
    topic_only = F(
        "Leaders know their services well, and learning is shared.", "strength", "quality_assurance"
    )
    for bar in (0.25, 0):
        df = track_recommendations(
            _corpus(report("2023-01-31", topic_only), recs=[REC_AUDIT]), min_score=bar
        )
        row = _row(df, REC_AUDIT)
        assert row["status"] == "no_evidence_found" and row["evidence"] == ()
        assert pd.isna(row["best_score"])
    # names the aspect but little else: a candidate that the score turns away
    weak = F("An outside partner adds some quality assurance, and leaders know their services.",
             "strength", "quality_assurance")  # fmt: skip
    df = track_recommendations(_corpus(report("2023-01-31", weak), recs=[REC_AUDIT]), min_score=0.4)
    assert _row(df, REC_AUDIT)["status"] == "no_evidence_found"
    low = track_recommendations(_corpus(report("2023-01-31", weak), recs=[REC_AUDIT]), min_score=0)
    assert _row(low, REC_AUDIT)["status"] == "addressed"
    assert _row(low, REC_AUDIT)["evidence"][0]["shared_aspects"] == ("assurance",)
    strong = F("Quality assurance now uses case audits well to drive learning across teams.",
               "strength", "quality_assurance")  # fmt: skip
    df = track_recommendations(
        _corpus(report("2023-01-31", topic_only, weak, strong), recs=[REC_AUDIT]), min_score=0.4
    )
    assert _row(df, REC_AUDIT)["status_quote"] == strong.text


def test_naming_the_party_without_a_shared_word_is_not_enough():
    bare = F("Head teachers say so.", "concern", "partnership_working")
    df = track_recommendations(_corpus(report("2023-01-31", bare), recs=[REC_SCHOOLS]))
    assert _row(df, REC_SCHOOLS)["status"] == "no_evidence_found"
    assert load_subjects().find(bare.text) == ("schools",)


def test_only_confident_findings_are_evidence():
    unsure = F("Plans for children in need are progressed without drift or delay.", "strength",
               "drift", confidence=0.45)  # fmt: skip
    df = track_recommendations(_corpus(report("2023-01-31", unsure)))
    assert _row(df, REC_DRIFT)["status"] == "no_evidence_found"
    sure = F("Drift and delay remain in plans for children in need.", "concern", "drift",
             confidence=0.8, page=2)  # fmt: skip
    df = track_recommendations(_corpus(report("2023-01-31", unsure, sure)))
    row = _row(df, REC_DRIFT)
    assert row["status"] == "still_raised" and row["status_confidence"] == 0.8
    assert [e["page"] for e in row["evidence"]] == [2]


# ------------------------------------------------ aspect, not only the topic
# The four kinds of error a blind reading found, in invented words.


def _one(rec, *finds, **options):
    return _row(track_recommendations(_corpus(report("2023-01-31", *finds), recs=[rec]),
                                      **options), rec)  # fmt: skip


REC_FAMILY_FINDING = R("Reduce the delay in family finding for children whose plan is adoption.",
                       "permanence")  # fmt: skip
REC_STEP_UP = R("The consistency of stepping up from early help to statutory social work.",
                "early_help")  # fmt: skip
REC_PANEL = R("Ensure that the corporate parenting panel rigorously scrutinises the progress "
              "of children in care.", "corporate_parenting")  # fmt: skip
REC_GP = R("Strengthen information sharing between GPs and children's social workers.",
           "partnership_working")  # fmt: skip


@pytest.mark.parametrize(
    ("rec", "other_practice", "same_practice"),
    [
        (REC_FAMILY_FINDING,
         F("Birth parents are helped to contribute to adoption plans.", "strength", "permanence"),
         F("Family finding now starts early, so there is little delay for children whose plan "
           "is adoption.", "strength", "permanence")),
        (REC_STEP_UP,
         F("Children are stepped down to early help smoothly and at the right time.", "strength",
           "early_help"),
         F("Children are stepped up from early help without delay when risks grow.", "strength",
           "early_help")),
        (REC_PANEL,
         F("The council's commitment to corporate parenting is strong.", "strength",
           "corporate_parenting"),
         F("Panel members scrutinise the progress of children in care closely at every meeting.",
           "strength", "corporate_parenting")),
        (REC_GP,
         F("GPs attend most child protection conferences in person.", "strength",
           "partnership_working"),
         F("GPs now share information with social workers within a day.", "strength",
           "partnership_working")),
    ],
)  # fmt: skip
def test_a_shared_topic_word_is_not_the_same_practice(rec, other_practice, same_practice):
    row = _one(rec, other_practice)
    assert row["status"] == "no_evidence_found" and row["evidence"] == ()
    row = _one(rec, other_practice, same_practice)
    assert row["status"] == "addressed" and row["status_quote"] == same_practice.text
    assert row["evidence"][0]["shared_aspects"] and row["evidence"][0]["names_aspect"]


def test_the_aspect_is_read_from_the_recommendation_s_own_heads():
    from ofstedmine.analysis.tracking import aspect_of

    a = aspect_of(REC_STEP_UP.text)
    assert a.lead == ("step_up",) and "step_down" not in a.keys
    assert a.weak == ("consistency",)  # a frame noun: its object leads
    a = aspect_of(REC_PANEL.text)
    assert a.lead == ("panel", "scrutinise") and "parenting" not in a.keys  # a modifier
    assert a.specific == ("scrutinise",)  # "corporate parenting panel" is a theme pattern
    a = aspect_of("Early identification of kinship carers who could offer a permanent home.")
    assert a.lead == ("identification",) and "carer" in a.keys  # governed by its "of"
    a = aspect_of("The quality of supervision and management direction.")
    assert a.lead == ("@supervision", "direction")  # "quality of" governs nothing
    # a party or process is one key, whatever words name it
    assert aspect_of("Strategy discussions are held with the police.").lead == (
        "@strategy_meetings", "@police")  # fmt: skip
    assert aspect_of("Responses to children who go missing.").keys == ("miss",)
    assert recommendation_subject(REC_PANEL.text).aspect == aspect_of(REC_PANEL.text)


def test_what_inspectors_did_is_no_evidence():
    rec = R("Ensure that the adoption panel challenges delays in matching children with adopters.",
            "permanence")  # fmt: skip
    method = F("Inspectors also looked at the work of the adoption panel and met with adopters.",
               "neutral", "permanence")  # fmt: skip
    assert _one(rec, method)["status"] == "no_evidence_found"  # not 'mentioned'
    assert _one(rec, method, min_score=0)["evidence"] == ()  # no candidate at any score
    found = F("Inspectors looked at the adoption panel and found that it challenges delays in "
              "matching.", "strength", "permanence")  # fmt: skip
    assert _one(rec, method, found)["status_quote"] == found.text


@pytest.mark.parametrize(
    ("text", "method"),
    [
        ("Inspectors also met with managers who oversee adoption planning.", True),
        (
            "During this visit, inspectors evaluated the quality of plans for children in need.",
            True,
        ),
        ("The visit looked at the front door and at decisions to step children up.", True),
        ("They also looked at quality assurance reports.", True),
        ("Inspectors reviewed twenty plans and found most of them thorough.", False),
        ("Inspectors sampled cases, but no return interview had been offered.", False),
        ("Carers told inspectors that support is available at weekends.", False),
        ("Panel members looked at every plan.", False),
    ],
)
def test_method_sentences(text, method):
    from ofstedmine.analysis.tracking import is_method_sentence

    assert is_method_sentence(text) is method


REC_SUPERVISION = R("Ensure that supervision is regular and that managers record their decisions.",
                    "management_oversight")  # fmt: skip


@pytest.mark.parametrize(
    ("finding", "status"),
    [
        # a mixed finding that reports an improvement, then a shortfall
        (F("Supervision has become more regular, but managers still do not record their "
           "decisions.", "mixed", "management_oversight"), "partly_addressed"),
        (F("Despite some recent improvements, supervision is irregular and decisions are not "
           "recorded.", "mixed", "management_oversight"), "partly_addressed"),
        # the polarity model read it as a concern; its own words report progress
        (F("Supervision is substantially stronger, yet managers' decisions are seldom recorded.",
           "concern", "management_oversight"), "partly_addressed"),
        # no improvement cue: still raised
        (F("Supervision is regular, but managers do not record their decisions.", "mixed",
           "management_oversight"), "still_raised"),
        (F("Supervision has not improved, and managers do not record their decisions.",
           "concern", "management_oversight"), "still_raised"),
    ],
)  # fmt: skip
def test_a_mixed_finding_that_reports_improvement_is_partly_addressed(finding, status):
    row = _one(REC_SUPERVISION, finding)
    assert row["status"] == status
    assert row["evidence"][0]["improved"] is (status == "partly_addressed")


@pytest.mark.parametrize(
    ("text", "progress"),
    [
        ("The offer is substantially stronger, yet referrals stay high.", True),
        ("Plans have improved, although some still lack detail.", True),
        ("Progress has been made in reducing caseloads.", True),
        ("There has been no significant improvement in plans.", False),
        ("Plans have not improved and remain weak.", False),
        ("Leaders know that plans need to improve.", False),
    ],
)
def test_reports_progress(text, progress):
    from ofstedmine.analysis.tracking import reports_progress

    assert reports_progress(text) is progress


def test_addressed_needs_praise_of_the_aspect_asked_about():
    rec = R("Early identification of relatives who could offer a permanent home.", "permanence")
    nearby = F("Children thrive in the permanent homes that relatives offer them.", "strength",
               "permanence")  # fmt: skip
    row = _one(rec, nearby)
    assert row["status"] == "mentioned"  # evidence on the topic, no verdict on the aspect
    ev = row["evidence"][0]
    assert ev["verdict"] is None and not ev["names_aspect"] and "relative" in ev["shared_aspects"]
    named = F("Relatives who could offer a permanent home are now identified early.", "strength",
              "permanence")  # fmt: skip
    row = _one(rec, nearby, named)
    assert row["status"] == "addressed" and row["status_quote"] == named.text
    # a concern does not need to name the lead to keep it raised
    worry = F("Too few relatives are helped to offer children a permanent home.", "concern",
              "permanence")  # fmt: skip
    assert _one(rec, worry)["status"] == "still_raised"


# ------------------------------------------------------------------- statuses


def test_status_follows_the_evidence_polarity():
    df = track_recommendations(_corpus(
        report("2023-01-31",
               F("Drift and delay remain in plans for children in need of protection.", "concern", "drift", page=3),
               F("Health assessments for children in care are more timely, though their quality varies.", "mixed",
                 "health", page=5, cues=("more timely", "improved"))),
    ))  # fmt: skip
    assert _row(df, REC_DRIFT)["status"] == "still_raised"
    care = _row(df, REC_CARE)
    assert care["status"] == "partly_addressed" and care["subject_terms"] == ("health_assessments",)
    unthemed = _row(df, REC_UNTHEMED)
    assert unthemed["status"] == "no_evidence_found" and unthemed["evidence"] == ()
    assert pd.isna(unthemed["status_report"])


def test_neutral_evidence_is_mentioned_or_reports_improvement():
    neutral = F("Plans for children in need address drift and delay.", "neutral", "drift")
    df = track_recommendations(_corpus(report("2023-01-31", neutral)))
    row = _row(df, REC_DRIFT)
    assert row["status"] == "mentioned" and len(row["evidence"]) == 1
    assert row["status_polarity"] == "neutral"
    cued = F("Plans for children in need address drift and delay.", "neutral", "drift",
             cues=("has improved",))  # fmt: skip
    assert (
        _row(track_recommendations(_corpus(report("2023-01-31", cued))), REC_DRIFT)["status"]
        == "addressed"
    )


def test_a_later_neutral_document_does_not_hide_an_earlier_verdict():
    df = track_recommendations(_corpus(
        report("2020-01-01", F("Drift and delay persist in plans for children in need.", "concern", "drift")),
        report("2023-01-31", F("Plans for children in need address drift and delay.", "neutral", "drift")),
    ))  # fmt: skip
    row = _row(df, REC_DRIFT)
    assert row["status"] == "still_raised" and row["status_date"] == pd.Timestamp("2020-01-01")
    assert row["n_matched_documents"] == 2


def test_no_later_document():
    df = track_recommendations(_corpus())
    assert df.shape[0] == 3 and (df["n_later_documents"] == 0).all()
    assert set(df["status"]) == {"no_later_document"}


def test_top_keeps_the_best_first_and_the_best_decides():
    df = track_recommendations(_corpus(
        report("2023-01-31",
               F("Drift and delay are noted in some plans.", "concern", "drift", page=2),
               F("Drift and delay in plans for children in need of help and protection are reduced.", "strength", "drift", page=3),
               F("Staff enjoy the new office.", "concern", "drift", page=4)),
    ), top=2)  # fmt: skip
    row = _row(df, REC_DRIFT)
    ev = row["evidence"]
    assert [e["page"] for e in ev] == [3, 2]  # best first; the unrelated one falls below
    assert ev[0]["score"] > ev[1]["score"] >= 0.2
    assert row["status"] == "addressed" and row["status_page"] == 3


def test_unthemed_recommendations_need_closer_wording():
    df = track_recommendations(_corpus(
        report("2023-01-31",
               F("The recording of management decisions on children's files is now strong.", "strength", "recording")),
    ))  # fmt: skip
    assert _row(df, REC_UNTHEMED)["status"] == "addressed"
    strict = track_recommendations(_corpus(report("2023-01-31",
        F("Management is stable.", "strength", "recording"))))  # fmt: skip
    assert _row(strict, REC_UNTHEMED)["status"] == "no_evidence_found"


def test_authority_filter_and_other_authorities_ignored():
    from ofstedmine.corpus import Corpus

    base = _corpus()
    other = make_corpus([report("2023-01-31", F("Drift and delay in plans for children in need of help remain.",
                                                "concern", "drift"), authority="leeds")])  # fmt: skip
    corpus = Corpus([*base.documents, *other.documents], [*base.extractions, *other.extractions])
    df = track_recommendations(corpus)
    assert set(df["status"]) == {"no_later_document"} and set(df["authority"]) == {"bradford"}
    assert track_recommendations(corpus, authority="leeds").empty


# -------------------------------------------------------------- subject table


@pytest.mark.parametrize(
    ("text", "terms"),
    [
        ("Head teachers and further education colleges attend.", ("schools",)),
        ("The school nurse and the health visitor share information.", ("health",)),
        ("The virtual school head tracks attendance.", ("virtual_school",)),
        ("Children attending A&E are referred.", ("emergency_department",)),
        ("The Emergency Departments ask about children.", ("emergency_department",)),
        ("The LADO and the designated officer respond to allegations against staff.", ("lado",)),
        ("The NPS and the community rehabilitation company share information.", ("probation",)),
        (
            "Return home interviews are offered; return interviews are recorded.",
            ("return_home_interviews",),
        ),
        ("Strategy meetings and strategy discussions are timely.", ("strategy_meetings",)),
        ("IROs and independent reviewing officers know children.", ("iros",)),
        ("PAs and personal advisors keep in touch.", ("personal_advisers",)),
        ("Adult mental health services and CAMHS are involved.", ("mental_health",)),
        ("Section 47 enquiries and child protection enquiries are joint.", ("section_47",)),
        ("A supervision order was made.", ()),
        ("Social workers advocate for children.", ()),
        ("The pa of the child", ()),  # an acronym matches in capitals only
    ],
)
def test_subject_terms_and_their_variants(text, terms):
    assert load_subjects().find(text) == terms


def test_subject_table_is_documented_and_versioned():
    raw = json.loads(
        resources.files("ofstedmine").joinpath("data", "tracking_subjects.json").read_text("utf-8")
    )
    assert re.fullmatch(r"\d+\.\d+\.\d+", raw["version"]) and raw["description"]
    ids = [t["id"] for t in raw["terms"]]
    assert len(ids) == len(set(ids))
    for t in raw["terms"]:
        assert t["kind"] in {"party", "process"} and t["label"] and t["patterns"], t["id"]
    wanted = {"police", "schools", "lado", "emergency_department", "health", "probation",
              "strategy_meetings", "return_home_interviews", "iros", "personal_advisers"}  # fmt: skip
    assert wanted <= set(ids)
    assert load_subjects().version == raw["version"]


def test_recommendation_subject_and_section_topic():
    s = recommendation_subject(REC_SCHOOLS.text, REC_SCHOOLS.themes)
    assert s.themes == ("partnership_working",) and s.terms == ("schools",)
    assert {"@schools", "engagement"} <= set(s.words)  # schools and colleges: one party
    assert not {"ensure", "child", "full", "should"} & set(s.words)
    assert s.aspect.lead == ("engagement",) and s.aspect.specific == ("engagement",)
    assert section_topic(
        ["The experiences and progress of children who need help and protection"]
    ) == ("help_and_protection")
    assert (
        section_topic(["Summary", "The impact of leaders on social work practice"]) == "leadership"
    )
    assert section_topic(["Main findings"]) is None


# -------------------------------------------------------------------- report


def test_report_colours_evidence_by_its_own_polarity():
    from ofstedmine.report import report_frames
    from ofstedmine.report.build import recommendations_section

    corpus = _corpus(
        report("2023-01-31",
               F("Plans for children in need are now progressed without drift or delay.", "strength", "drift"),
               F("Health assessments for children in care are still late and of poor quality.", "concern", "health")),
    )  # fmt: skip
    frames = report_frames(corpus, "bradford")
    html = recommendations_section(frames)
    quotes = dict(
        (m.group(2), m.group(1)) for m in re.finditer(r'<blockquote class="(\w+)">([^<]+)<', html)
    )
    assert (
        quotes["Plans for children in need are now progressed without drift or delay."]
        == "strength"
    )
    assert (
        quotes["Health assessments for children in care are still late and of poor quality."]
        == "concern"
    )
    assert "status-addressed" in html and "status-still_raised" in html
    assert "status-no_evidence_found" in html  # the unthemed one: no quote, no weak match
    assert html.count("<blockquote") == 2

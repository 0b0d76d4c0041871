"""Tests of ofstedmine.sources.statistics: pure helpers first, then the real releases."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from ofstedmine.errors import StatisticsError
from ofstedmine.sources import statistics as st
from ofstedmine.types import Area, Event, EventKind, Framework, Grade

# ------------------------------------------------------------------ pure helpers


@pytest.mark.parametrize(
    ("label", "grade"),
    [
        ("Requires improvement to be good", Grade.REQUIRES_IMPROVEMENT),
        ("requires improvement", Grade.REQUIRES_IMPROVEMENT),
        ("Requires Improvement to be Good ", Grade.REQUIRES_IMPROVEMENT),
        ("RI", Grade.REQUIRES_IMPROVEMENT),
        ("Inadequate", Grade.INADEQUATE),
        ("inadequate", Grade.INADEQUATE),
        ("Good", Grade.GOOD),
        (" good\n", Grade.GOOD),
        ("Outstanding", Grade.OUTSTANDING),
        ("Adequate", Grade.ADEQUATE),
    ],
)
def test_normalise_grade(label, grade):
    assert st.normalise_grade(label) is grade


@pytest.mark.parametrize(
    "label", [None, float("nan"), "", " -", "-", "No full inspection", "Not judged", "Goodish"]
)
def test_normalise_grade_non_grades(label):
    assert st.normalise_grade(label) is None


def test_normalise_authority_name_variants():
    n = st.normalise_authority_name
    assert n("Bournemouth, Christchurch & Poole") == n("Bournemouth, Christchurch and Poole")
    assert n("Hammersmith & Fulham") == n("Hammersmith and Fulham")
    assert n("Kingston Upon Hull") == n("Kingston upon Hull")
    assert n("Southend on Sea") == n("Southend-on-Sea")
    assert n("Bedford Borough") == n("Bedford")
    assert n("Telford & Wrekin") == n("Telford and Wrekin")
    assert n("St. Helens") == n("St Helens")
    assert n("Bristol, City of") == n("Bristol")
    assert n("City of London") != n("London")
    assert n(None) == ""


@pytest.mark.parametrize(
    ("label", "kind"),
    [
        ("LA Monitoring visit", EventKind.MONITORING_VISIT),
        ("ILACS Focused Visit", EventKind.FOCUSED_VISIT),
        ("ILACS Standard Inspection", EventKind.INSPECTION),
        ("ILACS Short Inspection", EventKind.INSPECTION),
        ("Joint targeted area inspection", EventKind.JTAI),
        ("JTAI", EventKind.JTAI),
        ("Something else", EventKind.OTHER),
        (None, EventKind.OTHER),
    ],
)
def test_event_kind_for(label, kind):
    assert st.event_kind_for(label) is kind


IN_YEAR_HEADERS = [
    "Web link",
    "Local authority name",
    "Region",
    "Inspection/Visit date",
    "Inspection/Visit type",
    "Overall effectiveness",
    "Impact of leaders",
    "Experiences and progress of children who need help and protection",
    "Experiences and progress of children in care",
    "Experiences and progress of care leavers",
    "Visit Theme",
]


def test_map_columns_known_variants():
    m = st.map_columns(IN_YEAR_HEADERS, "in_year")
    assert m["authority_name"] == 1
    assert m["inspection_date"] == 3
    assert m["type"] == 4
    assert m["overall"] == 5
    assert m["in_care"] == 8
    assert m["care_leavers"] == 9
    assert m["theme"] == 10
    # the 2025 wording of the same columns
    m2 = st.map_columns(
        [
            "Web link",
            "Local authority area code",
            "Local authority name",
            "Inspection date",
            "Publication date",
            "Overall effectiveness",
            "The impact of leaders on social work practice with children and families",
            "The experiences and progress of children who need help and protection",
            "The experiences and progress of children in care",
            "The experiences and progress of care leavers",
        ],
        "latest",
    )
    assert (m2["area_code"], m2["authority_name"], m2["published"], m2["leaders"]) == (1, 2, 4, 6)


def test_map_columns_accepts_a_dataframe():
    df = pd.DataFrame(columns=IN_YEAR_HEADERS)
    assert st.map_columns(df, "in_year")["theme"] == 10


def test_map_columns_missing_column_names_it():
    headers = [h for h in IN_YEAR_HEADERS if h != "Visit Theme"]
    with pytest.raises(StatisticsError) as info:
        st.map_columns(headers, "in_year", source="release.ods", sheet="In-year")
    msg = str(info.value)
    assert "Visit Theme" in msg
    assert "release.ods" in msg
    assert "In-year" in msg


def test_map_columns_missing_either_date():
    headers = ["Local authority name", "Overall effectiveness", "Impact of leaders"]
    headers += [
        "Experiences and progress of children who need help and protection",
        "Experiences and progress of children in care",
    ]
    with pytest.raises(StatisticsError, match="Inspection date.*Publication date"):
        st.map_columns(headers, "latest")


def test_map_columns_rejects_unknown_kind():
    with pytest.raises(ValueError):
        st.map_columns(IN_YEAR_HEADERS, "nonsense")


def test_wide_headers_map_to_groups_and_fields():
    f = lambda h: st._wide_fields(st._norm_header(h))  # noqa: E731
    assert f("Safeguarding & Looked After Children (SLAC) Inspection publication date") == [
        ("slac_safeguarding", "published"),
        ("slac_looked_after", "published"),
    ]
    assert f("SLAC Looked After Children Overall Effectiveness (OE)") == [
        ("slac_looked_after", "overall")
    ]
    assert f("SLAC re-inspection Safeguarding OE") == [("slac_re_safeguarding", "overall")]
    assert f("CPI Overall Effectiveness (OE)") == [("cpi", "overall")]
    assert f("Child Protection Re-Inspection (CPRI) publication date") == [("cpri", "published")]
    assert f("Single Inspection of LA Children's Services (SIF)  First SIF publication date") == [
        ("sif1", "published")
    ]
    assert f(" First SIF Overall Judgement\n(OE)") == [("sif1", "overall")]
    assert f(" First SIF CLA Sub: Adoption Performance") == [("sif1", "adoption")]
    assert f(" First SIF children looked after and achieving permanence ") == [("sif1", "in_care")]
    assert f(" SIF Re-inspection leadership, management and governance") == [("sif_re", "leaders")]
    assert f("LSCB Overall Effectiveness ") == [("sif1", "lscb")]
    assert f("ILACS framework publication date") == [("ilacs1", "published")]
    assert f("Second ILACS framework experiences and progress of care leavers") == [
        ("ilacs2", "care_leavers")
    ]
    assert f("First ILACS experiences and progress of children in care and care leavers") == [
        ("ilacs1", "in_care")
    ]
    assert f("Local authority name") == []


def test_wide_table_without_a_date_raises():
    headers = ["Web link", "Local authority name", "First SIF overall judgement", "First SIF x"]
    headers.append("First SIF leadership, management and governance")
    with pytest.raises(StatisticsError, match="publication date"):
        st._map_wide_columns(headers, source="x.ods", sheet="History")


def test_classify_tables():
    assert st._classify(IN_YEAR_HEADERS) == "in_year"
    assert st._classify(["Web link", "URN", "Provision type", "Local authority"]) is None
    latest = [h for h in IN_YEAR_HEADERS if "Visit" not in h and "type" not in h]
    assert st._classify(latest + ["Inspection date"]) == "latest"
    history = ["Web link", "Local authority name", "Inspection date", "Publication date"]
    history += ["Inspection type", "Overall effectiveness"]
    assert st._classify(history) == "history_long"


def test_header_rows_found_by_content():
    raw = pd.DataFrame(
        [
            ["A title", None, None],
            ["Some words about the table", None, None],
            ["Web link", "Local authority name", "Inspection date"],
            ["Webpage", "Bradford", "2018-09-17"],
            [None, None, None],
            ["Table 2: former authorities", None, None],
            ["Web link", "Local authority name", "Inspection date"],
            ["Webpage", "Poole", "2011-12-16"],
        ]
    )
    assert st._header_rows(raw) == [2, 6]


@pytest.mark.parametrize(
    ("url", "target"),
    [
        ("https://reports.ofsted.gov.uk/provider/44/80449", ("urn", 80449)),
        ("https://reports.ofsted.gov.uk/provider/44/380", ("la_code", 380)),
        ("https://reports.ofsted.gov.uk/provider/44/2532283", ("urn", 2532283)),
        ("http://reports.ofsted.gov.uk/local-authorities/bradford", ("slug", "bradford")),
        ("https://example.org/elsewhere", None),
    ],
)
def test_link_target(url, target):
    assert st._link_target(url) == target


def test_link_ownership_needs_a_majority():
    from collections import Counter

    votes = {
        206: Counter({"islington": 8, "city of london": 5}),
        941: Counter({"north northamptonshire": 5, "west northamptonshire": 4, "x": 1}),
        380: Counter({"bradford": 4}),
    }
    owned = st._owned(votes)
    assert owned == {"islington": 206, "bradford": 380}


@pytest.mark.parametrize(
    ("family", "grades", "start", "published", "expected"),
    [
        ("pre_sif", {"overall": "Good"}, None, "2011-05-06", Framework.PRE_SIF_2013),
        ("sif", {"overall": "Good", "lscb": "Good"}, None, "2014-05-23", Framework.SIF),
        ("ilacs", {"overall": "Inadequate", "in_care": "Good"}, "2018-09-17", None,
         Framework.ILACS_2018),
        # fieldwork late 2022, published 2023, no care leavers grade: the 2018 framework
        ("ilacs", {"overall": "Inadequate", "in_care": "Inadequate"}, "2022-11-21",
         "2023-01-31", Framework.ILACS_2018),
        ("ilacs", {"overall": "Good", "care_leavers": "Good"}, None, None, Framework.ILACS_2023),
        ("ilacs", {"overall": "Good", "in_care": "Good"}, "2023-03-06", None,
         Framework.ILACS_2023),
        ("ilacs", {"help": "Good", "in_care": "Good"}, "2026-01-12", None, Framework.ILACS_2026),
    ],
)  # fmt: skip
def test_framework_rule(family, grades, start, published, expected):
    start = pd.Timestamp(start) if start else None
    published = pd.Timestamp(published) if published else None
    got = st.framework_for(family, grades, inspection_start=start, published=published)
    assert got is expected


def test_visits_to_events_from_a_synthetic_frame():
    df = pd.DataFrame(
        {
            "authority_name": ["Bradford", "Bradford"],
            "authority": ["bradford", None],
            "event_kind": ["monitoring_visit", "focused_visit"],
            "visit_start": pd.to_datetime(["2021-04-28", None]),
            "published": pd.to_datetime([None, None]),
            "themes": ["Front door; Care leavers", None],
            "type_label": ["LA Monitoring visit", "ILACS Focused Visit"],
            "release": ["r.ods", "r.ods"],
        }
    )
    events = st.visits_to_events(df)
    assert len(events) == 1  # the undated row is skipped
    ev = events[0]
    assert isinstance(ev, Event)
    assert ev.date == dt.date(2021, 4, 28)
    assert ev.kind is EventKind.MONITORING_VISIT
    assert ev.authority == "bradford"
    assert ev.source == "statistics"
    assert ev.date_precision == "day"
    assert ev.themes == ("Front door", "Care leavers")
    assert Event.from_dict(ev.to_dict()) == ev


def test_default_dir_missing_raises(tmp_path, monkeypatch):
    monkeypatch.setenv("OFSTEDMINE_SHARED_CORPUS", str(tmp_path / "nowhere"))
    with pytest.raises(StatisticsError, match="OFSTEDMINE_SHARED_CORPUS"):
        st.default_statistics_dir()


def test_missing_file_raises(tmp_path):
    with pytest.raises(StatisticsError, match="not found"):
        st.read_judgements(tmp_path / "absent.ods")


def test_unreadable_file_raises(tmp_path):
    bad = tmp_path / "bad.ods"
    bad.write_bytes(b"this is not a spreadsheet")
    with pytest.raises(StatisticsError, match="bad.ods"):
        st.read_judgements(bad)


# --------------------------------------------------------------- real releases


@pytest.fixture(scope="module")
def stats_dir(corpus_dir: Path) -> Path:
    folder = corpus_dir / "statistics"
    if not any(folder.glob("*.ods")):
        pytest.skip(f"no statistics releases in {folder}")
    return folder


@pytest.fixture(scope="module")
def judgements(stats_dir: Path) -> pd.DataFrame:
    return st.read_judgements(stats_dir)


@pytest.fixture(scope="module")
def visits(stats_dir: Path) -> pd.DataFrame:
    return st.read_visits(stats_dir)


def _grade(df: pd.DataFrame, area: str) -> str:
    rows = df[df["area"] == area]
    assert len(rows) == 1, rows
    return rows["grade"].iloc[0]


@pytest.mark.corpus
def test_judgement_frame_shape(judgements):
    expected = {
        "authority_name",
        "authority",
        "urn",
        "la_code",
        "inspection_start",
        "inspection_end",
        "published",
        "framework",
        "area",
        "grade",
        "grade_label",
        "release",
        "sheet",
    }
    assert expected <= set(judgements.columns)
    assert str(judgements["urn"].dtype) == "Int64"
    assert str(judgements["la_code"].dtype) == "Int64"
    assert pd.api.types.is_datetime64_any_dtype(judgements["published"])
    assert set(judgements["area"]) <= {a.value for a in Area}
    assert set(judgements["grade"]) <= {g.value for g in Grade}
    assert set(judgements["framework"]) <= {f.value for f in Framework}
    assert judgements["inspection_end"].isna().all()  # no release gives it


@pytest.mark.corpus
def test_bradford_sif_2014(judgements):
    b = judgements[judgements["urn"] == 80449]
    sif = b[(b["framework"] == "sif") & (b["published"] == "2014-05-23")]
    assert _grade(sif, "overall") == "requires_improvement"
    assert sif["grade_label"][sif["area"] == "overall"].iloc[0].startswith("Requires improvement")
    assert {"sif_adoption", "sif_care_leavers", "sif_leadership", "lscb"} <= set(sif["area"])


@pytest.mark.corpus
def test_bradford_ilacs_2018(judgements):
    b = judgements[judgements["urn"] == 80449]
    ins = b[b["inspection_start"] == "2018-09-17"]
    assert set(ins["framework"]) == {"ilacs_2018"}
    assert _grade(ins, "overall") == "inadequate"
    assert set(ins["published"]) == {pd.Timestamp("2018-10-29")}
    assert "in_care_and_care_leavers" in set(ins["area"])
    assert ins["inspection_id"].nunique() == 1


@pytest.mark.corpus
def test_bradford_ilacs_2022(judgements):
    b = judgements[judgements["urn"] == 80449]
    ins = b[b["inspection_start"] == "2022-11-21"]
    assert _grade(ins, "overall") == "inadequate"
    assert set(ins["published"]) == {pd.Timestamp("2023-01-31")}
    assert set(ins["framework"]) == {"ilacs_2018"}  # no separate care leavers grade
    assert set(ins["grade"]) == {"inadequate"}


@pytest.mark.corpus
def test_bradford_history_in_order(judgements):
    b = judgements[(judgements["urn"] == 80449) & (judgements["area"] == "overall")]
    got = [(d.date().isoformat(), g) for d, g in zip(b["published"], b["grade"], strict=True)]
    assert got == [
        ("2014-05-23", "requires_improvement"),
        ("2018-10-29", "inadequate"),
        ("2023-01-31", "inadequate"),
    ]
    assert set(b["authority_name"]) == {"Bradford"}


@pytest.mark.corpus
def test_bradford_la_code(stats_dir, judgements):
    assert st.read_la_codes(stats_dir)[80449] == 380
    assert set(judgements.loc[judgements["urn"] == 80449, "la_code"]) == {380}


@pytest.mark.corpus
def test_la_codes_pair_urns_with_three_digit_codes(stats_dir):
    codes = st.read_la_codes(stats_dir)
    assert len(codes) >= 90
    assert all(u >= 10000 and 100 <= c < 1000 for u, c in codes.items())
    assert len(set(codes.values())) == len(codes)  # no code given to two URNs


@pytest.mark.corpus
def test_bradford_visits(visits):
    b = visits[visits["urn"] == 80449]
    mv = sorted(
        d.date().isoformat() for d in b.loc[b["event_kind"] == "monitoring_visit", "visit_start"]
    )
    assert mv == [
        "2021-04-28",
        "2021-09-07",
        "2022-02-02",
        "2022-07-27",
        "2023-07-18",
        "2023-11-08",
        "2024-02-27",
        "2024-05-22",
        "2025-02-11",
    ]
    insp = b[b["event_kind"] == "inspection"]
    assert [d.date().isoformat() for d in insp["visit_start"]] == ["2022-11-21"]
    # the focused visit of 15 December 2020 predates the in-year sheets (April 2021 on)
    assert not (b["visit_start"] == "2020-12-15").any()
    assert (b["event_kind"] != "focused_visit").all()
    assert set(b["type_label"]) == {"LA Monitoring visit", "ILACS Standard Inspection"}
    themes = b.set_index(b["visit_start"].dt.date.astype(str))["themes"]
    assert themes["2022-07-27"] == "Care leavers"
    # only the 2025 release gives publication dates
    assert b.loc[b["visit_start"] == "2025-02-11", "published"].iloc[0] == pd.Timestamp(
        "2025-03-13"
    )


@pytest.mark.corpus
def test_visits_span_and_counts(visits):
    assert visits["visit_start"].min() >= pd.Timestamp("2021-04-01")
    assert visits["visit_start"].max() <= pd.Timestamp("2025-03-31")
    counts = visits["event_kind"].value_counts().to_dict()
    assert counts["focused_visit"] >= 150
    assert counts["monitoring_visit"] >= 100
    assert counts["inspection"] >= 150
    assert not visits.duplicated(["urn", "event_kind", "visit_start"]).any()
    assert visits["urn"].notna().all()


@pytest.mark.corpus
def test_visits_to_events_for_bradford(visits):
    events = st.visits_to_events(visits[visits["urn"] == 80449])
    assert len(events) == 10
    assert {e.kind for e in events} == {EventKind.MONITORING_VISIT, EventKind.INSPECTION}
    assert all(e.source == "statistics" and e.date_precision == "day" for e in events)
    first = min(events, key=lambda e: e.date)
    assert first.date == dt.date(2021, 4, 28)
    assert first.themes == ("Children in need/subject to a plan",)


@pytest.mark.corpus
def test_counts(judgements):
    current = judgements[judgements["authority_status"] == "current"]
    assert current["urn"].nunique() == 153
    assert judgements["urn"].nunique() >= 155  # with the former authorities
    per_framework = judgements.drop_duplicates("inspection_id")["framework"].value_counts()
    assert per_framework["sif"] >= 170  # 152 first SIFs and 21 re-inspections
    assert per_framework["ilacs_2018"] + per_framework["ilacs_2023"] == 271
    assert judgements["inspection_id"].nunique() >= 800
    assert judgements["urn"].notna().all()


@pytest.mark.corpus
def test_releases_deduplicate(stats_dir, judgements):
    assert not judgements.duplicated(["inspection_id", "area"]).any()
    # each inspection once per authority and date
    ins = judgements.drop_duplicates("inspection_id")
    assert not ins.duplicated(["urn", "inspection_type", "published"]).any()
    # the 2025 release lists every ILACS inspection: reading all four adds none
    latest = st.read_judgements(stats_dir / "LA_Inspection_Outcomes_as_at_31_March_2025.ods")
    ilacs_all = set(ins.loc[ins["framework"].str.startswith("ilacs"), "inspection_id"])
    ilacs_2025 = set(latest.loc[latest["framework"].str.startswith("ilacs"), "inspection_id"])
    assert ilacs_all == ilacs_2025
    # Bradford's 2018 inspection is listed in five sheets and read once
    b18 = ins[(ins["urn"] == 80449) & (ins["published"] == "2018-10-29")]
    assert len(b18) == 1
    assert b18["sources"].iloc[0].count(";") >= 3
    assert b18["release"].iloc[0] == "LA_Inspection_Outcomes_as_at_31_March_2025.ods"


@pytest.mark.corpus
def test_newest_release_wins(judgements):
    # the 2025 release corrects a care leavers grade the 2024 release printed
    staffs = judgements[
        (judgements["authority_name"] == "Staffordshire")
        & (judgements["inspection_start"] == "2023-11-06")
        & (judgements["area"] == "care_leavers")
    ]
    assert staffs["grade"].tolist() == ["requires_improvement"]


@pytest.mark.corpus
def test_pre_sif_and_former_authorities(judgements):
    pre = judgements[judgements["framework"] == "pre_sif_2013"]
    assert set(pre["area"]) == {"pre_sif_overall"}
    assert pre["published"].min() >= pd.Timestamp("2009-01-01")
    former = judgements[judgements["authority_status"] == "former"]
    assert {"Bournemouth", "Poole", "Northamptonshire", "Cumbria"} <= set(former["authority_name"])
    # the old Dorset keeps its own SIF, not doubled under the new Dorset
    dorset_sif = judgements[
        (judgements["authority_name"] == "Dorset")
        & (judgements["framework"] == "sif")
        & (judgements["area"] == "overall")
    ]
    assert len(dorset_sif) == 1


@pytest.mark.corpus
def test_sif_latest_rows_fill_fieldwork_dates(judgements):
    # "latest inspection" sheets give SIF fieldwork start dates the history lacks
    sif = judgements.drop_duplicates("inspection_id")
    sif = sif[(sif["framework"] == "sif") & sif["inspection_start"].notna()]
    assert len(sif) >= 20
    gap = (sif["published"] - sif["inspection_start"]).dt.days
    assert gap.between(0, 200).all()


@pytest.mark.corpus
def test_read_without_links_keeps_rows(stats_dir, judgements):
    plain = st.read_judgements(stats_dir, with_la_codes=False)
    assert len(plain) == len(judgements)


@pytest.mark.corpus
def test_list_releases(stats_dir):
    rel = st.list_releases(stats_dir)
    assert len(rel) == 4
    assert rel["published"].is_monotonic_decreasing
    assert rel["published"].iloc[0] == pd.Timestamp("2025-09-25")
    assert (rel["visit_sheets"] != "").all()
    assert (rel["judgement_sheets"] != "").all()
    assert not rel["sheets"].str.contains("://").any()


@pytest.mark.corpus
def test_repeated_reads_are_cached(stats_dir):
    # work, not seconds: a second read opens no workbook again (speed is in benchmarks/)
    st._clear_cache()
    st.read_judgements(stats_dir)
    st.read_visits(stats_dir)
    opened = st.workbook._read_workbook_cached.cache_info().misses
    assert opened == len(list(stats_dir.glob("*.ods")))
    st.read_judgements(stats_dir)
    st.read_visits(stats_dir)
    assert st.workbook._read_workbook_cached.cache_info().misses == opened


@pytest.mark.corpus
def test_each_file_reads_alone(stats_dir):
    st._clear_cache()
    files = sorted(stats_dir.glob("*.ods"))
    assert len(files) == 4
    for path in files:
        assert len(st.read_visits(path)) or len(st.read_judgements(path)), path.name


@pytest.mark.corpus
def test_without_registry_links_still_give_urns(stats_dir, monkeypatch):
    monkeypatch.setattr(st.identity, "_registry_lookup", lambda: None)
    j = st.read_judgements(stats_dir)
    assert j["authority"].isna().all()
    b = j[j["authority_name"] == "Bradford"]
    assert set(b["urn"]) == {80449}
    assert set(b["la_code"]) == {380}


@pytest.mark.corpus
def test_registry_ids_when_the_registry_exists(judgements):
    authorities = pytest.importorskip("ofstedmine.authorities")
    found = authorities.lookup(80449)
    if found is None:
        pytest.skip("the registry does not know URN 80449")
    b = judgements[judgements["urn"] == 80449]
    assert set(b["authority"]) == {found.id}
    current = judgements[judgements["authority_status"] == "current"]
    assert current["authority"].notna().all()

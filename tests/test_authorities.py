"""Tests of the local authority registry (ofstedmine.authorities).

Unit tests use only the packaged CSV. Corpus tests (marked ``corpus``) check the
registry against the real corpus: the manifest, the first page of every PDF and
the 2025 statistics release; they skip when ../shared/corpus is absent.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib.util
import json
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

from ofstedmine import authorities as A
from ofstedmine.errors import OfstedmineError, UnknownAuthorityError

ROOT = Path(__file__).resolve().parents[1]


def ids(found):
    return [a.id for a in found]


# ---------------------------------------------------------------------------
# Lookups
# ---------------------------------------------------------------------------


def test_get_by_id_name_urn_and_code():
    bradford = A.get("bradford")
    assert bradford.name == "Bradford"
    assert bradford.urns == (80449,)
    assert bradford.urn == 80449
    assert bradford.la_codes == (380,)
    assert bradford.current is True
    assert A.get("Bradford") is bradford
    assert A.get(80449) is bradford
    assert A.get("80449") is bradford
    assert A.get(380) is bradford
    assert A.get(" 380 ") is bradford
    assert A.get("80449_bradford") is bradford
    assert A.get("https://reports.ofsted.gov.uk/provider/44/80449") is bradford
    assert A.get("https://reports.ofsted.gov.uk/provider/44/380") is bradford


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("City of Bradford Metropolitan District Council", "bradford"),
        ("Bradford Metropolitan District Council", "bradford"),
        ("Bradford Children and Families Trust", "bradford"),
        ("Kingston upon Hull", "kingston_upon_hull"),
        ("Kingston Upon Hull City Council", "kingston_upon_hull"),
        ("Hull", "kingston_upon_hull"),
        ("Hull City Council", "kingston_upon_hull"),
        ("Bristol, City of", "bristol"),
        ("City of Bristol", "bristol"),
        ("Bristol City Council", "bristol"),
        ("Herefordshire, County of", "herefordshire"),
        ("St Helens", "st_helens"),
        ("Saint Helens", "st_helens"),
        ("St. Helens Metropolitan Borough Council", "st_helens"),
        ("Southend-on-Sea", "southend_on_sea"),
        ("Southend on Sea Borough Council", "southend_on_sea"),
        ("Telford and Wrekin", "telford_and_wrekin"),
        ("Telford & Wrekin", "telford_and_wrekin"),
        ("telford-wrekin", "telford_and_wrekin"),
        ("Royal Borough of Kensington and Chelsea", "kensington_and_chelsea"),
        ("The London Borough of Barking & Dagenham", "barking_and_dagenham"),
        ("Metropolitan Borough of Barnsley", "barnsley"),
        ("Council of the Isles of Scilly", "isles_of_scilly"),
        ("Durham County Council", "durham"),
        ("County Durham", "durham"),
        ("Bedford Borough", "bedford"),
        ("Central Bedfordshire Council", "central_bedfordshire"),
        ("Kingston upon Thames", "kingston_upon_thames"),
        ("Richmond upon Thames", "richmond_upon_thames"),
        ("Southampton City Council", "southampton"),
        ("Doncaster Children's Services Trust", "doncaster"),
        ("Doncaster Children\u2019s Services Trust", "doncaster"),
        ("Slough Children First", "slough"),
        ("Sandwell Children's Trust", "sandwell"),
        ("Birmingham Children's Trust", "birmingham"),
        ("Together for Children", "sunderland"),
        ("Worcestershire Children First", "worcestershire"),
        ("City of London", "city_of_london"),
        ("London Corporation", "city_of_london"),
        ("Bournemouth, Christchurch & Poole", "bournemouth_christchurch_poole"),
        ("BCP Council", "bournemouth_christchurch_poole"),
        ("North Northamptonshire", "north_northamptonshire"),
        ("Northamptonshire", "northamptonshire"),
        ("Northamptonshire County Council", "northamptonshire"),
        ("Dorset", "dorset"),
        ("Dorset Council", "dorset"),
        ("Dorset County Council", "dorset_county_council"),
        ("Cumbria County Council", "cumbria"),
        ("Newcastle", "newcastle_upon_tyne"),
    ],
)
def test_get_by_printed_variant(key, expected):
    assert A.get(key).id == expected
    assert A.lookup(key).id == expected


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("80449_bradford", "bradford"),
        ("2532287_bournemouth-christchurch-poole", "bournemouth_christchurch_poole"),
        ("2637539_north-northamptonshire", "north_northamptonshire"),
        ("80450_london-corporation", "city_of_london"),
        ("80546_windsor-maidenhead", "windsor_and_maidenhead"),
        ("bournemouth, christchurch & poole", "bournemouth_christchurch_poole"),
        ("london corporation", "city_of_london"),
        ("windsor & maidenhead", "windsor_and_maidenhead"),
        ("telford & wrekin", "telford_and_wrekin"),
        ("westmorland-and-furness", "westmorland_and_furness"),
    ],
)
def test_manifest_forms_resolve(key, expected):
    assert A.get(key).id == expected


def test_folder_slug_with_unknown_urn_falls_back_to_the_name():
    assert A.get("1_bradford").id == "bradford"


@pytest.mark.parametrize("key", ["Northampton", "Kingston", "Richmond", "Sussex", "Trust", ""])
def test_ambiguous_or_partial_names_do_not_resolve(key):
    assert A.lookup(key) is None
    with pytest.raises(UnknownAuthorityError):
        A.get(key)


def test_unknown_raises_with_suggestions():
    with pytest.raises(UnknownAuthorityError) as err:
        A.get("Bradfrod")
    message = str(err.value)
    assert "Bradfrod" in message
    assert "did you mean" in message and "Bradford" in message
    assert isinstance(err.value, LookupError)
    assert isinstance(err.value, OfstedmineError)
    with pytest.raises(UnknownAuthorityError, match="Northamptonshire"):
        A.get("Northamptonshir")
    with pytest.raises(UnknownAuthorityError, match="99999"):
        A.get(99999)
    assert A.lookup("Atlantis") is None
    assert A.lookup(12) is None


def test_alias_shared_by_several_authorities_is_ambiguous():
    with pytest.raises(UnknownAuthorityError, match="more than one") as err:
        A.get("Achieving for Children")
    assert "kingston_upon_thames" in str(err.value)
    assert "richmond_upon_thames" in str(err.value)
    assert A.lookup("Achieving for Children") is None


def test_bad_key_types():
    with pytest.raises(TypeError):
        A.get(True)
    with pytest.raises(TypeError):
        A.lookup(3.0)  # type: ignore[arg-type]


def test_normalise_name():
    n = A.normalise_name
    assert n("City of Bradford Metropolitan District Council") == "bradford"
    assert n("Bristol, City of") == n("City of Bristol") == n("Bristol City Council") == "bristol"
    assert n("Saint Helens") == n("St Helens") == n("St. Helens Council") == "st helens"
    assert n("Telford & Wrekin") == n("Telford and Wrekin") == "telford wrekin"
    assert n("Stoke-on-Trent City Council") == "stoke on trent"
    assert n("Royal Borough of Greenwich") == "greenwich"
    assert n("City of London") == "city of london"
    assert n("Children\u2019s Trust") == n("Children's Trust")
    assert n("Council") == "council"
    assert n("") == ""


# ---------------------------------------------------------------------------
# find_in_text
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Inspection of North Northamptonshire Council", ["north_northamptonshire"]),
        (
            "West Northamptonshire and Northamptonshire",
            ["west_northamptonshire", "northamptonshire"],
        ),
        ("West Sussex County Council", ["west_sussex"]),
        ("Central Bedfordshire Council", ["central_bedfordshire"]),
        ("Bedford Borough Council and Central Bedfordshire", ["bedford", "central_bedfordshire"]),
        ("Royal Borough of Kingston upon Thames", ["kingston_upon_thames"]),
        ("Kingston upon Hull City Council", ["kingston_upon_hull"]),
        ("Kingston upon\nHull", ["kingston_upon_hull"]),
        ("Southampton City Council", ["southampton"]),
        ("the town of Northampton", []),
        ("North East Lincolnshire and Lincolnshire", ["north_east_lincolnshire", "lincolnshire"]),
        (
            "East Riding of Yorkshire and North Yorkshire, then York",
            ["east_riding_of_yorkshire", "north_yorkshire", "york"],
        ),
        ("Bournemouth, Christchurch & Poole", ["bournemouth_christchurch_poole"]),
        ("Bournemouth Borough Council and Poole", ["bournemouth", "poole"]),
        ("Stockton-on-\r\nTees Borough Council", ["stockton_on_tees"]),
        ("St. Helens and Saint Helens", ["st_helens"]),
        (
            "Richmond upon Thames, Hull and Bristol",
            ["richmond_upon_thames", "kingston_upon_hull", "bristol"],
        ),
        ("Doncaster Children\u2019s Services Trust", ["doncaster"]),
        ("The Trust and the Children's Trust", []),
        ("Sunderland's Together for Children", ["sunderland"]),
        ("working together for children", []),
        (
            "Achieving for Children (AfC)",
            ["kingston_upon_thames", "richmond_upon_thames", "windsor_and_maidenhead"],
        ),
        ("Newcastle-under-Lyme and Bradford-on-Avon", []),
        ("Agora, 6 Cumberland Place, Nottingham NG1 6HJ. Dear Cumbria", ["cumbria"]),
        ("Piccadilly Gate, Store Street, Manchester\r\nM1 2WD\r\nBury Council", ["bury"]),
        ("Durham Constabulary works with Darlington", ["darlington"]),
        ("reading the files, inspectors saw Reading Borough Council", ["reading"]),
        ("inspectors met leaders in bury and reading", ["bury", "reading"]),
        ("", []),
    ],
)
def test_find_in_text(text, expected):
    assert ids(A.find_in_text(text)) == expected


def test_find_in_text_order_and_limit():
    text = "Leeds, then Bradford, then Leeds again, then Wakefield"
    assert ids(A.find_in_text(text)) == ["leeds", "bradford", "wakefield"]
    assert ids(A.find_in_text(text, limit=2)) == ["leeds", "bradford"]
    assert A.find_in_text(text, limit=0) == []


# ---------------------------------------------------------------------------
# The registry
# ---------------------------------------------------------------------------


def test_counts_and_uniqueness():
    everyone = A.all_authorities()
    current = A.all_authorities(current_only=True)
    assert len(current) == 153
    assert len(everyone) == 158
    assert all(a.current for a in current)
    assert len({a.id for a in everyone}) == len(everyone)
    numbers = [n for a in everyone for n in (*a.urns, *a.la_codes)]
    assert len(numbers) == len(set(numbers))
    assert all(a.urns and a.la_codes and a.region for a in everyone)
    assert all(100 < c < 1000 for a in everyone for c in a.la_codes)
    assert [a.id for a in everyone] == sorted(a.id for a in everyone)


def test_every_name_and_alias_resolves():
    everyone = A.all_authorities()
    assert len(everyone) >= 153, "at least one per current local authority"
    for a in everyone:
        assert A.get(a.id) is a
        assert A.get(a.name) is a
        assert A.get(a.name.upper()) is a
        for urn in a.urns:
            assert A.get(urn) is a
        for code in a.la_codes:
            assert A.get(str(code)) is a
        for alias in a.aliases:
            found = A.lookup(alias)
            if found is None:  # shared by several authorities
                sharing = [b for b in A.all_authorities() if alias in b.aliases]
                assert len(sharing) > 1, alias
            else:
                assert found is a, alias


def test_every_name_is_found_in_text_as_itself():
    everyone = A.all_authorities()
    assert len(everyone) >= 153, "at least one per current local authority"
    for a in everyone:
        assert ids(A.find_in_text(f"A report on {a.name} children's services"))[:1] == [a.id]


def test_known_facts():
    assert A.get("north_northamptonshire").la_codes == (940,)
    assert A.get("west_northamptonshire").la_codes == (941,)
    assert A.get("city_of_london").la_codes == (201,)
    assert A.get("islington").la_codes == (206,)
    assert A.get("bournemouth_christchurch_poole").la_codes == (839,)
    assert A.get("dorset").urns == (2532283,)
    assert A.get("cumberland").urns == (2733690,)
    assert A.get("bradford").region == "North East, Yorkshire and the Humber"
    assert A.get("barnet").region == "London"


def test_predecessors_and_successors():
    nhants = A.get("northamptonshire")
    assert not nhants.current
    assert nhants.successors == ("north_northamptonshire", "west_northamptonshire")
    assert nhants.active_to.isoformat() == "2021-03-31"
    assert A.get("north_northamptonshire").predecessors == ("northamptonshire",)
    assert A.get("north_northamptonshire").active_from.isoformat() == "2021-04-01"
    assert A.get("cumbria").successors == ("cumberland", "westmorland_and_furness")
    assert A.get("westmorland_and_furness").predecessors == ("cumbria",)
    assert set(A.get("bournemouth_christchurch_poole").predecessors) == {
        "bournemouth",
        "poole",
        "dorset_county_council",
    }
    assert A.get("dorset").predecessors == ("dorset_county_council",)
    # every link has its mirror, and the dates meet
    for a in A.all_authorities():
        for s in a.successors:
            succ = A.get(s)
            assert a.id in succ.predecessors
            assert (succ.active_from - a.active_to).days == 1
        for p in a.predecessors:
            assert a.id in A.get(p).successors
        assert a.current == (a.active_to is None)


def test_authority_is_frozen_and_serialisable():
    a = A.get("bradford")
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.name = "x"  # type: ignore[misc]
    assert hash(a) == hash(A.get(80449))
    d = a.to_dict()
    assert json.loads(json.dumps(d)) == d
    assert d["aliases"] == list(a.aliases)
    assert A.get("cumbria").to_dict()["active_to"] == "2023-03-31"


def test_registry_version_is_stable():
    data = (resources.files("ofstedmine") / "data" / "authorities.csv").read_bytes()
    version = A.registry_version()
    assert version == hashlib.sha256(data).hexdigest()[:12]
    assert version == A.registry_version()


def test_to_frame():
    df = A.to_frame()
    assert list(df.columns) == [
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
    assert len(df) == 158
    assert int(df["current"].sum()) == 153
    row = df.set_index("id").loc["northamptonshire"]
    assert row["successors"] == "north_northamptonshire;west_northamptonshire"
    assert str(row["active_to"].date()) == "2021-03-31"


def test_nothing_is_read_at_import():
    code = (
        "import ofstedmine.authorities as a, sys; "
        "assert a._REGISTRY is None; assert 'pandas' not in sys.modules; "
        "a.get('bradford'); assert a._REGISTRY is not None"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# ---------------------------------------------------------------------------
# Against the real corpus
# ---------------------------------------------------------------------------

# Documents whose first page is known not to name their authority, with why.
# None at present: every PDF's first page names its authority.
FIRST_PAGE_EXCEPTIONS: dict[str, str] = {}


@pytest.mark.corpus
def test_manifest_rows_resolve(manifest_rows):
    assert len(manifest_rows) >= 153, "every current authority has a document"
    for row in manifest_rows:
        by_urn = A.get(row["urn"])
        assert A.get(row["la"]) is by_urn, row["path"]
        folder = row["path"].split("/")[1]
        assert A.get(folder) is by_urn, folder
        assert by_urn.current


@pytest.mark.corpus
def test_current_authorities_are_the_manifests(manifest_rows):
    urns = {int(r["urn"]) for r in manifest_rows}
    assert len(urns) == 153
    assert {a.urn for a in A.all_authorities(current_only=True)} == urns


@pytest.mark.corpus
def test_first_pages_name_their_authority(corpus_dir, manifest_rows):
    pdfium = pytest.importorskip("pypdfium2")
    checked, failures, not_first = 0, [], []
    for row in manifest_rows:
        try:
            doc = pdfium.PdfDocument(str(corpus_dir / row["path"]))
        except Exception:  # not a PDF: the 2012 HTML "report not found" pages
            continue
        try:
            text = doc[0].get_textpage().get_text_range()
        finally:
            doc.close()
        checked += 1
        want = A.get(row["urn"]).id
        found = ids(A.find_in_text(text))
        if want not in found and row["path"] not in FIRST_PAGE_EXCEPTIONS:
            failures.append(f"{row['path']}: found {found}")
        if found[:1] != [want]:
            not_first.append(row["path"])
    assert checked > 600
    assert not failures, (
        f"{len(failures)}/{checked} first pages miss their authority:\n" + "\n".join(failures)
    )
    # the authority is also the first one named (letterhead addresses are skipped)
    assert not not_first, not_first


@pytest.mark.corpus
def test_2025_statistics_release_resolves(corpus_dir):
    pd = pytest.importorskip("pandas")
    path = corpus_dir / "statistics" / "LA_Inspection_Outcomes_as_at_31_March_2025.ods"
    sheets = pd.read_excel(path, sheet_name=None, engine="calamine", header=None)
    seen = set()
    for name, frame in sheets.items():
        header_rows = [i for i in range(len(frame)) if "Local authority name" in set(frame.iloc[i])]
        if not header_rows:
            continue
        table = frame.iloc[header_rows[0] + 1 :]
        table.columns = list(frame.iloc[header_rows[0]])
        for _, rec in table.iterrows():
            la = rec["Local authority name"]
            if not isinstance(la, str) or not la.strip():
                continue
            authority = A.lookup(la)
            assert authority is not None, f"{name}: {la!r}"
            status = rec.get("Local authority status")
            if isinstance(status, str):
                assert authority.current == (status == "Current"), la
            seen.add(authority.id)
    assert {a.id for a in A.all_authorities(current_only=True)} <= seen
    assert {"northamptonshire", "cumbria", "bournemouth"} <= seen


@pytest.mark.corpus
@pytest.mark.slow
def test_committed_csv_is_what_the_build_script_makes(corpus_dir):
    spec = importlib.util.spec_from_file_location(
        "build_authorities", ROOT / "corpora" / "build_authorities.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    try:
        spec.loader.exec_module(module)
    finally:
        sys.modules.pop(spec.name, None)
    text = module.to_csv(module.build(corpus_dir, log=lambda *a: None))
    committed = (resources.files("ofstedmine") / "data" / "authorities.csv").read_text("utf-8")
    assert text == committed, "run corpora/build_authorities.py"

"""Security: what a hostile server, listing or document cannot make ofstedmine do.

* Store paths are never taken from a server: not from a link, not from
  Content-Disposition, not from a file id or authority name with ``..`` or ``/``.
* Only http(s), only to allowed hosts: other schemes in a listing or a redirect,
  other hosts, credentials in URLs are refused with DisallowedError.
* No pickle: not imported anywhere in the package; the HTTP page cache and the
  stage caches write JSON.
* No external entities: the statistics ``content.xml`` reader and the HTML
  parsers never read a file or URL named in a DOCTYPE.
* The HTML report escapes what documents say: see
  ``tests/report/test_report.py::test_hostile_quote_is_shown_not_run`` (a quote
  holding ``<script>`` and an ``onmouseover`` attribute is shown, not run).
"""

from __future__ import annotations

import ast
import contextlib
import datetime as dt
import gzip
import json
import re
import sqlite3
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "sources"))  # the fake site, as its conftest does

from _fakesite import FakeServer, Pub, Site, make_pdf  # noqa: E402

from ofstedmine.errors import DisallowedError, StatisticsError  # noqa: E402
from ofstedmine.sources.fetch import fetch  # noqa: E402
from ofstedmine.sources.http import HttpClient, HttpSettings, is_allowed  # noqa: E402
from ofstedmine.sources.store import Store, safe_name  # noqa: E402
from ofstedmine.types import DocumentKind, Publication  # noqa: E402

CSI = "Children's services inspection"
SAFE_COMPONENT = re.compile(r"^[A-Za-z0-9_-][A-Za-z0-9._-]*$")
OUR_PATH = re.compile(
    r"^[A-Za-z0-9_-][A-Za-z0-9._-]*/(\d{4}-\d{2}-\d{2}|undated)_[a-z_]+_[A-Za-z0-9._-]+\.[a-z]+$"
)
MARKER = "SECRET-MARKER-7731"  # what a resolved external entity would leak


@pytest.fixture
def fake_site() -> Site:
    return Site(None)  # small generated PDFs: these tests are about names, not bytes


@pytest.fixture
def fake_server(fake_site: Site):
    srv = FakeServer(fake_site).start()
    yield srv
    srv.stop()


@pytest.fixture
def client(tmp_path: Path):
    settings = HttpSettings(
        min_interval=0.0,
        backoff=0.01,
        backoff_max=0.05,
        retries=1,
        timeout=(2.0, 2.0),
        allowed_hosts=("127.0.0.1",),
        cache_dir=tmp_path / "http-cache",
    )
    with HttpClient(settings) as c:
        yield c


def files_under(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*") if p.is_file()}


def assert_inside(store: Store) -> None:
    """Every manifest row names one of our file names, inside the store."""
    for entry in store.entries():
        assert OUR_PATH.match(entry.path), entry.path
        assert (store.root / entry.path).resolve().is_relative_to(store.root.resolve())


def run(authority, store, client, server):
    return fetch(
        authority, store=store, client=client, base_url=server.base, notices=False, progress=False
    )


# ------------------------------------------------------- paths never from a server


@pytest.mark.network
def test_links_and_content_disposition_cannot_place_files(fake_server, fake_site, client, tmp_path):
    root = tmp_path / "a" / "b" / "store"
    day = dt.date(2024, 1, 2)
    # a file id that is an encoded traversal
    fake_site.add_pub(80449, Pub("..%2F..%2Fetc%2Fpasswd", CSI, day), make_pdf("Encoded."))
    # a link that resolves to /etc/passwd, served with a traversal as its file name
    fake_site.add_pub(80449, Pub("x", CSI, day, href="/v1/file/../../etc/passwd"), b"")
    fake_site.extra_files["passwd"] = make_pdf("Served at /etc/passwd.")
    fake_site.faults["/etc/passwd"] = ["disposition:../../etc/passwd"]
    fake_site.faults["/v1/file/50035108"] = ["disposition:/etc/cron.d/evil"]  # absolute
    summary = run("bradford", Store(root), client, fake_server)
    assert summary.ok and len(summary.new) == 8
    assert any(h.path == "/etc/passwd" for h in fake_site.hits)  # it was fetched...
    store = Store(root)
    assert_inside(store)  # ...and stored under our own name
    paths = {e.path for e in store.entries()}
    assert "bradford/2024-01-02_full_inspection_passwd.pdf" in paths
    encoded = safe_name("..%2F..%2Fetc%2Fpasswd")
    assert f"bradford/2024-01-02_full_inspection_{encoded}.pdf" in paths
    assert "bradford/2018-10-29_full_inspection_50035108.pdf" in paths
    outside = files_under(tmp_path) - files_under(root) - files_under(tmp_path / "http-cache")
    assert outside == set()
    assert not any("evil" in str(p) or p.name == "passwd" for p in files_under(tmp_path))
    assert store.verify().clean


HOSTILE_NAMES = [
    "../../etc/passwd",
    "/etc/passwd",
    "..",
    "a/../../b",
    "..\\..\\windows\\system32",
    "C:\\evil",
    "name\x00.pdf",
    "\uff0e\uff0e\uff0f\uff0e\uff0e\uff0fetc",  # full-width dots and slash
    ".hidden",
    "~root",
    "",
]


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_hostile_file_ids_and_authorities_stay_in_the_store(tmp_path, name):
    root = tmp_path / "a" / "store"
    store = Store(root)
    pub = Publication(
        url=f"https://files.ofsted.gov.uk/v1/file/{name}",
        authority=name or None,
        file_id=name or None,
        kind=DocumentKind.FULL_INSPECTION,
        published=dt.date(2020, 1, 1),
    )
    entry = store.put_bytes(make_pdf("Hostile name."), pub, ext="pdf").entry
    assert OUR_PATH.match(entry.path), entry.path
    assert (root / entry.path).resolve().parent.parent == root.resolve()
    assert files_under(tmp_path) <= files_under(root)
    assert store.verify().clean


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_safe_name_of_hostile_names(name):
    out = safe_name(name)
    assert SAFE_COMPONENT.match(out) and ".." not in out and "/" not in out


@given(st.text(max_size=200))
def test_safe_name_is_one_harmless_component(text):
    out = safe_name(text)
    assert SAFE_COMPONENT.match(out), out
    assert ".." not in out and len(out) <= 64


# ------------------------------------------------- only http(s), allowed hosts


REFUSED_LINKS = [
    "file:///etc/passwd",
    "ftp://127.0.0.1/v1/file/1.pdf",
    "javascript:alert(1)",
    "data:application/pdf;base64,JVBERi0xLjQK",
    "//evil.example.com/v1/file/1",  # scheme-relative: another host
    "https://127.0.0.1.evil.example.com/v1/file/1",  # our host as a prefix
]


@pytest.mark.network
def test_listing_links_to_other_schemes_and_hosts_are_refused(
    fake_server, fake_site, client, tmp_path
):
    links = [*REFUSED_LINKS, fake_server.base.replace("://", "://user:pw@") + "/v1/file/50035108"]
    for i, href in enumerate(links):
        fake_site.add_pub(80449, Pub(f"bad{i}", CSI, dt.date(2024, 2, 1 + i), href=href), b"")
    store = Store(tmp_path / "store")
    summary = run("bradford", store, client, fake_server)
    assert len(summary.failed) == len(links)
    assert {f.error for f in summary.failed} == {"DisallowedError"}
    assert all("refusing" in f.reason for f in summary.failed)
    assert len(summary.new) == 6  # the good links were fetched
    assert not any(h.path.startswith("/v1/file/bad") for h in fake_site.hits)
    assert_inside(store)


@pytest.mark.parametrize("url", [*REFUSED_LINKS, "http://user:pw@127.0.0.1/x"])
def test_policy_refuses(url):
    assert not is_allowed(url, ["127.0.0.1", "files.ofsted.gov.uk"])


@pytest.mark.network
@pytest.mark.parametrize(
    "location",
    [
        "file:///etc/passwd",
        "ftp://127.0.0.1/x.pdf",
        "https://evil.example.com/x.pdf",
        "http://127.0.0.1.evil.example.com/x.pdf",
        "javascript:alert(1)",
    ],
)
def test_redirects_to_other_schemes_and_hosts_are_refused(
    fake_server, fake_site, client, tmp_path, location
):
    fake_site.faults["/v1/file/50035108"] = [f"redirect:{location}"]
    with pytest.raises(DisallowedError, match="allowed_hosts"):
        client.download(fake_server.base + "/v1/file/50035108", tmp_path / "dl" / "f.pdf")
    assert [h.path for h in fake_site.hits] == ["/robots.txt", "/v1/file/50035108"]
    assert not (tmp_path / "dl").exists() or not any((tmp_path / "dl").iterdir())


# ------------------------------------------------------------------- no pickle

_PICKLERS = {"pickle", "_pickle", "cPickle", "cloudpickle", "dill", "joblib", "shelve", "marshal"}


def test_no_pickle_anywhere_in_the_package():
    found = []
    for path in sorted((ROOT / "src" / "ofstedmine").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            elif isinstance(node, ast.Attribute) and node.attr in ("read_pickle", "to_pickle"):
                names = [node.attr]
            found += [f"{path.name}: {n}" for n in names if n.split(".")[0] in _PICKLERS]
            found += [f"{path.name}: {n}" for n in names if n in ("read_pickle", "to_pickle")]
    assert found == []


def test_page_cache_serializes_json(tmp_path):
    with HttpClient(HttpSettings(cache_dir=tmp_path / "c")) as client:
        serializer = client._pages.cache.responses.serializer
    assert getattr(serializer, "name", None) == "json"


@pytest.mark.network
def test_caches_hold_no_pickle_after_a_run(fake_server, client, tmp_path):
    from ofstedmine import parse
    from ofstedmine.cache import Cache

    run("bradford", Store(tmp_path / "store"), client, fake_server)
    # the stage cache, with a parsed document in it
    doc = parse(b"Children wait too long for help.", kind="text")
    Cache(tmp_path / "stage-cache").put("documents", doc.id, doc)
    written = files_under(tmp_path / "http-cache") | files_under(tmp_path / "stage-cache")
    assert any(p.suffix == ".json" for p in written)  # the pages were cached
    for path in written:
        assert path.suffix not in (".pkl", ".pickle", ".p"), path
        data = path.read_bytes()
        if path.name.endswith(".gz"):
            data = gzip.decompress(data)
        if path.suffix == ".sqlite":  # requests-cache's redirect index: plain strings
            assert b"\x80\x04\x95" not in data and b"\x80\x05\x95" not in data, path
            with contextlib.closing(sqlite3.connect(path)) as con:
                tables = [
                    t for (t,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
                ]
                for table in tables:
                    for row in con.execute(f'SELECT * FROM "{table}"'):
                        assert all(not isinstance(v, bytes) for v in row), (path, table)
            continue
        assert not data.startswith(b"\x80"), path  # the pickle protocol 2+ opcode
        json.loads(data)  # JSON, every byte of it


# -------------------------------------------------- no external entity resolution

DOCTYPE = '<!DOCTYPE x [<!ENTITY e SYSTEM "file://{}">]>'


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text(MARKER + "\n", encoding="utf-8")
    return path


def _ods(path: Path, secret: Path) -> Path:
    ns = (
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
    )
    cell = '<table:table-cell office:value-type="string"><text:p>{}</text:p></table:table-cell>'
    link = (
        '<table:table-cell table:formula="of:=HYPERLINK(&quot;https://reports.ofsted.gov.uk/'
        'provider/44/80449&quot;)" office:value-type="string"><text:p>&e;</text:p>'
        "</table:table-cell>"
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        + DOCTYPE.format(secret).replace("x [", "office:document-content [")
        + f"<office:document-content {ns}><office:body><office:spreadsheet>"
        '<table:table table:name="Sheet1"><table:table-row>'
        + cell.format("Local authority name")
        + cell.format("Web link")
        + "</table:table-row><table:table-row>"
        + cell.format("Leak: &e;")
        + link
        + "</table:table-row></table:table></office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", content)
        zf.writestr("styles.xml", f"<office:document-styles {ns}/>")
        zf.writestr("meta.xml", f"<office:document-meta {ns}/>")
    return path


def test_statistics_content_xml_parser_resolves_no_entities(tmp_path, secret, monkeypatch):
    from lxml import etree

    from ofstedmine.sources import statistics

    made: list[dict] = []
    real = etree.XMLParser

    def spy(*args, **kwargs):
        made.append(kwargs)
        return real(*args, **kwargs)

    monkeypatch.setattr(etree, "XMLParser", spy)
    ods = _ods(tmp_path / "hostile.ods", secret)
    links = statistics._read_links(ods, ["Sheet1"])
    assert links  # the sheet was read: the HYPERLINK formula was found
    assert MARKER not in repr(links)
    (options,) = made
    assert options["resolve_entities"] is False and options["no_network"] is True
    # the same parser, given the whole file with its DOCTYPE, still resolves nothing
    with zipfile.ZipFile(ods) as zf:
        tree = etree.fromstring(zf.read("content.xml"), real(**options))
    assert MARKER not in etree.tostring(tree, encoding="unicode")


def test_statistics_workbook_reader_refuses_entities(tmp_path, secret):
    from ofstedmine.sources import statistics

    # calamine's XML reader does not know entities at all: a typed error, no leak
    with pytest.raises(StatisticsError, match="hostile.ods") as info:
        statistics._read_workbook(_ods(tmp_path / "hostile.ods", secret))
    assert MARKER not in str(info.value)


def _hostile_html(secret: Path, body: str) -> str:
    return (
        DOCTYPE.format(secret)
        + f"<html><head><title>t &e;</title></head><body>{body}</body></html>"
    )


def test_html_parse_resolves_no_entities(secret):
    from ofstedmine import parse

    page = _hostile_html(
        secret, "<main><h1>Notice &e;</h1><p>Children wait &e; too long.</p></main>"
    )
    doc = parse(page.encode(), kind="html")
    assert "Children wait" in doc.text and MARKER not in doc.text
    param = f'<!DOCTYPE x [<!ENTITY % p SYSTEM "file://{secret}"> %p;]><p>words</p>'
    assert MARKER not in parse(param.encode(), kind="html").text


def test_listing_and_notice_readers_resolve_no_entities(secret):
    from ofstedmine.sources.govuk import read_notice_content
    from ofstedmine.sources.ofsted import read_provider_page

    day = (
        '<ol class="timeline"><li class="timeline__day"><p class="timeline__date">'
        '<time datetime="2018-10-29">29 October 2018</time></p>'
        '<span class="event__title heading--sub"><a class="publication-link" '
        'href="/v1/file/1">Children\'s services inspection &e;<span class="nonvisual">'
        "Children's services inspection, pdf - 29 October 2018</span></a></span></li></ol>"
    )
    (pub,) = read_provider_page(
        _hostile_html(secret, day), base_url="https://reports.ofsted.gov.uk/"
    )
    assert MARKER not in repr(pub)
    content = read_notice_content(
        {
            "title": "t",
            "details": {"documents": [_hostile_html(secret, '<a href="/a.pdf">&e;</a>')]},
        }
    )
    assert MARKER not in repr(content)


# ------------------------------------------------------------------ the report


def test_report_escaping_is_tested_in_the_report_tests():
    # not duplicated here: the hostile quote goes through the whole report there
    text = (ROOT / "tests" / "report" / "test_report.py").read_text(encoding="utf-8")
    assert "def test_hostile_quote_is_shown_not_run(" in text

"""The local store: layout, atomic commits, verify and repair, offline, mirror."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import os
from pathlib import Path

import pytest
from _fakesite import make_pdf

from ofstedmine.errors import NotAPdfError, OfflineError, StoreError
from ofstedmine.sources.store import MANIFEST_COLUMNS, Store, StoreEntry, safe_name
from ofstedmine.types import DocumentKind, Publication

PUB = Publication(
    url="https://files.ofsted.gov.uk/v1/file/50035108",
    authority="bradford",
    urn=80449,
    kind_label="Children's services inspection",
    kind=DocumentKind.FULL_INSPECTION,
    published=dt.date(2018, 10, 29),
    file_id="50035108",
)
PDF = make_pdf("A made-up report for the store tests.")


def _manifest(store: Store) -> list[dict[str, str]]:
    with open(store.manifest_path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_put_bytes_layout(store: Store):
    result = store.put_bytes(PDF, PUB, ext="pdf")
    assert result.status == "new"
    sha = hashlib.sha256(PDF).hexdigest()
    entry = result.entry
    assert entry.path == "bradford/2018-10-29_full_inspection_50035108.pdf"
    assert (store.root / entry.path).read_bytes() == PDF
    obj = store.root / ".objects" / "sha256" / sha[:2] / sha[2:]
    assert obj.read_bytes() == PDF
    assert os.path.samefile(obj, store.root / entry.path)  # a hard link, not a second copy
    rows = _manifest(store)
    assert list(rows[0]) == list(MANIFEST_COLUMNS)
    assert rows[0]["sha256"] == sha and rows[0]["bytes"] == str(len(PDF))
    assert rows[0]["kind"] == "full_inspection" and rows[0]["published"] == "2018-10-29"
    assert store.find(PUB) == entry
    assert store.entries("bradford") == [entry] and store.entries("leeds") == []
    assert StoreEntry.from_row(entry.to_row()) == entry
    assert entry.publication().url == PUB.url


def test_same_bytes_unchanged_other_bytes_updated(store: Store):
    first = store.put_bytes(PDF, PUB, ext="pdf").entry
    assert store.put_bytes(PDF, PUB, ext="pdf").status == "unchanged"
    other = make_pdf("A re-issued version of the made-up report.")
    result = store.put_bytes(other, PUB, ext="pdf")
    assert result.status == "updated"
    assert (store.root / result.entry.path).read_bytes() == other
    assert len(store.entries()) == 1
    assert not store.object_path(first.sha256).exists()  # the superseded bytes are gone
    assert store.verify().clean


def test_validators_updated_without_new_bytes(store: Store):
    store.put_bytes(PDF, PUB, ext="pdf")
    result = store.put_bytes(PDF, PUB, ext="pdf", etag='"v2"', last_modified="x")
    assert result.status == "unchanged" and result.entry.etag == '"v2"'
    assert _manifest(store)[0]["etag"] == '"v2"'


def test_not_a_pdf_never_enters(store: Store):
    with pytest.raises(NotAPdfError, match="not a PDF"):
        store.put_bytes(b"<!DOCTYPE html><html>Sorry</html>", PUB, ext="pdf")
    assert store.entries() == []
    assert not (store.root / "bradford").exists()
    assert store.verify().clean


def test_names_are_sanitised(store: Store):
    evil = Publication(
        url="https://x/../../etc",
        authority="../../etc",
        kind=DocumentKind.DFE_DIRECTION,
        file_id="../../../passwd\x00; rm -rf",
    )
    entry = store.put_bytes(b"<p>our words</p>", evil, ext="html").entry
    assert entry.path == "etc/undated_dfe_direction_passwd-rm--rf.html"
    assert (store.root / entry.path).resolve().is_relative_to(store.root.resolve())
    assert safe_name("") == "x" and safe_name("a" * 100) == "a" * 64
    assert safe_name(".hidden") == "hidden"


def test_no_file_id_uses_sha_prefix(store: Store):
    pub = Publication(authority="bradford", kind=DocumentKind.JTAI, published=dt.date(2017, 4, 21))
    entry = store.put_bytes(PDF, pub, ext="pdf").entry
    assert entry.file_id == hashlib.sha256(PDF).hexdigest()[:12]
    assert entry.path.endswith(f"_jtai_{entry.file_id}.pdf")


def test_verify_finds_and_repairs(store: Store):
    entry = store.put_bytes(PDF, PUB, ext="pdf").entry
    root = store.root
    # leftovers of crashes at each step
    (root / ".tmp").mkdir(exist_ok=True)
    (root / ".tmp" / "abc.download").write_bytes(PDF[:10])
    (root / "bradford" / ".2018-10-29_x.pdf.123.tmp").write_bytes(b"half")
    (root / ".manifest.csv.ab12.tmp").write_text("path\n")
    orphan_sha = "0" * 64
    orphan = store.object_path(orphan_sha)
    orphan.parent.mkdir(parents=True)
    orphan.write_bytes(b"orphan")
    (root / "bradford" / "2020-01-01_other_zzz.pdf").write_bytes(b"untracked")
    (root / "bradford" / "my notes.txt").write_text("a person's own file")
    # a deleted browsable file (restored from its object)
    (root / entry.path).unlink()
    report = store.verify()
    assert len(report.partial) == 3
    assert report.orphans == [orphan.relative_to(root).as_posix()]
    assert report.untracked == ["bradford/2020-01-01_other_zzz.pdf"]
    assert report.missing == [entry.path] and report.relinked == [entry.path]
    assert not report.clean and report.repaired
    assert (root / entry.path).read_bytes() == PDF
    assert (root / "bradford" / "my notes.txt").exists()  # not ours: left alone
    assert store.verify().clean


def test_verify_hash_mismatch_drops_the_row(store: Store):
    entry = store.put_bytes(PDF, PUB, ext="pdf").entry
    obj = store.object_path(entry.sha256)
    os.chmod(obj, 0o644)
    data = bytearray(obj.read_bytes())
    data[-3] ^= 0xFF  # same size, different bytes (hard link: both names change)
    obj.write_bytes(bytes(data))
    report = store.verify(repair=False)
    assert report.mismatched and report.dropped == [entry.path] and not report.repaired
    assert len(store.entries()) == 1  # only reported
    report = store.verify()
    assert report.dropped == [entry.path]
    assert store.entries() == [] and not (store.root / entry.path).exists()
    assert store.verify().clean
    assert store.put_bytes(PDF, PUB, ext="pdf").status == "new"  # fetch again


def test_verify_restores_object_from_browsable(store: Store):
    entry = store.put_bytes(PDF, PUB, ext="pdf").entry
    obj = store.object_path(entry.sha256)
    os.chmod(obj, 0o644)
    obj.unlink()
    report = store.verify()
    assert report.missing and report.relinked
    assert obj.read_bytes() == PDF and store.verify().clean


def test_offline(store: Store, tmp_path: Path):
    store.put_bytes(PDF, PUB, ext="pdf")
    offline = Store(store.root, offline=True)
    assert offline.fetch(PUB).status == "unchanged"
    other = Publication(url="https://files.ofsted.gov.uk/v1/file/1", authority="bradford")
    with pytest.raises(OfflineError, match="offline mode is on"):
        offline.fetch(other)


def test_damaged_manifest(store: Store):
    store.root.mkdir(parents=True)
    store.manifest_path.write_text("path,authority\nx,y\n")
    with pytest.raises(StoreError, match="damaged"):
        store.entries()


def _mirror(tmp_path: Path) -> Path:
    mirror = tmp_path / "mirror"
    files = {
        "inspections/80449_bradford/2018-10-29.pdf": PDF,
        "jtai/80449_bradford/2017-04-21.pdf": make_pdf("A made-up joint letter."),
        "inspections/80429_birmingham/2012-10-19.pdf": b"<!DOCTYPE html><html>gone</html>",
    }
    rows = []
    for rel, data in files.items():
        (mirror / rel).parent.mkdir(parents=True, exist_ok=True)
        (mirror / rel).write_bytes(data)
        folder, slug, name = rel.split("/")
        url = "https://files.ofsted.gov.uk/v1/file/50035108" if "2018" in rel else ""
        rows.append(
            {
                "path": rel,
                "kind": folder,
                "la": slug.split("_")[1],
                "urn": slug.split("_")[0],
                "published": name[:10],
                "url": url,
                "sha256": hashlib.sha256(data).hexdigest(),
                "bytes": len(data),
                "pages": "",
                "source": "test",
            }
        )
    with open(mirror / "manifest.csv", "w", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    return mirror


def test_mirror_stands_in_for_the_network(tmp_path: Path):
    store = Store(tmp_path / "store", mirror=_mirror(tmp_path))
    pubs = store.mirror_publications()
    assert [(p.authority, p.kind, p.published.year) for p in pubs] == [
        ("birmingham", DocumentKind.FULL_INSPECTION, 2012),
        ("bradford", DocumentKind.JTAI, 2017),
        ("bradford", DocumentKind.FULL_INSPECTION, 2018),
    ]
    assert pubs[2].file_id == "50035108" and pubs[1].file_id == pubs[1].file_id[:12]
    with pytest.raises(NotAPdfError):  # the "report not found" page is refused
        store.fetch(pubs[0])
    assert [store.fetch(p).status for p in pubs[1:]] == ["new", "new"]
    assert [store.fetch(p).status for p in pubs[1:]] == ["unchanged", "unchanged"]
    assert {e.source for e in store.entries()} == {"mirror"}
    gone = Publication(url="https://files.ofsted.gov.uk/v1/file/1", authority="bradford")
    with pytest.raises(OfflineError, match="not in the mirror"):
        store.fetch(gone)
    assert store.verify().clean


def test_mirror_damage_detected(tmp_path: Path):
    mirror = _mirror(tmp_path)
    (mirror / "jtai/80449_bradford/2017-04-21.pdf").write_bytes(make_pdf("tampered"))
    store = Store(tmp_path / "store", mirror=mirror)
    pub = next(p for p in store.mirror_publications() if p.kind is DocumentKind.JTAI)
    with pytest.raises(StoreError, match="does not match its manifest sha256"):
        store.fetch(pub)
    assert store.entries() == [] and store.verify().clean

"""Corpus: parallel runs that keep going past bad files, caches, executors, frames."""

from __future__ import annotations

import pytest

from ofstedmine import Corpus
from tests.pdfgen import make_pdf, report_pages


@pytest.fixture
def folder(tmp_path):
    d = tmp_path / "docs"
    d.mkdir()
    (d / "a.pdf").write_bytes(make_pdf(report_pages(2)))
    (d / "b.pdf").write_bytes(make_pdf(report_pages(3, header="Running header text")))
    (d / "not-a-pdf.pdf").write_bytes(b"<!DOCTYPE html><html><body>Report not found</body></html>")
    (d / "empty.pdf").write_bytes(b"")
    (d / "truncated.pdf").write_bytes(make_pdf(report_pages(2))[:300])
    return d


def test_bad_files_are_reported_and_the_run_goes_on(folder, tmp_path):
    corpus = Corpus.from_folder(folder, cache=tmp_path / "cache", workers=2, findings=False)
    assert len(corpus.documents) == 2
    failed = {f.path.rsplit("/", 1)[-1]: f.error for f in corpus.failures}
    assert failed == {
        "not-a-pdf.pdf": "NotAPdfError",
        "empty.pdf": "EmptyDocumentError",
        "truncated.pdf": "CorruptPdfError",
    }
    assert all(str(folder) in f.path for f in corpus.failures)


def test_cache_gives_the_same_corpus(folder, tmp_path):
    cache = tmp_path / "cache"
    cold = Corpus.from_folder(folder, cache=cache, workers=1)
    assert any(cache.rglob("*.json.gz"))
    warm = Corpus.from_folder(folder, cache=cache, workers=1)
    assert [d.id for d in warm.documents] == [d.id for d in cold.documents]
    assert warm.extractions == cold.extractions
    assert warm.documents == cold.documents


def test_frames_are_tidy(folder, tmp_path):
    from ofstedmine.frames import DOCUMENT_COLUMNS, JUDGEMENT_COLUMNS

    corpus = Corpus.from_folder(folder, cache=False, workers=1)
    docs = corpus.documents_frame()
    assert list(docs.columns) == DOCUMENT_COLUMNS and len(docs) == 2
    js = corpus.judgements()
    assert list(js.columns) == JUDGEMENT_COLUMNS
    assert set(js["area"]) >= {"overall"}


def test_dask_executor_runs_the_same_job(folder, tmp_path):
    distributed = pytest.importorskip("distributed")
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        corpus = Corpus.from_folder(
            folder, cache=False, executor=client.get_executor(), findings=False
        )
    local = Corpus.from_folder(folder, cache=False, workers=1, findings=False)
    assert [d.id for d in corpus.documents] == [d.id for d in local.documents]
    assert len(corpus.failures) == 3

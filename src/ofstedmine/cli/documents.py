"""Commands on single files and lists of files: ``parse``, ``extract``, ``judgements``."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ofstedmine.cli._options import _csv_option, _fail_cleanly

__all__ = ["extract_cmd", "judgements_cmd", "parse_cmd"]


@click.command("parse")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the whole Document as JSON.")
@click.option(
    "--layout",
    type=click.Choice(["fast", "full"]),
    default="fast",
    help="'full' uses pdfplumber: word positions and tables.",
)
@click.option("--text", "as_text", is_flag=True, help="Print the canonical text.")
@_fail_cleanly
def parse_cmd(file: str, as_json: bool, layout: str, as_text: bool) -> None:
    """Parse FILE (PDF, HTML or text) and print a summary."""
    from ofstedmine.parse import parse

    doc = parse(file, layout=layout)  # type: ignore[arg-type]
    if as_json:
        click.echo(json.dumps(doc.to_dict(), ensure_ascii=False, indent=1))
        return
    if as_text:
        click.echo(doc.text)
        return
    click.echo(f"file:       {file}")
    click.echo(f"sha256:     {doc.id}")
    click.echo(f"kind:       {doc.kind.value}")
    click.echo(f"framework:  {doc.framework.value}")
    click.echo(f"authority:  {doc.authority or 'unknown'}")
    click.echo(f"pages:      {doc.n_pages}")
    click.echo(f"blocks:     {len(doc.blocks)}")
    click.echo(f"sections:   {len(doc.sections)}")
    click.echo(f"characters: {len(doc.text):,}")
    for w in doc.warnings:
        click.echo(f"warning:    {w}")


@click.command("extract")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print every Extraction as JSON.")
@click.option("--no-findings", is_flag=True, help="Judgements and metadata only (faster).")
@click.option("--model", default=None, help="spaCy model for the statistical pipeline.")
@_fail_cleanly
def extract_cmd(file: str, as_json: bool, no_findings: bool, model: str | None) -> None:
    """Extract metadata, judgements, recommendations and findings from FILE."""
    from ofstedmine.extract import extract_all
    from ofstedmine.parse import parse

    exs = extract_all(parse(file), findings=not no_findings, model=model)
    if as_json:
        click.echo(json.dumps([e.to_dict() for e in exs], ensure_ascii=False, indent=1))
        return
    for ex in exs:
        m = ex.metadata
        click.echo(
            f"report {ex.part}: {m.authority_name or m.authority} — {m.kind.value} "
            f"({m.framework.value}), {m.inspection_start} to {m.inspection_end}"
        )
        if m.lead_inspectors:
            click.echo(f"  lead inspector(s): {', '.join(m.lead_inspectors)}")
        for j in ex.judgements:
            page = f" (p. {j.locator.page})" if j.locator else ""
            click.echo(
                f"  {j.area.value:28} {j.grade.value if j.grade else '-':22} {j.status.value}{page}"
            )
        click.echo(f"  {len(ex.recommendations)} recommendations, {len(ex.findings)} findings")
        for w in ex.warnings:
            click.echo(f"  warning: {w}")


@click.command("judgements")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@_csv_option("the tidy judgements table")
@click.option("--workers", type=int, default=None, help="Worker processes (default: all cores).")
@click.option("--no-cache", is_flag=True, help="Do not read or write the cache.")
@_fail_cleanly
def judgements_cmd(
    paths: tuple[str, ...], csv_out: str | None, workers: int | None, no_cache: bool
) -> None:
    """Judgements of every report in PATHS (files, folders or a manifest.csv)."""
    corpus = _corpus_from_paths(paths, findings=False, workers=workers, cache=not no_cache)
    df = corpus.judgements()
    if csv_out:
        df.to_csv(csv_out, index=False)
        click.echo(
            f"wrote {len(df)} rows for {df['document_id'].nunique() if len(df) else 0} "
            f"reports to {csv_out}"
        )
    else:
        cols = ["authority", "date", "framework", "area", "grade", "status", "page"]
        click.echo(df[cols].to_string(index=False) if len(df) else "no judgements found")
    _report_failures(corpus)


def _corpus_from_paths(paths, **options):
    from ofstedmine.corpus import SUFFIXES, Corpus

    files: list[Path] = []
    corpora = []
    for p in map(Path, paths):
        if p.is_dir():
            corpora.append(Corpus.from_folder(p, **options))
        elif p.name.endswith(".csv"):
            corpora.append(Corpus.from_manifest(p, **options))
        elif p.suffix.lower() in SUFFIXES:
            files.append(p)
    if files:
        corpora.append(Corpus.from_paths(files, **options))
    if len(corpora) == 1:
        return corpora[0]
    docs, exs, fails = [], [], []
    for c in corpora:
        docs += c.documents
        exs += c.extractions
        fails += c.failures
    return Corpus(docs, exs, failures=fails)


def _report_failures(corpus) -> None:
    for f in corpus.failures:
        click.echo(f"skipped {f.path}: {f.error}: {f.message}", err=True)

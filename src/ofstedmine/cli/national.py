"""Commands across the national corpus (every document of the mirror or store):
``compare`` and ``search``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from ofstedmine.cli._options import (
    AUTHORITY,
    _cache_arg,
    _csv_option,
    _fail_cleanly,
    _store_root,
    corpus_options,
)

__all__ = ["compare_cmd", "search_cmd"]


def _wide_pandas():
    import pandas as pd

    return pd.option_context(
        "display.width", 200, "display.max_colwidth", 60, "display.max_rows", 500
    )


def _national_corpus(options: dict[str, Any]):
    """Every document of the mirror (its manifest) or of the store, for comparisons."""
    from ofstedmine.corpus import Corpus

    common = {
        "cache": _cache_arg(options["cache_dir"], options["no_cache"]),
        "workers": options["workers"],
        "model": options["model"],
    }
    if options.get("mirror"):
        return Corpus.from_manifest(Path(options["mirror"]) / "manifest.csv", **common)
    root = _store_root(options.get("store"))
    if not (root / "manifest.csv").is_file():
        raise click.ClickException(
            f"the store at {root} is empty: run 'ofstedmine fetch --all' first, or pass "
            "--mirror DIR"
        )
    return Corpus.from_folder(root, **common)


@click.command("compare")
@click.argument("authorities", nargs=-1, required=True, type=AUTHORITY)
@click.option(
    "--peers",
    type=int,
    default=0,
    show_default=True,
    help="Add each authority's N most similar authorities (by findings profile).",
)
@click.option(
    "--top",
    type=int,
    default=5,
    show_default=True,
    help="Persistent concerns listed per authority.",
)
@_csv_option("the table")
@corpus_options
@_fail_cleanly
def compare_cmd(
    authorities: tuple[str, ...], peers: int, top: int, csv_out: str | None, **options: Any
) -> None:
    """AUTHORITIES side by side: latest judgements and top persistent concerns.

    Reads every document of the mirror or store (a national corpus), so that
    --peers can find the most similar authorities.
    """
    from ofstedmine.analysis.compare import compare_authorities

    corpus = _national_corpus(options)
    table = compare_authorities(corpus, list(authorities), peers=peers, top=top)
    if csv_out:
        table.to_csv(csv_out, index=False)
        click.echo(f"wrote {len(table)} authorities to {csv_out}")
        return
    with _wide_pandas():
        click.echo(table.set_index("authority").T.to_string())


@click.command("search")
@click.argument("query")
@click.option("--authority", multiple=True, help="Only this authority (repeatable).")
@click.option("--since", default=None, help="From this year or date (YYYY or YYYY-MM-DD).")
@click.option("--until", default=None, help="Up to this year or date.")
@click.option("--kind", multiple=True, help="Only documents of this kind (repeatable).")
@click.option("--exact", is_flag=True, help="Match word forms exactly (default: lemmas).")
@click.option("--counts", is_flag=True, help="Print hits per authority and year instead.")
@_csv_option("every hit")
@corpus_options
@_fail_cleanly
def search_cmd(
    query: str,
    authority: tuple[str, ...],
    since: str | None,
    until: str | None,
    kind: tuple[str, ...],
    exact: bool,
    counts: bool,
    csv_out: str | None,
    **options: Any,
) -> None:
    """Every time the reports say QUERY, in context: authority, date, page, sentence.

    QUERY is a phrase, matched on lemmas ("drift and delay" also finds "drifting
    and delayed" forms) unless --exact.
    """
    from ofstedmine.analysis.search import search, search_counts

    corpus = _national_corpus(options)
    hits = search(
        corpus,
        query,
        authority=list(authority) or None,
        since=since,
        until=until,
        kind=list(kind) or None,
        lemma=not exact,
    )
    if csv_out:
        hits.to_csv(csv_out, index=False)
        click.echo(f"wrote {len(hits)} hits to {csv_out}")
        return
    if counts:
        with _wide_pandas():
            click.echo(search_counts(hits, corpus=corpus).to_string(index=False))
        return
    for h in hits.itertuples():
        date = str(h.date)[:10]
        click.echo(
            f"{h.authority} {date} p.{h.page} [{h.polarity}] ...{h.left}[{h.match}]{h.right}..."
        )
    click.echo(f"{len(hits)} hits in {hits['document_id'].nunique() if len(hits) else 0} documents")

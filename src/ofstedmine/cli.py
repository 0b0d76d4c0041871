"""The ``ofstedmine`` command line: a thin shell over the library.

Library errors become clean messages at this edge (exit status 1), never
tracebacks. Every command has ``--help``; ``docs/cli.md`` is generated from it.
"""

from __future__ import annotations

import functools
import json
import sys
from pathlib import Path
from typing import Any

import click

from ofstedmine._version import __version__

__all__ = ["cli", "main"]


def _fail_cleanly(fn):
    """Turn library errors into a one-line message and exit status 1."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from ofstedmine.errors import OfstedmineError

        try:
            return fn(*args, **kwargs)
        except OfstedmineError as exc:
            raise click.ClickException(str(exc)) from None
        except FileNotFoundError as exc:
            raise click.ClickException(str(exc)) from None

    return wrapper


class AuthorityParam(click.ParamType):
    """An authority named on the command line, resolved once through the registry.

    The command receives the :class:`~ofstedmine.authorities.Authority` record and passes
    it down; an unknown or ambiguous name is a usage error (exit 2) that suggests the
    close names.
    """

    name = "authority"

    def convert(self, value: Any, param: Any, ctx: Any) -> Any:
        import ofstedmine.authorities as authorities
        from ofstedmine.errors import UnknownAuthorityError

        if isinstance(value, authorities.Authority):
            return value
        try:
            return authorities.get(value)
        except UnknownAuthorityError as exc:
            self.fail(str(exc), param, ctx)


AUTHORITY = AuthorityParam()

# Options that several commands share are defined once here.
_store_option = click.option(
    "--store",
    type=click.Path(file_okay=False),
    default=None,
    help="Local store folder (default: the user data folder).",
)
_mirror_option = click.option(
    "--mirror",
    type=click.Path(exists=True, file_okay=False),
    default=None,
    help="A folder laid out like the shared corpus, used instead of the network "
    "(its statistics/ and events.csv are used too).",
)
_offline_option = click.option(
    "--offline", is_flag=True, help="Use only what the store already holds."
)
_statistics_option = click.option(
    "--statistics",
    "statistics_dir",
    type=click.Path(exists=True, file_okay=False),
    default=None,
    help="Folder of Ofsted's statistics releases, *.ods (default: MIRROR/statistics).",
)
_events_option = click.option(
    "--events",
    "events_csv",
    type=click.Path(exists=True, dir_okay=False),
    default=None,
    help="An events.csv of dated facts (default: MIRROR/events.csv when present).",
)


_html_output_option = click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    required=True,
    help="The HTML file to write (folders are created).",
)


def _csv_option(what: str):
    return click.option(
        "--csv",
        "csv_out",
        type=click.Path(dir_okay=False),
        default=None,
        help=f"Write {what} to this CSV file.",
    )


def corpus_options(fn):
    """Options shared by commands that build a corpus."""
    for dec in reversed(
        [
            _store_option,
            _mirror_option,
            _offline_option,
            click.option(
                "--base-url",
                default=None,
                help="Base URL of Ofsted's report site (for mirrors/tests).",
            ),
            click.option(
                "--cache",
                "cache_dir",
                type=click.Path(file_okay=False),
                default=None,
                help="Cache folder for parsed documents and extractions.",
            ),
            click.option("--no-cache", is_flag=True, help="Do not read or write the cache."),
            click.option(
                "--workers", type=int, default=None, help="Worker processes (default: all cores)."
            ),
            click.option(
                "--model",
                default=None,
                help="spaCy model for the statistical pipeline (default: rules only).",
            ),
        ]
    ):
        fn = dec(fn)
    return fn


def _cache_arg(cache_dir: str | None, no_cache: bool) -> Any:
    if no_cache:
        return False
    return cache_dir or True


@click.group()
@click.version_option(__version__, prog_name="ofstedmine")
def cli() -> None:
    """Ofsted's reports on children's services as evidence: judgements, themes,
    persistent concerns and a theme graph."""


@cli.command("parse")
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


@cli.command("extract")
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


@cli.command("judgements")
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


@cli.command("fetch")
@click.argument("authority", required=False, type=AUTHORITY)
@click.option("--all", "fetch_all", is_flag=True, help="Fetch every local authority.")
@_store_option
@click.option(
    "--base-url",
    default="https://reports.ofsted.gov.uk",
    show_default=True,
    help="Base URL of Ofsted's report site (for mirrors/tests).",
)
@click.option(
    "--govuk-base-url",
    default="https://www.gov.uk",
    show_default=True,
    help="Base URL of GOV.UK (DfE notices).",
)
@_offline_option
@_mirror_option
@click.option("--no-notices", is_flag=True, help="Skip DfE notices on GOV.UK.")
@_fail_cleanly
def fetch_cmd(
    authority: str | None,
    fetch_all: bool,
    store: str | None,
    base_url: str,
    govuk_base_url: str,
    offline: bool,
    mirror: str | None,
    no_notices: bool,
) -> None:
    """Fetch AUTHORITY's reports (or --all) into the local store.

    Prints a summary of what was new, unchanged and failed; one failure never
    stops the run. With --mirror nothing is fetched from the network.
    """
    from ofstedmine.sources.fetch import fetch

    if bool(authority) == fetch_all:
        raise click.UsageError("give an AUTHORITY or --all (not both)")
    summary = fetch(
        None if fetch_all else authority,
        store=_store_root(store),
        base_url=base_url,
        govuk_base_url=govuk_base_url,
        offline=offline,
        mirror=mirror,
        progress=True,
        notices=not no_notices,
    )
    click.echo(
        f"new: {len(summary.new)}, unchanged: {len(summary.unchanged)}, "
        f"failed: {len(summary.failed)}"
    )
    for item in summary.failed:
        click.echo(f"failed: {item}", err=True)


@cli.command("timeline")
@click.argument("authority", type=AUTHORITY)
@_store_option
@_statistics_option
@_events_option
@_mirror_option
@_csv_option("the timeline")
@_fail_cleanly
def timeline_cmd(
    authority: str,
    store: str | None,
    statistics_dir: str | None,
    events_csv: str | None,
    mirror: str | None,
    csv_out: str | None,
) -> None:
    """AUTHORITY's documents, visits and events as one dated sequence.

    Each row says whether its text is held in the store.
    """
    from ofstedmine.sources.events import timeline
    from ofstedmine.sources.fetch import fetch

    root = _store_root(store)
    if mirror:
        fetch(authority, store=root, mirror=mirror, progress=False)
        statistics_dir = statistics_dir or str(Path(mirror) / "statistics")
        if events_csv is None and (Path(mirror) / "events.csv").is_file():
            events_csv = str(Path(mirror) / "events.csv")
    stats = sorted(Path(statistics_dir).glob("*.ods")) if statistics_dir else None
    df = timeline(authority, store=root, statistics=stats, events=events_csv)
    if csv_out:
        df.to_csv(csv_out, index=False)
        click.echo(f"wrote {len(df)} rows to {csv_out}")
        return
    for row in df.itertuples():
        held = "text" if row.text_held else "    "
        date = str(row.date)[:10] if row.date_precision == "day" else str(row.date)[:7]
        click.echo(f"{date:10}  {held}  {row.kind:24} {row.title}")


def _store_root(store: str | None) -> Path:
    from ofstedmine.sources.store import default_store_dir

    return Path(store) if store else default_store_dir()


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


def _events_options(fn):
    """The dated-event and secondary sources of ``report``, ``graph`` and ``persistence``."""
    fn = click.option(
        "--secondary",
        type=click.Path(exists=True, dir_okay=False),
        default=None,
        help="A CSV manifest of news articles and council minutes whose quotes are "
        "linked to the documents and events they quote (e.g. corpora/secondary_sources.csv).",
    )(fn)
    fn = _events_option(fn)
    fn = _statistics_option(fn)
    return fn


def _authority_corpus(authority: str, options: dict[str, Any]):
    from ofstedmine.pipeline import authority_corpus

    def say(line: str) -> None:
        click.echo(line, err=True)

    return authority_corpus(
        authority,
        store=options["store"],
        mirror=options["mirror"],
        offline=options["offline"],
        base_url=options["base_url"],
        statistics=options["statistics_dir"],
        events=options["events_csv"],
        cache=_cache_arg(options["cache_dir"], options["no_cache"]),
        workers=options["workers"],
        model=options["model"],
        secondary=options.get("secondary"),
        say=say,
    )


@cli.command("report")
@click.argument("authority", type=AUTHORITY)
@_html_output_option
@corpus_options
@_events_options
@_fail_cleanly
def report_cmd(authority: str, output: str, **options: Any) -> None:
    """Write one self-contained HTML report on AUTHORITY's inspections.

    AUTHORITY is a name, id, URN or alias ("bradford", 80449). The store is
    filled first (from --mirror, the network, or nothing with --offline), every
    document is parsed and extracted, and the statistics' visits and events.csv
    are added to the timeline. The report holds the timeline, judgements,
    persistent concerns with quotes and page links, the recommendation tracker,
    repeated findings and the heatmap; it makes no network request when opened.
    """
    from ofstedmine.report.build import build_report

    corpus, tl = _authority_corpus(authority, options)
    page = build_report(corpus, authority, timeline=tl)
    out = Path(output)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page, encoding="utf-8")
    click.echo(str(out))


@cli.command("graph")
@click.argument("authority", type=AUTHORITY)
@_html_output_option
@corpus_options
@_events_options
@_fail_cleanly
def graph_cmd(authority: str, output: str, **options: Any) -> None:
    """Write AUTHORITY's theme graph as one interactive, offline HTML page.

    Documents and dated events sit on a time axis, themes below; hover for
    details, click for the evidence with page links, slide through time.
    Loads the corpus like ``ofstedmine report``.
    """
    from ofstedmine.analysis.graph import build_theme_graph
    from ofstedmine.viz.graph_html import interactive_graph_html

    corpus, _ = _authority_corpus(authority, options)
    G = build_theme_graph(corpus)
    interactive_graph_html(G, output)
    click.echo(str(Path(output)))


@cli.command("persistence")
@click.argument("authority", type=AUTHORITY)
@_csv_option("the persistence table")
@click.option(
    "--graphml",
    type=click.Path(dir_okay=False),
    default=None,
    help="Write the authority's theme graph as GraphML.",
)
@click.option(
    "--gexf",
    type=click.Path(dir_okay=False),
    default=None,
    help="Write the theme graph as GEXF (with Gephi timeline attributes).",
)
@corpus_options
@_events_options
@_fail_cleanly
def persistence_cmd(
    authority: str, csv_out: str | None, graphml: str | None, gexf: str | None, **options: Any
) -> None:
    """Which concerns persist across AUTHORITY's inspections and letters.

    One entry per theme the documents mention: its status (new, persistent,
    recurring, improving but still raised, resolved, no longer raised, no longer
    mentioned, not raised), whether it is still a concern in the latest document,
    the documents raising it, and the first and latest concern and latest praise
    with quotes and pages. ``--csv`` writes the stable columns of
    ``analysis.persistence.VERDICT_COLUMNS``. Loads the corpus like ``ofstedmine report``.
    """
    from ofstedmine.analysis.graph import build_theme_graph
    from ofstedmine.analysis.persistence import verdict_table

    corpus, _ = _authority_corpus(authority, options)
    graph = build_theme_graph(corpus)
    table = verdict_table(graph, authority)
    if csv_out:
        table.to_csv(csv_out, index=False)
        click.echo(f"wrote {len(table)} themes to {csv_out}")
    elif not len(table):
        click.echo("no themes found")
    else:
        for r in table.to_dict("records"):
            still = "STILL A CONCERN" if r["still_a_concern"] else "not raised in the latest"
            click.echo(f"{r['label'] or r['theme']}: {r['status'].replace('_', ' ')}; {still}")
            if r["concern_documents"]:
                click.echo(f"  raised in: {r['concern_documents'].replace(';', ', ')}")
            for what in ("first_concern", "latest_concern", "latest_praise"):
                q = r[f"{what}_quote"]
                if isinstance(q, str) and q:
                    short = q if len(q) <= 160 else q[:157].rsplit(" ", 1)[0] + " ..."
                    click.echo(f"  {what.replace('_', ' ')} (p. {r[f'{what}_page']}): {short}")
    if graphml or gexf:
        from ofstedmine.io.graph import write_gexf, write_graphml

        if graphml:
            write_graphml(graph, graphml)
            click.echo(f"wrote {graphml}")
        if gexf:
            write_gexf(graph, gexf)
            click.echo(f"wrote {gexf}")


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


@cli.command("compare")
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


@cli.command("search")
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


def main() -> None:
    """Entry point of the ``ofstedmine`` script."""
    cli(prog_name="ofstedmine")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

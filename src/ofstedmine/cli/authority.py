"""Commands on one authority's chain of documents: ``report``, ``graph`` and
``persistence``, each loading the corpus the same way."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from ofstedmine.cli._options import (
    AUTHORITY,
    _cache_arg,
    _csv_option,
    _events_options,
    _fail_cleanly,
    _html_output_option,
    corpus_options,
)

__all__ = ["graph_cmd", "persistence_cmd", "report_cmd"]


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


@click.command("report")
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


@click.command("graph")
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


@click.command("persistence")
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

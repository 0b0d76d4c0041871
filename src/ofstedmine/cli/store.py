"""Commands that fill and read the local store: ``fetch`` and ``timeline``."""

from __future__ import annotations

from pathlib import Path

import click

from ofstedmine.cli._options import (
    AUTHORITY,
    _csv_option,
    _events_option,
    _fail_cleanly,
    _mirror_option,
    _offline_option,
    _statistics_option,
    _store_option,
    _store_root,
)

__all__ = ["fetch_cmd", "timeline_cmd"]


@click.command("fetch")
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


@click.command("timeline")
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

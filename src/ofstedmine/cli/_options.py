"""What the commands share: the options defined once, the authority parameter, the
decorator that turns library errors into clean messages, and the helpers that turn
option values into library arguments.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import click

__all__ = [
    "AUTHORITY",
    "AuthorityParam",
    "corpus_options",
]


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


def _cache_arg(cache_dir: str | None, no_cache: bool) -> Any:
    if no_cache:
        return False
    return cache_dir or True


def _store_root(store: str | None) -> Path:
    from ofstedmine._paths import default_store_dir

    return Path(store) if store else default_store_dir()

"""The ``ofstedmine`` command line: a thin shell over the library.

Library errors become clean messages at this edge (exit status 1), never
tracebacks. Every command has ``--help``; ``docs/cli.md`` is generated from it.

The commands live in modules by job and are gathered into the :func:`cli` group
here: :mod:`~ofstedmine.cli.store` (``fetch``, ``timeline``),
:mod:`~ofstedmine.cli.documents` (``parse``, ``extract``, ``judgements``),
:mod:`~ofstedmine.cli.authority` (``report``, ``graph``, ``persistence``) and
:mod:`~ofstedmine.cli.national` (``compare``, ``search``); the options they share
are defined once in :mod:`~ofstedmine.cli._options`.
"""

from __future__ import annotations

import click

from ofstedmine._version import __version__
from ofstedmine.cli._options import AUTHORITY as AUTHORITY
from ofstedmine.cli._options import AuthorityParam as AuthorityParam
from ofstedmine.cli._options import corpus_options as corpus_options
from ofstedmine.cli.authority import graph_cmd, persistence_cmd, report_cmd
from ofstedmine.cli.documents import extract_cmd, judgements_cmd, parse_cmd
from ofstedmine.cli.national import compare_cmd, search_cmd
from ofstedmine.cli.store import fetch_cmd, timeline_cmd

__all__ = ["cli", "main"]


@click.group()
@click.version_option(__version__, prog_name="ofstedmine")
def cli() -> None:
    """Ofsted's reports on children's services as evidence: judgements, themes,
    persistent concerns and a theme graph."""


for _command in (
    parse_cmd,
    extract_cmd,
    judgements_cmd,
    fetch_cmd,
    timeline_cmd,
    report_cmd,
    graph_cmd,
    persistence_cmd,
    compare_cmd,
    search_cmd,
):
    cli.add_command(_command)
del _command


def main() -> None:
    """Entry point of the ``ofstedmine`` script."""
    cli(prog_name="ofstedmine")

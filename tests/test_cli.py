"""Every CLI command has help, appears in docs/cli.md, and fails cleanly."""

from __future__ import annotations

from pathlib import Path

import click
from click.testing import CliRunner

from ofstedmine.cli import cli
from tests.pdfgen import make_pdf, report_pages

ROOT = Path(__file__).resolve().parents[1]


def _commands(group: click.Group, prefix=()):
    for name, cmd in group.commands.items():
        yield (*prefix, name), cmd
        if isinstance(cmd, click.Group):
            yield from _commands(cmd, (*prefix, name))


def test_every_command_has_help_and_is_documented():
    docs = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    runner = CliRunner()
    commands = list(_commands(cli))
    assert {("parse",), ("extract",), ("report",)} <= {path for path, _ in commands}, commands
    for path, cmd in commands:
        assert (cmd.help or "").strip(), f"{' '.join(path)} has no help"
        result = runner.invoke(cli, [*path, "--help"])
        assert result.exit_code == 0, result.output
        assert f"ofstedmine {' '.join(path)}" in docs, f"{' '.join(path)} missing from docs/cli.md"


def test_parse_command_summary_and_json(tmp_path):
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(make_pdf(report_pages(2)))
    runner = CliRunner()
    out = runner.invoke(cli, ["parse", str(pdf)])
    assert out.exit_code == 0, out.output
    assert "kind:       full_inspection" in out.output
    assert "pages:      2" in out.output
    js = runner.invoke(cli, ["parse", "--json", str(pdf)])
    assert js.exit_code == 0 and '"pages"' in js.output


def test_library_errors_become_clean_messages(tmp_path):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"<html><body>not found</body></html>")
    out = CliRunner().invoke(cli, ["parse", str(bad)])
    assert out.exit_code == 1
    assert "Error:" in out.output and "not a PDF" in out.output
    assert "Traceback" not in out.output


def test_fetch_and_timeline_from_a_mirror(corpus_dir, tmp_path):
    runner = CliRunner()
    store = tmp_path / "store"
    out = runner.invoke(
        cli, ["fetch", "bradford", "--mirror", str(corpus_dir), "--store", str(store)]
    )
    assert out.exit_code == 0, out.output
    assert "new: 6, unchanged: 0, failed: 0" in out.output
    again = runner.invoke(
        cli, ["fetch", "bradford", "--mirror", str(corpus_dir), "--store", str(store)]
    )
    assert "new: 0, unchanged: 6, failed: 0" in again.output
    tl = runner.invoke(
        cli, ["timeline", "bradford", "--mirror", str(corpus_dir), "--store", str(store)]
    )
    assert tl.exit_code == 0, tl.output
    lines = tl.output.splitlines()
    assert sum(" text " in line for line in lines) == 6
    assert any("trust_go_live" in line for line in lines)
    assert sum("monitoring_visit" in line for line in lines) >= 9


def test_fetch_needs_an_authority_or_all():
    out = CliRunner().invoke(cli, ["fetch"])
    assert out.exit_code == 2 and "--all" in out.output


def test_search_and_compare_over_a_store(corpus_dir, tmp_path):
    runner = CliRunner()
    store = str(tmp_path / "store")
    cache = str(tmp_path / "cache")
    assert (
        runner.invoke(
            cli, ["fetch", "bradford", "--mirror", str(corpus_dir), "--store", store]
        ).exit_code
        == 0
    )
    hits = runner.invoke(cli, ["search", "drift and delay", "--store", store, "--cache", cache])
    assert hits.exit_code == 0, hits.output
    rows = [line for line in hits.output.splitlines() if line.startswith("bradford ")]
    assert rows and all("[drift and delay]" in r.lower() for r in rows)
    assert hits.output.strip().endswith("documents")
    side = runner.invoke(cli, ["compare", "bradford", "--store", store, "--cache", cache])
    assert side.exit_code == 0, side.output
    assert "bradford" in side.output and "overall" in side.output

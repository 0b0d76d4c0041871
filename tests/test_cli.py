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
    for path, cmd in _commands(cli):
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

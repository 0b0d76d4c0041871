"""Write docs/cli.md from the commands' --help (run after changing the CLI)."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from click.testing import CliRunner

from ofstedmine.cli import cli

ROOT = Path(__file__).resolve().parents[1]


def render() -> str:
    runner = CliRunner()
    out = [
        "# CLI reference",
        "",
        "Generated from `--help` by `python tools/gen_cli_docs.py`; a test checks it is current.",
        "",
    ]
    top = runner.invoke(cli, ["--help"], prog_name="ofstedmine", terminal_width=100)
    out += ["## ofstedmine", "", "```text", top.output.rstrip(), "```", ""]

    def walk(group: click.Group, prefix: tuple[str, ...]):
        for name in sorted(group.commands):
            cmd = group.commands[name]
            path = (*prefix, name)
            res = runner.invoke(cli, [*path, "--help"], prog_name="ofstedmine", terminal_width=100)
            out.extend(
                [f"## ofstedmine {' '.join(path)}", "", "```text", res.output.rstrip(), "```", ""]
            )
            if isinstance(cmd, click.Group):
                walk(cmd, path)

    walk(cli, ())
    return "\n".join(out)


if __name__ == "__main__":
    text = render()
    if "--check" in sys.argv:
        current = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
        sys.exit(0 if current == text else 1)
    (ROOT / "docs" / "cli.md").write_text(text, encoding="utf-8")
    print("wrote docs/cli.md")

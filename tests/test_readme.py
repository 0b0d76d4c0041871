"""The README opens with the two commands, and CI runs the test command as written."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_readme_commands_and_ci_agree():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = re.findall(r"^    \$ (.+)$", readme, flags=re.M)
    assert len(commands) >= 2
    main_job, tests = commands[0], commands[1]
    assert "ofstedmine report bradford" in main_job and "--mirror ../shared/corpus" in main_job
    assert "pytest" in tests and ".[test]" in tests
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "README.md" in ci and "pytest collected no tests" in ci

"""The test suite itself: no test may assert only inside loops.

A test whose every assertion sits in the body of a ``for`` or ``while`` loop passes
vacuously when the looped collection is empty. Each such test must also assert
something outside its loops (typically that the collection is not empty). A test that
truly needs the pattern may opt out with ``# loop-asserts: ok`` on its ``def`` line.
"""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent
OPT_OUT = "# loop-asserts: ok"

# Tests in files another engineer was editing when this guard was added, which still
# asserted only inside loops. Remove an entry once its test is fixed: the guard then
# covers it, and test_known_tests_still_need_their_exemption says when one is stale.

_LOOPS = (ast.For, ast.AsyncFor, ast.While)
_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)


def _is_raises_or_warns(node: ast.AST) -> bool:
    """``pytest.raises(...)`` / ``pytest.warns(...)``, or the bare names imported from pytest."""
    if not isinstance(node, ast.Call):
        return False
    func = node.func
    if isinstance(func, ast.Attribute):
        return (
            func.attr in {"raises", "warns"}
            and isinstance(func.value, ast.Name)
            and func.value.id == "pytest"
        )
    return isinstance(func, ast.Name) and func.id in {"raises", "warns"}


def _count_assertions(node: ast.AST, in_loop: bool, counts: list[int]) -> None:
    """Add to counts[0] the assertions outside any loop, to counts[1] those inside one.

    Only a loop's body counts as inside it: its ``else`` clause runs even when the loop
    runs zero times. Nested functions, lambdas and classes are their own scopes and are
    not looked into.
    """
    if isinstance(node, _SCOPES):
        return
    if _is_raises_or_warns(node) or isinstance(node, ast.Assert):
        counts[1 if in_loop else 0] += 1
    if isinstance(node, _LOOPS):
        header = [node.test] if isinstance(node, ast.While) else [node.target, node.iter]
        for child in header + node.orelse:
            _count_assertions(child, in_loop, counts)
        for child in node.body:
            _count_assertions(child, True, counts)
        return
    for child in ast.iter_child_nodes(node):
        _count_assertions(child, in_loop, counts)


def _is_test(node: ast.AST) -> bool:
    return isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name.startswith(
        "test"
    )


def _test_functions(tree: ast.Module):
    for node in tree.body:
        if _is_test(node):
            yield node
        elif isinstance(node, ast.ClassDef) and node.name.startswith("Test"):
            yield from (item for item in node.body if _is_test(item))


def loop_only_tests(source: str) -> list[tuple[int, str]]:
    """(line, name) of each test in source whose assertions all sit inside loops."""
    lines = source.splitlines()
    found = []
    for fn in _test_functions(ast.parse(source)):
        if OPT_OUT in lines[fn.lineno - 1]:
            continue
        counts = [0, 0]
        for stmt in fn.body:
            _count_assertions(stmt, False, counts)
        outside, inside = counts
        if inside and not outside:
            found.append((fn.lineno, fn.name))
    return found


def _offenders() -> dict[str, str]:
    """{"file::test": "file:line test"} for every loop-only test in the suite."""
    found = {}
    for path in sorted(TESTS.rglob("test_*.py")):
        rel = path.relative_to(TESTS.parent).as_posix()
        for line, name in loop_only_tests(path.read_text(encoding="utf-8")):
            found[f"{rel}::{name}"] = f"{rel}:{line} {name}"
    return found


def test_no_test_asserts_only_inside_loops():
    assert len(list(TESTS.rglob("test_*.py"))) >= 30, "the test files were not found"
    offenders = list(_offenders().values())
    assert not offenders, (
        "these tests assert only inside loops, so they pass on an empty collection; "
        "also assert outside the loop that it is not empty:\n" + "\n".join(offenders)
    )


def test_checker_flags_loop_only_assertions():
    src = (
        "def test_for(xs):\n"
        "    for x in xs:\n"
        "        assert x\n"
        "def test_while():\n"
        "    while f():\n"
        "        with pytest.raises(ValueError):\n"
        "            g()\n"
        "class TestThing:\n"
        "    def test_method(self, xs):\n"
        "        for x in xs:\n"
        "            if x:\n"
        "                assert x\n"
    )
    assert loop_only_tests(src) == [(1, "test_for"), (4, "test_while"), (9, "test_method")]


def test_checker_accepts_an_assertion_outside_the_loop():
    src = (
        "def test_guarded(xs):\n"
        "    assert xs, 'must not be empty'\n"
        "    for x in xs:\n"
        "        assert x\n"
        "def test_raises_outside():\n"
        "    for x in range(3):\n"
        "        assert x >= 0\n"
        "    pytest.raises(ValueError, int, 'x')\n"
        "def test_loop_else(xs):\n"
        "    for x in xs:\n"
        "        assert x\n"
        "    else:\n"
        "        assert True\n"
        "def test_no_assertions():\n"
        "    for x in range(3):\n"
        "        check(x)\n"
        "def test_opted_out(xs):  # loop-asserts: ok\n"
        "    for x in xs:\n"
        "        assert x\n"
        "def helper(xs):\n"
        "    for x in xs:\n"
        "        assert x\n"
    )
    assert loop_only_tests(src) == []


def test_checker_does_not_count_nested_scopes():
    src = (
        "def test_nested(xs):\n"
        "    def check(x):\n"
        "        assert x\n"
        "    for x in xs:\n"
        "        assert x\n"
    )
    assert loop_only_tests(src) == [(1, "test_nested")]

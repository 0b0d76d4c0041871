"""report: one self-contained HTML report per authority.

``build_report(corpus, authority, *, timeline=None) -> str`` renders the timeline
(plot and table, each row saying whether its text is held), the judgements, the
persistent concerns with quotes and page links, the recommendation tracker, the
repeated findings and the heatmap, in one HTML file with no external request.

>>> from ofstedmine.report import build_report
>>> from ofstedmine.corpus import Corpus
>>> build_report(Corpus(), "bradford").startswith("<!DOCTYPE html>")
True
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = ["build_report", "report_frames"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from ofstedmine.report import build

        value = getattr(build, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'ofstedmine.report' has no attribute {name!r}")


if TYPE_CHECKING:  # pragma: no cover
    from ofstedmine.report.build import build_report, report_frames

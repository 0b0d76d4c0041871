"""Small, escaping HTML helpers for the report.

Everything that may come from a document goes through :func:`esc` (or
:func:`link`, which also refuses any URL that is not ``http(s)``). Nothing here
builds markup from unescaped input.
"""

from __future__ import annotations

import datetime as dt
import html
import math
from collections.abc import Iterable, Sequence
from typing import Any

from ofstedmine.viz._style import GRADE_COLOURS, GRADE_SHORT, grade_key

#: The report has no script at all; the policy says so to the browser too.
CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"

CSS = """
:root{--ink:#1f2328;--muted:#59636e;--line:#d1d9e0;--bg:#f6f8fa}
*{box-sizing:border-box}
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",sans-serif;color:var(--ink);margin:0;background:#fff}
header.top{background:#0b3d5c;color:#fff;padding:20px 32px}
header.top h1{margin:0 0 4px;font-size:26px}header.top p{margin:2px 0;color:#d6e4ee}
nav{position:sticky;top:0;background:#fff;border-bottom:1px solid var(--line);padding:8px 32px;z-index:2}
nav a{margin-right:16px;color:#0b57d0;text-decoration:none;font-size:14px}
main{max-width:1280px;margin:0 auto;padding:8px 32px 48px}
section{margin:28px 0;padding-top:8px;border-top:1px solid var(--line)}
h2{font-size:21px;margin:8px 0 8px}h3{font-size:16px;margin:18px 0 6px}
p.note{color:var(--muted);font-size:13px;margin:4px 0 10px}
table{border-collapse:collapse;width:100%;font-size:13px;margin:8px 0}
th,td{border:1px solid var(--line);padding:5px 7px;vertical-align:top;text-align:left}
th{background:var(--bg);font-weight:600}
tr.noheld td{color:var(--muted)}
td.num{text-align:right;white-space:nowrap}
.badge{display:inline-block;padding:1px 7px;border-radius:10px;font-size:12px;font-weight:600;white-space:nowrap;border:1px solid transparent}
.held{background:#dafbe1;color:#116329}.notheld{background:#fff1e5;color:#953800}
.status-persistent,.status-still_raised,.status-recurring,.latest-still_a_concern{background:#ffebe9;color:#a40e26}
.status-new{background:#fff8c5;color:#7d4e00}
.status-improving_but_still_raised,.status-partly_addressed,.latest-mixed{background:#fff1e5;color:#953800}
.status-resolved,.status-addressed,.latest-improved{background:#dafbe1;color:#116329}
.status-no_longer_raised,.status-no_longer_mentioned,.status-not_raised,.status-mentioned,.status-no_evidence_found,.status-no_later_document,.latest-not_mentioned,.latest-mentioned{background:#eaeef2;color:#424a53}
blockquote{margin:4px 0 6px;padding:4px 10px;border-left:3px solid #c0392b;background:#fbfbfb}
blockquote.strength,blockquote.improved{border-left-color:#2166ac}
blockquote.mixed{border-left-color:#8e44ad}
blockquote.neutral{border-left-color:#8c959f}
blockquote .cite{display:block;color:var(--muted);font-size:12px;margin-top:2px}
img.plot{max-width:100%;height:auto;border:1px solid var(--line)}
.muted{color:var(--muted)}
footer{color:var(--muted);font-size:12px;max-width:1280px;margin:0 auto;padding:0 32px 32px}
"""


def missing(value: Any) -> bool:
    """True for None, NaN, NaT and pandas NA."""
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    try:
        import pandas as pd

        return bool(pd.isna(value)) if not isinstance(value, (list, tuple, dict, set)) else False
    except (TypeError, ValueError):
        return False


def esc(value: Any) -> str:
    """Escaped text of any value ('' for missing values)."""
    return "" if missing(value) else html.escape(str(value), quote=True)


def safe_url(url: Any) -> str | None:
    """The URL if it is ``http(s)``, else None (no ``javascript:``, no ``data:``)."""
    if missing(url):
        return None
    text = str(url).strip()
    return text if text.lower().startswith(("https://", "http://")) else None


def page_url(url: Any, page: Any) -> str | None:
    """``URL#page=N`` for an ``http(s)`` URL and a page number."""
    base = safe_url(url)
    if base is None or missing(page):
        return None
    try:
        return f"{base.split('#')[0]}#page={int(page)}"
    except (TypeError, ValueError):
        return None


def link(url: Any, text: Any) -> str:
    """An escaped link to an ``http(s)`` URL, or the escaped text alone."""
    href = safe_url(url)
    if href is None:
        return esc(text)
    return f'<a href="{esc(href)}" rel="noopener noreferrer">{esc(text)}</a>'


def page_link(url: Any, page: Any) -> str:
    """``p. N`` linked to ``URL#page=N`` when the URL is known."""
    if missing(page):
        return ""
    try:
        label = f"p. {int(page)}"
    except (TypeError, ValueError):
        return ""
    href = page_url(url, page)
    return link(href, label) if href else esc(label)


def fmt_date(value: Any, precision: str | None = "day") -> str:
    """``29 Oct 2018`` (``Dec 2018`` at month precision, ``2018`` at year)."""
    if missing(value):
        return ""
    try:
        import pandas as pd

        d = pd.Timestamp(value)
    except (TypeError, ValueError):
        return esc(value)
    if precision == "year":
        return f"{d.year}"
    if precision == "month":
        return d.strftime("%b %Y")
    return f"{d.day} {d.strftime('%b %Y')}"


def iso(value: Any) -> str:
    if missing(value):
        return ""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    try:
        import pandas as pd

        return pd.Timestamp(value).date().isoformat()
    except (TypeError, ValueError):
        return str(value)[:10]


def grade_badge(value: Any) -> str:
    """A coloured badge for a grade (empty for no grade)."""
    key = grade_key(value)
    if key is None:
        return '<span class="muted">—</span>'
    colour = GRADE_COLOURS[key]
    text = "white" if key in ("inadequate", "good", "outstanding") else "#1f2328"
    return (f'<span class="badge" style="background:{colour};color:{text}">'
            f"{esc(GRADE_SHORT[key])}</span>")  # fmt: skip


def status_badge(value: Any, *, prefix: str = "status") -> str:
    if missing(value):
        return ""
    key = "".join(ch if ch.isalnum() or ch == "_" else "_" for ch in str(value))
    return f'<span class="badge {prefix}-{esc(key)}">{esc(str(value).replace("_", " "))}</span>'


def quote(text: Any, *, cite: str = "", polarity: Any = None) -> str:
    """A blockquote of a document's words with an escaped citation line."""
    if missing(text) or not str(text).strip():
        return ""
    cls = f' class="{esc(polarity)}"' if not missing(polarity) and polarity else ""
    tail = f'<span class="cite">{cite}</span>' if cite else ""
    return f"<blockquote{cls}>{esc(text)}{tail}</blockquote>"


def table(headers: Sequence[str], rows: Iterable[Sequence[str]], *, row_classes=None) -> str:
    """A table from escaped headers and *already rendered* cells."""
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    body = []
    classes = list(row_classes) if row_classes is not None else None
    for i, row in enumerate(rows):
        cls = f' class="{esc(classes[i])}"' if classes and classes[i] else ""
        body.append(f"<tr{cls}>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>")
    if not body:
        return '<p class="note">Nothing to show.</p>'
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def section(id_: str, title: str, body: str, *, note: str = "") -> str:
    """A ``<section>`` with a stable id."""
    note_html = f'<p class="note">{note}</p>' if note else ""
    return f'<section id="{esc(id_)}"><h2>{esc(title)}</h2>{note_html}{body}</section>'


def page(title: str, subtitle: str, nav: Sequence[tuple[str, str]], body: str, footer: str) -> str:
    """The whole self-contained document."""
    links = "".join(f'<a href="#{esc(i)}">{esc(t)}</a>' for i, t in nav)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="ofstedmine">
<title>{esc(title)}</title>
<style>{CSS}</style>
</head>
<body>
<header class="top"><h1>{esc(title)}</h1><p>{subtitle}</p></header>
<nav>{links}</nav>
<main>
{body}
</main>
<footer>{footer}</footer>
</body>
</html>
"""

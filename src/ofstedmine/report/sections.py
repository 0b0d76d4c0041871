"""The report's sections, each rendered from a :class:`~ofstedmine.report.frames.ReportFrames`.

Every renderer returns one ``<section>`` with a stable id (:data:`SECTIONS`) and can
be called alone, so each can be tested on its own frames. A section whose analysis
failed shows the error; one with nothing to show says so.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ofstedmine.report._html import (
    esc,
    fmt_date,
    grade_badge,
    link,
    missing,
    page_link,
    quote,
    section,
    status_badge,
    table,
)

if TYPE_CHECKING:
    from ofstedmine.report.frames import ReportFrames

__all__ = [
    "SECTIONS",
    "heatmap_section",
    "judgements_section",
    "persistence_section",
    "recommendations_section",
    "repeats_section",
    "secondary_section",
    "timeline_section",
]

SECTIONS = (
    ("timeline", "Timeline"),
    ("judgements", "Judgements"),
    ("persistence", "Persistent concerns"),
    ("recommendations", "Recommendations"),
    ("repeats", "Repeated findings"),
    ("heatmap", "Heatmap"),
    ("secondary", "In the news"),
)
_MAX_REPEATS = 60


def _doc_of(node: Any) -> str | None:
    """The sha256 of a graph node id (``doc:<sha>`` or ``doc:<sha>#2``) or of a sha."""
    if missing(node):
        return None
    text = str(node).removeprefix("doc:")
    return text.split("#")[0] or None


def _cite(frames: ReportFrames, document: Any, page_no: Any) -> str:
    """``ILACS, 29 Oct 2018, p. 4`` with the page linked to ``URL#page=4``."""
    doc = _doc_of(document)
    label = frames.labels.get(doc or "", "")
    parts = [esc(label)] if label else []
    pl = page_link(frames.urls.get(doc or ""), page_no)
    if pl:
        parts.append(pl)
    return ", ".join(parts)


def _img(fig: Any, alt: str) -> str:
    from ofstedmine.viz._style import figure_data_uri

    return f'<img class="plot" alt="{esc(alt)}" src="{figure_data_uri(fig)}">'


def _error_note(frames: ReportFrames, name: str) -> str:
    if name not in frames.errors:
        return ""
    return f'<p class="note">This section could not be computed: {esc(frames.errors[name])}</p>'


def _empty_section(
    frames: ReportFrames, id_: str, message: str, *, error: str | None = None
) -> str:
    """A section with nothing to show: the analysis's error if it failed, else
    ``message`` (trusted HTML written here, never document text)."""
    body = _error_note(frames, error or id_) or f'<p class="note">{message}</p>'
    return section(id_, dict(SECTIONS)[id_], body)


def timeline_section(frames: ReportFrames) -> str:
    """The timeline: a plot and one row per document or event, held or not."""
    from ofstedmine.viz._style import kind_label
    from ofstedmine.viz.timeline import plot_timeline

    tl = frames.timeline
    body = []
    if len(tl):
        fig = plot_timeline(tl, title=f"{frames.authority_name}: documents and events")
        body.append(_img(fig, f"Timeline of {frames.authority_name}"))
    counts = (
        frames.documents.set_index("document_id")["n_findings"].to_dict()
        if len(frames.documents)
        else {}
    )
    rows, classes = [], []
    for rec in tl.to_dict("records"):
        held = bool(rec.get("text_held"))
        title = esc(rec.get("title"))
        themes = rec.get("themes")
        if isinstance(themes, (list, tuple)) and themes:
            joined = "; ".join(map(str, themes))
            if joined not in str(rec.get("title") or ""):
                title += f' <span class="muted">({esc(joined)})</span>'
        doc = rec.get("document_id")
        n = counts.get(doc) if isinstance(doc, str) else None
        held_text = ('<span class="badge held">text held</span>' if held
                     else '<span class="badge notheld">not held: date only</span>')  # fmt: skip
        url = rec.get("url")
        rows.append([
            fmt_date(rec.get("date"), rec.get("date_precision") or "day"),
            esc(kind_label(rec.get("kind"), rec.get("framework"))),
            title,
            grade_badge(rec.get("overall")) if rec.get("kind") == "inspection" else "",
            held_text,
            "" if missing(n) else esc(int(n)),
            esc(rec.get("source")),
            link(url, "document" if held else "source") if not missing(url) else "",
        ])  # fmt: skip
        classes.append("" if held else "noheld")
    n_held = int(tl["text_held"].sum()) if len(tl) else 0
    note = (f"{len(tl)} dated items: {n_held} documents whose text is held (their findings are "
            f"analysed below) and {len(tl) - n_held} facts known only by date (from Ofsted's "
            "official statistics or a hand-kept events list, with their source).")  # fmt: skip
    headers = ["Date", "What", "Title", "Overall grade", "Text", "Findings", "Source", "Link"]
    body.append(table(headers, rows, row_classes=classes))
    return section("timeline", "Timeline", "".join(body), note=esc(note))


def judgements_section(frames: ReportFrames) -> str:
    """Every judgement read from the documents, one row per report."""
    j = frames.judgements
    if not len(j):
        return section("judgements", "Judgements", '<p class="note">No judgements were read.</p>')
    from ofstedmine.types import Area
    from ofstedmine.viz._style import kind_label

    order = [a.value for a in Area]
    areas = sorted(set(j["area"]), key=lambda a: order.index(a) if a in order else 99)
    rows = []
    for (doc, _part), grp in j.groupby(["document_id", "part"], sort=False):
        first = grp.iloc[0]
        cells = [fmt_date(first["date"]), esc(kind_label(first["kind"], first["framework"]))]
        by_area = {r["area"]: r for r in grp.to_dict("records")}
        for a in areas:
            r = by_area.get(a)
            if r is None:
                cells.append('<span class="muted">—</span>')
            elif not missing(r.get("grade")):
                pl = page_link(frames.urls.get(doc), r.get("page"))
                cells.append(grade_badge(r["grade"]) + (f" {pl}" if pl else ""))
            else:
                cells.append(
                    f'<span class="muted">{esc(str(r["status"]).replace("_", " "))}</span>'
                )
        rows.append(cells)
    headers = ["Published", "Framework", *[a.replace("_", " ") for a in areas]]
    n_docs = len(frames.documents)
    note = (f"{len(rows)} of {n_docs} documents carry judgements (letters of visits and JTAIs "
            "are not graded). Each grade links to the page it was read from.")  # fmt: skip
    return section("judgements", "Judgements", table(headers, rows), note=esc(note))


def persistence_section(frames: ReportFrames) -> str:
    """The themes raised as concerns: status, first and last raised, runs, quotes."""
    p = frames.persistence
    if p is not None and "status" in p.columns:
        attrs = p.attrs
        p = p[p["status"] != "not_raised"]
        p.attrs = attrs
    if p is None or not len(p):
        return _empty_section(frames, "persistence", "No theme was raised as a concern.")
    attrs = p.attrs or {}
    compared = attrs.get("compared")
    latest = attrs.get("latest")
    intro = []
    if compared:
        a, b = (frames.labels.get(_doc_of(x) or "", str(x)) for x in compared)
        intro.append(f"“In both” means raised as a concern in both {esc(a)} and {esc(b)}.")
    if latest:
        intro.append(
            f"“Latest says” reads the theme in {esc(frames.labels.get(_doc_of(latest) or '', ''))}."
        )
    intro.append(
        "A document raises a theme when it is in the improvement list, criticised in the "
        "summary or headline findings, or criticised in at least two sentences. Status: "
        "persistent (still raised, and by most documents since it was first raised), recurring "
        "(still raised, after documents that did not), improving but still raised (the latest "
        "document raises and praises it), new, resolved (the latest document praises it and "
        "does not raise it), no longer raised or no longer mentioned."
    )
    rows = []
    for r in p.to_dict("records"):
        n_docs = r.get("n_documents")
        share = f"{esc(r.get('n_concern_documents'))}" + (
            f" of {esc(n_docs)}" if not missing(n_docs) else ""
        )
        rows.append([
            f'<a href="#theme-{esc(r["theme"])}">{esc(r.get("label") or r["theme"])}</a>',
            status_badge(r.get("status")),
            share,
            fmt_date(r.get("first_raised")),
            fmt_date(r.get("last_raised")),
            esc(r.get("longest_run")),
            "yes" if r.get("in_both") is True else "",
            status_badge(r.get("latest_says"), prefix="latest"),
            "yes" if r.get("repeated_wording") is True else "",
        ])  # fmt: skip
    headers = ["Theme", "Status", "Concern in (documents)", "First raised", "Last raised",
               "Longest run", "In both", "Latest says", "Repeated wording"]  # fmt: skip
    body = [table(headers, rows), "<h3>The evidence, theme by theme</h3>"]
    for r in p.to_dict("records"):
        quotes = []
        first_doc, last_doc = r.get("first_document"), r.get("last_document")
        quotes.append(quote(r.get("first_quote"), polarity="concern",
                            cite="First raised: " + _cite(frames, first_doc, r.get("first_page"))))  # fmt: skip
        if not (first_doc == last_doc and r.get("first_quote") == r.get("last_quote")):
            quotes.append(quote(r.get("last_quote"), polarity="concern",
                                cite="Last raised: " + _cite(frames, last_doc, r.get("last_page"))))  # fmt: skip
        if (
            latest
            and not missing(r.get("latest_concern_quote"))
            and (r.get("latest_concern_quote") != r.get("last_quote"))
        ):
            quotes.append(quote(r.get("latest_concern_quote"), polarity="concern",
                                cite="Latest inspection: " + _cite(frames, latest, r.get("latest_concern_page"))))  # fmt: skip
        if latest and not missing(r.get("latest_improved_quote")):
            quotes.append(quote(r.get("latest_improved_quote"), polarity="improved",
                                cite="Latest inspection, improvement: " + _cite(frames, latest, r.get("latest_improved_page"))))  # fmt: skip
        dates = r.get("concern_dates")
        when = ""
        if isinstance(dates, (list, tuple)) and dates:
            when = f'<p class="note">Raised as a concern in documents of {esc(", ".join(fmt_date(d) for d in dates))}.</p>'
        body.append(
            f'<div class="theme" id="theme-{esc(r["theme"])}"><h3>{esc(r.get("label") or r["theme"])} '
            f"{status_badge(r.get('status'))}</h3>{when}{''.join(quotes)}</div>"
        )
    return section("persistence", "Persistent concerns", "".join(body), note=" ".join(intro))


def recommendations_section(frames: ReportFrames) -> str:
    """Each recommendation with what later documents say of it."""
    t = frames.tracking
    if t is None or not len(t):
        return _empty_section(frames, "recommendations", "No recommendations were read.")
    rows = []
    for r in t.to_dict("records"):
        doc = r.get("document_id")
        themes = r.get("themes")
        theme_text = (
            ", ".join(str(x).replace("_", " ") for x in themes)
            if isinstance(themes, (list, tuple))
            else ""
        )
        evidence = ""
        if not missing(r.get("status_quote")):
            # coloured by the evidence's own polarity, not by the status
            evidence = quote(r.get("status_quote"), polarity=r.get("status_polarity"),
                             cite=_cite(frames, r.get("status_report"), r.get("status_page")))  # fmt: skip
        rows.append([
            esc(frames.labels.get(doc, fmt_date(r.get("date")))),
            f"{esc(r.get('text'))} {page_link(frames.urls.get(doc), r.get('page'))}",
            esc(theme_text),
            status_badge(r.get("status")),
            evidence,
        ])  # fmt: skip
    counts = t["status"].value_counts().to_dict()
    summary = ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in counts.items())
    note = ("Each recommendation is followed by its subject: a confident finding of a later "
            "document counts as evidence only when it shares the recommendation's theme and "
            "names the same parties or processes (police, schools, strategy meetings, ...), "
            "and scores above a threshold on shared subject terms and wording; otherwise no "
            "evidence is found. The status is the polarity of the latest document's best "
            f"evidence. {summary}.")  # fmt: skip
    headers = ["Made in", "Recommendation", "Themes", "Status", "Latest evidence"]
    return section("recommendations", "Recommendations", table(headers, rows), note=esc(note))


def repeats_section(frames: ReportFrames) -> str:
    """Near-verbatim findings that recur across documents."""
    r = frames.repeats
    if r is None or not len(r):
        return _empty_section(frames, "repeats", "No near-verbatim repeats were found.")
    keep = r[~r["boilerplate"].astype(bool)] if "boilerplate" in r.columns else r
    keep = keep.sort_values("score", ascending=False).head(_MAX_REPEATS)
    keep = keep.sort_values(["date_a", "date_b"], kind="stable")
    rows = []
    for x in keep.to_dict("records"):
        shared = x.get("shared_themes")
        shared_text = (
            ", ".join(str(s).replace("_", " ") for s in shared)
            if isinstance(shared, (list, tuple))
            else esc(shared)
        )
        rows.append([
            quote(x.get("quote_a"), polarity=x.get("polarity_a"),
                  cite=_cite(frames, x.get("document_a"), x.get("page_a"))),
            quote(x.get("quote_b"), polarity=x.get("polarity_b"),
                  cite=_cite(frames, x.get("document_b"), x.get("page_b"))),
            esc(f"{float(x.get('score', 0)):.2f}"),
            esc(shared_text),
        ])  # fmt: skip
    n_boiler = int(r["boilerplate"].astype(bool).sum()) if "boilerplate" in r.columns else 0
    note = (f"{len(r)} pairs of findings in different documents share most of their wording "
            f"({len(keep)} shown, highest similarity first by date"
            + (f"; {n_boiler} pairs of Ofsted's stock phrasing left out" if n_boiler else "")
            + ").")  # fmt: skip
    headers = ["Earlier", "Later", "Similarity", "Shared themes"]
    return section("repeats", "Repeated findings", table(headers, rows), note=esc(note))


def secondary_section(frames: ReportFrames) -> str:
    """News articles and council minutes, and the documents and events they quote."""
    sec = frames.secondary
    if sec is None or not len(sec):
        return _empty_section(
            frames, "secondary", "No secondary sources were given (see <code>--secondary</code>)."
        )
    rows = []
    for (date, kind, source, what), grp in sec.groupby(
        ["date", "kind", "source", "quotes"], sort=True, dropna=False
    ):
        shown = grp.head(3)
        quotes = "".join(quote(t, polarity=p) for t, p in zip(shown["text"], shown["polarity"]))
        more = f'<p class="note">and {len(grp) - 3} more</p>' if len(grp) > 3 else ""
        rows.append(
            [
                esc(fmt_date(date)),
                esc(kind.replace("_", " ")),
                esc(source),
                esc(what),
                quotes + more,
            ]
        )
    note = (
        "Sentences of news articles and council minutes that quote Ofsted or a DfE notice, "
        "linked to the report, letter or dated event they quote."
    )
    headers = ["Date", "Kind", "Source", "Quotes", "Quotations"]
    return section("secondary", "In the news", table(headers, rows), note=esc(note))


def heatmap_section(frames: ReportFrames) -> str:
    """The theme × document heatmap with each document's grade along the top."""
    m = frames.matrix
    if m is None or not len(m):
        return _empty_section(frames, "heatmap", "No themes to draw.")
    from ofstedmine.viz.heatmap import plot_persistence_heatmap

    # the theme labels the graph was built with (a user's own codebook's, if given)
    labels = {d["theme"]: d["label"] for _, d in frames.graph.nodes(data=True)
              if d.get("type") == "theme" and d.get("label")}  # fmt: skip
    fig = plot_persistence_heatmap(m, judgements=frames.documents, labels=labels or None,
                                   title=f"{frames.authority_name}: themes, document by document")  # fmt: skip
    note = ("Each cell weighs the concern findings and recommendations on a theme against the "
            "strength findings in one document: red (!) mostly concern, purple (±) both, blue (+) "
            "mostly strength, paler where the document says less; blank: not raised. Documents "
            "in time order, overall grade on top; themes raised as a concern most often first.")  # fmt: skip
    return section("heatmap", "Heatmap", _img(fig, "Theme by document heatmap"), note=esc(note))

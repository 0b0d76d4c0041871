"""Build the theme graph of a corpus: :func:`build_theme_graph`."""

from __future__ import annotations

from typing import TYPE_CHECKING

import networkx as nx

from ofstedmine.analysis.graph._common import GRAPH_SCHEMA
from ofstedmine.analysis.graph.chains import _link_chains, authorities_of
from ofstedmine.analysis.graph.edges import _add_cooccurrence, _add_raises
from ofstedmine.analysis.graph.events import _add_events
from ofstedmine.analysis.graph.nodes import (
    _codebook_labels,
    _date_themes,
    _document_attrs,
    iter_reports,
)
from ofstedmine.analysis.graph.quotes import _add_quotes

if TYPE_CHECKING:
    from ofstedmine.corpus import Corpus
    from ofstedmine.extract.codebook import Codebook


def build_theme_graph(
    corpus: Corpus,
    *,
    events: bool = True,
    cooccurrence: bool = False,
    min_count: int = 1,
    codebook: Codebook | None = None,
) -> nx.MultiDiGraph:
    """One graph of a corpus: documents and events in time order, themes, evidence.

    Parameters
    ----------
    corpus
        A :class:`~ofstedmine.corpus.Corpus` (one or many authorities).
    events
        Add the corpus's dated events without text (monitoring visits from the
        statistics, DfE notices, a trust's start) to each authority's chain. An
        event that is a held document (its ``document_id`` is in the corpus, or a
        document of the matching kind and authority was published within 120 days
        after it) is not added twice.
    cooccurrence
        Add theme-to-theme ``cooccurs`` edges.
    min_count
        Leave out ``raises`` edges backed by fewer findings and recommendations,
        and ``cooccurs`` edges of smaller weight.
    codebook
        The :class:`~ofstedmine.extract.codebook.Codebook` whose labels and groups
        are written onto the theme nodes: the one the corpus was extracted with, when
        it is not the packaged codebook (the default).

    Returns
    -------
    networkx.MultiDiGraph
        Edge keys are the edge types (at most one edge of a type joins two nodes).
        Unknown values are left out, never ``None``. Dates are ISO strings.

        Graph attributes: ``name``, ``schema`` (:data:`GRAPH_SCHEMA`),
        ``authorities`` (list of registry ids).

        **Document nodes** ``doc:<sha256>``, or ``doc:<sha256>#<part>`` for each
        report of a file holding several:

        ==================  =====================================================
        type                ``"document"``
        label               short title, e.g. ``"Bradford full_inspection 2018-10-29"``
        document_id         sha256 of the file
        part                1-based report number within the file
        kind                a :class:`~ofstedmine.types.DocumentKind` value
        framework           a :class:`~ofstedmine.types.Framework` value
        authority           registry id, e.g. ``"bradford"``
        authority_name      printed name, when known
        date                the time-order date (publication, else letter, else
                            end of fieldwork)
        published           publication date
        inspection_start    first day of fieldwork
        inspection_end      last day of fieldwork
        letter_date         date of a letter
        overall             overall effectiveness grade (a Grade value)
        grade_<area>        one per area graded (``grade_help_and_protection``, ...)
        url                 source URL
        text_held           ``True``
        secondary           ``True`` for news and council minutes (not in the chain)
        seq                 position in the corpus's time order (breaks date ties)
        n_findings          number of findings
        n_recommendations   number of recommendations
        start               = ``date``, for Gephi's timeline
        ==================  =====================================================

        **Event nodes** ``event:<authority>:<date>:<kind>`` (``:2``, ``:3`` on
        repeats), dated facts with no text held:

        ==================  =====================================================
        type                ``"event"``
        label               the event's title
        kind                an :class:`~ofstedmine.types.EventKind` value
        authority           registry id
        date                ISO date (first day of the month/year when imprecise)
        date_precision      ``day``, ``month`` or ``year``
        source              where the fact comes from (``statistics``, ``events.csv``)
        source_url          the source's URL, when known
        themes              list of visit themes (statistics), possibly empty
        note                free-text note, when given
        text_held           ``False``
        seq                 position among the events (breaks date ties)
        start               = ``date``
        ==================  =====================================================

        **Theme nodes** ``theme:<id>``:

        ==================  =====================================================
        type                ``"theme"``
        theme               the codebook id, e.g. ``"drift_and_delay"``
        label               the label in ``codebook`` (else the id in words)
        group               the group in ``codebook``, when the theme is in it
        n_documents         documents raising the theme in any polarity
        start               date of the first document raising it
        ==================  =====================================================

        **Edges** (key = type):

        ``next`` (document or event -> the next document or event of the same
        authority in time; secondary sources are not in the chain):
        ``type``, ``authority``, ``days`` (days between the two dates),
        ``start`` (date of the target).

        ``raises`` (document -> theme): ``type``, ``authority``, ``date``,
        ``polarity`` (``concern``, ``strength``, ``mixed`` or ``neutral``: concern
        when only concern findings or recommendations name the theme, strength
        when only strength findings do, mixed when both or only mixed findings,
        neutral otherwise), counts ``concern``, ``strength``, ``mixed``,
        ``neutral`` (findings of each polarity), ``count`` (all findings),
        ``recommendations`` (recommendation items naming the theme), ``improved``
        (findings reporting improvement: strength findings, and mixed or neutral
        findings with an improvement cue), ``evidence`` (list of dicts, in text
        order: ``page``, ``start``, ``end``, ``section`` (heading path joined
        with `` > ``), ``quote``, ``polarity``, ``source`` (``finding`` or
        ``recommendation``), ``improved`` (bool), ``confidence`` (the polarity
        model's), ``position`` (``summary``, ``improvement_list`` or ``body``),
        ``leads`` (opens its paragraph), ``url`` (``URL#page=N`` when known)),
        ``concern_summary`` and ``concern_body`` (confident concern or mixed
        findings in a summary position / elsewhere), ``praise_salient`` (confident
        strength findings in a summary or paragraph-leading position),
        ``verdict`` (:func:`document_verdict`: ``concern``, ``praise``, ``both``
        or ``absent``), ``start`` (= date).

        ``quotes`` (secondary document -> the document or event it quotes, from
        findings' ``quoted_from``): ``type``, ``count``, ``evidence`` (as above),
        ``start``. Quotes whose target cannot be resolved are listed in the
        secondary node's ``unresolved_quotes`` (list of the ``quoted_from``
        values). ``quoted_from`` may be a node id, a document id (or a prefix of
        8+ hex digits), a URL of a held document or event, or free text naming a
        date (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``) and optionally a kind
        (inspection, monitoring visit, focused visit, JTAI, direction,
        improvement notice, trust): the same authority's document or event of
        that kind nearest that date is taken.

        ``cooccurs`` (theme -> theme, ids in sorted order, only with
        ``cooccurrence=True``): ``type``, ``weight`` (float: findings naming
        both themes), ``documents`` (documents in which both are raised).

    Examples
    --------
    >>> from ofstedmine.corpus import Corpus
    >>> G = build_theme_graph(Corpus())
    >>> G.graph["schema"], G.number_of_nodes()
    ('ofstedmine.theme_graph/1', 0)
    """
    G = nx.MultiDiGraph(name="ofstedmine theme graph", schema=GRAPH_SCHEMA)
    labels = _codebook_labels(codebook)
    reports = list(iter_reports(corpus))
    for seq, r in enumerate(reports):
        G.add_node(r["node"], **_document_attrs(r, seq))
    finding_themes: list[tuple[str, tuple[str, ...]]] = []
    for r in reports:
        _add_raises(G, r, min_count=min_count, labels=labels)
        for f in r["extraction"].findings:
            if len(f.themes) > 1:
                finding_themes.append((r["node"], tuple(sorted(set(f.themes)))))
    if events:
        _add_events(G, corpus.events, reports)
    _link_chains(G)
    for r in reports:
        if r["secondary"]:
            _add_quotes(G, r)
    if cooccurrence:
        _add_cooccurrence(G, finding_themes, min_count=min_count)
    _date_themes(G)
    G.graph["authorities"] = sorted(authorities_of(G))
    return G

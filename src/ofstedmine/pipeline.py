"""The pipeline: the one place that runs sources -> parse -> extract -> corpus.

:func:`authority_corpus` is what ``ofstedmine report``, ``persistence``, ``graph``
and ``timeline`` run before analysing: resolve the authority through the registry
once, fill the local store (from a mirror folder, the network, or nothing in offline
mode), parse and extract what the store holds, and attach the dated events of
:func:`ofstedmine.timeline` (statistics visits and ``events.csv``) that have no text
held. The network is touched only through :mod:`ofstedmine.sources`; ``analysis``,
``io``, ``viz`` and ``report`` receive what this module returns and never fetch.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

    from ofstedmine.corpus import Corpus
    from ofstedmine.types import Event

from ofstedmine._paths import default_store_dir

__all__ = ["authority_corpus", "default_store_dir", "events_from_timeline"]

log = logging.getLogger(__name__)


def events_from_timeline(frame: pd.DataFrame) -> list[Event]:
    """The rows of a timeline frame whose text is not held, as :class:`Event` records.

    >>> import pandas as pd
    >>> tl = pd.DataFrame({"date": pd.to_datetime(["2021-09-01"]), "date_precision": ["month"],
    ...                    "kind": ["dfe_direction"], "title": ["Direction"], "authority": ["bradford"],
    ...                    "source": ["events.csv"], "text_held": [False], "url": [None]})
    >>> events_from_timeline(tl)[0].kind.value
    'dfe_direction'
    """
    import pandas as pd

    from ofstedmine.types import DatePrecision, Event, EventKind

    def missing(value: Any) -> bool:
        return value is None or (not isinstance(value, (list, tuple)) and bool(pd.isna(value)))

    out = []
    for rec in frame.to_dict("records"):
        if bool(rec.get("text_held")) or missing(rec.get("date")):
            continue
        try:
            kind = EventKind(rec.get("kind"))
        except ValueError:
            kind = EventKind.OTHER
        themes = rec.get("themes")
        date = rec["date"]
        date = date.date() if hasattr(date, "date") and callable(date.date) else date
        precision = rec.get("date_precision")
        out.append(
            Event(
                date=date if isinstance(date, dt.date) else dt.date.fromisoformat(str(date)[:10]),
                kind=kind,
                authority=None if missing(rec.get("authority")) else str(rec["authority"]),
                title=str(rec.get("title") or kind.value.replace("_", " ")),
                date_precision=DatePrecision(
                    "day" if missing(precision) else str(precision or "day")
                ),
                source=None if missing(rec.get("source")) else str(rec["source"]),
                source_url=None if missing(rec.get("url")) else str(rec["url"]),
                themes=tuple(str(t) for t in themes) if isinstance(themes, (list, tuple)) else (),
            )
        )
    return out


def _statistics_frame(folder: Path, cache: Any = None) -> pd.DataFrame | None:
    """The visits of the statistics releases in ``folder``, with missing dates as
    None (not NaT), so that date arithmetic downstream skips them."""
    from ofstedmine.sources import statistics

    frame = statistics.read_visits(sorted(folder.glob("*.ods")), cache=cache)
    frame = frame.astype(object)
    return frame.where(frame.notna(), None)


def authority_corpus(
    authority: Any,
    *,
    store: str | os.PathLike[str] | None = None,
    mirror: str | os.PathLike[str] | None = None,
    offline: bool = False,
    base_url: str | None = None,
    statistics: str | os.PathLike[str] | None = None,
    events: str | os.PathLike[str] | None = None,
    cache: bool | str | os.PathLike[str] = True,
    workers: int | None = None,
    model: str | None = None,
    secondary: str | os.PathLike[str] | None = None,
    say: Callable[[str], None] | None = None,
) -> tuple[Corpus, pd.DataFrame]:
    """One authority's documents and events, ready for the report and the analyses.

    Parameters
    ----------
    authority
        Registry id, name, URN or alias (``"bradford"``, ``80449``, ``"Bradford
        Children and Families Trust"``).
    store
        The local store folder (default :func:`default_store_dir`).
    mirror
        A folder laid out like the shared corpus, used instead of the network.
        Its ``events.csv`` and ``statistics/`` are used when ``events`` and
        ``statistics`` are not given.
    offline
        Use only what the store holds.
    base_url
        Base URL of Ofsted's report site (tests and mirrors of the site).
    statistics, events
        A folder of official statistics releases (``*.ods``) and an
        ``events.csv`` file.
    cache, workers, model
        As for :meth:`ofstedmine.Corpus.from_paths`.
    secondary
        A CSV manifest of news articles and council minutes (see
        :meth:`ofstedmine.Corpus.with_secondary`): their quotes of Ofsted and of
        DfE notices are linked to the documents and events they quote.
    say
        Called with one line of progress at each step (e.g. ``click.echo``).

    Returns
    -------
    (Corpus, pandas.DataFrame)
        The corpus (documents of the store with the timeline's dated events
        attached) and the timeline frame of :func:`ofstedmine.timeline`.
    """
    import ofstedmine.authorities as authorities
    from ofstedmine.corpus import Corpus
    from ofstedmine.sources.events import timeline as make_timeline

    say = say or (lambda line: log.info("%s", line))
    # resolved once here; everything below receives the Authority record
    auth = authority if isinstance(authority, authorities.Authority) else authorities.get(authority)
    root = Path(store) if store is not None else default_store_dir()
    mirror_dir = Path(mirror) if mirror is not None else None
    if events is None and mirror_dir is not None and (mirror_dir / "events.csv").is_file():
        events = mirror_dir / "events.csv"
    if statistics is None and mirror_dir is not None and (mirror_dir / "statistics").is_dir():
        statistics = mirror_dir / "statistics"

    from ofstedmine.sources.fetch import fetch
    from ofstedmine.sources.store import Store

    options: dict[str, Any] = {"store": root, "mirror": mirror_dir, "offline": offline}
    if base_url:
        options["base_url"] = base_url
    summary = fetch(auth, progress=False, **options)
    source = "the mirror" if mirror_dir else ("the store (offline)" if offline else "the network")
    say(f"{auth.name}: {summary} from {source} into {root}")
    for item in summary.failed:
        say(f"  not fetched: {item.url or '?'}: {item.reason}")
    held = Store(root, offline=True)
    entries = held.entries(auth.id)
    paths = [str(held.path(e)) for e in entries]
    pubs = {str(held.path(e)): e.publication() for e in entries}
    corpus = Corpus.from_paths(paths, publications=pubs, cache=cache, workers=workers, model=model)
    say(f"{auth.name}: {len(corpus)} documents parsed and extracted, {len(corpus.failures)} failed")
    for f in corpus.failures:
        say(f"  skipped {f.path}: {f.error}: {f.message}")

    stats_frame = None
    if statistics is not None:
        try:
            stats_frame = _statistics_frame(Path(statistics), cache=cache)
        except Exception as exc:  # noqa: BLE001 - the report is still worth having
            say(f"  statistics not read ({type(exc).__name__}: {exc}); visits left out")
    try:
        tl = make_timeline(auth, store=held, statistics=stats_frame, events=events)
    except Exception as exc:  # noqa: BLE001
        say(f"  timeline with statistics failed ({type(exc).__name__}: {exc}); retrying without")
        tl = make_timeline(auth, store=held, events=events)
    evs = events_from_timeline(tl)
    say(f"{auth.name}: timeline of {len(tl)} items, {len(evs)} of them dated events without text")
    corpus = corpus.with_events(evs)
    if secondary is not None:
        before = len(corpus)
        corpus = corpus.with_secondary(secondary, authority=auth.id)
        say(f"{auth.name}: {len(corpus) - before} secondary sources (news, minutes) added")
    return corpus, tl

"""Fill a store: Ofsted's listings and GOV.UK's notices (or a mirror) -> files on disk.

>>> summary = FetchSummary()
>>> summary.ok, str(summary)
(True, '0 new, 0 unchanged, 0 failed')
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from typing import Any

from ..types import DocumentKind, Publication
from .govuk import GOVUK_BASE_URL, fetch_notice, find_all_notices, find_notices
from .http import HttpClient, HttpSettings
from .ofsted import OFSTED_BASE_URL, provider_url, read_provider_page, search_authorities
from .store import Store, StoreResult

__all__ = ["DEFAULT_KINDS", "FetchItem", "FetchSummary", "fetch"]

#: What :func:`fetch` downloads by default: everything but ``other`` (e.g. area SEND
#: inspections, which are not about children's social care).
DEFAULT_KINDS: frozenset[DocumentKind] = frozenset(DocumentKind) - {DocumentKind.OTHER}


@dataclass(frozen=True)
class FetchItem:
    """One outcome: what (a publication, or a page URL), its status, where, and why."""

    status: str  # new | updated | unchanged | failed
    url: str | None = None
    publication: Publication | None = None
    path: str | None = None
    reason: str | None = None
    error: str | None = None  # the exception's class name, for failures


@dataclass
class FetchSummary:
    """What a :func:`fetch` run did. One failure never stops the run."""

    new: list[FetchItem] = field(default_factory=list)
    unchanged: list[FetchItem] = field(default_factory=list)
    failed: list[FetchItem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed

    def __str__(self) -> str:
        return f"{len(self.new)} new, {len(self.unchanged)} unchanged, {len(self.failed)} failed"

    def _add(self, result: StoreResult, pub: Publication) -> None:
        item = FetchItem(result.status, pub.url, pub, result.entry.path)
        (self.unchanged if result.status == "unchanged" else self.new).append(item)

    def _fail(self, exc: BaseException, *, url: str | None, pub: Publication | None = None):
        reason = str(exc) or type(exc).__name__
        self.failed.append(FetchItem("failed", url, pub, None, reason, type(exc).__name__))


@dataclass
class _Target:
    authority: Any  # registry object, or None for a provider the registry lacks
    authority_id: str
    urns: list[int]
    page_urls: list[str]


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-") or "unknown"


def _resolve(authority: Any) -> Any:
    if isinstance(authority, str):
        import ofstedmine.authorities as authorities

        return authorities.get(authority)
    return authority


def _lookup_urn(urn: int) -> Any:
    import ofstedmine.authorities as authorities

    return authorities.lookup(urn)


def _targets_from_search(refs: Iterable[Any]) -> list[_Target]:
    by_id: dict[str, _Target] = {}
    for ref in refs:
        auth = _lookup_urn(ref.urn)
        aid = auth.id if auth is not None else _slug(ref.name)
        target = by_id.setdefault(aid, _Target(auth, aid, [], []))
        if ref.url not in target.page_urls:
            target.urns.append(ref.urn)
            target.page_urls.append(ref.url)
    return list(by_id.values())


def _progress(total: int | None, unit: str, enabled: bool) -> Any:
    from tqdm.auto import tqdm

    disable = not enabled or not (hasattr(sys.stderr, "isatty") and sys.stderr.isatty())
    return tqdm(total=total, unit=unit, disable=disable, leave=False)


def fetch(
    authority: Any = None,
    *,
    store: Store | str | os.PathLike[str],
    client: HttpClient | None = None,
    settings: HttpSettings | None = None,
    base_url: str = OFSTED_BASE_URL,
    govuk_base_url: str = GOVUK_BASE_URL,
    offline: bool = False,
    mirror: str | os.PathLike[str] | None = None,
    progress: bool = True,
    kinds: Collection[DocumentKind] = DEFAULT_KINDS,
    notices: bool = True,
) -> FetchSummary:
    """Bring the store up to date for one authority (registry key or object), or all.

    For all (``authority=None``) the site's search lists the providers; each is
    matched to the registry by URN (if the search fails, that is recorded and the
    registry's current authorities are used instead). Each authority's provider pages are read and
    every listed document of ``kinds`` not yet held (or changed since) is
    downloaded; with ``notices`` the DfE's direction and improvement notices are
    looked up on GOV.UK too. With ``mirror`` the mirror folder replaces the network
    entirely; ``offline`` only reports what the store holds. Failures are recorded
    in :attr:`FetchSummary.failed` with their reason and the run goes on.
    """
    if isinstance(store, Store):
        if offline or mirror is not None:
            store = Store(
                store.root, offline=offline or store.offline, mirror=mirror or store.mirror
            )
    else:
        store = Store(store, offline=offline, mirror=mirror)
    summary = FetchSummary()
    if store.offline:
        return _fetch_offline(authority, store, summary)
    if store.mirror is not None:
        return _fetch_mirror(authority, store, summary, kinds, progress)
    own_client = client is None
    client = client or HttpClient(settings)
    try:
        auths: Iterable[Any]
        if authority is None:
            try:
                targets = _targets_from_search(search_authorities(client, base_url=base_url))
                auths = ()
            except Exception as exc:  # noqa: BLE001 - reported; the registry stands in
                summary._fail(exc, url=base_url)
                import ofstedmine.authorities as authorities

                targets, auths = [], authorities.all_authorities(current_only=True)
        elif isinstance(authority, str) or hasattr(authority, "id"):
            targets, auths = [], [authority]
        else:
            targets, auths = [], authority
        for a in auths:
            try:
                auth = _resolve(a)
            except Exception as exc:  # noqa: BLE001
                summary._fail(exc, url=None)
                continue
            urns = list(auth.urns)
            targets.append(
                _Target(auth, auth.id, urns, [provider_url(u, base_url=base_url) for u in urns])
            )
        notice_map: dict[str, list[Publication]] | None = None
        if notices and authority is None:  # two searches, not two per authority
            try:
                notice_map = find_all_notices(client, base_url=govuk_base_url)
            except Exception as exc:  # noqa: BLE001
                summary._fail(exc, url=govuk_base_url)
                notices = False
        bar = _progress(len(targets), "authority", progress)
        for target in targets:
            bar.set_description(target.authority_id)
            found = None if notice_map is None else notice_map.get(target.authority_id, [])
            _fetch_target(target, client, store, summary, kinds, notices, govuk_base_url, found)
            bar.update(1)
        bar.close()
    finally:
        if own_client:
            client.close()
    return summary


def _fetch_target(
    target: _Target,
    client: HttpClient,
    store: Store,
    summary: FetchSummary,
    kinds: Collection[DocumentKind],
    notices: bool,
    govuk_base_url: str,
    found: list[Publication] | None = None,
) -> None:
    pubs: list[Publication] = []
    seen: set[str] = set()
    for urn, url in zip(target.urns, target.page_urls):
        try:
            listed = read_provider_page(
                client.get_text(url), base_url=url, urn=urn, authority=target.authority_id
            )
        except Exception as exc:  # noqa: BLE001
            summary._fail(exc, url=url)
            continue
        for pub in listed:
            if pub.url not in seen and pub.kind in kinds:
                seen.add(pub.url or "")
                pubs.append(pub)
    for pub in pubs:
        try:
            summary._add(store.fetch(pub, client), pub)
        except Exception as exc:  # noqa: BLE001
            summary._fail(exc, url=pub.url, pub=pub)
    if not notices or target.authority is None:
        return
    if found is None:
        try:
            found = find_notices(client, target.authority, base_url=govuk_base_url)
        except Exception as exc:  # noqa: BLE001
            summary._fail(exc, url=govuk_base_url)
            return
    for pub in found:
        if pub.kind not in kinds:
            continue
        try:
            for result in fetch_notice(client, pub, store, base_url=govuk_base_url):
                summary._add(result, result.entry.publication())
        except Exception as exc:  # noqa: BLE001
            summary._fail(exc, url=pub.url, pub=pub)


def _fetch_mirror(
    authority: Any,
    store: Store,
    summary: FetchSummary,
    kinds: Collection[DocumentKind],
    progress: bool,
) -> FetchSummary:
    try:
        auths = [None] if authority is None else [authority]
        if authority is not None and not (isinstance(authority, str) or hasattr(authority, "id")):
            auths = list(authority)
        pubs = [p for a in auths for p in store.mirror_publications(a) if p.kind in kinds]
    except Exception as exc:  # noqa: BLE001
        summary._fail(exc, url=str(store.mirror))
        return summary
    bar = _progress(len(pubs), "file", progress)
    for pub in pubs:
        try:
            summary._add(store.fetch(pub), pub)
        except Exception as exc:  # noqa: BLE001
            summary._fail(exc, url=pub.url or pub.file_id, pub=pub)
        bar.update(1)
    bar.close()
    return summary


def _fetch_offline(authority: Any, store: Store, summary: FetchSummary) -> FetchSummary:
    from ..errors import OfflineError

    if authority is None:
        entries = store.entries()
    else:
        aid = authority if isinstance(authority, str) else authority.id
        with contextlib.suppress(Exception):  # an id not in the registry may still be held
            aid = _resolve(authority).id
        entries = store.entries(aid)
    if not entries:
        summary._fail(
            OfflineError(
                f"nothing held for {authority or 'any authority'} in {store.root} and offline "
                "mode is on; fetch once without offline=True"
            ),
            url=None,
        )
    for entry in entries:
        summary._add(StoreResult("unchanged", entry), entry.publication())
    return summary

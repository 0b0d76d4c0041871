"""The report's local authority, from the registry (:mod:`ofstedmine.authorities`)."""

from __future__ import annotations

import re
from collections.abc import Iterable

import ofstedmine.authorities as authorities
from ofstedmine.types import Document


def _authority(
    document: Document, title: str | None, head: str
) -> tuple[str | None, str | None, int | None]:
    """(id, name, URN) of the authority named in ``title``, then in ``head``, else by
    :func:`_fallback_keys`; else ``document.authority`` with no name or URN."""
    found = None
    try:
        for text in (title or "", head):
            hits = authorities.find_in_text(text, limit=1) if text else []
            if hits:
                found = hits[0]
                break
        if found is None:
            for key in _fallback_keys(document):
                found = authorities.lookup(key)
                if found is not None:
                    break
    except Exception:  # registry data problems must not stop extraction
        found = None
    if found is None:
        return document.authority, None, None
    return found.id, found.name, found.urn


def _fallback_keys(document: Document) -> Iterable[str]:
    """The parser's authority, the listing's URN and the corpus folder ("80449_bradford")."""
    if document.authority:
        yield document.authority
    pub = document.publication
    if pub is not None and pub.urn:
        yield str(pub.urn)
    if document.source_name:
        m = re.search(r"(\d{5,7}_[a-z0-9\-]+)[/\\][^/\\]+$", document.source_name)
        if m:
            yield m.group(1)

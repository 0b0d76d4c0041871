"""The exception tree of ofstedmine.

Every error the library raises on purpose derives from :class:`OfstedmineError`,
so ``except OfstedmineError`` catches all of them and nothing else. Each message
says what was wrong and what to do about it.

::

    OfstedmineError
    ├── ConfigError                 a settings object got a bad value
    ├── UnknownAuthorityError       a name/URN/code is not in the registry
    ├── DocumentError               a source could not be parsed (has .source)
    │   ├── EmptyDocumentError      zero bytes
    │   ├── NotAPdfError            a .pdf that is not a PDF (e.g. an HTML page)
    │   ├── CorruptPdfError         truncated or damaged PDF
    │   ├── EncryptedPdfError       password-protected PDF
    │   ├── NoTextLayerError        image-only (scanned) PDF
    │   ├── DocumentTooLargeError   over max_pages / max_bytes
    │   └── ParseTimeoutError       over the time allowed per document
    ├── ExtractionError             extraction failed on a parsed document
    │   └── CodebookError           a theme codebook file is invalid
    ├── SourceError                 fetching from the network or a store failed
    │   ├── FetchError              HTTP failure after retries (has .url, .status)
    │   ├── DisallowedError         robots.txt or host allow-list refused a URL
    │   ├── MarkupChangedError      a page lacks an element the scraper needs
    │   ├── OfflineError            the network is needed but offline mode is on
    │   └── StoreError              the local store is inconsistent or unwritable
    └── StatisticsError             an official statistics file could not be read
"""

from __future__ import annotations

__all__ = [
    "CodebookError",
    "ConfigError",
    "CorruptPdfError",
    "DisallowedError",
    "DocumentError",
    "DocumentTooLargeError",
    "EmptyDocumentError",
    "EncryptedPdfError",
    "ExtractionError",
    "FetchError",
    "MarkupChangedError",
    "NoTextLayerError",
    "NotAPdfError",
    "OfflineError",
    "OfstedmineError",
    "ParseTimeoutError",
    "SourceError",
    "StatisticsError",
    "StoreError",
    "UnknownAuthorityError",
]


class OfstedmineError(Exception):
    """Base class of every error ofstedmine raises on purpose."""


class ConfigError(OfstedmineError, ValueError):
    """Raised when a settings object is given a bad value; names the field."""


class UnknownAuthorityError(OfstedmineError, LookupError):
    """Raised when a name, URN or LA code matches no authority in the registry."""


class DocumentError(OfstedmineError):
    """Raised when a source cannot be turned into a Document.

    ``source`` names the file (or ``"<bytes>"``) so a corpus run can report it.
    """

    def __init__(self, message: str, *, source: str | None = None) -> None:
        self.source = source
        prefix = f"{source}: " if source else ""
        super().__init__(prefix + message)

    def __reduce__(self):  # keep pickling across worker processes intact
        return (_rebuild_document_error, (type(self), self.args[0], self.source))


def _rebuild_document_error(cls, message, source):
    err = cls.__new__(cls)
    Exception.__init__(err, message)
    err.source = source
    return err


class EmptyDocumentError(DocumentError):
    """Raised when a source has zero bytes (or only whitespace)."""


class NotAPdfError(DocumentError):
    """Raised when a source said to be a PDF does not start like one."""


class CorruptPdfError(DocumentError):
    """Raised when PDF bytes are truncated or damaged beyond reading."""


class EncryptedPdfError(DocumentError):
    """Raised when a PDF needs a password."""


class NoTextLayerError(DocumentError):
    """Raised when no page of a PDF has a text layer (a scanned image)."""


class DocumentTooLargeError(DocumentError):
    """Raised when a source exceeds ``max_pages`` or ``max_bytes``."""


class ParseTimeoutError(DocumentError):
    """Raised when parsing one document exceeds its time limit."""


class ExtractionError(OfstedmineError):
    """Raised when extraction fails on a parsed document."""


class CodebookError(ExtractionError):
    """Raised when a theme codebook file is missing fields or malformed."""


class SourceError(OfstedmineError):
    """Raised when fetching from the network or reading a store fails."""


class FetchError(SourceError):
    """Raised when an HTTP request fails after its retries.

    ``url`` and ``status`` (None for connection failures) say which and how.
    """

    def __init__(self, message: str, *, url: str | None = None, status: int | None = None):
        self.url = url
        self.status = status
        super().__init__(message)


class DisallowedError(SourceError):
    """Raised when robots.txt or the host allow-list forbids a URL."""


class MarkupChangedError(SourceError):
    """Raised when a fetched page lacks an element the scraper relies on."""


class OfflineError(SourceError):
    """Raised when a resource is not in the store and offline mode is on."""


class StoreError(SourceError):
    """Raised when the local store is inconsistent, corrupt or unwritable."""


class StatisticsError(OfstedmineError):
    """Raised when an official statistics release cannot be read."""

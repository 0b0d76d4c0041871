"""Where documents come from: the network and the disk.

Submodules (import the one you need; nothing heavy is imported here):

``http``
    One polite HTTP client: honest User-Agent, per-host rate limit, robots.txt,
    host allow-list, retries with backoff, size cap, conditional GET, page cache.
``policy``
    The pure decisions ``http`` follows: allowed URL?, retry and how long?,
    ``Retry-After``, when may the next request to a host go?
``ofsted``
    reports.ofsted.gov.uk: search results -> provider pages -> ``Publication``.
``govuk``
    GOV.UK Search and Content APIs: DfE direction and improvement notices.
``statistics``
    Ofsted's official statistics releases (.ods): judgement history and visits.
``store``
    The local, browsable, content-addressed store with its ``manifest.csv``;
    atomic writes, ``verify()``, offline mode, a mirror folder for the network.
``mirror``
    Reads a folder laid out like the shared corpus (with its ``manifest.csv``).
``fetch``
    ``fetch()``: bring a store up to date for one authority or all.
``events``
    ``read_events_csv()`` and ``timeline()``: held documents, statistics visits
    and listed events in one dated sequence.
"""

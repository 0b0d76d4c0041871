"""``python -m ofstedmine.cli``: the ``ofstedmine`` script."""

from __future__ import annotations

import sys

from ofstedmine.cli import main

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

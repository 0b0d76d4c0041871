"""Warning classes of ofstedmine (kept apart so pytest can refer to them early)."""


class OfstedmineWarning(UserWarning):
    """Base class of the warnings ofstedmine issues; ``strict=True`` raises them."""

"""Errors a user can act on.  The CLI prints their message on one line and exits non-zero."""


class ClaimledgerError(Exception):
    """Base class: anything raised as this reaches the user as one clear line, no traceback."""


class InputError(ClaimledgerError):
    """The input cannot be analysed (missing, empty, binary, too large, not an article, wrong language)."""


class StoreError(ClaimledgerError):
    """The database cannot be opened or written."""

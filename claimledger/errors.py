"""Errors a user can act on.  The CLI prints their message on one line and exits non-zero."""

from __future__ import annotations

import re


class ClaimledgerError(Exception):
    """Base class: anything raised as this reaches the user as one clear line, no traceback."""


class InputError(ClaimledgerError):
    """The input cannot be analysed (missing, empty, binary, too large, not an article, wrong language)."""


class StoreError(ClaimledgerError):
    """The database cannot be opened or written."""


_USERINFO = re.compile(r"(?P<scheme>[A-Za-z][A-Za-z0-9+.\-]*://)(?P<user>[^:/@?#\s]*):(?P<password>[^/?#\s]*)@")
_QUERY_PASSWORD = re.compile(r"(?i)([?&](?:password|passwd|pwd)=)[^&#\s]*")


def mask_url(url: object) -> str:
    """A database (or any) URL with its password masked, for every message and log line:
    ``postgresql+psycopg://u:PASS@host/db`` -> ``postgresql+psycopg://u:***@host/db``; a ``?password=`` query
    parameter is masked too.  Anything that is not a URL is returned unchanged (as a string)."""
    text = str(url)
    text = _USERINFO.sub(lambda m: f"{m['scheme']}{m['user']}:***@", text)
    return _QUERY_PASSWORD.sub(r"\1***", text)

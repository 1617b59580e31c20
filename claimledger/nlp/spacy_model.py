"""Kept for callers of ``load_english``: the English model now lives in the English language pack."""
from __future__ import annotations

from claimledger.lang.en import MODEL_PACKAGE, load_model as load_english  # noqa: F401

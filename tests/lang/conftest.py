"""Russian and Ukrainian articles through the whole per-article pipeline (parse to events)."""

import pytest

from claimledger.model import Article


@pytest.fixture(scope="session")
def analyze_lang(analyzer):
    def run(text, language, published=None):
        return analyzer.analyze(Article(text=text, sha256="", published=published, language=language))

    return run


def claim_by(ledger, speaker_part):
    for c in ledger.claims:
        if speaker_part.lower() in c.speaker.text.lower():
            return c
    raise AssertionError(f"no claim by {speaker_part!r}: {[c.speaker.text for c in ledger.claims]}")


def place_text(ledger, place_id):
    place = next(p for p in ledger.places if p.id == place_id)
    return place

"""Shared fixtures: the analyzer is loaded once for the whole test run (as a worker would)."""
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(scope="session")
def analyzer():
    from claimledger.pipeline import Analyzer

    return Analyzer.load()


@pytest.fixture(scope="session")
def analyze(analyzer):
    def run(text, published=None):
        return analyzer.analyze_text(text, published)

    return run


def find_claim(ledger, speaker_part):
    for c in ledger.claims:
        if speaker_part.lower() in c.speaker.text.lower():
            return c
    raise AssertionError(f"no claim by {speaker_part!r}: {[c.speaker.text for c in ledger.claims]}")

"""The statement matcher on hand-written labelled pairs (tests/fixtures/statements/pairs.jsonl: paraphrases,
Russian and Ukrainian translations, hard negatives on the same place and topic in English and Ukrainian), with
the encoder and without: floors on precision and recall, overall and per kind (figures in docs/accuracy.md).
Ukrainian reaches the encoder and the lemma comparison through the uk pack's bridge into Russian."""

import json

import pytest

from claimledger.link.statement_match import THRESHOLD, load_encoder, signatures, similarity
from tests.conftest import FIXTURES


def _scores(encoder):
    rows = [json.loads(line) for line in open(FIXTURES / "statements" / "pairs.jsonl")]
    cache = {}

    def sig(text, lang):
        if (text, lang) not in cache:
            cache[(text, lang)] = signatures([text], lang, encoder=encoder)[0]
        return cache[(text, lang)]

    return [(similarity(sig(r["a"], r["la"]), sig(r["b"], r["lb"])), r["same"], r["kind"]) for r in rows]


def _found(scores, kind):
    found = [s >= THRESHOLD for s, _, k in scores if k == kind]
    assert found, kind
    return sum(found) / len(found)


@pytest.fixture(scope="module")
def with_encoder():
    return _scores(load_encoder())


@pytest.fixture(scope="module")
def without_encoder():
    return _scores(None)


def test_matcher_precision_and_recall_floor(with_encoder):
    scores = with_encoder
    assert len(scores) >= 800 and sum(1 for _, y, _ in scores if not y) >= 500
    tp = sum(1 for s, y, _ in scores if s >= THRESHOLD and y)
    fp = sum(1 for s, y, _ in scores if s >= THRESHOLD and not y)
    fn = sum(1 for s, y, _ in scores if s < THRESHOLD and y)
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    print(f"statements pairs: precision {precision:.3f} recall {recall:.3f} (tp {tp} fp {fp} fn {fn})")
    assert precision >= 0.92
    assert recall >= 0.8
    # English paraphrases; English-Russian; English-Ukrainian and Russian-Ukrainian translations
    for kind, floor in (("o-p", 0.72), ("o-r", 0.85), ("o-u", 0.75), ("r-u", 0.9)):
        assert _found(scores, kind) >= floor, kind


def test_ukrainian_pairs_with_encoder(with_encoder):
    """Ukrainian claims join their English and Russian translations, and Ukrainian hard negatives stay apart."""
    uk = [(s, y) for s, y, k in with_encoder if "u" in k]
    assert len(uk) >= 300
    assert sum(1 for s, y in uk if s >= THRESHOLD and not y) <= 0.04 * sum(1 for _, y in uk if not y)
    for kind in ("u-n1", "u-n2", "o-nu", "r-nu", "u-nu"):
        assert _found(with_encoder, kind) <= 0.08, kind


def test_matcher_without_encoder_stays_precise(without_encoder):
    """The default (no encoder): same-language wordings match, and Ukrainian ones match Russian through the
    bridge's Russian lemmas; no hard negative does."""
    scores = without_encoder
    assert not [k for s, y, k in scores if s >= THRESHOLD and not y]
    assert sum(1 for s, y, k in scores if s >= THRESHOLD and k == "o-p") >= 12
    assert _found(scores, "r-u") >= 0.6

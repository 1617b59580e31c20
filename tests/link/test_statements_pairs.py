"""The statement matcher on hand-written labelled pairs (tests/fixtures/statements/pairs.jsonl: paraphrases,
Russian and Ukrainian translations, hard negatives on the same place and topic), with the encoder: a floor on
precision and recall (figures in docs/accuracy.md)."""

import json

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


def test_matcher_precision_and_recall_floor():
    scores = _scores(load_encoder())
    assert len(scores) >= 300 and sum(1 for _, y, _ in scores if not y) >= 150
    tp = sum(1 for s, y, _ in scores if s >= THRESHOLD and y)
    fp = sum(1 for s, y, _ in scores if s >= THRESHOLD and not y)
    fn = sum(1 for s, y, _ in scores if s < THRESHOLD and y)
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    print(f"statements pairs: precision {precision:.3f} recall {recall:.3f} (tp {tp} fp {fp} fn {fn})")
    assert precision >= 0.92
    assert recall >= 0.62
    for kind, floor in (("o-p", 0.75), ("o-r", 0.8)):  # English paraphrases; English-Russian translations
        found = [s >= THRESHOLD for s, _, k in scores if k == kind]
        assert sum(found) / len(found) >= floor, kind


def test_matcher_without_encoder_stays_precise():
    """The default (no encoder): only same-language wordings match, and no hard negative does."""
    scores = _scores(None)
    assert not [k for s, y, k in scores if s >= THRESHOLD and not y]
    assert sum(1 for s, y, k in scores if s >= THRESHOLD and k == "o-p") >= 12

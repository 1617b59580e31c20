"""The own gold set: well-formed, big enough, and the matcher stays above a floor on it."""

from claimledger.framing.narratives import Catalogue
from claimledger_eval.framing_gold import evaluate, load_gold, markdown


def test_gold_set_is_well_formed():
    items = load_gold()
    assert len(items) >= 40
    ids = Catalogue.load().by_id
    styles = {i["style"] for i in items}
    assert {"ru_state", "ua_official", "monitor", "wire"} <= styles
    assert any(g["voice"] == "attributed" for i in items for g in i["expected"])
    assert any(not i["expected"] for i in items), "needs paragraphs with no narrative"
    for i in items:
        for g in i["expected"]:
            assert g["narrative"] in ids, (i["id"], g["narrative"])
            assert g["voice"] in ("own", "attributed")


def test_gold_scores_floor(detector):
    result = evaluate(detector, load_gold())
    # Floors well under the measured values (docs/framing-accuracy.md), to catch regressions.
    assert result["narrative_micro"]["P"] >= 0.8
    assert result["narrative_micro"]["R"] >= 0.8
    assert result["strict_micro"]["F1"] >= 0.75
    assert "## Framing (own gold set)" in markdown(result)


def test_gold_scores_patterns_only(pattern_detector):
    result = evaluate(pattern_detector, load_gold())
    assert result["narrative_micro"]["P"] >= 0.8
    assert result["narrative_micro"]["R"] >= 0.7

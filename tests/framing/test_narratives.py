"""Narrative catalogue (schema, size, sides) and matcher behaviour on single sentences."""

import re

import pytest

from claimledger.errors import ClaimledgerError
from claimledger.framing import FramingDetector, split_sentences
from claimledger.framing.narratives import Catalogue, load_data
from claimledger.model import Claim, Speaker, TextSpan


def test_catalogue_is_valid_and_broad():
    data = load_data("narratives")  # validates against the JSON schema
    assert re.fullmatch(r"\d+\.\d+\.\d+", data["version"])
    cat = Catalogue(data)
    assert len(cat.narratives) >= 30
    sides = {s for n in cat.narratives for s in n.sides}
    assert {"RU", "UA", "other"} <= sides
    assert len(cat.by_id) == len(cat.narratives), "duplicate narrative ids"
    for n in cat.narratives:
        assert n.mirror is None or n.mirror in cat.by_id
    assert sum(bool(n.semeval2025) for n in cat.narratives) >= 30


def test_invalid_catalogue_is_rejected(monkeypatch):
    import claimledger.framing.narratives as mod

    monkeypatch.setattr(mod.yaml, "safe_load", lambda _text: {"version": "x", "narratives": []})
    with pytest.raises(ClaimledgerError):
        mod.load_data("narratives")


def _detect(det, text, claims=()):
    return det.detect(text, split_sentences(text), list(claims))


def test_own_voice_assertion(pattern_detector):
    f = _detect(pattern_detector, "The neo-Nazi battalions in Mariupol use residents as a human shield.")
    got = {(h.narrative, h.voice) for h in f.narratives}
    assert ("nazi_ukraine", "own") in got and ("human_shields", "own") in got


def test_rebuttal_is_attributed_not_own(pattern_detector):
    f = _detect(pattern_detector, "Claims that Ukraine is run by neo-Nazis have been widely debunked.")
    assert [(h.narrative, h.voice) for h in f.narratives] == [("nazi_ukraine", "attributed")]


def test_reporting_frame_names_speaker(pattern_detector):
    text = "Russian state media portray the Maidan protests as a Western-backed coup."
    (hit,) = [h for h in _detect(pattern_detector, text).narratives if h.narrative == "maidan_coup"]
    assert hit.voice == "attributed" and hit.speaker.text == "Russian state media" and hit.speaker.side == "RU"


def test_claim_covering_sentence_sets_claim_and_speaker(pattern_detector):
    text = "Lavrov said the special military operation was forced on Russia."
    content = "the special military operation was forced on Russia"
    cs = text.index(content)
    claim = Claim(
        id="c9",
        sentence=(0, len(text)),
        speaker=Speaker("Lavrov", (0, 6), "official_party", "RU"),
        cue=TextSpan("said", (7, 11)),
        content=TextSpan(content, (cs, cs + len(content))),
    )
    (hit,) = _detect(pattern_detector, text, [claim]).narratives
    assert (hit.narrative, hit.voice, hit.claim, hit.speaker.text) == ("not_an_invasion", "attributed", "c9", "Lavrov")


def test_neutral_wire_copy_is_not_flagged(detector):
    text = (
        "Heavy fighting continued near the town on Thursday. The regional governor said two people "
        "were wounded by shelling. Every advance and claim is weighed against the backdrop of a "
        "protracted and complex war."
    )
    assert _detect(detector, text).narratives == []


def test_russian_wording(pattern_detector):
    f = _detect(pattern_detector, "Российские военные продолжают денацификацию Украины.")
    assert "nazi_ukraine" in {h.narrative for h in f.narratives}


def test_encoder_is_loaded_once():
    assert FramingDetector.load() is FramingDetector.load()

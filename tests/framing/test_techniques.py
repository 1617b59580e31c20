"""Technique lexicon (schema, all 14 labels) and span detection on one sentence per technique."""

import pytest

from claimledger.framing import split_sentences
from claimledger.framing.narratives import load_data
from claimledger.framing.techniques import TechniqueTagger
from claimledger.model import Claim, Speaker, TextSpan

ALL_14 = {
    "Appeal_to_Authority",
    "Appeal_to_fear-prejudice",
    "Bandwagon,Reductio_ad_hitlerum",
    "Black-and-White_Fallacy",
    "Causal_Oversimplification",
    "Doubt",
    "Exaggeration,Minimisation",
    "Flag-Waving",
    "Loaded_Language",
    "Name_Calling,Labeling",
    "Repetition",
    "Slogans",
    "Thought-terminating_Cliches",
    "Whataboutism,Straw_Men,Red_Herring",
}


@pytest.fixture(scope="module")
def tagger():
    return TechniqueTagger.load()


def test_lexicon_covers_all_14_labels():
    data = load_data("techniques")
    assert {t["id"] for t in data["techniques"]} == ALL_14


@pytest.mark.parametrize(
    "technique,sentence,cue",
    [
        ("Loaded_Language", "The barbaric strike hit a kindergarten.", "barbaric"),
        ("Name_Calling,Labeling", "The Kyiv regime keeps lying.", "Kyiv regime"),
        ("Doubt", "The so-called counteroffensive has produced nothing.", "so-called"),
        (
            "Exaggeration,Minimisation",
            "It was the worst humanitarian disaster in history.",
            "worst humanitarian disaster in history",
        ),
        (
            "Appeal_to_fear-prejudice",
            "If we do not act now, they will destroy our cities.",
            "If we do not act now, they will destroy",
        ),
        ("Flag-Waving", "They gave their lives for the motherland.", "for the motherland"),
        ("Causal_Oversimplification", "The West alone is to blame for this war.", "alone is to blame"),
        (
            "Appeal_to_Authority",
            "Leading military experts agree that the front will collapse.",
            "Leading military experts agree",
        ),
        ("Slogans", "Glory to Ukraine, the soldiers shouted.", "Glory to Ukraine"),
        ("Whataboutism,Straw_Men,Red_Herring", "And what about Iraq? Double standards, as always.", "what about"),
        ("Thought-terminating_Cliches", "War is war, the commander shrugged.", "War is war"),
        ("Black-and-White_Fallacy", "You are either with us or against us.", "with us or against us"),
        ("Bandwagon,Reductio_ad_hitlerum", "He behaves just like Hitler.", "like Hitler"),
    ],
)
def test_each_technique_fires(tagger, technique, sentence, cue):
    hits = [h for h in tagger.tag(sentence) if h.technique == technique]
    assert hits, f"{technique} not found in {sentence!r}"
    assert any(cue.lower() in h.text.lower() or h.text.lower() in cue.lower() for h in hits)
    for h in hits:
        assert sentence[h.span[0] : h.span[1]] == h.text


def test_repetition_of_loaded_phrase(tagger):
    text = (
        "The bloody regime must go. We say it again: the bloody regime must go. "
        "Everyone knows the bloody regime must go."
    )
    reps = [h for h in tagger.tag(text) if h.technique == "Repetition"]
    assert len(reps) == 2 and all("bloody regime" in h.text for h in reps)


def test_neutral_repeated_names_are_not_repetition(tagger):
    text = (
        "The Russian Defence Ministry said. The Russian Defence Ministry added. "
        "The Russian Defence Ministry later said."
    )
    assert not [h for h in tagger.tag(text) if h.technique == "Repetition"]


def test_voice_follows_claims(tagger):
    text = "Konashenkov said the barbaric Kyiv regime shelled Donetsk. It was a barbaric act."
    content = "the barbaric Kyiv regime shelled Donetsk"
    cs = text.index(content)
    sents = split_sentences(text)
    claim = Claim(
        id="c1",
        sentence=sents[0],
        speaker=Speaker("Konashenkov", (0, 11), "official_party", "RU"),
        cue=TextSpan("said", (12, 16)),
        content=TextSpan(content, (cs, cs + len(content))),
    )
    hits = tagger.tag(text, [claim])
    first = [h for h in hits if h.span[0] < sents[0][1]]
    second = [h for h in hits if h.span[0] >= sents[1][0]]
    assert first and all(h.voice == "attributed" and h.claim == "c1" for h in first)
    assert second and all(h.voice == "own" for h in second)


def test_classify_spans_uses_cues_then_fallback(tagger):
    text = "The Kyiv regime lies. Nothing here at all."
    labels = tagger.classify_spans(text, [(4, 15), (22, 29)])
    assert labels[0] == "Name_Calling,Labeling"
    assert labels[1] in ALL_14

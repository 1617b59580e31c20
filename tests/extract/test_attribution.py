"""Each attribution pattern, speaker type and certainty level, on sentences written for these tests."""

import pytest

from tests.conftest import find_claim


def span_text(ledger, span):
    return ledger.article.text[span[0] : span[1]]


@pytest.mark.parametrize(
    "text, speaker, cue, content_start, pattern",
    [
        ("The governor said that three villages had been evacuated.", "The governor", "said", "three villages", "verb"),
        (
            "Russian officials claimed Ukrainian units had withdrawn from the town.",
            "Russian officials",
            "claimed",
            "Ukrainian units",
            "verb",
        ),
        (
            "According to a Ukrainian commander, the bridge was destroyed on Monday.",
            "a Ukrainian commander",
            "According to",
            "the bridge",
            "according",
        ),
        (
            "The town was quiet, with one soldier claiming that the enemy had fled.",
            "one soldier",
            "claiming",
            "the enemy",
            "participle",
        ),
        ("It was reported that two drones were shot down over the city.", "", "reported", "two drones", "passive"),
        (
            "This advance, the general claimed, opens the road to the west.",
            "the general",
            "claimed",
            "This advance",
            "parataxis",
        ),
        (
            "“We will not give up a single metre of our land,” the commander said.",
            "the commander",
            "said",
            "We will not give up",
            "quote",
        ),
        (
            "Local sources suggest that the power station was hit again.",
            "Local sources",
            "suggest",
            "the power station",
            "verb",
        ),
    ],
)
def test_patterns(analyze, text, speaker, cue, content_start, pattern):
    ledger = analyze(text)
    assert ledger.claims, "no claim found"
    c = ledger.claims[0]
    assert c.speaker.text == speaker
    assert c.cue.text == cue
    assert c.content.text.startswith(content_start)
    assert c.pattern == pattern
    # every part points at its evidence
    assert span_text(ledger, c.content.span) == c.content.text
    assert span_text(ledger, c.cue.span) == c.cue.text
    if c.speaker.span:
        assert span_text(ledger, c.speaker.span) == c.speaker.text


@pytest.mark.parametrize(
    "text, speaker, typ, side",
    [
        ("Dmitry Peskov said the talks had stalled.", "Peskov", "official_party", "RU"),
        ("Ukraine's General Staff said the attack was repelled.", "General Staff", "official_party", "UA"),
        ("A Russian soldier said his unit had run out of shells.", "soldier", "combatant", "RU"),
        ("Residents said the water supply had been cut.", "Residents", "local_source", "unknown"),
        ("Independent analysts said the front line had barely moved.", "analysts", "independent", "unknown"),
        ("A Reuters correspondent reported that the square was empty.", "correspondent", "journalist", "other"),
        ("Sources said the commander had been dismissed.", "Sources", "anonymous", "unknown"),
    ],
)
def test_speaker_type_and_side(analyze, text, speaker, typ, side):
    c = find_claim(analyze(text), speaker)
    assert (c.speaker.type, c.speaker.side) == (typ, side)


@pytest.mark.parametrize(
    "text, certainty",
    [
        ("The ministry confirmed that the convoy had arrived.", "asserted"),
        ("The ministry said that the convoy had arrived.", "reported"),
        ("Local sources suggest that the convoy may have arrived.", "hedged"),
        ("The ministry claimed, without providing evidence, that the convoy had arrived.", "unverified"),
        ("Kyiv denied that the convoy had arrived.", "denied"),
    ],
)
def test_certainty_from_cue(analyze, text, certainty):
    assert analyze(text).claims[0].certainty == certainty


def test_later_sentences_mark_unverified_and_disputed(analyze):
    text = (
        "Russian officials said the village was cleared, with one fighter claiming that residents greeted the troops.\n"
        "This assertion, while unverified, was repeated on state television.\n"
        "However, independent reports have raised questions about such claims."
    )
    ledger = analyze(text)
    officials = find_claim(ledger, "Russian officials")
    fighter = find_claim(ledger, "one fighter")
    dispute = find_claim(ledger, "independent reports")
    assert fighter.certainty == "unverified"  # the specific evaluation wins
    assert fighter.speaker.side == "RU"  # inherited from the governing speaker
    assert officials.certainty == "disputed"
    assert dispute.id in officials.disputed_by and dispute.id in fighter.disputed_by
    assert set(dispute.disputes) == {officials.id, fighter.id}
    assert dispute.speaker.type == "independent"


def test_bare_officials_take_side_from_context(analyze):
    text = (
        "The Russian government continues to frame the war as a defence of Donbas.\n"
        "Officials have repeatedly emphasized that the conflict began in 2014."
    )
    officials = find_claim(analyze(text), "Officials")
    assert (officials.speaker.type, officials.speaker.side) == ("official_party", "RU")


def test_no_claim_in_plain_narration(analyze):
    assert analyze("The river froze early this year and the roads were closed.").claims == []


@pytest.mark.parametrize(
    "text, speaker, cue, content_start",
    [
        (
            "The mayor has repeatedly called for a ceasefire in the region.",
            "The mayor",
            "has repeatedly called for",
            "a ceasefire",
        ),
        ("The governor plans to rebuild the bridge by spring.", "The governor", "plans", "to rebuild"),
        ("A new poll shows that most residents want the talks to resume.", "A new poll", "shows", "most residents"),
        (
            "The commander said in a statement that the unit had withdrawn.",
            "The commander",
            "said in a statement",
            "the unit",
        ),
        (
            "The general appeared to suggest that the offensive had stalled.",
            "The general",
            "appeared to suggest",
            "the offensive",
        ),
    ],
)
def test_more_cues_and_verb_groups(analyze, text, speaker, cue, content_start):
    c = analyze(text).claims[0]
    assert (c.speaker.text, c.cue.text) == (speaker, cue)
    assert c.content.text.startswith(content_start)


def test_transcript_labels_and_quote_continuations(analyze):
    text = (
        "WALLACE: Governor, let us start with the news from the front.\n"
        "“We are holding the line,” the commander said. “The enemy has suffered heavy losses.”"
    )
    ledger = analyze(text)
    label = find_claim(ledger, "WALLACE")
    assert label.cue.text == ":" and label.content.text.startswith("Governor, let us start")
    said = [c for c in ledger.claims if c.speaker.text == "the commander"]
    assert [c.content.text for c in said] == ["We are holding the line", "The enemy has suffered heavy losses"]

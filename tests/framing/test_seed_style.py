"""The issue's bar, on a hand-written article in the style of the seed report (and on the seed
itself when ../shared is present): the war's justifying narratives are found with evidence spans,
attributed to Russian officials / the fighter, and the closing framing sentence is not flagged."""

from pathlib import Path

import pytest

from claimledger.framing import split_sentences
from claimledger.model import Claim, Speaker, TextSpan
from claimledger_eval.common import shared_root

ARTICLE = (
    "The fall of Novoselivka, a small town in the Donetsk region, has become the latest flashpoint "
    "in the war between Russian and Ukrainian forces. "
    "Russia's defence ministry said on Monday that its troops had taken full control of the town. "
    "Russian commanders have praised the part played by local people, with one soldier claiming that "
    "residents of Novoselivka provided food and shelter to Russian troops. "
    "The claim, which could not be verified, has been used to present the assault as a 'popular' "
    "effort serving the interests of the local population. "
    "Displaced residents reached by phone described weeks of shelling and fear. "
    "Meanwhile, the Kremlin continues to frame the campaign as a defence of Donbass and of Russian "
    "citizens. "
    "Russian officials have again insisted that the war is a response to the Maidan protests of 2014, "
    "which they argue set Ukraine on a path of destabilisation. "
    "This narrative casts the war not as an invasion but as a necessary intervention to shield ethnic "
    "and cultural ties. "
    "For now, the fate of Novoselivka is one more chapter in a long and complex war, where every "
    "advance and claim is weighed against the backdrop of the wider conflict."
)


def _claim(text, cid, speaker, cue, content, stype="official_party", side="RU"):
    sents = split_sentences(text)
    cs = text.index(content)
    sp, cu = text.index(speaker), text.index(cue)
    sent = next(s for s in sents if s[0] <= cs < s[1])
    return Claim(
        id=cid,
        sentence=sent,
        speaker=Speaker(speaker, (sp, sp + len(speaker)), stype, side),
        cue=TextSpan(cue, (cu, cu + len(cue))),
        content=TextSpan(content, (cs, cs + len(content))),
    )


def _by_narrative(framing):
    out = {}
    for h in framing.narratives:
        out.setdefault(h.narrative, []).append(h)
    return out


def _check_bar(text, framing, closing_start):
    hits = _by_narrative(framing)
    for required in ("maidan_coup", "defence_of_donbas", "not_an_invasion", "welcomed_by_residents"):
        assert required in hits, f"{required} not found"
        for h in hits[required]:
            assert h.voice == "attributed", (required, h.text)
            assert h.speaker is not None and h.speaker.side == "RU", (required, h.speaker)
            s, e = h.span
            assert 0 <= s < e <= len(text) and text[s:e] == h.text
    # Donbas may be told as defence of the region or of Russian citizens; both are attributed.
    for h in framing.narratives:
        assert h.span[0] < closing_start, f"closing sentence flagged: {h.narrative}"
        assert h.voice == "attributed", f"own-voice narrative in a reporting article: {h.narrative} {h.text!r}"


@pytest.mark.parametrize("use_encoder", [True, False])
def test_seed_style_article_without_claims(detector, pattern_detector, use_encoder):
    det = detector if use_encoder else pattern_detector
    framing = det.detect(ARTICLE, split_sentences(ARTICLE), [])
    _check_bar(ARTICLE, framing, ARTICLE.index("For now"))


def test_seed_style_article_with_claims(detector):
    claims = [
        _claim(ARTICLE, "c1", "Russia's defence ministry", "said", "its troops had taken full control of the town"),
        _claim(
            ARTICLE,
            "c2",
            "one soldier",
            "claiming",
            "residents of Novoselivka provided food and shelter to Russian troops",
            stype="combatant",
        ),
        _claim(ARTICLE, "c3", "Russian officials", "insisted", "the war is a response to the Maidan protests of 2014"),
    ]
    framing = detector.detect(ARTICLE, split_sentences(ARTICLE), claims)
    _check_bar(ARTICLE, framing, ARTICLE.index("For now"))
    hits = _by_narrative(framing)
    welcomed = [h for h in hits["welcomed_by_residents"] if h.claim == "c2"]
    assert welcomed and welcomed[0].speaker.text == "one soldier"
    maidan = hits["maidan_coup"][0]
    assert maidan.claim == "c3" and maidan.speaker.text == "Russian officials"


SEED = (shared_root() or Path("/nonexistent")) / "seed" / "siversk-report.txt"


@pytest.mark.skipif(not SEED.is_file(), reason="../shared/seed is not present")
def test_seed_report(detector):
    text = SEED.read_text(encoding="utf-8")
    framing = detector.detect(text, split_sentences(text), [])
    _check_bar(text, framing, text.index("For now"))

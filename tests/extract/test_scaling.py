"""Linear cost (issue 14): the lookups that replaced per-claim and per-hit scans give exactly the answers of the
scans they replaced, on long articles.  No timing here: each test compares the indexed answer with the plain
scan, position by position or claim by claim."""

from __future__ import annotations

import re

from claimledger.extract.certainty import _nearest, _sentence_numbers
from claimledger.framing.claim_index import ClaimIndex, _overlap
from claimledger.framing.narratives import NarrativeMatcher
from claimledger.geo.resolve import _WORD_BEFORE, SettlementIndex, _word_start, antecedent_settlement
from claimledger.model import Claim, Place, Speaker, TextSpan

DISPATCH = """KYIV, Nov 27 (Reuters) - Russia's Defence Ministry said on Thursday its forces had taken {town}, a \
town of about {pop},000 people before the war, and were advancing towards {other}.
Ukraine's General Staff denied the claim, saying its troops still held positions in the north of the city and had \
repelled 14 assaults near {other} over the past day.
"The situation around {town} is difficult but under control," spokesman Viktor Trehubov told Suspilne.
The Institute for the Study of War said geolocated footage suggested Russian units had entered the southern \
outskirts, but it could not confirm the capture. Neither account could be independently verified.
A local official, who asked not to be named, said the town had been without power for a week."""

TOWNS = ["Siversk", "Kupiansk", "Pokrovsk", "Huliaipole", "Myrnohrad", "Kostiantynivka", "Lyman", "Orikhiv"]


def long_article(copies: int = 40) -> str:
    parts = [
        DISPATCH.format(town=TOWNS[i % len(TOWNS)], other=TOWNS[(i + 3) % len(TOWNS)], pop=10 + i % 50)
        for i in range(copies)
    ]
    return "\n\n".join(parts)


def sentences_of(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(r"[^\n.!?]+[.!?]?", text) if m.group().strip()]


def claims_of(text: str, sentences: list[tuple[int, int]]) -> list[Claim]:
    """One claim per sentence that reports speech, its content the text after the cue (as attribution finds them),
    plus a few claims whose sentence span is not one of the sentences (a quote continuation's wider span)."""
    claims = []
    for s, e in sentences:
        m = re.search(r"\b(said|denied|told|suggested)\b", text[s:e])
        if not m:
            continue
        cue = (s + m.start(), s + m.end())
        content = (cue[1] + 1, e) if cue[1] + 1 < e else None
        speaker = (s, cue[0] - 1) if cue[0] - 1 > s else None
        side = ["RU", "UA", "unknown", "independent"][len(claims) % 4]
        claims.append(
            Claim(
                id=f"c{len(claims) + 1}",
                sentence=(s, e) if len(claims) % 7 else (s + 2, e),  # every 7th: not a sentence of the list
                speaker=Speaker(text[speaker[0] : speaker[1]] if speaker else "", speaker, "official_party", side),
                cue=TextSpan(text[cue[0] : cue[1]], cue),
                content=TextSpan(text[content[0] : content[1]] if content else "", content),
            )
        )
    return claims


def test_sentence_numbers_match_the_scan():
    text = long_article()
    sentences = sentences_of(text)
    claims = claims_of(text, sentences)
    assert len(claims) > 150
    index = {s: i for i, s in enumerate(sentences)}
    expected = [index.get(c.sentence, _nearest(sentences, c.sentence[0])) for c in claims]
    assert _sentence_numbers(claims, sentences) == expected
    assert any(c.sentence not in index for c in claims)  # the binary-search path was exercised


def test_word_before_from_a_window_matches_the_search_from_the_start():
    text = (
        long_article(12)
        + " Outskirts of Verylongtownnamewithmanyletterswellbeyondthesixtyfourcharacterswindow Kramatorsk"
    )
    checked = 0
    for m in re.finditer(r"[A-Z][a-z]+", text):
        start = m.start()
        full = _WORD_BEFORE.search(text, 0, start)
        windowed = _WORD_BEFORE.search(text, _word_start(text, start), start)
        assert (full and full.span(1)) == (windowed and windowed.span(1))
        checked += bool(full)
    assert checked > 30
    assert _word_start(text, len(text)) > len(text) - 200  # a window near the end, never the whole text


def test_settlement_index_matches_antecedent_settlement():
    text = long_article(10)
    places = []
    for n, town in enumerate(TOWNS, start=1):
        spans = [m.span() for m in re.finditer(town, text)]
        places.append(
            Place(
                id=f"p{n}",
                mention=town,
                spans=spans,
                kind="settlement" if n != 4 else "region",
                resolved=n != 6,
                population=[12_000, 57_000, 60_000, None, 46_000, 67_000, 20_000, 14_000][n - 1],
            )
        )
    index = SettlementIndex(places)
    for pos in range(0, len(text), 97):
        for noun in ("city", "town", "village", "settlement"):
            assert index.antecedent(pos, noun) is antecedent_settlement(places, pos, noun)


def test_claim_index_matches_the_framing_scans():
    text = long_article()
    sentences = sentences_of(text)
    claims = claims_of(text, sentences)
    index = ClaimIndex(claims, sentences)
    for i, sent in enumerate(sentences):
        scan = [c for c in claims if _overlap(c.sentence, sent) or _overlap(sent, c.content.span)]
        assert index.speaking_in(i, sent) == scan
        evidence = (sent[0] + 5, min(sent[1], sent[0] + 40))
        assert index.covering(evidence, sent) is NarrativeMatcher._covering_claim(evidence, sent, claims)
        scanned = NarrativeMatcher._preceding_speaker(claims, sent, i, [])
        assert NarrativeMatcher._preceding_speaker(claims, sent, i, [], index) is scanned
        holder = next(
            (
                c
                for c in claims
                if (c.content.span and c.content.span[0] <= evidence[0] and evidence[1] <= c.content.span[1])
                or (c.sentence[0] <= evidence[0] and evidence[1] <= c.sentence[1])
            ),
            None,
        )
        assert index.first_holding(evidence) is holder


def test_a_long_text_parsed_in_pieces_keeps_the_sentences_and_entities_of_the_whole(monkeypatch):
    from claimledger.lang import get_pack
    from claimledger.pipeline import stages

    nlp = get_pack("en").load_model()
    text = long_article(16)
    monkeypatch.setattr(stages, "PARSE_CHUNK", 4_000)  # pieces of a few paragraphs, so the cut happens here
    pieces = stages.parse_long(nlp, text)
    whole = nlp(text)
    assert pieces.text == text
    assert [(s.start_char, s.end_char) for s in pieces.sents] == [(s.start_char, s.end_char) for s in whole.sents]
    assert [(e.start_char, e.end_char, e.label_) for e in pieces.ents] == [
        (e.start_char, e.end_char, e.label_) for e in whole.ents
    ]
    assert [t.text_with_ws for t in pieces] == [t.text_with_ws for t in whole]
    # (a dependency label within a few tokens of a cut may differ: the tagger's context stops at the cut; texts up
    # to PARSE_CHUNK characters, i.e. every normal article, are parsed whole and are not affected)

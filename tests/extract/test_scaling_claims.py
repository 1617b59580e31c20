"""Linear cost (issue 14) in the claims stage: the article-wide dispute links (``certainty_article``) and the
quotation passes (``attribution_quotes``) index claims instead of scanning every pair; each test compares their
answers with the plain pairwise scan they replaced, on a long article.  No timing here."""

from __future__ import annotations

import copy
import re

from claimledger.extract.attribution_quotes import narrow_to_quotations, quote_continuations, quotes
from claimledger.extract.attribution_spans import RawAttribution, trim_span
from claimledger.extract.attribution_words import attribution_words
from claimledger.extract.certainty_article import _alternation, _names, _other_party, apply_article_certainty
from claimledger.lang import get_pack
from tests.extract.test_scaling import TOWNS, claims_of, long_article, sentences_of

QUOTED = """DONETSK, Dec 3 - "Our units are holding the line near {town} and the enemy has suffered heavy losses," \
the brigade's spokesman said. "We will not retreat from {other}." He added: "The bridge is still ours."
A Russian military blogger wrote that assault groups had "entered the eastern districts of {town}", a claim the \
Ukrainian General Staff called "a complete fabrication".
"It is a difficult situation," a local official said. "Nobody can leave the town now, the roads are shelled."
"""


def _scan_disputes(text: str, claims, cues: dict, speaker_words: dict) -> None:
    """The pairwise scan the index replaced: every denial against every claim (the hedge rule left out)."""
    denial = _alternation(tuple(cues["content_denials"]))
    anaphors = cues["claim_anaphors"]
    anaphor = _alternation(tuple(anaphors["singular"]) + tuple(anaphors["plural"]))
    stop = frozenset(w.lower() for w in speaker_words.get("demonyms", {})) | frozenset(
        w.lower() for w in speaker_words.get("state_names", {})
    )
    denials = [
        d
        for d in claims
        if d.asserts and (d.certainty == "denied" or denial.search(d.content.text) or denial.search(d.cue.text))
    ]
    ids = {d.id for d in denials}
    for d in denials:
        s, e = d.sentence
        about = _names(text[s:e], stop) - _names(d.speaker.text, frozenset())
        nearest, linked = None, False
        for c in claims:
            if c.id in ids or not c.asserts or not _other_party(c, d):
                continue
            if (c.cue.span or (0, 0))[0] < (d.cue.span or (0, 0))[0]:
                nearest = c
            if about & _names(c.content.text, stop):
                _link(c, d)
                linked = True
        if (anaphor.search(d.content.text) or not linked) and nearest is not None:
            _link(nearest, d)


def _link(c, d) -> None:
    if d.id in c.disputed_by:
        return
    c.disputed_by.append(d.id)
    d.disputes.append(c.id)
    if c.certainty != "denied":
        c.certainty = "disputed"


def test_dispute_links_match_the_pairwise_scan():
    pack = get_pack("en")
    cues = dict(pack.words("certainty_cues"), content_hedges=[])
    speaker_words = pack.words("speakers")
    text = long_article(60)
    claims = claims_of(text, sentences_of(text))
    for n, c in enumerate(claims):
        if c.cue.text == "denied":
            c.certainty = "denied"
        if n % 11 == 0:
            c.asserts = False
        if n % 13 == 0:  # a claim out of text order: the index must fall back to the plain order
            c.cue.span = (c.cue.span[0] + 3000, c.cue.span[1] + 3000)
    expected = copy.deepcopy(claims)
    _scan_disputes(text, expected, cues, speaker_words)
    apply_article_certainty(text, claims, cues, speaker_words)
    assert sum(len(c.disputed_by) for c in claims) > 50
    for got, want in zip(claims, expected, strict=True):
        assert (got.disputed_by, got.disputes, got.certainty) == (want.disputed_by, want.disputes, want.certainty)


class _Doc:
    def __init__(self, text: str):
        self.text = text


def _raws(text: str) -> list[RawAttribution]:
    """A claim per reporting verb, as the verb patterns find them: the speaker before the cue; the content the
    words of the quotation just before it, without its last word (as a parse cuts it), else the text after."""
    spans = quotes(text)
    out = []
    for m in re.finditer(r"\b(said|added|wrote|called)\b", text):
        cue = m.span()
        line_start = text.rfind("\n", 0, cue[0]) + 1
        before = [(qs, qe) for qs, qe in spans if line_start <= qs and qe <= cue[0]]
        if before:
            qs, qe = before[-1]
            content = trim_span(text, qs + 1, text.rfind(" ", qs, qe))
        else:
            content = trim_span(text, cue[1], cue[1] + 60)
        if content is None:
            continue
        speaker = (max(line_start, cue[0] - 25), cue[0] - 1)
        out.append(
            RawAttribution((line_start, cue[1]), speaker, None, cue, content, "reported", "attribute", "verb", [])
        )
    return out


def _scan_narrow(text, found):
    for qs, qe in quotes(text):
        inside = trim_span(text, qs + 1, qe - 1)
        if inside is None or len(text[inside[0] : inside[1]].split()) < 4:
            continue
        for att in found:
            cs, ce = att.content
            if not (qs <= att.cue[0] < qe) and qs <= cs and ce <= qe:
                att.content, att.pattern = inside, "quote"


def _scan_continuations(text, found, words):
    out, claims = [], sorted(found, key=lambda a: a.content[0])
    covered = [a.content for a in found] + [a.cue for a in found]
    for qs, qe in quotes(text):
        inside = trim_span(text, qs + 1, qe - 1)
        if inside is None or len(text[inside[0] : inside[1]].split()) < 3 or any(s < qe and qs < e for s, e in covered):
            continue
        after = text[qe : qe + 40]
        if not re.match(r"[.,!?;:…]*\s*(?:\n|$|[“\"])", after) and not words.sentence_after_quote.match(after):
            continue
        prev = None
        for a in claims:
            end = max(a.content[1], a.cue[1], (a.speaker or (0, 0))[1])
            gap = text[end:qs]
            if end <= qs and re.fullmatch(r"[\s.,;:!?”\"’'—–-]*", gap) and gap.count("\n\n") <= 1:
                prev = a
        if prev is None or prev.pattern != "quote" and not (prev.content[0] > 0 and text[prev.content[0] - 1] in '“"'):
            continue
        cont = copy.copy(prev)
        cont.content, cont.pattern = inside, "quote"
        out.append(cont)
        claims.append(cont)
        claims.sort(key=lambda a: a.content[0])
        covered.append((qs, qe))
    return out


def test_quotation_passes_match_the_scans():
    words = attribution_words(get_pack("en"))
    text = "\n\n".join(QUOTED.format(town=TOWNS[i % 8], other=TOWNS[(i + 3) % 8]) for i in range(60))
    found, expected = _raws(text), _raws(text)
    assert len(found) > 150
    _scan_narrow(text, expected)
    narrow_to_quotations(text, found)
    assert [(a.content, a.pattern) for a in found] == [(a.content, a.pattern) for a in expected]
    assert sum(a.pattern == "quote" for a in found) > 60
    want = _scan_continuations(text, expected, words)
    got = quote_continuations(_Doc(text), found, words)
    assert len(got) > 60
    assert [(a.content, a.cue, a.speaker) for a in got] == [(a.content, a.cue, a.speaker) for a in want]

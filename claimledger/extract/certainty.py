"""Certainty: how firmly each claim stands, from its cue, hedges, and what the surrounding sentences say.

Rules, in order (later rules see the results of earlier ones):
1. The cue's default (lang/<code>/reporting_cues.yaml): 'suggest' -> hedged, 'deny' -> denied, 'say' -> reported.
2. A hedge word in the cue or at the start of the content (may, reportedly, allegedly) -> hedged.
   The words of rules 2 and 3 are the language pack's ``certainty_cues.yaml``.
3. An unverified marker in the claim's sentence outside its content ("without providing evidence"),
   or in a following sentence that refers back to it ("This assertion, while unverified, ...") -> unverified.
   A singular anaphor ("this assertion") points at the latest claim before it.
4. A dispute claim ("independent reports have raised questions about ... such claims") disputes the claims
   of the previous two sentences by other speakers: they get ``disputed_by`` and, unless rule 3 already
   marked them specifically (unverified) or they are denials, certainty disputed.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from claimledger.lang import LanguagePack, get_pack
from claimledger.model import Claim


@lru_cache(maxsize=32)
def _alternation(phrases: tuple[str, ...]) -> re.Pattern:
    return re.compile(r"\b(?:" + "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True)) + r")\b", re.I)


def _has_phrase(text: str, phrases: list[str]) -> re.Match | None:
    """First occurrence of any of the phrases as whole words (one compiled pattern per phrase list)."""
    return _alternation(tuple(phrases)).search(text)


@cache
def _anaphor_pattern(determiners: tuple[str, ...], nouns: tuple[str, ...]) -> re.Pattern:
    """A determiner + a singular claim noun ("this assertion")."""
    return re.compile(r"\b(" + "|".join(determiners) + r")\s+(" + "|".join(nouns) + r")\b", re.I)


def apply_certainty(
    text: str,
    claims: list[Claim],
    sentences: list[tuple[int, int]],
    roles: dict[str, str],
    pack: LanguagePack | None = None,
) -> None:
    cues = (pack or get_pack("en")).words("certainty_cues")
    sentence_index = {s: i for i, s in enumerate(sentences)}

    def sent_no(claim: Claim) -> int:
        return sentence_index.get(claim.sentence, _nearest(sentences, claim.sentence[0]))

    # 2. hedges
    for c in claims:
        if c.certainty in ("reported", "asserted"):
            head = text[c.content.span[0] : c.content.span[0] + 40] if c.content.span else ""
            around = text[c.cue.span[0] - 30 if c.cue.span else 0 : c.cue.span[1] if c.cue.span else 0]
            m = (
                _has_phrase(head.split(",")[0], cues["hedges"])
                or _has_phrase(c.cue.text, cues["hedges"])
                or _has_phrase(around, cues["hedges_near_cue"])
            )
            if m:
                c.certainty = "hedged"
    # 3. unverified markers
    specific: set[str] = set()
    anaphors = cues["claim_anaphors"]
    singular = _anaphor_pattern(tuple(anaphors["determiners"]), tuple(anaphors["singular"]))
    for c in claims:
        s, e = c.sentence
        outside = text[s : c.content.span[0]] + " " + text[c.content.span[1] : e] if c.content.span else text[s:e]
        m = _has_phrase(outside, cues["unverified"])
        if m and c.certainty not in ("denied",):
            c.certainty = "unverified"
            specific.add(c.id)
    for i, (s, e) in enumerate(sentences):
        sent_text = text[s:e]
        if not _has_phrase(sent_text, cues["unverified"]):
            continue
        if not singular.search(sent_text[:80]):
            continue
        earlier = [c for c in claims if sent_no(c) in (i - 1, i - 2) and roles.get(c.id) != "dispute"]
        if earlier:
            target = max(earlier, key=lambda c: c.cue.span[0] if c.cue.span else 0)
            if target.certainty != "denied":
                target.certainty = "unverified"
                m = _has_phrase(sent_text, cues["unverified"])
                target.certainty_evidence.append((s + m.start(), s + m.end()))
                specific.add(target.id)
    # 4. disputes
    for d in claims:
        if roles.get(d.id) != "dispute":
            continue
        n = sent_no(d)
        for c in claims:
            if c.id == d.id or roles.get(c.id) == "dispute" or sent_no(c) not in (n - 1, n - 2, n):
                continue
            if sent_no(c) == n and (c.cue.span or (0, 0))[0] > (d.cue.span or (0, 0))[0]:
                continue  # a claim after the dispute in the same sentence is its evidence, not its target
            if c.speaker.text and c.speaker.text == d.speaker.text:
                continue
            c.disputed_by.append(d.id)
            d.disputes.append(c.id)
            if c.id not in specific and c.certainty != "denied":
                c.certainty = "disputed"
            if d.cue.span:
                c.certainty_evidence.append(d.cue.span)


def _nearest(sentences, pos: int) -> int:
    for i, (s, e) in enumerate(sentences):
        if s <= pos < e:
            return i
    return 0

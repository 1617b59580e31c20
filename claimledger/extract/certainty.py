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
5, 6. Across the article (``certainty_article.py``): hedges anywhere in the content; a claim contradicted by
   another party anywhere in the article is disputed, whatever rule 3 said.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache, lru_cache

from claimledger.extract.certainty_article import apply_article_certainty
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
    # Each claim's sentence number, computed once (a dictionary hit, else a binary search): the rules below
    # look claims up by sentence, never by scanning every claim or every sentence (linear in the article).
    numbers = _sentence_numbers(claims, sentences)
    by_sentence: dict[int, list[int]] = {}  # sentence number -> positions of its claims, in claim order
    for k, n in enumerate(numbers):
        by_sentence.setdefault(n, []).append(k)

    def claims_in(*nos: int) -> list[int]:
        """Positions (in claim order) of the claims of the given sentences."""
        return sorted(k for n in set(nos) for k in by_sentence.get(n, ()))

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
        # the sentence outside the content: before it, after it (where the marker is, is its evidence)
        pieces = [(s, c.content.span[0]), (c.content.span[1], e)] if c.content.span else [(s, e)]
        for ps, pe in pieces:
            m = _has_phrase(text[ps:pe], cues["unverified"]) if pe > ps else None
            if m and c.certainty not in ("denied",):
                c.certainty = "unverified"
                c.certainty_evidence.append((ps + m.start(), ps + m.end()))
                specific.add(c.id)
                break
    for i, (s, e) in enumerate(sentences):
        sent_text = text[s:e]
        if not _has_phrase(sent_text, cues["unverified"]):
            continue
        if not singular.search(sent_text[:80]):
            continue
        earlier = [claims[k] for k in claims_in(i - 1, i - 2) if roles.get(claims[k].id) != "dispute"]
        if earlier:
            target = max(earlier, key=lambda c: c.cue.span[0] if c.cue.span else 0)
            if target.certainty != "denied":
                target.certainty = "unverified"
                m = _has_phrase(sent_text, cues["unverified"])
                target.certainty_evidence.append((s + m.start(), s + m.end()))
                specific.add(target.id)
    # 4. disputes
    for dk, d in enumerate(claims):
        if roles.get(d.id) != "dispute":
            continue
        n = numbers[dk]
        for k in claims_in(n - 1, n - 2, n):
            c = claims[k]
            if c.id == d.id or roles.get(c.id) == "dispute":
                continue
            if numbers[k] == n and (c.cue.span or (0, 0))[0] > (d.cue.span or (0, 0))[0]:
                continue  # a claim after the dispute in the same sentence is its evidence, not its target
            if c.speaker.text and c.speaker.text == d.speaker.text:
                continue
            c.disputed_by.append(d.id)
            d.disputes.append(c.id)
            if c.id not in specific and c.certainty != "denied":
                c.certainty = "disputed"
            if d.cue.span:
                c.certainty_evidence.append(d.cue.span)
    # 5, 6. hedges inside the content; contradictions anywhere in the article (certainty_article.py)
    apply_article_certainty(text, claims, cues, (pack or get_pack("en")).words("speakers"))


def _sentence_numbers(claims: list[Claim], sentences: list[tuple[int, int]]) -> list[int]:
    """Each claim's sentence number: its sentence's position, else the sentence containing its start, else 0."""
    index = {s: i for i, s in enumerate(sentences)}
    starts = [s for s, _ in sentences]
    ordered = all(a[1] <= b[0] for a, b in zip(sentences, sentences[1:]))  # disjoint, in text order
    out = []
    for c in claims:
        n = index.get(c.sentence)
        if n is None:
            n = _nearest_sorted(sentences, starts, c.sentence[0]) if ordered else _nearest(sentences, c.sentence[0])
        out.append(n)
    return out


def _nearest_sorted(sentences, starts: list[int], pos: int) -> int:
    """``_nearest`` for disjoint sentences in text order, by binary search."""
    i = bisect_right(starts, pos) - 1
    return i if i >= 0 and sentences[i][0] <= pos < sentences[i][1] else 0


def _nearest(sentences, pos: int) -> int:
    for i, (s, e) in enumerate(sentences):
        if s <= pos < e:
            return i
    return 0

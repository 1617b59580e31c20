"""Certainty across the whole article (run after the sentence-level rules of ``certainty.py``).

5. A hedge anywhere in the content ("the capture was unlikely", "if confirmed, ...") -> hedged.
6. A claim contradicted anywhere in the same article by another party is ``disputed`` (ranked above
   ``unverified``): the contradicting claim is a denial (a deny cue, or a denial inside its content: "remains
   under Ukrainian control", "simply lying", called it "propaganda") by a speaker of another side, about the same
   thing — a proper name in common with its sentence; an anaphor ("the claim", "the report"), or no name in
   common with any claim, points back at the nearest earlier claim of the other side. Linked both ways by ``disputed_by`` / ``disputes``.

Words: the language pack's ``certainty_cues.yaml`` (content_hedges, content_denials, claim_anaphors) and
``speakers.yaml`` (demonyms, which never make two claims about the same thing).
"""

from __future__ import annotations

import re
from functools import lru_cache

from claimledger.model import Claim
from claimledger.vocab import PARTIES

_NAME = re.compile(r"\b([A-Z][\w’'-]{2,})")


@lru_cache(maxsize=32)
def _alternation(phrases: tuple[str, ...]) -> re.Pattern:
    return re.compile(r"\b(?:" + "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True)) + r")\b", re.I)


def _names(text: str, stop: frozenset) -> set[str]:
    """Capitalised words that are not sentence-initial (proper names), lower-cased, minus ``stop``."""
    out = set()
    for m in _NAME.finditer(text):
        before = text[: m.start()].rstrip(" \t“\"'‘«")
        if before and before[-1] not in ".!?:\n":
            out.add(m.group(1).lower())
    return out - stop


def _other_party(c: Claim, d: Claim) -> bool:
    a, b = c.speaker.side, d.speaker.side
    if a == b or not (a in PARTIES or b in PARTIES):
        return False
    return (c.speaker.canonical or c.speaker.text) != (d.speaker.canonical or d.speaker.text)


def apply_article_certainty(text: str, claims: list[Claim], cues: dict, speaker_words: dict) -> None:
    hedge_words = tuple(cues.get("content_hedges", ()))
    hedges = _alternation(hedge_words) if hedge_words else None  # an empty alternation would match everything
    for c in claims:
        if hedges and c.certainty in ("reported", "asserted") and c.content.text and hedges.search(c.content.text):
            c.certainty = "hedged"
    denial_words = cues.get("content_denials")
    if not denial_words:
        return
    denial = _alternation(tuple(denial_words))
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
    if not denials:
        return
    denial_ids = {d.id for d in denials}
    for d in denials:
        s, e = d.sentence
        about = _names(text[s:e], stop) - _names(d.speaker.text, frozenset())
        points_back = anaphor.search(d.content.text) is not None
        nearest = None
        linked = False
        for c in claims:
            if c.id in denial_ids or not c.asserts or not _other_party(c, d):
                continue
            if (c.cue.span or (0, 0))[0] < (d.cue.span or (0, 0))[0]:
                nearest = c
            if about & _names(c.content.text, stop):
                _dispute(c, d)
                linked = True
        if (points_back or not linked) and nearest is not None:
            _dispute(nearest, d)  # "the claim is false", "the enemy is lying": the latest claim of the other side


def _dispute(c: Claim, d: Claim) -> None:
    if d.id in c.disputed_by:
        return
    c.disputed_by.append(d.id)
    d.disputes.append(c.id)
    if c.certainty != "denied":
        c.certainty = "disputed"
    span = d.content.span or d.cue.span
    if span:
        c.certainty_evidence.append(span)

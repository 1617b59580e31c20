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
from bisect import bisect_left
from functools import lru_cache

from claimledger.model import Claim
from claimledger.vocab import PARTIES

_NAME = re.compile(r"\b([A-Z][\w’'-]{2,})")
_OPENERS = frozenset(" \t“\"'‘«")


@lru_cache(maxsize=32)
def _alternation(phrases: tuple[str, ...]) -> re.Pattern:
    return re.compile(r"\b(?:" + "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True)) + r")\b", re.I)


def _names(text: str, stop: frozenset) -> set[str]:
    """Capitalised words that are not sentence-initial (proper names), lower-cased, minus ``stop``."""
    out = set()
    for m in _NAME.finditer(text):
        i = m.start() - 1
        while i >= 0 and text[i] in _OPENERS:  # the character before the name, quote marks and blanks skipped
            i -= 1
        if i >= 0 and text[i] not in ".!?:\n":
            out.add(m.group(1).lower())
    return out - stop


def _other_party(c: Claim, d: Claim) -> bool:
    a, b = c.speaker.side, d.speaker.side
    if a == b or not (a in PARTIES or b in PARTIES):
        return False
    return _who(c) != _who(d)


def _who(c: Claim) -> str:
    return c.speaker.canonical or c.speaker.text


def _cue_start(c: Claim) -> int:
    return (c.cue.span or (0, 0))[0]


class _Candidates:
    """The claims a denial can dispute (asserting, not denials themselves), indexed once: by proper-name word of
    their content, and by side in text order for "the nearest earlier claim of the other side"."""

    def __init__(self, claims: list[Claim], denial_ids: set[str], stop: frozenset):
        self.claims = claims
        self.by_name: dict[str, list[int]] = {}
        self.by_side: dict[str, list[int]] = {}
        for i, c in enumerate(claims):
            if c.id in denial_ids or not c.asserts:
                continue
            for name in _names(c.content.text, stop):
                self.by_name.setdefault(name, []).append(i)
            self.by_side.setdefault(c.speaker.side, []).append(i)
        # per side: cue starts in list order; a binary search needs them non-decreasing (else a plain scan)
        self.starts = {s: [_cue_start(claims[i]) for i in idx] for s, idx in self.by_side.items()}
        self.ordered = {s: all(a <= b for a, b in zip(v, v[1:], strict=False)) for s, v in self.starts.items()}

    def naming(self, names: set[str], d: Claim) -> list[Claim]:
        """Claims of another party whose content shares a name with ``names``, in list order."""
        idx = sorted({i for n in names for i in self.by_name.get(n, ())})
        return [self.claims[i] for i in idx if _other_party(self.claims[i], d)]

    def nearest_before(self, d: Claim) -> Claim | None:
        """The last claim in list order of another party whose cue starts before ``d``'s."""
        x, best = _cue_start(d), -1
        for side, idx in self.by_side.items():
            c0 = self.claims[idx[0]]
            if c0.speaker.side == d.speaker.side or not (side in PARTIES or d.speaker.side in PARTIES):
                continue
            if self.ordered[side]:
                k = bisect_left(self.starts[side], x) - 1
                while k >= 0 and idx[k] > best and _who(self.claims[idx[k]]) == _who(d):
                    k -= 1
                if k >= 0:
                    best = max(best, idx[k])
            else:
                for k in reversed(range(len(idx))):
                    if idx[k] <= best:
                        break
                    c = self.claims[idx[k]]
                    if self.starts[side][k] < x and _who(c) != _who(d):
                        best = idx[k]
                        break
        return self.claims[best] if best >= 0 else None


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
    candidates = _Candidates(claims, denial_ids, stop)
    for d in denials:
        s, e = d.sentence
        about = _names(text[s:e], stop) - _names(d.speaker.text, frozenset())
        points_back = anaphor.search(d.content.text) is not None
        linked = False
        for c in candidates.naming(about, d):
            _dispute(c, d)
            linked = True
        if points_back or not linked:
            nearest = candidates.nearest_before(d)
            if nearest is not None:
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

"""Who acts in an event: the side named near the trigger ("Russian forces captured", "under Ukrainian control",
"captured by Ukrainian troops"), "the enemy" seen from the speaker, or — when the text names no side — the side
that follows from who reports it and with which stance."""

from __future__ import annotations

from claimledger.extract.event_targets import governing_subject
from claimledger.model import Claim
from claimledger.model.article import EventStance
from claimledger.vocab import PARTIES


def other_side(side: str) -> str:
    return {"RU": "UA", "UA": "RU"}.get(side, "unknown")


ENEMY = "enemy"  # what actor_side answers for "the enemy", "the occupiers": relative to the speaker


def enemy_of(supporting: list[Claim], how: str, own_side: str | None = None) -> str:
    """The side "the enemy" is for the speakers of the claims that carry the event: the other party of the one
    warring party they speak for (unknown when they are none or several); in the article's own voice (no claim
    carries it), the other party of the outlet's side (``own_side``: a ministry's bulletin, state media);
    "the enemy lost X": the speaker's own."""
    sides = {c.speaker.side for c in supporting if c.speaker.side in PARTIES}
    if not supporting and own_side in PARTIES:
        sides = {own_side}
    if len(sides) != 1:
        return "unknown"
    side = other_side(next(iter(sides)))
    return other_side(side) if how == "loss" else side


def side_from_speakers(supporting: list[Claim], stances: list[EventStance], how: str) -> str:
    """A party reporting its own gains, or denying the other side's (or reporting its own loss)."""
    stance = {s.claim: s.stance for s in stances}
    sides = set()
    for c in supporting:
        if c.speaker.type in ("journalist", "independent") or c.speaker.side not in PARTIES:
            continue
        st = stance.get(c.id)
        if st == "none":
            continue
        own = st == "affirm" and how != "loss"
        sides.add(c.speaker.side if own else other_side(c.speaker.side))
    return sides.pop() if len(sides) == 1 else "unknown"


_ACTOR = frozenset({"nsubj", "case:agent", "amod", "nmod:poss", "compound"})


def settlement_at(tok, place_at: dict) -> bool:
    p = place_at.get(tok.idx)
    return p is not None and p.kind == "settlement"


def settlement_at_any(tok, place_at: dict) -> bool:
    return any(settlement_at(t, place_at) for t in tok.subtree)


def _actor_phrase(head, dep) -> list:
    """The actor's noun phrase without the clauses hung on it: in "its forces had captured X, a claim that
    Ukraine's General Staff did not confirm" (an appositive the parser attaches to "forces") or "troops, which
    Kyiv says ..." the other side is named, but it is not the actor."""
    skip: set[int] = set()
    for t in head.subtree:
        if t.i != head.i and dep(t) in ("appos", "acl:relcl") and t.i not in skip:
            skip.update(x.i for x in t.subtree)
    return [t for t in head.subtree if t.i not in skip]


def actor_side(tok, triggers, place_at: dict | None = None) -> tuple[str, str]:
    """Side of the actor: 'Russian forces captured', 'under Russian control', 'captured by Ukrainian troops',
    'Russian troops are trying to capture' (the subject of the verb the trigger complements); ``ENEMY`` for "the
    enemy attacked" (``triggers``: the language's ``events.Triggers``)."""
    dep = triggers.pack.dep
    near = []
    for c in tok.children:
        if dep(c) in _ACTOR:
            near.extend(_actor_phrase(c, dep))
    if tok.pos_ == "VERB" and dep(tok) == "xcomp" and not any(dep(c) in ("nsubj", "nsubj:pass") for c in tok.children):
        near.extend(t for c in tok.head.children if dep(c) in ("nsubj", "nsubj:pass") for t in _actor_phrase(c, dep))
    near.extend(t for s in governing_subject(tok, triggers.pack) for t in _actor_phrase(s, dep))
    if tok.lemma_ == triggers.control and tok.head.lemma_ in triggers.control_verbs:  # "Russian forces took control"
        near.extend(t for c in tok.head.children if dep(c) in ("nsubj", "case:agent") for t in c.subtree)
    if tok.lemma_ == triggers.control:
        # "control of the Armed Forces of Ukraine", not the place controlled ("control of Kurakhove, a town in
        # eastern Ukraine")
        near.append(tok)
        for c in tok.children:
            if not (place_at and settlement_at_any(c, place_at)):
                near.extend(c.subtree)
    for t in near:
        side = triggers.side_words.get(t.lower_)
        if side:
            phrase_head = t.head if dep(t) in ("amod", "compound") else t
            if phrase_head.lemma_ in triggers.event_heads:
                return side, triggers.side_forces[side]
            return side, " ".join(x.text for x in phrase_head.subtree if not x.is_punct)[:80]
    for t in near:
        if t.lemma_.lower() in triggers.enemy_words:
            return ENEMY, " ".join(x.text for x in t.subtree if not x.is_punct)[:80]
    return "unknown", ""

"""Stance: what a claim (or the article's own voice) says about an event it mentions — ``affirm``, ``deny`` or
``none`` — with the words that decided it; and irrealis: an attempt, goal or future is not the event itself.

The stance is read on the dependency path from the event's trigger up to the claim's content boundary, then on
the claim's cue (the words of the language pack's ``event_triggers.yaml``, section ``stance``):

- a negation on the path ("had not captured", "no sign of Russian control") or a denial word ("denied that",
  "dismissed a claim that", "the claim that it fell is false") turns it over, once per occurrence;
- a verb that withholds judgement ("could not verify that", "asked whether"), a negated or declined statement
  verb ("did not comment on", "declined to comment", "has yet to confirm"), a conditional ("if confirmed", "would
  be", "whether") leaves it at ``none``: the claim bears on the event without taking a side.

Irrealis: a trigger that is what someone tries, aims, plans or will do ("trying to capture", "the goal is to
capture", "will capture") is an ``attempt``, not the event.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from claimledger.lang import LanguagePack
from claimledger.model import Claim, TextSpan

# relations through which an attempt/goal governs the trigger ("trying to capture", "aimed at capturing")
_IRREALIS_PATH = frozenset({"xcomp", "acl", "advcl:pcomp", "obl:pobj", "case:prep", "ccomp", "xcomp:attr", "advcl"})
_PREDICATE = frozenset({"xcomp:acomp", "xcomp:attr", "xcomp:oprd"})  # "the claim ... is false"


@dataclass(frozen=True)
class StanceWords:
    negators: frozenset
    denial: frozenset
    none_verbs: frozenset
    none_when_negated: frozenset
    none_governors: frozenset
    conditional_marks: frozenset
    conditional_aux: frozenset
    claim_nouns: frozenset
    attempt_verbs: frozenset
    goal_nouns: frozenset
    future_aux: frozenset


@cache
def stance_words(pack: LanguagePack) -> StanceWords:
    data = pack.words("event_triggers")
    st, ir = data.get("stance", {}), data.get("irrealis", {})  # a pack without them: negation (UD) only

    def words(section: dict, key: str) -> frozenset:
        return frozenset(section.get(key, ()))

    return StanceWords(
        negators=words(st, "negators"),
        denial=words(st, "denial_words"),
        none_verbs=words(st, "none_verbs"),
        none_when_negated=words(st, "none_when_negated"),
        none_governors=words(st, "none_governors"),
        conditional_marks=words(st, "conditional_marks"),
        conditional_aux=words(st, "conditional_aux"),
        claim_nouns=words(st, "claim_nouns"),
        attempt_verbs=words(ir, "attempt_verbs"),
        goal_nouns=words(ir, "goal_nouns"),
        future_aux=words(ir, "future_aux"),
    )


def _negated(tok, w: StanceWords, dep) -> object | None:
    """The negator of ``tok`` ("not", "no", "never"), if any."""
    for c in tok.children:
        if dep(c) == "advmod:neg" or (dep(c) in ("det", "advmod") and c.lower_ in w.negators):
            return c
    return None


def _withheld(tok, w: StanceWords, dep) -> object | None:
    """The word that makes ``tok`` withhold judgement: "verify", "asked", "did not comment", "declined to
    comment", "has yet to confirm", "if", "whether", "would"."""
    lemma = tok.lemma_.lower()
    if lemma in w.none_verbs:
        return tok
    if lemma in w.none_when_negated:
        if _negated(tok, w, dep) is not None:
            return tok
        head = tok.head
        if head.lemma_.lower() in w.none_governors or any(c.lower_ in w.none_governors for c in head.children):
            return head
        if any(c.lower_ in w.none_governors for c in tok.children):
            return tok
    for c in tok.children:
        r = dep(c)
        if r == "mark" and c.lower_ in w.conditional_marks:
            return c
        if r == "aux" and c.lower_ in w.conditional_aux:
            return c
    return None


def _denial(tok, w: StanceWords, dep) -> object | None:
    if tok.lemma_.lower() in w.denial:
        return tok
    for c in tok.children:
        if dep(c) in _PREDICATE and c.lemma_.lower() in w.denial:
            return c
    return None


def _tokens(doc, span):
    """The tokens of a character span (none when it does not align)."""
    found = doc.char_span(span[0], span[1], alignment_mode="expand") if span else None
    return found if found is not None else ()


def _span(tok) -> TextSpan:
    return TextSpan(tok.text, (tok.idx, tok.idx + len(tok.text)))


def stance_of(tok, claim: Claim | None, pack: LanguagePack, bounds: tuple[int, int]) -> tuple[str, TextSpan, str]:
    """(stance, evidence, reason) of ``claim`` (None: the article's own voice) towards the event triggered by
    ``tok``.  ``bounds``: the claim's content span (own voice: the sentence)."""
    w = stance_words(pack)
    dep = pack.dep
    if claim is not None and not getattr(claim, "asserts", True):
        return "none", claim.cue, "the cue reports no statement"
    lo, hi = claim.content.span if claim is not None and claim.content.span else bounds
    flips: list = []
    node = tok
    while True:
        held = _withheld(node, w, dep) if node is not tok or node.pos_ != "NOUN" else None
        if held is not None:
            return "none", _span(held), "withheld"
        neg = _negated(node, w, dep)
        if neg is not None:
            flips.append(neg)
        if node is not tok:
            den = _denial(node, w, dep)
            if den is not None:
                flips.append(den)
        head = node.head
        if head.i == node.i or not (lo <= head.idx < hi):
            break
        node = head
    if claim is not None and claim.cue.span:
        cue = list(_tokens(tok.doc, claim.cue.span))
        roots = [t for t in cue if not (claim.cue.span[0] <= t.head.idx < claim.cue.span[1]) or t.head.i == t.i]
        for t in roots[:1] + [t for t in cue if t not in roots[:1]]:
            held = _withheld(t, w, dep)
            if held is not None:
                return "none", _span(held), "withheld by the cue"
        neg = _negated(roots[0], w, dep) if roots else None
        if neg is not None:
            flips.append(neg)  # "has not observed (confirmation) that ...", "found no sign that ..."
        for t in cue:
            if t.lemma_.lower() in w.denial:
                flips.append(t)
                break
    if len(flips) % 2:
        return "deny", _span(flips[-1]), "denial"
    return "affirm", _span(flips[-1] if flips else tok), "double negation" if flips else "stated"


def cue_withholds(claim: Claim, doc, pack: LanguagePack) -> TextSpan | None:
    """The cue's words if the claim takes no side ("declined to comment", "did not comment on")."""
    if not claim.cue.span:
        return None
    w = stance_words(pack)
    for t in _tokens(doc, claim.cue.span):
        held = _withheld(t, w, pack.dep)
        if held is not None:
            return _span(held)
    return None


def mentions_claim(claim: Claim, doc, pack: LanguagePack) -> bool:
    """Is the claim's content about another claim ("the report", "Moscow's claim")?"""
    if not claim.content.span:
        return False
    nouns = stance_words(pack).claim_nouns
    return any(t.lemma_.lower() in nouns for t in _tokens(doc, claim.content.span))


def irrealis(tok, pack: LanguagePack) -> TextSpan | None:
    """The word that makes the trigger an attempt, goal or future ("trying", "goal", "will"), if any."""
    w = stance_words(pack)
    dep = pack.dep
    for c in tok.children:
        if dep(c) in ("aux", "aux:pass") and c.lower_ in w.future_aux:
            return _span(c)
    node = tok
    for _ in range(3):
        head = node.head
        if head.i == node.i or dep(node) not in _IRREALIS_PATH:
            return None
        lemma = head.lemma_.lower()
        if lemma in w.attempt_verbs or lemma in w.goal_nouns:
            return _span(head)
        for c in head.children:
            if dep(c) in ("nsubj", "nsubj:pass") and c.lemma_.lower() in w.goal_nouns:
                return _span(c)  # "the goal is to capture"
        node = head
    return None

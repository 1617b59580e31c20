"""Attribution records and span helpers: token sets -> trimmed character spans, speaker phrases, subjects."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

QUOTE_CHARS = "\"“”‘’'«»„"
_TRIM = set(QUOTE_CHARS) | set(",;:—–- \n\t")


@dataclass
class RawAttribution:
    """An attribution before speaker typing and certainty: token-level evidence only."""

    sentence: tuple[int, int]
    speaker: tuple[int, int] | None  # char span
    speaker_head: object | None  # spaCy Token
    cue: tuple[int, int]
    content: tuple[int, int]
    certainty: str
    role: str
    pattern: str
    cue_tokens: list


def trim_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and (text[end - 1] in _TRIM or text[end - 1] == "."):
        end -= 1
    return (start, end) if end > start else None


def span_of(tokens: Iterable, text: str) -> tuple[int, int] | None:
    toks = sorted(tokens, key=lambda t: t.i)
    if not toks:
        return None
    start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
    return trim_span(text, start, end)


def cue_span(tokens) -> tuple[int, int] | None:
    """A cue keeps its edges: a contracted auxiliary ("’s claiming") and an introducing colon ("said:")."""
    toks = sorted((t for t in tokens if not t.is_space), key=lambda t: t.i)
    while toks and toks[-1].text in (",", ";", "—", "–", "-"):
        toks.pop()
    while toks and toks[0].is_punct:
        toks.pop(0)
    return (toks[0].idx, toks[-1].idx + len(toks[-1].text)) if toks else None


def doc_range(doc, start: int, end: int):
    return [doc[i] for i in range(start, end)]


def contiguous(tokens: list) -> list:
    """Keep the first run of adjacent tokens (a content span must not jump over the speaker)."""
    toks = sorted({t.i: t for t in tokens}.values(), key=lambda t: t.i)
    if not toks:
        return toks
    run = [toks[0]]
    for t in toks[1:]:
        if t.i == run[-1].i + 1 or (t.i == run[-1].i + 2 and run[-1].nbor(1).is_space):
            run.append(t)
        else:
            break
    return run


def _subtree_without(token, exclude: set) -> list:
    out = []
    stack = [token]
    while stack:
        t = stack.pop()
        if t.i in exclude:
            continue
        out.append(t)
        stack.extend(t.children)
    return out


def noun_phrase(token, pack) -> list:
    """The speaker phrase: the subject's subtree without relative clauses or reported content."""
    drop = {c.i for c in token.children if pack.dep(c) in ("acl:relcl", "acl", "ccomp", "punct") and c.i > token.i}
    toks = _subtree_without(token, drop)
    return [t for t in toks if not t.is_space]


def relative_clause_of(token, pack):
    """The relative clause that ``token`` opens as its relative pronoun ("which" in "satellite images which
    suggest ...", "that" in "a video that it said showed ..."), or None: a pronoun or determiner that is the
    first word of an ``acl:relcl`` clause it belongs to (at most three heads up)."""
    if token is None or token.pos_ not in ("PRON", "DET") or token.morph.get("Person"):
        return None  # a personal pronoun opening a clause without a relativizer ("the $18 million he says ...")
    v = token.head
    for _ in range(3):
        if pack.dep(v) == "acl:relcl":
            return v if min(t.i for t in v.subtree) == token.i else None
        if v.head.i == v.i:
            return None
        v = v.head
    return None


def subject_of(verb, pack):
    for c in verb.children:
        if pack.dep(c) in ("nsubj", "nsubj:pass"):
            return c
    # "X continues to frame ...", "X went on to say ...": the subject sits on the governing verb.
    head = verb
    for _ in range(3):
        if pack.dep(head) in ("xcomp", "conj", "advcl") and head.head.i != head.i:
            if pack.dep(head) == "xcomp" and any(pack.dep(c) in ("obj", "iobj") for c in head.head.children):
                return None  # "asked the court to clarify": the court would speak, not the one who asked
            head = head.head
            for c in head.children:
                if pack.dep(c) == "nsubj":
                    return c
        else:
            break
    return None


def agent_of(verb, pack):
    """The noun of a passive verb's by-phrase ("was reported by officials")."""
    for c in verb.children:
        if pack.dep(c) == "case:agent":
            for g in c.children:
                if pack.dep(g) == "obl:pobj":
                    return g
    return None


def dedupe(atts: list[RawAttribution]) -> list[RawAttribution]:
    seen = set()
    out = []
    for a in sorted(atts, key=lambda a: (a.sentence[0], a.cue[0])):
        key = (a.cue, a.content)
        if key in seen:
            continue
        seen.add(key)
        out.append(a)
    return out

"""Where and when an event happened: the places a trigger is about (its object, of-phrase or subject, "the city",
coordinated places "took Dachne by January 3 and Kurakhove by January 6", elliptical ones after a semicolon
"...; Kurakhove by January 6", the object of "marked X as captured") and the date of each.

Dates come from the event's own clause ("captured the village on November 24", "the capture of X on 6 January")
or, for coordinated places, from the place's own conjunct — never from the reporting clause ("said on Monday
that ...", which is the claim's date) nor from another sentence: an event without such a date stays undated.
"""

from __future__ import annotations

from functools import cache

from claimledger.geo.resolve import antecedent_settlement
from claimledger.model import DateValue, Place

_COORD = frozenset({"conj", "appos"})


def _place_kind_ok(p: Place) -> bool:
    return p.kind in ("settlement", "region") or not p.resolved


def targets(tok, place_at: dict, places: list[Place], triggers) -> list[tuple[Place, int]]:
    """(place, character offset of its mention) for each place the trigger is about; the first is the main
    target, the others are coordinated with it."""
    dep = triggers.pack.dep
    subjects = [t for c in tok.children if dep(c) in ("nsubj", "nsubj:pass") for t in c.subtree]
    if tok.pos_ == "VERB" and subjects and tok.lemma_ in _subject_verbs(triggers.pack):
        # "the town has fallen": the subject is what fell (not "debris fell on a house in Kharkiv")
        return _places_in(subjects, place_at, places, triggers)[:1]
    region = list(tok.subtree)
    if dep(tok) == "obl:pobj":
        region += list(tok.head.subtree)
    if tok.pos_ == "VERB":
        region += [t for c in tok.children if dep(c) in ("nsubj", "nsubj:pass") for t in c.subtree]
    if tok.lemma_ == triggers.control and tok.head.lower_ in triggers.control_preps:
        # "the city's fall under Russian control": the thing under control is the head of "under"
        region += list(tok.head.head.subtree)
    if tok.lemma_ == triggers.control and tok.head.lemma_ in triggers.control_verbs:
        # "established full control over Kurakhove" with "over" attached to the verb
        region += [t for c in tok.head.children if c.lower_ in triggers.control_object_preps for t in c.subtree]
    found = _places_in(region, place_at, places, triggers)
    if not found and tok.tag_ == "VBN" and tok.head.i != tok.i:
        # "marked Kurakhove as captured": the object of the verb the participle complements
        found = _places_in(
            [t for c in tok.head.children if dep(c) == "obj" for t in c.subtree], place_at, places, triggers
        )
    if not found:
        return []
    settlement = [f for f in found if f[0].kind == "settlement"]
    main = (settlement or found)[0]
    out = [main]
    seen = {main[0].id}
    if main[0].kind == "settlement":
        # coordinated places of the same clause ("took Dachne by January 3 and Kurakhove by January 6")
        for t in tok.subtree:
            p = place_at.get(t.idx)
            if (
                p is not None
                and p.id not in seen
                and p.kind == "settlement"
                and t.idx > main[1]
                and dep(t) in _COORD
                and (tok.pos_ != "VERB" or _verb_above(t.head).i == tok.i)
            ):
                out.append((p, t.idx))
                seen.add(p.id)
        out += [x for x in _elliptical(tok, place_at, dep) if x[0].id not in seen]
    return out


def governing_subject(tok, pack) -> list:
    """The subject of the verb a noun trigger is the object of ("Russian forces conducted limited attacks near X",
    "Russian forces are relying on glide bomb strikes"): who does what the noun names.  Not through a reporting
    verb ("the General Staff denied the statement about the capture": the denier is not the captor)."""
    dep = pack.dep
    gov = tok.head if dep(tok) == "obj" else tok.head.head if dep(tok) == "obl:pobj" else None
    if tok.pos_ != "NOUN" or gov is None or gov.pos_ != "VERB" or gov.lemma_.lower() in _reporting_verbs(pack):
        return []
    return [c for c in gov.children if dep(c) == "nsubj"]


@cache
def _reporting_verbs(pack) -> frozenset:
    return frozenset(pack.words("reporting_cues")["verbs"])


@cache
def _subject_verbs(pack) -> frozenset:
    return frozenset(pack.words("event_triggers").get("subject_verbs", ()))


def _places_in(region, place_at, places, triggers) -> list[tuple[Place, int]]:
    dep = triggers.pack.dep
    found = []
    for t in sorted(region, key=lambda t: t.i):
        p = place_at.get(t.idx)
        if p is not None and _place_kind_ok(p):
            found.append((p, t.idx))
        if (
            t.lemma_ in triggers.anaphors
            and t.pos_ == "NOUN"
            and not any(dep(c) == "case:prep" and c.lower_ == triggers.naming_prep for c in t.children)
        ):
            ante = antecedent_settlement(places, t.idx, t.lemma_, triggers.pack)
            if ante is not None:
                found.append((ante, t.idx))
    return found


def _token_at(doc, idx: int):
    for t in doc:
        if t.idx <= idx < t.idx + len(t.text):
            return t
    return None


def _elliptical(tok, place_at: dict, dep) -> list[tuple[Place, int]]:
    """ "took Dachne by January 3; Kurakhove by January 6": a settlement after a semicolon in a segment without
    a verb of its own continues the event."""
    sent = tok.sent
    out = []
    after = [t for t in sent if t.i > tok.i]
    segments: list[list] = []
    for t in after:
        if t.text == ";":
            segments.append([])
        elif segments:
            segments[-1].append(t)
    for seg in segments:
        head_places = [t for t in seg if place_at.get(t.idx) is not None and place_at[t.idx].kind == "settlement"]
        if not head_places:
            continue
        first = head_places[0]
        # the whole segment has no verb ("; Kurakhove by January 6"), not "; Kyiv denies"
        if any(t.pos_ in ("VERB", "AUX") for t in seg) or first.i != seg[0].i:
            continue
        out.append((place_at[first.idx], first.idx))
    return out


def _day_dates(dates: list[DateValue], sent: tuple[int, int]) -> list[DateValue]:
    return [d for d in dates if d.span and sent[0] <= d.span[0] < sent[1] and d.precision.startswith("day")]


def _verb_above(tok):
    node = tok
    while node.pos_ not in ("VERB", "AUX") and node.head.i != node.i:
        node = node.head
    return node


def own_dates(tok, dates: list[DateValue], sent: tuple[int, int], cue_idx: set[int], pack) -> list[DateValue]:
    """The day-precision dates of the event's own clause: attached (through nouns and prepositions) to the
    trigger's verb, or inside a nominal trigger's phrase — not to a reporting verb (``cue_idx``: the character
    offsets of claim cues)."""
    doc = tok.doc
    clause = tok if tok.pos_ == "VERB" else _verb_above(tok)
    own_phrase = {t.i for t in tok.subtree} if tok.pos_ != "VERB" else set()
    out = []
    for d in _day_dates(dates, sent):
        span = doc.char_span(d.span[0], d.span[1], alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        if root.i in own_phrase:
            out.append(d)
            continue
        verb = _verb_above(root.head if root.head.i != root.i else root)
        if verb.i != clause.i or verb.idx in cue_idx:
            continue
        if tok.pos_ != "VERB" and clause.idx in cue_idx:
            continue  # "announced the capture ... on Monday": the claim's date
        out.append(d)
    return out


def dated_targets(
    tok, found: list[tuple[Place, int]], dates: list[DateValue], sent, all_dates: list[DateValue] = ()
) -> list[tuple[Place, tuple]]:
    """Each target with its date ``(DateValue, source)`` or None: a date inside the target's own phrase ("...;
    Kurakhove by January 6"); else one date of the clause for all, or, for coordinated targets each followed by
    its own date, the date between it and the next target."""
    if len(found) > 1 and all_dates:
        doc = tok.doc
        inner = []
        for _p, at in found:
            t = _token_at(doc, at)
            sub = {x.idx for x in t.subtree} if t is not None else set()
            own = [d for d in all_dates if any(d.span[0] <= i < d.span[1] for i in sub)]
            inner.append(own[0] if own else None)
        if inner[1:] and any(inner[1:]):
            return [
                (p, (d, "coordination") if d else _fallback(p, at, found, dates, sent))
                for (p, at), d in zip(found, inner, strict=True)
            ]
    if not dates:
        return [(p, None) for p, _ in found]
    if len(found) == 1 or len(dates) == 1:
        return [(p, (dates[0], "clause")) for p, _ in found]
    out = []
    starts = [i for _, i in found]
    for p, at in found:
        nxt = min([s for s in starts if s > at], default=sent[1])
        own = [d for d in dates if at <= d.span[0] < nxt]
        out.append((p, (own[0], "coordination") if own else None))
    return out


def _fallback(p, at, found, dates, sent):
    if not dates:
        return None
    if len(dates) == 1:
        return dates[0], "clause"
    nxt = min([i for _, i in found if i > at], default=sent[1])
    own = [d for d in dates if at <= d.span[0] < nxt]
    return (own[0], "coordination") if own else None

"""Events: capture / attack / withdrawal / repelled / strike, with actor side, target place, date,
the claims that assert them, and a status derived from those claims.

An event needs a trigger (a type of data/event_types.yaml, triggered by the words of the language pack's
event_triggers.yaml) and a target place in its clause; "the city" and "the town" refer back to the latest
settlement named before.  Dependency relations are read as Universal Dependencies (``pack.dep``).  Mentions of the same type and place are
one event.  Status rule (first that applies):
  denied                        a claim about it is a denial ("denied that X had fallen"), or a party's
                                official/combatant says it did not happen
  disputed                      anyone else says it did not happen ("no evidence that ..."), or a claim
                                asserting it is disputed by another claim
  acknowledged_by_opposing_side officials/combatants of both RU and UA affirm it, or of the side
                                opposite to the actor of a capture (Ukraine's General Staff on a Russian
                                capture; a strike reported by its target side is not an acknowledgement)
  independently_reported        an independent speaker affirms it
  claimed_by_one_side           only speakers of one party (or unidentified sources) affirm it
  unattributed                  only the article's own voice states it
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from claimledger.data import load as load_knowledge
from claimledger.geo.resolve import antecedent_settlement, place_words
from claimledger.lang import LanguagePack, get_pack
from claimledger.model import Actor, Claim, DateValue, Event, Place, TextSpan


@dataclass(frozen=True)
class Triggers:
    """A language's event words (``lang/<code>/event_triggers.yaml``), compiled once."""

    pack: LanguagePack
    words: dict  # (lemma, "VERB"|"NOUN") -> event type
    phrases: dict  # lemma -> [(dependent's lemma, event type)]
    phrase_only: frozenset
    ignored_nouns: frozenset
    control: str  # the control noun ("under Russian control")
    control_type: str
    control_preps: frozenset
    control_verbs: frozenset
    topic_preps: frozenset
    negation: re.Pattern
    side_words: dict
    side_forces: dict
    event_heads: frozenset
    anaphors: frozenset  # "the city": nouns that refer back to a settlement
    naming_prep: str  # "the city of X" names a place


@cache
def _load_triggers(pack: LanguagePack) -> Triggers:
    data = pack.words("event_triggers")
    words: dict[tuple[str, str], str] = {}
    phrases: dict[str, list[tuple[str, str]]] = {}
    for etype in load_knowledge("event_types")["types"]:
        spec = data["types"].get(etype, {})
        for v in spec.get("verbs", ()):
            words.setdefault((v, "VERB"), etype)
        for n in spec.get("nouns", ()):
            words.setdefault((n, "NOUN"), etype)
        for phrase in spec.get("phrases", ()):
            phrases.setdefault(phrase[0], []).append((phrase[1], etype))
    control = data["control"]
    pw = place_words(pack)
    return Triggers(
        pack=pack,
        words=words,
        phrases=phrases,
        phrase_only=frozenset(data["phrase_only_verbs"]),
        ignored_nouns=frozenset(data["ignored_nouns"]),
        control=control["noun"],
        control_type=control["type"],
        control_preps=frozenset(control["prepositions"]),
        control_verbs=frozenset(control["verbs"]),
        topic_preps=frozenset(data["topic_prepositions"]),
        negation=re.compile(data["negation"], re.I),
        side_words=data["side_words"],
        side_forces=data["side_forces"],
        event_heads=frozenset(data["event_heads"]),
        anaphors=frozenset(pw.sizes),
        naming_prep=pw.naming_preposition,
    )


def _triggers(pack: LanguagePack | None = None) -> Triggers:
    return _load_triggers(pack if pack is not None else get_pack("en"))


def extract_events(
    doc, places: list[Place], claims: list[Claim], dates: list[DateValue], pack: LanguagePack | None = None
) -> list[Event]:
    triggers = _triggers(pack)
    text = doc.text  # Doc.text joins every token: compute it once, not per trigger
    place_at: dict[int, Place] = {}  # character offset -> the place mentioned there
    for p in places:
        for s, e in p.spans:
            for k in range(s, e):
                place_at[k] = p
    # Token -> its sentence's character span, computed once (spaCy's Token.sent walks the sentences anew).
    sentence_of: dict[int, tuple[int, int]] = {}
    for sent in doc.sents:
        for t in sent:
            sentence_of[t.i] = (sent.start_char, sent.end_char)
    merged: dict[tuple[str, str], Event] = {}
    negations: dict[tuple[str, str], set[str]] = {}
    strong_date: dict[tuple[str, str], bool] = {}
    for tok in doc:
        etype = _trigger_type(tok, triggers)
        if etype is None:
            continue
        place = _target_place(tok, place_at, places, triggers)
        if place is None:
            continue
        side, actor_text = _actor_side(tok, triggers)
        sent = sentence_of[tok.i]
        date, date_in_clause = _event_date(tok, dates, sent, triggers.pack)
        supporting = [
            c
            for c in claims
            if c.content.span and c.content.span[0] <= tok.idx < c.content.span[1] and _asserted_in_claim(tok, triggers)
        ]
        if not supporting:
            supporting = [c for c in claims if c.pattern == "according" and c.sentence[0] <= tok.idx < c.sentence[1]]
        if side == "unknown" and etype in ("capture", "attack", "strike"):
            parties = {c.speaker.side for c in supporting if c.speaker.type in ("official_party", "combatant")}
            if len(parties) == 1 and "unknown" not in parties:
                side = parties.pop()  # a party reporting its own gains
        negated = _negated(tok, supporting, text, triggers)
        key = (etype, place.id)
        ev = merged.get(key)
        if ev is None:
            ev = Event(
                id="",
                type=etype,
                actor=Actor(actor_text or "", side),
                place=place.id,
                date=date,
                trigger=TextSpan(tok.text, (tok.idx, tok.idx + len(tok.text))),
                sentence=sent,
            )
            merged[key] = ev
        if ev.actor.side == "unknown" and side != "unknown":
            ev.actor = Actor(actor_text or ev.actor.text, side)
        if date is not None and (ev.date is None or (date_in_clause and not strong_date.get(key))):
            ev.date = date
            strong_date[key] = date_in_clause
        for c in supporting:
            if c.id not in ev.claims:
                ev.claims.append(c.id)
            if c.id in negated:
                negations.setdefault(key, set()).add(c.id)
    events = list(merged.values())
    by_id = {c.id: c for c in claims}
    for n, ((key, ev)) in enumerate(merged.items(), start=1):
        ev.id = f"e{n}"
        negating = negations.get(key, set()) | {i for i in ev.claims if by_id[i].certainty == "denied"}
        ev.denied_by = [i for i in ev.claims if i in negating]
        ev.status = event_status(
            [by_id[i] for i in ev.claims], negating, ev.actor.side if ev.type == "capture" else "unknown"
        )
    return events


def _negated(tok, supporting: list[Claim], text: str, triggers: Triggers | None = None) -> set[str]:
    """Claims that say the event did NOT happen ("there was no evidence the village had been captured")."""
    triggers = triggers or _triggers()
    dep = triggers.pack.dep
    out = set()
    for c in supporting:
        before = text[c.content.span[0] : tok.idx]
        if any(dep(ch) == "advmod:neg" for ch in tok.children) or triggers.negation.search(before):
            out.add(c.id)
    return out


def event_status(claims: list[Claim], negating: set[str] = frozenset(), actor_side: str = "unknown") -> str:
    if not claims:
        return "unattributed"
    if any(c.certainty == "denied" for c in claims) or any(
        c.id in negating and c.speaker.type in ("official_party", "combatant") for c in claims
    ):
        return "denied"
    if negating or any(c.certainty == "disputed" or c.disputed_by for c in claims):
        return "disputed"
    party_sides = {c.speaker.side for c in claims if c.speaker.type in ("official_party", "combatant")}
    if {"RU", "UA"} <= party_sides or (actor_side in ("RU", "UA") and party_sides & ({"RU", "UA"} - {actor_side})):
        return "acknowledged_by_opposing_side"
    if any(c.speaker.type == "independent" for c in claims):
        return "independently_reported"
    return "claimed_by_one_side"


def _event_date(
    tok, dates: list[DateValue], sent: tuple[int, int], pack: LanguagePack | None = None
) -> tuple[DateValue | None, bool]:
    """The date of the event: one in the trigger's own clause ("captured the village on November 24")
    beats one elsewhere in the sentence ("said on Tuesday that ..."), which is the claim's date but,
    lacking anything better, the best estimate of the event's."""
    in_sentence = [d for d in dates if d.span and sent[0] <= d.span[0] < sent[1] and d.precision.startswith("day")]
    clause = tok if tok.pos_ == "VERB" else tok.head
    while clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i:
        clause = clause.head
    lo, hi = clause.left_edge.idx, clause.right_edge.idx + len(clause.right_edge.text)
    if (pack or get_pack("en")).dep(clause) != "root" or tok.pos_ == "VERB":
        own = [d for d in in_sentence if lo <= d.span[0] < hi and not _in_reporting_clause(tok.doc, d, clause)]
        if own:
            return own[0], True
    return (in_sentence[0] if in_sentence else None), False


def _in_reporting_clause(doc, d: DateValue, clause) -> bool:
    """Is the date attached to a verb above the event's clause (the reporting verb)?"""
    span = doc.char_span(d.span[0], d.span[1], alignment_mode="expand")
    if span is None:
        return False
    head = span.root.head
    while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
        head = head.head
    return head.i != clause.i and clause.i in {t.i for t in head.subtree}


_ARGUMENT = frozenset({"nsubj", "nsubj:pass", "obj", "root", "xcomp:attr", "ccomp", "appos"})
_ACTOR = frozenset({"nsubj", "case:agent", "amod", "nmod:poss", "compound"})


def _asserted_in_claim(tok, triggers: Triggers | None = None) -> bool:
    """Is the trigger what the claim asserts, not a presupposed detail ("the role of residents in the
    city's capture")?  Verbs and nouns in argument position count; nouns inside a modifier do not."""
    triggers = triggers or _triggers()
    if tok.pos_ == "VERB":
        return True
    rel = triggers.pack.dep(tok)
    if rel in _ARGUMENT:
        return True
    if rel == "obl:pobj":
        prep = tok.head
        return prep.lower_ in triggers.topic_preps or prep.head.pos_ in ("VERB", "AUX")
    return tok.lemma_ == triggers.control


def _trigger_type(tok, triggers: Triggers) -> str | None:
    lemma = tok.lemma_.lower()
    if tok.pos_ == "VERB":
        for next_word, etype in triggers.phrases.get(lemma, ()):
            if any(c.lemma_.lower() == next_word for c in tok.children):
                return etype
        # the most common verbs ("take") trigger only in their phrases
        if lemma in triggers.phrase_only:
            return None
        return triggers.words.get((lemma, "VERB"))
    if tok.pos_ == "NOUN":
        if lemma == triggers.control:  # "under Russian control", "took control of"
            head = tok.head
            if head.lower_ in triggers.control_preps or head.lemma_ in triggers.control_verbs:
                return triggers.control_type
            return None
        if lemma in triggers.ignored_nouns:
            return None
        return triggers.words.get((lemma, "NOUN"))
    return None


def _target_place(tok, place_at, places, triggers: Triggers | None = None) -> Place | None:
    """The place the trigger is about: in its object / of-phrase / subject, or "the city"."""
    triggers = triggers or _triggers()
    dep = triggers.pack.dep
    candidates = []
    region = list(tok.subtree)
    if dep(tok) == "obl:pobj":
        region += [c for c in tok.head.subtree]
    if tok.pos_ == "VERB":
        region += [t for c in tok.children if dep(c) in ("nsubj", "nsubj:pass") for t in c.subtree]
    if tok.lemma_ == triggers.control and tok.head.lower_ in triggers.control_preps:
        # "the city's fall under Russian control": the thing under control is the head of "under"
        region += list(tok.head.head.subtree)
    for t in sorted(region, key=lambda t: t.i):
        p = place_at.get(t.idx)
        if p is not None and (p.kind in ("settlement", "region") or not p.resolved):
            candidates.append(p)
        if (
            t.lemma_ in triggers.anaphors
            and t.pos_ == "NOUN"
            and not any(dep(c) == "case:prep" and c.lower_ == triggers.naming_prep for c in t.children)
        ):
            ante = antecedent_settlement(places, t.idx, t.lemma_, triggers.pack)
            if ante is not None:
                candidates.append(ante)
    settlement = [p for p in candidates if p.kind == "settlement"]
    return (settlement or candidates or [None])[0]


def _actor_side(tok, triggers: Triggers | None = None) -> tuple[str, str]:
    """Side of the actor: 'Russian forces captured', 'under Russian control', 'captured by Ukrainian troops'."""
    triggers = triggers or _triggers()
    dep = triggers.pack.dep
    near = []
    for c in tok.children:
        if dep(c) in _ACTOR:
            near.extend(c.subtree)
    if tok.lemma_ == triggers.control:
        near.extend(tok.subtree)
    for t in near:
        side = triggers.side_words.get(t.lower_)
        if side:
            phrase_head = t.head if dep(t) in ("amod", "compound") else t
            if phrase_head.lemma_ in triggers.event_heads:
                return side, triggers.side_forces[side]
            return side, " ".join(x.text for x in phrase_head.subtree if not x.is_punct)[:80]
    return "unknown", ""

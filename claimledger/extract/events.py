"""Events: capture / attack / withdrawal / repelled / strike, with actor side, target place, date,
the claims that assert them, and a status derived from those claims.

An event needs a trigger (a type of data/event_types.yaml, triggered by the words of the language pack's
event_triggers.yaml) and a target place in its clause; "the city" and "the town" refer back to the latest
settlement named before.  Dependency relations are read as Universal Dependencies (``pack.dep``).  Mentions of the same type and place are
one event (a mention without a side joins the one event of that type and place that has a side).

Each claim that bears on the event gets a stance (``Event.stances``: affirm / deny / none with the deciding words,
``extract/stance.py``); the article's own voice gets one only where it speaks unattributed.  "X remains under
our control", "held X", "still control X" (holding) affirm that side's control and deny the other side's capture;
"X had been lost" is the other side's capture; attempts, goals and futures ("trying to capture", "the goal is
to capture", "will capture") are ``attempt`` events; "fighting for control of X" is an attack.  Places and
dates: ``extract/event_targets.py`` (each coordinated place with its own date; never the reporting clause's
date, never another sentence's).  Status rule (first that applies; ``none`` counts for nothing):
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
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache

from claimledger.data import load as load_knowledge
from claimledger.extract.attribution_article import datelines
from claimledger.extract.event_actors import (
    ENEMY,
    actor_side,
    enemy_of,
    other_side,
    settlement_at,
    settlement_at_any,
    side_from_speakers,
)
from claimledger.extract.event_targets import dated_targets as _dated_targets
from claimledger.extract.event_targets import own_dates as _own_dates
from claimledger.extract.event_targets import targets as _targets_of
from claimledger.extract.stance import cue_withholds, irrealis, mentions_claim, stance_of
from claimledger.geo.resolve import place_words
from claimledger.lang import LanguagePack, get_pack
from claimledger.model import Actor, Claim, DateValue, Event, Place, TextSpan
from claimledger.model.article import EventStance
from claimledger.vocab import PARTIES


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
    enemy_words: frozenset  # "the enemy": the side opposite to the speaker's
    event_heads: frozenset
    anaphors: frozenset  # "the city": nouns that refer back to a settlement
    naming_prep: str  # "the city of X" names a place
    object_verbs: dict  # verb -> event type, when its direct object is a settlement ("took Dachne")
    holding_verbs: frozenset  # "held Kurakhove"
    continuity: frozenset  # "remains under ... control", "still controls"
    loss_verbs: frozenset  # "had been lost": the capture is the other side's
    loss_nouns: frozenset
    control_object_preps: frozenset  # nominal "control over X"
    control_contest_preps: frozenset  # "fighting for control of X": an attack


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
        enemy_words=frozenset(data.get("enemy_words", ())),
        event_heads=frozenset(data["event_heads"]),
        anaphors=frozenset(pw.sizes),
        naming_prep=pw.naming_preposition,
        object_verbs=dict(data.get("object_verbs", {})),
        holding_verbs=frozenset(data.get("holding", {}).get("verbs", ())),
        continuity=frozenset(data.get("holding", {}).get("continuity", ())),
        loss_verbs=frozenset(data.get("loss", {}).get("verbs", ())),
        loss_nouns=frozenset(data.get("loss", {}).get("nouns", ())),
        control_object_preps=frozenset(control.get("object_prepositions", ())),
        control_contest_preps=frozenset(control.get("contest_prepositions", ())),
    )


def _triggers(pack: LanguagePack | None = None) -> Triggers:
    return _load_triggers(pack if pack is not None else get_pack("en"))


def extract_events(
    doc,
    places: list[Place],
    claims: list[Claim],
    dates: list[DateValue],
    pack: LanguagePack | None = None,
    own_side: str | None = None,
) -> list[Event]:
    """The events of one parsed article.  ``own_side``: the outlet's side, for "the enemy" in its own voice."""
    triggers = _triggers(pack)
    pack = triggers.pack
    place_at: dict[int, Place] = {}  # character offset -> the place mentioned there
    for p in places:
        for s, e in p.spans:
            for k in range(s, e):
                place_at[k] = p
    for s, e in datelines(doc.text, pack):  # "KYIV, Nov 14 (Reuters) -": where it was filed, no event's target
        place_at.update(dict.fromkeys(range(s, e)))
    # Token -> its sentence's character span, computed once (spaCy's Token.sent walks the sentences anew).
    sentence_of: dict[int, tuple[int, int]] = {}
    for sent in doc.sents:
        for t in sent:
            sentence_of[t.i] = (sent.start_char, sent.end_char)
    cue_idx = {t for c in claims if c.cue.span for t in range(c.cue.span[0], c.cue.span[1])}
    # claims by content and by sentence, day dates by start: looked up per trigger, not scanned (linear cost)
    contents = _SpanLookup([(c.content.span, k) for k, c in enumerate(claims) if c.content.span])
    in_sentences = _SpanLookup([(c.sentence, k) for k, c in enumerate(claims)])
    day_dates = _SpanLookup([(d.span, k) for k, d in enumerate(dates) if d.span and d.precision.startswith("day")])
    acc = _Accumulator()
    for tok in doc:
        found = _trigger(tok, triggers, place_at)
        if found is None:
            continue
        etype, how = found
        targets = _targets_of(tok, place_at, places, triggers)
        if not targets:
            continue
        if irrealis(tok, pack) is not None and etype in (triggers.control_type, "attack"):
            etype, how = "attempt", ""
        side, actor_text = actor_side(tok, triggers, place_at)
        enemy = side == ENEMY  # "the enemy attacked": decided below from who says it
        if enemy:
            side = "unknown"
        if how == "loss":
            side, actor_text = other_side(side), ""
        sent = sentence_of[tok.i]
        own_dates = _own_dates(tok, dates, sent, cue_idx, pack)
        around = contents.at(tok.idx)
        supporting = [claims[k] for k in around] if around and _asserted_in_claim(tok, triggers) else []
        if not supporting:
            supporting = [
                c
                for c in (claims[k] for k in in_sentences.at(tok.idx))
                if c.pattern == "according" or not _in_span(tok.idx, c.cue.span, c.speaker.span)
            ]
        stances = []
        for c in supporting or [None]:
            st, ev_span, reason = stance_of(tok, c, pack, sent)
            stances.append(EventStance(c.id if c else "", st, ev_span, reason))
        if enemy:
            side = enemy_of(supporting, how, own_side)
        elif side == "unknown":
            side = side_from_speakers(supporting, stances, how)
        in_sentence = [dates[k] for k in day_dates.starting(sent)]
        for place, date in _dated_targets(tok, targets, own_dates, sent, in_sentence):
            acc.add(etype, place, side, actor_text, date, tok, sent, stances)
            if how == "holding" and side in PARTIES and _exclusive(etype):
                # "X remains under our control": a denial of the other side's capture of X
                contrary = [
                    EventStance(s.claim, "deny", s.evidence, "holds it: " + side)
                    for s in stances
                    if s.stance == "affirm"
                ]
                if contrary:
                    acc.add(etype, place, other_side(side), "", date, tok, sent, contrary)
    events = acc.events()
    attach_withheld(events, claims, doc, pack)
    by_id = {c.id: c for c in claims}
    for n, ev in enumerate(events, start=1):
        ev.id = f"e{n}"
        ev.denied_by = [s.claim for s in ev.stances if s.claim and s.stance == "deny"]
        ev.status = event_status(
            [by_id[i] for i in ev.claims],
            set(ev.denied_by),
            ev.actor.side if ev.type == triggers.control_type else "unknown",
            ev.stances,
        )
    return events


class _SpanLookup:
    """Spans sorted by start: those containing a position, or starting in a range, by binary search."""

    def __init__(self, spans: list[tuple[tuple[int, int], int]]):
        self.entries = sorted((s, e, k) for (s, e), k in spans)
        self.starts = [s for s, _, _ in self.entries]
        self.longest = max((e - s for s, e, _ in self.entries), default=0)

    def at(self, pos: int) -> list[int]:
        """Keys, in order, of the spans with start <= pos < end."""
        lo, hi = bisect_left(self.starts, pos - self.longest), bisect_right(self.starts, pos)
        return sorted(k for _, e, k in self.entries[lo:hi] if pos < e)

    def starting(self, span: tuple[int, int]) -> list[int]:
        """Keys, in order, of the spans with span start <= start < span end."""
        return sorted(
            k for _, _, k in self.entries[bisect_left(self.starts, span[0]) : bisect_left(self.starts, span[1])]
        )


def _in_span(i: int, *spans) -> bool:
    return any(s is not None and s[0] <= i < s[1] for s in spans)


@cache
def _exclusive(etype: str) -> bool:
    return bool(load_knowledge("event_types")["types"].get(etype, {}).get("exclusive"))


class _Accumulator:
    """Mentions of the same type, place and side are one event; a mention without a side joins the one event of
    that type and place that has a side."""

    def __init__(self):
        self.merged: dict[tuple[str, str, str], Event] = {}
        self.strong: dict[tuple[str, str, str], bool] = {}

    def add(self, etype, place, side, actor_text, date, tok, sent, stances) -> None:
        key = (etype, place.id, side)
        ev = self.merged.get(key)
        if ev is None:
            ev = Event(
                id="",
                type=etype,
                actor=Actor(actor_text or "", side),
                place=place.id,
                date=None,
                trigger=TextSpan(tok.text, (tok.idx, tok.idx + len(tok.text))),
                sentence=sent,
            )
            self.merged[key] = ev
        if date is not None and (ev.date is None or not self.strong.get(key)):
            ev.date, ev.date_source = date
            self.strong[key] = True
        have = {s.claim for s in ev.stances}
        for s in stances:
            if s.claim not in have:
                ev.stances.append(s)
                have.add(s.claim)
                if s.claim:
                    ev.claims.append(s.claim)

    def events(self) -> list[Event]:
        out = []
        for (etype, place, side), ev in self.merged.items():
            if side == "unknown":
                known = [e for (t, p, sd), e in self.merged.items() if t == etype and p == place and sd != "unknown"]
                if len(known) > 1:  # "denies fall of X" beside "held X" and "X had been lost": the one denied
                    mine = {s.stance for s in ev.stances}
                    known = [e for e in known if mine <= {s.stance for s in e.stances}] if len(mine) == 1 else []
                if len(known) == 1:
                    target = known[0]
                    have = {s.claim for s in target.stances}
                    for s in ev.stances:
                        if s.claim not in have:
                            target.stances.append(s)
                            if s.claim:
                                target.claims.append(s.claim)
                    if target.date is None and ev.date is not None:
                        target.date, target.date_source = ev.date, ev.date_source
                    continue
            out.append(ev)
        for ev in out:
            # where claims speak on the event, an unattributed affirming mention is taken to relay them (a headline
            # restating the claim), not the outlet's own word; its own denial or reserve stays
            if any(s.claim for s in ev.stances):
                ev.stances = [s for s in ev.stances if s.claim or s.stance != "affirm"]
        return out


def attach_withheld(events: list[Event], claims: list[Claim], doc, pack: LanguagePack) -> None:
    """A claim that withholds judgement on an earlier claim ("Ukraine did not comment on the report") bears on
    the events of the nearest claim before it, with stance ``none``."""
    by_claim: dict[str, list[Event]] = {}
    for ev in events:
        for i in ev.claims:
            by_claim.setdefault(i, []).append(ev)
    ordered = sorted(claims, key=lambda c: c.sentence[0])
    for k, c in enumerate(ordered):
        if c.id in by_claim:
            continue
        cue = cue_withholds(c, doc, pack)
        if cue is None or not mentions_claim(c, doc, pack):
            continue
        before = [p for p in ordered[:k] if p.id in by_claim and p.speaker.side != c.speaker.side]
        if not before:
            continue
        for ev in by_claim[before[-1].id]:
            ev.claims.append(c.id)
            ev.stances.append(EventStance(c.id, "none", cue, "no comment on an earlier claim"))


def event_status(
    claims: list[Claim],
    negating: set[str] = frozenset(),
    actor_side: str = "unknown",
    stances: list[EventStance] | None = None,
) -> str:
    """The status of an event within its article, from its claims' stances (``none`` counts for nothing)."""
    if stances is not None:
        withheld = {s.claim for s in stances if s.stance == "none"}
        claims = [c for c in claims if c.id not in withheld]
        if not claims:
            return "denied" if any(s.stance == "deny" for s in stances) else "unattributed"
    if not claims:
        return "unattributed"
    if any(c.id in negating and c.speaker.type in ("official_party", "combatant") for c in claims) or (
        stances is None and any(c.certainty == "denied" for c in claims)
    ):
        return "denied"
    affirming = [c for c in claims if c.id not in negating]
    # With stances, only a denial of this event disputes it: a claim disputed on another point ("questions about
    # the accuracy of such claims" of civilians' support) does not make the capture it mentions disputed.
    disputed_claims = stances is None and any(c.certainty == "disputed" or c.disputed_by for c in affirming)
    if negating or disputed_claims:
        return "disputed" if affirming or not negating else "denied"
    party_sides = {c.speaker.side for c in claims if c.speaker.type in ("official_party", "combatant")}
    if {"RU", "UA"} <= party_sides or (actor_side in ("RU", "UA") and party_sides & ({"RU", "UA"} - {actor_side})):
        return "acknowledged_by_opposing_side"
    if any(c.speaker.type == "independent" for c in claims):
        return "independently_reported"
    return "claimed_by_one_side"


_ARGUMENT = frozenset({"nsubj", "nsubj:pass", "obj", "root", "xcomp:attr", "ccomp", "appos"})


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


def _trigger(tok, triggers: Triggers, place_at: dict) -> tuple[str, str] | None:
    """(event type, how) of a trigger; how: "holding" (a side keeps the place), "loss" (a side lost it) or ""."""
    lemma = tok.lemma_.lower()
    dep = triggers.pack.dep
    if tok.pos_ == "VERB" and lemma in triggers.object_verbs:
        if any(dep(c) == "obj" and settlement_at(c, place_at) for c in tok.children):
            etype = triggers.object_verbs[lemma]
            if lemma in triggers.loss_verbs:
                return etype, "loss"
            if lemma in triggers.holding_verbs or _continued(tok, triggers):
                return etype, "holding"
            return etype, ""
    if tok.pos_ in ("VERB", "NOUN") and (lemma in triggers.loss_verbs or lemma in triggers.loss_nouns):
        # "X had been lost", "lost the town", "the loss of X": only a place is lost here (not a game)
        lost = [c for c in tok.children if dep(c) in ("obj", "nsubj:pass")]
        lost += [g for c in tok.children if dep(c) == "case:prep" for g in c.children]
        if any(settlement_at(c, place_at) or c.lemma_ in triggers.anaphors for c in lost):
            return triggers.control_type, "loss"
        return None
    if tok.pos_ == "NOUN" and lemma == triggers.control:
        head = tok.head
        if head.lower_ in triggers.control_preps:
            return triggers.control_type, "holding" if _continued(head.head, triggers) else ""
        if head.lemma_ in triggers.control_verbs:
            return triggers.control_type, ""
        if head.lower_ in triggers.control_contest_preps:
            return "attack", ""
        if any(c.lower_ in triggers.control_object_preps and settlement_at_any(c, place_at) for c in tok.children):
            return triggers.control_type, ""
        return None
    etype = _trigger_type(tok, triggers)
    return (etype, "") if etype else None


def _continued(tok, triggers: Triggers) -> bool:
    """ "remains", "still controls", "continue to hold"."""
    if tok.lemma_.lower() in triggers.continuity:
        return True
    if any(c.lower_ in triggers.continuity for c in tok.children):
        return True
    return tok.head.i != tok.i and triggers.pack.dep(tok) == "xcomp" and tok.head.lemma_.lower() in triggers.continuity


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

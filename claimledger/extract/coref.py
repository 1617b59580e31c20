"""Who speaks, resolved within the article: later mentions of a speaker take the standing (type, side, canonical
name) of its first full mention.

In order, for each claim whose speaker phrase does not identify itself (no name, institution or demonym):
1. an acronym defined in the article ("Black Bird Group (BBG)") is read as its expansion;
2. a surname ("Paroinen") or any other repeated name is the earlier speaker whose phrase contains it;
3. a definite description ("the ministry", "the think tank", "the unit", "the statement") is the nearest earlier
   identified speaker whose phrase contains its head word, else of the same type, else (a statement noun) the
   nearest identified speaker;
4. a pronoun: he / she the nearest earlier person, they / we / it the nearest earlier body (else the nearest);
5. a participial speaker inside another claim's sentence takes the side of that governing speaker;
6. a bare role noun ("Officials have repeatedly emphasized ...") takes the side of the nearest earlier speaker
   within two sentences when that speaker is of the same type.
A side word in the phrase itself ("Russian commanders") always decides the side. A named speaker (a proper noun
head) is never ``anonymous``: its type comes from its head noun, else from what the name is (an unknown
organisation ``journalist`` — a source of unknown standing, never counted as independent —, a person without a
role ``local_source``).
"""

from __future__ import annotations

import re

from claimledger.extract.actors import ActorKnowledge
from claimledger.model import Claim

_ACRONYM = re.compile(r"((?:[A-Z][\w’'-]*\s+)(?:(?:of|for|the|and|on|in)\s+|[A-Z][\w’'-]*\s+){0,7}?)\(([A-Z]{2,8})\)")


def acronyms(text: str) -> dict[str, str]:
    """'Black Bird Group (BBG)' -> {'BBG': 'Black Bird Group'}: the acronym's letters are the initials."""
    out = {}
    for m in _ACRONYM.finditer(text):
        words = m.group(1).split()
        acr = m.group(2)
        for k in range(len(words)):
            caps = "".join(w[0] for w in words[k:] if w[0].isupper())
            if caps == acr:
                out[acr] = " ".join(words[k:])
                break
    return out


def _copy(claim: Claim, ante: Claim) -> None:
    if not claim.speaker.text or not _has_own_side(claim):
        claim.speaker.side = ante.speaker.side
    claim.speaker.type = ante.speaker.type
    claim.speaker.canonical = ante.speaker.canonical


def _has_own_side(claim: Claim) -> bool:
    return claim.speaker.side != "unknown"


def _identified(c: Claim) -> bool:
    return c.speaker.type != "anonymous" or c.speaker.side != "unknown"


def _words(text: str) -> list[str]:
    return re.findall(r"[\w’'-]+", text.lower().replace("’s", "").replace("'s", ""))


def resolve_speakers(
    claims: list[Claim], heads: dict[str, object], actors: ActorKnowledge, sentences: list[tuple[int, int]], text: str
) -> None:
    """``heads``: claim id -> the speaker's head token (or None)."""
    sentence_no = {s: n for n, s in enumerate(sentences)}
    acr = acronyms(text)
    person = {}
    for c in claims:
        h = heads.get(c.id)
        person[c.id] = h is not None and (
            h.ent_type_ == "PERSON" or (h.lemma_.lower() in actors.person_nouns and h.tag_ not in ("NNS", "NNPS"))
        )
    for i, claim in enumerate(claims):
        sp = claim.speaker
        if not sp.text:
            continue
        earlier = [c for c in claims[max(0, i - 60) : i] if c.speaker.text]
        head = heads.get(claim.id)
        words = _words(sp.text)
        # 1. acronyms
        if sp.canonical is None and sp.text.strip() in acr:
            st = actors.classify(acr[sp.text.strip()], acr[sp.text.strip()].split()[-1].lower())
            if st.known or st.qualified:
                sp.type, sp.side, sp.canonical = st.type, st.side, st.canonical or acr[sp.text.strip()]
                continue
        if sp.canonical is not None:
            continue
        # 2. a repeated name (surname, short form)
        if head is not None and head.pos_ == "PROPN" and words and words[0] not in actors.definite_articles:
            name = head.text.lower()
            ante = next((c for c in reversed(earlier) if name in _words(c.speaker.text) and _identified(c)), None)
            if ante is not None:
                _copy(claim, ante)
                person[claim.id] = person[ante.id]
                continue
        # 3. definite descriptions
        if len(words) >= 2 and words[0] in actors.definite_articles and (head is None or head.pos_ != "PROPN"):
            ante = _definite(claim, words, earlier, actors)
            if ante is not None:
                _copy(claim, ante)
                person[claim.id] = person[ante.id]
                continue
        # 4. pronouns
        low = sp.text.strip().lower()
        if actors.is_pronoun(low):
            cands = [c for c in reversed(earlier) if _identified(c)] or list(reversed(earlier))
            if low in actors.person_pronouns:
                ante = next((c for c in cands if person[c.id]), cands[0] if cands else None)
            else:
                ante = next((c for c in cands if not person[c.id]), cands[0] if cands else None)
            if ante is not None:
                _copy(claim, ante)
                person[claim.id] = person[ante.id]
            continue
        if _has_own_side(claim):
            _named_type(claim, head, actors)
            continue
        # 5. participial speaker inside another claim's sentence
        if claim.pattern == "participle":
            governing = [c for c in earlier if c.sentence == claim.sentence and _has_own_side(c)]
            if governing:
                sp.side = governing[-1].speaker.side
                continue
        # 6. bare role noun: same type nearby
        if sp.type in ("official_party", "combatant") and (head is None or head.pos_ != "PROPN"):
            n = sentence_no.get(claim.sentence, 0)
            near = [c for c in earlier if n - sentence_no.get(c.sentence, -99) <= 2]
            if near and near[-1].speaker.type == sp.type and _has_own_side(near[-1]):
                sp.side = near[-1].speaker.side  # the nearest speaker, if it is of the same kind
                continue
        _named_type(claim, head, actors)


def _definite(claim: Claim, words: list[str], earlier: list[Claim], actors: ActorKnowledge) -> Claim | None:
    head = words[-1]
    ided = [c for c in reversed(earlier) if _identified(c) and c.speaker.text.lower() != claim.speaker.text.lower()]
    for c in ided:  # "the ministry" after "Russia's Defence Ministry"
        if head in _words(c.speaker.text):
            return c
    typ = actors.role_nouns.get(head)
    if head in actors.statement_nouns:  # "the statement said": whoever made the latest statement
        return ided[0] if ided else None
    if typ is not None and typ != "anonymous" and ided:  # "the think tank" after ISW, "the unit" after a brigade
        # only the nearest identified speaker, if it is of that kind: reaching past another speaker lands on the
        # wrong party ("the regional military administration" is not the Russian ministry quoted two speakers ago)
        return ided[0] if ided[0].speaker.type == typ else None
    return None


def _named_type(claim: Claim, head, actors: ActorKnowledge) -> None:
    """A named speaker is never anonymous: an unknown organisation is a journalist-like source of unknown
    standing (never ``independent``: an unknown name must not count as independent corroboration — only the
    actors file or an independent head noun such as institute, centre, monitor makes a speaker independent), a
    person local_source, a country or place the state (official party)."""
    sp = claim.speaker
    if sp.type != "anonymous" or head is None or head.pos_ != "PROPN":
        return
    label = head.ent_type_
    if label == "ORG":
        sp.type = "journalist"
    elif label in ("GPE",):
        sp.type = "official_party"
    elif label in ("PERSON", ""):
        sp.type = "local_source"

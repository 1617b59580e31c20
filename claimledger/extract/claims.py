"""Claims: attributions with a typed speaker and a certainty, in text order.

Speaker side when the phrase itself does not say it (no name, institution or demonym):
- a definite description ("the ministry") takes the standing of the earlier speaker whose name it repeats;
- a pronoun ("they argue") takes the standing of the nearest earlier speaker;
- a participial speaker inside another claim's sentence ("officials highlighted ..., with one fighter
  claiming ...") takes the side of that governing speaker;
- a bare role noun ("Officials have repeatedly emphasized ...") takes the side of the nearest earlier
  speaker of the same type within two sentences.
"""

from __future__ import annotations

from claimledger.extract.actors import ActorKnowledge
from claimledger.extract.attribution import AttributionFinder, RawAttribution
from claimledger.extract.certainty import apply_certainty
from claimledger.model import Claim, Speaker, TextSpan


def extract_claims(
    doc, sentences: list[tuple[int, int]], finder: AttributionFinder, actors: ActorKnowledge
) -> tuple[list[Claim], dict[str, str]]:
    """Return the article's claims and each claim's role (attribute or dispute).

    ``sentences`` are the document's sentence spans, trimmed as claim sentences are (see pipeline)."""
    text = doc.text
    raws = finder.find(doc)
    claims: list[Claim] = []
    roles: dict[str, str] = {}
    for n, raw in enumerate(raws, start=1):
        claim = _to_claim(f"c{n}", raw, text, actors)
        claims.append(claim)
        roles[claim.id] = raw.role
    _inherit_sides(claims, actors, sentences)
    apply_certainty(text, claims, sentences, roles, finder.pack)
    return claims, roles


def _to_claim(cid: str, raw: RawAttribution, text: str, actors: ActorKnowledge) -> Claim:
    if raw.speaker is None:
        speaker = Speaker(text="", span=None, type="anonymous", side="unknown")
    else:
        phrase = text[raw.speaker[0] : raw.speaker[1]]
        head = raw.speaker_head
        lemmas = tuple(t.lemma_ for t in head.subtree) if head is not None else ()
        standing = actors.classify(phrase, head.lemma_ if head is not None else None, lemmas)
        speaker = Speaker(
            text=phrase, span=raw.speaker, type=standing.type, side=standing.side, canonical=standing.canonical
        )
    return Claim(
        id=cid,
        sentence=raw.sentence,
        speaker=speaker,
        cue=TextSpan(text[raw.cue[0] : raw.cue[1]], raw.cue),
        content=TextSpan(text[raw.content[0] : raw.content[1]], raw.content),
        certainty=raw.certainty,
        pattern=raw.pattern,
    )


def _definite_antecedent(claim: Claim, earlier: list[Claim], actors: ActorKnowledge) -> Claim | None:
    """'The ministry said ...' after 'Russia's Defence Ministry said ...' is the same speaker: a definite
    description whose head word appears in an earlier, identified speaker's name."""
    words = claim.speaker.text.lower().split()
    if len(words) != 2 or words[0] not in actors.definite_articles:
        return None
    head = words[1]
    for c in reversed(earlier):
        if c.speaker.side != "unknown" and head in c.speaker.text.lower().replace("’", "'").split():
            return c
    return None


def _inherit_sides(claims: list[Claim], actors: ActorKnowledge, sentences: list[tuple[int, int]]) -> None:
    sentence_no = {s: n for n, s in enumerate(sentences)}
    for i, claim in enumerate(claims):
        if claim.speaker.side != "unknown" or not claim.speaker.text:
            continue
        earlier = claims[:i]
        ante = _definite_antecedent(claim, earlier, actors)
        if ante is not None:
            claim.speaker.type, claim.speaker.side = ante.speaker.type, ante.speaker.side
            claim.speaker.canonical = ante.speaker.canonical
            continue
        if actors.is_pronoun(claim.speaker.text):
            if earlier:
                ante = earlier[-1]
                claim.speaker.type, claim.speaker.side = ante.speaker.type, ante.speaker.side
                claim.speaker.canonical = ante.speaker.canonical
            continue
        if claim.pattern == "participle":
            governing = [c for c in earlier if c.sentence == claim.sentence and c.speaker.side != "unknown"]
            if governing:
                claim.speaker.side = governing[-1].speaker.side
                continue
        if claim.speaker.type in ("official_party", "combatant"):
            n = sentence_no.get(claim.sentence, 0)
            same_type = [
                c
                for c in earlier
                if c.speaker.type == claim.speaker.type
                and c.speaker.side != "unknown"
                and n - sentence_no.get(c.sentence, -99) <= 2
            ]
            if same_type:
                claim.speaker.side = same_type[-1].speaker.side

"""Claims: attributions with a typed speaker and a certainty, in text order.

Speakers are resolved within the article (``coref.py``: surnames, acronyms, definite descriptions, pronouns).
A claim restated in the same article by the same speaker (headline, lede, body) is one claim: the later
wordings become its ``evidence``. A cue that reports no statement ("has yet to comment") gives a claim with
``asserts`` False.
"""

from __future__ import annotations

import re

from claimledger.extract.actors import ActorKnowledge
from claimledger.extract.attribution import AttributionFinder, RawAttribution
from claimledger.extract.attribution_article import asserts
from claimledger.extract.certainty import apply_certainty
from claimledger.extract.coref import resolve_speakers
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
    heads: dict[str, object] = {}
    for raw in raws:
        claim = _to_claim(f"c{len(claims) + 1}", raw, text, actors)
        if _place_label(raw, text) and claim.speaker.canonical is None:
            continue  # "Pokrovsk: Ukrainian troops withdraw" (a live blog's heading): a place, not a speaker
        claim.asserts = asserts(text, raw.cue, finder.pack)
        claims.append(claim)
        roles[claim.id] = raw.role
        heads[claim.id] = raw.speaker_head
    resolve_speakers(claims, heads, actors, sentences, text)
    lede_end = sentences[min(2, len(sentences) - 1)][1] if sentences else 0
    claims = _merge_restatements(claims, lede_end)
    apply_certainty(text, claims, sentences, roles, finder.pack)
    return claims, roles


_WORD = re.compile(r"\w+")


def _merge_restatements(claims: list[Claim], lede_end: int) -> list[Claim]:
    """The same speaker saying the same thing in the headline or lede (the first three sentences, up to
    ``lede_end``) and again later: one claim, the other
    wording kept as evidence. Same speaker: the same canonical name, else the same phrase; same content: 80%
    of the shorter content's words in the other (a headline is a shortened lede), five words or more."""
    kept: list[tuple[Claim, frozenset, str]] = []
    for c in claims:
        words = frozenset(w.lower() for w in _WORD.findall(c.content.text) if len(w) > 2)
        who = c.speaker.canonical or c.speaker.text.lower()
        twin = None
        if len(words) >= 5 and who:
            for k, kw, kwho in kept[-200:]:
                if k.sentence[0] < lede_end and kwho == who and len(words & kw) >= 0.8 * min(len(words), len(kw)):
                    twin = k
                    break
        if twin is not None and twin.asserts == c.asserts:
            twin.evidence.append(c.content.span)
            continue
        kept.append((c, words, who))
    return [c for c, _, _ in kept]


def _place_label(raw: RawAttribution, text: str) -> bool:
    """A heading's label before a colon ("Pokrovsk: ...") that names a place."""
    if raw.cue_tokens or raw.speaker is None or raw.speaker_head is None or text[raw.cue[0] : raw.cue[1]].isalnum():
        return False
    sp = raw.speaker_head.doc.char_span(*raw.speaker, alignment_mode="expand")
    return sp is not None and len(sp) > 0 and all(t.ent_type_ in ("GPE", "LOC") for t in sp if not t.is_punct)


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

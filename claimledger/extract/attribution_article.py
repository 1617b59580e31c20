"""Attribution patterns and corrections that look beyond one verb: datelines, claims named by a noun, passive
back-references, and the filters that keep nested or non-speech verbs out.

- dateline: "KYIV - Ukraine's military said ..." — the dateline is never the speaker; the speaker is the noun
  phrase after it.
- nominal: "Moscow's claim that ...", "statements by the ministry that ...", "a claim that Kyiv refuted":
  a claim noun with a that-clause is a claim of its possessor / by-phrase (the claim inside a claim).
- back-reference: "This was reported by the General Staff." — a passive with a demonstrative subject and an
  agent attributes the previous sentence to the agent.
- filters: a reporting verb whose subject is a place ("the town boasts ...") is no statement; a cue in a free
  relative inside a quotation ("what he describes as") is the quoted speaker's wording, not a claim.

The words come from the language pack's ``attribution.yaml``.
"""

from __future__ import annotations

import re
from functools import cache

from claimledger.extract.attribution_quotes import quotes
from claimledger.extract.attribution_spans import RawAttribution, noun_phrase, span_of, trim_span


@cache
def article_words(pack) -> dict:
    data = pack.words("attribution")
    return {
        "dateline": re.compile(data["dateline"]),
        "claim_nouns": frozenset(data["claim_nouns"]),
        "claim_noun_source_prepositions": frozenset(data["claim_noun_source_prepositions"]),
        "back_reference_subjects": frozenset(data["back_reference_subjects"]),
        "non_speaker_nouns": frozenset(data["non_speaker_nouns"]),
        "non_asserting_cues": re.compile(data["non_asserting_cues"]),
        "free_relative_words": frozenset(data["free_relative_words"]),
        "credits": [re.compile(data[k]) for k in ("byline", "caption") if data.get(k)],
    }


def datelines(text: str, pack) -> list[tuple[int, int]]:
    """Character spans of the datelines opening lines of the article."""
    return [m.span() for m in article_words(pack)["dateline"].finditer(text)]


def fix_datelines(doc, raws: list[RawAttribution], pack) -> None:
    """A speaker inside (or starting with) a dateline is the noun phrase after the dateline, up to the cue; a
    content starting in one starts after it."""
    spans = datelines(doc.text, pack)
    if not spans:
        return
    for a in raws:
        cs, ce = a.content
        line = next(((ds, de) for ds, de in spans if ds <= cs < de < ce), None)
        if line is not None:  # 'KYIV, Ukraine (AP) — Russian troops have ...': the content starts after it
            a.content = trim_span(doc.text, line[1], ce) or a.content
        if a.speaker is None:
            continue
        s, e = a.speaker
        line = next(((ds, de) for ds, de in spans if ds <= s < de), None)
        if line is not None:
            _speaker_after(doc, a, line[1])


def _speaker_after(doc, a: RawAttribution, start: int) -> None:
    """The speaker is the noun phrase from ``start`` up to the cue (none when nothing is left)."""
    end = a.cue[0] if a.cue[0] > start else a.speaker[1]
    sub = doc.char_span(start, end, alignment_mode="contract") if end > start else None
    if sub is None or not len(sub) or all(t.is_space or t.is_punct for t in sub):
        a.speaker, a.speaker_head = None, None
        return
    toks = [t for t in sub if not t.is_space]
    head = next((t for t in toks if t.head.i < sub.start or t.head.i >= sub.end or t.head.i == t.i), toks[-1])
    a.speaker = trim_span(doc.text, toks[0].idx, toks[-1].idx + len(toks[-1].text))
    a.speaker_head = head


def credits(text: str, pack) -> list[tuple[int, int]]:
    """Character spans of bylines ("By ...", "Reporting by ...; Editing by ...") and photo captions and credits
    ("(Photo: ...)", "FILE PHOTO:", "Credit: ...")."""
    return sorted(m.span() for rx in article_words(pack)["credits"] for m in rx.finditer(text))


def drop_credits(doc, raws: list[RawAttribution], pack) -> list[RawAttribution]:
    """Bylines and captions are never speakers: a claim whose cue is inside one ("FILE PHOTO: ...", "(Photo: X
    said ...)") is dropped; a speaker running into one is the noun phrase after it, up to the cue."""
    spans = credits(doc.text, pack)
    if not spans:
        return raws
    out = []
    for a in raws:
        if any(cs <= a.cue[0] < ce for cs, ce in spans):
            continue
        if a.speaker is not None:
            s, e = a.speaker
            hit = next(((cs, ce) for cs, ce in spans if cs < e and s < ce), None)
            if hit is not None and hit[1] < a.cue[0]:
                _speaker_after(doc, a, hit[1])
            elif hit is not None:
                a.speaker, a.speaker_head = None, None
        out.append(a)
    return out


def nominal_claims(doc, pack, sent_span_of) -> list[RawAttribution]:
    """'Moscow's claim that P', 'statements by X that P', 'the ministry's assessment that P'."""
    w = article_words(pack)
    dep = pack.dep
    out = []
    for tok in doc:
        if tok.pos_ != "NOUN" or tok.lemma_.lower() not in w["claim_nouns"]:
            continue
        clause = next(
            (
                c
                for c in tok.children
                if dep(c) in ("acl", "ccomp", "acl:relcl")
                and c.i > tok.i
                and any(dep(m) == "mark" and m.i < c.i for m in c.children)
            ),
            None,
        )
        if clause is None:
            continue
        source = None
        for c in tok.children:
            if dep(c) == "nmod:poss" and c.i < tok.i:
                source = c
            elif (
                dep(c) == "case:prep"
                and c.lower_ in w["claim_noun_source_prepositions"]
                and c.i < clause.i
                and source is None
            ):
                source = next((g for g in c.children if dep(g) == "obl:pobj"), None)
        if source is None:
            continue
        content = [t for t in clause.subtree if not (dep(t) == "mark" and t.head.i == clause.i)]
        content_span = span_of(content, doc.text)
        speaker_toks = [t for t in noun_phrase(source, pack) if t.i < tok.i or t.i < clause.i]
        speaker_toks = [t for t in speaker_toks if not (dep(t) == "case:poss" or t.text in ("’s", "'s"))]
        speaker_span = span_of(speaker_toks, doc.text)
        if content_span is None or speaker_span is None or content_span[1] - content_span[0] < 8:
            continue
        out.append(
            RawAttribution(
                sentence=sent_span_of(tok),
                speaker=speaker_span,
                speaker_head=source,
                cue=(tok.idx, tok.idx + len(tok.text)),
                content=content_span,
                certainty="reported",
                role="attribute",
                pattern="nominal",
                cue_tokens=[tok],
            )
        )
    return out


def back_references(doc, pack, sent_span_of, verbs) -> list[RawAttribution]:
    """'This was reported by X.' / 'That was confirmed by X': the previous sentence, said by X (``verbs``: the
    reporting verbs' lemmas)."""
    w = article_words(pack)
    dep = pack.dep
    out = []
    sents = list(doc.sents)
    for k, sent in enumerate(sents):
        if k == 0:
            continue
        for verb in sent:
            if verb.tag_ != "VBN" or verb.lemma_.lower() not in verbs:
                continue
            if not any(dep(c) == "aux:pass" for c in verb.children):
                continue
            subj = next((c for c in verb.children if dep(c) == "nsubj:pass"), None)
            if subj is None or subj.lower_ not in w["back_reference_subjects"]:
                continue
            agent = next((c for c in verb.children if dep(c) == "case:agent"), None)
            source = next((g for g in agent.children if dep(g) == "obl:pobj"), None) if agent is not None else None
            if source is None:
                continue
            prev = sents[k - 1]
            content = trim_span(doc.text, prev.start_char, prev.end_char)
            speaker = span_of(noun_phrase(source, pack), doc.text)
            if content is None or speaker is None:
                continue
            cue_toks = [c for c in verb.children if dep(c) == "aux:pass"] + [verb, agent]
            cue_toks.sort(key=lambda t: t.i)
            out.append(
                RawAttribution(
                    sentence=sent_span_of(verb),
                    speaker=speaker,
                    speaker_head=source,
                    cue=(cue_toks[0].idx, cue_toks[-1].idx + len(cue_toks[-1].text)),
                    content=content,
                    certainty="reported",
                    role="attribute",
                    pattern="back_reference",
                    cue_tokens=cue_toks,
                )
            )
    return out


def drop_spurious(doc, raws: list[RawAttribution], pack) -> list[RawAttribution]:
    w = article_words(pack)
    dep = pack.dep
    text = doc.text
    quoted = [(s, e) for s, e in quotes(text) if len(text[s:e].split()) >= 4]
    out = []
    for a in raws:
        head = a.speaker_head
        if head is not None and head.lemma_.lower() in w["non_speaker_nouns"] and not head.ent_type_:
            continue  # "the town boasts a railway hub"
        verb = next((t for t in a.cue_tokens if t.pos_ in ("VERB", "AUX")), None)
        if verb is not None and any(qs < a.cue[0] < qe for qs, qe in quoted):
            free_relative = any(c.lower_ in w["free_relative_words"] for c in verb.children) or (
                dep(verb) == "acl:relcl"
            )
            if free_relative:
                continue  # "... what he describes as a liberation ..." inside a quotation
        out.append(a)
    return out


def asserts(text: str, cue_span: tuple[int, int], pack) -> bool:
    """False for cues that report no statement: "has yet to comment", "declined to comment"."""
    around = text[max(0, cue_span[0] - 25) : cue_span[1]]
    return article_words(pack)["non_asserting_cues"].search(around) is None

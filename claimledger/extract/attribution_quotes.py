"""Direct quotations: quoted content, quotes continuing a quoted claim, transcript labels and signed quotes."""

from __future__ import annotations

import re

from claimledger.extract.attribution_spans import QUOTE_CHARS, RawAttribution, trim_span
from claimledger.extract.attribution_words import AttributionWords


def line_patterns(doc, words: AttributionWords) -> list[RawAttribution]:
    """Speaker labels of interviews and transcripts ("WALLACE: Governor, ...", "Her advice: ...") and quotes
    signed with a dash ("“...” ― Sonya Herridge"): the colon or the dash is the cue."""
    text = doc.text
    out = []
    for m in words.speaker_label.finditer(text):
        name, colon, body = m.span("name"), m.span("colon"), m.span("body")
        label = text[name[0] : name[1]]
        if label.lower() in words.not_speaker_labels or not (
            label.isupper() or all(w[0].isupper() for w in label.split())
        ):
            continue
        content = trim_span(text, *body)
        if content is None or len(text[content[0] : content[1]].split()) < 3:
            continue
        out.append(_raw_from_chars(doc, name, colon, content, "quote"))
    for m in words.signed_quote.finditer(text):
        q, dash, name = m.span("quote"), m.span("dash"), m.span("name")
        content = trim_span(text, *q)
        if content is not None:
            out.append(_raw_from_chars(doc, name, dash, content, "quote"))
    return [a for a in out if a is not None]


def _raw_from_chars(doc, speaker, cue, content, pattern) -> RawAttribution | None:
    sp = doc.char_span(*speaker, alignment_mode="expand")
    head = sp.root if sp is not None and len(sp) else None
    cue_sp = doc.char_span(*cue, alignment_mode="expand")
    sent_span = (cue_sp.sent.start_char, cue_sp.sent.end_char) if cue_sp is not None and len(cue_sp) else cue
    sent_span = trim_span(doc.text, *sent_span) or sent_span
    return RawAttribution(
        sentence=sent_span,
        speaker=speaker,
        speaker_head=head,
        cue=cue,
        content=content,
        certainty="reported",
        role="attribute",
        pattern=pattern,
        cue_tokens=[],
    )


def narrow_to_quotations(text: str, found: list[RawAttribution]) -> None:
    """When a claim's content lies inside a quotation and its cue outside, the content is the whole quotation
    ("'Our positions are holding, and ...,' a spokesman said")."""
    for qs, qe in quotes(text):
        inside = trim_span(text, qs + 1, qe - 1)
        if inside is None or len(text[inside[0] : inside[1]].split()) < 4:
            continue  # scare quotes ('new offensive') are not quotations
        for att in found:
            cs, ce = att.content
            cue_outside = not (qs <= att.cue[0] < qe)
            if cue_outside and qs <= cs and ce <= qe:
                att.content = inside
                att.pattern = "quote"


def quote_continuations(doc, found: list[RawAttribution], words: AttributionWords) -> list[RawAttribution]:
    """A quotation that no claim covers, right after a quoted claim (only punctuation, or the claim's own speaker
    and cue, between them) continues that claim: '"A," she said, "B."' and '"A," she said. "B."' both say B."""
    text = doc.text
    out = []
    claims = sorted(found, key=lambda a: a.content[0])
    covered = [a.content for a in found] + [a.cue for a in found]
    for qs, qe in quotes(text):
        inside = trim_span(text, qs + 1, qe - 1)
        if inside is None or len(text[inside[0] : inside[1]].split()) < 3:
            continue
        if any(s < qe and qs < e for s, e in covered):
            continue
        after = text[qe : qe + 40]
        if not re.match(r"[.,!?;:…]*\s*(?:\n|$|[“\"])", after) and not words.sentence_after_quote.match(after):
            continue  # a quote inside narration ("he called it “a disgrace” and left") is not a statement of its own
        prev = None
        for a in claims:
            end = max(a.content[1], a.cue[1], (a.speaker or (0, 0))[1])
            if end <= qs:
                gap = text[end:qs]
                if re.fullmatch(r"[\s.,;:!?”\"’'—–-]*", gap) and gap.count("\n\n") <= 1:
                    prev = a
        if prev is None or prev.pattern != "quote" and not _is_quoted(text, prev.content):
            continue
        cont = RawAttribution(
            sentence=prev.sentence,
            speaker=prev.speaker,
            speaker_head=prev.speaker_head,
            cue=prev.cue,
            content=inside,
            certainty=prev.certainty,
            role=prev.role,
            pattern="quote",
            cue_tokens=prev.cue_tokens,
        )
        out.append(cont)
        claims.append(cont)
        claims.sort(key=lambda a: a.content[0])
        covered.append((qs, qe))
    return out


def _is_quoted(text: str, span) -> bool:
    s, e = span
    return (s > 0 and text[s - 1] in QUOTE_CHARS) or (
        e < len(text) and text[e : e + 2].lstrip(".,!?")[:1] in QUOTE_CHARS
    )


def quotes(text: str) -> list[tuple[int, int]]:
    """Character spans of quotations, quote marks included (none spans a paragraph break)."""
    pairs = {"“": "”", '"': '"', "«": "»", "„": "“"}
    out = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch in pairs:
            j = text.find(pairs[ch], i + 1)
            if j > i and "\n\n" not in text[i:j]:
                out.append((i, j + 1))
                i = j + 1
                continue
        i += 1
    return out

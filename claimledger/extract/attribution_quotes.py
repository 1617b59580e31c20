"""Direct quotations: quoted content, quotes continuing a quoted claim, transcript labels and signed quotes."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from itertools import accumulate

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
    spans = []
    for qs, qe in quotes(text):
        inside = trim_span(text, qs + 1, qe - 1)
        if inside is None or len(text[inside[0] : inside[1]].split()) < 4:
            continue  # scare quotes ('new offensive') are not quotations
        spans.append((qs, qe, inside))
    starts = [q[0] for q in spans]  # quotations are disjoint and in text order
    for att in found:
        cs, ce = att.content
        k = bisect_right(starts, cs) - 1
        for qs, qe, inside in spans[max(k - 1, 0) : k + 1] if k >= 0 else ():
            if not (qs <= att.cue[0] < qe) and qs <= cs and ce <= qe:
                att.content = inside
                att.pattern = "quote"
                break


def quote_continuations(doc, found: list[RawAttribution], words: AttributionWords) -> list[RawAttribution]:
    """A quotation that no claim covers, right after a quoted claim (only punctuation, or the claim's own speaker
    and cue, between them) continues that claim: '"A," she said, "B."' and '"A," she said. "B."' both say B."""
    text = doc.text
    out = []
    covered = sorted([a.content for a in found] + [a.cue for a in found])
    cov_starts = [s for s, _ in covered]
    cov_reach = list(accumulate((e for _, e in covered), max))
    # claims by where they end (content, cue or speaker), each with its rank in content order (ties: found order)
    order = sorted(range(len(found)), key=lambda n: found[n].content[0])
    ends: list[tuple[int, tuple[int, int], int]] = []
    for rank, n in enumerate(order):
        a = found[n]
        ends.append((_end(a), (a.content[0], rank), n))
    ends.sort()
    pool = list(found)
    for qs, qe in quotes(text):
        inside = trim_span(text, qs + 1, qe - 1)
        if inside is None or len(text[inside[0] : inside[1]].split()) < 3:
            continue
        k = bisect_left(cov_starts, qe)  # a claim's content or cue overlaps the quotation
        if k and cov_reach[k - 1] > qs:
            continue
        after = text[qe : qe + 40]
        if not re.match(r"[.,!?;:…]*\s*(?:\n|$|[“\"])", after) and not words.sentence_after_quote.match(after):
            continue  # a quote inside narration ("he called it “a disgrace” and left") is not a statement of its own
        p = qs
        while p > 0 and _GAP_CHAR.match(text[p - 1]):
            p -= 1
        best = None
        for end, rank, n in ends[bisect_left(ends, (p,)) : bisect_right(ends, (qs, (float("inf"),)))]:
            if text[end:qs].count("\n\n") <= 1 and (best is None or rank > best[0]):
                best = (rank, n)
        prev = pool[best[1]] if best is not None else None
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
        pool.append(cont)
        insort(ends, (_end(cont), (cont.content[0], len(pool) + len(found)), len(pool) - 1))
    return out


_GAP_CHAR = re.compile(r"[\s.,;:!?”\"’'—–-]")


def _end(a: RawAttribution) -> int:
    return max(a.content[1], a.cue[1], (a.speaker or (0, 0))[1])


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

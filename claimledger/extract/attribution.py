"""Attribution: who says what.  Finds speaker / cue / content spans with dependency patterns.

Patterns (each claim records which one found it, in ``Claim.pattern``):
  verb       X said/claimed/suggested (that) Y          nsubj + reporting verb + ccomp/dobj/about-phrase
  parataxis  Y, X claimed, Z                            reporting verb attached as parataxis to the clause it reports
  participle ..., with one fighter claiming that Y       the verb pattern on a VBG, speaker inherited upwards if needed
  passive    it was reported that Y / Y is said to ...   anonymous speaker
  according  according to X, Y                          prepositional source
  phrase     X raised questions about Y                 verb + object cue from the data file (usually disputes)
  quote      "Y," X said                                 direct quotation; content is the quoted text
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Optional

from claimledger.data import load as load_knowledge

QUOTE_CHARS = "\"“”‘’'«»„"
_TRIM = set(QUOTE_CHARS) | set(",;:—–- \n\t")


@dataclass
class Cues:
    verbs: dict
    phrases: list
    source_prepositions: list

    @classmethod
    @lru_cache(maxsize=1)
    def load(cls) -> "Cues":
        data = load_knowledge("reporting_cues")
        return cls(data["verbs"], data["phrases"], data["source_prepositions"])

    def phrase_for(self, verb_lemma: str, object_lemma: str) -> Optional[dict]:
        for p in self.phrases:
            if p["verb"] == verb_lemma and object_lemma in p["object"]:
                return p
        return None


@dataclass
class RawAttribution:
    """An attribution before speaker typing and certainty: token-level evidence only."""

    sentence: tuple[int, int]
    speaker: Optional[tuple[int, int]]  # char span
    speaker_head: Optional[object]  # spaCy Token
    cue: tuple[int, int]
    content: tuple[int, int]
    certainty: str
    role: str
    pattern: str
    cue_tokens: list


def _span_of(tokens: Iterable, text: str) -> Optional[tuple[int, int]]:
    toks = sorted(tokens, key=lambda t: t.i)
    if not toks:
        return None
    start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
    return trim_span(text, start, end)


def trim_span(text: str, start: int, end: int) -> Optional[tuple[int, int]]:
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and (text[end - 1] in _TRIM or text[end - 1] == "."):
        end -= 1
    return (start, end) if end > start else None


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


def _noun_phrase(token) -> list:
    """The speaker phrase: the subject's subtree without relative clauses or reported content."""
    drop = {c.i for c in token.children if c.dep_ in ("relcl", "acl", "ccomp", "punct") and c.i > token.i}
    toks = _subtree_without(token, drop)
    return [t for t in toks if not t.is_space]


def _contiguous(tokens: list) -> list:
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


def _subject_of(verb):
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass"):
            return c
    # "X continues to frame ...", "X went on to say ...": the subject sits on the governing verb.
    head = verb
    for _ in range(3):
        if head.dep_ in ("xcomp", "conj", "advcl") and head.head.i != head.i:
            head = head.head
            for c in head.children:
                if c.dep_ == "nsubj":
                    return c
        else:
            break
    return None


def _agent_of(verb):
    for c in verb.children:
        if c.dep_ == "agent":
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    return None


_DISCOURSE_MARKERS = {("you", "know"), ("i", "mean"), ("you", "see"), ("i", "guess"), ("you", "understand")}
_ADDRESSEE_VERBS = {"brief", "inform", "tell", "warn", "write", "post", "report"}


_GROUP_LEFT = ("aux", "auxpass", "neg", "advmod")
_ADJUNCT_DEPS = ("advmod", "npadvmod", "prep", "neg", "prt", "agent")
_WH = {"how", "why", "when", "where", "what", "whether", "if", "as", "so", "then", "than"}


def _extend_left(doc, head, taken: set, blocked: set, sent_start: int) -> None:
    i = min(taken) - 1
    while i >= sent_start:
        t = doc[i]
        if i in blocked or t.head.i != head.i or t.dep_ not in _GROUP_LEFT or t.lower_ in _WH:
            break
        if t.dep_ == "advmod" and any(True for _ in t.children):
            break
        taken.add(i)
        i -= 1


def verb_group(verb, cue_tokens: list, content_tokens: list, speaker_tokens: list) -> list:
    """Extend a verbal cue to its verb group, as the cue is read: auxiliaries, modals, negation and adverbs
    before it ("has not yet said"), governing verbs ("appeared to suggest"), particles and the preposition
    linking it to the content ("called for"), reporting adjuncts ("said in a statement Friday"), a colon."""
    doc = verb.doc
    taken = {t.i for t in cue_tokens}
    blocked = {t.i for t in content_tokens} | {t.i for t in speaker_tokens}
    sent = verb.sent
    hi = max(taken)
    _extend_left(doc, verb, taken, blocked, sent.start)
    # "went on to discuss", "appeared to suggest", "could not resist pointing out": the governing verbs join
    head = verb
    while head.dep_ == "xcomp" and head.head.i < head.i and head.head.i not in blocked:
        gov = head.head
        gap = [k for k in range(gov.i + 1, min(taken)) if k not in taken]
        if any(k in blocked or doc[k].head.i != gov.i or doc[k].dep_ not in ("prt", "advmod", "neg") for k in gap):
            break
        taken.update(gap)
        taken.add(gov.i)
        _extend_left(doc, gov, taken, blocked, sent.start)
        head = gov
    # right: up to the content (when it follows), over the verb's own modifiers
    content_start = min((t.i for t in content_tokens), default=None)
    after = content_start is not None and content_start > hi
    j = hi + 1
    while j < sent.end:
        t = doc[j]
        if j in blocked:
            break
        if t.text == ":" and (after or j + 1 < sent.end and doc[j + 1].text in "“\"'‘"):
            taken.add(j)
            break
        if t.head.i == verb.i and t.dep_ == "agent" and j + 1 in blocked:
            taken.add(j)  # "has been endorsed by" + the source
            break
        if t.head.i == verb.i and t.dep_ == "prep" and content_start is not None and content_start == j + 1:
            taken.add(j)  # the preposition introducing the content: "called for", "spoke about"
            break
        if t.head.i != verb.i or t.dep_ not in _ADJUNCT_DEPS or t.lower_ in _WH:
            break
        sub = sorted(x.i for x in t.subtree)
        if sub[0] != j or any(k in blocked for k in sub) or not _reportive_adjunct(t):
            break
        if any(doc[k].is_punct and doc[k].text != "." for k in sub):
            break
        taken.update(sub)
        j = sub[-1] + 1
    return [doc[k] for k in sorted(taken)]


_REPORT_NOUNS = {"statement", "interview", "email", "letter", "post", "tweet", "release", "speech", "op-ed",
                 "memo", "briefing", "message", "video", "note", "filing", "report", "conversation", "call"}


def _reportive_adjunct(t) -> bool:
    """Adjuncts that join the cue: "in a statement" / "on Twitter", a bare day ("said Friday"), "also", "later"."""
    if t.dep_ in ("prt", "neg") or (t.dep_ == "npadvmod" and t.ent_type_ in ("DATE", "TIME")):
        return True
    if t.dep_ == "prep" and t.lower_ in ("in", "on", "during", "via"):
        pobj = next((c for c in t.children if c.dep_ == "pobj"), None)
        return pobj is not None and (pobj.lemma_.lower() in _REPORT_NOUNS or pobj.lower_ in ("twitter", "facebook", "instagram"))
    return t.dep_ == "advmod" and t.lower_ in ("also", "later", "recently", "again", "earlier")


def _cue_span(tokens) -> Optional[tuple[int, int]]:
    """A cue keeps its edges: a contracted auxiliary ("’s claiming") and an introducing colon ("said:")."""
    toks = sorted((t for t in tokens if not t.is_space), key=lambda t: t.i)
    while toks and toks[-1].text in (",", ";", "—", "–", "-"):
        toks.pop()
    while toks and toks[0].is_punct:
        toks.pop(0)
    return (toks[0].idx, toks[-1].idx + len(toks[-1].text)) if toks else None


def doc_range(doc, start: int, end: int):
    return [doc[i] for i in range(start, end)]


class AttributionFinder:
    def __init__(self, cues: Optional[Cues] = None):
        self.cues = cues or Cues.load()

    def find(self, doc) -> list[RawAttribution]:
        text = doc.text
        found: list[RawAttribution] = []
        for sent in doc.sents:
            sent_span = trim_span(text, sent.start_char, sent.end_char) or (sent.start_char, sent.end_char)
            for tok in sent:
                att = None
                if tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB"):
                    att = self._verb_pattern(tok, text, sent_span)
                if att is None and tok.lower_ in ("according", "citing", "per"):
                    att = self._according_pattern(tok, text, sent, sent_span)
                if att is not None:
                    found.append(att)
        self._narrow_to_quotations(doc.text, found)
        found.extend(self._line_patterns(doc))
        found = _dedupe(found)
        found.extend(_quote_continuations(doc, found))
        return _dedupe(found)

    def _line_patterns(self, doc) -> list[RawAttribution]:
        """Speaker labels of interviews and transcripts ("WALLACE: Governor, ...", "Her advice: ...") and quotes
        signed with a dash ("“...” ― Sonya Herridge"): the colon or the dash is the cue."""
        text = doc.text
        out = []
        for m in _LABEL.finditer(text):
            name, colon, body = m.span("name"), m.span("colon"), m.span("body")
            label = text[name[0]:name[1]]
            if label.lower() in _NOT_SPEAKERS or not (label.isupper() or all(w[0].isupper() for w in label.split())):
                continue
            content = trim_span(text, *body)
            if content is None or len(text[content[0]:content[1]].split()) < 3:
                continue
            out.append(self._raw_from_chars(doc, name, colon, content, "quote"))
        for m in _SIGNED.finditer(text):
            q, dash, name = m.span("quote"), m.span("dash"), m.span("name")
            content = trim_span(text, *q)
            if content is not None:
                out.append(self._raw_from_chars(doc, name, dash, content, "quote"))
        return [a for a in out if a is not None]

    @staticmethod
    def _raw_from_chars(doc, speaker, cue, content, pattern) -> Optional[RawAttribution]:
        sp = doc.char_span(*speaker, alignment_mode="expand")
        head = sp.root if sp is not None and len(sp) else None
        cue_sp = doc.char_span(*cue, alignment_mode="expand")
        sent_span = (cue_sp.sent.start_char, cue_sp.sent.end_char) if cue_sp is not None and len(cue_sp) else cue
        sent_span = trim_span(doc.text, *sent_span) or sent_span
        return RawAttribution(sentence=sent_span, speaker=speaker, speaker_head=head, cue=cue, content=content,
                              certainty="reported", role="attribute", pattern=pattern, cue_tokens=[])

    # --- patterns -------------------------------------------------------------------------------
    def _verb_pattern(self, verb, text: str, sent_span) -> Optional[RawAttribution]:
        lemma = verb.lemma_.lower()
        entry = self.cues.verbs.get(lemma)
        cue_tokens = [verb]
        content_tokens = None
        pattern = "verb"
        # verb + object phrases: "raised questions about X"
        for c in verb.children:
            if c.dep_ == "dobj":
                phrase = self.cues.phrase_for(lemma, c.lemma_.lower()) or self.cues.phrase_for(lemma, c.lower_)
                if phrase:
                    entry = phrase
                    cue_tokens = [verb, c]
                    pattern = "phrase"
                    about = [g for g in list(c.children) + list(verb.children) if g.dep_ == "prep" and g.lower_ in ("about", "over", "on", "regarding")]
                    content_tokens = [t for g in about for t in g.subtree if t.i != g.i]
                    break
        if entry is None:
            return None
        for c in verb.children:  # particles and negation belong to the cue ("did not confirm")
            if c.dep_ in ("neg", "prt", "aux") and c.lower_ in ("not", "n't", "never", "may", "might", "could"):
                cue_tokens.append(c)
        if content_tokens is None:
            content_tokens = self._content_of(verb, entry)
            if content_tokens is None:
                return None
            inner = next((c for c in verb.children if c.dep_ == "xcomp" and c.lemma_.lower() in self.cues.verbs), None)
            if inner is not None and content_tokens and inner.i in {t.i for t in content_tokens}:
                return None  # "appeared to suggest that ...": the inner reporting verb carries the attribution
            pattern = "parataxis" if verb.dep_ == "parataxis" else pattern
        if not content_tokens:
            return None
        subj = _subject_of(verb)
        passive = any(c.dep_ == "auxpass" for c in verb.children)
        speaker_head = None
        speaker_span = None
        if passive:
            agent = _agent_of(verb)
            if agent is not None:
                speaker_head = agent
                speaker_span = _span_of(_noun_phrase(agent), text)
            else:
                pattern = "passive"
                if subj is not None and subj.lower_ != "it":
                    # "Y is said to have ..." — the subject is part of what is reported
                    toks = list(content_tokens) + _noun_phrase(subj)
                    lo, hi = min(t.i for t in toks), max(t.i for t in toks)
                    content_tokens = doc_range(verb.doc, lo, hi + 1)
        elif subj is not None:
            if subj.i in {t.i for t in content_tokens} and verb.dep_ != "parataxis":
                return None
            speaker_head = subj
            speaker_span = _span_of(_noun_phrase(subj), text)
        else:
            return None  # an active reporting verb with no subject anywhere is not an attribution
        if verb.tag_ == "VBG" and pattern == "verb":
            pattern = "participle"
        if speaker_head is not None and (speaker_head.lower_, lemma) in _DISCOURSE_MARKERS:
            return None
        whole_extent = verb.dep_ == "parataxis" or pattern == "passive"
        content_final = content_tokens if whole_extent else _contiguous(content_tokens)
        content_span = _span_of(content_final, text)
        if content_span is None or content_span[1] - content_span[0] < 3:
            return None
        if pattern == "passive":  # "It was reported that ...": the cue is the participle
            cue_tokens = [t for t in cue_tokens if t.dep_ not in ("auxpass", "aux")]
        elif pattern != "phrase":
            speaker_toks = _noun_phrase(speaker_head) if speaker_head is not None else []
            cue_tokens = verb_group(verb, cue_tokens, content_final, speaker_toks)
        return RawAttribution(
            sentence=sent_span, speaker=speaker_span, speaker_head=speaker_head,
            cue=_cue_span(cue_tokens) or (verb.idx, verb.idx + len(verb.text)),
            content=content_span, certainty=entry["certainty"], role=entry.get("role", "attribute"),
            pattern=pattern, cue_tokens=cue_tokens,
        )

    def _content_of(self, verb, entry) -> Optional[list]:
        children = list(verb.children)
        for c in children:
            if c.dep_ == "ccomp" or c.dep_ == "xcomp":
                toks = [t for t in c.subtree if not (t.dep_ == "mark" and t.head.i == c.i and t.lower_ in ("that", "whether", "if"))]
                objs = [o for o in children if o.dep_ in ("dobj", "dative") and o.i < c.i]
                if c.dep_ == "xcomp" and not objs:  # "called on Trump to release", "asked of them to leave"
                    objs = [g for p in children if p.dep_ == "prep" and p.i < c.i and p.lower_ in ("on", "for", "upon")
                            for g in p.children if g.dep_ == "pobj"]
                if c.dep_ == "xcomp" and objs and verb.lemma_ not in _ADDRESSEE_VERBS:
                    # "urges her husband to come home": the addressee is part of what is urged
                    toks = list(objs[0].subtree) + toks
                return toks
        if verb.lemma_ in ("call", "label", "dub", "brand", "deem", "consider"):
            oprd = [c for c in children if c.dep_ in ("oprd", "acomp")]
            objs = [c for c in children if c.dep_ == "dobj"]
            if oprd:  # "called him a liar"
                toks = [t for c in objs + oprd for t in c.subtree]
                if not objs:  # "called Machado disgusting" parsed as a compound inside the predicate
                    toks = list(oprd[0].subtree)
                return toks
        preps = [c for c in children if c.dep_ == "prep" and c.lower_ in entry.get("preps", ())]
        if preps:  # "called for a ceasefire", "talked about the need for reform"
            prep = preps[0]
            toks = [t for t in prep.subtree if t.i != prep.i]
            if toks and not all(t.ent_type_ in ("DATE", "TIME") for t in toks):
                return toks
        if verb.dep_ == "parataxis" and verb.head.i != verb.i:
            # "This development, Gerasimov claimed, marks ...": the reported clause surrounds the cue;
            # the content is its whole extent (the parenthetical cue sits inside it).
            head = verb.head
            toks = [t for t in head.subtree if not t.is_space]
            return [t for t in doc_range(head.doc, toks[0].i, toks[-1].i + 1)]
        if verb.lemma_ in _ADDRESSEE_VERBS:
            # "briefed Putin about the city's fall": the object is the listener, the about-phrase the content
            preps = [c for c in children if c.dep_ == "prep" and c.lower_ in ("about", "regarding", "of", "on")]
            preps.sort(key=lambda c: ("about", "regarding", "of", "on").index(c.lower_))
            for c in preps:
                toks = [t for t in c.subtree if t.i != c.i]
                if not all(t.ent_type_ in ("DATE", "TIME") for t in toks):
                    return toks
        objs = [c for c in children if c.dep_ in ("dobj", "attr")]
        if objs and entry.get("objects", True) is False:
            return None
        if objs and verb.lemma_ not in _ADDRESSEE_VERBS:
            obj = objs[0]
            toks = list(obj.subtree)
            # "frame its actions as a defence of ..." — the as-phrase is the substance of the claim;
            # a noun mis-attached as the verb's conjunct ("a climate of fear and displacement") too.
            as_phrase = [c for c in children if c.dep_ == "prep" and c.lower_ == "as" and c.i > obj.i]
            for c in as_phrase + [c for c in children if c.dep_ == "conj" and c.i > obj.i and not any(g.dep_.startswith("nsubj") for g in c.children)]:
                toks.extend(c.subtree)
            if entry.get("needs_as") and not as_phrase:
                return None
            return toks
        return None

    def _according_pattern(self, tok, text: str, sent, sent_span) -> Optional[RawAttribution]:
        words = [tok]
        source = None
        if tok.lower_ == "according":
            to = next((c for c in tok.children if c.lower_ == "to"), None)
            if to is None:
                return None
            words.append(to)
            source = next((c for c in to.children if c.dep_ == "pobj"), None)
        else:
            source = next((c for c in tok.children if c.dep_ in ("pobj", "dobj")), None)
        if source is None:
            return None
        phrase_tokens = list(source.subtree)
        # "according to a report by a military official" — the speaker is the one behind the report
        head = source
        by = next((c for c in source.children if c.dep_ == "prep" and c.lower_ in ("by", "from")), None)
        if by is not None and source.lemma_ in ("report", "statement", "account", "briefing", "post"):
            inner = next((c for c in by.children if c.dep_ == "pobj"), None)
            if inner is not None:
                head = inner
                phrase_tokens = list(inner.subtree)
        excluded = {t.i for t in tok.subtree}
        content = [t for t in sent if t.i not in excluded and not t.is_space]
        content_span = _span_of(_contiguous([t for t in content if not (t.is_punct and t.i < source.i)]), text)
        if content_span is None:
            return None
        return RawAttribution(
            sentence=sent_span, speaker=_span_of(phrase_tokens, text), speaker_head=head,
            cue=_span_of(words, text), content=content_span, certainty="reported", role="attribute",
            pattern="according", cue_tokens=words,
        )

    @staticmethod
    def _narrow_to_quotations(text: str, found: list[RawAttribution]) -> None:
        """Direct quotations: when a claim's content lies inside a quotation and its cue outside, the
        content is the whole quotation ("'Our positions are holding, and ...,' a spokesman said")."""
        for qs, qe in _quotes(text):
            inside = trim_span(text, qs + 1, qe - 1)
            if inside is None or len(text[inside[0]:inside[1]].split()) < 4:
                continue  # scare quotes ('new offensive') are not quotations
            for att in found:
                cs, ce = att.content
                cue_outside = not (qs <= att.cue[0] < qe)
                if cue_outside and qs <= cs and ce <= qe:
                    att.content = inside
                    att.pattern = "quote"


_LABEL = re.compile(r"(?m)^[\"“]?(?P<name>[A-Z][\w.’'-]*(?: [A-Z][\w.’'-]*){0,2})(?P<colon>:)[ \t]+(?P<body>[^\n]+)")
_SIGNED = re.compile(r"(?m)(?P<quote>[“\"”][^\n]{10,}?[”\"])\s*(?P<dash>[―—–-]{1,2})\s*(?P<name>[A-Z][\w.’'-]*(?: [A-Z][\w.’'-]*){0,3})\.?[ \t]*$")
_NOT_SPEAKERS = {"note", "update", "updated", "editor's note", "editor’s note", "photo", "related", "read more",
                 "source", "sources", "correction", "warning", "caption", "video", "watch", "listen", "see also",
                 "image", "credit", "advertisement", "tags", "topics", "share", "subscribe", "contact", "email",
                 "q", "a", "ps", "p.s", "re", "subject", "from", "to", "date", "time", "location", "where", "when"}


def _quote_continuations(doc, found: list[RawAttribution]) -> list[RawAttribution]:
    """A quotation that no claim covers, right after a quoted claim (only punctuation, or the claim's own speaker
    and cue, between them) continues that claim: '"A," she said, "B."' and '"A," she said. "B."' both say B."""
    text = doc.text
    out = []
    claims = sorted(found, key=lambda a: a.content[0])
    covered = [a.content for a in found] + [a.cue for a in found]
    for qs, qe in _quotes(text):
        inside = trim_span(text, qs + 1, qe - 1)
        if inside is None or len(text[inside[0]:inside[1]].split()) < 3:
            continue
        if any(s < qe and qs < e for s, e in covered):
            continue
        after = text[qe:qe + 40]
        if not re.match(r"[.,!?;:…]*\s*(?:\n|$|[“\"])", after) and not re.match(r"[.,!?;:…]*\s+[A-Z]", after):
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
        cont = RawAttribution(sentence=prev.sentence, speaker=prev.speaker, speaker_head=prev.speaker_head,
                              cue=prev.cue, content=inside, certainty=prev.certainty, role=prev.role,
                              pattern="quote", cue_tokens=prev.cue_tokens)
        out.append(cont)
        claims.append(cont)
        claims.sort(key=lambda a: a.content[0])
        covered.append((qs, qe))
    return out


def _is_quoted(text: str, span) -> bool:
    s, e = span
    return (s > 0 and text[s - 1] in QUOTE_CHARS) or (e < len(text) and text[e:e + 2].lstrip(".,!?")[:1] in QUOTE_CHARS)


def _quotes(text: str) -> list[tuple[int, int]]:
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


def _dedupe(atts: list[RawAttribution]) -> list[RawAttribution]:
    seen = set()
    out = []
    for a in sorted(atts, key=lambda a: (a.sentence[0], a.cue[0])):
        key = (a.cue, a.content)
        if key in seen:
            continue
        seen.add(key)
        out.append(a)
    return out

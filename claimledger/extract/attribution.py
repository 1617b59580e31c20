"""Attribution: who says what.  Finds speaker / cue / content spans with dependency patterns.

Patterns (each claim records which one found it, in ``Claim.pattern``):
  verb       X said/claimed/suggested (that) Y          nsubj + reporting verb + ccomp/obj/about-phrase
  parataxis  Y, X claimed, Z                            reporting verb attached as parataxis to the clause it reports
  participle ..., with one fighter claiming that Y       the verb pattern on a VBG, speaker inherited upwards if needed
  passive    it was reported that Y / Y is said to ...   anonymous speaker
  according  according to X, Y                          prepositional source (source_prepositions of the cues)
  phrase     X raised questions about Y                 verb + object cue from the cues file (usually disputes)
  quote      "Y," X said                                 direct quotation; content is the quoted text

Dependency labels are Universal Dependencies (``pack.dep``); the words come from the language pack
(``reporting_cues.yaml``, ``attribution.yaml``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from claimledger.extract.attribution_article import (
    back_references,
    drop_credits,
    drop_spurious,
    fix_datelines,
    nominal_claims,
)
from claimledger.extract.attribution_group import document_carrier, verb_group
from claimledger.extract.attribution_quotes import (
    line_patterns,
    narrow_to_quotations,
    quote_continuations,
)
from claimledger.extract.attribution_spans import (
    QUOTE_CHARS,
    RawAttribution,
    agent_of,
    contiguous,
    cue_span,
    dedupe,
    doc_range,
    noun_phrase,
    relative_clause_of,
    span_of,
    subject_of,
    trim_span,
)
from claimledger.extract.attribution_words import attribution_words
from claimledger.lang import get_pack

__all__ = ["QUOTE_CHARS", "AttributionFinder", "Cues", "RawAttribution", "doc_range", "trim_span", "verb_group"]


@dataclass
class Cues:
    """A language's reporting cues (``lang/<code>/reporting_cues.yaml``)."""

    verbs: dict
    phrases: list
    source_prepositions: list

    @classmethod
    @cache
    def load(cls, language: str = "en") -> Cues:
        return cls.from_pack(get_pack(language))

    @classmethod
    def from_pack(cls, pack) -> Cues:
        data = pack.words("reporting_cues")
        return cls(data["verbs"], data["phrases"], data["source_prepositions"])

    def phrase_for(self, verb_lemma: str, object_lemma: str) -> dict | None:
        for p in self.phrases:
            if p["verb"] == verb_lemma and object_lemma in p["object"]:
                return p
        return None

    def source_preposition(self, first_word: str) -> dict | None:
        for p in self.source_prepositions:
            if p["words"][0] == first_word:
                return p
        return None


def _claim_comment(clause, dep, words) -> set[int]:
    """Token indices of an appositive that comments on the reported clause ("..., a claim that Ukraine's General
    Staff did not confirm"; "..., an assertion rejected by Kyiv"), with the comma before it: the reporter's (or
    another party's) word on the claim, not part of what the speaker said."""
    out: set[int] = set()
    for t in clause.subtree:
        if dep(t) == "appos" and t.lemma_.lower() in words.claim_nouns and t.i > clause.i:
            sub = list(t.subtree)
            out.update(x.i for x in sub)
            before = t.doc[sub[0].i - 1] if sub[0].i > 0 else None
            if before is not None and before.is_punct:
                out.add(before.i)
    return out


def _other_report(clause, dep, words, verbs) -> set[int]:
    """Token indices of an adverbial clause of contrast that carries its own attribution ("..., while Russia said
    its forces had captured X", "..., though ISW cannot confirm this report"), with the comma before it: another
    speaker's statement beside the reported one, not part of it."""
    out: set[int] = set()
    for t in clause.subtree:
        if dep(t) != "advcl" or t.i <= clause.i or t.lemma_.lower() not in verbs:
            continue
        if not any(dep(m) == "mark" and m.lower_ in words.contrast_marks for m in t.children):
            continue
        if not any(dep(s).startswith("nsubj") for s in t.children):
            continue
        sub = list(t.subtree)
        out.update(x.i for x in sub)
        before = t.doc[sub[0].i - 1] if sub[0].i > 0 else None
        if before is not None and before.is_punct:
            out.add(before.i)
    return out


_CONTENT_POS = ("NOUN", "PROPN", "VERB", "AUX", "NUM", "ADJ", "PRON")


def _relativizer_of(tok, verb, pack) -> bool:
    """Is ``tok`` the relative pronoun of a relative clause that holds ``verb`` (the cue)?"""
    rel = relative_clause_of(tok, pack)
    return rel is not None and (rel.i == verb.i or any(a.i == rel.i for a in verb.ancestors))


def _sentence_span(tok) -> tuple[int, int]:
    sent = tok.sent
    return trim_span(tok.doc.text, sent.start_char, sent.end_char) or (sent.start_char, sent.end_char)


class AttributionFinder:
    def __init__(self, cues: Cues | None = None, pack=None):
        self.pack = pack or get_pack("en")
        self.cues = cues or Cues.from_pack(self.pack)
        self.words = attribution_words(self.pack)

    def find(self, doc) -> list[RawAttribution]:
        text = doc.text
        found: list[RawAttribution] = []
        for sent in doc.sents:
            sent_span = trim_span(text, sent.start_char, sent.end_char) or (sent.start_char, sent.end_char)
            for tok in sent:
                att = None
                if tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB"):
                    att = self._verb_pattern(tok, text, sent_span)
                if att is None:
                    source = self.cues.source_preposition(tok.lower_)
                    if source is not None:
                        att = self._according_pattern(tok, source, text, sent, sent_span)
                if att is not None:
                    found.append(att)
        found.extend(back_references(doc, self.pack, _sentence_span, self.cues.verbs))
        narrow_to_quotations(doc.text, found)
        found.extend(line_patterns(doc, self.words))
        found = dedupe(found)
        found.extend(quote_continuations(doc, found, self.words))
        found.extend(nominal_claims(doc, self.pack, _sentence_span))
        fix_datelines(doc, found, self.pack)
        found = drop_credits(doc, found, self.pack)
        return dedupe(drop_spurious(doc, found, self.pack))

    # --- patterns -------------------------------------------------------------------------------
    def _verb_pattern(self, verb, text: str, sent_span) -> RawAttribution | None:
        dep, words = self.pack.dep, self.words
        lemma = verb.lemma_.lower()
        entry = self.cues.verbs.get(lemma)
        cue_tokens = [verb]
        content_tokens = None
        pattern = "verb"
        # verb + object phrases: "raised questions about X"
        for c in verb.children:
            if dep(c) == "obj":
                phrase = self.cues.phrase_for(lemma, c.lemma_.lower()) or self.cues.phrase_for(lemma, c.lower_)
                if phrase:
                    entry = phrase
                    cue_tokens = [verb, c]
                    pattern = "phrase"
                    about = [
                        g
                        for g in list(c.children) + list(verb.children)
                        if dep(g) == "case:prep" and g.lower_ in words.phrase_content_prepositions
                    ]
                    about = [  # not a date: "issued a statement on Friday"
                        g for g in about if not all(t.ent_type_ in ("DATE", "TIME") for t in g.subtree if t.i != g.i)
                    ]
                    content_tokens = [t for g in about for t in g.subtree if t.i != g.i]
                    break
        if entry is None or self._carries_report(verb):
            return None
        for c in verb.children:  # particles and negation belong to the cue ("did not confirm")
            if dep(c) in ("advmod:neg", "compound:prt", "aux") and c.lower_ in words.cue_modifiers:
                cue_tokens.append(c)
        if content_tokens is None:
            content_tokens = self._content_of(verb, entry)
            if content_tokens is None:
                return None
            inner = next(
                (
                    c
                    for c in verb.children
                    if dep(c) == "xcomp"
                    and c.lemma_.lower() in self.cues.verbs
                    and self.cues.verbs[c.lemma_.lower()].get("clauses", True)
                ),
                None,
            )
            addressee = any(dep(c) in ("obj", "iobj") for c in verb.children)  # "asked the court to clarify ..."
            if inner is not None and not addressee and content_tokens and inner.i in {t.i for t in content_tokens}:
                return None  # "appeared to suggest that ...": the inner reporting verb carries the attribution
            pattern = "parataxis" if dep(verb) == "parataxis" else pattern
        # the relative pronoun of the cue's own clause is no content ("the town, which it calls Chasov Yar")
        kept = [t for t in content_tokens if not _relativizer_of(t, verb, self.pack)]
        subj = subject_of(verb, self.pack)
        rel = relative_clause_of(subj, self.pack)
        passive_rel = rel is not None and any(dep(c) == "aux:pass" for c in verb.children)
        if (passive_rel or len(kept) < len(content_tokens)) and lemma in words.naming_verbs:
            if any(t.pos_ == "PROPN" for t in kept[:1]):
                return None  # "Artemovsk, which Kyiv calls Bakhmut": a name given, not a claim (a label is one)
        if len(kept) < len(content_tokens) and not any(t.pos_ in _CONTENT_POS for t in kept):
            # "the strike, which Russia denies": what is denied is the pronoun's antecedent
            rels = [r for r in (relative_clause_of(t, self.pack) for t in content_tokens) if r is not None]
            if not rels:
                return None
            kept = noun_phrase(rels[0].head, self.pack)
        content_tokens = kept
        carrier = document_carrier(verb, subj, self.pack, words)
        if carrier is not None:  # "released a letter that says ...": the letter's sender speaks
            subj = subject_of(carrier[0], self.pack)
            cue_tokens = doc_range(verb.doc, carrier[0].i, verb.i + 1)
        passive = any(dep(c) == "aux:pass" for c in verb.children)
        speaker_head = None
        speaker_span = None
        if passive:
            agent = agent_of(verb, self.pack)
            if agent is not None:
                speaker_head = agent
                speaker_span = span_of(noun_phrase(agent, self.pack), text)
            else:
                pattern = "passive"
                if subj is not None and subj.lower_ != words.expletive_subject:
                    # "Y is said to have ..." — the subject is part of what is reported
                    toks = list(content_tokens) + noun_phrase(subj, self.pack)
                    lo, hi = min(t.i for t in toks), max(t.i for t in toks)
                    content_tokens = doc_range(verb.doc, lo, hi + 1)
        elif subj is not None:
            if subj.i in {t.i for t in content_tokens} and dep(verb) != "parataxis":
                return None
            speaker_span = span_of(noun_phrase(subj, self.pack), text)
            # "satellite images which suggest ...": the pronoun is the speaker's word, its antecedent who speaks
            speaker_head = rel.head if rel is not None else subj
        else:
            return None  # an active reporting verb with no subject anywhere is not an attribution
        if verb.tag_ == "VBG" and pattern == "verb":
            pattern = "participle"
        if speaker_head is not None and (speaker_head.lower_, lemma) in words.discourse_markers:
            return None
        whole_extent = dep(verb) == "parataxis" or pattern == "passive"
        content_final = content_tokens if whole_extent else contiguous(content_tokens)
        content_span = span_of(content_final, text)
        if content_span is None or content_span[1] - content_span[0] < 3:
            return None
        if pattern == "passive":  # 'It was reported that ...': the cue is the participle
            cue_tokens = [t for t in cue_tokens if dep(t) not in ("aux:pass", "aux")]
        elif pattern != "phrase":
            speaker_word = subj if rel is not None else speaker_head  # the relative pronoun, not its antecedent
            speaker_toks = noun_phrase(speaker_word, self.pack) if speaker_word is not None else []
            cue_tokens = verb_group(verb, cue_tokens, content_final, speaker_toks, self.pack, words)
        return RawAttribution(
            sentence=sent_span,
            speaker=speaker_span,
            speaker_head=speaker_head,
            cue=cue_span(cue_tokens) or (verb.idx, verb.idx + len(verb.text)),
            content=content_span,
            certainty=entry["certainty"],
            role=entry.get("role", "attribute"),
            pattern=pattern,
            cue_tokens=cue_tokens,
        )

    def _carries_report(self, verb) -> bool:
        """'published a report which said P', 'issued a statement saying P': the report's verb carries the
        attribution, not 'published' or 'issued a statement'."""
        for c in verb.children:
            for g in [c, *c.children]:
                if g.i > verb.i and g.lemma_.lower() in self.cues.verbs:
                    carrier = document_carrier(g, subject_of(g, self.pack), self.pack, self.words)
                    if carrier is not None and carrier[0].i == verb.i:
                        return True
        return False

    def _content_of(self, verb, entry) -> list | None:
        dep, words = self.pack.dep, self.words
        children = list(verb.children)
        for c in children:
            if dep(c) in ("ccomp", "xcomp") and entry.get("clauses", True):
                if (
                    c.i < verb.i
                    and any(t.text == ";" for t in verb.doc[c.right_edge.i + 1 : verb.i])
                    and any(dep(o) in ("ccomp", "obj") and o.i > verb.i for o in children)
                ):
                    continue  # "A says X; B says Y": the clause before the semicolon is not B's ("; Kyiv denies" it is)
                comment = _claim_comment(c, dep, words) | _other_report(c, dep, words, self.cues.verbs)
                toks = [
                    t
                    for t in c.subtree
                    if not (dep(t) == "mark" and t.head.i == c.i and t.lower_ in words.complementizers)
                    and t.i not in comment
                ]
                objs = [o for o in children if dep(o) in ("obj", "iobj") and o.i < c.i]
                if dep(c) == "xcomp" and not objs:  # 'called on Trump to release', 'asked of them to leave'
                    objs = [
                        g
                        for p in children
                        if dep(p) == "case:prep" and p.i < c.i and p.lower_ in words.addressee_prepositions
                        for g in p.children
                        if dep(g) == "obl:pobj"
                    ]
                if dep(c) == "xcomp" and objs and verb.lemma_ not in words.addressee_verbs:
                    # "urges her husband to come home": the addressee is part of what is urged
                    toks = list(objs[0].subtree) + toks
                return toks
        if verb.lemma_ in words.naming_verbs:
            oprd = [c for c in children if dep(c) in ("xcomp:oprd", "xcomp:acomp")]
            objs = [c for c in children if dep(c) == "obj"]
            if oprd:  # "called him a liar"
                toks = [t for c in objs + oprd for t in c.subtree]
                if not objs:  # "called Machado disgusting" parsed as a compound inside the predicate
                    toks = list(oprd[0].subtree)
                return toks
        preps = [c for c in children if dep(c) == "case:prep" and c.lower_ in entry.get("preps", ())]
        if preps:  # "called for a ceasefire", "talked about the need for reform"
            prep = preps[0]
            toks = [t for t in prep.subtree if t.i != prep.i]
            if toks and not all(t.ent_type_ in ("DATE", "TIME") for t in toks):
                return toks
        if dep(verb) == "parataxis" and verb.head.i != verb.i:
            # "This development, Gerasimov claimed, marks ...": the reported clause surrounds the cue;
            # the content is its whole extent (the parenthetical cue sits inside it).
            head = verb.head
            toks = [t for t in head.subtree if not t.is_space]
            return [t for t in doc_range(head.doc, toks[0].i, toks[-1].i + 1)]
        if verb.lemma_ in words.addressee_verbs:
            # "briefed Putin about the city's fall": the object is the listener, the about-phrase the content
            order = words.addressee_content_prepositions
            preps = [c for c in children if dep(c) == "case:prep" and c.lower_ in order]
            preps.sort(key=lambda c: order.index(c.lower_))
            for c in preps:
                toks = [t for t in c.subtree if t.i != c.i]
                if not all(t.ent_type_ in ("DATE", "TIME") for t in toks):
                    return toks
        objs = [c for c in children if dep(c) in ("obj", "xcomp:attr")]
        if objs and entry.get("objects", True) is False:
            return None
        if objs and verb.lemma_ not in words.addressee_verbs:
            obj = objs[0]
            toks = list(obj.subtree)
            # "frame its actions as a defence of ..." — the as-phrase is the substance of the claim;
            # a noun mis-attached as the verb's conjunct ("a climate of fear and displacement") too.
            as_phrase = [
                c
                for c in children
                if c.i > obj.i
                and (
                    (dep(c) == "case:prep" and c.lower_ == words.characterisation_preposition)
                    # "marked Andriivka as captured": the as-clause of a participle
                    or any(dep(m) == "mark" and m.lower_ == words.characterisation_preposition for m in c.children)
                )
            ]
            conjuncts = [
                c
                for c in children
                if dep(c) == "conj" and c.i > obj.i and not any(dep(g).startswith("nsubj") for g in c.children)
            ]
            for c in as_phrase + conjuncts:
                toks.extend(c.subtree)
            # "discussed his problems during the debate", "accused X of Y": the verb's prepositional phrases
            # right after the object belong to what is said (not "in a statement", not a date)
            end = max(t.i for t in toks)
            for c in sorted(children, key=lambda c: c.i):
                if c.i != end + 1 or dep(c) != "case:prep" or c.lower_ in words.reportive_adjunct_prepositions:
                    continue
                sub = list(c.subtree)
                if any(t.ent_type_ in ("DATE", "TIME") for t in sub):
                    break
                toks.extend(sub)
                end = max(t.i for t in sub)
            if entry.get("needs_as") and not as_phrase:
                return None
            return toks
        return None

    def _according_pattern(self, tok, source_entry: dict, text: str, sent, sent_span) -> RawAttribution | None:
        dep, words = self.pack.dep, self.words
        cue_words = [tok]
        for word in source_entry["words"][1:]:  # the words after the first: 'according' + 'to'
            nxt = next((c for c in cue_words[-1].children if c.lower_ == word), None)
            if nxt is None:
                return None
            cue_words.append(nxt)
        if len(cue_words) > 1:  # "according to X": X is the object of the last preposition
            source = next((c for c in cue_words[-1].children if dep(c) == "obl:pobj"), None)
        else:  # "citing X", "per X"
            source = next((c for c in tok.children if dep(c) in ("obl:pobj", "obj")), None)
        if source is None:
            return None
        phrase_tokens = list(source.subtree)
        # "according to a report by a military official" — the speaker is the one behind the report
        head = source
        by = next(
            (c for c in source.children if dep(c) == "case:prep" and c.lower_ in words.source_document_prepositions),
            None,
        )
        if by is not None and source.lemma_ in words.source_documents:
            inner = next((c for c in by.children if dep(c) == "obl:pobj"), None)
            if inner is not None:
                head = inner
                phrase_tokens = list(inner.subtree)
        excluded = {t.i for t in tok.subtree}
        content = [t for t in sent if t.i not in excluded and not t.is_space]
        content_span = span_of(contiguous([t for t in content if not (t.is_punct and t.i < source.i)]), text)
        if content_span is None:
            return None
        return RawAttribution(
            sentence=sent_span,
            speaker=span_of(phrase_tokens, text),
            speaker_head=head,
            cue=span_of(cue_words, text),
            content=content_span,
            certainty=source_entry["certainty"],
            role="attribute",
            pattern="according",
            cue_tokens=cue_words,
        )

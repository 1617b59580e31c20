"""The verb group of a verbal cue: the words read together with the reporting verb ("has not yet said")."""

from __future__ import annotations

from claimledger.extract.attribution_words import AttributionWords, attribution_words
from claimledger.lang import get_pack

_GROUP_LEFT = ("aux", "aux:pass", "advmod:neg", "advmod")
_ADJUNCT_DEPS = ("advmod", "obl:npmod", "case:prep", "advmod:neg", "compound:prt", "case:agent")


def verb_group(
    verb,
    cue_tokens: list,
    content_tokens: list,
    speaker_tokens: list,
    pack=None,
    words: AttributionWords | None = None,
) -> list:
    """Extend a verbal cue to its verb group, as the cue is read: auxiliaries, modals, negation and adverbs
    before it ("has not yet said"), governing verbs ("appeared to suggest"), particles and the preposition
    linking it to the content ("called for"), reporting adjuncts ("said in a statement Friday"), a colon."""
    pack = pack or get_pack("en")
    words = words or attribution_words(pack)
    doc = verb.doc
    taken = {t.i for t in cue_tokens}
    blocked = {t.i for t in content_tokens} | {t.i for t in speaker_tokens}
    sent = verb.sent
    hi = max(taken)
    _extend_left(doc, verb, taken, blocked, sent.start, pack, words)
    # "went on to discuss", "appeared to suggest", "could not resist pointing out": the governing verbs join
    head = verb
    while pack.dep(head) == "xcomp" and head.head.i < head.i and head.head.i not in blocked:
        gov = head.head
        gap = [k for k in range(gov.i + 1, min(taken)) if k not in taken]
        if any(
            k in blocked or doc[k].head.i != gov.i or pack.dep(doc[k]) not in ("compound:prt", "advmod", "advmod:neg")
            for k in gap
        ):
            break
        taken.update(gap)
        taken.add(gov.i)
        _extend_left(doc, gov, taken, blocked, sent.start, pack, words)
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
        dep = pack.dep(t)
        if t.head.i == verb.i and dep == "case:agent" and j + 1 in blocked:
            taken.add(j)  # "has been endorsed by" + the source
            break
        if t.head.i == verb.i and dep == "case:prep" and content_start is not None and content_start == j + 1:
            taken.add(j)  # the preposition introducing the content: "called for", "spoke about"
            break
        if t.head.i != verb.i or dep not in _ADJUNCT_DEPS or t.lower_ in words.clause_openers:
            break
        sub = sorted(x.i for x in t.subtree)
        if sub[0] != j or any(k in blocked for k in sub) or not _reportive_adjunct(t, pack, words):
            break
        if any(doc[k].is_punct and doc[k].text != "." for k in sub):
            break
        taken.update(sub)
        j = sub[-1] + 1
    return [doc[k] for k in sorted(taken)]


def _extend_left(doc, head, taken: set, blocked: set, sent_start: int, pack, words: AttributionWords) -> None:
    i = min(taken) - 1
    while i >= sent_start:
        t = doc[i]
        dep = pack.dep(t)
        if i in blocked or t.head.i != head.i or dep not in _GROUP_LEFT or t.lower_ in words.clause_openers:
            break
        if dep == "advmod" and any(True for _ in t.children):
            break
        taken.add(i)
        i -= 1


def _reportive_adjunct(t, pack, words: AttributionWords) -> bool:
    """Adjuncts that join the cue: 'in a statement' / 'on Twitter', a bare day ('said Friday'), 'also', 'later'."""
    dep = pack.dep(t)
    if dep in ("compound:prt", "advmod:neg") or (dep == "obl:npmod" and t.ent_type_ in ("DATE", "TIME")):
        return True
    if dep == "case:prep" and t.lower_ in words.reportive_adjunct_prepositions:
        pobj = next((c for c in t.children if pack.dep(c) == "obl:pobj"), None)
        return pobj is not None and (pobj.lemma_.lower() in words.report_nouns or pobj.lower_ in words.report_platforms)
    # a manner or frequency adverb of the verb itself, on its own ("said sarcastically", "noted repeatedly")
    return dep == "advmod" and (t.lower_ in words.reportive_adverbs or (t.pos_ == "ADV" and not any(t.children)))


def document_carrier(verb, subj, pack, words: AttributionWords):
    """'released a letter that says P', 'issued a statement (on Friday) saying P': a reporting verb in a clause on
    a report noun (relative pronoun or no subject of its own), the noun the object of a verb with a subject; or
    a participle of that verb right after the object.  Returns (the governing verb, the report noun): the
    speaker is the governing verb's subject, the cue runs from the governing verb to the reporting verb."""
    dep = pack.dep(verb)
    if subj is not None and subj.lower_ not in words.relative_pronouns and subj.head.i == verb.i:
        return None  # the verb has a speaker of its own
    if dep in ("acl", "acl:relcl"):
        noun, gov = verb.head, verb.head.head
    elif dep == "advcl":
        gov = verb.head
        noun = next((c for c in gov.children if pack.dep(c) == "obj" and c.i < verb.i), None)
        if noun is None or any(not t.is_punct for t in verb.doc[noun.i + 1 : verb.i]):
            return None  # the participle right after the noun ("a statement saying"), else it is the verb's own
    else:
        return None
    if noun.lemma_.lower() not in words.report_nouns or pack.dep(noun) != "obj" or noun.head.i != gov.i:
        return None
    if not gov.i < noun.i < verb.i or not any(pack.dep(c) == "nsubj" for c in gov.children):
        return None
    return gov, noun

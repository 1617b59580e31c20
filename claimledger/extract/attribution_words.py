"""A language's words for the attribution patterns (``lang/<code>/attribution.yaml``), as sets and compiled
regular expressions, built once per language pack."""

from __future__ import annotations

import re
from dataclasses import MISSING, dataclass
from functools import cache


@dataclass(frozen=True)
class AttributionWords:
    discourse_markers: frozenset  # (speaker, verb lemma) pairs
    addressee_verbs: frozenset
    addressee_content_prepositions: tuple  # most preferred first
    addressee_prepositions: frozenset
    clause_openers: frozenset
    complementizers: frozenset
    cue_modifiers: frozenset
    phrase_content_prepositions: frozenset
    naming_verbs: frozenset
    characterisation_preposition: str
    expletive_subject: str
    reportive_adjunct_prepositions: frozenset
    report_nouns: frozenset
    report_platforms: frozenset
    reportive_adverbs: frozenset
    source_documents: frozenset
    source_document_prepositions: frozenset
    not_speaker_labels: frozenset
    speaker_label: re.Pattern
    signed_quote: re.Pattern
    sentence_after_quote: re.Pattern
    relative_pronouns: frozenset = frozenset()
    claim_nouns: frozenset = frozenset()  # "a claim that Kyiv did not confirm": a comment on the claim, not in it
    contrast_marks: frozenset = frozenset()  # "..., while Russia said ...": another speaker's report beside it


_REGEXES = ("speaker_label", "signed_quote", "sentence_after_quote")
_ORDERED = ("addressee_content_prepositions",)


@cache
def attribution_words(pack) -> AttributionWords:
    data = pack.words("attribution")
    values = {}
    for name, f in AttributionWords.__dataclass_fields__.items():
        if name not in data and f.default is not MISSING:
            continue  # an optional word list the pack leaves out
        value = data[name]
        if name in _REGEXES:
            value = re.compile(value)
        elif name == "discourse_markers":
            value = frozenset(tuple(pair) for pair in value)
        elif name in _ORDERED:
            value = tuple(value)
        elif isinstance(value, list):
            value = frozenset(value)
        values[name] = value
    return AttributionWords(**values)

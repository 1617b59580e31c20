"""Who is speaking: a speaker phrase -> (type, side).

Named people and institutions come from ``data/actors.yaml``; the words of a speaker phrase that give its side
and type (demonyms, role nouns, type modifiers, pronouns, definite articles) from the language pack's
``speakers.yaml``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from claimledger.data import load as load_knowledge
from claimledger.lang import get_pack


@dataclass(frozen=True)
class Standing:
    type: str
    side: str
    known: bool  # False when nothing in the phrase identified the speaker (type is a default)
    qualified: bool  # True when a name, institution or demonym fixed the side
    canonical: str | None = None  # the person's or institution's name in the knowledge file, when matched


class ActorKnowledge:
    def __init__(self, data: dict, speaker_words: dict | None = None, outlets: dict | None = None):
        """``data``: the actors file; ``speaker_words``: a pack's ``speakers.yaml`` (English by default);
        ``outlets``: the outlet directory (an outlet named as a speaker is a journalist of the outlet's side)."""
        words = speaker_words if speaker_words is not None else get_pack("en").words("speakers")
        self.people = []
        for p in data["people"]:
            for alias in [p["name"], *p.get("aliases", [])]:
                self.people.append((re.compile(r"\b" + re.escape(alias) + r"\b"), p["side"], p["type"], p["name"]))
        self.institutions = sorted(
            (
                (re.compile(r"\b" + re.escape(i["match"]) + r"\b"), i["side"], i["type"], i.get("name", i["match"]))
                for i in data["institutions"]
            ),
            key=lambda x: -len(x[0].pattern),
        )
        self.demonyms = words["demonyms"]
        self.role_nouns = {noun: t for t, nouns in words["role_nouns"].items() for noun in nouns}
        self.type_modifiers = words["type_modifiers"]
        self.pronouns = set(words["pronouns"])
        self.definite_articles = frozenset(words["definite_articles"])
        self.state_names = words.get("state_names", {})
        self.person_pronouns = frozenset(words.get("person_pronouns", ()))
        self.group_pronouns = frozenset(words.get("group_pronouns", ()))
        self.person_nouns = frozenset(words.get("person_nouns", ()))
        self.statement_nouns = frozenset(words.get("statement_nouns", ()))
        self.outlets = []
        for o in (outlets or {}).get("outlets", []):
            for alias in [o["name"], *o.get("aliases", [])]:
                if len(alias) > 2:
                    side = o.get("side") or "unknown"
                    self.outlets.append((re.compile(r"\b" + re.escape(alias) + r"\b"), side, o["name"]))

    @classmethod
    @cache
    def load(cls, language: str = "en") -> ActorKnowledge:
        return cls(load_knowledge("actors"), get_pack(language).words("speakers"), load_knowledge("outlets"))

    def state(self, phrase: str) -> str | None:
        """The side of a speaker phrase that is a country or capital as a whole ("Russia", "Kiev"), else None."""
        return self.state_names.get(re.sub(r"[’']s$", "", phrase.strip().lower()))

    def outlet(self, phrase: str) -> tuple[str, str] | None:
        """(side, name) of an outlet named in the phrase."""
        for pattern, side, name in self.outlets:
            if pattern.search(phrase):
                return side, name
        return None

    def is_pronoun(self, text: str) -> bool:
        return text.strip().lower() in self.pronouns

    def classify(self, phrase: str, head_lemma: str | None = None, lemmas: tuple[str, ...] = ()) -> Standing:
        """Type and side of a speaker phrase such as 'Russian military officials' or 'local sources'."""
        lower = phrase.lower()
        for pattern, side, typ, name in self.people:
            if pattern.search(phrase):
                return Standing(typ, side, True, True, name)
        for pattern, side, typ, name in self.institutions:
            if pattern.search(lower):
                return Standing(typ, side, True, True, name)
        outlet = self.outlet(phrase)
        if outlet is not None:
            return Standing("journalist", outlet[0], True, outlet[0] != "unknown", outlet[1])
        state = self.state(phrase)
        if state is not None:  # "Russia said", "Kiev reported": the state speaks
            return Standing("official_party", state, True, True)
        words = re.findall(r"[\w'’-]+", lower)
        side = "unknown"
        for w in words:
            if w in self.demonyms:
                side = self.demonyms[w]
                break
        typ = None
        # A modifier ('local', 'independent') decides over the head noun ('local sources', 'independent reports').
        for w in words:
            if w in self.type_modifiers and w != (head_lemma or "").lower():
                typ = self.type_modifiers[w]
                break
        if typ is None and head_lemma and head_lemma.lower() in self.role_nouns:
            typ = self.role_nouns[head_lemma.lower()]
        if typ is None:
            for lem in lemmas:
                if lem.lower() in self.role_nouns and self.role_nouns[lem.lower()] != "anonymous":
                    typ = self.role_nouns[lem.lower()]
                    break
        known = typ is not None
        if typ is None:
            typ = "anonymous"
        return Standing(typ, side, known, side != "unknown")

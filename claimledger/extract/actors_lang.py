"""Actors of one language: ``data/actors.yaml`` plus the names the language pack adds (``lang/<code>/actors.yaml``:
people with their inflected forms, institutions as that language writes them), with the pack's speaker words.

English articles get ``ActorKnowledge.load()`` itself (the English pack adds no names), so their output is
unchanged."""

from __future__ import annotations

from functools import cache

from claimledger.data import load as load_knowledge
from claimledger.errors import ClaimledgerError
from claimledger.extract.actors import ActorKnowledge
from claimledger.lang import get_pack


@cache
def actors_for(code: str) -> ActorKnowledge:
    pack = get_pack(code)
    if code == "en":
        return ActorKnowledge.load()
    data = dict(load_knowledge("actors"))
    try:
        extra = pack.words("actors")
    except ClaimledgerError:  # a pack without names of its own
        extra = {"people": [], "institutions": []}
    data["people"] = [*data["people"], *extra["people"]]
    data["institutions"] = [*data["institutions"], *extra["institutions"]]
    return ActorKnowledge(data, pack.words("speakers"))

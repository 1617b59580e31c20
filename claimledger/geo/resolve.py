"""Toponym recognition and resolution.

Recognition: the NER's GPE/LOC/FAC entities; other entity labels and capitalised words only when the
gazetteer knows them in a strict way (see ``_accept``).  Demonyms (NORP: "Russian") are sides, not places.
Resolution: every candidate is scored by population, being in a country of the conflict, matching the
main name (not an alternate), and closeness to the article's unambiguous places.  A name the gazetteer does
not know is reported unresolved, never guessed.  Every occurrence of a resolved name is linked.

The words of a language (locative words, articles, generic head nouns, "the city" anaphors) are in its pack
(``lang/<code>/places.yaml``).
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from claimledger.geo.aliases import is_cyrillic
from claimledger.geo.context import contained, remote_penalty, same_name_bonus
from claimledger.geo.distance import km as _km
from claimledger.geo.gazetteer import Candidate, Gazetteer, name_key
from claimledger.geo.theatre import TheatreLookup, war_article
from claimledger.lang import LanguagePack, get_pack
from claimledger.model import Place

PLACE_LABELS = {"GPE", "LOC", "FAC"}


@dataclass(frozen=True)
class PlaceWords:
    """A language's place words (``lang/<code>/places.yaml``), compiled once."""

    locative: frozenset
    demonyms: frozenset
    plural_suffixes: tuple
    article: re.Pattern
    possessive: re.Pattern
    qualifier: re.Pattern
    generic_head: re.Pattern
    settlement_of: re.Pattern
    hydronym: re.Pattern
    anaphor: re.Pattern
    sizes: dict  # anaphor noun -> (min population, max population)
    naming_preposition: str


def place_words(pack: LanguagePack | None = None) -> PlaceWords:
    return _place_words(pack if pack is not None else get_pack("en"))


@cache
def _place_words(pack: LanguagePack) -> PlaceWords:
    data = pack.words("places")
    rx = {k: re.compile(v) for k, v in data["patterns"].items()}
    ana = data["anaphors"]
    return PlaceWords(
        locative=frozenset(data["locative_words"]),
        demonyms=frozenset(data["demonyms"]),
        plural_suffixes=tuple(data["plural_suffixes"]),
        anaphor=re.compile(ana["pattern"]),
        sizes={k: tuple(v) for k, v in ana["nouns"].items()},
        naming_preposition=ana["naming_preposition"],
        **rx,
    )


@dataclass
class Mention:
    text: str
    span: tuple[int, int]
    label: str  # NER label, or "" for a gazetteer-only match


def _clean(text: str, words: PlaceWords | None = None) -> str:
    words = words or place_words()
    return words.possessive.sub("", words.article.sub("", text.strip())).strip(" ,.;:“”\"'‘’")


class PlaceResolver:
    """Built once per process (it holds compiled knowledge); ``mentions`` + ``resolve`` per article."""

    def __init__(self, gazetteer: Gazetteer, pack: LanguagePack | None = None):
        from claimledger.data import load as load_knowledge

        self.pack = pack if pack is not None else get_pack("en")
        self.words = words = place_words(self.pack)
        self.gazetteer = gazetteer
        self.conflict = getattr(gazetteer, "conflict_countries", {"UA", "RU"})
        self.theatre = TheatreLookup(gazetteer)
        regions = load_knowledge("regions")["regions"]
        multiword = sorted({n for r in regions for n in [r["name"], *r["aliases"]] if " " in n}, key=len, reverse=True)
        # one alternation, longest names first, so "Donetsk oblast" wins over any shorter overlap
        self._multiword = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, multiword)) + r")(?!\w)", re.I)
        actors = load_knowledge("actors")
        self._demonyms = set(actors["demonyms"]) | words.demonyms
        self._people = {a.lower() for p in actors["people"] for a in [p["name"], *p.get("aliases", [])]}

    # --- recognition ------------------------------------------------------------------------
    def mentions(self, doc) -> list[Mention]:
        text = doc.text
        words = self.words
        war = war_article(text, self.pack)
        out: list[Mention] = []
        covered = set()
        # Multi-word region names first ("Kharkiv oblast", "Donetsk region"): the NER often keeps only "Kharkiv".
        for m in self._multiword.finditer(text):
            out.append(Mention(m.group(0), m.span(), "GPE"))
            covered.update(range(m.start(), m.end()))
        # single words of multi-word person names ("Mohamed Salah"): the NER may tag a lone "Salah" GPE
        person_parts = {w for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1 for w in ent.text.split()}
        for ent in doc.ents:
            if covered.intersection(range(ent.start_char, ent.end_char)):
                continue
            if _is_hydronym(text, ent.end_char, words):
                continue
            prev = doc[ent.start - 1].lower_ if ent.start > 0 else ""
            if ent.label_ in ("DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT") or (
                ent.label_ == "NORP"
                and (ent.text.lower() in self._demonyms or prev not in words.locative or not self._strong(ent.text))
            ):
                covered.update(range(ent.start_char, ent.end_char))
                continue
            # a NORP after a locative word ("in Belgorod", mis-tagged by the small model) goes on as a candidate
            # with its label: only strong gazetteer evidence accepts it (``_accept``), as for ORG or PRODUCT
            name = _clean(ent.text, words)
            if not name or (
                name.lower() in self._demonyms and not any(c.kind == "country" for c in self.gazetteer.candidates(name))
            ):
                continue
            start = ent.start_char + ent.text.find(name) if name in ent.text else ent.start_char
            if text[start + len(name) : start + len(name) + 1] == "." and self.gazetteer.candidates(name + "."):
                name += "."  # "U.S.", "Calif.", "W.Va.": the final dot belongs to the abbreviation
            # "Gilgit-Baltistan" split by the NER at the hyphen, "Baja California" without "Baja"
            whole = _HYPHEN_TAIL.match(text, start + len(name))
            if whole and self.gazetteer.candidates(name + whole.group(0)):
                name += whole.group(0)
            head = _WORD_BEFORE.search(text, _word_start(text, start), start)
            if (
                head
                and not words.article.match(head.group(1) + " ")
                and self.gazetteer.candidates(head.group(1) + " " + name)
            ):
                name = head.group(1) + " " + name
                start = head.start(1)
            if name in person_parts and not self._strong(name):
                continue  # "Salah" of "Mohamed Salah", "Heiden" of "Tom Heiden": a person, not the hamlet
            full = name if not whole or name.endswith(whole.group(0)) else name + whole.group(0)
            pair = self.theatre.split_pair(full) if war else None
            if pair:  # "Pokrovsk-Myrnohrad": two places
                out.extend(Mention(p, (start + o, start + o + len(p)), ent.label_) for p, o in pair)
                covered.update(range(ent.start_char, ent.end_char))
                continue
            mention = Mention(name, (start, start + len(name)), ent.label_)
            head = self._modified_noun(ent) if war and ent.label_ not in PLACE_LABELS else None
            unit = head is not None and self._unit_noun(head)
            if not unit and (
                self._accept(mention, locative=prev in words.locative)
                or (war and head is None and name.lower() not in self._people and self.theatre.has_place(name))
            ):
                out.append(mention)
                covered.update(range(ent.start_char, ent.end_char))
            elif ent.label_ in PLACE_LABELS:
                # "Donbas region", "Siversk district": the name without its generic head noun
                short = words.generic_head.sub("", name)
                if short != name and self.gazetteer.candidates(short):
                    out.append(Mention(short, (start, start + len(short)), ent.label_))
                else:
                    out.append(mention)  # a place the gazetteer lacks: reported unresolved
                covered.update(range(ent.start_char, ent.end_char))
        # Capitalised words the NER missed, after a locative word: "fighting near Klishchiivka".
        for tok in doc:
            if tok.idx in covered or not tok.text[:1].isupper() or tok.is_sent_start or len(tok.text) < 4:
                continue
            prev = doc[tok.i - 1] if tok.i > 0 else None
            cands = self.gazetteer.candidates(tok.text)
            if prev is None or prev.lower_ not in words.locative:
                # Cyrillic: an inflected town after a noun ("захоплення Сіверська") that the NER missed or tagged
                # a person; the alias index (generated from the gazetteers) vouches for it, not the NER.
                if not (war and is_cyrillic(tok.text) and tok.text not in person_parts) or tok.ent_type_ == "ORG":
                    continue
                if text[max(0, tok.idx - 1) : tok.idx] in ("«", '"', "“", "„"):
                    continue  # a quoted name: a group of forces or an operation (ОСУВ «Хортиця»), not a town
                if tok.text.lower() in self._people or not self.theatre.has_place(tok.text):
                    continue
            if _is_hydronym(text, tok.idx + len(tok.text), words):
                continue
            if any(c.country in self.conflict and c.primary for c in cands) or (
                war and self.theatre.has_place(tok.text)
            ):
                out.append(Mention(tok.text, (tok.idx, tok.idx + len(tok.text)), ""))
                covered.update(range(tok.idx, tok.idx + len(tok.text)))
        return out

    def _modified_noun(self, ent):
        """The noun a name modifies ("the Vostok group", "the ‘Maidan’ protests"), unless it is a generic place
        noun ("Siversk district"); None when the name modifies nothing."""
        root = ent.root
        head = root.head
        if self.pack.dep(root) in ("compound", "nmod") and head.i >= ent.end and head.pos_ in ("NOUN", "PROPN"):
            return None if self.words.generic_head.search(" " + head.text) else head
        return None

    def _unit_noun(self, head) -> bool:
        """ "group", "brigade" (the pack's ``unit_head``): a name modifying one names the unit, not a village."""
        unit = self.pack.words("places").get("unit_head")
        return bool(unit and re.match(unit, head.text))

    def _strong(self, name: str) -> bool:
        """A country, a first-level region, a city of 100,000, or a place in the conflict's countries."""
        return any(
            c.kind in ("country", "region") or c.population >= 100_000 or c.country in self.conflict
            for c in self.gazetteer.candidates(name)
        )

    def _accept(self, m: Mention, locative: bool = False) -> bool:
        cands = self.gazetteer.candidates(m.text)
        if not cands:
            return False
        if m.label in PLACE_LABELS:
            return True
        if m.text.lower() in self._people:
            return False
        # The small English model often tags Ukrainian towns as PERSON ("shelled Kherson"): after a
        # locative word, a town of the conflict's countries is accepted.
        if locative and any(c.country in self.conflict and c.population >= 1_000 for c in cands):
            return True
        # NER said ORG/PERSON/PRODUCT: accept only strong gazetteer evidence — a region or country,
        # a big city, or a main-name match in the conflict's countries (small front-line towns).
        for c in cands:
            if c.kind in ("region", "country") and c.primary:
                return True
            if c.primary and c.population >= 100_000 and m.label != "PERSON":
                return True
            if c.primary and c.population >= 1_000_000:
                return True
            if c.primary and c.country in self.conflict and m.label != "PERSON":
                return True
        return False

    # --- resolution -------------------------------------------------------------------------
    def resolve(self, text: str, mentions: list[Mention]) -> list[Place]:
        by_name: dict[str, list[Mention]] = {}
        for m in mentions:
            by_name.setdefault(name_key(m.text), []).append(m)
        lookup = self.theatre.candidates if war_article(text, self.pack) else self.gazetteer.candidates
        cands = {key: self._restrict(text, ms, lookup(ms[0].text)) for key, ms in by_name.items()}
        cands = contained(text, by_name, cands, self.pack)
        chosen = self._choose(cands, {key: ms[0].text for key, ms in by_name.items()})
        places = []
        for n, (key, ms) in enumerate(by_name.items(), start=1):
            places.append(self._place(f"p{n}", text, ms, chosen[key]))
        return _merge_same_feature(places)

    def _restrict(self, text: str, ms: list[Mention], cands: list[Candidate]) -> list[Candidate]:
        """ "Paris, Texas", "Gainesville, Ga.", "Dublin, Ireland": a name followed by a comma and the name
        of a region or country keeps only its candidates inside that region or country."""
        if len(cands) < 2:
            return cands
        for m in ms:
            follow = self.words.qualifier.match(text, m.span[1])
            if not follow:
                continue
            words = follow.group(1).split()
            for n in range(min(4, len(words)), 0, -1):
                qual = " ".join(words[:n])
                for q in self.gazetteer.candidates(qual) + self.gazetteer.candidates(qual.rstrip(",;:")):
                    if q.kind == "country":
                        inside = [c for c in cands if c.country == q.country and c is not q]
                    elif q.kind == "region" and q.admin1 and q.country:
                        inside = [
                            c
                            for c in cands
                            if c.country == q.country and c.admin1 == q.admin1 and c.kind == "settlement"
                        ]
                    else:
                        continue
                    if inside:
                        return inside
        return cands

    def _choose(self, cands: dict[str, list[Candidate]], names: dict | None = None) -> dict[str, Candidate | None]:
        """Pick one candidate per name.  First by prior (population, kind, main name or a spelling of it --
        geo/context.py --, the conflict's countries); then again, twice, with the document as context: a
        candidate gains when the other names' picks lie in its country, first-level region, or near it."""
        names = names or {}
        prior = lambda c, k: self._prior(c) + same_name_bonus(names.get(k), c)  # noqa: E731
        chosen = {k: (max(cs, key=lambda c, k=k: prior(c, k)) if cs else None) for k, cs in cands.items()}
        for _ in range(2):
            ctx = _Context(chosen, cands)
            chosen = {
                k: (max(cs, key=lambda c, k=k: prior(c, k) + ctx.bonus(k, c)) if cs else None)
                for k, cs in cands.items()
            }
        return chosen

    def _prior(self, c: Candidate) -> float:
        s = math.log10(c.population + 10)
        s += {"country": 3.0, "region": 2.5}.get(c.kind, 0.0)
        s += 1.5 if c.primary else 0.0
        s += 1.0 if c.country in self.conflict else 0.0
        return s

    def _place(self, pid: str, text: str, ms: list[Mention], cand: Candidate | None) -> Place:
        spans = sorted({m.span for m in ms} | set(_occurrences(text, ms[0].text)))
        if cand is None:
            # Unknown to the gazetteer: reported unresolved (no id, no coordinates), but "the village of X"
            # still tells us it is a settlement.
            kind = (
                "settlement"
                if any(self.words.settlement_of.search(text[max(0, s - 20) : s]) for s, _ in spans)
                else "other"
            )
            return Place(id=pid, mention=ms[0].text, spans=spans, kind=kind, resolved=False)
        cand = self.theatre.annotate(ms[0].text, cand)
        return Place(
            id=pid,
            mention=ms[0].text,
            spans=spans,
            geonameid=cand.geonameid,
            name=cand.name,
            kind=cand.kind,
            country=cand.country,
            admin1=self.gazetteer.admin1_name(cand.country, cand.admin1),
            lat=cand.lat,
            lon=cand.lon,
            resolved=True,
            population=cand.population or None,
            katottg=cand.katottg,
            resolved_by=cand.via,
            precision=cand.precision if cand.lat is not None else None,
        )

    def resolve_spans(self, text: str, spans: list[tuple[int, int]]) -> list[Place]:
        """Oracle mode: resolve given toponym spans, one Place per span, in order.  The spans are known to
        be place references, so an adjective of place ("Russian", "European") is resolved to its country
        or region here (recognition never makes demonyms places)."""
        demonym = getattr(self.gazetteer, "demonym_place", None)
        words = self.words
        mentions = []
        for s, e in spans:
            raw = text[s:e].strip()
            # "U.S.", "Calif.": keep the abbreviation's dot when the dotted form is a known name
            name = raw if raw.endswith(".") and self.gazetteer.candidates(raw) else (_clean(raw, words) or raw)
            mentions.append(Mention(name, (s, e), "GPE"))
        by_name: dict[str, list[Mention]] = {}
        for m in mentions:
            by_name.setdefault(name_key(m.text), []).append(m)
        cands = {}
        lookup = self.theatre.candidates if war_article(text, self.pack) else self.gazetteer.candidates
        for key, ms in by_name.items():
            adj = demonym(ms[0].text) if demonym else None
            cands[key] = [adj] if adj is not None else self._restrict(text, ms, lookup(ms[0].text))
        chosen = self._choose(cands)
        out = []
        for n, m in enumerate(mentions, start=1):
            cand = chosen[name_key(m.text)]
            out.append(
                self._place(f"p{n}", text, [m], cand) if cand else Place(id=f"p{n}", mention=m.text, spans=[m.span])
            )
        return out


class _Context:
    """What the other names of a document were resolved to: countries, first-level regions, points."""

    def __init__(self, chosen: dict, cands: dict):
        self.by_key = {}
        for key, c in chosen.items():
            if c is None:
                continue
            # a name whose only reading is this one, or a region/country, is a firmer cue than a town pick
            w = 1.0 if len(cands.get(key, ())) <= 1 or c.kind != "settlement" else 0.6
            self.by_key[key] = (c, w)
        self.total = sum(w for _, w in self.by_key.values())

    def bonus(self, key, c: Candidate) -> float:
        own = self.by_key.get(key)
        total = self.total - (own[1] if own else 0.0)
        if total <= 0:
            return 0.0
        same_country = same_admin1 = 0.0
        near = far_ok = False
        settlements = 0
        for k, (o, w) in self.by_key.items():
            if k == key or o is c:
                continue
            if c.country and o.country == c.country:
                same_country += w
                if c.admin1 and o.admin1 == c.admin1 and o.kind != "country":
                    same_admin1 += w
            if c.kind == "settlement" and o.kind == "settlement" and c.lat is not None and o.lat is not None:
                d = _km(c.lat, c.lon, o.lat, o.lon)
                near, far_ok, settlements = near or d < 100, far_ok or d < 400, settlements + 1
        s = 2.0 * same_country / total + (1.5 if same_admin1 else 0.0) + 1.0 * min(1.0, same_admin1 / total * 2)
        s += 1.0 if near else 0.5 if far_ok else 0.0
        # a village far from every other settlement the article names is rarely the one meant (geo/context.py)
        return s - remote_penalty(c, settlements, far_ok)


_HYPHEN_TAIL = re.compile(r"-[A-Z][\w]+")
_WORD_BEFORE = re.compile(r"(?<![\w.])([A-Z][a-z]+) $")


def _word_start(text: str, end: int, reach: int = 64) -> int:
    """Where to start searching for ``_WORD_BEFORE`` ending at ``end``: a little before it, moved back to the start
    of a word it falls in (a match cannot begin before that), so the search never scans the text from 0."""
    pos = max(0, end - reach)
    while pos > 0 and text[pos - 1].isalpha():
        pos -= 1
    return pos


def _is_hydronym(text: str, end: int, words: PlaceWords | None = None) -> bool:
    """'the Oskil river' names a river, not the village of Oskil."""
    return bool((words or place_words()).hydronym.match(text, end))


def place_anaphors(
    text: str, start: int = 0, end: int | None = None, pack: LanguagePack | None = None
) -> Iterator[tuple[int, str]]:
    """(offset, noun) of each "the city" / "this town" / "that village" in ``text[start:end]``: references back
    to a settlement named before (resolve them with :func:`antecedent_settlement`)."""
    rx = place_words(pack).anaphor
    for m in rx.finditer(text, start, len(text) if end is None else end):
        yield m.start(), m.group(1)


class SettlementIndex:
    """``antecedent_settlement`` for many positions over the same places: the named settlements sorted once,
    each question a binary search (the last fitting one before a position, per size class, precomputed)."""

    def __init__(self, places: list[Place], pack: LanguagePack | None = None):
        self.pack = pack
        entries = sorted(
            ((s, p) for p in places if p.kind == "settlement" and p.resolved for s, _ in p.spans), key=lambda x: x[0]
        )
        self.starts = [s for s, _ in entries]
        self.places = [p for _, p in entries]
        self._last_fitting: dict[tuple, list[int]] = {}

    def antecedent(self, pos: int, noun: str) -> Place | None:
        k = bisect_left(self.starts, pos)  # the settlements named before pos are places[:k]
        if not k:
            return None
        size = place_words(self.pack).sizes.get(noun.lower(), (0, 10**9))
        last = self._last_fitting.get(size)
        if last is None:
            lo, hi = size
            last, j = [-1], -1
            for i, p in enumerate(self.places):
                if p.population is None or lo <= p.population < hi:
                    j = i
                last.append(j)
            self._last_fitting[size] = last
        j = last[k]
        return self.places[j if j >= 0 else k - 1]


def antecedent_settlement(places: list[Place], pos: int, noun: str, pack: LanguagePack | None = None) -> Place | None:
    """The settlement that "the village" / "the town" / "the city" at ``pos`` refers to: the latest one
    named before it whose size fits the noun, else the latest one."""
    before = sorted(
        ((s, p) for p in places if p.kind == "settlement" and p.resolved for s, _ in p.spans if s < pos),
        key=lambda x: x[0],
    )
    if not before:
        return None
    lo, hi = place_words(pack).sizes.get(noun.lower(), (0, 10**9))
    fitting = [p for _, p in before if p.population is None or lo <= p.population < hi]
    return (fitting or [p for _, p in before])[-1]


def _occurrences(text: str, name: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text)]


def _merge_same_feature(places: list[Place]) -> list[Place]:
    """'Donbas' and 'Donbass' are one region: merge places resolved to the same feature."""
    out: list[Place] = []
    index: dict[tuple, Place] = {}
    for p in places:
        key = (p.kind, p.geonameid, p.name) if p.resolved else (None, p.mention)  # unresolved: one per mention
        if key in index:
            index[key].spans = sorted(set(index[key].spans) | set(p.spans))
        else:
            index[key] = p
            out.append(p)
    for n, p in enumerate(out, start=1):
        p.id = f"p{n}"
    return out

"""Search text as a user types it, parsed into terms and rendered for each backend by this module alone.

Syntax: words (all must match), ``"a phrase"``, ``A OR B`` (upper-case OR between two terms), ``liberat*`` (a
prefix).  Nothing else is syntax: every other character only separates words, so user input can never reach
FTS5 or ``to_tsquery`` as operators (the query string is built here from the parsed words, each quoted).

A term may be widened by an ``expand`` function given by the caller (the store knows no places): it returns
the other spellings of the term (``claimledger.web.search.place_variants`` gives every spelling and script of
a place: Siversk -> Seversk, Сіверськ, Сіверськом, Северск, Северске …), which are OR-ed with the term.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import and_, false, func, or_, select

# the characters FTS5's unicode61 tokenizer keeps in a token (letters and digits of every script)
_WORD = re.compile(r"[^\W_]+")
_TOKEN = re.compile(r'"([^"]*)"?|(\S+)')
MAX_TERMS = 16  # parsed terms (before expansion)
MAX_VARIANTS = 48  # alternatives one term may expand to

Expand = Callable[[tuple[str, ...]], list[tuple[str, ...]]]


@dataclass(frozen=True)
class Term:
    """One word, or a phrase (several words in this order); ``prefix``: the last word is a prefix."""

    words: tuple[str, ...]
    prefix: bool = False
    raw: str = field(default="", compare=False)  # as typed (plain-text search matches it, _ and % included)

    def text(self) -> str:
        return " ".join(self.words) + ("*" if self.prefix else "")


@dataclass
class SearchQuery:
    """AND of groups, each an OR of terms (a term and its variants, or terms joined by OR)."""

    text: str
    groups: list[list[Term]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.groups

    @property
    def fulltext_empty(self) -> bool:
        """Nothing a full-text index could find (punctuation only)."""
        return not any(t.words for g in self.groups for t in g)

    def variants(self) -> list[str]:
        """Every term searched, as text (shown to the user: "searched Siversk OR Seversk OR Сіверськ …")."""
        return [t.text() or t.raw for g in self.groups for t in g]


def parse(text: str, expand: Expand | None = None) -> SearchQuery:
    text = "".join(ch for ch in text if ch >= " ")[:1000]
    items: list[tuple[str, Term] | str] = []  # terms (with how they were typed) and "OR"
    for m in _TOKEN.finditer(text):
        if m.group(1) is not None:
            words = tuple(w.lower() for w in _WORD.findall(m.group(1)))
            if words:
                items.append(("phrase", Term(words, raw=" ".join(m.group(1).lower().split()))))
            continue
        tok = m.group(2)
        if tok == "OR":
            items.append("OR")
            continue
        words = tuple(w.lower() for w in _WORD.findall(tok))
        if not words:  # punctuation only (%, _): nothing for full-text search, text for plain-text search
            items.append(("raw", Term((), raw=tok.lower())))
            continue
        prefix = tok.rstrip('"').endswith("*") and len(words[-1]) >= 2
        raw = tok.lower().strip('"').rstrip("*") if not prefix else ""
        items.append(("word" if len(words) == 1 and not prefix else "phrase", Term(words, prefix, raw)))
    groups: list[list[tuple[str, Term]]] = []
    join = False
    for it in items:
        if it == "OR":
            join = bool(groups)
            continue
        if join:
            groups[-1].append(it)
        else:
            groups.append([it])
        join = False
    groups = groups[:MAX_TERMS]
    q = SearchQuery(text)
    i = 0
    while i < len(groups):
        g = groups[i]
        # two plain words that name one place together (Velyka Novosilka): one term, expanded
        if expand and len(g) == 1 and g[0][0] == "word" and i + 1 < len(groups):
            nxt = groups[i + 1]
            if len(nxt) == 1 and nxt[0][0] == "word":
                pair = g[0][1].words + nxt[0][1].words
                variants = expand(pair)
                if variants:
                    q.groups.append(_widen([Term(pair)], variants))
                    i += 2
                    continue
        terms = [t for _, t in g]
        if expand:
            for kind, t in g:
                if kind in ("word", "phrase") and not t.prefix:
                    terms = _widen(terms, expand(t.words))
        q.groups.append(terms)
        i += 1
    return q


def _widen(terms: list[Term], variants: list[tuple[str, ...]]) -> list[Term]:
    out = list(terms)
    for v in variants[:MAX_VARIANTS]:
        words = tuple(w.lower() for part in v for w in _WORD.findall(part))
        if words and Term(words) not in out:
            out.append(Term(words))
    return out


def as_query(search: str | SearchQuery) -> SearchQuery:
    return search if isinstance(search, SearchQuery) else parse(search)


def _worded(q: SearchQuery) -> list[list[Term]]:
    """The groups for full-text search: terms of punctuation only dropped (the tokenizers drop it too)."""
    return [g for g in ([t for t in g if t.words] for g in q.groups) if g]


# --- rendering ----------------------------------------------------------------------------------------------
def fts5(q: SearchQuery) -> str:
    """An FTS5 MATCH expression: every word double-quoted (words hold letters and digits only)."""

    def term(t: Term) -> str:
        return '"' + " ".join(t.words) + '"' + (" *" if t.prefix else "")

    return " AND ".join("(" + " OR ".join(term(t) for t in g) + ")" for g in _worded(q))


def tsquery(q: SearchQuery) -> str:
    """A PostgreSQL ``to_tsquery('simple', …)`` expression: lexemes quoted, phrases with <->, prefixes :*."""

    def term(t: Term) -> str:
        parts = [f"'{w}'" for w in t.words]
        if t.prefix:
            parts[-1] += ":*"
        return "(" + " <-> ".join(parts) + ")"

    return " & ".join("(" + " | ".join(term(t) for t in g) + ")" for g in _worded(q))


def like_condition(q: SearchQuery, *columns):
    """The query over plain text columns (substring match, case-insensitive also for non-ASCII letters, which
    SQLite's lower() leaves alone: lower, Capitalised and UPPER forms are tried on the column as stored)."""
    if q.empty:
        return false()
    groups = []
    for g in q.groups:
        alts = []
        for t in g:
            needle = t.raw or " ".join(t.words)
            for col in columns:
                col = func.coalesce(col, "")
                alts.append(func.lower(col).contains(needle, autoescape=True))
                if not needle.isascii():
                    for form in {needle.capitalize(), needle.upper(), needle.title()}:
                        alts.append(col.contains(form, autoescape=True))
        groups.append(or_(*alts))
    return and_(*groups)


# --- the places table ---------------------------------------------------------------------------------------
PLACE_SORTS = ("name", "n_propositions", "n_articles", "latest")


def list_places(
    store, search: str | None = None, sort: str | None = None, limit: int = 25, offset: int = 0
) -> tuple[list[dict], int]:
    """Places with propositions: name, number of propositions and articles, latest event date, and (for the
    page) the oblast / region and kind as geoparsed, and the latest control proposition's status."""
    from claimledger.store import schema
    from claimledger.store.queries import _count, _latest_control, _rows

    P, PL = schema.propositions, schema.places
    latest = func.max(func.coalesce(P.c.date_min, P.c.first_claimed)).label("latest")
    q = select(
        P.c.place_key,
        func.max(P.c.place_name).label("name"),
        func.count().label("n_propositions"),
        func.sum(P.c.n_articles).label("n_articles"),
        latest,
    ).group_by(P.c.place_key)
    if search:
        q = q.having(func.lower(func.max(P.c.place_name)).contains(search.lower(), autoescape=True))
    total = _count(store, q)
    cols = {"name": func.max(P.c.place_name), "n_propositions": func.count(), "n_articles": func.sum(P.c.n_articles)}
    cols["latest"] = latest
    name = (sort or "").lstrip("-")
    order = (func.count().desc(), P.c.place_key)
    if name in cols:
        col = cols[name]
        order = (col.is_(None), col.desc() if sort.startswith("-") else col.asc(), P.c.place_key)
    rows = _rows(store, q.order_by(*order).limit(limit).offset(offset))
    control = _latest_control(store, [r["place_key"] for r in rows])
    gids = [int(r["place_key"][3:]) for r in rows if r["place_key"].startswith("gn:") and r["place_key"][3:].isdigit()]
    geo = {}
    if gids:
        for g in _rows(
            store,
            select(PL.c.geonameid, func.max(PL.c.admin1).label("admin1"), func.max(PL.c.kind).label("kind"))
            .where(PL.c.geonameid.in_(gids))
            .group_by(PL.c.geonameid),
        ):
            geo[f"gn:{g['geonameid']}"] = g
    for r in rows:
        g = geo.get(r["place_key"], {})
        r["kind"], r["oblast"] = g.get("kind"), g.get("admin1")
        lc = control.get(r["place_key"]) or {}
        r["latest_status"], r["latest_side"], r["latest_proposition"] = (
            lc.get("status"),
            lc.get("side"),
            lc.get("proposition"),
        )
    return rows, total


__all__ = ["Term", "SearchQuery", "parse", "as_query", "fts5", "tsquery", "like_condition", "Expand", "list_places"]

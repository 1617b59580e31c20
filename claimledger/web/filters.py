"""The filters of each list, declared once: the HTML page (``/claims``), its download (``/claims.csv|json``) and
the JSON API (``/api/claims``) take the same FastAPI dependency, so a filter added here appears on all three.

Each list has:

- ``<List>Filters``: which rows (the query parameters every surface of the list accepts);
- ``<List>TableQuery``: the filters plus what the HTML table and its downloads add (``page``, ``sort``);
- ``<List>ApiQuery``: the filters plus what the JSON API adds (``page``, ``page_size``, and ``sort`` / ``as_of``
  where the list has them).

They are dataclasses used as ``Annotated[ClaimApiQuery, Depends()]``: FastAPI reads their fields as query
parameters, in field order (the order the OpenAPI document lists them in), validates them (422 on the API, 400
on the pages) and passes one object to the endpoint.  The validated types and limits live in
``claimledger.web.params``.

This module deliberately does not use ``from __future__ import annotations``: FastAPI reads the fields from
the dataclasses' generated ``__init__``, whose annotations must be real types.
"""

import dataclasses
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Annotated

from fastapi import Query

from claimledger.lang import available as available_languages
from claimledger.vocab import as_enum
from claimledger.web import tables
from claimledger.web.params import (
    AsOfListQ,
    AsOfQ,
    Certainty,
    Kind,
    PageQ,
    PageSizeQ,
    PlaceQ,
    SearchQ,
    Side,
    SinceQ,
    SpeakerType,
    Status,
    UntilQ,
)
from claimledger.web.tables import SortQ

OutletType = as_enum("OutletType", tables.outlet_types())
Language = as_enum("Language", available_languages())

# what a surface adds to a list's filters: not part of the form values of ``Filters.form``
SURFACE_FIELDS = ("page", "page_size", "sort", "as_of")


@dataclass
class Filters:
    """Base of the filter sets: ``form()`` gives the values to put back into the page's filter form."""

    def form(self) -> dict[str, str]:
        """Each filter (not page, size, sort or day) as the text of its form field ('' when not set)."""
        return {f.name: _text(getattr(self, f.name)) for f in dataclasses.fields(self) if f.name not in SURFACE_FIELDS}


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    return value


# --- claims: /claims, /claims.{fmt}, /api/claims ----------------------------------------------------------------
@dataclass
class ClaimFilters(Filters):
    q: SearchQ = None
    side: Side | None = None
    speaker_type: SpeakerType | None = None
    certainty: Certainty | None = None
    status: Status | None = None
    place: PlaceQ = None
    since: SinceQ = None
    until: UntilQ = None


@dataclass
class ClaimTableQuery(ClaimFilters):
    page: PageQ = 1
    sort: SortQ = None


@dataclass
class ClaimApiQuery(ClaimFilters):
    page: PageQ = 1
    page_size: PageSizeQ = 25
    sort: SortQ = None
    as_of: AsOfListQ = None


# --- propositions: /propositions, /propositions.{fmt}, /api/propositions ----------------------------------------
@dataclass
class PropositionFilters(Filters):
    place: PlaceQ = None
    status: Status | None = None
    kind: Kind | None = None
    side: Side | None = None


@dataclass
class PropositionTableQuery(PropositionFilters):
    page: PageQ = 1
    as_of: AsOfQ = None
    sort: SortQ = None


@dataclass
class PropositionApiQuery(PropositionFilters):
    page: PageQ = 1
    page_size: PageSizeQ = 25
    as_of: AsOfQ = None
    sort: SortQ = None


# --- articles: /articles, /articles.{fmt}, /api/articles ------------------------------------------------------
ArticleSearchQ = Annotated[str | None, Query(max_length=200, description="Words in the title or text.")]


@dataclass
class ArticleFilters(Filters):
    q: ArticleSearchQ = None
    outlet: Annotated[str | None, Query(max_length=200)] = None
    since: SinceQ = None
    until: UntilQ = None


@dataclass
class ArticleTableQuery(ArticleFilters):
    """The table filters by more than the API (outlet type and side, language) and sorts by a column."""

    # the table's outlet field takes at most 100 characters (the API's 200); the field keeps its place
    outlet: Annotated[str | None, Query(max_length=100)] = None
    outlet_type: OutletType | None = None
    outlet_side: Side | None = None
    language: Language | None = None
    page: PageQ = 1
    sort: SortQ = None


@dataclass
class ArticleApiQuery(ArticleFilters):
    page: PageQ = 1
    page_size: PageSizeQ = 25
    as_of: AsOfListQ = None


# --- places: /places, /places.{fmt} (the API has the map and one place, no list) ------------------------------
@dataclass
class PlaceFilters(Filters):
    q: SearchQ = None


@dataclass
class PlaceTableQuery(PlaceFilters):
    sort: SortQ = None
    page: PageQ = 1


# --- statements: /statements, /api/statements -------------------------------------------------------------------
PlaceNameQ = Annotated[
    str | None,
    Query(max_length=100, description="About this place: a name in any spelling or script (Siversk, Сіверськ), "
          "a place key (gn:694403) or a GeoNames id."),
]  # fmt: skip
SpeakerQ = Annotated[
    str | None, Query(max_length=200, description="Said or carried by this speaker (a piece of the name).")
]
StatementAsOfQ = Annotated[
    date | None,
    Query(
        description="Each statement as it stood on this day (YYYY-MM-DD): only its members published by then "
        "(an article without a publication date counts from the day it was stored); origin, counts, drift and "
        "the laundering flag recomputed from them."
    ),
]


@dataclass
class StatementFilters(Filters):
    q: Annotated[str | None, Query(max_length=200, description="A piece of the wording or a speaker.")] = None
    laundered: Annotated[bool | None, Query(description="Only (un)laundered statements.")] = None
    place: PlaceNameQ = None
    speaker: SpeakerQ = None
    as_of: StatementAsOfQ = None

    @property
    def day(self) -> str | None:
        return self.as_of.isoformat() if self.as_of else None


@dataclass
class StatementTableQuery(StatementFilters):
    page: PageQ = 1


@dataclass
class StatementApiQuery(StatementFilters):
    page: PageQ = 1
    page_size: PageSizeQ = 25

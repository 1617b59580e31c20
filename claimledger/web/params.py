"""Validated request parameters shared by the JSON API and the HTML pages: vocabularies as enums, bounded
pages, ISO dates, id patterns.  Anything else is refused with a 422 (API) or 400 (pages) before a query runs."""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Annotated

from fastapi import Path, Query

from claimledger import vocab
from claimledger.vocab import as_enum

MAX_PAGE_SIZE = 100
MAX_PAGE = 10_000

ARTICLE_ID = r"^a_[0-9a-f]{16}$"
PROPOSITION_ID = r"^P[0-9a-f]{15}$"
# gn:<GeoNames id> or name:<normalised name> (see claimledger.link.assertions.place_key)
PLACE_KEY = r"^(gn:[0-9]{1,9}|kt:UA[0-9]{17}|name:[\w ]{1,80})$"


# the vocabularies, from claimledger.vocab (one place): a value added there is accepted here
Side = as_enum("Side", vocab.SIDES)
SpeakerType = as_enum("SpeakerType", vocab.SPEAKER_TYPES)
Certainty = as_enum("Certainty", vocab.CERTAINTIES)
Status = as_enum("Status", vocab.PROPOSITION_STATUSES)
Kind = as_enum("Kind", vocab.proposition_kinds())


PageQ = Annotated[int, Query(ge=1, le=MAX_PAGE, description="Page number, from 1.")]
PageSizeQ = Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE, description=f"Items per page (at most {MAX_PAGE_SIZE}).")]
SinceQ = Annotated[date | None, Query(description="Published on or after (YYYY-MM-DD).")]
UntilQ = Annotated[date | None, Query(description="Published on or before (YYYY-MM-DD).")]
SearchQ = Annotated[str | None, Query(max_length=200, description="Full-text search over claim contents.")]
PlaceQ = Annotated[str | None, Query(max_length=100, description="A place key (gn:703656), GeoNames id or name.")]
ArticleIdP = Annotated[str, Path(pattern=ARTICLE_ID, description="Article id (a_ + 16 hex digits).")]
PropositionIdP = Annotated[str, Path(pattern=PROPOSITION_ID, description="Proposition id (P + 15 hex digits).")]
PlaceKeyP = Annotated[
    str, Path(pattern=PLACE_KEY, description="Place key: gn:<GeoNames id>, kt:<KATOTTG code> or name:<name>.")
]
AsOfQ = Annotated[
    date | None,
    Query(
        description="The ledger as it stood on this day (YYYY-MM-DD): statuses computed only from the claims "
        "published by then (an article without a publication date counts from the day it was stored)."
    ),
]

AsOfListQ = Annotated[
    date | None,
    Query(
        description="The ledger as it stood on this day (YYYY-MM-DD): only what was published by then (an article "
        "without a publication date counts from the day it was stored)."
    ),
]


def iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def val(e: Enum | None) -> str | None:
    return e.value if e is not None else None


def page_info(page: int, page_size: int, total: int) -> dict:
    from claimledger.store.queries import COUNT_CAP

    more = total > COUNT_CAP  # counts stop at COUNT_CAP: "total" is then a lower bound
    total = min(total, COUNT_CAP)
    pages = max(1, -(-total // page_size))
    return {
        "page": page,
        "page_size": page_size,
        "total": total,
        "total_is_lower_bound": more,
        "pages": pages,
        "has_next": page < pages or more,
        "has_prev": page > 1,
    }

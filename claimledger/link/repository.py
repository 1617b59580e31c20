"""What the linker needs from storage: a small, SQL-free interface.  ``claimledger.store`` implements it
(``LedgerStore.transaction()`` yields a ``StoreTransaction``); every call of one ``save_ledgers`` goes through
one transaction, so a save is all or nothing."""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Protocol

from claimledger.model import Article, Member, Origin, Proposition, PropositionDates


class LedgerTransaction(Protocol):
    # --- articles ---
    def article_by_sha256(self, sha256: str) -> str | None: ...

    def original_by_url(self, url: str) -> str | None:
        """The id of a stored article with this URL that is not itself a duplicate."""

    def near_duplicate_candidates(self, bands: list[str]) -> list[tuple[str, str]]:
        """(article id, encoded MinHash) of stored originals sharing one of these LSH ``bands`` (band i = bands[i])."""

    def insert_article(
        self,
        article: Article,
        doc: dict,
        *,
        analyzed_at: str,
        duplicate_of: str | None,
        duplicate_reason: str | None,
        minhash: str,
        bands: list[str],
    ) -> None:
        """The article row, its LSH bands and its place / claim / event / framing rows (from ``doc``)."""

    def record_copy(self, article_id: str, origin: str, url: str | None, outlet: str | None, seen_at: str) -> None: ...

    # --- propositions ---
    def find_propositions(self, kind: str, place_key: str, side: str) -> list[PropositionDates]: ...

    def get_proposition(self, pid: str) -> Proposition | None: ...

    def insert_proposition(self, proposition: Proposition) -> None: ...

    def update_proposition(self, pid: str, **values) -> None: ...

    def member_articles(self, pid: str, article_ids: list[str]) -> set[str]:
        """Which of ``article_ids`` already have a member in the proposition."""

    def insert_members(self, members: list[Member]) -> None: ...

    def origins_of(self, pid: str) -> list[Origin]: ...

    def upsert_origins(self, new: list[Origin], changed: list[Origin]) -> None: ...


class LedgerRepository(Protocol):
    def transaction(self) -> AbstractContextManager[LedgerTransaction]: ...

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

    # --- the other sides of the same transaction ---
    def statements(self) -> StatementTransaction:
        """The statements tables (issue 15), inside this transaction."""

    def review(self) -> ReviewTransaction:
        """The review tables (corrections, audit, the machine's homes of moved assertions), inside this
        transaction."""


class StatementTransaction(Protocol):
    """What ``link.statements`` needs: the candidate index and the statement and member rows."""

    def candidates(self, keys: list[str], until: str = "9999-99-99") -> list[dict]: ...

    def update_statement(self, sid: str, **values) -> None: ...

    def insert_members(self, members: list[tuple[dict, list[str], str]]) -> None: ...

    def insert_statements(self, rows: list[dict]) -> None: ...

    def propositions_of(self, article_id: str) -> dict[str, str]: ...

    def members_of(self, sid: str) -> list[dict]: ...


MemberKey = tuple[str, str, str]  # (article id, event id, claim id) of a proposition member


class ReviewTransaction(LedgerTransaction, Protocol):
    """What making reviewers' corrections (``link.review``) and applying them (``link.review_apply``) need, on
    top of the linker's own calls."""

    # --- the audit log and the corrections in effect ---
    def insert_audit(self, **values) -> int:
        """A new entry of the append-only audit log (``before`` / ``after`` as JSON values); its id."""

    def audit_entry(self, audit_id: int) -> dict | None: ...

    def active_corrections(self) -> list[dict]: ...

    def correction(self, kind: str, target: str, field: str, scope: str = "") -> dict | None: ...

    def put_correction(self, kind: str, target: str, field: str, scope: str, value, audit_id: int) -> None:
        """The correction in effect for (kind, target, field, scope), made by audit entry ``audit_id``."""

    def delete_correction(self, kind: str, target: str, field: str, scope: str) -> None: ...

    # --- what a correction reads and changes ---
    def claim_row(self, article_id: str, claim_id: str) -> dict | None: ...

    def place_info(self, place_key: str) -> dict | None:
        """A place the ledger knows (key, name, coordinates), or None."""

    def article_ids_in(self, proposition_ids: list[str]) -> set[str]: ...

    def ledger_docs(self, article_ids: list[str]) -> list[tuple[str, dict, str | None]]: ...

    def update_claim(self, article_id: str, claim_id: str, **values) -> None: ...

    def reset_claims(self, article_ids: list[str]) -> None: ...

    def members(self, *, article_ids=None, claim_id=None, proposition_id=None, origin_keys=None) -> list[dict]: ...

    def update_members(self, keys: list[MemberKey], **values) -> None: ...

    def delete_member(self, key: MemberKey) -> None: ...

    def homes(self, article_id: str) -> dict[MemberKey, tuple[str, dict]]: ...

    def remember_home(self, key: MemberKey, proposition: dict) -> None: ...

    def replace_origins(self, pid: str, origins: list[dict]) -> None: ...

    def delete_proposition(self, pid: str) -> None: ...


class LedgerRepository(Protocol):
    def transaction(self) -> AbstractContextManager[LedgerTransaction]: ...

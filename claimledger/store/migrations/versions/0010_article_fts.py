"""full-text index on articles (title and text): article search by words, phrases, prefixes and place variants
without reading every article; the claims' index keyed by the claims' rowid (issue 13)

SQLite: an FTS5 table over the articles' own columns (external content: the text is not stored twice) and the
claims' FTS5 table rebuilt (same columns) so that an FTS row's rowid is its article's or claim's rowid — a search
then joins on the integer key instead of reading ids out of the FTS table; both kept in sync by triggers on
insert, update and delete, so every write path keeps them current.  PostgreSQL (12 or later): a generated, stored
``search_tsv`` column on articles and on claims (``to_tsvector('simple', …)`` of title and text, of the claim's
content) with a GIN index each, replacing 0002's expression index on claims (``claimledger.store.search``).

Both: a covering index on proposition members for statuses "as of a day" (``LedgerStore.member_ends``, grouped by
origin and stance, and ``member_aggregates``): a proposition's members are read in group order from the index
alone, never from the table.

Revision ID: 0010
Revises: 0009
"""

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

# the indexed documents on PostgreSQL (the search_tsv columns; claimledger.store.search queries them)
PG_DOCUMENT = "to_tsvector('simple', coalesce(title, '') || ' ' || coalesce(text, ''))"
PG_CLAIM_DOCUMENT = "to_tsvector('simple', coalesce(content_text, ''))"


def _external_fts(name: str, table: str, columns: tuple[str, ...]) -> None:
    """An FTS5 table ``name`` over ``columns`` of ``table`` (external content, rowid = the table's rowid), its
    triggers, and the rows already stored."""
    cols = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    op.execute(f"CREATE VIRTUAL TABLE {name} USING fts5({cols}, content='{table}', content_rowid='rowid')")
    remove = f"INSERT INTO {name} ({name}, rowid, {cols}) VALUES ('delete', old.rowid, {old});"
    add = f"INSERT INTO {name} (rowid, {cols}) VALUES (new.rowid, {new});"
    op.execute(f"CREATE TRIGGER {name}_insert AFTER INSERT ON {table} BEGIN {add} END")
    op.execute(f"CREATE TRIGGER {name}_delete AFTER DELETE ON {table} BEGIN {remove} END")
    op.execute(f"CREATE TRIGGER {name}_update AFTER UPDATE OF {cols} ON {table} BEGIN {remove} {add} END")
    op.execute(f"INSERT INTO {name} ({name}) VALUES ('rebuild')")


MEMBER_ENDS_COLUMNS = [
    "proposition_id", "origin_key", "origin_label", "speaker_type", "speaker_side", "stance",
    "published", "claimed_date", "article_id", "event_date",
]  # fmt: skip


def upgrade() -> None:
    op.create_index("ix_members_status_ends", "proposition_members", MEMBER_ENDS_COLUMNS)
    if op.get_bind().dialect.name == "sqlite":
        _external_fts("articles_fts", "articles", ("title", "text"))
        # claims_fts keeps its layout (content, article_id, claim_id) but its rowid becomes the claim's rowid, and
        # triggers fill it instead of the writer
        op.execute("DROP TABLE claims_fts")
        op.execute("CREATE VIRTUAL TABLE claims_fts USING fts5(content, article_id UNINDEXED, claim_id UNINDEXED)")
        op.execute(
            "INSERT INTO claims_fts (rowid, content, article_id, claim_id) "
            "SELECT rowid, content_text, article_id, claim_id FROM claims"
        )
        op.execute(
            "CREATE TRIGGER claims_fts_insert AFTER INSERT ON claims BEGIN INSERT INTO claims_fts "
            "(rowid, content, article_id, claim_id) VALUES (new.rowid, new.content_text, new.article_id, new.claim_id); "
            "END"
        )
        op.execute(
            "CREATE TRIGGER claims_fts_delete AFTER DELETE ON claims BEGIN DELETE FROM claims_fts WHERE rowid = old.rowid; END"
        )
        op.execute(
            "CREATE TRIGGER claims_fts_update AFTER UPDATE OF content_text ON claims BEGIN "
            "UPDATE claims_fts SET content = new.content_text WHERE rowid = old.rowid; END"
        )
    else:
        # stored tsvector columns (PostgreSQL 12+), so checking a row costs no to_tsvector of its text: the planner
        # may then walk a table in date order for a common term as cheaply as it reads the index for a rare one
        for table, document in (("articles", PG_DOCUMENT), ("claims", PG_CLAIM_DOCUMENT)):
            op.execute(f"ALTER TABLE {table} ADD COLUMN search_tsv tsvector GENERATED ALWAYS AS ({document}) STORED")
            op.execute(f"CREATE INDEX ix_{table}_search_tsv ON {table} USING gin (search_tsv)")
        op.execute("DROP INDEX ix_claims_content_fts")  # 0002's expression index, replaced by the column's


def downgrade() -> None:
    op.drop_index("ix_members_status_ends", "proposition_members")
    if op.get_bind().dialect.name == "sqlite":
        for name in ("articles_fts", "claims_fts"):
            for t in ("insert", "delete", "update"):
                op.execute(f"DROP TRIGGER {name}_{t}")
        op.execute("DROP TABLE articles_fts")  # claims_fts stays, in the layout of 0002
    else:
        op.execute(f"CREATE INDEX ix_claims_content_fts ON claims USING gin ({PG_CLAIM_DOCUMENT})")
        for table in ("articles", "claims"):
            op.execute(f"DROP INDEX ix_{table}_search_tsv")
            op.execute(f"ALTER TABLE {table} DROP COLUMN search_tsv")

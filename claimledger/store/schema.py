"""Tables of the ledger.  The full article ledger is kept as JSON (exact reproduction of the output);
claims, events and places are also kept as rows so they can be queried."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Float, ForeignKey, Index, Integer, MetaData, String, Table, Text

metadata = MetaData()

articles = Table(
    "articles",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("sha256", String(64), nullable=False, unique=True),
    Column("title", Text),
    Column("outlet", Text),
    Column("url", Text),
    Column("author", Text),
    Column("published", String(10)),
    Column("language", String(8)),
    Column("source_path", Text),
    Column("text", Text, nullable=False),
    Column("analyzed_at", String(32), nullable=False),
    Column("pipeline_version", String(32), nullable=False),
    Column("ledger_json", Text, nullable=False),
    Column("knowledge_json", Text),  # {knowledge file: content hash} the article was analysed with
    Column("outlet_type", String(32)),
    Column("outlet_side", String(16)),
    Column("duplicate_of", String(32)),
    Column("duplicate_reason", String(32)),
    Column("minhash", Text),
    Index("ix_articles_url", "url"),
    Index("ix_articles_published", "published"),
)

article_copies = Table(
    "article_copies",
    metadata,
    Column("article_id", String(32), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("origin", Text, primary_key=True),
    Column("url", Text),
    Column("outlet", Text),
    Column("seen_at", String(32), nullable=False),
)

article_bands = Table(
    "article_bands",
    metadata,
    Column("band", Integer, primary_key=True),
    Column("bucket", String(16), primary_key=True),
    Column("article_id", String(32), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
)

propositions = Table(
    "propositions",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("kind", String(16), nullable=False),
    Column("place_key", String(80), nullable=False),
    Column("side", String(16), nullable=False),
    Column("place_name", Text, nullable=False),
    Column("lat", Float),
    Column("lon", Float),
    Column("text", Text, nullable=False),
    Column("date_min", String(10)),
    Column("date_max", String(10)),
    Column("first_claimed", String(10)),
    Column("status", String(40), nullable=False),
    Column("status_reason", Text, nullable=False),
    Column("n_articles", Integer, nullable=False),
    Column("n_origins", Integer, nullable=False),
    Column("n_affirm_origins", Integer, nullable=False),
    Column("n_deny_origins", Integer, nullable=False),
    Index("ix_propositions_key", "kind", "place_key", "side"),
    Index("ix_propositions_place", "place_key"),
)

proposition_members = Table(
    "proposition_members",
    metadata,
    Column("article_id", String(32), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("event_id", String(16), primary_key=True),
    Column("claim_id", String(16), primary_key=True),
    Column("proposition_id", String(32), ForeignKey("propositions.id"), nullable=False),
    Column("stance", String(8), nullable=False),
    Column("speaker_text", Text),
    Column("speaker_type", String(32), nullable=False),
    Column("speaker_side", String(16), nullable=False),
    Column("origin_key", Text, nullable=False),
    Column("origin_label", Text, nullable=False),
    Column("certainty", String(16), nullable=False),
    Column("event_date", String(10)),
    Column("claimed_date", String(10)),
    Column("published", String(10)),
    Column("outlet", Text),
    Column("outlet_type", String(32)),
    Column("outlet_side", String(16)),
    Index("ix_members_proposition", "proposition_id"),
    Index("ix_members_prop_article", "proposition_id", "article_id"),
    Index("ix_members_prop_known", "proposition_id", "published", "article_id"),
)

proposition_origins = Table(  # one row per (proposition, origin): the origin's latest stance
    "proposition_origins",
    metadata,
    Column("proposition_id", String(32), ForeignKey("propositions.id"), primary_key=True),
    Column("origin_key", Text, primary_key=True),
    Column("origin_label", Text, nullable=False),
    Column("speaker_type", String(32), nullable=False),
    Column("speaker_side", String(16), nullable=False),
    Column("stance", String(8), nullable=False),
    Column("stance_date", String(10), nullable=False),
    Column("n_members", Integer, nullable=False),
)

places = Table(
    "places",
    metadata,
    Column("article_id", String(32), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("place_id", String(16), primary_key=True),
    Column("mention", Text, nullable=False),
    Column("geonameid", Integer),
    Column("name", Text),
    Column("kind", String(16), nullable=False),
    Column("country", String(8)),
    Column("admin1", Text),
    Column("lat", Float),
    Column("lon", Float),
    Column("resolved", Boolean, nullable=False),
    Column("spans_json", Text, nullable=False),
    Index("ix_places_geonameid", "geonameid"),
)

claims = Table(
    "claims",
    metadata,
    Column("article_id", String(32), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("claim_id", String(16), primary_key=True),
    Column("speaker_text", Text),
    Column("speaker_type", String(32), nullable=False),
    Column("speaker_side", String(16), nullable=False),
    Column("cue_text", Text),
    Column("content_text", Text),
    Column("certainty", String(16), nullable=False),
    Column("content_start", Integer),
    Column("content_end", Integer),
    Column("claim_json", Text, nullable=False),
    Index("ix_claims_speaker", "speaker_type", "speaker_side"),
)

events = Table(
    "events",
    metadata,
    Column("article_id", String(32), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("event_id", String(16), primary_key=True),
    Column("type", String(32), nullable=False),
    Column("actor_side", String(16), nullable=False),
    Column("place_id", String(16)),
    Column("date_value", String(32)),
    Column("date_precision", String(32)),
    Column("status", String(40), nullable=False),
    Column("event_json", Text, nullable=False),
    Index("ix_events_type_place", "type", "place_id"),
)

framing_hits = Table(
    "framing_hits",
    metadata,
    Column("article_id", String(32), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("n", Integer, primary_key=True),
    Column("kind", String(16), nullable=False),
    Column("label", String(80), nullable=False),
    Column("voice", String(16), nullable=False),
    Column("speaker_side", String(16)),
    Column("speaker_type", String(32)),
    Column("span_start", Integer, nullable=False),
    Column("span_end", Integer, nullable=False),
    Column("text", Text),
    Index("ix_framing_label", "kind", "label"),
)

# --- review: named users, the append-only audit log and the corrections in effect (migration 0008) ---------------
review_users = Table(
    "review_users",
    metadata,
    Column("name", String(64), primary_key=True),
    Column("token_sha256", String(64), nullable=False, unique=True),  # sha256 of the token: never the token
    Column("created_at", String(32), nullable=False),
)

review_audit = Table(  # append-only: rows are inserted, never updated or deleted (triggers refuse it)
    "review_audit",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", String(32), nullable=False),
    Column("user_name", String(64), nullable=False),
    Column("action", String(16), nullable=False),  # correct | merge | split | group | revert
    Column("target_kind", String(16), nullable=False),  # claim | proposition | origin_group | audit
    Column("target_id", Text, nullable=False),
    Column("field", String(32), nullable=False),
    Column("scope", String(32), nullable=False, server_default=""),  # a proposition id when the field needs one
    Column("before_json", Text),
    Column("after_json", Text),
    Column("reason", Text, nullable=False),
    Column("article_id", String(32)),  # for the article page
    Column("proposition_id", String(32)),  # for the proposition page
    Column("replaces", Integer),  # the audit entry of the correction this one replaced (same target and field)
    Column("reverts", Integer),  # for a revert: the entry it reverts
    Index("ix_review_audit_article", "article_id"),
    Index("ix_review_audit_proposition", "proposition_id"),
)

review_corrections = Table(  # the corrections in effect, one per (target, field, scope): re-applied after relinking
    "review_corrections",
    metadata,
    Column("target_kind", String(16), primary_key=True),
    Column("target_id", Text, primary_key=True),
    Column("field", String(32), primary_key=True),
    Column("scope", String(32), primary_key=True),
    Column("value_json", Text, nullable=False),
    Column("audit_id", Integer, ForeignKey("review_audit.id"), nullable=False),
)

# --- statements (issue 15): claims across articles and languages that assert the same content -------------------
statements = Table(
    "statements",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("text", Text, nullable=False),  # a representative wording (the origin's)
    Column("language", String(8)),
    Column("proposition_id", String(32)),  # the proposition it bears on, when its claim states an event
    Column("first_seen", String(10)),
    Column("origin_key", Text, nullable=False),
    Column("origin_label", Text, nullable=False),
    Column("origin_type", String(32), nullable=False),
    Column("origin_side", String(16), nullable=False),
    Column("origin_article_id", String(32), nullable=False),
    Column("n_articles", Integer, nullable=False),
    Column("n_origins", Integer, nullable=False),  # the first origin plus the origins independent of it
    Column("laundered", Boolean, nullable=False),
    Column("drift_json", Text, nullable=False),  # certainty levels of the carriers in date order
    Index("ix_statements_first_seen", "first_seen"),
    Index("ix_statements_laundered", "laundered", "first_seen"),
)

statement_members = Table(
    "statement_members",
    metadata,
    Column("article_id", String(32), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("claim_id", String(16), primary_key=True),  # a claim id, or "s<n>" for a sentence in the own voice
    Column("statement_id", String(32), nullable=False),
    Column("voice", String(16), nullable=False),  # attributed | own
    Column("text", Text, nullable=False),
    Column("language", String(8)),
    Column("speaker_text", Text),
    Column("speaker_type", String(32), nullable=False),
    Column("speaker_side", String(16), nullable=False),
    Column("origin_key", Text, nullable=False),
    Column("origin_label", Text, nullable=False),
    Column("via_json", Text, nullable=False),  # the relay chain the text names ("citing X", "according to Y")
    Column("certainty", String(16), nullable=False),
    Column("score", Float, nullable=False),  # similarity to the statement when it joined (1.0 for the first)
    Column("published", String(10)),
    Column("claimed_date", String(10)),
    Column("outlet", Text),
    Column("outlet_type", String(32)),
    Column("outlet_side", String(16)),
    Column("duplicate_of", String(32)),  # the member's article is a copy of this one
    Column("signature_json", Text, nullable=False),
    Index("ix_statement_members_statement", "statement_id", "published"),
)

statement_keys = Table(  # the candidate index: a claim is compared only with claims sharing one of its keys
    "statement_keys",
    metadata,
    Column("key", String(120), primary_key=True),
    Column("article_id", String(32), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("claim_id", String(16), primary_key=True),
    Column("statement_id", String(32), nullable=False),
    Column("seen", String(10), nullable=False),
    Index("ix_statement_keys_cover", "key", "seen", "article_id", "claim_id"),  # covering (migration 0011)
)

review_homes = Table(  # where the machine put an assertion that a correction moved (and that proposition's row)
    "review_homes",
    metadata,
    Column("article_id", String(32), primary_key=True),
    Column("event_id", String(16), primary_key=True),
    Column("claim_id", String(16), primary_key=True),
    Column("proposition_id", String(32), nullable=False),
    Column("proposition_json", Text, nullable=False),
)

"""Ingest from the UI (only with --allow-writes): one pasted text or one URL, analysed and saved exactly as
`claimledger analyze`/`ingest` do (one ``prepare``, Analyzer, save).  The
analyzer is loaded on the first request and kept; one ingest runs at a time."""

from __future__ import annotations

import threading

from fastapi import HTTPException

from claimledger.errors import ClaimledgerError

_LOCK = threading.Lock()


def ingest_one(state, body) -> dict:
    from claimledger.ingest.article import Metadata, article_from_text
    from claimledger.link import save_ledgers
    from claimledger.pipeline import Analyzer, prepare

    meta = Metadata(
        title=body.title,
        outlet=body.outlet,
        url=body.url,
        published=body.published.isoformat() if body.published else None,
    )
    with _LOCK:
        try:
            if body.text:
                article = article_from_text(body.text, meta, source_path="<web>")
            else:
                article = _fetch(body.url, meta)
            prepare(article)
            if getattr(state, "analyzer", None) is None:
                state.analyzer = Analyzer.load()
            ledger = state.analyzer.analyze(article)
            result = save_ledgers(state.store, [ledger], ["<web>"])[0]
        except ClaimledgerError as exc:
            raise HTTPException(400, str(exc)) from None
    return {
        "article_id": result.article_id,
        "outcome": result.outcome,
        "duplicate_of": result.duplicate_of,
        "reason": result.reason,
        "claims": len(ledger.claims),
        "url": f"/articles/{result.article_id}",
    }


def _fetch(url: str, meta):
    """One URL through the SSRF-safe reader (no loopback/private addresses, size and time limits)."""
    from claimledger.ingest.sources import iter_sources

    for item in iter_sources([url], allow_private=False):
        if item.error:
            raise HTTPException(400, item.error)
        if item.article is not None:
            a = item.article
            for field in ("title", "outlet", "published"):
                if getattr(meta, field):
                    setattr(a, field, getattr(meta, field))
            return a
    raise HTTPException(400, "no article could be read from that URL")

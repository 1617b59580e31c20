"""The JSON contract -> ArticleLedger: the exact inverse of ``ledger_to_dict`` (``claimledger.model.contract``).

``ledger_to_dict(ledger_from_dict(d)) == d`` for every ``d`` that ``ledger_to_dict`` produced (tested on
analysed articles).  Used to rebuild ledgers that were analysed elsewhere (the Spark job's Parquet output)
so that ``claimledger.link.save_ledgers`` can store and link them exactly as after a local analysis.

What the contract does not carry stays at its default: ``Article.source_path`` (None, or what the caller passes),
``Actor.span`` and the span/canonical name of a narrative's speaker.  Nothing downstream of the store reads them.
"""

from __future__ import annotations

from functools import cache

from pydantic import TypeAdapter, ValidationError

from claimledger.model import Article, ArticleLedger


@cache
def _ledger_adapter() -> TypeAdapter:
    return TypeAdapter(ArticleLedger)


def article_from_dict(a: dict, text: str | None = None, source_path: str | None = None) -> Article:
    fields = {k: v for k, v in a.items() if k != "id"}
    fields.setdefault("text", text if text is not None else "")
    fields["source_path"] = source_path
    article = TypeAdapter(Article).validate_python(fields)
    if a.get("id") is not None and a["id"] != article.id:
        raise ValueError(f"article id {a['id']!r} does not match its sha256 ({article.id})")
    return article


def ledger_from_dict(doc: dict, text: str | None = None, source_path: str | None = None) -> ArticleLedger:
    """Rebuild the ledger of one article from its JSON contract, through the model itself (every field the
    contract has, none copied by hand here).

    ``text`` supplies the article text when the document was written without it (``include_text=False``);
    ``source_path`` is where the article was read from (not part of the contract)."""
    article = article_from_dict(doc["article"], text=text, source_path=source_path)
    body = {k: v for k, v in doc.items() if k != "article"}
    body.setdefault("framing", {"narratives": [], "techniques": []})
    try:
        ledger = _ledger_adapter().validate_python({**body, "article": article})
    except ValidationError as exc:
        raise ValueError(
            f"not a ledger of the JSON contract: {exc.errors()[0]['loc']}: {exc.errors()[0]['msg']}"
        ) from None
    return ledger

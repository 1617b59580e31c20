"""Rows derived from an article's ledger JSON, shared by the repository and the migrations that backfill them."""

from __future__ import annotations


def framing_rows(article_id: str, doc: dict) -> list[dict]:
    out = []
    framing = doc.get("framing") or {}
    for n in framing.get("narratives", []):
        sp = n.get("speaker") or {}
        out.append(
            dict(
                kind="narrative",
                label=n["narrative"],
                voice=n["voice"],
                speaker_side=sp.get("side"),
                speaker_type=sp.get("type"),
                span_start=n["span"][0],
                span_end=n["span"][1],
                text=n.get("text"),
            )
        )
    for t in framing.get("techniques", []):
        out.append(
            dict(
                kind="technique",
                label=t["technique"],
                voice=t.get("voice") or "own",
                speaker_side=None,
                speaker_type=None,
                span_start=t["span"][0],
                span_end=t["span"][1],
                text=t.get("text"),
            )
        )
    for i, row in enumerate(out, start=1):
        row.update(article_id=article_id, n=i)
    return out

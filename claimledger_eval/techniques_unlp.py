"""UNLP 2025 shared task (manipulation techniques in Ukrainian and Russian Telegram posts): post-level technique
macro-F1 and manipulative-span F1.

Corpus: a JSON Lines file (``dev.jsonl`` in the shared copy): ``id``, ``lang`` (uk / ru), ``text``,
``techniques`` (post-level labels, or null), ``spans`` (character ``[start, end)`` spans, or null).

Ours: the framing stage's technique tagger for the post's language (``lang/<code>/techniques.yaml``).  Its labels
are SemEval-2020 Task 11's; :data:`TO_UNLP` maps them onto the task's ten.  ``euphoria``, ``cherry_picking`` and
``straw_man`` have no SemEval-2020 counterpart (straw men share a class with whataboutism there, mapped to
``whataboutism``), so they are never predicted and score 0 in the macro average.

Metrics (as the task defines them):

* technique classification: per technique, binary F1 over posts (multi-label, a post's label set vs ours), then
  the unweighted mean over the ten techniques (sklearn ``f1_score(average="macro")`` on indicator matrices,
  ``zero_division=0``);
* span identification: character-level F1 — the characters inside gold spans vs inside our technique spans,
  micro over all posts.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from claimledger_eval.common import read_jsonl_corpus

LABELS = (
    "loaded_language",
    "glittering_generalities",
    "euphoria",
    "appeal_to_fear",
    "fud",
    "bandwagon",
    "cliche",
    "whataboutism",
    "cherry_picking",
    "straw_man",
)
TO_UNLP = {
    "Loaded_Language": "loaded_language",
    "Name_Calling,Labeling": "loaded_language",
    "Exaggeration,Minimisation": "loaded_language",
    "Flag-Waving": "glittering_generalities",
    "Slogans": "glittering_generalities",
    "Appeal_to_fear-prejudice": "appeal_to_fear",
    "Doubt": "fud",
    "Bandwagon,Reductio_ad_hitlerum": "bandwagon",
    "Thought-terminating_Cliches": "cliche",
    "Whataboutism,Straw_Men,Red_Herring": "whataboutism",
}


def _post(d: dict) -> dict:
    return {
        "id": d["id"],
        "lang": d["lang"],
        "text": d["text"],
        "techniques": list(d.get("techniques") or []),
        "spans": [tuple(s) for s in d.get("spans") or []],
    }


def read_corpus(path: str | Path, limit: int | None = None) -> list[dict]:
    return read_jsonl_corpus(path, "dev.jsonl", "UNLP 2025", _post, limit)


def macro_f1(gold: list[set[str]], pred: list[set[str]], labels=LABELS) -> tuple[float, dict[str, float]]:
    per = {}
    for lab in labels:
        tp = sum(lab in g and lab in p for g, p in zip(gold, pred))
        fp = sum(lab not in g and lab in p for g, p in zip(gold, pred))
        fn = sum(lab in g and lab not in p for g, p in zip(gold, pred))
        per[lab] = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return sum(per.values()) / len(labels), per


def char_f1(gold: list[list[tuple[int, int]]], pred: list[list[tuple[int, int]]]) -> dict[str, float]:
    tp = n_pred = n_gold = 0
    for g, p in zip(gold, pred):
        gs = {i for s, e in g for i in range(s, e)}
        ps = {i for s, e in p for i in range(s, e)}
        tp += len(gs & ps)
        n_pred += len(ps)
        n_gold += len(gs)
    prec = tp / n_pred if n_pred else 0.0
    rec = tp / n_gold if n_gold else 0.0
    return {"P": round(prec, 4), "R": round(rec, 4), "F1": round(2 * prec * rec / (prec + rec) if tp else 0.0, 4)}


def evaluate(path: str | Path, limit: int | None = None) -> dict[str, Any]:
    from claimledger.framing.techniques import TechniqueTagger

    posts = read_corpus(path, limit)
    taggers: dict[str, TechniqueTagger] = {}
    t0 = time.time()
    pred_labels, pred_spans = [], []
    for post in posts:
        tagger = taggers.get(post["lang"]) or taggers.setdefault(post["lang"], TechniqueTagger.load(post["lang"]))
        hits = tagger.tag(post["text"])
        pred_labels.append({TO_UNLP[h.technique] for h in hits if h.technique in TO_UNLP})
        pred_spans.append([tuple(h.span) for h in hits])
    out: dict[str, Any] = {
        "task": "techniques_unlp2025",
        "dataset": "UNLP 2025 (dev split of the shared copy)",
        "corpus": str(path),
        "limit": limit,
        "posts": len(posts),
        "seconds": round(time.time() - t0, 1),
        "by_language": {},
    }
    groups = {"all": range(len(posts))}
    for lang in sorted({p["lang"] for p in posts}):
        groups[lang] = [i for i, p in enumerate(posts) if p["lang"] == lang]
    for name, idx in groups.items():
        gold_l = [set(posts[i]["techniques"]) for i in idx]
        mf, per = macro_f1(gold_l, [pred_labels[i] for i in idx])
        res = {
            "posts": len(idx),
            "technique_macro_F1": round(mf, 4),
            "per_technique_F1": {k: round(v, 4) for k, v in per.items()},
            "span": char_f1([posts[i]["spans"] for i in idx], [pred_spans[i] for i in idx]),
        }
        if name == "all":
            out.update(res)
        else:
            out["by_language"][name] = res
    return out

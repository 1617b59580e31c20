"""SemEval-2025 Task 10, subtask 2 (narrative classification): samples-F1 on narratives and sub-narratives.

Corpus: one language folder in the task's layout — a ``*-documents/`` folder of ``<ID>.txt`` articles and
``subtask-2-annotations.txt`` (``<file>\\t<narratives ;-separated>\\t<sub-narratives ;-separated>``).  The
taxonomy (``subtask2_narratives.txt``, ``subtask2_subnarratives.txt``) is looked for in the folder, then in its
parent; without it the classes are the labels seen in gold and predictions plus ``Other``.

Ours: the framing stage's narratives for the folder's language (patterns only unless ``encoder``), each mapped to
its ``semeval2025`` labels in the catalogue (``URW: <narrative>: <sub-narrative>``; coarse = the first two
parts).  An article with no mapped narrative is ``Other`` at both levels, as the task's annotation does.

Scorer: a port of the official ``subtask2_scorer.py``: per article, binary F1 of the one-hot label vectors over
the taxonomy classes (labels outside it are ignored; F1 = 0 when both vectors are empty — sklearn's
``zero_division=0``), then the mean and standard deviation over articles (gold order).
"""

from __future__ import annotations

import csv
import math
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from claimledger.errors import InputError

ANNOTATIONS = "subtask-2-annotations.txt"
COARSE_FILE, FINE_FILE = "subtask2_narratives.txt", "subtask2_subnarratives.txt"
OTHER = "Other"


@dataclass
class Doc:
    id: str
    text: str
    coarse: list[str]
    fine: list[str]


def _docs_dir(folder: Path) -> Path:
    dirs = sorted(p for p in folder.iterdir() if p.is_dir() and p.name.endswith("-documents"))
    if not dirs:
        raise InputError(f"no *-documents/ folder in {folder}")
    return dirs[0]


def read_corpus(folder: str | Path, limit: int | None = None) -> list[Doc]:
    folder = Path(folder)
    ann = folder / ANNOTATIONS
    if not folder.is_dir() or not ann.is_file():
        raise InputError(f"{folder}: expected a *-documents/ folder and {ANNOTATIONS} (SemEval-2025 Task 10 layout)")
    docs_dir = _docs_dir(folder)
    out = []
    with ann.open(encoding="utf-8", newline="") as fh:
        for n, row in enumerate(csv.reader(fh, delimiter="\t"), 1):
            if not row:
                continue
            if len(row) < 3:
                raise InputError(f"{ann}:{n}: expected file<TAB>narratives<TAB>sub-narratives")
            path = docs_dir / row[0]
            if not path.is_file():
                raise InputError(f"{ann}:{n}: article {row[0]} not found in {docs_dir}")
            out.append(Doc(row[0], path.read_text(encoding="utf-8"), row[1].split(";"), row[2].split(";")))
            if limit and len(out) >= limit:
                break
    if not out:
        raise InputError(f"no annotated articles in {ann}")
    return out


def read_classes(folder: Path) -> tuple[list[str], list[str]] | None:
    for d in (folder, folder.parent):
        c, f = d / COARSE_FILE, d / FINE_FILE
        if c.is_file() and f.is_file():
            # as the official scorer reads them: split on "\n" (a final empty string is harmless)
            return c.read_text(encoding="utf-8").split("\n"), f.read_text(encoding="utf-8").split("\n")
    return None


# ---------------------------------------------------------------- the official scorer, ported


def _instance_f1(true: list[str], pred: list[str], classes: set[str]) -> float:
    t = {x for x in true if x in classes}
    p = {x for x in pred if x in classes}
    tp = len(t & p)
    den = 2 * tp + len(t - p) + len(p - t)
    return 2 * tp / den if den else 0.0


def samples_f1(gold: list[list[str]], pred: list[list[str]], classes: list[str]) -> tuple[float, float]:
    """Mean and (population) standard deviation of per-article F1, as ``subtask2_scorer.evaluate``."""
    cls = set(classes)
    scores = [_instance_f1(g, p, cls) for g, p in zip(gold, pred)]
    if not scores:
        return 0.0, 0.0
    mean = sum(scores) / len(scores)
    return mean, math.sqrt(sum((s - mean) ** 2 for s in scores) / len(scores))


# ---------------------------------------------------------------- running claimledger


def language_of(folder: Path, docs: list[Doc]) -> str:
    name = folder.name.lower()
    if name in ("en", "ru", "uk"):
        return name
    from claimledger.nlp.language import detect_language

    return detect_language(docs[0].text[:2000]) or "en"


def predict(docs: list[Doc], language: str, encoder: bool = False) -> list[tuple[list[str], list[str], list[str]]]:
    """(coarse labels, fine labels, our narrative ids) per article."""
    from claimledger.framing import FramingDetector
    from claimledger.lang import get_pack

    det = FramingDetector.load(use_encoder=encoder, pack=get_pack(language))
    by_id = det.narratives.cat.by_id
    out = []
    for d in docs:
        ids = list(dict.fromkeys(h.narrative for h in det.detect(d.text).narratives))
        fine = list(dict.fromkeys(lab for i in ids for lab in by_id[i].semeval2025))
        coarse = list(dict.fromkeys(": ".join(lab.split(": ")[:2]) for lab in fine))
        out.append((coarse or [OTHER], fine or [OTHER], ids))
    return out


def evaluate(folder: str | Path, limit: int | None = None, encoder: bool = False) -> dict[str, Any]:
    folder = Path(folder)
    docs = read_corpus(folder, limit)
    lang = language_of(folder, docs)
    t0 = time.time()
    preds = predict(docs, lang, encoder)
    seconds = round(time.time() - t0, 1)
    classes = read_classes(folder)
    if classes is None:
        seen_c = {x for d in docs for x in d.coarse} | {x for p in preds for x in p[0]} | {OTHER}
        seen_f = {x for d in docs for x in d.fine} | {x for p in preds for x in p[1]} | {OTHER}
        classes, taxonomy = (sorted(seen_c), sorted(seen_f)), "labels seen (no taxonomy files found)"
    else:
        taxonomy = f"{COARSE_FILE}, {FINE_FILE}"
    fc, sdc = samples_f1([d.coarse for d in docs], [p[0] for p in preds], classes[0])
    ff, sdf = samples_f1([d.fine for d in docs], [p[1] for p in preds], classes[1])
    return {
        "task": "narratives_semeval2025",
        "dataset": f"SemEval-2025 Task 10 subtask 2 ({folder.name})",
        "corpus": str(folder),
        "language": lang,
        "limit": limit,
        "encoder": encoder,
        "docs": len(docs),
        "taxonomy": taxonomy,
        "seconds": seconds,
        "F1_coarse": round(fc, 4),
        "F1_coarse_sd": round(sdc, 4),
        "F1_fine": round(ff, 4),
        "F1_fine_sd": round(sdf, 4),
        "docs_other_gold": sum(d.coarse == [OTHER] for d in docs),
        "docs_other_pred": sum(p[0] == [OTHER] for p in preds),
        "predictions": [
            {"id": d.id, "gold_coarse": d.coarse, "pred_coarse": p[0], "gold_fine": d.fine, "pred_fine": p[1]}
            | {"narratives": p[2]}
            for d, p in zip(docs, preds)
        ],
    }

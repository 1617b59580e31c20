"""Temporal-expression evaluation on TimeML (TempEval-3 Task A: TIMEX3 extent and value).

Definitions follow the official TempEval-3 scorer (``evaluate_entities.py``, UzZaman et al. 2013):
  * strict match: identical extent; relaxed match: the extents overlap;
  * P = matched system timexes / system timexes, R = matched gold timexes / gold timexes (strict or relaxed);
  * value F1 = (gold timexes whose relaxed match has the same ``value``) / (relaxed-matched gold timexes)
    x relaxed F1, i.e. value accuracy over relaxed matches times relaxed F1 (the number TempEval-3 ranks by).
The document creation time (DCT, ``tid="t0"`` / ``functionInDocument="CREATION_TIME"``) is input, not gold.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from claimledger.errors import InputError
from claimledger_eval.common import PRF, overlaps, require_path


@dataclass
class Timex:
    start: int
    end: int
    text: str
    value: str
    type: str = ""
    tid: str = ""

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)


@dataclass
class TimeMLDoc:
    id: str
    text: str  # the content of <TEXT> with all tags removed; offsets refer to it
    dct: str | None  # ISO date of the document creation time
    timexes: list[Timex] = field(default_factory=list)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def read_tml(path: Path) -> TimeMLDoc:
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise InputError(f"{path}: not well-formed TimeML ({exc})") from exc
    dct = None
    for el in root.iter():
        if _local(el.tag) == "TIMEX3" and (el.get("functionInDocument") == "CREATION_TIME"):
            dct = (el.get("value") or "")[:10] or None
            break
    text_el = next((el for el in root.iter() if _local(el.tag) == "TEXT"), None)
    if text_el is None:
        raise InputError(f"{path}: no <TEXT> element (not TimeML)")
    parts: list[str] = []
    timexes: list[Timex] = []
    pos = 0

    def walk(el: ET.Element) -> None:
        nonlocal pos
        if el.text:
            parts.append(el.text)
            pos += len(el.text)
        for child in el:
            start = pos
            walk(child)
            if _local(child.tag) == "TIMEX3" and child.get("functionInDocument") != "CREATION_TIME":
                timexes.append(
                    Timex(start, pos, "", child.get("value", ""), child.get("type", ""), child.get("tid", ""))
                )
            if child.tail:
                parts.append(child.tail)
                pos += len(child.tail)

    walk(text_el)
    text = "".join(parts)
    for t in timexes:
        t.text = text[t.start : t.end]
    doc_id = path.name.split(".tml")[0]
    docid_el = next((el for el in root.iter() if _local(el.tag) == "DOCID"), None)
    if docid_el is not None and docid_el.text:
        doc_id = docid_el.text.strip()
    return TimeMLDoc(doc_id, text, dct, sorted(timexes, key=lambda t: t.start))


def read_corpus(path: str | Path, limit: int | None = None) -> list[TimeMLDoc]:
    p = require_path(path, "TimeML corpus")
    if p.is_file():
        files = [p]
    else:
        files = sorted(f for f in p.iterdir() if f.is_file() and f.name.endswith(".tml"))
        if not files:
            sub = p / "te3-platinum-normalized"
            if sub.is_dir():
                files = sorted(f for f in sub.iterdir() if f.name.endswith(".tml"))
        if not files:
            raise InputError(f"{p}: no .tml files (expected a TempEval-3 TimeML folder)")
    if limit is not None:
        files = files[:limit]
    return [read_tml(f) for f in files]


# ------------------------------------------------------------------ scoring


@dataclass
class TemporalResult:
    strict: PRF
    relaxed: PRF
    value_correct: int
    docs: int

    @property
    def value_accuracy(self) -> float:
        return self.value_correct / self.relaxed.tp_gold if self.relaxed.tp_gold else 0.0

    @property
    def value_f1(self) -> float:
        return self.value_accuracy * self.relaxed.f1

    def as_dict(self) -> dict:
        return {
            "docs": self.docs,
            "n_gold": int(self.strict.n_gold),
            "n_pred": int(self.strict.n_pred),
            "strict": self.strict.as_dict(),
            "relaxed": self.relaxed.as_dict(),
            "value_correct": self.value_correct,
            "value_accuracy": round(self.value_accuracy, 4),
            "value_P": round(self.value_accuracy * self.relaxed.precision, 4),
            "value_R": round(self.value_accuracy * self.relaxed.recall, 4),
            "value_F1": round(self.value_f1, 4),
        }


def _best_overlap(g: Timex, preds: Sequence[Timex]) -> Timex | None:
    best, best_len = None, 0
    for p in preds:
        if overlaps(g.span, p.span):
            ov = min(g.end, p.end) - max(g.start, p.start)
            if ov > best_len or (ov == best_len and best is not None and p.span == g.span):
                best, best_len = p, ov
    return best


def normalise_value(v: str) -> str:
    return (v or "").strip()


def score_documents(
    gold_docs: Sequence[TimeMLDoc], pred_docs: Sequence[Sequence[Timex]]
) -> tuple[TemporalResult, list[dict]]:
    if len(gold_docs) != len(pred_docs):
        raise InputError(f"temporal: {len(pred_docs)} predicted documents for {len(gold_docs)} gold documents")
    strict, relaxed = PRF(), PRF()
    value_ok = 0
    details: list[dict] = []
    for doc, preds in zip(gold_docs, pred_docs):
        gold = doc.timexes
        gspans = {g.span for g in gold}
        pspans = {p.span for p in preds}
        strict.add(
            PRF(
                tp_pred=sum(1 for p in preds if p.span in gspans),
                n_pred=len(preds),
                tp_gold=sum(1 for g in gold if g.span in pspans),
                n_gold=len(gold),
            )
        )
        relaxed.add(
            PRF(
                tp_pred=sum(1 for p in preds if any(overlaps(p.span, g.span) for g in gold)),
                n_pred=len(preds),
                tp_gold=sum(1 for g in gold if any(overlaps(g.span, p.span) for p in preds)),
                n_gold=len(gold),
            )
        )
        for g in gold:
            p = _best_overlap(g, preds)
            if p is None:
                details.append({"doc": doc.id, "kind": "missed", "text": g.text, "gold": g.value, "type": g.type})
                continue
            ok = normalise_value(p.value) == normalise_value(g.value)
            value_ok += ok
            if not ok:
                details.append(
                    {
                        "doc": doc.id,
                        "kind": "value",
                        "text": g.text,
                        "pred_text": p.text,
                        "gold": g.value,
                        "pred": p.value,
                        "dct": doc.dct,
                    }
                )
            elif p.span != g.span:
                details.append({"doc": doc.id, "kind": "extent", "text": g.text, "pred_text": p.text})
        for p in preds:
            if not any(overlaps(p.span, g.span) for g in gold):
                details.append({"doc": doc.id, "kind": "spurious", "text": p.text, "pred": p.value})
    return TemporalResult(strict, relaxed, value_ok, len(gold_docs)), details


# ------------------------------------------------------------------ running our pipeline


def dates_to_timexes(text: str, dates) -> list[Timex]:
    out = []
    for d in dates:
        if d.span is None:
            continue
        s, e = d.span
        out.append(Timex(s, e, text[s:e], d.value or ""))
    return sorted(out, key=lambda t: t.start)


def run(analyzer, docs: Sequence[TimeMLDoc], progress: Callable[[int], None] | None = None):
    preds = []
    for k, doc in enumerate(docs):
        ledger = analyzer.analyze_text(doc.text, published=doc.dct)
        preds.append(dates_to_timexes(doc.text, ledger.dates))
        if progress:
            progress(k + 1)
    return score_documents(docs, preds)

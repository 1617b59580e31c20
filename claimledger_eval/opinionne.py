"""RuOpinionNE-2024 (Dialogue Evaluation 2024): Russian opinion *sources* scored with the task's own matching.

Corpus: ``train.jsonl`` (MIT), one sentence a line: ``sent_id``, ``text``, ``opinions`` (each with ``Source`` =
``[[surface strings], ["start:end" offsets]]``; ``AUTHOR`` = the writer's own voice, ``NULL`` = none).

Ours: the speakers of the claims the Russian pack finds in each sentence (``claimledger analyze`` on the
sentences, a line each, so a line break ends a sentence as in the pack).

Scorer: a faithful port of the task's ``evaluation.py`` (``tk``, ``convert_char_offsets_to_token_idxs``,
``sent_tuples_in_list``, ``weighted_score``, ``tuple_precision`` / ``tuple_recall`` / ``tuple_f1``) with the
tuple reduced to its holder: a predicted source matches a gold one when their whitespace-token sets intersect,
and a match weighs the token overlap (|gold ∩ pred| / |pred| for precision, / |gold| for recall), exactly the
holder term of the task's weighted score.  The task's full F1 also needs target, polar expression and polarity,
which claimledger does not produce, so only the source is scored.  Gold sources are the explicit ones (a span in
the sentence); ``AUTHOR`` and ``NULL`` have no span and claimledger never predicts them (reported separately).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from claimledger.errors import InputError
from claimledger_eval.common import read_jsonl_corpus

CHUNK = 40  # sentences analysed together (a line each)


# ---------------------------------------------------------------- the task's scorer, ported (holder only)


def tk(text: str) -> list[tuple[int, int]]:
    """Whitespace tokens with their character offsets (evaluation.py ``tk``)."""
    out, i = [], 0
    for token in text.split():
        pos = text[i:].find(token)
        out.append((i + pos, i + pos + len(token)))
        i += pos + len(token)
    return out


def token_idxs(char_offsets: list[str], token_offsets: list[tuple[int, int]]) -> frozenset:
    """evaluation.py ``convert_char_offsets_to_token_idxs``: the tokens any "b:e" span touches."""
    idxs = []
    for off in char_offsets:
        b, e = (int(x) for x in off.split(":"))
        idxs += [i for i, (tb, te) in enumerate(token_offsets) if not (tb >= e or te <= b)]
    return frozenset(idxs)


def _match(h1: frozenset, others: list[frozenset]) -> bool:
    """``sent_tuples_in_list`` with the holder alone (an empty holder is "_", as there)."""
    h1 = h1 or frozenset(["_"])
    return any(h1 & (h2 or frozenset(["_"])) for h2 in others)


def _weighted(h1: frozenset, others: list[frozenset]) -> float:
    """``weighted_score`` with the holder alone: best |h2 ∩ h1| / |h1| over intersecting h2."""
    h1 = h1 or frozenset(["_"])
    best = 0.0
    for h2 in others:
        h2 = h2 or frozenset(["_"])
        if h1 & h2:
            best = max(best, len(h2 & h1) / len(h1))
    return best


def _side(gold: dict, pred: dict, weighted: bool, precision: bool) -> float:
    num, den = 0.0, 0
    for sid in pred:
        mine, theirs = (pred[sid], gold[sid]) if precision else (gold[sid], pred[sid])
        for h in mine:
            den += 1
            if _match(h, theirs):
                num += _weighted(h, theirs) if weighted else 1.0
    return num / (den + 1e-16)


def source_f1(gold: dict, pred: dict, weighted: bool = True) -> dict[str, float]:
    """``tuple_precision`` / ``tuple_recall`` / ``tuple_f1`` of the task over holder-only tuples.  ``gold`` and
    ``pred``: sent_id -> list of token-index sets (every gold sentence must be in ``pred``, as the task asserts)."""
    missing = set(gold) - set(pred)
    if missing:
        raise InputError(f"predictions miss {len(missing)} sentences")
    p = _side(gold, pred, weighted, True)
    r = _side(gold, pred, weighted, False)
    return {"P": round(p, 4), "R": round(r, 4), "F1": round(2 * p * r / (p + r + 1e-17), 4)}


# ---------------------------------------------------------------- corpus


@dataclass
class Sentence:
    id: Any
    text: str
    sources: list[str] = field(default_factory=list)  # "b:e" offsets of explicit sources (distinct)
    n_author: int = 0
    n_null: int = 0


def _sentence(d: dict) -> Sentence:
    s = Sentence(d["sent_id"], d["text"])
    for o in d["opinions"]:
        surface, offs = o["Source"]
        if surface and surface[0] == "AUTHOR":
            s.n_author += 1
        elif surface and surface[0] == "NULL":
            s.n_null += 1
        else:
            key = ",".join(offs)
            if key not in s.sources:
                s.sources.append(key)
    return s


def read_corpus(path: str | Path, limit: int | None = None) -> list[Sentence]:
    return read_jsonl_corpus(path, "train.jsonl", "RuOpinionNE", _sentence, limit)


# ---------------------------------------------------------------- running claimledger


def predict_sources(analyzer, sents: list[Sentence], tick: Callable[[int], None] | None = None) -> dict:
    """sent_id -> list of "b:e" speaker spans (distinct) of the claims found in that sentence."""
    from claimledger.model import Article

    pred: dict = {}
    for start in range(0, len(sents), CHUNK):
        chunk = sents[start : start + CHUNK]
        # a sentence a line; newlines inside a sentence would split it, so they become spaces (same length)
        lines = [s.text.replace("\n", " ").replace("\r", " ") for s in chunk]
        text = "\n".join(lines)
        offsets, pos = [], 0
        for line in lines:
            offsets.append(pos)
            pos += len(line) + 1
        ledger = analyzer.analyze(Article(text=text, sha256="", published=None, language="ru"))
        for s, off, line in zip(chunk, offsets, lines):
            pred[s.id] = []
            for c in ledger.claims:
                sp = c.speaker.span
                if sp is None or not (off <= sp[0] and sp[1] <= off + len(line)):
                    continue
                key = f"{sp[0] - off}:{sp[1] - off}"
                if key not in pred[s.id]:
                    pred[s.id].append(key)
        if tick:
            tick(min(start + CHUNK, len(sents)))
    return pred


def score(sents: list[Sentence], pred: dict) -> dict[str, Any]:
    gold_t, pred_t, errors = {}, {}, []
    for s in sents:
        toks = tk(s.text)
        gold_t[s.id] = [token_idxs(o.split(","), toks) for o in s.sources]
        pred_t[s.id] = [token_idxs([o], toks) for o in pred.get(s.id, [])]
        g = [s.text[int(o.split(":")[0]) : int(o.split(",")[0].split(":")[1])] for o in s.sources]
        pr = [s.text[int(o.split(":")[0]) : int(o.split(":")[1])] for o in pred.get(s.id, [])]
        if sorted(g) != sorted(pr):
            errors.append({"sent_id": s.id, "gold": g, "pred": pr})
    return {
        "sentences": len(sents),
        "gold_sources": sum(len(v) for v in gold_t.values()),
        "pred_sources": sum(len(v) for v in pred_t.values()),
        "author_opinions": sum(s.n_author for s in sents),
        "null_opinions": sum(s.n_null for s in sents),
        "weighted": source_f1(gold_t, pred_t, weighted=True),
        "unweighted": source_f1(gold_t, pred_t, weighted=False),
        "errors": errors,
    }


def evaluate(path: str | Path, limit: int | None = None, analyzer=None, tick=None) -> dict[str, Any]:
    import time

    from claimledger_eval.common import load_analyzer

    sents = read_corpus(path, limit)
    analyzer = analyzer or load_analyzer()
    t0 = time.time()
    pred = predict_sources(analyzer, sents, tick)
    out = {"task": "attribution_ru", "dataset": "RuOpinionNE-2024 train", "corpus": str(path), "limit": limit}
    out.update(score(sents, pred))
    out["seconds"] = round(time.time() - t0, 1)
    return out

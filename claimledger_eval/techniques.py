"""SemEval-2020 Task 11 (propaganda techniques, PTC corpus): reader and scorers.

Corpus layout: ``article<ID>.txt`` plus ``article<ID>.task2-TC.labels`` (anywhere under the
folder), label lines ``<ID>\\t<technique>\\t<start>\\t<end>``, character offsets, end exclusive.

* SI (span identification), the task paper's partial-overlap measure: with S the predicted and T
  the gold spans (overlapping spans of one article merged first, labels ignored),
  P = sum_{s,t} |s∩t| / |s|  / |S|,   R = sum_{s,t} |s∩t| / |t|  / |T|,   F1 = harmonic mean.
* TC (technique classification): the system labels each *gold* span; micro P/R/F1 over
  (article, span, label) multisets, which equals accuracy when there is one prediction per line.

The corpus is not shipped (no licence); tests use tiny hand-made files with known answers.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import click

from claimledger.errors import InputError
from claimledger_eval import baselines
from claimledger_eval.common import PRF

Span = tuple[int, int]
PUBLISHED_BEST = baselines.published_techniques()  # SI_F1 (Hitachi), TC_micro_F1 (ApplicaAI): baselines.yaml
_ARTICLE = re.compile(r"article(\d+)\.txt$")
_LABELS = re.compile(r"article(\d+)\.task2-TC\.labels$")


@dataclass
class PTCArticle:
    id: str
    text: str
    labels: list[tuple[str, int, int]] = field(default_factory=list)  # (technique, start, end)


def read_labels(path: Path) -> list[tuple[str, str, int, int]]:
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        parts = line.rstrip("\n").split("\t")
        if len(parts) != 4:
            raise InputError(f"{path}:{n}: expected id<TAB>technique<TAB>start<TAB>end, got {line!r}")
        aid, tech, s, e = parts
        rows.append((aid, tech, int(s), int(e)))
    return rows


def read_corpus(folder: Path) -> list[PTCArticle]:
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(f"corpus folder not found: {folder}")
    texts, labels = {}, {}
    for p in folder.rglob("*"):
        if (m := _ARTICLE.search(p.name)) and p.is_file():
            # newline="" keeps \r\n as two characters, as the organisers' offsets count them.
            with p.open(encoding="utf-8", newline="") as fh:
                texts[m.group(1)] = fh.read()
        elif (m := _LABELS.search(p.name)) and p.is_file():
            labels[m.group(1)] = read_labels(p)
    if not labels:
        raise InputError(f"no article<ID>.task2-TC.labels files under {folder}")
    missing = sorted(set(labels) - set(texts))
    if missing:
        raise InputError(f"labels without article text: {', '.join(missing[:5])}")
    return [PTCArticle(aid, texts[aid], [(t, s, e) for _, t, s, e in labels[aid]]) for aid in sorted(labels)]


# ---------------------------------------------------------------- scorers


def merge_spans(spans: Iterable[Span]) -> list[Span]:
    out: list[list[int]] = []
    for s, e in sorted(spans):
        if e <= s:
            continue
        if out and s < out[-1][1]:  # overlapping (not merely adjacent) spans become one
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return [(s, e) for s, e in out]


def si_scores(pred: dict[str, list[Span]], gold: dict[str, list[Span]]) -> PRF:
    """Partial-overlap SI precision/recall, micro over all articles (keys are article ids)."""
    res = PRF()
    for aid in set(pred) | set(gold):
        S, T = merge_spans(pred.get(aid, [])), merge_spans(gold.get(aid, []))
        res.n_pred += len(S)
        res.n_gold += len(T)
        for s in S:
            for t in T:
                inter = min(s[1], t[1]) - max(s[0], t[0])
                if inter > 0:
                    res.tp_pred += inter / (s[1] - s[0])
                    res.tp_gold += inter / (t[1] - t[0])
    return res


def tc_scores(pred: list[tuple[str, str, int, int]], gold: list[tuple[str, str, int, int]]):
    """Micro P/R/F1 (and per technique) of (article, technique, start, end) label multisets."""
    p, g = Counter(pred), Counter(gold)
    tp = sum((p & g).values())
    micro = PRF(tp_pred=tp, n_pred=sum(p.values()), tp_gold=tp, n_gold=sum(g.values()))
    per: dict[str, PRF] = defaultdict(PRF)
    for key, n in p.items():
        per[key[1]].n_pred += n
        per[key[1]].tp_pred += min(n, g.get(key, 0))
    for key, n in g.items():
        per[key[1]].n_gold += n
        per[key[1]].tp_gold += min(n, p.get(key, 0))
    return micro, dict(per)


def evaluate(articles: list[PTCArticle], tagger=None) -> dict:
    """Run the cue tagger on each article: SI from its spans, TC by labelling the gold spans."""
    if tagger is None:
        from claimledger.framing.techniques import TechniqueTagger

        tagger = TechniqueTagger.load()
    pred_spans, gold_spans, pred_tc, gold_tc = {}, {}, [], []
    for a in articles:
        pred_spans[a.id] = [h.span for h in tagger.tag(a.text)]
        gold_spans[a.id] = [(s, e) for _, s, e in a.labels]
        labels = tagger.classify_spans(a.text, [(s, e) for _, s, e in a.labels])
        gold_tc += [(a.id, t, s, e) for t, s, e in a.labels]
        pred_tc += [(a.id, lab, s, e) for lab, (_, s, e) in zip(labels, a.labels)]
    si = si_scores(pred_spans, gold_spans)
    tc, per = tc_scores(pred_tc, gold_tc)
    return {
        "articles": len(articles),
        "SI": si.as_dict(),
        "TC_micro": tc.as_dict(),
        "TC_per_technique": {k: per[k].as_dict() for k in sorted(per)},
        "published_best": PUBLISHED_BEST,
    }


# ---------------------------------------------------------------- CLI


@click.command("techniques")
@click.option(
    "--corpus",
    "corpus",
    required=True,
    type=click.Path(path_type=Path),
    help="Folder with article<ID>.txt and article<ID>.task2-TC.labels (SemEval-2020 Task 11).",
)
@click.option("--json", "json_out", type=click.Path(path_type=Path), default=None, help="Write the scores as JSON.")
def techniques_command(corpus: Path, json_out: Path | None) -> None:
    """Span identification and technique classification scores on a SemEval-2020 Task 11 corpus."""
    from rich.console import Console
    from rich.table import Table

    result = evaluate(read_corpus(corpus))
    console = Console()
    head = Table(title=f"SemEval-2020 Task 11: {result['articles']} articles")
    for col in ("task", "P", "R", "F1", "published best F1"):
        head.add_column(col, justify="left" if col == "task" else "right")
    si, tc = result["SI"], result["TC_micro"]
    head.add_row(
        "SI (span overlap)", f"{si['P']:.4f}", f"{si['R']:.4f}", f"{si['F1']:.4f}", f"{PUBLISHED_BEST['SI_F1']:.4f}"
    )
    head.add_row(
        "TC (micro, gold spans)",
        f"{tc['P']:.4f}",
        f"{tc['R']:.4f}",
        f"{tc['F1']:.4f}",
        f"{PUBLISHED_BEST['TC_micro_F1']:.4f}",
    )
    console.print(head)
    per = Table(title="TC per technique")
    for col in ("technique", "P", "R", "F1", "gold"):
        per.add_column(col, justify="left" if col == "technique" else "right")
    for tech, d in result["TC_per_technique"].items():
        per.add_row(tech, f"{d['P']:.3f}", f"{d['R']:.3f}", f"{d['F1']:.3f}", str(int(d["n_gold"])))
    console.print(per)
    if json_out:
        json_out.write_text(json.dumps(result, indent=2), encoding="utf-8")

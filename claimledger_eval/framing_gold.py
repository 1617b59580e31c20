"""Per-narrative precision/recall of the framing stage on the project's own gold set.

Gold: ``tests/framing/gold/*.yaml`` (paragraphs with expected (narrative, voice) pairs and, where
the text attributes speech, the claims the pipeline would extract).  Scored per paragraph:

* narrative P/R - a predicted narrative id is right if the paragraph expects it (any voice);
* strict P/R    - (narrative, voice) pairs must match;
* voice accuracy - over narratives found and expected, how often the voice set agrees.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import click
import yaml

from claimledger.model import Claim, Speaker, TextSpan
from claimledger_eval.common import PRF, repo_root

DEFAULT_GOLD = Path("tests") / "framing" / "gold"


def _find(text: str, needle: str, what: str, pid: str) -> tuple[int, int]:
    i = text.find(needle)
    if i < 0:
        raise ValueError(f"gold {pid}: {what} {needle!r} is not in the text")
    return (i, i + len(needle))


def build_claims(item: dict, sentences: list[tuple[int, int]]) -> list[Claim]:
    """Claims for one gold paragraph, from substrings of its text."""
    text, out = item["text"], []
    for k, c in enumerate(item.get("claims") or []):
        content = _find(text, c["content"], "content", item["id"])
        cue = _find(text, c["cue"], "cue", item["id"])
        spk = _find(text, c["speaker"], "speaker", item["id"])
        sent = next((s for s in sentences if s[0] <= content[0] < s[1]), (0, len(text)))
        out.append(
            Claim(
                id=f"{item['id']}_c{k}",
                sentence=sent,
                speaker=Speaker(c["speaker"], spk, c.get("type", "anonymous"), c.get("side", "unknown")),
                cue=TextSpan(c["cue"], cue),
                content=TextSpan(c["content"], content),
            )
        )
    return out


def load_gold(path: Path | None = None) -> list[dict]:
    path = Path(path) if path else repo_root() / DEFAULT_GOLD
    files = sorted(path.glob("*.yaml")) if path.is_dir() else [path]
    items = []
    for f in files:
        items.extend(yaml.safe_load(f.read_text(encoding="utf-8"))["paragraphs"])
    return items


def evaluate(detector, items: list[dict]) -> dict:
    from claimledger.framing import split_sentences

    per: dict[str, PRF] = defaultdict(PRF)
    strict, total = PRF(), PRF()
    voice_ok = voice_n = 0
    errors = []
    for item in items:
        text = item["text"]
        sents = split_sentences(text)
        framing = detector.detect(text, sents, build_claims(item, sents))
        pred_pairs = {(h.narrative, h.voice) for h in framing.narratives}
        gold_pairs = {(g["narrative"], g["voice"]) for g in item.get("expected") or []}
        pred_ids, gold_ids = {n for n, _ in pred_pairs}, {n for n, _ in gold_pairs}
        for n in pred_ids | gold_ids:
            hit = n in pred_ids and n in gold_ids
            c = PRF(
                tp_pred=hit * (n in pred_ids),
                n_pred=float(n in pred_ids),
                tp_gold=hit * (n in gold_ids),
                n_gold=float(n in gold_ids),
            )
            per[n].add(c)
            total.add(c)
            if hit:
                voice_n += 1
                voice_ok += {v for m, v in pred_pairs if m == n} == {v for m, v in gold_pairs if m == n}
        tp = len(pred_pairs & gold_pairs)
        strict.add(PRF(tp_pred=tp, n_pred=len(pred_pairs), tp_gold=tp, n_gold=len(gold_pairs)))
        if pred_pairs != gold_pairs:
            errors.append(
                {
                    "id": item["id"],
                    "missed": sorted(gold_pairs - pred_pairs),
                    "spurious": sorted(pred_pairs - gold_pairs),
                }
            )
    return {
        "paragraphs": len(items),
        "encoder": detector.uses_encoder,
        "narrative_micro": total.as_dict(),
        "strict_micro": strict.as_dict(),
        "voice_accuracy": round(voice_ok / voice_n, 4) if voice_n else None,
        "per_narrative": {n: per[n].as_dict() for n in sorted(per)},
        "errors": errors,
    }


def markdown(result: dict) -> str:
    """The "Framing (own gold set)" section for docs/framing-accuracy.md."""
    m, s = result["narrative_micro"], result["strict_micro"]
    lines = [
        "## Framing (own gold set)",
        "",
        f"{result['paragraphs']} hand-written paragraphs (`tests/framing/gold/`), similarity encoder "
        f"{'on' if result['encoder'] else 'off (patterns only)'}. Measured with "
        "`python -m claimledger_eval.framing_gold`.",
        "",
        f"- Narrative micro P/R/F1: {m['P']:.3f} / {m['R']:.3f} / {m['F1']:.3f}",
        f"- Strict (narrative + voice) micro P/R/F1: {s['P']:.3f} / {s['R']:.3f} / {s['F1']:.3f}",
        f"- Voice agreement on found narratives: {result['voice_accuracy']}",
        "",
        "| narrative | P | R | pred | gold |",
        "|---|---|---|---|---|",
    ]
    for n, d in result["per_narrative"].items():
        lines.append(f"| {n} | {d['P']:.2f} | {d['R']:.2f} | {int(d['n_pred'])} | {int(d['n_gold'])} |")
    lines += [
        "",
        "The gold set was written by the developer of the matcher, so these are optimistic "
        "development scores, not a held-out benchmark.",
        "",
    ]
    return "\n".join(lines)


@click.command("framing")
@click.option(
    "--gold",
    "gold_path",
    type=click.Path(exists=True, path_type=Path),
    default=None,
    help="Gold YAML file or folder (default: tests/framing/gold).",
)
@click.option("--no-encoder", is_flag=True, help="Patterns only.")
@click.option("--json", "json_out", type=click.Path(path_type=Path), default=None, help="Write the scores as JSON.")
def framing_command(gold_path: Path | None, no_encoder: bool, json_out: Path | None) -> None:
    """Per-narrative precision/recall of the framing stage on the own gold set."""
    from rich.console import Console
    from rich.table import Table

    from claimledger.framing import FramingDetector

    result = evaluate(FramingDetector.load(use_encoder=not no_encoder), load_gold(gold_path))
    table = Table(title=f"Framing gold set: {result['paragraphs']} paragraphs")
    for col in ("narrative", "P", "R", "pred", "gold"):
        table.add_column(col, justify="left" if col == "narrative" else "right")
    for n, d in result["per_narrative"].items():
        table.add_row(n, f"{d['P']:.2f}", f"{d['R']:.2f}", str(int(d["n_pred"])), str(int(d["n_gold"])))
    m, s = result["narrative_micro"], result["strict_micro"]
    table.add_row("[b]micro[/b]", f"{m['P']:.3f}", f"{m['R']:.3f}", str(int(m["n_pred"])), str(int(m["n_gold"])))
    table.add_row(
        "[b]strict (voice)[/b]", f"{s['P']:.3f}", f"{s['R']:.3f}", str(int(s["n_pred"])), str(int(s["n_gold"]))
    )
    Console().print(table)
    if json_out:
        json_out.write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    framing_command()

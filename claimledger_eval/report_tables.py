"""Tables of the evaluation report: result rows for the terminal (rich) and for docs/accuracy.md (Markdown)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from claimledger_eval.common import num, pct


def write_json(result: dict, path: str | Path) -> None:
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(json.dumps(result, indent=1, ensure_ascii=False), encoding="utf-8")


# ------------------------------------------------------------------ rich tables (CLI)


def geo_rows(result: dict) -> list[list[str]]:
    rows = []
    for r, ours in [(result["ours"], True)] + [(p, False) for p in result.get("peers", [])]:
        name = "claimledger" if ours else r["system"]
        if result["mode"] == "end-to-end":
            rows.append(
                [
                    name,
                    num(r["P"]),
                    num(r["R"]),
                    num(r["F1"]),
                    pct(r["acc161"]),
                    num(r["mean_km"], 0),
                    num(r["median_km"], 0),
                    num(r["AUC"]),
                ]
            )
        else:
            rows.append(
                [
                    name,
                    str(r["n_gold"]),
                    str(r["n_unresolved"]),
                    pct(r["acc161"]),
                    num(r["mean_km"], 0),
                    num(r["median_km"], 0),
                    num(r["AUC"]),
                ]
            )
    return rows


def geo_headers(mode: str) -> list[str]:
    if mode == "end-to-end":
        return ["system", "P", "R", "F1", "Acc@161 %", "mean km", "median km", "AUC"]
    return ["system", "gold toponyms", "unresolved", "Acc@161 %", "mean km", "median km", "AUC"]


def attr_rows(result: dict) -> list[list[str]]:
    o = result["ours"]
    rows = []
    for role in ("source", "cue", "content", "relation"):
        e, v = o[f"{role}_exact"], o[f"{role}_overlap"]
        rows.append([role, num(e["P"]), num(e["R"]), num(e["F1"]), num(v["P"]), num(v["R"]), num(v["F1"])])
    return rows


ATTR_HEADERS = ["", "exact P", "exact R", "exact F1", "overlap P", "overlap R", "overlap F1"]


def temp_rows(result: dict) -> list[list[str]]:
    o = result["ours"]
    return [[kind, num(o[kind]["P"]), num(o[kind]["R"]), num(o[kind]["F1"])] for kind in ("strict", "relaxed")] + [
        ["value", num(o["value_P"]), num(o["value_R"]), num(o["value_F1"])]
    ]


TEMP_HEADERS = ["match", "P", "R", "F1"]


def print_table(title: str, headers: list[str], rows: list[list[str]], caption: str = "") -> None:
    from rich.console import Console
    from rich.table import Table

    t = Table(title=title, caption=caption or None)
    for i, h in enumerate(headers):
        t.add_column(h, justify="left" if i == 0 else "right")
    for r in rows:
        t.add_row(*r)
    Console(width=None if sys.stdout.isatty() else 160).print(t)


# ------------------------------------------------------------------ docs/accuracy.md


def _md_table(headers: list[str], rows: list[list[str]]) -> str:
    out = [
        "| " + " | ".join(headers) + " |",
        "|" + "|".join("---" if i == 0 else "---:" for i in range(len(headers))) + "|",
    ]
    out += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(out)


def _bold_ours(rows: list[list[str]]) -> list[list[str]]:
    return [[f"**{c}**" for c in r] if r[0] == "claimledger" else r for r in rows]

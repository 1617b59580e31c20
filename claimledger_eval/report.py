"""``make eval``: run every evaluation on ../shared/eval and rewrite docs/accuracy.md.

    python -m claimledger_eval.report [--shared DIR] [--out docs/accuracy.md] [--limit N] [--json-dir DIR]

The functions ``eval_geoparse`` / ``eval_attribution`` / ``eval_temporal`` are shared with the CLI
(``claimledger eval ...``); each returns a plain dict (also what ``--json`` writes).
"""

from __future__ import annotations

import datetime as _dt
import sys
import time
from pathlib import Path
from typing import Any

from claimledger.errors import ClaimledgerError, InputError
from claimledger_eval import attribution as attr_mod
from claimledger_eval import baselines
from claimledger_eval import geoparse as geo_mod
from claimledger_eval import temporal as temp_mod
from claimledger_eval.common import (
    git_commit,
    load_analyzer,
    num,
    pct,
    repo_root,
    shared_root,
)
from claimledger_eval.report_tables import (  # noqa: F401
    ATTR_HEADERS,
    _bold_ours,
    _md_table,
    attr_rows,
    geo_headers,
    geo_rows,
    print_table,
    temp_rows,
    write_json,
)

# ------------------------------------------------------------------ published numbers (baselines.yaml)

SRC_CAMCODER = baselines.cite("camcoder")
SRC_MORDECAI = baselines.cite("mordecai3")
SRC_EUPEG = baselines.cite("eupeg")
SRC_CITRON = baselines.cite("citron")
SRC_TE3 = baselines.cite("tempeval3")

# Oracle-mode published numbers: dataset -> list of (system, acc161 %, mean km, AUC, source)
PUBLISHED_ORACLE = {
    ds: baselines.published_oracle(ds)
    for ds in dict.fromkeys(e["dataset"] for e in baselines.entries("geoparse_oracle"))
}
PUBLISHED_ATTRIBUTION = baselines.published_attribution()  # (system, role, exact F1 %, overlap F1 %)
PUBLISHED_TEMPORAL = baselines.published_temporal()  # (system, relaxed F1, strict F1, value F1) in %
TARGETS = baselines.targets()  # (label, getter, target, published reference)

GEO_CORPORA = [  # (dataset, path under shared/eval)
    ("GeoWebNews", "geoparsing/gritta_corpora/GWN.xml"),
    ("LGL", "geoparsing/gritta_corpora/lgl.xml"),
    ("GeoVirus", "geoparsing/gritta_corpora/GeoVirus.xml"),
]
ATTR_CORPUS = "attribution_polnear/dev"
TEMP_CORPUS = "temporal_tempeval3/Evaluation/te3-platinum-normalized"


# ------------------------------------------------------------------ evaluation runners (shared with the CLI)


def _progress(label: str, total: int, quiet: bool):
    if quiet or not sys.stderr.isatty():
        start = time.time()

        def tick(k: int) -> None:
            if k == total or k % 50 == 0:
                print(f"  {label}: {k}/{total} docs ({time.time() - start:.0f}s)", file=sys.stderr, flush=True)

        return tick, None
    from rich.progress import Progress

    prog = Progress(transient=True)
    task = prog.add_task(label, total=total)
    prog.start()
    return (lambda k: prog.update(task, completed=k)), prog


def eval_geoparse(
    corpus_path: str | Path,
    mode: str = "end-to-end",
    limit: int | None = None,
    analyzer=None,
    peers: bool = True,
    quiet: bool = False,
) -> dict[str, Any]:
    corpus = geo_mod.read_corpus(corpus_path, limit=limit)
    if mode not in ("end-to-end", "oracle"):
        raise InputError(f"unknown geoparse mode {mode!r} (end-to-end or oracle)")
    out: dict[str, Any] = {
        "task": "geoparse",
        "dataset": corpus.name,
        "format": corpus.format,
        "corpus": str(corpus.path),
        "mode": mode,
        "docs": len(corpus.docs),
        "gold_toponyms": corpus.n_toponyms,
        "limit": limit,
    }
    analyzer = analyzer or load_analyzer()
    run = geo_mod.run_end_to_end if mode == "end-to-end" else geo_mod.run_oracle
    res, details, out["seconds"] = _run_with_progress(
        f"geoparse {corpus.name} {mode}", len(corpus.docs), quiet, lambda tick: run(analyzer, corpus, tick)
    )
    out["ours"] = res.as_dict()
    out["peers"] = []
    if mode == "end-to-end" and peers:
        out["peers"] = [r.as_dict() for r in geo_mod.score_peers(corpus, geo_mod.find_peer_dir(corpus.path))]
    if mode == "oracle":
        out["published"] = [
            dict(zip(("system", "acc161_pct", "mean_km", "AUC", "source"), row))
            for row in PUBLISHED_ORACLE.get(corpus.name, [])
        ]
    out["errors"] = details
    return out


def _run_with_progress(label: str, total: int, quiet: bool, run) -> tuple[Any, Any, float]:
    """Run ``run(tick)`` with a progress display; returns (result, details, seconds)."""
    tick, prog = _progress(label, total, quiet)
    t0 = time.time()
    try:
        res, details = run(tick)
    finally:
        if prog:
            prog.stop()
    return res, details, round(time.time() - t0, 1)


def _eval_documents(
    task: str, module, corpus_path: str | Path, limit: int | None, analyzer, quiet: bool
) -> dict[str, Any]:
    docs = module.read_corpus(corpus_path, limit=limit)
    analyzer = analyzer or load_analyzer()
    res, details, seconds = _run_with_progress(task, len(docs), quiet, lambda tick: module.run(analyzer, docs, tick))
    return {
        "task": task,
        "corpus": str(corpus_path),
        "limit": limit,
        "seconds": seconds,
        "ours": res.as_dict(),
        "errors": details,
    }


def eval_attribution(
    corpus_path: str | Path, limit: int | None = None, analyzer=None, quiet: bool = False
) -> dict[str, Any]:
    return _eval_documents("attribution", attr_mod, corpus_path, limit, analyzer, quiet)


def eval_temporal(
    corpus_path: str | Path, limit: int | None = None, analyzer=None, quiet: bool = False
) -> dict[str, Any]:
    return _eval_documents("temporal", temp_mod, corpus_path, limit, analyzer, quiet)


def render_markdown(results: dict[str, Any]) -> str:
    L: list[str] = []
    L.append("# Accuracy\n")
    L.append(
        f"Measured {results['date']} at commit `{results['commit']}` with `make eval` "
        f"(`python -m claimledger_eval.report`), on the public corpora in `../shared/eval/` "
        f"(never committed here). Total run time {results['seconds']:.0f} s."
        + (f" **Partial run: first {results['limit']} documents of each corpus.**" if results.get("limit") else "")
        + "\n"
    )
    L.append(
        "Every number in the *claimledger* rows is measured; peer rows are either rescored by the same code on "
        "the same documents (geoparsing, end-to-end) or quoted from their publications with the source given. "
        "Scorer definitions are in the docstrings of `claimledger_eval/*.py` (quoted numbers and their sources: "
        "`claimledger_eval/baselines.yaml`); the scorers have unit tests on "
        "hand-made documents (`tests/eval/`).\n"
    )

    L.append(_summary(results))

    # ---- geoparsing
    L.append("## Geoparsing\n")
    L.append(
        "**End-to-end** (recognition + resolution). Matching as in EUPEG (`Utils.calculateScores`): a predicted "
        "toponym is correct when its surface string equals the gold one (case-insensitive) and the span "
        "midpoints are at most 10 characters apart; predictions without coordinates are dropped. Acc@161, "
        "mean/median error and AUC (Gritta et al. 2018: area under the sorted log(1+error) curve, normalised "
        "by log 20,039 km; lower is better) are computed over the *matched* toponyms only, which favours "
        "low-recall systems — read them together with F1. Gold = toponyms with coordinates (and, for "
        "GeoWebNews, a GeoNames id: the 2,401 of EUPEG's gold). Peer rows: " + SRC_EUPEG + "; our rescoring "
        "reproduces `RECOMPUTED_eupeg_system_scores.json` to within ±0.001 F1.\n"
    )
    for ds, res in results.get("geoparse", {}).items():
        e2e = res.get("end-to-end")
        if e2e:
            if "error" in e2e:
                L.append(f"### {ds} — end-to-end\n\nNot run: {e2e['error']}\n")
            else:
                L.append(f"### {ds} — end-to-end ({e2e['docs']} documents, {e2e['gold_toponyms']} gold toponyms)\n")
                rows = _bold_ours(geo_rows(e2e))
                L.append(_md_table(geo_headers("end-to-end"), rows) + "\n")
                o = e2e["ours"]
                if o.get("n_unresolved"):
                    rec = o.get("recognition_incl_unresolved", {})
                    L.append(
                        f"claimledger also recognised {o['n_unresolved']} mentions it could not give coordinates "
                        f"(dropped, as EUPEG does); counting them, recognition alone would be P {rec.get('P', 0):.3f} "
                        f"R {rec.get('R', 0):.3f} F1 {rec.get('F1', 0):.3f}.\n"
                    )
    L.append(
        "**Oracle** (resolution only: the gold spans are given, as CamCoder and Mordecai 3 report). Metrics over "
        "all gold toponyms; an unresolved toponym counts as the maximum error (20,039 km). Published rows are "
        "quoted (CamCoder Table 1 gives mean error rounded up to units of 100 km); they were measured on "
        "their own test subsets, so compare with care.\n"
    )
    for ds, res in results.get("geoparse", {}).items():
        orc = res.get("oracle")
        if not orc:
            continue
        if "error" in orc:
            L.append(f"### {ds} — oracle\n\nNot run: {orc['error']}\n")
            continue
        L.append(f"### {ds} — oracle ({orc['gold_toponyms']} gold toponyms)\n")
        o = orc["ours"]
        rows = [
            [
                "**claimledger**",
                f"**{pct(o['acc161'])}**",
                f"**{num(o['mean_km'], 0)}**",
                f"**{num(o['median_km'], 0)}**",
                f"**{num(o['AUC'])}**",
                f"measured; {o['n_unresolved']} unresolved",
            ]
        ]
        for p in orc.get("published", []):
            rows.append(
                [
                    p["system"],
                    f"{p['acc161_pct']}",
                    f"{p['mean_km']}",
                    "—",
                    "—" if p["AUC"] is None else f"{p['AUC']:.2f}",
                    p["source"],
                ]
            )
        L.append(_md_table(["system", "Acc@161 %", "mean km", "median km", "AUC", "source"], rows) + "\n")

    # ---- attribution
    L.append("## Attribution (PolNeAR dev)\n")
    a = results.get("attribution")
    if a and "error" not in a:
        o = a["ours"]
        L.append(
            f"{o['docs']} articles, {o['annotation_files']} annotator files: the {o['multi_annotated_docs']} "
            "articles with several annotator files are scored against each file and the counts averaged (each "
            "file weighs 1/k). Exact: identical character spans (edge whitespace trimmed). Overlap: token "
            "overlap as in Citron's metrics (predicted tokens inside gold spans / predicted tokens; gold tokens "
            "inside predicted spans / gold tokens). Relation: cue, source and content all match (exact or "
            "overlapping; a missing source matches only a missing source).\n"
        )
        rows = [["**claimledger (PolNeAR dev)**"] + [f"**{c}**" for c in r] for r in attr_rows(a)]
        headers = ["system", "role"] + ATTR_HEADERS[1:]
        for sysname, role, ex, ov in PUBLISHED_ATTRIBUTION:
            rows.append([sysname, role, "—", "—", f"{ex / 100:.3f}", "—", "—", f"{ov / 100:.3f}"])
        L.append(_md_table(headers, rows) + "\n")
        alpha = baselines.value("attribution_agreement", "human annotators", "token_krippendorff_alpha")
        agree = baselines.value("attribution_agreement", "human annotators", "attribution_agreement_pct")
        L.append(
            f"Citron: {SRC_CITRON}. PolNeAR has no published system scores; its paper reports human agreement "
            f"(token Krippendorff α {alpha}, attribution agreement {agree}%).\n"
        )
    elif a:
        L.append(f"Not run: {a['error']}\n")

    # ---- temporal
    L.append("## Temporal expressions (TempEval-3 platinum, Task A)\n")
    t = results.get("temporal")
    if t and "error" not in t:
        o = t["ours"]
        L.append(
            f"{o['docs']} documents, {o['n_gold']} gold TIMEX3 (the document creation times are input, not "
            "gold). Official TempEval-3 definitions: strict = identical extent, relaxed = overlapping extent; "
            "value F1 = value accuracy over relaxed matches × relaxed F1. Our values are normalised against "
            "the document creation time given as `published`.\n"
        )
        rows = [
            [
                "**claimledger**",
                f"**{num(o['relaxed']['F1'] * 100, 2)}**",
                f"**{num(o['strict']['F1'] * 100, 2)}**",
                f"**{num(o['value_F1'] * 100, 2)}**",
                "measured",
            ]
        ]
        for sysname, rel, st, val in PUBLISHED_TEMPORAL:
            rows.append([sysname, f"{rel:.2f}", f"{st:.2f}", f"{val:.2f}", SRC_TE3])
        L.append(_md_table(["system", "relaxed F1", "strict F1", "value F1", "source"], rows) + "\n")
    elif t:
        L.append(f"Not run: {t['error']}\n")
    return "\n".join(L)


def _get(results: dict, key: tuple) -> float | None:
    try:
        if key[0] == "geo":
            r = results["geoparse"][key[1]][key[2]]
            return None if "error" in r else r["ours"][key[3]]
        if key[0] == "attr":
            r = results["attribution"]
            return None if "error" in r else r["ours"][key[1]]["F1"]
        r = results["temporal"]
        return None if "error" in r else r["ours"]["value_F1"]
    except (KeyError, TypeError):
        return None


def _summary(results: dict) -> str:
    rows = []
    for label, key, target, ref in TARGETS:
        v = _get(results, key)
        met = "—" if v is None else ("yes" if v >= target else "no")
        rows.append([label, "not run" if v is None else f"{v:.3f}", f"{target:.3f}", met, ref])
    return (
        "## Summary against the targets of issue 3\n\n"
        + _md_table(["measure", "claimledger", "target", "met", "best published / peer"], rows)
        + "\n"
    )


# ------------------------------------------------------------------ driver


def run_all(shared: Path, limit: int | None = None, json_dir: Path | None = None, quiet: bool = True) -> dict[str, Any]:
    ev = shared / "eval"
    t0 = time.time()
    analyzer = load_analyzer()
    results: dict[str, Any] = {
        "date": _dt.date.today().isoformat(),
        "commit": git_commit(),
        "limit": limit,
        "geoparse": {},
    }

    def guarded(fn, *args, **kw):
        try:
            return fn(*args, **kw)
        except ClaimledgerError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return {"error": str(exc)}

    for ds, rel in GEO_CORPORA:
        path = ev / rel
        results["geoparse"][ds] = {}
        for mode in ("end-to-end", "oracle"):
            print(f"geoparse {ds} {mode} ...", file=sys.stderr, flush=True)
            r = guarded(eval_geoparse, path, mode, limit, analyzer, True, quiet)
            results["geoparse"][ds][mode] = r
            if json_dir and "error" not in r:
                write_json(r, json_dir / f"geoparse_{ds}_{mode}.json")
    print("attribution ...", file=sys.stderr, flush=True)
    results["attribution"] = guarded(eval_attribution, ev / ATTR_CORPUS, limit, analyzer, quiet)
    print("temporal ...", file=sys.stderr, flush=True)
    results["temporal"] = guarded(eval_temporal, ev / TEMP_CORPUS, limit, analyzer, quiet)
    if json_dir:
        for k in ("attribution", "temporal"):
            if "error" not in results[k]:
                write_json(results[k], json_dir / f"{k}.json")
    from claimledger_eval import report_ruuk

    results["ruuk"] = report_ruuk.run(shared, limit, analyzer)
    print("framing (own gold set) ...", file=sys.stderr, flush=True)
    from claimledger.framing import FramingDetector
    from claimledger_eval import framing_gold

    gold = framing_gold.load_gold()
    results["framing"] = [framing_gold.evaluate(FramingDetector.load(use_encoder=enc), gold) for enc in (False, True)]
    results["seconds"] = time.time() - t0
    return results


KEPT_SECTIONS = ("## Statements",)  # measured by their own tests on our own data, not by this harness: kept as written


def kept_sections(path: Path) -> str:
    """The sections of the existing page that ``make eval`` does not produce (from the first such heading on)."""
    if not path.exists():
        return ""
    old = path.read_text(encoding="utf-8")
    starts = [old.find("\n" + h) for h in KEPT_SECTIONS if old.find("\n" + h) >= 0]
    return "\n" + old[min(starts) :].strip() + "\n" if starts else ""


def main(argv: list[str] | None = None) -> int:
    import argparse

    ap = argparse.ArgumentParser(prog="python -m claimledger_eval.report", description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=None, help="the shared/ folder (default: <repo>/../shared)")
    ap.add_argument("--out", type=Path, default=repo_root() / "docs" / "accuracy.md")
    ap.add_argument("--limit", type=int, default=None, help="only the first N documents of each corpus")
    ap.add_argument("--json-dir", type=Path, default=None, help="also write each result (with error lists) as JSON")
    args = ap.parse_args(argv)
    shared = args.shared or shared_root()
    if shared is None or not (shared / "eval").is_dir():
        where = args.shared or (repo_root().parent / "shared")
        print(f"eval: the evaluation corpora are not present ({where}/eval not found); nothing to do.", file=sys.stderr)
        return 2
    try:
        results = run_all(shared, args.limit, args.json_dir)
    except ClaimledgerError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    page = render_markdown(results)
    if results.get("framing"):
        from claimledger_eval.framing_gold import markdown as framing_markdown

        for result in results["framing"]:  # patterns only (the default), then with the encoder (--similarity)
            page = page.rstrip() + "\n\n" + framing_markdown(result)
    if results.get("ruuk"):
        from claimledger_eval import report_ruuk

        page = page.rstrip() + "\n\n" + report_ruuk.markdown(results["ruuk"])
    page = page.rstrip() + "\n" + kept_sections(args.out)
    args.out.write_text(page, encoding="utf-8")
    print(f"wrote {args.out} ({results['seconds']:.0f} s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

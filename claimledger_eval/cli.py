"""Bodies of the ``claimledger eval ...`` subcommands (the click options live in ``claimledger.cli.eval_cmd``,
which imports this module lazily).  Each prints a table and, with ``json_out``, writes the full result
(including the error lists used for error analysis).  :class:`ClaimledgerError` propagates; the CLI
turns it into a one-line message.
"""

from __future__ import annotations

from pathlib import Path

import click

from claimledger_eval import report


def _write_json(res: dict, json_out: str | None) -> None:
    if json_out:
        report.write_json(res, json_out)
        click.echo(f"wrote {json_out}")


def geoparse(corpus: str, mode: str, json_out: str | None, limit: int | None, no_peers: bool) -> None:
    res = report.eval_geoparse(corpus, mode, limit, peers=not no_peers)
    cap = "peers: EUPEG outputs rescored by the same code on the same documents" if res.get("peers") else ""
    report.print_table(
        f"{res['dataset']} — {mode} ({res['docs']} docs, {res['gold_toponyms']} gold toponyms)",
        report.geo_headers(mode),
        report.geo_rows(res),
        cap,
    )
    if mode == "oracle" and res.get("published"):
        report.print_table(
            "published (oracle toponyms; quoted)",
            ["system", "Acc@161 %", "mean km", "AUC", "source"],
            [
                [
                    p["system"],
                    str(p["acc161_pct"]),
                    str(p["mean_km"]),
                    "—" if p["AUC"] is None else str(p["AUC"]),
                    p["source"],
                ]
                for p in res["published"]
            ],
        )
    _write_json(res, json_out)


def attribution(corpus: str, json_out: str | None, limit: int | None) -> None:
    res = report.eval_attribution(corpus, limit)
    o = res["ours"]
    report.print_table(
        f"PolNeAR — {o['docs']} articles, {o['annotation_files']} annotator files",
        report.ATTR_HEADERS,
        report.attr_rows(res),
        f"{o['multi_annotated_docs']} articles have several annotator files: scored against each, "
        "counts averaged (1/k per file)",
    )
    _write_json(res, json_out)


def temporal(corpus: str, json_out: str | None, limit: int | None) -> None:
    res = report.eval_temporal(corpus, limit)
    o = res["ours"]
    report.print_table(
        f"TempEval-3 — {o['docs']} docs, {o['n_gold']} gold TIMEX3",
        report.TEMP_HEADERS,
        report.temp_rows(res),
        f"value accuracy over relaxed matches {o['value_accuracy']:.3f}",
    )
    _write_json(res, json_out)


def techniques(corpus: Path, json_out: Path | None) -> None:
    from claimledger_eval.techniques import techniques_command

    techniques_command.callback(corpus=corpus, json_out=json_out)


def framing(gold_path: Path | None, no_encoder: bool, json_out: Path | None) -> None:
    from claimledger_eval.framing_gold import framing_command

    framing_command.callback(gold_path=gold_path, no_encoder=no_encoder, json_out=json_out)


def attribution_ru(corpus: str, json_out: str | None, limit: int | None) -> None:
    from claimledger_eval import opinionne

    res = opinionne.evaluate(corpus, limit)
    w, u = res["weighted"], res["unweighted"]
    report.print_table(
        f"RuOpinionNE-2024 — {res['sentences']} sentences, {res['gold_sources']} explicit sources",
        ["source", "P", "R", "F1"],
        [["weighted (task scorer)", f"{w['P']:.3f}", f"{w['R']:.3f}", f"{w['F1']:.3f}"]]
        + [["unweighted", f"{u['P']:.3f}", f"{u['R']:.3f}", f"{u['F1']:.3f}"]],
        "published: best full-tuple F1 ≈ 0.41 (a different, harder measure)",
    )
    _write_json(res, json_out)


def narratives(corpus: str, json_out: str | None, limit: int | None, encoder: bool) -> None:
    from claimledger_eval import narratives_semeval, report_ruuk

    res = narratives_semeval.evaluate(corpus, limit, encoder)
    rows = [["claimledger", f"{res['F1_coarse']:.3f}", f"{res['F1_fine']:.3f}"]]
    for p in report_ruuk.published("narratives_semeval2025"):
        rows.append([f"{p['system']} ({p['metric']})", "", f"{p['value']:.2f}"])
    report.print_table(
        f"{res['dataset']} — {res['docs']} articles ({res['language']})", ["system", "F1 coarse", "F1 fine"], rows
    )
    _write_json(res, json_out)


def techniques_unlp(corpus: str, json_out: str | None, limit: int | None) -> None:
    from claimledger_eval import report_ruuk, techniques_unlp

    res = techniques_unlp.evaluate(corpus, limit)
    rows = [["claimledger (all)", f"{res['technique_macro_F1']:.3f}", f"{res['span']['F1']:.3f}"]]
    rows += [
        [f"claimledger ({k})", f"{r['technique_macro_F1']:.3f}", f"{r['span']['F1']:.3f}"]
        for k, r in res["by_language"].items()
    ]
    pub = {p["metric"]: p["value"] for p in report_ruuk.published("techniques_unlp2025")}
    rows.append(["published (XLM-R-large)", f"{pub.get('technique_macro_F1', 0):.3f}", f"{pub.get('span_F1', 0):.3f}"])
    report.print_table(f"UNLP 2025 — {res['posts']} posts", ["system", "technique macro-F1", "span F1"], rows)
    _write_json(res, json_out)

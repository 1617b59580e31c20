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

"""``claimledger eval ...``: accuracy on annotated corpora (geoparse, attribution, temporal).

Each subcommand prints a table and, with ``--json OUT``, writes the full result (including the error
lists used for error analysis).  Errors the user can act on (missing corpus, unknown format) are one line.
"""
from __future__ import annotations

import functools
from typing import Optional

import click

from claimledger.errors import ClaimledgerError
from claimledger.eval.framing_gold import framing_command
from claimledger.eval.techniques import techniques_command


def _one_line_errors(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except ClaimledgerError as exc:
            raise click.ClickException(str(exc)) from None
    return wrapper


eval_group = click.Group("eval", help="Measure extraction accuracy on public annotated corpora.")


def _write_json(res: dict, json_out: Optional[str]) -> None:
    if json_out:
        from claimledger.eval import report

        report.write_json(res, json_out)
        click.echo(f"wrote {json_out}")


@eval_group.command("geoparse")
@click.option("--corpus", "corpus", required=True, type=click.Path(),
              help="GWN.xml, lgl.xml / TR-News.xml, GeoVirus.xml or an EUPEG <DS>_gold.txt (auto-detected).")
@click.option("--mode", type=click.Choice(["end-to-end", "oracle"]), default="end-to-end", show_default=True,
              help="end-to-end: recognition + resolution; oracle: resolve the gold spans only.")
@click.option("--json", "json_out", type=click.Path(), default=None, help="Write the result as JSON.")
@click.option("--limit", type=int, default=None, help="Only the first N documents.")
@click.option("--no-peers", is_flag=True, help="Do not rescore the published systems' EUPEG outputs.")
@_one_line_errors
def geoparse_cmd(corpus: str, mode: str, json_out: Optional[str], limit: Optional[int], no_peers: bool) -> None:
    """Geoparsing: toponym recognition P/R/F1 (EUPEG matching) and resolution error."""
    from claimledger.eval import report

    res = report.eval_geoparse(corpus, mode, limit, peers=not no_peers)
    cap = ("peers: EUPEG outputs rescored by the same code on the same documents"
           if res.get("peers") else "")
    report.print_table(f"{res['dataset']} — {mode} ({res['docs']} docs, {res['gold_toponyms']} gold toponyms)",
                       report.geo_headers(mode), report.geo_rows(res), cap)
    if mode == "oracle" and res.get("published"):
        report.print_table("published (oracle toponyms; quoted)", ["system", "Acc@161 %", "mean km", "AUC", "source"],
                           [[p["system"], str(p["acc161_pct"]), str(p["mean_km"]),
                             "—" if p["AUC"] is None else str(p["AUC"]), p["source"]] for p in res["published"]])
    _write_json(res, json_out)


@eval_group.command("attribution")
@click.option("--corpus", "corpus", required=True, type=click.Path(),
              help="A PolNeAR split folder with text/ and attributions/.")
@click.option("--json", "json_out", type=click.Path(), default=None, help="Write the result as JSON.")
@click.option("--limit", type=int, default=None, help="Only the first N articles.")
@_one_line_errors
def attribution_cmd(corpus: str, json_out: Optional[str], limit: Optional[int]) -> None:
    """Attribution: source / cue / content and whole-relation P/R/F1 (exact and token overlap)."""
    from claimledger.eval import report

    res = report.eval_attribution(corpus, limit)
    o = res["ours"]
    report.print_table(f"PolNeAR — {o['docs']} articles, {o['annotation_files']} annotator files",
                       report.ATTR_HEADERS, report.attr_rows(res),
                       f"{o['multi_annotated_docs']} articles have several annotator files: scored against each, "
                       "counts averaged (1/k per file)")
    _write_json(res, json_out)


@eval_group.command("temporal")
@click.option("--corpus", "corpus", required=True, type=click.Path(),
              help="A folder of TimeML .tml files (TempEval-3) or one .tml file.")
@click.option("--json", "json_out", type=click.Path(), default=None, help="Write the result as JSON.")
@click.option("--limit", type=int, default=None, help="Only the first N documents.")
@_one_line_errors
def temporal_cmd(corpus: str, json_out: Optional[str], limit: Optional[int]) -> None:
    """Temporal expressions: TempEval-3 Task A extent (strict, relaxed) and value F1."""
    from claimledger.eval import report

    res = report.eval_temporal(corpus, limit)
    o = res["ours"]
    report.print_table(f"TempEval-3 — {o['docs']} docs, {o['n_gold']} gold TIMEX3", report.TEMP_HEADERS,
                       report.temp_rows(res), f"value accuracy over relaxed matches {o['value_accuracy']:.3f}")
    _write_json(res, json_out)


eval_group.add_command(techniques_command)
eval_group.add_command(framing_command)


if __name__ == "__main__":
    eval_group()

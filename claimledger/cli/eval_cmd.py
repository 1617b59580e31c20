"""``claimledger eval ...``: accuracy on annotated corpora (geoparse, attribution, attribution-ru, temporal,
techniques, techniques-unlp, narratives, framing).

A thin front end: the harness is the separate top-level package ``claimledger_eval`` (installed from a
source checkout, not needed at runtime), imported only when a subcommand runs.  Without it each
subcommand prints one line and exits with status 2.  Errors the user can act on (missing corpus,
unknown format) are one line too.
"""

from __future__ import annotations

import functools
import importlib
from pathlib import Path

import click

from claimledger.errors import ClaimledgerError

HARNESS = "claimledger_eval"


def _harness():
    """``claimledger_eval.cli``, or exit 2 with one line when the harness is not installed."""
    try:
        return importlib.import_module(f"{HARNESS}.cli")
    except ModuleNotFoundError as exc:
        if exc.name not in (HARNESS, f"{HARNESS}.cli"):
            raise
        click.echo(
            f"Error: the evaluation harness ({HARNESS}) is not installed; "
            "install claimledger from a source checkout (pip install -e .) to use `claimledger eval`.",
            err=True,
        )
        raise click.exceptions.Exit(2) from None


def _one_line_errors(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except ClaimledgerError as exc:
            raise click.ClickException(str(exc)) from None

    return wrapper


eval_group = click.Group("eval", help="Measure extraction accuracy on public annotated corpora.")


@eval_group.command("geoparse")
@click.option(
    "--corpus",
    "corpus",
    required=True,
    type=click.Path(),
    help="GWN.xml, lgl.xml / TR-News.xml, GeoVirus.xml or an EUPEG <DS>_gold.txt (auto-detected).",
)
@click.option(
    "--mode",
    type=click.Choice(["end-to-end", "oracle"]),
    default="end-to-end",
    show_default=True,
    help="end-to-end: recognition + resolution; oracle: resolve the gold spans only.",
)
@click.option("--json", "json_out", type=click.Path(), default=None, help="Write the result as JSON.")
@click.option("--limit", type=int, default=None, help="Only the first N documents.")
@click.option("--no-peers", is_flag=True, help="Do not rescore the published systems' EUPEG outputs.")
@_one_line_errors
def geoparse_cmd(corpus: str, mode: str, json_out: str | None, limit: int | None, no_peers: bool) -> None:
    """Geoparsing: toponym recognition P/R/F1 (EUPEG matching) and resolution error."""
    _harness().geoparse(corpus, mode, json_out, limit, no_peers)


@eval_group.command("attribution")
@click.option(
    "--corpus", "corpus", required=True, type=click.Path(), help="A PolNeAR split folder with text/ and attributions/."
)
@click.option("--json", "json_out", type=click.Path(), default=None, help="Write the result as JSON.")
@click.option("--limit", type=int, default=None, help="Only the first N articles.")
@_one_line_errors
def attribution_cmd(corpus: str, json_out: str | None, limit: int | None) -> None:
    """Attribution: source / cue / content and whole-relation P/R/F1 (exact and token overlap)."""
    _harness().attribution(corpus, json_out, limit)


@eval_group.command("temporal")
@click.option(
    "--corpus",
    "corpus",
    required=True,
    type=click.Path(),
    help="A folder of TimeML .tml files (TempEval-3) or one .tml file.",
)
@click.option("--json", "json_out", type=click.Path(), default=None, help="Write the result as JSON.")
@click.option("--limit", type=int, default=None, help="Only the first N documents.")
@_one_line_errors
def temporal_cmd(corpus: str, json_out: str | None, limit: int | None) -> None:
    """Temporal expressions: TempEval-3 Task A extent (strict, relaxed) and value F1."""
    _harness().temporal(corpus, json_out, limit)


@eval_group.command("techniques")
@click.option(
    "--corpus",
    "corpus",
    required=True,
    type=click.Path(path_type=Path),
    help="Folder with article<ID>.txt and article<ID>.task2-TC.labels (SemEval-2020 Task 11).",
)
@click.option("--json", "json_out", type=click.Path(path_type=Path), default=None, help="Write the scores as JSON.")
def techniques_cmd(corpus: Path, json_out: Path | None) -> None:
    """Span identification and technique classification scores on a SemEval-2020 Task 11 corpus."""
    _harness().techniques(corpus, json_out)


@eval_group.command("framing")
@click.option(
    "--gold",
    "gold_path",
    type=click.Path(exists=True, path_type=Path),
    default=None,
    help="Gold YAML file or folder (default: tests/framing/gold).",
)
@click.option("--no-encoder", is_flag=True, help="Patterns only.")
@click.option("--json", "json_out", type=click.Path(path_type=Path), default=None, help="Write the scores as JSON.")
def framing_cmd(gold_path: Path | None, no_encoder: bool, json_out: Path | None) -> None:
    """Per-narrative precision/recall of the framing stage on the own gold set."""
    _harness().framing(gold_path, no_encoder, json_out)


@eval_group.command("attribution-ru")
@click.option(
    "--corpus", "corpus", required=True, type=click.Path(), help="RuOpinionNE-2024 train.jsonl (or its folder)."
)
@click.option("--json", "json_out", type=click.Path(), default=None, help="Write the result as JSON.")
@click.option("--limit", type=int, default=None, help="Only the first N sentences.")
@_one_line_errors
def attribution_ru_cmd(corpus: str, json_out: str | None, limit: int | None) -> None:
    """Russian speaker attribution: opinion-source P/R/F1 with the RuOpinionNE-2024 scorer's matching."""
    _harness().attribution_ru(corpus, json_out, limit)


@eval_group.command("narratives")
@click.option(
    "--corpus",
    "corpus",
    required=True,
    type=click.Path(),
    help="One language folder of SemEval-2025 Task 10 (a *-documents/ folder and subtask-2-annotations.txt).",
)
@click.option("--json", "json_out", type=click.Path(), default=None, help="Write the result as JSON.")
@click.option("--limit", type=int, default=None, help="Only the first N articles.")
@click.option("--similarity", is_flag=True, help="Also use the sentence encoder (slower).")
@_one_line_errors
def narratives_cmd(corpus: str, json_out: str | None, limit: int | None, similarity: bool) -> None:
    """Narratives: samples-F1 on narratives (coarse) and sub-narratives (fine), official scorer."""
    _harness().narratives(corpus, json_out, limit, similarity)


@eval_group.command("techniques-unlp")
@click.option("--corpus", "corpus", required=True, type=click.Path(), help="UNLP 2025 JSON Lines file (dev.jsonl).")
@click.option("--json", "json_out", type=click.Path(), default=None, help="Write the result as JSON.")
@click.option("--limit", type=int, default=None, help="Only the first N posts.")
@_one_line_errors
def techniques_unlp_cmd(corpus: str, json_out: str | None, limit: int | None) -> None:
    """Techniques in Ukrainian/Russian posts: post-level technique macro-F1 and span F1 (UNLP 2025)."""
    _harness().techniques_unlp(corpus, json_out, limit)


if __name__ == "__main__":
    eval_group()

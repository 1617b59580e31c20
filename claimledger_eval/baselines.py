"""Published numbers (peer systems' scores, targets) from ``baselines.yaml``, with their sources.

The YAML holds one entry per number (task, dataset, system, metric, value, source key); this module
checks the format once and regroups the entries into the tables the report and the CLI print.
Order within a task is the order of the file.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import yaml

from claimledger.errors import InputError

PATH = Path(__file__).with_name("baselines.yaml")
ENTRY_KEYS = {"task", "dataset", "system", "metric", "value", "source"}
TARGET_KEYS = {"label", "measure", "target", "reference", "source"}
ATTR_ROLES = ("cue", "source", "content", "relation")
TEMP_METRICS = ("relaxed_F1_pct", "strict_F1_pct", "value_F1_pct")


@functools.cache
def load(path: Path | None = None) -> dict[str, Any]:
    """The parsed file, validated: every entry has the required keys, a number and a known source."""
    p = Path(path) if path else PATH
    data = yaml.safe_load(p.read_text(encoding="utf-8"))
    sources = data.get("sources") or {}
    for kind, keys in (("baselines", ENTRY_KEYS), ("targets", TARGET_KEYS)):
        for i, e in enumerate(data.get(kind) or []):
            missing = keys - set(e)
            if missing:
                raise InputError(f"{p}: {kind}[{i}] lacks {', '.join(sorted(missing))}")
            if e["source"] not in sources:
                raise InputError(f"{p}: {kind}[{i}] cites unknown source {e['source']!r}")
            num = e["value"] if kind == "baselines" else e["target"]
            if isinstance(num, bool) or not isinstance(num, (int, float)):
                raise InputError(f"{p}: {kind}[{i}] value is not a number: {num!r}")
    return data


def cite(key: str) -> str:
    return load()["sources"][key]["cite"]


def entries(task: str, dataset: str | None = None) -> list[dict]:
    return [e for e in load()["baselines"] if e["task"] == task and (dataset is None or e["dataset"] == dataset)]


def _by_system(rows: list[dict]) -> dict[str, dict[str, Any]]:
    """system -> {metric: value, "source": key}, systems in file order."""
    out: dict[str, dict[str, Any]] = {}
    for e in rows:
        d = out.setdefault(e["system"], {"source": e["source"]})
        d[e["metric"]] = e["value"]
    return out


def value(task: str, system: str, metric: str) -> Any:
    for e in entries(task):
        if e["system"] == system and e["metric"] == metric:
            return e["value"]
    raise KeyError((task, system, metric))


def published_oracle(dataset: str) -> list[tuple[str, Any, Any, float | None, str]]:
    """(system, Acc@161 %, mean km, AUC or None, source text) for oracle geoparsing on ``dataset``."""
    return [
        (s, d["acc161_pct"], d["mean_km"], d.get("AUC"), cite(d["source"]))
        for s, d in _by_system(entries("geoparse_oracle", dataset)).items()
    ]


def published_attribution() -> list[tuple[str, str, float, float]]:
    """(system, role, exact F1 %, overlap F1 %)."""
    return [
        (s, role, d[f"{role}_exact_F1_pct"], d[f"{role}_overlap_F1_pct"])
        for s, d in _by_system(entries("attribution")).items()
        for role in ATTR_ROLES
        if f"{role}_exact_F1_pct" in d
    ]


def published_temporal() -> list[tuple[str, float, float, float]]:
    """(system, relaxed F1 %, strict F1 %, value F1 %), TempEval-3 Task A."""
    return [(s, *(d[m] for m in TEMP_METRICS)) for s, d in _by_system(entries("temporal")).items()]


def published_techniques() -> dict[str, float]:
    """metric -> best published value (SI_F1, TC_micro_F1)."""
    return {e["metric"]: e["value"] for e in entries("techniques")}


def targets() -> list[tuple[str, tuple, float, str]]:
    """(label, measure key, target, reference text) in file order."""
    return [(t["label"], tuple(t["measure"]), t["target"], t["reference"]) for t in load()["targets"]]

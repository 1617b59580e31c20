"""Shared helpers for the scorers: counts -> P/R/F1, spans, tokens, distances, locating ../shared."""

from __future__ import annotations

import json
import math
import re
import subprocess
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from claimledger.errors import InputError

EARTH_RADIUS_KM = 6371.0088
MAX_ERROR_KM = 20039.0  # half the Earth's circumference: the largest possible great-circle error


@dataclass
class PRF:
    """Micro-averaged counts.  Counts are floats so that per-annotator averages stay exact."""

    tp_pred: float = 0.0  # predictions that are correct (numerator of precision)
    n_pred: float = 0.0
    tp_gold: float = 0.0  # gold items that were found (numerator of recall)
    n_gold: float = 0.0

    def add(self, other: PRF, weight: float = 1.0) -> None:
        self.tp_pred += other.tp_pred * weight
        self.n_pred += other.n_pred * weight
        self.tp_gold += other.tp_gold * weight
        self.n_gold += other.n_gold * weight

    @property
    def precision(self) -> float:
        return self.tp_pred / self.n_pred if self.n_pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp_gold / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        return f1(self.precision, self.recall)

    def as_dict(self) -> dict:
        return {
            "P": round(self.precision, 4),
            "R": round(self.recall, 4),
            "F1": round(self.f1, 4),
            "tp_pred": round(self.tp_pred, 3),
            "n_pred": round(self.n_pred, 3),
            "tp_gold": round(self.tp_gold, 3),
            "n_gold": round(self.n_gold, 3),
        }


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if (p + r) > 0 else 0.0


def prf_from_counts(tp: float, fp: float, fn: float) -> PRF:
    return PRF(tp_pred=tp, n_pred=tp + fp, tp_gold=tp, n_gold=tp + fn)


# ---------------------------------------------------------------- spans and tokens

_TOKEN = re.compile(r"\w+|[^\w\s]", re.UNICODE)


def tokenize_offsets(text: str) -> list[tuple[int, int]]:
    """Character spans of word and punctuation tokens (whitespace is never a token)."""
    return [m.span() for m in _TOKEN.finditer(text)]


class TokenIndex:
    """Maps character spans of one text to the set of token indices they touch."""

    def __init__(self, text: str):
        self.tokens = tokenize_offsets(text)
        self._starts = [s for s, _ in self.tokens]

    def token_set(self, spans: Iterable[tuple[int, int]]) -> set[int]:
        import bisect

        out: set[int] = set()
        for s, e in spans:
            if e <= s:
                continue
            i = max(0, bisect.bisect_right(self._starts, s) - 1)
            while i < len(self.tokens) and self.tokens[i][0] < e:
                ts, te = self.tokens[i]
                if te > s and ts < e:
                    out.add(i)
                i += 1
        return out


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def midpoint(span: tuple[int, int]) -> float:
    return (span[0] + span[1]) / 2.0


# ---------------------------------------------------------------- geography


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp = p2 - p1
    dl = math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def error_auc(errors_km: Sequence[float]) -> float:
    """Gritta et al. (2018) AUC of the error curve: the area under the sorted, log-scaled errors
    normalised to [0, 1] (0 = every toponym exact, 1 = every toponym at the antipode).  Lower is better.

    As in CamCoder's ``geoparse.py`` and EUPEG: ``trapz(log(1+sorted(err))) / (log(20039) * (n-1))``
    (the log of the maximum possible error, not of 1+max, matching the published implementations).
    """
    n = len(errors_km)
    if n == 0:
        return 0.0
    vals = sorted(math.log(1.0 + min(e, MAX_ERROR_KM)) for e in errors_km)
    if n == 1:
        return vals[0] / math.log(MAX_ERROR_KM)
    area = sum((vals[i] + vals[i + 1]) / 2.0 for i in range(n - 1))  # trapezoid rule, unit spacing
    return area / (math.log(MAX_ERROR_KM) * (n - 1))


def median(values: Sequence[float]) -> float:
    v = sorted(values)
    n = len(v)
    if n == 0:
        return 0.0
    return v[n // 2] if n % 2 else (v[n // 2 - 1] + v[n // 2]) / 2.0


# ---------------------------------------------------------------- paths and provenance


def repo_root() -> Path:
    """The source checkout: this package sits beside ``claimledger/`` at its top level."""
    return Path(__file__).resolve().parents[1]


def shared_root() -> Path | None:
    p = repo_root().parent / "shared"
    return p if p.is_dir() else None


def require_path(path: str | Path, what: str) -> Path:
    p = Path(path)
    if not p.exists():
        raise InputError(f"{what} not found: {p}")
    return p


def git_commit(root: Path | None = None) -> str:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=root or repo_root(), capture_output=True, text=True, timeout=10
        )
        if out.returncode == 0 and out.stdout.strip():
            dirty = subprocess.run(
                ["git", "status", "--porcelain", "--untracked-files=no"],
                cwd=root or repo_root(),
                capture_output=True,
                text=True,
                timeout=10,
            )
            return out.stdout.strip() + ("+dirty" if dirty.stdout.strip() else "")
    except (OSError, subprocess.SubprocessError):
        pass
    return "uncommitted"


def load_analyzer():
    """The pipeline is imported lazily so readers and scorers work without spaCy."""
    try:
        from claimledger.pipeline import Analyzer  # type: ignore
    except ImportError as exc:  # pragma: no cover - depends on the lead's module
        raise InputError(f"the extraction pipeline is not available (claimledger.pipeline: {exc})") from exc
    return Analyzer.load()


def pct(x: float | None, digits: int = 1) -> str:
    return "—" if x is None else f"{100 * x:.{digits}f}"


def num(x: float | None, digits: int = 3) -> str:
    return "—" if x is None else f"{x:.{digits}f}"


def read_jsonl_corpus(
    path: str | Path, default_file: str, what: str, convert: Callable[[dict], object], limit: int | None = None
) -> list:
    """A JSON Lines corpus (``path`` or ``path/default_file``) as ``convert(record)`` per non-blank line, at most
    ``limit``; a missing file, a broken line or an empty corpus is an ``InputError`` naming ``what``."""
    p = Path(path)
    if p.is_dir():
        p = p / default_file
    if not p.is_file():
        raise InputError(f"{what} file not found: {p}")
    out = []
    with p.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                out.append(convert(json.loads(line)))
            except (ValueError, KeyError, TypeError) as exc:
                raise InputError(f"{p}:{n}: not a {what} line ({exc})") from None
            if limit and len(out) >= limit:
                break
    if not out:
        raise InputError(f"no records in {p}")
    return out

"""Geoparsing evaluation: readers for GeoWebNews / LGL / TR-News / GeoVirus / EUPEG and the EUPEG scorer.

End-to-end mode (recognition + resolution), EUPEG's definition (``Utils.calculateScores`` in geoai-lab/EUPEG):
  * predictions without coordinates are dropped (EUPEG does the same; we report how many as ``n_unresolved``);
  * a predicted toponym matches a gold toponym when the surface strings are equal (case-insensitive) and the
    span midpoints are at most 10 characters apart (one-to-one; each gold matches at most one prediction);
  * P = matched / predicted, R = matched / gold, F1;
  * over the matched toponyms: accuracy@161 km, mean and median error (km) and the Gritta et al. AUC.
Oracle mode: the gold spans are given to the resolver; the same distance metrics over all gold toponyms
(an unresolved toponym counts as the maximum error, 20,039 km).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from claimledger.errors import InputError
from claimledger_eval.common import (
    MAX_ERROR_KM,
    PRF,
    error_auc,
    haversine_km,
    median,
    midpoint,
)

# the readers used to live here: re-exported for callers
from claimledger_eval.geo_corpora import (  # noqa: F401
    _XML_NAMES,
    GeoCorpus,
    GeoDoc,
    Toponym,
    detect_format,
    parse_eupeg_line,
    read_corpus,
    read_eupeg_gold,
    read_eupeg_lines,
    read_geovirus_xml,
    read_gwn_xml,
    read_lgl_xml,
)

MIDPOINT_TOLERANCE = 10  # characters, EUPEG
ACC_KM = 161.0  # 100 miles

PEER_SYSTEMS = (
    "CamCoder",
    "CLAVIN",
    "Edinburgh",
    "GeoTxt",
    "TopoCluster",
    "StanfordNER",
    "SpaCyNER",
    "DBpedia",
    "Yahoo",
)


# ------------------------------------------------------------------ scoring


@dataclass
class GeoResult:
    system: str
    dataset: str
    mode: str
    counts: PRF
    errors_km: list[float]
    n_unresolved: int = 0
    docs: int = 0
    recognition: PRF | None = None

    def as_dict(self) -> dict:
        e = self.errors_km
        d = {
            "system": self.system,
            "dataset": self.dataset,
            "mode": self.mode,
            "docs": self.docs,
            "n_gold": int(self.counts.n_gold),
            "n_pred": int(self.counts.n_pred),
            "tp": int(self.counts.tp_gold),
            "P": round(self.counts.precision, 4),
            "R": round(self.counts.recall, 4),
            "F1": round(self.counts.f1, 4),
            "n_scored": len(e),
            "n_unresolved": self.n_unresolved,
            "acc161": round(sum(1 for x in e if x < ACC_KM) / len(e), 4) if e else None,
            "mean_km": round(sum(e) / len(e), 1) if e else None,
            "median_km": round(median(e), 1) if e else None,
            "AUC": round(error_auc(e), 4) if e else None,
        }
        if self.recognition is not None:
            d["recognition_incl_unresolved"] = {k: self.recognition.as_dict()[k] for k in ("P", "R", "F1")}
        if self.mode == "oracle":
            for k in ("P", "R", "F1", "n_pred", "tp"):
                d.pop(k)
        return d


def _norm_surface(s: str) -> str:
    return " ".join(s.split()).casefold()


def match_toponyms(
    gold: Sequence[Toponym], pred: Sequence[Toponym], tolerance: int = MIDPOINT_TOLERANCE
) -> list[tuple[int, int]]:
    """One-to-one EUPEG matching: same surface string (case-insensitive, whitespace-normalised, as in EUPEG's
    ``toLowerCase().equals``), midpoints at most ``tolerance`` characters apart.
    Greedy by midpoint distance (closest pairs first).  Returns (gold index, pred index) pairs."""
    cands = []
    by_surface: dict[str, list[int]] = {}
    for j, p in enumerate(pred):
        by_surface.setdefault(_norm_surface(p.surface), []).append(j)
    for i, g in enumerate(gold):
        for j in by_surface.get(_norm_surface(g.surface), ()):
            d = abs(midpoint(g.span) - midpoint(pred[j].span))
            if d <= tolerance:
                cands.append((d, i, j))
    cands.sort()
    used_g, used_p, pairs = set(), set(), []
    for _, i, j in cands:
        if i in used_g or j in used_p:
            continue
        used_g.add(i)
        used_p.add(j)
        pairs.append((i, j))
    return pairs


def distance_or_max(g: Toponym, p: Toponym) -> float:
    if not (g.has_coords and p.has_coords):
        return MAX_ERROR_KM
    return haversine_km(g.lat, g.lon, p.lat, p.lon)


def score_end_to_end(
    gold_docs: Sequence[GeoDoc], pred_docs: Sequence[Sequence[Toponym]], system: str = "system", dataset: str = ""
) -> tuple[GeoResult, list[dict]]:
    """``pred_docs[i]`` are the predicted toponyms of ``gold_docs[i]`` (surface + span + coords)."""
    if len(pred_docs) != len(gold_docs):
        raise InputError(f"{system}: {len(pred_docs)} predicted documents for {len(gold_docs)} gold documents")
    counts = PRF()
    recognition = PRF()  # diagnostic: the same matching with coordinate-less predictions kept
    errors: list[float] = []
    unresolved = 0
    details: list[dict] = []
    for doc, all_preds in zip(gold_docs, pred_docs):
        gold = doc.toponyms
        # EUPEG: a prediction without coordinates is not a geoparse and is dropped before matching.
        preds = [p for p in all_preds if p.has_coords]
        unresolved += len(all_preds) - len(preds)
        n_rec = len(match_toponyms(gold, all_preds))
        recognition.add(PRF(tp_pred=n_rec, n_pred=len(all_preds), tp_gold=n_rec, n_gold=len(gold)))
        pairs = match_toponyms(gold, preds)
        counts.add(PRF(tp_pred=len(pairs), n_pred=len(preds), tp_gold=len(pairs), n_gold=len(gold)))
        mg = {i for i, _ in pairs}
        mp = {j for _, j in pairs}
        for i, j in pairs:
            err = distance_or_max(gold[i], preds[j])
            errors.append(err)
            if err > ACC_KM:
                details.append(
                    {
                        "doc": doc.id,
                        "kind": "far",
                        "surface": gold[i].surface,
                        "span": list(gold[i].span),
                        "gold": [gold[i].lat, gold[i].lon, gold[i].name],
                        "pred": [preds[j].lat, preds[j].lon, preds[j].name],
                        "km": round(err, 1),
                    }
                )
        for i, g in enumerate(gold):
            if i not in mg:
                details.append(
                    {"doc": doc.id, "kind": "fn", "surface": g.surface, "span": list(g.span), "type": g.type}
                )
        for j, p in enumerate(preds):
            if j not in mp:
                details.append({"doc": doc.id, "kind": "fp", "surface": p.surface, "span": list(p.span)})
    res = GeoResult(system, dataset, "end-to-end", counts, errors, unresolved, len(gold_docs))
    res.recognition = recognition
    return res, details


def score_oracle(
    gold_docs: Sequence[GeoDoc],
    pred_docs: Sequence[Sequence[tuple[float, float] | None]],
    system: str = "system",
    dataset: str = "",
) -> tuple[GeoResult, list[dict]]:
    """``pred_docs[i][k]`` is the (lat, lon) given for gold toponym k of document i, or None."""
    errors: list[float] = []
    unresolved = 0
    n = 0
    details = []
    for doc, preds in zip(gold_docs, pred_docs):
        if len(preds) != len(doc.toponyms):
            raise InputError(f"oracle: {len(preds)} resolutions for {len(doc.toponyms)} gold toponyms in doc {doc.id}")
        for g, p in zip(doc.toponyms, preds):
            n += 1
            if p is None or p[0] is None or p[1] is None:
                unresolved += 1
                err = MAX_ERROR_KM
            else:
                err = haversine_km(g.lat, g.lon, p[0], p[1])
            errors.append(err)
            if err > ACC_KM:
                details.append(
                    {
                        "doc": doc.id,
                        "kind": "unresolved" if p is None or p[0] is None else "far",
                        "surface": g.surface,
                        "gold": [g.lat, g.lon, g.name],
                        "pred": list(p) if p else None,
                        "km": round(err, 1),
                    }
                )
    counts = PRF(n_gold=n, tp_gold=n - unresolved)
    return GeoResult(system, dataset, "oracle", counts, errors, unresolved, len(gold_docs)), details


# ------------------------------------------------------------------ published systems (EUPEG outputs)


def find_peer_dir(corpus_path: Path) -> Path | None:
    """Locate ``eupeg/geoparser_output`` near the corpus (the shared/ layout), or None."""
    for base in [corpus_path.parent, *corpus_path.parents]:
        for cand in (base / "eupeg" / "geoparser_output", base / "geoparser_output"):
            if cand.is_dir():
                return cand
        if base.name == "geoparsing":
            break
    return None


def score_peers(corpus: GeoCorpus, peer_dir: Path | None) -> list[GeoResult]:
    """Score every ``<dataset>_<system>.txt`` in ``peer_dir`` against the corpus gold with the same code."""
    if peer_dir is None or not peer_dir.is_dir():
        return []
    results = []
    order = _peer_line_order(corpus, peer_dir)
    for f in sorted(peer_dir.glob(f"{corpus.name}_*.txt")):
        system = f.stem[len(corpus.name) + 1 :]
        lines = read_eupeg_lines(f)
        if order is None or max(order, default=-1) >= len(lines):
            continue
        res, _ = score_end_to_end(corpus.docs, [lines[k] for k in order], system=system, dataset=corpus.name)
        results.append(res)
    return results


def _peer_line_order(corpus: GeoCorpus, peer_dir: Path) -> list[int] | None:
    """Line number of each corpus document in the EUPEG files.  EUPEG numbers its documents in its own order
    (GeoVirus differs from GeoVirus.xml), so documents are aligned by their text via ``corpora_text/<DS>/<n>``."""
    text_dir = peer_dir.parent / "corpora_text" / corpus.name
    if not text_dir.is_dir():
        return list(range(len(corpus.docs)))  # no texts to align with: assume the same order
    index: dict[str, int] = {}
    for f in text_dir.iterdir():
        if f.name.isdigit():
            index.setdefault(f.read_text(encoding="utf-8", errors="replace").strip(), int(f.name))
    order = []
    for doc in corpus.docs:
        k = index.get(doc.text.strip())
        if k is None:
            return None
        order.append(k)
    return order


# ------------------------------------------------------------------ running our pipeline


def places_to_toponyms(text: str, places: Iterable) -> list[Toponym]:
    out = []
    for pl in places:
        lat = pl.lat if getattr(pl, "resolved", True) else None
        lon = pl.lon if getattr(pl, "resolved", True) else None
        for s, e in pl.spans:
            out.append(
                Toponym(
                    s,
                    e,
                    text[s:e],
                    lat,
                    lon,
                    getattr(pl, "geonameid", None),
                    getattr(pl, "kind", ""),
                    getattr(pl, "name", None) or "",
                )
            )
    out.sort(key=lambda t: t.start)
    return out


def run_end_to_end(analyzer, corpus: GeoCorpus, progress: Callable[[int], None] | None = None):
    preds = []
    for k, doc in enumerate(corpus.docs):
        ledger = analyzer.analyze_text(doc.text, published=None)
        preds.append(places_to_toponyms(doc.text, ledger.places))
        if progress:
            progress(k + 1)
    return score_end_to_end(corpus.docs, preds, system="claimledger", dataset=corpus.name)


def run_oracle(analyzer, corpus: GeoCorpus, progress: Callable[[int], None] | None = None):
    preds = []
    for k, doc in enumerate(corpus.docs):
        spans = [t.span for t in doc.toponyms]
        places = analyzer.resolve_mentions(doc.text, spans) if spans else []
        row = []
        for pl in places:
            if pl is not None and getattr(pl, "resolved", False) and pl.lat is not None and pl.lon is not None:
                row.append((pl.lat, pl.lon))
            else:
                row.append(None)
        preds.append(row)
        if progress:
            progress(k + 1)
    return score_oracle(corpus.docs, preds, system="claimledger", dataset=corpus.name)

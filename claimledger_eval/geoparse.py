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

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Optional, Sequence

from claimledger.errors import InputError
from claimledger_eval.common import (
    MAX_ERROR_KM,
    PRF,
    error_auc,
    haversine_km,
    median,
    midpoint,
    require_path,
)

MIDPOINT_TOLERANCE = 10  # characters, EUPEG
ACC_KM = 161.0  # 100 miles

PEER_SYSTEMS = (
    "CamCoder", "CLAVIN", "Edinburgh", "GeoTxt", "TopoCluster", "StanfordNER", "SpaCyNER", "DBpedia", "Yahoo",
)


@dataclass
class Toponym:
    start: int
    end: int
    surface: str
    lat: Optional[float] = None
    lon: Optional[float] = None
    geonameid: Optional[int] = None
    type: str = ""
    name: str = ""

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)

    @property
    def has_coords(self) -> bool:
        return self.lat is not None and self.lon is not None


@dataclass
class GeoDoc:
    id: str
    text: str
    toponyms: list[Toponym] = field(default_factory=list)


@dataclass
class GeoCorpus:
    name: str  # dataset name as EUPEG spells it: GeoWebNews, LGL, TR-News, GeoVirus, or the file stem
    format: str  # gwn-xml | lgl-xml | geovirus-xml | eupeg
    path: Path
    docs: list[GeoDoc]

    @property
    def n_toponyms(self) -> int:
        return sum(len(d.toponyms) for d in self.docs)


# ------------------------------------------------------------------ readers

def _f(x: Optional[str]) -> Optional[float]:
    try:
        return float(x) if x not in (None, "") else None
    except ValueError:
        return None


def _i(x: Optional[str]) -> Optional[int]:
    try:
        return int(x) if x not in (None, "") else None
    except ValueError:
        return None


def _t(el: Optional[ET.Element], tag: str) -> Optional[str]:
    if el is None:
        return None
    c = el.find(tag)
    return c.text.strip() if c is not None and c.text is not None else None


def _align(text: str, s: int, e: int, surface: Optional[str]) -> tuple[int, int, str]:
    """Return (start, end, surface).  Some corpora have offsets shifted by a character or two (GeoVirus is
    1-based): when the stated surface is not at [s, e) but is within two characters, use where it is."""
    if not surface or text[s:e] == surface:
        return s, e, text[s:e] if not surface else surface
    for shift in (-1, 1, -2, 2):
        if s + shift >= 0 and text[s + shift:e + shift] == surface:
            return s + shift, e + shift, surface
    return s, e, surface


def read_gwn_xml(root: ET.Element, all_with_coords: bool = False) -> list[GeoDoc]:
    """GeoWebNews.  Gold = toponyms with a GeoNames id and coordinates (the 2,401 of EUPEG's gold);
    ``all_with_coords`` also keeps those with coordinates only."""
    docs = []
    for i, art in enumerate(root.iter("article")):
        text = art.findtext("text") or ""
        tops = []
        for tp in art.iter("toponym"):
            gid = _i(_t(tp, "geonamesID"))
            lat, lon = _f(_t(tp, "latitude")), _f(_t(tp, "longitude"))
            if lat is None or lon is None or (gid is None and not all_with_coords):
                continue
            s, e, surf = _align(text, int(_t(tp, "start")), int(_t(tp, "end")), _t(tp, "extractedName"))
            tops.append(Toponym(s, e, surf, lat, lon, gid, _t(tp, "type") or "", _t(tp, "normalisedName") or ""))
        tops.sort(key=lambda t: t.start)
        docs.append(GeoDoc(art.get("file", str(i)), text, tops))
    return docs


def read_lgl_xml(root: ET.Element) -> list[GeoDoc]:
    """LGL and TR-News: <toponym><start/><end/><phrase/><gaztag geonameid><lat/><lon/>...</gaztag>."""
    docs = []
    for i, art in enumerate(root.iter("article")):
        text = art.findtext("text") or ""
        tops = []
        for tp in art.iter("toponym"):
            gz = tp.find("gaztag")
            if gz is None:
                continue
            lat, lon = _f(_t(gz, "lat")), _f(_t(gz, "lon"))
            if lat is None or lon is None:
                continue
            s, e, surf = _align(text, int(_t(tp, "start")), int(_t(tp, "end")), _t(tp, "phrase"))
            tops.append(Toponym(s, e, surf, lat, lon, _i(gz.get("geonameid")), _t(gz, "fcode") or "",
                                _t(gz, "name") or ""))
        tops.sort(key=lambda t: t.start)
        docs.append(GeoDoc(art.get("docid", str(i)), text, tops))
    return docs


def read_geovirus_xml(root: ET.Element) -> list[GeoDoc]:
    docs = []
    for i, art in enumerate(root.iter("article")):
        text = art.findtext("text") or ""
        tops = []
        for loc in art.iter("location"):
            lat, lon = _f(_t(loc, "lat")), _f(_t(loc, "lon"))
            if lat is None or lon is None:
                continue
            s, e, surf = _align(text, int(_t(loc, "start")), int(_t(loc, "end")), _t(loc, "name"))
            tops.append(Toponym(s, e, surf, lat, lon, None, "", _t(loc, "name") or ""))
        tops.sort(key=lambda t: t.start)
        docs.append(GeoDoc(str(i), text, tops))
    return docs


def parse_eupeg_line(line: str) -> list[Toponym]:
    """``name,,surface,,lat,,lon,,start,,end||...`` (EUPEG gold and system-output format)."""
    out = []
    for item in line.rstrip("\n").split("||"):
        if not item.strip():
            continue
        parts = item.split(",,")
        if len(parts) < 6:
            continue
        name, surface = parts[0], parts[1]
        lat, lon, s, e = _f(parts[-4]), _f(parts[-3]), _i(parts[-2]), _i(parts[-1])
        if s is None or e is None:
            continue
        out.append(Toponym(s, e, surface, lat, lon, None, "", name))
    return out


def read_eupeg_lines(path: Path) -> list[list[Toponym]]:
    with open(path, encoding="utf-8", errors="replace") as fh:
        return [parse_eupeg_line(line) for line in fh]


def read_eupeg_gold(path: Path) -> tuple[str, list[GeoDoc]]:
    """EUPEG gold file ``<DS>_gold.txt``; texts are ``../corpora_text/<DS>/<line number>``."""
    name = path.name.split("_gold")[0] if "_gold" in path.name else path.stem
    text_dir = None
    for cand in (path.parent.parent / "corpora_text" / name, path.parent / "corpora_text" / name, path.parent / name):
        if cand.is_dir():
            text_dir = cand
            break
    if text_dir is None:
        raise InputError(f"EUPEG gold file {path} needs its texts in ../corpora_text/{name}/ (not found)")
    docs = []
    for i, tops in enumerate(read_eupeg_lines(path)):
        tf = text_dir / str(i)
        if not tf.exists():
            raise InputError(f"EUPEG text {tf} missing for line {i + 1} of {path}")
        text = tf.read_text(encoding="utf-8", errors="replace")
        if text.endswith("\n"):
            text = text[:-1]
        tops = [t for t in tops if t.has_coords]
        for t in tops:
            t.start, t.end, t.surface = _align(text, t.start, t.end, t.surface)
        tops.sort(key=lambda t: t.start)
        docs.append(GeoDoc(str(i), text, tops))
    return name, docs


_XML_NAMES = {"gwn-xml": "GeoWebNews", "lgl-xml": "LGL", "geovirus-xml": "GeoVirus"}


def detect_format(path: Path) -> str:
    if path.is_dir():
        raise InputError(f"{path} is a directory; give the corpus file (GWN.xml, lgl.xml, GeoVirus.xml or <DS>_gold.txt)")
    with open(path, "rb") as fh:
        head = fh.read(200_000).decode("utf-8", errors="replace")
    if head.lstrip().startswith("<"):
        if "<extractedName>" in head or "<geonamesID" in head:
            return "gwn-xml"
        if "<gaztag" in head:
            return "lgl-xml"
        if "<locations" in head or "<location>" in head:
            return "geovirus-xml"
        raise InputError(f"{path}: XML, but not GeoWebNews, LGL/TR-News or GeoVirus")
    first = head.splitlines()[0] if head.strip() else ""
    if ",," in first and re.search(r",,-?\d+(\.\d+)?,,-?\d+(\.\d+)?,,\d+,,\d+", first):
        return "eupeg"
    raise InputError(f"{path}: unknown geoparsing corpus format (expected GWN.xml, lgl.xml, GeoVirus.xml or EUPEG gold)")


def read_corpus(path: str | Path, limit: Optional[int] = None) -> GeoCorpus:
    p = require_path(path, "geoparsing corpus")
    fmt = detect_format(p)
    if fmt == "eupeg":
        name, docs = read_eupeg_gold(p)
    else:
        try:
            root = ET.parse(p).getroot()
        except ET.ParseError as exc:
            raise InputError(f"{p}: not well-formed XML ({exc})") from exc
        docs = {"gwn-xml": read_gwn_xml, "lgl-xml": read_lgl_xml, "geovirus-xml": read_geovirus_xml}[fmt](root)
        name = _XML_NAMES[fmt]
        if fmt == "lgl-xml" and "tr" in p.stem.lower():
            name = "TR-News"
    if limit is not None:
        docs = docs[:limit]
    return GeoCorpus(name, fmt, p, docs)


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
    recognition: Optional[PRF] = None

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


def match_toponyms(gold: Sequence[Toponym], pred: Sequence[Toponym],
                   tolerance: int = MIDPOINT_TOLERANCE) -> list[tuple[int, int]]:
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


def score_end_to_end(gold_docs: Sequence[GeoDoc], pred_docs: Sequence[Sequence[Toponym]],
                     system: str = "system", dataset: str = "") -> tuple[GeoResult, list[dict]]:
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
                details.append({"doc": doc.id, "kind": "far", "surface": gold[i].surface, "span": list(gold[i].span),
                                "gold": [gold[i].lat, gold[i].lon, gold[i].name], "pred": [preds[j].lat, preds[j].lon,
                                preds[j].name], "km": round(err, 1)})
        for i, g in enumerate(gold):
            if i not in mg:
                details.append({"doc": doc.id, "kind": "fn", "surface": g.surface, "span": list(g.span), "type": g.type})
        for j, p in enumerate(preds):
            if j not in mp:
                details.append({"doc": doc.id, "kind": "fp", "surface": p.surface, "span": list(p.span)})
    res = GeoResult(system, dataset, "end-to-end", counts, errors, unresolved, len(gold_docs))
    res.recognition = recognition
    return res, details


def score_oracle(gold_docs: Sequence[GeoDoc], pred_docs: Sequence[Sequence[Optional[tuple[float, float]]]],
                 system: str = "system", dataset: str = "") -> tuple[GeoResult, list[dict]]:
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
                details.append({"doc": doc.id, "kind": "unresolved" if p is None or p[0] is None else "far",
                                "surface": g.surface, "gold": [g.lat, g.lon, g.name],
                                "pred": list(p) if p else None, "km": round(err, 1)})
    counts = PRF(n_gold=n, tp_gold=n - unresolved)
    return GeoResult(system, dataset, "oracle", counts, errors, unresolved, len(gold_docs)), details


# ------------------------------------------------------------------ published systems (EUPEG outputs)

def find_peer_dir(corpus_path: Path) -> Optional[Path]:
    """Locate ``eupeg/geoparser_output`` near the corpus (the shared/ layout), or None."""
    for base in [corpus_path.parent, *corpus_path.parents]:
        for cand in (base / "eupeg" / "geoparser_output", base / "geoparser_output"):
            if cand.is_dir():
                return cand
        if base.name == "geoparsing":
            break
    return None


def score_peers(corpus: GeoCorpus, peer_dir: Optional[Path]) -> list[GeoResult]:
    """Score every ``<dataset>_<system>.txt`` in ``peer_dir`` against the corpus gold with the same code."""
    if peer_dir is None or not peer_dir.is_dir():
        return []
    results = []
    order = _peer_line_order(corpus, peer_dir)
    for f in sorted(peer_dir.glob(f"{corpus.name}_*.txt")):
        system = f.stem[len(corpus.name) + 1:]
        lines = read_eupeg_lines(f)
        if order is None or max(order, default=-1) >= len(lines):
            continue
        res, _ = score_end_to_end(corpus.docs, [lines[k] for k in order], system=system, dataset=corpus.name)
        results.append(res)
    return results


def _peer_line_order(corpus: GeoCorpus, peer_dir: Path) -> Optional[list[int]]:
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
            out.append(Toponym(s, e, text[s:e], lat, lon, getattr(pl, "geonameid", None), getattr(pl, "kind", ""),
                               getattr(pl, "name", None) or ""))
    out.sort(key=lambda t: t.start)
    return out


def run_end_to_end(analyzer, corpus: GeoCorpus, progress: Optional[Callable[[int], None]] = None):
    preds = []
    for k, doc in enumerate(corpus.docs):
        ledger = analyzer.analyze_text(doc.text, published=None)
        preds.append(places_to_toponyms(doc.text, ledger.places))
        if progress:
            progress(k + 1)
    return score_end_to_end(corpus.docs, preds, system="claimledger", dataset=corpus.name)


def run_oracle(analyzer, corpus: GeoCorpus, progress: Optional[Callable[[int], None]] = None):
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

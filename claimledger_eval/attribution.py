"""Attribution evaluation on PolNeAR (BRAT standoff): source / cue / content and whole relations.

Corpus layout: ``<dir>/text/<name>.txt`` and ``<dir>/attributions/<name>_<annotator>.ann``.  Each ``E`` line
of an ``.ann`` file is one gold relation with a Cue, a Content and (unless ``Attribution-no-source``) a Source;
spans may be discontinuous (``start end;start end``).

Scores (micro-averaged over the corpus):
  * exact, per component: a predicted span is correct when some gold relation has exactly that span for the
    same role (P); a gold span is found when some prediction has exactly it (R);
  * token overlap, per component (the Citron definition, without double counting): P = predicted tokens that
    lie inside gold spans of that role / predicted tokens; R = gold tokens inside predicted spans / gold tokens;
  * whole relation: a predicted relation matches a gold one when cue, source and content all match (exact:
    identical spans; overlap: overlapping spans), a missing source matching only a missing source.
Articles with several annotator files are scored against each file and the counts averaged (each file of an
article weighs 1/k), so every article counts once whatever its number of annotators.

Convention mapping (``polnear_content``), applied to our predicted content spans before scoring: our product
contract's content is the reported proposition itself, while the PolNeAR guidelines (``guidelines.pdf``,
"'That' is not a preposition!", "Punctuation as a cue" and "In the content—include everything that is within
quotes") put into the content span (a) the complementizer introducing it ("that", "whether", "if"), (b) the
quotation marks of a direct quote, and (c) the punctuation inside the closing quotation mark ("... to lose."").
The words are the same; only these edges differ, so we extend our span over them when they touch it.
Nested attributions: the ledger keeps a claim reported inside another claim ("Clinton said she thinks X" gives
both), while PolNeAR annotates only the outermost one ("No nested attributions"); a predicted relation whose
cue lies inside the content of another predicted relation is therefore not scored.  Nothing else about our
spans is changed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from claimledger.errors import InputError
from claimledger_eval.common import PRF, TokenIndex, require_path

ROLES = ("source", "cue", "content")
Frag = tuple[tuple[int, int], ...]  # one or more (start, end) fragments, sorted


@dataclass
class Relation:
    cue: Frag | None = None
    source: Frag | None = None
    content: Frag | None = None

    def get(self, role: str) -> Frag | None:
        return getattr(self, role)


@dataclass
class Annotation:
    annotator: str
    relations: list[Relation]


@dataclass
class AttrDoc:
    id: str
    text: str
    annotations: list[Annotation] = field(default_factory=list)


# ------------------------------------------------------------------ reader

_T_LINE = re.compile(r"^(T\d+)\t(\S+) ([\d ;]+)\t?(.*)$")


def _frag(text: str, spec: str) -> Frag:
    frags = []
    for part in spec.split(";"):
        a, b = part.split()
        s, e = int(a), int(b)
        # trim whitespace at the edges so that "exact" means the same words
        while s < e and text[s : s + 1].isspace():
            s += 1
        while e > s and text[e - 1 : e].isspace():
            e -= 1
        if e > s:
            frags.append((s, e))
    return tuple(sorted(frags))


def parse_ann(ann: str, text: str) -> list[Relation]:
    spans: dict[str, tuple[str, Frag]] = {}
    events: list[list[tuple[str, str]]] = []
    for line in ann.splitlines():
        if line.startswith("T"):
            m = _T_LINE.match(line)
            if m:
                spans[m.group(1)] = (m.group(2), _frag(text, m.group(3)))
        elif line.startswith("E"):
            parts = line.split("\t", 1)
            if len(parts) == 2:
                events.append([tuple(arg.split(":", 1)) for arg in parts[1].split() if ":" in arg])
    rels = []
    for args in events:
        rel = Relation()
        for role, tid in args:
            role_l = re.sub(r"\d+$", "", role).lower()
            if role_l not in ROLES or tid not in spans:
                continue
            frag = spans[tid][1]
            prev = rel.get(role_l)
            setattr(rel, role_l, tuple(sorted((prev or ()) + frag)) if frag else prev)
        if rel.cue is None and rel.content is None:
            continue  # an empty or unfinished relation
        rels.append(rel)
    return rels


def read_corpus(path: str | Path, limit: int | None = None) -> list[AttrDoc]:
    p = require_path(path, "PolNeAR corpus")
    tdir, adir = p / "text", p / "attributions"
    if not (tdir.is_dir() and adir.is_dir()):
        raise InputError(f"{p}: not a PolNeAR split folder (expected text/ and attributions/ inside)")
    by_name: dict[str, list[Path]] = {}
    for f in sorted(adir.glob("*.ann")):
        name, _, annot = f.stem.rpartition("_")
        by_name.setdefault(name, []).append(f)
    docs = []
    for name in sorted(by_name):
        tf = tdir / f"{name}.txt"
        if not tf.exists():
            continue
        text = tf.read_text(encoding="utf-8")
        anns = [
            Annotation(f.stem.rpartition("_")[2], parse_ann(f.read_text(encoding="utf-8"), text)) for f in by_name[name]
        ]
        docs.append(AttrDoc(name, text, anns))
        if limit is not None and len(docs) >= limit:
            break
    if not docs:
        raise InputError(f"{p}: no article has both text/<name>.txt and attributions/<name>_<annotator>.ann")
    return docs


# ------------------------------------------------------------------ scoring


def _ov(a: Frag | None, b: Frag | None) -> bool:
    if not a or not b:
        return False
    return any(x[0] < y[1] and y[0] < x[1] for x in a for y in b)


def _rel_match(p: Relation, g: Relation, exact: bool) -> bool:
    for role in ROLES:
        a, b = p.get(role), g.get(role)
        if not a and not b:
            continue
        if exact:
            if a != b:
                return False
        elif not _ov(a, b):
            return False
    return True


def score_one(
    text: str, gold: Sequence[Relation], pred: Sequence[Relation], tokens: TokenIndex | None = None
) -> dict[str, PRF]:
    """Counts for one article against one annotator's relations."""
    tokens = tokens or TokenIndex(text)
    out: dict[str, PRF] = {}
    for role in ROLES:
        g_spans = [r.get(role) for r in gold if r.get(role)]
        p_spans = [r.get(role) for r in pred if r.get(role)]
        gset, pset = set(g_spans), set(p_spans)
        out[f"{role}_exact"] = PRF(
            tp_pred=sum(1 for s in p_spans if s in gset),
            n_pred=len(p_spans),
            tp_gold=sum(1 for s in g_spans if s in pset),
            n_gold=len(g_spans),
        )
        g_tok = [tokens.token_set(s) for s in g_spans]
        p_tok = [tokens.token_set(s) for s in p_spans]
        g_union = set().union(*g_tok) if g_tok else set()
        p_union = set().union(*p_tok) if p_tok else set()
        out[f"{role}_overlap"] = PRF(
            tp_pred=sum(len(t & g_union) for t in p_tok),
            n_pred=sum(len(t) for t in p_tok),
            tp_gold=sum(len(t & p_union) for t in g_tok),
            n_gold=sum(len(t) for t in g_tok),
        )
    for mode, exact in (("relation_exact", True), ("relation_overlap", False)):
        out[mode] = PRF(
            tp_pred=sum(1 for p in pred if any(_rel_match(p, g, exact) for g in gold)),
            n_pred=len(pred),
            tp_gold=sum(1 for g in gold if any(_rel_match(p, g, exact) for p in pred)),
            n_gold=len(gold),
        )
    return out


@dataclass
class AttributionResult:
    metrics: dict[str, PRF]
    docs: int
    annotation_files: int
    multi_annotated_docs: int

    def as_dict(self) -> dict:
        return {
            "docs": self.docs,
            "annotation_files": self.annotation_files,
            "multi_annotated_docs": self.multi_annotated_docs,
            "averaging": "articles with k annotator files are scored against each; each file weighs 1/k",
            **{k: v.as_dict() for k, v in self.metrics.items()},
        }


def score_documents(
    docs: Sequence[AttrDoc], preds: Sequence[Sequence[Relation]]
) -> tuple[AttributionResult, list[dict]]:
    if len(docs) != len(preds):
        raise InputError(f"attribution: {len(preds)} predicted documents for {len(docs)} gold documents")
    total: dict[str, PRF] = {}
    details: list[dict] = []
    for doc, pred in zip(docs, preds):
        tokens = TokenIndex(doc.text)
        k = len(doc.annotations)
        for ann in doc.annotations:
            for key, prf in score_one(doc.text, ann.relations, pred, tokens).items():
                total.setdefault(key, PRF()).add(prf, 1.0 / k)
        if doc.annotations:
            details.extend(_diagnose(doc, doc.annotations[0].relations, pred))
    files = sum(len(d.annotations) for d in docs)
    multi = sum(1 for d in docs if len(d.annotations) > 1)
    return AttributionResult(total, len(docs), files, multi), details


def _txt(text: str, f: Frag | None) -> str | None:
    return " … ".join(text[s:e] for s, e in f) if f else None


def _diagnose(doc: AttrDoc, gold: Sequence[Relation], pred: Sequence[Relation]) -> list[dict]:
    """Error records against the first annotator, for error analysis."""
    out = []
    for g in gold:
        cands = [p for p in pred if _ov(p.cue, g.cue) or _ov(p.content, g.content)]
        if not cands:
            out.append(
                {
                    "doc": doc.id,
                    "kind": "missed",
                    "cue": _txt(doc.text, g.cue),
                    "source": _txt(doc.text, g.source),
                    "content": (_txt(doc.text, g.content) or "")[:160],
                }
            )
            continue
        p = cands[0]
        for role in ROLES:
            if p.get(role) != g.get(role):
                out.append(
                    {
                        "doc": doc.id,
                        "kind": f"{role}_boundary" if _ov(p.get(role), g.get(role)) else f"{role}_wrong",
                        "gold": (_txt(doc.text, g.get(role)) or "")[:200],
                        "pred": (_txt(doc.text, p.get(role)) or "")[:200],
                    }
                )
    for p in pred:
        if not any(_ov(p.cue, g.cue) or _ov(p.content, g.content) for g in gold):
            out.append(
                {
                    "doc": doc.id,
                    "kind": "spurious",
                    "cue": _txt(doc.text, p.cue),
                    "source": _txt(doc.text, p.source),
                    "content": (_txt(doc.text, p.content) or "")[:160],
                }
            )
    return out


# ------------------------------------------------------------------ running our pipeline


def _span_frag(span) -> Frag | None:
    if not span:
        return None
    s, e = span
    return ((int(s), int(e)),) if e > s else None


_OPEN_Q = "\"“‘'«"
_CLOSE_Q = "\"”’'»"
_COMPLEMENTIZER = re.compile(r"(?:\b(?:that|whether|if)\s+)$", re.I)


def polnear_content(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """Our content span -> PolNeAR's convention (see the module docstring): add a complementizer just before it,
    the opening quotation mark just before it, and closing punctuation + quotation mark just after it."""
    s, e = span
    inner = text[s:e]
    # closing: ".”", ",”", "?”", "”" right after the span, when the span holds or follows an opening quote
    m = re.match(r"[.,!?;:…]*[" + re.escape(_CLOSE_Q) + "]", text[e : e + 4])
    opened = any(ch in inner for ch in '“"«') or (s > 0 and text[s - 1] in _OPEN_Q)
    if m and opened and inner.count("”") + inner.count('"') <= inner.count("“") + inner.count('"'):
        e += m.end()
    if s > 0 and text[s - 1] in _OPEN_Q:
        s -= 1
    m = _COMPLEMENTIZER.search(text[max(0, s - 10) : s])
    if m:
        s -= len(m.group(0))
    return s, e


def claims_to_relations(text: str, claims) -> list[Relation]:
    rels = []
    for c in claims:
        content = getattr(c.content, "span", None)
        rel = Relation(
            cue=_span_frag(getattr(c.cue, "span", None)),
            source=_span_frag(getattr(c.speaker, "span", None)),
            content=_span_frag(polnear_content(text, content) if content else None),
        )
        # trim whitespace like the gold
        for role in ROLES:
            f = rel.get(role)
            if f:
                setattr(rel, role, _frag(text, ";".join(f"{s} {e}" for s, e in f)) or None)
        if rel.cue or rel.content:
            rels.append(rel)
    return [r for r in rels if not _nested(r, rels)]


def _nested(rel: Relation, rels: list[Relation]) -> bool:
    if not rel.cue:
        return False
    cs, ce = rel.cue[0][0], rel.cue[-1][1]
    return any(o is not rel and o.content and any(s <= cs and ce <= e for s, e in o.content) for o in rels)


def run(analyzer, docs: Sequence[AttrDoc], progress: Callable[[int], None] | None = None):
    preds = []
    for k, doc in enumerate(docs):
        ledger = analyzer.analyze_text(doc.text, published=None)
        preds.append(claims_to_relations(doc.text, ledger.claims))
        if progress:
            progress(k + 1)
    return score_documents(docs, preds)

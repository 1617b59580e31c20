"""The Spark schemas of the job's Parquet tables (the rows are built by ``claimledger.export.parquet_rows``), and
the conversion of row dicts to tuples in schema order.  pyspark is imported inside ``schemas``/``result_schema``
only; ``result_tuple`` and ``as_tuple`` run in the executors."""

from __future__ import annotations

from claimledger.export import parquet_rows as R


def schemas():
    from pyspark.sql.types import (
        ArrayType,
        BooleanType,
        DoubleType,
        IntegerType,
        LongType,
        StringType,
        StructField,
        StructType,
    )

    S, I, L, D, B = StringType(), IntegerType(), LongType(), DoubleType(), BooleanType()
    spans = ArrayType(ArrayType(I, False), False)
    strings = ArrayType(S, False)

    def struct(*fields):
        return StructType([StructField(n, t, True) for n, t in fields])

    month = (R.PARTITION_COLUMN, S)
    return {
        "articles": struct(
            ("article_id", S),
            ("sha256", S),
            ("title", S),
            ("outlet", S),
            ("url", S),
            ("author", S),
            ("published", S),
            ("language", S),
            ("outlet_type", S),
            ("outlet_side", S),
            ("origin", S),
            ("input_index", I),
            ("input_offset", L),
            ("copies", ArrayType(struct(("origin", S), ("url", S), ("outlet", S)), False)),
            ("n_claims", I),
            ("n_events", I),
            ("n_places", I),
            ("n_narratives", I),
            ("n_techniques", I),
            ("words", I),
            ("pipeline_version", S),
            ("analyzed_at", S),
            ("ledger_json", S),
            month,
        ),
        "claims": struct(
            ("article_id", S),
            ("claim_id", S),
            ("sentence_start", I),
            ("sentence_end", I),
            ("speaker_text", S),
            ("speaker_start", I),
            ("speaker_end", I),
            ("speaker_type", S),
            ("speaker_side", S),
            ("speaker_canonical", S),
            ("cue_text", S),
            ("cue_start", I),
            ("cue_end", I),
            ("content_text", S),
            ("content_start", I),
            ("content_end", I),
            ("certainty", S),
            ("disputed_by", strings),
            ("disputes", strings),
            ("about_places", strings),
            ("pattern", S),
            ("certainty_evidence", spans),
            ("published", S),
            month,
        ),
        "events": struct(
            ("article_id", S),
            ("event_id", S),
            ("type", S),
            ("actor_text", S),
            ("actor_side", S),
            ("place_id", S),
            ("place_name", S),
            ("place_geonameid", L),
            ("date_value", S),
            ("date_precision", S),
            ("date_text", S),
            ("date_start", I),
            ("date_end", I),
            ("claims", strings),
            ("denied_by", strings),
            ("status", S),
            ("trigger_text", S),
            ("trigger_start", I),
            ("trigger_end", I),
            ("sentence_start", I),
            ("sentence_end", I),
            ("published", S),
            month,
        ),
        "places": struct(
            ("article_id", S),
            ("place_id", S),
            ("mention", S),
            ("spans", spans),
            ("geonameid", L),
            ("name", S),
            ("kind", S),
            ("country", S),
            ("admin1", S),
            ("lat", D),
            ("lon", D),
            ("resolved", B),
            ("population", L),
            ("published", S),
            month,
        ),
        "framing": struct(
            ("article_id", S),
            ("kind", S),
            ("name", S),
            ("label", S),
            ("score", D),
            ("start", I),
            ("end", I),
            ("text", S),
            ("voice", S),
            ("claim_id", S),
            ("method", S),
            ("speaker_text", S),
            ("speaker_type", S),
            ("speaker_side", S),
            ("published", S),
            month,
        ),
        "errors": struct(
            ("origin", S),
            ("input", S),
            ("input_index", I),
            ("input_offset", L),
            ("kind", S),
            ("stage", S),
            ("message", S),
        ),
    }


def result_schema(sch):
    from pyspark.sql.types import StringType, StructField, StructType

    return StructType(
        [
            StructField("kind", StringType(), False),
            StructField("article", sch["articles"], True),
            StructField("error", sch["errors"], True),
        ]
    )


def result_tuple(sch, item: tuple) -> tuple:
    kind, d = item
    if kind == "article":
        return (kind, as_tuple(sch["articles"], d), None)
    return (kind, None, as_tuple(sch["errors"], d))


def as_tuple(schema, d: dict) -> tuple:
    out = []
    for f in schema.fields:
        v = d.get(f.name)
        if f.name == "copies" and v is not None:
            v = [(c["origin"], c["url"], c["outlet"]) for c in v]
        out.append(v)
    return tuple(out)

"""The JSON contract of one article (docs/output.md).  It is defined with the model
(``claimledger.model.contract``); this module keeps the names existing callers import."""

from __future__ import annotations

from functools import lru_cache

from claimledger.model.contract import SCHEMA_PATH, json_schema, ledger_to_dict  # noqa: F401  (re-exported)


@lru_cache(maxsize=1)
def schema() -> dict:
    """The contract's JSON Schema (generated from the models; equal to the file at ``SCHEMA_PATH``)."""
    return json_schema()


def validate(obj: dict) -> None:
    """Raise jsonschema.ValidationError if ``obj`` breaks the contract."""
    import jsonschema

    jsonschema.validate(obj, schema())

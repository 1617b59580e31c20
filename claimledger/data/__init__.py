"""Versioned knowledge files (YAML), each validated against its JSON Schema in ``schemas/`` on load."""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import yaml

from claimledger.errors import ClaimledgerError

DATA_DIR = Path(__file__).parent


@lru_cache(maxsize=None)
def load(name: str) -> dict:
    """Load ``<name>.yaml`` and validate it; a broken knowledge file is a clear error, not a crash later."""
    import jsonschema

    path = DATA_DIR / f"{name}.yaml"
    with path.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    schema_path = DATA_DIR / "schemas" / f"{name}.schema.json"
    if schema_path.exists():
        schema = json.loads(schema_path.read_text(encoding="utf-8"))
        try:
            jsonschema.validate(data, schema)
        except jsonschema.ValidationError as exc:
            raise ClaimledgerError(f"knowledge file {path.name} is invalid: {exc.message} at {list(exc.absolute_path)}") from None
    return data

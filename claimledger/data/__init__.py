"""Versioned knowledge files (YAML), each validated against its JSON Schema in ``schemas/`` on load.

Language-neutral knowledge lives here (``data/<name>.yaml``); what a language says (cue verbs, hedges, month
names, triggers) lives in its language pack (``lang/<code>/<name>.yaml``, loaded by ``claimledger.lang``).
``knowledge_versions`` gives the content hash of every knowledge file, recorded with each stored article.
"""
from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path
from typing import Optional

import yaml

from claimledger.errors import ClaimledgerError

DATA_DIR = Path(__file__).parent
SCHEMA_DIR = DATA_DIR / "schemas"
LANG_DIR = DATA_DIR.parent / "lang"


@lru_cache(maxsize=None)
def load(name: str) -> dict:
    """Load ``data/<name>.yaml`` and validate it; a broken knowledge file is a clear error, not a crash later."""
    return load_file(DATA_DIR / f"{name}.yaml", SCHEMA_DIR / f"{name}.schema.json")


def load_file(path: Path, schema_path: Optional[Path]) -> dict:
    import jsonschema

    try:
        with path.open(encoding="utf-8") as fh:
            data = yaml.safe_load(fh)
    except (OSError, yaml.YAMLError) as exc:
        raise ClaimledgerError(f"cannot read knowledge file {path.name}: {exc}") from None
    if schema_path is not None and schema_path.exists():
        schema = json.loads(schema_path.read_text(encoding="utf-8"))
        try:
            jsonschema.validate(data, schema)
        except jsonschema.ValidationError as exc:
            raise ClaimledgerError(f"knowledge file {path.name} is invalid: {exc.message} at {list(exc.absolute_path)}") from None
    return data


@lru_cache(maxsize=8)
def knowledge_versions(language: Optional[str] = None) -> dict[str, str]:
    """``{file: sha256[:12]}`` for the language-neutral knowledge files and those of ``language``'s pack: the
    rules a verdict came from (stored with each article, shown in the JSON output and on the article page)."""
    files = sorted(p for p in DATA_DIR.iterdir() if p.suffix in (".yaml", ".json"))
    if language and (LANG_DIR / language).is_dir():
        files += sorted(p for p in (LANG_DIR / language).iterdir() if p.suffix in (".yaml", ".json"))
    return {str(p.relative_to(DATA_DIR.parent)): hashlib.sha256(p.read_bytes()).hexdigest()[:12] for p in files}

"""Versioned knowledge files (YAML), each validated against its JSON Schema in ``schemas/`` on load.

Language-neutral knowledge lives here (``data/<name>.yaml``); what a language says (cue verbs, hedges, month
names, triggers) lives in its language pack (``lang/<code>/<name>.yaml``, loaded by ``claimledger.lang``).
``knowledge_versions`` gives the content hash of every knowledge file, recorded with each stored article.

``$CLAIMLEDGER_KNOWLEDGE_DIR`` names a folder laid out like the package (``data/<name>.yaml``,
``lang/<code>/<name>.yaml``) whose files replace the shipped ones of the same name: local knowledge (a new event
type, an outlet list) without editing the installed package.  Its files are validated and hashed like the rest.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import cache, lru_cache
from pathlib import Path

import yaml

from claimledger.errors import ClaimledgerError

DATA_DIR = Path(__file__).parent
SCHEMA_DIR = DATA_DIR / "schemas"
LANG_DIR = DATA_DIR.parent / "lang"


def knowledge_path(relative: str) -> Path:
    """The file to use for ``relative`` (e.g. ``data/outlets.yaml``): the local override if there is one."""
    local = os.environ.get("CLAIMLEDGER_KNOWLEDGE_DIR")
    if local and (Path(local) / relative).is_file():
        return Path(local) / relative
    return DATA_DIR.parent / relative


@cache
def load(name: str) -> dict:
    """Load ``data/<name>.yaml`` and validate it; a broken knowledge file is a clear error, not a crash later."""
    return load_file(knowledge_path(f"data/{name}.yaml"), SCHEMA_DIR / f"{name}.schema.json")


def load_file(path: Path, schema_path: Path | None) -> dict:
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
            raise ClaimledgerError(
                f"knowledge file {path.name} is invalid: {exc.message} at {list(exc.absolute_path)}"
            ) from None
    return data


@lru_cache(maxsize=8)
def knowledge_versions(language: str | None = None) -> dict[str, str]:
    """``{file: sha256[:12]}`` for the language-neutral knowledge files and those of ``language``'s pack: the
    rules a verdict came from (stored with each article, shown in the JSON output and on the article page)."""
    files = sorted(p for p in DATA_DIR.iterdir() if p.suffix in (".yaml", ".json"))
    if language and (LANG_DIR / language).is_dir():
        files += sorted(p for p in (LANG_DIR / language).iterdir() if p.suffix in (".yaml", ".json"))
    out = {}
    for p in files:
        relative = str(p.relative_to(DATA_DIR.parent))
        used = knowledge_path(relative)
        out[relative if used == p else f"{relative} (local)"] = hashlib.sha256(used.read_bytes()).hexdigest()[:12]
    return out

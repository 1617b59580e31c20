"""Language packs: everything that depends on the language of an article, kept out of the extractors.

A pack (``claimledger/lang/<code>/``) provides
  - ``load_model()``: the parser for the language, loaded once per process (spaCy for English);
  - ``ud``: a map from the model's dependency labels to Universal Dependencies labels (extractors speak UD only:
    they call ``pack.dep(token)``, never ``token.dep_``);
  - word lists as data files (``lang/<code>/<name>.yaml``, each with ``language`` and ``version`` keys and a
    schema in ``lang/schemas/<name>.schema.json``), read with ``pack.words(name)``;
  - optionally ``bridge.py``: a projection of the language into a close one that shared tools cover
    (``pack.bridge(text)``, ``pack.bridge_lemmas(lemmas)``; Ukrainian -> Russian).

Packs register themselves by module: ``get_pack("en")`` imports ``claimledger.lang.en`` and returns its ``PACK``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from claimledger.errors import ClaimledgerError

LANG_DIR = Path(__file__).parent
SCHEMA_DIR = LANG_DIR / "schemas"


@dataclass(eq=False)
class LanguagePack:
    code: str
    name: str
    model_loader: Callable[[], object]
    ud: dict[str, str] = field(default_factory=dict)  # model label -> UD label; unlisted labels are kept

    def load_model(self):
        return self.model_loader()

    def dep(self, token) -> str:
        """The token's dependency relation as a Universal Dependencies label."""
        label = token.dep_
        return self.ud.get(label, label)

    def words(self, name: str) -> dict:
        return _load_words(self.code, name)

    @property
    def directory(self) -> Path:
        return LANG_DIR / self.code

    def bridge(self, text: str) -> tuple[str, str]:
        """``text`` projected into a close language that shared tools cover, as ``(language, text)``: Ukrainian into
        Russian for the statement matcher's sentence encoder.  A pack provides one in ``lang/<code>/bridge.py``
        (``load_bridge()`` returning an object with ``target``, ``text(str)`` and ``lemma(str)``); a pack without
        one returns ``(code, text)`` unchanged."""
        b = _load_bridge(self.code)
        return (b.target, b.text(text)) if b is not None else (self.code, text)

    def bridge_lemmas(self, lemmas: list[str]) -> tuple[str, list[str]]:
        """Lemmas projected like ``bridge``: ``(language, lemmas)``; unchanged for a pack without a bridge."""
        b = _load_bridge(self.code)
        return (b.target, [b.lemma(x) for x in lemmas]) if b is not None else (self.code, list(lemmas))


@cache
def _load_bridge(code: str):
    try:
        module = importlib.import_module(f"claimledger.lang.{code}.bridge")
    except ModuleNotFoundError as e:
        if e.name != f"claimledger.lang.{code}.bridge":
            raise
        return None
    return module.load_bridge()


@cache
def _load_words(code: str, name: str) -> dict:
    from claimledger.data import knowledge_path, load_file

    path = knowledge_path(f"lang/{code}/{name}.yaml")
    if not path.exists():
        raise ClaimledgerError(f"the {code} language pack has no {name}.yaml")
    data = load_file(path, SCHEMA_DIR / f"{name}.schema.json")
    if isinstance(data, dict) and data.get("language") not in (None, code):
        raise ClaimledgerError(f"{path.name} in lang/{code} says it is language {data.get('language')!r}")
    return data


@cache
def get_pack(code: str) -> LanguagePack:
    try:
        module = importlib.import_module(f"claimledger.lang.{code}")
    except ModuleNotFoundError:
        raise ClaimledgerError(f"no language pack for {code!r} (available: {', '.join(available())})") from None
    return module.PACK


def available() -> list[str]:
    return sorted(p.name for p in LANG_DIR.iterdir() if (p / "__init__.py").exists())


def supported(code: str | None) -> bool:
    return code is not None and code in available()

"""Language identification restricted to the languages of this war's reporting (en/ru/uk).

Restricting lingua to three languages is both faster and more accurate than the full model
(see shared notes: all-language mode mislabels short texts as Bulgarian or Sotho).
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _detector():
    from lingua import Language, LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_languages(Language.ENGLISH, Language.RUSSIAN, Language.UKRAINIAN).build()


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language among en/ru/uk, or None if undecidable."""
    sample = text[:5000]
    if not any(ch.isalpha() for ch in sample):
        return None
    lang = _detector().detect_language_of(sample)
    return lang.iso_code_639_1.name.lower() if lang is not None else None

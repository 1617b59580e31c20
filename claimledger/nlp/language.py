"""Language identification: en/ru/uk apart on short texts, and other languages recognised so they can be refused.

Two lingua detectors (measured in docs/languages.md):
  - the main one knows only en/ru/uk, in high-accuracy mode: restricting lingua to the languages of this war's
    reporting is both faster and more accurate than the full model (all-language mode mislabels short texts as
    Bulgarian or Sotho);
  - a gate in low-accuracy mode (loads in ~0.01 s) knows en/ru/uk plus the languages most often confused with
    them or found in the same feeds; when it names one of those for a text of at least ``GATE_MIN_WORDS`` words,
    the text is that language (and a pack-less language is then refused by ``prepare``).  Without the gate a
    German or Polish article is "English" and a Belarusian or Bulgarian one "Ukrainian"/"Russian".
"""

from __future__ import annotations

from functools import lru_cache

GATE_MIN_WORDS = 8  # below this the low-accuracy gate is unreliable (a four-word English line came out Polish)
_OTHERS = (
    "GERMAN",
    "FRENCH",
    "SPANISH",
    "ITALIAN",
    "POLISH",
    "BULGARIAN",
    "BELARUSIAN",
    "SERBIAN",
    "PORTUGUESE",
    "DUTCH",
    "TURKISH",
    "KAZAKH",
)


@lru_cache(maxsize=1)
def _detector():
    from lingua import Language, LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_languages(Language.ENGLISH, Language.RUSSIAN, Language.UKRAINIAN).build()


@lru_cache(maxsize=1)
def _gate():
    from lingua import Language, LanguageDetectorBuilder

    langs = [Language.ENGLISH, Language.RUSSIAN, Language.UKRAINIAN, *(getattr(Language, n) for n in _OTHERS)]
    return LanguageDetectorBuilder.from_languages(*langs).with_low_accuracy_mode().build()


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language (en/ru/uk, or another language the gate knows), None if undecidable."""
    sample = text[:5000]
    if not any(ch.isalpha() for ch in sample):
        return None
    if len(sample.split()) >= GATE_MIN_WORDS:
        other = _gate().detect_language_of(sample)
        if other is not None and other.name in _OTHERS:
            return other.iso_code_639_1.name.lower()
    lang = _detector().detect_language_of(sample)
    return lang.iso_code_639_1.name.lower() if lang is not None else None

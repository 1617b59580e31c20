"""The *prepare* stage: one article, however it came in (``analyze``, ``ingest``, web ingest, Spark), gets the same
outlet fields and language, so the stored values never depend on the entry point."""

from __future__ import annotations

from functools import lru_cache

from claimledger.errors import InputError
from claimledger.lang import available
from claimledger.model import Article
from claimledger.nlp.language import detect_language

LANGUAGE_NAMES = {"en": "English", "ru": "Russian", "uk": "Ukrainian"}


@lru_cache(maxsize=1)
def _outlet_directory():
    from claimledger.ingest.outlets import OutletDirectory

    return OutletDirectory.load()


def apply_outlet(article: Article, outlets=None) -> None:
    """The outlet's standing from the directory; an unknown outlet stays unknown (never guessed)."""
    outlets = outlets if outlets is not None else _outlet_directory()
    outlet = outlets.lookup(article.url) or outlets.lookup(article.outlet)
    if outlet is not None:
        article.outlet = outlet.name
        article.outlet_type = outlet.type
        article.outlet_side = outlet.side


def check_language(article: Article) -> None:
    """Set ``article.language``; refuse what no language pack can analyse, with a clear message."""
    lang = detect_language(article.text)
    article.language = lang
    where = article.source_path or "input"
    if lang is None:
        raise InputError(f"{where}: cannot tell the language of the text")
    if lang not in available():
        packs = ", ".join(LANGUAGE_NAMES.get(c, c) for c in available())
        raise InputError(
            f"{where}: the article is in {LANGUAGE_NAMES.get(lang, lang)}; only {packs} is analysed for now"
        )


def prepare(article: Article, outlets=None, check: bool = True) -> Article:
    """Outlet fields from the directory, then the language (refused with ``InputError`` if unsupported)."""
    apply_outlet(article, outlets)
    if check:
        check_language(article)
    return article

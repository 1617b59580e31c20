"""The *prepare* stage: one article, however it came in (``analyze``, ``ingest``, web ingest, Spark), gets the same
outlet fields and language, so the stored values never depend on the entry point."""

from __future__ import annotations

from functools import lru_cache

from claimledger.errors import InputError
from claimledger.ingest.article import check_published
from claimledger.lang import available
from claimledger.limits import MAX_CHARS
from claimledger.model import Article
from claimledger.nlp.language import detect_language

LANGUAGE_NAMES = {
    "en": "English",
    "ru": "Russian",
    "uk": "Ukrainian",
    "de": "German",
    "fr": "French",
    "es": "Spanish",
    "it": "Italian",
    "pl": "Polish",
    "bg": "Bulgarian",
    "be": "Belarusian",
    "sr": "Serbian",
    "pt": "Portuguese",
    "nl": "Dutch",
    "tr": "Turkish",
    "kk": "Kazakh",
}


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
        raise InputError(f"{where}: the article is in {LANGUAGE_NAMES.get(lang, lang)}; only {packs} are analysed")


def check_limits(article: Article) -> None:
    """The limits every entry point applies (``claimledger.limits``), refused with one clear ``InputError``: at most
    MAX_CHARS characters of text (the parser's own limit is never reached), a publication date in the accepted
    range."""
    where = article.source_path or "input"
    if len(article.text) > MAX_CHARS:
        raise InputError(
            f"{where}: the article is {len(article.text):,} characters long; articles over {MAX_CHARS:,} characters "
            "are refused (split it into parts)"
        )
    article.published = check_published(article.published, where)


def check_article(article: Article) -> None:
    """The limits, then the language: everything that refuses an article before it is parsed."""
    check_limits(article)
    check_language(article)


def prepare(article: Article, outlets=None, check: bool = True) -> Article:
    """Outlet fields from the directory, then the limits and the language (refused with ``InputError``)."""
    apply_outlet(article, outlets)
    if check:
        check_article(article)
    return article

"""Folders of article files (.txt, .html, .htm), read recursively in a stable order."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from claimledger.errors import InputError
from claimledger.ingest.article import read_path
from claimledger.ingest.sources import SourceItem

ARTICLE_SUFFIXES = (".txt", ".html", ".htm")


def article_files(folder: Path) -> list[Path]:
    """Article files under ``folder``, sorted by relative path so every run sees the same order.

    Hidden files and folders (``.git``, editor back-ups) are not articles.  Symlinked
    folders are not followed (os.walk's default), so a link loop cannot hang ingest.
    """
    found: list[Path] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if not name.startswith(".") and name.lower().endswith(ARTICLE_SUFFIXES):
                found.append(Path(root) / name)
    return sorted(found, key=lambda p: p.relative_to(folder).parts)


def read_file(path: Path) -> Iterator[SourceItem]:
    """One text or HTML file as one item."""
    try:
        yield SourceItem(origin=str(path), article=read_path(path))
    except InputError as exc:
        yield SourceItem(origin=str(path), error=str(exc))


def read_folder(folder: Path) -> Iterator[SourceItem]:
    files = article_files(folder)
    if not files:
        yield SourceItem(origin=str(folder), error=f"{folder}: no .txt, .html or .htm files in this folder")
        return
    for path in files:
        yield from read_file(path)

"""Folders of article files (.txt, .html, .htm), read recursively in a stable order."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from claimledger.errors import InputError
from claimledger.ingest.article import non_regular_kind, read_path
from claimledger.ingest.sources import SourceItem

ARTICLE_SUFFIXES = (".txt", ".html", ".htm")


def article_files(folder: Path, problems: list[SourceItem] | None = None) -> list[Path]:
    """Article files under ``folder``, sorted by relative path so every run sees the same order.

    Hidden files and folders (``.git``, editor back-ups) are not articles.  Symlinked
    folders are not followed (os.walk's default), so a link loop cannot hang ingest.
    A sub-folder that cannot be listed is reported in ``problems`` (a warning item each).
    """
    found: list[Path] = []

    def unreadable(exc: OSError) -> None:
        if problems is not None:
            where = exc.filename or folder
            problems.append(
                SourceItem(
                    origin=str(where),
                    warning=f"{where}: cannot read this folder ({exc.strerror or exc}); its files were skipped",
                )
            )

    for root, dirs, files in os.walk(folder, onerror=unreadable):
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
    """The article files of a folder; a FIFO, device or socket among them is skipped with a warning (opening it
    could block), and so is a sub-folder that cannot be read."""
    problems: list[SourceItem] = []
    files = article_files(folder, problems)
    yield from problems
    if not files:
        yield SourceItem(origin=str(folder), warning=f"{folder}: no .txt, .html or .htm files in this folder; 0 read")
        return
    for path in files:
        try:
            kind = non_regular_kind(os.stat(path).st_mode)
        except OSError as exc:
            yield SourceItem(origin=str(path), error=f"{path}: cannot read the file ({exc.strerror or exc})")
            continue
        if kind:
            yield SourceItem(origin=str(path), warning=f"{path}: is {kind}, not a regular file; skipped")
            continue
        yield from read_file(path)

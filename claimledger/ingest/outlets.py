"""The outlet directory: domain (or name) → who the outlet is.

Lookups are exact: a URL's host or one of its parent domains must be listed, or
the name must equal a listed name or alias (ignoring case).  Anything else is
``None`` ("unknown"); we never guess from a top-level domain or a similar name,
because a wrong standing is worse than an unknown one.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from claimledger.data import DATA_DIR
from claimledger.errors import InputError

DEFAULT_PATH = DATA_DIR / "outlets.yaml"
SCHEMA_PATH = DATA_DIR / "schemas" / "outlets.schema.json"


@dataclass(frozen=True)
class Outlet:
    name: str
    domains: tuple[str, ...]
    country: str
    type: str  # state-controlled / government / independent / agency / OSINT
    side: str | None  # RU / UA / other, or None when aligned with no party
    aliases: tuple[str, ...] = ()
    note: str | None = None

    @property
    def domain(self) -> str:
        return self.domains[0]


def _name_key(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def host_of(value: str) -> str | None:
    """The host name in a URL or bare domain (``www.`` and a trailing dot dropped); None if it is not one."""
    value = value.strip()
    if "://" not in value:
        if " " in value or "." not in value:
            return None  # a name, not a domain
        value = "//" + value  # let urlsplit find host and port in "tass.ru/news/1"
    try:
        host = urlsplit(value).hostname
    except ValueError:
        return None
    if not host:
        return None
    host = host.rstrip(".").lower()
    return host[4:] if host.startswith("www.") else host


class OutletDirectory:
    def __init__(self, version: str, outlets: list[Outlet]):
        self.version = version
        self.outlets = outlets
        self._by_domain: dict[str, Outlet] = {}
        self._by_name: dict[str, Outlet] = {}
        for outlet in outlets:
            for domain in outlet.domains:
                _add_unique(self._by_domain, domain, outlet, "domain")
            for name in (outlet.name, *outlet.aliases):
                _add_unique(self._by_name, _name_key(name), outlet, "name")

    @classmethod
    def load(cls, path: str | Path | None = None) -> OutletDirectory:
        """The directory shipped with claimledger, or the file at ``path``; validated against the schema."""
        if path is None:
            return _default_directory()
        return cls.from_data(_read_validated(Path(path)))

    @classmethod
    def from_data(cls, data: dict) -> OutletDirectory:
        """Build from already validated data (the parsed YAML)."""
        outlets = [
            Outlet(
                name=entry["name"],
                domains=tuple(entry["domains"]),
                country=entry["country"],
                type=entry["type"],
                side=entry.get("side"),
                aliases=tuple(entry.get("aliases", ())),
                note=entry.get("note"),
            )
            for entry in data["outlets"]
        ]
        return cls(str(data["version"]), outlets)

    def lookup(self, value: str | None) -> Outlet | None:
        """The outlet for a URL, domain or name; subdomains match their parent; None when unknown."""
        if not value or not value.strip():
            return None
        host = host_of(value)
        if host:
            labels = host.split(".")
            # news.example.co.uk → example.co.uk → co.uk; stops before the bare TLD.
            for i in range(len(labels) - 1):
                outlet = self._by_domain.get(".".join(labels[i:]))
                if outlet:
                    return outlet
        return self._by_name.get(_name_key(value))

    def __len__(self) -> int:
        return len(self.outlets)


def _add_unique(index: dict[str, Outlet], key: str, outlet: Outlet, what: str) -> None:
    # A key shared by two outlets would make lookups depend on file order: refuse the file.
    other = index.get(key)
    if other is not None and other is not outlet:
        raise InputError(f"outlet directory: {what} {key!r} is listed for both {other.name!r} and {outlet.name!r}")
    index[key] = outlet


@lru_cache(maxsize=1)
def _default_directory() -> OutletDirectory:
    # The shipped file goes through the shared knowledge-file loader (schema-validated, cached).
    from claimledger import data

    return OutletDirectory.from_data(data.load("outlets"))


def _read_validated(path: Path) -> dict:
    """Another outlet file (a user's own, or a test's), held to the same schema as the shipped one."""
    import jsonschema

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"{path}: cannot read the outlet directory ({exc.strerror or exc})") from None
    except yaml.YAMLError as exc:
        raise InputError(f"{path}: the outlet directory is not valid YAML ({_one_line(exc)})") from None
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    try:
        jsonschema.validate(data, schema)
    except jsonschema.ValidationError as exc:
        where = "/".join(str(p) for p in exc.absolute_path) or "top level"
        raise InputError(f"{path}: the outlet directory does not match its schema at {where}: {exc.message}") from None
    return data


def _one_line(value: object) -> str:
    return " ".join(str(value).split())

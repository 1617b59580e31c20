"""Assembling the served application from ``claimledger serve``'s settings, in this process or in each of
``--workers`` processes.

Several workers share the listening socket (uvicorn's multiprocess manager): each is a fresh process that builds
its own app from the settings passed in ``$CLAIMLEDGER_SERVE_CONFIG`` (JSON) — its own database connections and
response cache.  That is sound because every worker reads the same ledger, the response cache is keyed by the
ledger's data version (any commit by any process invalidates it) and writes go through the database's own
locking.  The write token travels in that variable too: a process's environment is readable by its own user only,
the same as the token file it came from."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass

CONFIG_ENV = "CLAIMLEDGER_SERVE_CONFIG"


@dataclass
class ServeSettings:
    url: str  # the ledger's database URL
    allow_writes: bool = False
    token: str | None = None
    allowed_hosts: list[str] | None = None  # None: any Host header
    cache: bool = True
    overlay_dir: str | None = None
    tile_url: str | None = None  # the online tile layer, when switched on

    def to_env(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_env(cls) -> ServeSettings:
        raw = os.environ.get(CONFIG_ENV)
        if not raw:
            raise RuntimeError(f"${CONFIG_ENV} is not set: start workers with `claimledger serve --workers N`")
        return cls(**json.loads(raw))


def build_app(settings: ServeSettings, store=None, snapshots=None):
    """The ASGI app for these settings (``store``/``snapshots`` when the caller has them open already)."""
    from claimledger.store import LedgerStore
    from claimledger.web import create_app

    store = store if store is not None else LedgerStore(settings.url)
    if snapshots is None and settings.overlay_dir is not None:
        from claimledger.geo.polygons import read_snapshots

        snapshots = read_snapshots(settings.overlay_dir)
    app = create_app(
        store,
        allow_writes=settings.allow_writes,
        token=settings.token if settings.allow_writes else None,
        allowed_hosts=settings.allowed_hosts,
        cache=settings.cache,
    )
    app.state.overlay_snapshots = snapshots
    if settings.tile_url:
        from claimledger.web.overlay import OnlineTilesCSP

        app = OnlineTilesCSP(app, settings.tile_url)
    return app


def app_from_env():
    """uvicorn's factory in each worker process."""
    return build_app(ServeSettings.from_env())

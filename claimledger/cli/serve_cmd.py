"""`claimledger serve`: the web workspace and JSON API over a ledger database."""

from __future__ import annotations

import ipaddress
import secrets

import click

LOOPBACK_NAMES = ["127.0.0.1", "localhost", "::1"]


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@click.command()
@click.option("--db", help="Database path or URL (default: the user data dir, or $CLAIMLEDGER_DB).")
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on.  Anything but loopback exposes the ledger to the network.",
)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--allow-writes", is_flag=True, help="Allow ingesting articles from the browser (needs the token).")
@click.option("--token", help="Token for write requests (default with --allow-writes: a random one, printed).")
def serve(db: str | None, host: str, port: int, allow_writes: bool, token: str | None):
    """Serve the web workspace (map, articles, places, propositions, search) and the JSON API (/api/...).

    Read-only unless --allow-writes; binds to loopback unless --host says otherwise."""
    import uvicorn

    from claimledger.cli.ledger_cmds import open_store
    from claimledger.errors import InputError
    from claimledger.store.repository import _safe_url
    from claimledger.web import create_app

    if token is not None and len(token) < 16:
        raise InputError("--token must be at least 16 characters")
    if token and not allow_writes:
        click.echo("claimledger: --token has no effect without --allow-writes", err=True)
    if allow_writes and not token:
        token = secrets.token_urlsafe(24)
        click.echo(f"write token: {token}", err=True)
    store = open_store(db)
    loopback = is_loopback(host)
    if not loopback:
        click.echo(
            f"claimledger: warning: listening on {host}: anyone who can reach it can read the ledger"
            + (" and, with the token, write to it" if allow_writes else ""),
            err=True,
        )
    # bound to loopback: accept only loopback Host headers (a DNS-rebinding page cannot reach the API)
    app = create_app(
        store,
        allow_writes=allow_writes,
        token=token if allow_writes else None,
        allowed_hosts=LOOPBACK_NAMES if loopback else None,
    )
    shown = f"[{host}]" if ":" in host else host
    click.echo(
        f"claimledger: serving {_safe_url(store.url)} on http://{shown}:{port}/ "
        f"({'writes allowed' if allow_writes else 'read-only'}); Ctrl-C to stop",
        err=True,
    )
    uvicorn.run(
        app, host=host, port=port, log_level="warning", server_header=False, proxy_headers=False, access_log=False
    )

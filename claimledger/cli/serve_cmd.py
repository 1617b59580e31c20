"""`claimledger serve`: the web workspace and JSON API over a ledger database."""

from __future__ import annotations

import ipaddress
import secrets

import click

LOOPBACK_NAMES = ["127.0.0.1", "localhost", "::1"]
TOKEN_ENV = "CLAIMLEDGER_TOKEN"
MAX_TOKEN_FILE = 4096


def write_token(token: str | None, token_file: str | None) -> tuple[str | None, str]:
    """The write token and where it came from: --token-file, else --token, else $CLAIMLEDGER_TOKEN (both
    options at once is an error).  None when none is given."""
    import os
    import stat

    from claimledger.errors import InputError

    if token_file is not None and token is not None:
        raise InputError("give the write token once: --token-file or --token, not both")
    if token_file is not None:
        try:
            with open(token_file, "rb") as f:
                if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):
                    raise InputError(f"--token-file {token_file}: not a regular file")
                raw = f.read(MAX_TOKEN_FILE + 1)
        except OSError as exc:
            raise InputError(f"--token-file {token_file}: {exc.strerror or exc}") from None
        if len(raw) > MAX_TOKEN_FILE:
            raise InputError(f"--token-file {token_file}: larger than {MAX_TOKEN_FILE} bytes")
        try:
            lines = raw.decode("utf-8").strip().splitlines()
        except UnicodeDecodeError:
            raise InputError(f"--token-file {token_file}: not UTF-8 text") from None
        if not lines or not lines[0].strip():
            raise InputError(f"--token-file {token_file}: empty")
        return lines[0].strip(), "--token-file"
    if token is not None:
        return token, "--token"
    env = os.environ.get(TOKEN_ENV, "").strip()
    return (env, f"${TOKEN_ENV}") if env else (None, "")


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
@click.option(
    "--token-file",
    type=click.Path(dir_okay=False, path_type=str),
    help=f"File holding the write token (first line).  Else ${TOKEN_ENV}; else a random token, printed.",
)
@click.option(
    "--token",
    help="Write token on the command line: visible to every user in `ps`; prefer --token-file or $" + TOKEN_ENV + ".",
)
@click.option(
    "--no-cache",
    is_flag=True,
    help="Do not keep responses between commits to the ledger (for measuring the queries themselves).",
)
@click.option(
    "--overlay-dir",
    type=click.Path(file_okay=False, path_type=str),
    help="Folder of dated occupied-area snapshots (DeepStateMap GeoJSON, YYYYMMDD in the file name): the map's "
    "reference overlay follows the date slider.",
)
@click.option(
    "--online-tiles",
    is_flag=True,
    help="Offer an online tile layer on the map (off until ticked); the CSP then allows that tile server's images.",
)
@click.option(
    "--tile-url",
    default="https://tile.openstreetmap.org/{z}/{x}/{y}.png",
    show_default=True,
    help="Tile URL template for --online-tiles (https only).",
)
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Server processes sharing the port: more requests answered at once on a machine with several cores.",
)
def serve(
    db: str | None,
    host: str,
    port: int,
    allow_writes: bool,
    token_file: str | None,
    token: str | None,
    no_cache: bool,
    overlay_dir: str | None,
    online_tiles: bool,
    tile_url: str,
    workers: int,
):
    """Serve the web workspace (map, articles, places, propositions, search) and the JSON API (/api/...).

    Read-only unless --allow-writes; binds to loopback unless --host says otherwise.  Writes need the token
    as `Authorization: Bearer <token>`."""
    import os

    import uvicorn

    from claimledger.cli.ledger_cmds import open_store
    from claimledger.errors import InputError
    from claimledger.errors import mask_url as _safe_url
    from claimledger.web.serving import CONFIG_ENV, ServeSettings, build_app

    token, source = write_token(token, token_file)
    if token is not None and len(token) < 16:
        raise InputError(f"the write token ({source}) must be at least 16 characters")
    if token and not allow_writes:
        click.echo(f"claimledger: the write token ({source}) has no effect without --allow-writes", err=True)
    if allow_writes and not token:
        token = secrets.token_urlsafe(24)
        click.echo(f"write token: {token}", err=True)
    snapshots = None
    if overlay_dir is not None:
        from claimledger.geo.polygons import read_snapshots

        snapshots = read_snapshots(overlay_dir)
    if online_tiles:
        from claimledger.web.overlay import tile_origin

        try:
            tile_origin(tile_url)
        except ValueError as exc:
            raise InputError(f"--tile-url: {exc}") from None
    store = open_store(db)
    loopback = is_loopback(host)
    if not loopback:
        click.echo(
            f"claimledger: warning: listening on {host}: anyone who can reach it can read the ledger"
            + (" and, with the token, write to it" if allow_writes else ""),
            err=True,
        )
    # bound to loopback: accept only loopback Host headers (a DNS-rebinding page cannot reach the API)
    settings = ServeSettings(
        url=store.url,
        allow_writes=allow_writes,
        token=token if allow_writes else None,
        allowed_hosts=LOOPBACK_NAMES if loopback else None,
        cache=not no_cache,
        overlay_dir=overlay_dir,
        tile_url=tile_url if online_tiles else None,
    )
    shown = f"[{host}]" if ":" in host else host
    click.echo(
        f"claimledger: serving {_safe_url(store.url)} on http://{shown}:{port}/ "
        f"({'writes allowed' if allow_writes else 'read-only'}"
        f"{f', {workers} worker processes' if workers > 1 else ''}); Ctrl-C to stop",
        err=True,
    )
    options = dict(host=host, port=port, log_level="warning", server_header=False, proxy_headers=False)
    if workers == 1:
        uvicorn.run(build_app(settings, store, snapshots), access_log=False, **options)
        return
    store.engine.dispose()  # the workers open their own connections; this process only supervises them
    os.environ[CONFIG_ENV] = settings.to_env()  # each worker builds its app from these settings
    uvicorn.run("claimledger.web.serving:app_from_env", factory=True, workers=workers, access_log=False, **options)

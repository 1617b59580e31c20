"""A private PostgreSQL server for the test session: initdb in a temporary folder, listening on 127.0.0.1
on a free port, stopped at the end.  Debian's server refuses to run as root, so as root it runs as the
'postgres' system user the package creates."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time


class PostgresUnavailable(RuntimeError):
    pass


def _bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if not found:
        raise PostgresUnavailable(f"{name} not found (run scripts/ensure-postgres.sh)")
    return found[-1]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PostgresServer:
    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="claimledger-pg-")
        self.data = os.path.join(self.dir, "data")
        self.port = _free_port()
        self.as_user: list[str] = []
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres", "postgres")
            self.as_user = ["runuser", "-u", "postgres", "--"]

    def _run(self, *args: str) -> None:
        proc = subprocess.run([*self.as_user, *args], capture_output=True, text=True, timeout=120)
        if proc.returncode != 0:
            raise PostgresUnavailable(
                f"{os.path.basename(args[0])} failed: {(proc.stderr or proc.stdout).strip()[:300]}"
            )

    def start(self) -> str:
        self._run(_bin("initdb"), "-D", self.data, "-U", "claimledger", "--auth=trust", "-E", "UTF8", "--locale=C")
        self._run(
            _bin("pg_ctl"),
            "-D",
            self.data,
            "-w",
            "-t",
            "60",
            "-l",
            os.path.join(self.dir, "log"),
            "-o",
            f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off",
            "start",
        )
        for _ in range(50):
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        self._run(_bin("createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "claimledger", "claimledger")
        return self.url("claimledger")

    def url(self, db: str) -> str:
        return f"postgresql+psycopg://claimledger@127.0.0.1:{self.port}/{db}"

    def new_database(self, name: str) -> str:
        self._run(_bin("createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "claimledger", name)
        return self.url(name)

    def stop(self) -> None:
        try:
            self._run(_bin("pg_ctl"), "-D", self.data, "-m", "immediate", "stop")
        except PostgresUnavailable:
            pass
        shutil.rmtree(self.dir, ignore_errors=True)

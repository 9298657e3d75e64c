"""A throwaway PostgreSQL cluster for the test session, from the machine's own binaries.

``Cluster.start()`` runs ``initdb`` into a temporary folder, starts the server on a
free port of 127.0.0.1 (and a socket in the same folder) and ``Cluster.stop()``
stops it and removes the folder. The binaries are found through ``BBCS_PG_BIN``,
else ``pg_config --bindir``, else the newest ``/usr/lib/postgresql/*/bin``
(Debian's ``postgresql`` package). PostgreSQL refuses to run as root, so as root
every server command runs as the ``postgres`` user, who owns the folder.

The cluster trusts local connections: a test logs in as any role by name, as
each person of a county's window logs in as themself (SPEC §12).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path
from typing import Any

SUPERUSER = "postgres"


def binaries() -> Path | None:
    """The folder of ``initdb`` and ``pg_ctl``, or None when this machine has none."""
    given = os.environ.get("BBCS_PG_BIN")
    if given:
        return Path(given)
    with contextlib.suppress(OSError, subprocess.CalledProcessError):
        found = subprocess.run(
            ["pg_config", "--bindir"], capture_output=True, text=True, check=True
        ).stdout.strip()
        if (Path(found) / "initdb").exists():
            return Path(found)
    versions = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"),
        key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0,
    )
    return versions[-1].parent if versions else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Cluster:
    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.folder = Path(tempfile.mkdtemp(prefix="bbcs-pg-"))
        self.data = self.folder / "data"
        self.port = _free_port()
        self.as_root = hasattr(os, "geteuid") and os.geteuid() == 0
        self._logins: set[str] = set()

    def _run(self, *command: str) -> None:
        line = [str(self.bindir / command[0]), *command[1:]]
        if self.as_root:
            line = ["runuser", "-u", SUPERUSER, "--", *line]
        done = subprocess.run(line, capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(command[:2])} failed: {done.stderr or done.stdout}")

    def start(self) -> Cluster:
        if self.as_root:
            shutil.chown(self.folder, SUPERUSER, SUPERUSER)
        self._run(
            "initdb", "-D", str(self.data), "-U", SUPERUSER, "--auth=trust",
            "--encoding=UTF8", "--no-locale",
        )  # fmt: skip
        options = (
            f"-c listen_addresses=127.0.0.1 -c port={self.port} "
            f"-c unix_socket_directories={self.folder} -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
        )
        self._run(
            "pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.folder / "log"),
            "-w", "start",
        )  # fmt: skip
        return self

    def stop(self) -> None:
        with contextlib.suppress(RuntimeError):
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)

    def url(self, database: str = "postgres", user: str | None = SUPERUSER) -> str:
        """The database's URL; with ``user=None`` the login comes from ``PGUSER``."""
        who = f"{user}@" if user else ""
        return f"postgresql://{who}127.0.0.1:{self.port}/{database}"

    # ------------------------------------------------------------ for the tests

    TESTERS = "bbcs_testers"  # owns each test's database; every test login is in it

    def admin(self) -> Any:
        import psycopg

        return psycopg.connect(self.url(), autocommit=True)

    def new_database(self, name: str, template: str | None = None) -> None:
        with self.admin() as db:
            if not db.execute(
                "SELECT 1 FROM pg_roles WHERE rolname = %s", (self.TESTERS,)
            ).fetchone():
                db.execute(f'CREATE ROLE "{self.TESTERS}" NOLOGIN')
            db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            source = f'TEMPLATE "{template}"' if template else "TEMPLATE template0 ENCODING 'UTF8'"
            source += " STRATEGY FILE_COPY"  # a small database copies faster than through WAL
            db.execute(f'CREATE DATABASE "{name}" OWNER "{self.TESTERS}" {source}')

    def drop_database(self, name: str) -> None:
        import psycopg

        with self.admin() as db:
            db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            for (role,) in db.execute(
                "SELECT rolname FROM pg_roles WHERE rolname LIKE %s", (name + "\\_%",)
            ).fetchall():
                # a copy of the database (a template) may still use the role: leave it then
                with contextlib.suppress(psycopg.Error):
                    db.execute(f'DROP ROLE IF EXISTS "{role}"')

    def ensure_login(self, name: str) -> None:
        """A person's login (SPEC §12): the server's administrator makes it; here, any name."""
        if name in self._logins:
            return
        quoted = '"' + name.replace('"', '""') + '"'
        with self.admin() as db:
            if not db.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (name,)).fetchone():
                db.execute(f'CREATE ROLE {quoted} LOGIN CREATEROLE IN ROLE "{self.TESTERS}"')
            else:  # made by an earlier test's user add: the same rights as any test login
                db.execute(f"ALTER ROLE {quoted} CREATEROLE")
                db.execute(f'GRANT "{self.TESTERS}" TO {quoted}')
        self._logins.add(name)

"""A ledger as an older bbcs left it, for the migration tests (SQLite's own schemas)."""

from __future__ import annotations

import sqlite3


def before_levels(con: sqlite3.Connection) -> None:
    """Take away what schema 8 added (SPEC §11, §12): the cases' master, cause, site and
    site due date, their indexes, the sites and each user's site."""
    for index in ("cases_phone", "cases_company", "cases_merged_into", "cases_site"):
        con.execute(f"DROP INDEX {index}")
    for column in ("merged_into", "cause", "site", "site_due"):
        con.execute(f"ALTER TABLE cases DROP COLUMN {column}")
    con.execute("DROP TABLE sites")
    con.execute("ALTER TABLE users DROP COLUMN site")

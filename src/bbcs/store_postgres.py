"""The PostgreSQL engine of the store (SPEC §12): psycopg 3 behind what the store asks of sqlite3.

The store writes its SQL once, in the placeholders of ``sqlite3`` (``?`` and
``:name``); ``PgConnection`` turns them into psycopg's (``%s`` and ``%(name)s``)
once per statement text, and gives rows that read like ``sqlite3.Row`` (by
position, by name, ``dict(row)``). What differs between the engines beyond that
(the schema, the write lock, full-text search, JSON access) lives here, beside the
SQLite engine in ``store``.

psycopg is imported only when a PostgreSQL ledger is opened: a clerk on the
embedded SQLite ledger never pays for it, and never needs it installed
(``pip install "bbcs[postgres]"`` brings the binary wheel, no compiler needed).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import psycopg

URL_SCHEMES = ("postgresql://", "postgres://")

# Every append of a write command serialises on this transaction-scoped advisory lock
# (taken right after BEGIN), so the chain has one line in commit order (SPEC §12).
WRITE_LOCK = 0x62626373  # "bbcs"


def is_url(target: str) -> bool:
    """Whether ``--db`` / ``BBCS_DB`` names a PostgreSQL database rather than a file."""
    return target.startswith(URL_SCHEMES)


# a quoted string or name, a cast, a named or positional parameter, a percent sign
_TOKENS = re.compile(r"'(?:[^']|'')*'|\"[^\"]*\"|::|:([A-Za-z_]\w*)|\?|%")


@lru_cache(maxsize=1024)
def translate(sql: str) -> str:
    """``sqlite3``'s placeholders as psycopg's, leaving quoted text and casts alone."""

    def one(match: re.Match[str]) -> str:
        token = match.group(0)
        if token == "?":
            return "%s"
        if token == "%":
            return "%%"
        if match.group(1) is not None:
            return f"%({match.group(1)})s"
        return token

    return _TOKENS.sub(one, sql)


class Row(Sequence[Any]):
    """A result row read by position, by column name, or whole with ``dict(row)``."""

    __slots__ = ("_index", "_values")

    def __init__(self, values: Sequence[Any], index: Mapping[str, int]) -> None:
        self._values = values
        self._index = index

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            return self._values[self._index[key]]
        return self._values[key]

    def __len__(self) -> int:
        return len(self._values)

    def __iter__(self) -> Iterator[Any]:
        return iter(self._values)

    def keys(self) -> list[str]:
        return list(self._index)

    def __repr__(self) -> str:
        return f"Row({dict(zip(self._index, self._values, strict=True))!r})"


def _row_factory(cursor: Any) -> Any:
    names = [column.name for column in cursor.description or ()]
    index = {name: i for i, name in enumerate(names)}

    def make(values: Sequence[Any]) -> Row:
        return Row(values, index)

    return make


class PgConnection:
    """One psycopg connection in autocommit mode: the store opens its own transactions.

    ``execute`` and ``executemany`` take the store's SQL as written for sqlite3.
    """

    def __init__(self, url: str) -> None:
        import psycopg

        self.url = url
        self.raw: psycopg.Connection[Any] = psycopg.connect(
            url, autocommit=True, row_factory=_row_factory
        )

    def execute(self, sql: str, params: Sequence[Any] | Mapping[str, Any] | None = None) -> Any:
        if params is None:
            return self.raw.execute(sql)
        return self.raw.execute(translate(sql), params)

    def executemany(self, sql: str, rows: Any) -> None:
        with self.raw.cursor() as cursor:
            cursor.executemany(translate(sql), list(rows))

    def begin_write(self) -> None:
        """A write transaction that holds the ledger's write lock until it ends."""
        self.raw.execute("BEGIN")
        self.raw.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))

    def close(self) -> None:
        self.raw.close()

    @property
    def login(self) -> str:
        """The database login: on PostgreSQL, the actor of every event (SPEC §12)."""
        row = self.raw.execute("SELECT current_user").fetchone()
        return str(row[0]) if row else ""

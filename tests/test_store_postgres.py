"""The PostgreSQL engine's connection: the store's sqlite3-style SQL on a real server (SPEC §12)."""

from __future__ import annotations

import pytest

from bbcs.store_postgres import WRITE_LOCK, PgConnection, is_url, translate


def test_placeholders_become_psycopgs_but_quoted_text_and_casts_stay() -> None:
    assert translate("SELECT * FROM t WHERE a = ? AND b = :name") == (
        "SELECT * FROM t WHERE a = %s AND b = %(name)s"
    )
    assert translate("SELECT '?', ':x', x::text, 'it''s ?' WHERE y LIKE '5%' AND z = ?") == (
        "SELECT '?', ':x', x::text, 'it''s ?' WHERE y LIKE '5%' AND z = %s"
    )
    assert translate("SELECT 100 % 7 WHERE a = ?") == "SELECT 100 %% 7 WHERE a = %s"


def test_a_ledger_named_by_url_is_postgresql_and_a_path_is_not() -> None:
    assert is_url("postgresql://clerk@db.example/bbcs")
    assert is_url("postgres://db/bbcs")
    assert not is_url("C:/ledgers/bbcs.db")
    assert not is_url("postgresql.db")


def test_rows_read_by_position_by_name_and_as_dicts(pg_url: str) -> None:
    db = PgConnection(pg_url)
    try:
        db.execute("CREATE TABLE t (a INTEGER, b TEXT)")
        db.executemany("INSERT INTO t (a, b) VALUES (?, ?)", [(1, "一"), (2, "二")])
        rows = db.execute(
            "SELECT a, b FROM t WHERE a >= :least ORDER BY a", {"least": 1}
        ).fetchall()
        assert [r[0] for r in rows] == [1, 2]
        assert rows[1]["b"] == "二"
        assert dict(rows[0]) == {"a": 1, "b": "一"}
        assert db.login == "postgres"
    finally:
        db.close()


def test_the_write_lock_holds_until_the_transaction_ends(pg_url: str) -> None:
    first, second = PgConnection(pg_url), PgConnection(pg_url)
    try:
        first.begin_write()
        taken = second.execute("SELECT pg_try_advisory_xact_lock(?)", (WRITE_LOCK,)).fetchone()[0]
        assert taken is False
        first.execute("COMMIT")
        second.execute("BEGIN")
        assert second.execute("SELECT pg_try_advisory_xact_lock(?)", (WRITE_LOCK,)).fetchone()[0]
        second.execute("ROLLBACK")
    finally:
        first.close()
        second.close()


@pytest.mark.parametrize("text", ["办不成事", "O'Brien", "100%"])
def test_text_goes_in_and_out_unchanged(pg_url: str, text: str) -> None:
    db = PgConnection(pg_url)
    try:
        assert db.execute("SELECT ?::text", (text,)).fetchone()[0] == text
    finally:
        db.close()


def test_the_schema_is_made_and_events_refuse_change(pg_url: str) -> None:
    import psycopg

    from bbcs.store_postgres import PgStore

    PgStore.create_or_open_url(pg_url).close()
    db = PgConnection(pg_url)
    try:
        db.execute(
            "INSERT INTO events (case_id, seq, kind, at, actor, os_user, data, hash, link) "
            "VALUES (?, 1, 'open', '2026-11-02T09:00:00+08:00', 'clerk1', 'x', '{}', 'h', 'l')",
            ("HX-2026-000001",),
        )
        for change in ("UPDATE events SET kind = 'close'", "DELETE FROM events", "TRUNCATE events"):
            with pytest.raises(psycopg.errors.RaiseException, match="never changed"):
                db.execute(change)
        assert db.execute("SELECT count(*) FROM events").fetchone()[0] == 1
    finally:
        db.close()

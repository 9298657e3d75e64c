"""The baselines of the benchmark: the cheapest honest way to do each job by hand.

Each runs as one Python process (``python -m bench.floors JOB ...``), so that its
time includes Python's own start-up, as bbcs's does, and uses nothing but the
standard library:

- ``import CSV DB``: read the cases file with ``csv`` and insert its rows as they are
  into one table with ``executemany``, in one transaction (the Python floor of an
  import; ``sqlite3 .import`` is the C floor);
- ``report DB FROM TO``: the figures a department report shows (assigned, closed,
  closed on time, satisfied, open past due, pushbacks charged) per department for
  the period and for the period before it, in hand-written SQL over the same tables;
- ``insert DB FIRST_ID``: insert the events from ``FIRST_ID`` on into an empty table of
  the same shape and indexes, with ``executemany`` (what a sweep that wrote them did);
- ``hash DB``: read every event once, in order, and SHA-256 its bytes (what ``verify``
  must at least do).
"""

from __future__ import annotations

import csv
import hashlib
import sqlite3
import sys
from datetime import date, timedelta
from pathlib import Path


def _connect(path: str) -> sqlite3.Connection:
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = FULL")
    return db


def import_rows(csv_path: str, db_path: str) -> int:
    Path(db_path).unlink(missing_ok=True)
    db = _connect(db_path)
    with open(csv_path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        columns = ", ".join(f'"{name}"' for name in header)
        db.execute(f"CREATE TABLE cases ({columns})")
        marks = ", ".join("?" for _ in header)
        db.execute("BEGIN IMMEDIATE")
        db.executemany(f"INSERT INTO cases VALUES ({marks})", reader)
        db.execute("COMMIT")
    return int(db.execute("SELECT count(*) FROM cases").fetchone()[0])


REPORT = """
WITH assigned AS (
    SELECT dept, count(*) AS n FROM holds
    WHERE role = 'lead' AND received BETWEEN :first AND :last GROUP BY dept
), closed AS (
    SELECT h.dept, count(*) AS n, sum(c.closed_on <= h.dept_due) AS on_time,
           sum(c.rating IN ('satisfied', 'basic')) AS satisfied
    FROM holds h JOIN cases c ON c.id = h.case_id
    WHERE h.role = 'lead' AND h.how = 'closed' AND h.ended BETWEEN :first AND :last
    GROUP BY h.dept
), overdue AS (
    SELECT lead_dept AS dept, count(*) AS n FROM cases
    WHERE status IN ('pending', 'in_progress', 'suspended') AND due_date < :last
    GROUP BY lead_dept
), pushed AS (
    SELECT dept, sum(charged) AS n FROM pushbacks
    WHERE day BETWEEN :first AND :last GROUP BY dept
)
SELECT d.code, a.n, c.n, c.on_time, c.satisfied, o.n, p.n
FROM departments d
LEFT JOIN assigned a ON a.dept = d.code LEFT JOIN closed c ON c.dept = d.code
LEFT JOIN overdue o ON o.dept = d.code LEFT JOIN pushed p ON p.dept = d.code
ORDER BY d.code
"""


def report(db_path: str, first: str, last: str) -> int:
    db = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    start, end = date.fromisoformat(first), date.fromisoformat(last)
    before_end = start - timedelta(days=1)
    before_start = before_end - (end - start)
    rows = 0
    for a, b in ((start, end), (before_start, before_end)):
        rows += len(db.execute(REPORT, {"first": a.isoformat(), "last": b.isoformat()}).fetchall())
    return rows


def insert_events(db_path: str, first_id: str) -> int:
    source = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    events = source.execute(
        "SELECT case_id, seq, kind, at, actor, os_user, data, hash, link FROM events "
        "WHERE id >= ? ORDER BY id",
        (int(first_id),),
    ).fetchall()
    scratch = Path(db_path).with_name("floor-events.db")
    scratch.unlink(missing_ok=True)
    db = _connect(str(scratch))
    db.execute(
        "CREATE TABLE events (id INTEGER PRIMARY KEY, case_id TEXT NOT NULL, seq INTEGER NOT "
        "NULL, kind TEXT NOT NULL, at TEXT NOT NULL, actor TEXT NOT NULL, os_user TEXT NOT NULL,"
        " data TEXT NOT NULL, hash TEXT NOT NULL, link TEXT NOT NULL, UNIQUE (case_id, seq))"
    )
    db.execute("CREATE INDEX events_hash ON events (hash)")
    db.execute("BEGIN IMMEDIATE")
    db.executemany(
        "INSERT INTO events (case_id, seq, kind, at, actor, os_user, data, hash, link) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        events,
    )
    db.execute("COMMIT")
    return len(events)


def hash_events(db_path: str) -> int:
    db = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    count = 0
    digest = hashlib.sha256()
    query = "SELECT case_id, seq, kind, at, actor, os_user, data, link FROM events ORDER BY id"
    for row in db.execute(query):
        one = hashlib.sha256("\x1f".join(map(str, row)).encode()).hexdigest()
        digest.update(one.encode())
        count += 1
    return count


JOBS = {"import": import_rows, "report": report, "insert": insert_events, "hash": hash_events}


def main() -> None:
    job, *args = sys.argv[1:]
    print(JOBS[job](*args))


if __name__ == "__main__":
    main()

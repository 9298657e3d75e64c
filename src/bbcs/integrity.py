"""``bbcs verify``: prove the ledger holds what bbcs wrote, and name what it does not.

Checks, all inside one read transaction (one snapshot while clerks go on writing),
each streamed so that memory stays flat on a ledger of millions of events:

- every event's content hash against its content, and the chain of links in the
  order written (link N = SHA-256(link N-1 + hash N), 64 zeros before the first);
- that the chain still passes through a head taken earlier (``--head N:HASH`` from
  a nightly or published report): a chain recomputed end to end fails here;
- every case rebuilt from its events (``projection.project``) against its stored
  row, holds and pushbacks; events without a case row, a case row without events, a case
  whose event numbers skip one, and a gap in the site's case numbers (a case
  deleted with all its events);
- the record chain (``records``: users, departments, calendar, policy, the audit
  log, published reports, the site code) checked the same way, through a record
  head given with ``--records-head``; and each record table holding exactly the
  latest row chained under each key: no row changed, added or deleted unseen;
- the append-only triggers (``store.GUARDS``) are still there;
- SQLite's own integrity check.

Each kind of finding is one sentence naming the first bad event or case, and how
many more of that kind there are. The ledger is never written.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from bbcs import fields
from bbcs.errors import InvalidInput
from bbcs.i18n import t
from bbcs.projection import project
from bbcs.store import (
    RECORD_TABLES,
    ZERO_LINK,
    Store,
    case_record,
    content_hash,
    hold_records,
    next_link,
    pushback_records,
    record_hash,
    search_text,
)

_HEAD = re.compile(r"(\d+):([0-9a-f]{64})")
STEP = 5000  # events between two progress reports

Progress = Callable[[int, int], None]  # (work done, total work), both counted in events


@dataclass(frozen=True)
class Head:
    """A chain head as printed in reports: the number of events and the last link."""

    count: int
    link: str

    @classmethod
    def parse(cls, text: str, *, refusal: str = "verify.bad_head") -> Head:
        """A head as typed; ``refusal`` is the sentence that names the option when it is not one."""
        match = _HEAD.fullmatch(text.strip().lower())
        if match is None:
            raise InvalidInput(refusal, head=text)
        return cls(int(match[1]), match[2])

    def __str__(self) -> str:
        return f"{self.count}:{self.link}"


@dataclass(frozen=True)
class Finding:
    """One kind of damage: the first place it was seen, and how many more like it."""

    key: str
    params: dict[str, Any]
    more: int = 0

    def __str__(self) -> str:
        sentence = t(self.key, **self.params)
        return sentence + t("verify.more", count=self.more) if self.more else sentence


@dataclass
class Verification:
    events: int = 0
    cases: int = 0
    head: str = ""
    records: int = 0
    records_head: str = ""
    findings: list[Finding] = field(default_factory=list)
    readable_by_others: bool = False


class _Tally:
    """The first occurrence of each kind of finding, in the order first seen, and its count."""

    def __init__(self) -> None:
        self.first: dict[str, dict[str, Any]] = {}
        self.count: dict[str, int] = {}

    def add(self, key: str, **params: Any) -> None:
        self.first.setdefault(key, params)
        self.count[key] = self.count.get(key, 0) + 1

    def findings(self) -> list[Finding]:
        return [Finding(key, params, self.count[key] - 1) for key, params in self.first.items()]


def readable_by_others(store: Store) -> bool:
    """Whether users outside the file's owner and group can read the ledger (never on Windows)."""
    if os.name == "nt" or store.path is None:
        return False
    return bool(store.path.stat().st_mode & stat.S_IROTH)


def verify(
    store: Store,
    head: Head | None = None,
    progress: Progress | None = None,
    records_head: Head | None = None,
) -> Verification:
    """Run every check on the ledger; the result lists the findings (empty when sound).

    ``head`` is a head of the event chain from a report, ``records_head`` one of the
    record chain from an earlier ``verify``.

    ``progress`` hears how far the two passes over the events have got, every few
    thousand events, for a progress bar on a large ledger.
    """
    tally = _Tally()
    result = Verification(readable_by_others=readable_by_others(store))
    with store.reading():
        total = 2 * store.event_count() if progress is not None else 0
        report = (lambda done: progress(done, total)) if progress is not None else None
        for table, name in store.missing_guards():
            tally.add("verify.guard_missing", table=t(f"table.{table}"), name=name)
        try:
            result.events, result.head = _check_chain(store, head, tally, report)
            result.cases = _check_cases(store, tally, report, result.events)
            result.records, result.records_head = _check_records(store, records_head, tally)
        except sqlite3.DatabaseError as error:  # a damaged page: the integrity check says where
            tally.add("verify.unreadable", reason=str(error))
        try:
            for problem in store.integrity_problems():
                tally.add("verify.sqlite", problem=problem)
        except sqlite3.DatabaseError as error:
            tally.add("verify.sqlite", problem=str(error))
    result.findings = tally.findings()
    return result


def _check_chain(
    store: Store, head: Head | None, tally: _Tally, report: Callable[[int], None] | None
) -> tuple[int, str]:
    """Walk the events in the order written; the number of events and the head found."""
    link, count = ZERO_LINK, 0
    if head is not None and head.count == 0 and head.link != ZERO_LINK:
        tally.add("verify.head_moved", head=str(head), count=0)
    for event in store.chain():
        count += 1
        where = {"event": event["id"], "case": event["case_id"], "seq": event["seq"]}
        try:
            data = json.loads(event["data"])
        except ValueError:
            tally.add("verify.event_unreadable", **where)
        else:
            actual = content_hash(
                event["case_id"],
                event["seq"],
                event["kind"],
                event["at"],
                event["actor"],
                event["os_user"],
                data,
            )
            if actual != event["hash"]:
                tally.add("verify.event_changed", **where)
        if next_link(link, event["hash"]) != event["link"]:
            tally.add("verify.chain_broken", **where)
        # go on from the stored link, so that one break is one finding, not all that follow
        link = event["link"]
        if head is not None and count == head.count and link != head.link:
            tally.add("verify.head_moved", head=str(head), count=count)
        if report is not None and count % STEP == 0:
            report(count)
    if head is not None and count < head.count:
        tally.add("verify.head_lost", head=str(head), count=head.count, events=count)
    return count, f"{count}:{link}"


def _check_records(store: Store, head: Head | None, tally: _Tally) -> tuple[int, str]:
    """Walk the record chain, then hold each record table against its latest records."""
    link, count = ZERO_LINK, 0
    latest: dict[tuple[str, str], tuple[int, str]] = {}
    if head is not None and head.count == 0 and head.link != ZERO_LINK:
        tally.add("verify.records_head_moved", head=str(head), count=0)
    for record in store.record_chain():
        count += 1
        where = {"record": record["id"], "what": _what(record["tbl"], record["key"])}
        try:
            row = json.loads(record["row"])
            actual = record_hash(record["tbl"], row)
        except (ValueError, TypeError):
            actual = ""
        if actual != record["hash"]:
            tally.add("verify.record_changed", **where)
        if next_link(link, record["hash"]) != record["link"]:
            tally.add("verify.record_chain_broken", **where)
        link = record["link"]
        latest[(record["tbl"], record["key"])] = (record["id"], record["hash"])
        if head is not None and count == head.count and link != head.link:
            tally.add("verify.records_head_moved", head=str(head), count=count)
    if head is not None and count < head.count:
        tally.add("verify.records_head_lost", head=str(head), count=head.count, records=count)
    for table, key in RECORD_TABLES.items():
        for row in store.stored_records(table):
            name = str(row[key])
            recorded = latest.pop((table, name), None)
            if recorded is None:
                tally.add("verify.row_unrecorded", what=_what(table, name))
            elif record_hash(table, row) != recorded[1]:
                written = store.record_row(recorded[0])
                column = next((c for c in (*row, *written) if row.get(c) != written.get(c)), key)
                tally.add(
                    "verify.row_differs",
                    what=_what(table, name),
                    field=column,
                    stored=_shown(row.get(column)),
                    expected=_shown(written.get(column)),
                )
        for table_key in [k for k in latest if k[0] == table]:
            tally.add("verify.row_deleted", what=_what(*table_key))
            del latest[table_key]
    for table_key in latest:  # a record of a table bbcs does not chain: a forged record
        tally.add("verify.row_deleted", what=_what(*table_key))
    return count, f"{count}:{link}"


def _what(table: str, key: str) -> str:
    """A row of a record table in words: "audit entry 3", "department ZJJ"."""
    return t(f"record.{table}", key=key)


def _keyed(items: Iterator[Any], key: Any) -> Iterator[tuple[str, Any]]:
    for item in items:
        yield key(item), item


def _check_cases(
    store: Store, tally: _Tally, report: Callable[[int], None] | None, done: int
) -> int:
    """Rebuild every case and compare; walks three streams sorted by case id side by side."""
    streams = [
        _keyed(store.events_by_case(), lambda pair: pair[0]),
        _keyed(store.stored_cases(), lambda pair: str(pair[0]["id"])),
        _keyed(store.stored_holds(), lambda pair: pair[0]),
        _keyed(store.stored_pushbacks(), lambda pair: pair[0]),
    ]
    heads: list[tuple[str, Any] | None] = [next(s, None) for s in streams]
    numbering = _Numbering(store.counters())
    rows = store.case_count()
    cases = 0
    while any(h is not None for h in heads):
        case_id = min(h[0] for h in heads if h is not None)
        found: list[Any] = [None, None, None, None]
        for i, h in enumerate(heads):
            if h is not None and h[0] == case_id:
                found[i] = h[1]
                heads[i] = next(streams[i], None)
        events, stored, holds, pushed = found
        numbering.saw(case_id, tally)
        row, text = stored if stored is not None else (None, None)
        if row is not None:
            cases += 1
            if not 1 <= row["n"] <= rows:
                # rows are never deleted, so their numbers run 1..count
                tally.add("verify.case_renumbered", case=case_id, n=row["n"], count=rows)
        if events is None:
            if row is not None:
                key = "verify.case_without_events"
            else:
                key = "verify.orphan_holds" if holds is not None else "verify.orphan_pushbacks"
            tally.add(key, case=case_id)
            continue
        _check_case(
            case_id,
            events[1],
            row,
            text,
            holds[1] if holds else [],
            pushed[1] if pushed else [],
            tally,
        )
        if report is not None and (done + len(events[1])) // STEP > done // STEP:
            report(done + len(events[1]))
        done += len(events[1])
    numbering.finish(tally)
    for n in store.orphan_texts():
        tally.add("verify.text_orphan", n=n)
    if report is not None:
        report(done)
    return cases


def _check_case(
    case_id: str,
    events: list[dict[str, Any]],
    row: dict[str, Any] | None,
    text: str | None,
    holds: list[tuple[Any, ...]],
    pushed: list[tuple[Any, ...]],
    tally: _Tally,
) -> None:
    """Compare every stored column of the case's projections with its rebuild: the row
    (but its number ``n``, which says only where the case's text is indexed), the holds,
    the pushbacks and the search index's body."""
    for expected, event in enumerate(events, start=1):
        if event["seq"] != expected:
            tally.add("verify.seq_gap", case=case_id, seq=expected)
            break
    if row is None:
        tally.add("verify.case_missing", case=case_id)
        return
    try:
        state = project(case_id, events)
        rebuilt = case_record(state)
        body = search_text(state)
    except Exception as error:  # tampered data can break any assumption of the replay
        tally.add("verify.case_unreplayable", case=case_id, reason=repr(error))
        return
    for name, value in rebuilt.items():
        if row.get(name) != value:
            tally.add(
                "verify.case_differs",
                case=case_id,
                field=name,
                stored=_shown(row.get(name)),
                expected=_shown(value),
            )
            break
    if [tuple(h) for h in hold_records(state)] != [tuple(h) for h in holds]:
        tally.add("verify.holds_differ", case=case_id)
    if [tuple(p) for p in pushback_records(state)] != [tuple(p) for p in pushed]:
        tally.add("verify.pushbacks_differ", case=case_id)
    if text is None:
        tally.add("verify.text_missing", case=case_id, n=row["n"])
    elif text != body:
        tally.add("verify.text_differs", case=case_id, n=row["n"])


def _shown(value: Any) -> str:
    return t("verify.empty") if value is None else json.dumps(value, ensure_ascii=False)


class _Numbering:
    """The site's case numbers per year must run 1..counter with no gap (SPEC §3)."""

    def __init__(self, counters: list[tuple[str, int, int]]) -> None:
        self.last = {(site, year): last for site, year, last in counters}
        self.next = dict.fromkeys(self.last, 1)

    def saw(self, case_id: str, tally: _Tally) -> None:
        match = fields.CASE_ID.fullmatch(case_id)
        if match is None:
            return
        key = (match[1], int(match[2]))
        if key not in self.next:
            return
        number = int(match[3])
        if number > self.next[key]:
            self._gone(key, self.next[key], tally)
        self.next[key] = max(self.next[key], number + 1)

    def finish(self, tally: _Tally) -> None:
        for key, last in self.last.items():
            if self.next[key] <= last:
                self._gone(key, self.next[key], tally)

    @staticmethod
    def _gone(key: tuple[str, int], number: int, tally: _Tally) -> None:
        site, year = key
        tally.add("verify.case_gone", case=f"{site}-{year}-{number:06d}")

"""A written urge left unanswered (SPEC §10), as pure rules, worked by hand across the
2026 National Day holiday: 10-01..10-07 off, Saturday 10-10 a working day (调休)."""

from __future__ import annotations

from datetime import date

from bbcs.models import EventKind
from bbcs.projection import CaseState, Hold
from bbcs.rules.calendar import Calendar
from bbcs.rules.urges import Move, moved_breach_day, still_unanswered

CALENDAR = Calendar({}, frozenset())
TUE = date(2026, 9, 29)  # the urge; the department is due Wednesday 09-30
DUE = "2026-09-30"


def _breach(*moves: Move, urged: date = TUE, due: str | None = DUE, **kw: bool) -> date | None:
    return moved_breach_day(CALENDAR, urged, due, 5, moves, **kw)


def test_the_breach_day_counts_five_working_days_from_the_due_date_across_the_holiday():
    # 10-08 Thu, 10-09 Fri, 10-10 Sat (调休), 10-12 Mon, 10-13 Tue
    assert _breach() == date(2026, 10, 13)


def test_an_urge_after_the_due_date_counts_from_the_urge():
    # from Fri 10-09: 10-10 Sat, 10-12, 10-13, 10-14, 10-15
    assert _breach(urged=date(2026, 10, 9)) == date(2026, 10, 15)
    # a department with no due date of its own (a co-department before §10's co due dates)
    assert _breach(due=None) == date(2026, 10, 12)  # 09-30, 10-08, 10-09, 10-10, 10-12


def test_an_extension_before_the_breach_day_moves_it_later():
    # 3 working days after 10-13: 10-14, 10-15, 10-16
    assert _breach(Move(date(2026, 10, 12), EventKind.EXTEND, 3)) == date(2026, 10, 16)
    # on the breach day itself it still counts; the day after, the urge was already ignored
    assert _breach(Move(date(2026, 10, 13), EventKind.EXTEND, 3)) == date(2026, 10, 16)
    assert _breach(Move(date(2026, 10, 14), EventKind.EXTEND, 3)) == date(2026, 10, 13)


def test_a_suspension_moves_the_breach_day_by_the_working_days_it_lasted():
    suspended = Move(date(2026, 10, 9), EventKind.SUSPEND)
    # suspended Fri 10-09 to Wed 10-14: 10-10, 10-12, 10-13, 10-14 are 4 working days
    resumed = Move(date(2026, 10, 14), EventKind.RESUME, 4)
    # 10-13 moved by 4: 10-14, 10-15, 10-16, 10-19
    assert _breach(suspended, resumed) == date(2026, 10, 19)
    # still suspended: no breach day yet
    assert _breach(suspended) is None
    # a suspension that begins after the breach day changes nothing
    assert _breach(Move(date(2026, 10, 14), EventKind.SUSPEND)) == date(2026, 10, 13)


def test_an_urge_during_a_suspension_moves_by_the_days_after_the_urge_only():
    # suspended since Thu 09-24 (7 working days by 10-12), urged Tue 09-29: of those,
    # 09-30, 10-08, 10-09, 10-10, 10-12 come after the urge; 10-13 moved by 5 is 10-20
    resumed = Move(date(2026, 10, 12), EventKind.RESUME, 7)
    assert _breach(resumed, suspended=True) == date(2026, 10, 20)
    assert _breach(suspended=True) is None


def _state(*holds: Hold, status: str = "in_progress") -> CaseState:
    return CaseState(id="HX-2026-000001", status=status, holds=list(holds))


def test_unanswered_means_the_same_hold_still_held_without_a_reply_and_not_suspended():
    held = Hold("ZJJ", "lead", "2026-09-21", DUE, 2)
    assert still_unanswered(_state(held), "ZJJ", 2, replied=False) is True
    assert still_unanswered(_state(held), "ZJJ", 2, replied=True) is False
    assert still_unanswered(_state(held), "GTJ", 2, replied=False) is False
    assert still_unanswered(_state(held, status="suspended"), "ZJJ", 2, replied=False) is False
    replied = Hold("ZJJ", "lead", "2026-09-21", DUE, 2, replied="2026-10-09")
    assert still_unanswered(_state(replied, status="replied"), "ZJJ", 2, replied=False) is False
    ended = Hold("ZJJ", "lead", "2026-09-21", DUE, 2, ended="2026-10-09", how="transferred")
    # transferred away and back: a new hold, not the one the urge chased
    again = Hold("ZJJ", "lead", "2026-10-10", "2026-10-20", 9)
    assert still_unanswered(_state(ended, again), "ZJJ", 2, replied=False) is False

"""Repeat complaints (重复件, SPEC §11): which earlier cases a new one may repeat.

A case repeats an earlier one with the same phone number or company when the earlier
case is still open, or was closed in the last ``rules.repeat_window`` calendar days
(default 30) before the new one is opened. A void case (a mistaken entry) repeats
nothing. ``open`` names up to ``SHOWN`` of them, the latest first, and still opens.

并单 (``link CASE --to MASTER``): the case closes at once as ``merged``, counted only as
``merged``; it is a ``repeat`` against the department that closed the master when the
master was closed in the ``repeat_window`` days before the case was opened (the matter
came back); merged after its lead's department due date, it is a late close for that
lead. ``link --undo`` takes a wrong link back (``require_unlinkable``).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from bbcs.errors import Conflict, WrongStatus
from bbcs.models import Result
from bbcs.rules import lifecycle

if TYPE_CHECKING:
    from bbcs.projection import CaseState

SHOWN = 3


def closed_since(today: date, window: int) -> date:
    """The first closing day that still makes an earlier case a repeat candidate.

    >>> closed_since(date(2026, 11, 2), 30).isoformat()
    '2026-10-03'
    """
    return today - timedelta(days=window)


# ------------------------------------------------------------------ 并单 (link)


def require_linkable(case: CaseState, master: CaseState, has_merged: bool) -> None:
    """A case pending, in progress or suspended merges into a master that is another case,
    neither merged nor void; a case others were merged into stays their master."""
    lifecycle.require(case, "link")
    if master.id == case.id:
        raise Conflict("link.self", case=case.id)
    if master.result in (Result.MERGED, Result.VOID):
        raise Conflict(
            "link.master_merged" if master.result == Result.MERGED else "link.master_void",
            case=case.id,
            master=master.id,
            into=master.merged_into,
        )
    if has_merged:
        raise Conflict("link.has_merged", case=case.id)


def repeat_charged(case: CaseState, master: CaseState, window: int) -> dict[str, Any] | None:
    """Whether the case is a repeat (重复件) the master's closing department answers for:
    the master was closed (not withdrawn) in the ``window`` calendar days before the case
    was opened. The department is the master's lead at its close (None: the window closed it)."""
    if master.closed_at is None or master.result in (Result.WITHDRAWN, Result.VOID):
        return None
    closed, opened = (
        date.fromisoformat(master.closed_at[:10]),
        date.fromisoformat(case.opened_at[:10]),
    )
    if not closed <= opened <= closed + timedelta(days=window):
        return None
    return {"master_closed": closed.isoformat(), "dept": master.lead_dept}


def late_lead(case: CaseState, day: date) -> str | None:
    """The lead a link charges with a late close: merged after its department due date."""
    if case.lead_dept is None or case.dept_due_date is None:
        return None
    return case.lead_dept if day.isoformat() > case.dept_due_date else None


def link_record(case: CaseState, master: CaseState, day: date, window: int) -> dict[str, Any]:
    """What the link event records beside its master and reason: the repeat it charges and
    the late close, each computed once so that a replay and the reports need no rule."""
    data: dict[str, Any] = {"master": master.id}
    repeat = repeat_charged(case, master, window)
    if repeat is not None:
        data["repeat"] = repeat
    late = late_lead(case, day)
    if late is not None:
        data["late_dept"] = late
    return data


def require_unlinkable(case: CaseState) -> tuple[int, str]:
    """Only a merged case can be unlinked: the seq and day of its standing link."""
    if case.result != Result.MERGED or case.linked is None:
        raise WrongStatus("unlink.not_merged", case=case.id)
    return case.linked

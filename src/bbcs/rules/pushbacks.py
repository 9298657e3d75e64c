"""Pushbacks (退回, SPEC §5): who may push a case back, to whom, and whom it is charged to.

A department pushes a case back only while it holds it, as lead or as a
co-department (``pusher_role``). It may name an onward department: the lead may
hand the case to one of its co-departments, nobody to a current lead or to
itself (``check_onward``). A pushback counts against the pusher (is *charged*)
unless the latest ruling on it found it valid, that is, the case had been
misrouted (``charged``). The lead's pushbacks are the ping-pong count that
raises a case to coordination (``rules.escalation``).
"""

from __future__ import annotations

from collections.abc import Iterable

from bbcs.errors import Conflict
from bbcs.models import Verdict

LEAD, CO = "lead", "co"


def pusher_role(case_id: str, pusher: str, lead: str | None, co: Iterable[str]) -> str:
    """``"lead"`` or ``"co"``: how the pushing department holds the case; refused if it does not."""
    if pusher == lead:
        return LEAD
    if pusher in co:
        return CO
    raise Conflict("pushback.not_holder", case=case_id, dept=pusher)


def check_onward(
    case_id: str, role: str, pusher: str, onward: str | None, lead: str | None, co: Iterable[str]
) -> None:
    """Refuse an onward department that already holds the case (the lead may pass to its co)."""
    if onward is None:
        return
    holders = [lead, *([] if role == LEAD else co)]
    if onward == pusher or onward in holders:
        raise Conflict("pushback.already_holds", case=case_id, dept=onward)


def moves_lead(role: str, onward: str | None) -> bool:
    """Whether the pushback gives the case a new lead, with a department clock of its own."""
    return role == LEAD and onward is not None


def charged(verdict: str | None) -> bool:
    """A pushback counts against the pusher unless ruled valid (the case was misrouted)."""
    return verdict != Verdict.VALID.value


def pingpong_count(roles: Iterable[str]) -> int:
    """The ping-pong count: pushbacks made by the lead (co-departments' do not count)."""
    return sum(1 for role in roles if role == LEAD)

"""Sites and referral (转办, SPEC §12): the windows of one ledger, and a case handed between them.

One ledger may hold several sites: the county window and its town and village windows.
Each user works at one (the ledger's first site by default) and the cases they open take
its code. ``refer CASE --to-site CODE`` hands a case up or down a level: its id and the
reporter's due date stay; every department hold ends as a transfer does (counted against
nobody); the case is ``pending`` at the receiving window, judged there on its own site
due date, ``add_working_days(refer day, limit)``; the sending window counts it only as
``referred_out``.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from bbcs.errors import Conflict
from bbcs.rules import lifecycle
from bbcs.rules.calendar import Calendar

if TYPE_CHECKING:
    from bbcs.projection import CaseState


def require_referable(state: CaseState, to_site: str) -> None:
    """A case pending or in progress goes to another site of the ledger."""
    lifecycle.require(state, "refer")
    if to_site == state.site:
        raise Conflict("refer.same_site", case=state.id, site=to_site)


def referral(
    calendar: Calendar, state: CaseState, to_site: str, day: date, limit: int
) -> dict[str, Any]:
    """What the refer event records: the sites, and the receiving window's own due date."""
    due = calendar.add_working_days(day, limit)[0].isoformat()
    return {"from_site": state.site, "to_site": to_site, "site_due": due}

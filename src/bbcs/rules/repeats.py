"""Repeat complaints (重复件, SPEC §11): which earlier cases a new one may repeat.

A case repeats an earlier one with the same phone number or company when the earlier
case is still open, or was closed in the last ``rules.repeat_window`` calendar days
(default 30) before the new one is opened. A void case (a mistaken entry) repeats
nothing. ``open`` names up to ``SHOWN`` of them, the latest first, and still opens.
"""

from __future__ import annotations

from datetime import date, timedelta

SHOWN = 3


def closed_since(today: date, window: int) -> date:
    """The first closing day that still makes an earlier case a repeat candidate.

    >>> closed_since(date(2026, 11, 2), 30).isoformat()
    '2026-10-03'
    """
    return today - timedelta(days=window)

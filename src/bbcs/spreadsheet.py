"""The formula guard: what every CSV and xlsx file bbcs writes does to text a spreadsheet would run.

Invariants:
- A text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
  return (after any quotes) gets one leading ``'``, so Excel and WPS show it
  instead of running it (CSV injection); ``unguard`` takes exactly that quote off
  again, so export → import → export gives the same bytes.
- Numbers are never guarded: ``-1`` stays a number a spreadsheet can sum.
"""

from __future__ import annotations

import re
from typing import Any

_FORMULA = re.compile(r"'*[=+\-@\t\r]")  # a cell that starts so gets (or had) a guarding '
_GUARD_START = frozenset("'=+-@\t\r")


def guard(text: str) -> str:
    """A text a spreadsheet will not run: a leading ``'`` before a formula character.

    A value that already starts with quotes before such a character gets one more,
    so that ``unguard`` always gives the value back.
    """
    # most texts start with nothing a spreadsheet runs: skip the pattern for them
    if text and text[0] in _GUARD_START and _FORMULA.match(text):
        return "'" + text
    return text


def unguard(text: str) -> str:
    """The text ``guard`` was given."""
    return text[1:] if text.startswith("'") and _FORMULA.match(text) else text


def cell(value: Any) -> str:
    """A value as a CSV cell: empty for null, numbers as they are, text guarded."""
    if value is None:
        return ""
    if type(value) is str:
        return guard(value)
    if isinstance(value, int | float):
        return str(value)
    return guard(str(value))


def guarded(value: Any) -> Any:
    """A value for an xlsx cell: text guarded, anything else (numbers, dates, null) as it is."""
    return guard(value) if isinstance(value, str) else value

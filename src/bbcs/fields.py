"""Checks on what people type: text lengths, control characters, phones, codes, yes or no.

Each check returns the cleaned value or raises ``InvalidInput`` naming the field,
so a command refuses bad input in one sentence before it writes anything.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TypeVar

from bbcs.errors import InvalidInput
from bbcs.models import Labelled

# SPEC §3 text limits, in characters
SHORT = 100  # names
MEDIUM = 1000  # reason, basis, comment
SUMMARY = 200
LONG = 4000  # detail, resolution, note
PHONE = 32

# Unicode's control characters (category Cc: C0, DEL and C1, where U+009B is a
# terminal's CSI), tab and newline aside in the long fields
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CONTROL_SHORT = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# what breaks a one-line field across lines or turns it around on a terminal or in
# a spreadsheet: the line and paragraph separators, and the bidi embeddings,
# overrides and isolates (a name that reads differently from what it holds)
_LAYOUT = re.compile(r"[\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_TRIMMED = " \t\n\r\x0b\x0c"
_PHONE = re.compile(r"[0-9 +\-]+")
SITE_CODE = re.compile(r"[A-Z][A-Z0-9]{0,9}")
DEPT_CODE = re.compile(r"[A-Z0-9][A-Z0-9_-]{0,19}")
MAX_WORKING_DAYS = 1000  # about four years: any count of working days a person types
MAX_CASE_NUMBER = 999_999  # case ids have six digits: SITE-YYYY-NNNNNN
CASE_ID = re.compile(r"([A-Z][A-Z0-9]{0,9})-(\d{4})-(\d{6})")

E = TypeVar("E", bound=Labelled)


def text(value: str, field: str, limit: int, *, multiline: bool = False) -> str:
    """A required text: trimmed, not empty, within ``limit`` characters, no control characters."""
    cleaned = _checked(value, field, limit, multiline)
    if not cleaned:
        raise InvalidInput("field.empty", field=field)
    return cleaned


def optional_text(
    value: str | None, field: str, limit: int, *, multiline: bool = False
) -> str | None:
    """An optional text: None or empty stays None."""
    if value is None:
        return None
    return _checked(value, field, limit, multiline) or None


def _checked(value: str, field: str, limit: int, multiline: bool) -> str:
    cleaned = value.strip()
    if len(cleaned) > limit:
        raise InvalidInput("field.too_long", field=field, limit=limit, length=len(cleaned))
    # str.strip() would also drop U+0085, U+2028 and the C0 separators at either
    # end; those are refused like anywhere else, only the spaces a shell or a
    # spreadsheet leaves around a value are trimmed
    characters(value.strip(_TRIMMED), field, multiline=multiline)
    return cleaned


def characters(value: str, field: str, *, multiline: bool = False) -> str:
    """``value`` when it holds nothing that would drive a terminal or break a line it should keep.

    For text that arrives whole (an events file's entries) as well as what people type.
    """
    if (_CONTROL if multiline else _CONTROL_SHORT).search(value):
        raise InvalidInput("field.control", field=field)
    if not multiline and _LAYOUT.search(value):
        raise InvalidInput("field.layout", field=field)
    return value


def phone(value: str | None) -> str | None:
    cleaned = optional_text(value, "phone", PHONE)
    if cleaned is not None and not _PHONE.fullmatch(cleaned):
        raise InvalidInput("field.phone", value=cleaned)
    return cleaned


def working_days(value: int, field: str) -> int:
    """A count of working days someone typed: 0 to ``MAX_WORKING_DAYS``."""
    if not 0 <= value <= MAX_WORKING_DAYS:
        raise InvalidInput("field.working_days", field=field, value=value, most=MAX_WORKING_DAYS)
    return value


def site_code(value: str) -> str:
    code = value.strip().upper()
    if not SITE_CODE.fullmatch(code):
        raise InvalidInput("site.bad_code", code=value)
    return code


def dept_code(value: str) -> str:
    code = value.strip().upper()
    if not DEPT_CODE.fullmatch(code) or code == "WINDOW":
        raise InvalidInput("dept.bad_code", code=value)
    return code


def choice(enum: type[E], value: str, field: str) -> E:
    """The member of ``enum`` named by ``value`` (English or Chinese), or a clear refusal."""
    member = enum.parse(value)
    if member is None:
        choices = ", ".join(f"{m.value} ({m.zh})" for m in enum)
        raise InvalidInput("field.choice", field=field, value=value, choices=choices)
    return member


# the words people type for yes and no (policy values, CSV cells), after lowering
TRUE_WORDS = frozenset(("true", "yes", "1", "on", "是"))
FALSE_WORDS = frozenset(("false", "no", "0", "off", "否"))


def boolean(value: str) -> bool | None:
    """True or False for a yes or a no in English or Chinese, None for anything else."""
    word = value.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    return None


def mask_phone(value: str | None) -> str | None:
    """``138****5678``: first 3 and last 4 digits kept when there are 8 or more, else all masked."""
    if not value:
        return value
    digits = [c for c in value if c.isdigit()]
    if len(digits) < 8:
        return "*" * len(digits) if digits else value
    kept_tail = "".join(digits[-4:])
    return "".join(digits[:3]) + "*" * (len(digits) - 7) + kept_tail


# ---------------------------------------------------------------- "did you mean"


def edit_distance(a: str, b: str) -> int:
    """The keystrokes from ``a`` to ``b``: insertions, deletions, substitutions (Levenshtein)."""
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, start=1):
        current = [i]
        for j, y in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        previous = current
    return previous[-1]


def closest(wanted: str, known: Sequence[tuple[str, str]]) -> tuple[str, str] | None:
    """The (code, name) a mistyped ``wanted`` most likely meant, or None when none is near.

    Ranked by edit distance on the code, then on the name; near means within half
    the length of the code or of the name (at least one keystroke).
    """
    typed = wanted.strip()

    def near(pair: tuple[str, str]) -> bool:
        code, name = pair
        return edit_distance(typed.upper(), code) <= max(1, len(code) // 2) or edit_distance(
            typed, name
        ) <= max(1, len(name) // 2)

    ranked = sorted(
        (p for p in known if near(p)),
        key=lambda p: (edit_distance(typed.upper(), p[0]), edit_distance(typed, p[1]), p[0]),
    )
    return ranked[0] if ranked else None

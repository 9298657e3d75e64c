"""Text as a terminal or a spreadsheet lays it out: a CJK character is two columns wide.

``width_of`` measures, ``wrap_line`` wraps by that measure: CJK text breaks between
any two characters, a Latin word stays whole, and a line never starts with closing
punctuation. Used by the help (``usage_zh``), the tables (``render``) and the xlsx
column widths (``render_reports``).
"""

from __future__ import annotations

import re
import unicodedata


def width_of(text: str) -> int:
    """Columns a terminal gives ``text``: two for a wide (CJK) character, one for the rest."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def is_wide(text: str) -> bool:
    """Whether ``text`` holds a wide (CJK) character."""
    return any(unicodedata.east_asian_width(ch) in "WF" for ch in text)


# a line never starts with closing punctuation
_NO_START = set("，。、；：？！）》」』”’,.;:?!)")
_TOKEN = re.compile(r"\s+|[^\s\u2e80-\u9fff\uff00-\uffef\u3000-\u303f]+|.")


def wrap_line(text: str, width: int, first: str, rest: str) -> list[str]:
    """``text`` as lines of at most ``width`` columns: words whole, CJK characters one by one.

    A line never starts with closing punctuation: the word before it goes down with it.
    """
    lines: list[str] = []
    indent, words = first, list[str]()  # the words of the line being filled
    for token in _TOKEN.findall(" ".join(text.split())):
        if token.isspace():
            if words and words[-1] != " ":
                words.append(" ")
            continue
        if words and width_of(indent + "".join(words) + token) > width:
            carry = [token]
            while len(words) > 1 and carry[0][0] in _NO_START:
                carry.insert(0, words.pop())
            lines.append((indent + "".join(words)).rstrip())
            indent, words = rest, [w for w in carry if w != " "]
            continue
        words.append(token)
    lines.append((indent + "".join(words)).rstrip())
    return lines

"""Calendar files (SPEC §5): a year's holiday schedule as ``date,kind,name`` rows.

Invariants: the whole file is read and every row checked before any is used, so a
bad row loads nothing; the file may be UTF-8 (with or without BOM) or GB18030, as
Excel and WPS save it (``text_files``). A row's kind is a holiday or a worked day,
in English or Chinese; an empty name is the kind itself. The ledger trims and
checks the name, so a control character is not trimmed away here.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

from bbcs import clock
from bbcs.errors import InvalidInput
from bbcs.text_files import read_text

COLUMNS = ("date", "kind", "name")
CalendarRow = tuple[date, bool, str]  # the day, whether it is worked, its name

# what a row's kind may say, and whether it makes the day a working day
KINDS = {
    "holiday": False,
    "休息日": False,
    "假日": False,
    "workday": True,
    "工作日": True,
    "上班": True,
}


def read_calendar_file(path: Path) -> tuple[list[CalendarRow], set[int]]:
    """The rows of a calendar file and the years they cover, all checked before any is used."""
    reader = csv.reader(io.StringIO(read_text(path)))
    header = [cell.strip().lower() for cell in next(reader, [])]
    if header[:3] != list(COLUMNS):
        raise InvalidInput("calendar.bad_header", path=str(path))
    rows: list[CalendarRow] = []
    for line, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) < 3:
            missing = ", ".join(COLUMNS[len(cells) :])
            raise InvalidInput("calendar.missing_cells", line=line, cells=missing)
        try:
            day = clock.parse_date(cells[0])
        except InvalidInput as error:
            raise InvalidInput("calendar.bad_row", line=line, problem=str(error)) from None
        kind = cells[1].strip().lower()
        if kind not in KINDS:
            raise InvalidInput("calendar.bad_kind", line=line, kind=cells[1])
        rows.append((day, KINDS[kind], cells[2] if cells[2].strip() else kind))
    if not rows:
        raise InvalidInput("calendar.empty", path=str(path))
    return rows, {day.year for day, _, _ in rows}

"""One encoding rule for every file people bring in: CSV ledgers and calendar files alike."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bbcs.calendar_file import read_calendar_file
from bbcs.errors import InvalidInput
from bbcs.text_files import encoding_of, read_text

TEXT = "date,kind,name\n2027-02-11,holiday,春节\n2027-02-07,上班,春节调休\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8-sig"),
        (("\ufeff" + TEXT).encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("gb18030"), "gb18030"),
        (TEXT.encode("gbk"), "gb18030"),  # GBK is a part of GB18030
    ],
    ids=["utf-8", "utf-8 with BOM (Excel)", "gb18030 (WPS)", "gbk (older Excel)"],
)
def test_a_file_as_excel_or_wps_saves_it_reads_back_as_typed(
    tmp_path: Path, data: bytes, encoding: str
) -> None:
    path = tmp_path / "file.csv"
    path.write_bytes(data)
    assert encoding_of(path) == encoding
    assert read_text(path) == TEXT


def test_a_file_in_neither_encoding_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "file.csv"
    path.write_bytes(b"date,kind,name\n\x81\x20\xff\n")
    with pytest.raises(InvalidInput) as refused:
        read_text(path)
    assert refused.value.key == "import.encoding"


def test_a_calendar_file_gives_its_days_worked_or_not_and_its_years(tmp_path: Path) -> None:
    path = tmp_path / "calendar.csv"
    path.write_bytes((TEXT + "2028-01-01,假日,\n").encode("gb18030"))
    rows, years = read_calendar_file(path)
    assert rows == [
        (date(2027, 2, 11), False, "春节"),
        (date(2027, 2, 7), True, "春节调休"),
        (date(2028, 1, 1), False, "假日"),
    ]
    assert years == {2027, 2028}

"""Files bbcs writes: private whatever the umask, replaced whole or not at all."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from bbcs.files import FILE_MODE, Replacement, create_private, write_atomically

pytestmark = pytest.mark.skipif(os.name == "nt", reason="modes are the folder's ACL on Windows")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_created_file_and_a_replaced_one_are_owner_and_group_only(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        create_private(tmp_path / "ledger.db")
        write_atomically(tmp_path / "report.csv", b"a,b\r\n")
    finally:
        os.umask(old)
    assert _mode(tmp_path / "ledger.db") == FILE_MODE
    assert _mode(tmp_path / "report.csv") == FILE_MODE
    assert (tmp_path / "report.csv").read_bytes() == b"a,b\r\n"


def test_a_replacement_left_unfinished_leaves_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "export.csv"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), Replacement(target) as replacement:
        replacement.write(b"half")
        raise RuntimeError
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export.csv"]

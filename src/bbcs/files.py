"""Every file bbcs writes besides the ledger itself: created private, replaced atomically.

Invariants:
- A file or folder bbcs creates is owner-and-group only (0660 / 0770), whatever
  the umask: reports, exports and backups name people.
- A file is written to a temporary file in the target's own folder, fsynced, and
  only then moved over the target (``Replacement``): a reader sees the old file or
  the new one, never half of one, and a failure leaves the old one in place.
- No output ever lands on a ledger: the open ledger, its ``-wal``/``-shm``/
  ``-journal`` companions, or any SQLite database (a backup, another window's
  ledger) is refused before anything is written (``refuse_ledger``).
"""

from __future__ import annotations

import contextlib
import io
import os
from pathlib import Path
from types import TracebackType
from typing import BinaryIO, TextIO

from bbcs.errors import InvalidInput

FILE_MODE = 0o660  # owner and group: the ledger and what comes out of it hold personal data
DIR_MODE = 0o770
SQLITE_MAGIC = b"SQLite format 3\x00"
WAL_MAGICS = (b"\x37\x7f\x06\x82", b"\x37\x7f\x06\x83")
COMPANIONS = ("-wal", "-shm", "-journal")


def create_private(path: Path) -> None:
    """Create ``path`` readable and writable by owner and group only, whatever the umask.

    For every file that holds personal data: the ledger, its backups, its exports.
    """
    os.close(_open_private(path, os.O_WRONLY))


def _open_private(path: Path, flags: int) -> int:
    """A descriptor of ``path``, created if need be, owner-and-group only whatever the umask."""
    fd = os.open(path, flags | os.O_CREAT, FILE_MODE)
    try:
        if hasattr(os, "fchmod"):  # not on Windows, where the folder's ACL decides
            os.fchmod(fd, FILE_MODE)
    except BaseException:
        os.close(fd)
        raise
    return fd


def make_folder(path: Path) -> None:
    """Create ``path`` and any missing parents as owner-and-group folders.

    Folders that already exist keep their modes: they are the office's, not ours.
    """
    missing: list[Path] = []
    folder = path
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    path.mkdir(parents=True, exist_ok=True)
    if os.name != "nt":
        for created in missing:
            os.chmod(created, DIR_MODE)


def file_head(path: Path) -> bytes:
    """The first bytes of ``path``, as many as the SQLite header has (fewer for a short file)."""
    with path.open("rb") as handle:
        return handle.read(len(SQLITE_MAGIC))


def is_sqlite(path: Path) -> bool:
    """Whether ``path`` is an SQLite database or its write-ahead log."""
    try:
        head = file_head(path)
    except OSError:
        return False
    return head == SQLITE_MAGIC or head[:4] in WAL_MAGICS


def refuse_ledger(path: Path, ledger: Path | None) -> None:
    """Refuse ``path`` as an output when writing there would destroy a ledger."""
    target = _resolved(path)
    if ledger is not None:
        own = _resolved(ledger)
        if target == own or any(target == own.with_name(own.name + s) for s in COMPANIONS):
            raise InvalidInput("output.is_ledger", path=str(path))
    if target.is_dir():
        raise InvalidInput("output.is_folder", path=str(path))
    if is_sqlite(target):
        raise InvalidInput("output.is_ledger", path=str(path))
    for suffix in COMPANIONS:
        if target.name.endswith(suffix):
            owner = target.with_name(target.name[: -len(suffix)])
            if is_sqlite(owner):
                raise InvalidInput("output.is_ledger", path=str(path))


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:
        return path.absolute()


class Replacement:
    """A private temporary file beside ``path`` that replaces it on ``finish()``.

    Making one checks the target (not a ledger, its folder exists and is writable)
    before the caller writes anything anywhere, so a command can prepare its output
    first and commit its ledger change only once the output can surely be written.
    Used as a context manager, leaving the block with an exception removes the
    temporary file and leaves ``path`` as it was.
    """

    def __init__(self, path: Path, *, ledger: Path | None = None) -> None:
        refuse_ledger(path, ledger)
        folder = path.parent if str(path.parent) else Path(".")
        if not folder.is_dir():
            raise InvalidInput("output.no_folder", path=str(path), folder=str(folder))
        self.path = path
        self.temporary = folder / f".{path.name}.{os.getpid()}.tmp"
        fd = _open_private(self.temporary, os.O_EXCL | os.O_WRONLY)
        self.handle: BinaryIO = os.fdopen(fd, "wb")
        self.text: io.TextIOWrapper | None = None
        self.done = False

    def write(self, data: bytes) -> None:
        self.handle.write(data)

    def text_stream(self, encoding: str = "utf-8-sig") -> TextIO:
        """The file as text (UTF-8 with the BOM Excel needs, by default), CSV-ready."""
        self.text = io.TextIOWrapper(self.handle, encoding=encoding, newline="")
        return self.text

    def finish(self) -> None:
        """Make the written bytes durable and move them over the target."""
        if self.text is not None:
            self.text.flush()
            self.text.detach()
            self.text = None
        self.handle.flush()
        os.fsync(self.handle.fileno())
        self.handle.close()
        os.replace(self.temporary, self.path)
        self.done = True

    def abandon(self) -> None:
        if self.text is not None:
            with contextlib.suppress(OSError, ValueError):
                self.text.detach()
            self.text = None
        if not self.handle.closed:
            self.handle.close()
        self.temporary.unlink(missing_ok=True)

    def __enter__(self) -> Replacement:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if kind is not None or not self.done:
            self.abandon()


def write_atomically(path: Path, data: bytes, *, ledger: Path | None = None) -> None:
    """Write ``data`` to ``path`` through a ``Replacement``: all of it, or the old file."""
    with Replacement(path, ledger=ledger) as target:
        target.write(data)
        target.finish()

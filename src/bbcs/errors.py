"""The one error hierarchy of bbcs.

The core raises these and never prints; the CLI turns each into one sentence on
stderr and an exit status (``ExitCode``), in one place. The sentence comes from
the message catalogue, so it is Chinese or English as the interface language says.
"""

from __future__ import annotations

import errno
from enum import IntEnum
from typing import Any

from bbcs.i18n import t


class ExitCode(IntEnum):
    OK = 0
    ERROR = 1  # a user mistake or a finding: one sentence on stderr
    USAGE = 2  # the command line itself is malformed
    UNPRINTED = 3  # the change was made and saved; only printing what was done failed
    PIPE_CLOSED = 141  # the reader of our output went away (128 + SIGPIPE, as shells say)


class BbcsError(Exception):
    """A mistake a user can fix; its text is one sentence naming what is wrong."""

    exit_code = ExitCode.ERROR

    def __init__(self, key: str, /, **params: Any) -> None:
        self.key = key
        self.params = params
        super().__init__(key)

    def __str__(self) -> str:
        return t(self.key, **self.params)


class InvalidInput(BbcsError):
    """A value given on the command line or in a file is not acceptable."""


class NotFound(BbcsError):
    """A case, department or user that does not exist."""


class WrongStatus(BbcsError):
    """The command does not apply to the case in its present status."""


class Conflict(BbcsError):
    """The ledger already holds something that contradicts the request."""


class LedgerProblem(BbcsError):
    """The ledger file is missing, from another version, or damaged."""


class Forbidden(BbcsError):
    """The acting user's role does not allow this."""


class OutputFailed(BbcsError):
    """Standard output could not be written: closed, full, or a pipe whose reader left."""

    def __init__(self, error: OSError | None) -> None:
        self.error = error
        reason = os_reason(error) if error is not None else t("os.closed")
        super().__init__("output.failed", reason=reason)

    @property
    def pipe_closed(self) -> bool:
        return isinstance(self.error, BrokenPipeError)


OS_REASONS = {
    errno.ENOENT: "os.no_such",
    errno.EACCES: "os.denied",
    errno.EPERM: "os.denied",
    errno.ENOSPC: "os.full",
    errno.EISDIR: "os.is_folder",
    errno.ENOTDIR: "os.not_folder",
    errno.EROFS: "os.read_only",
    errno.EEXIST: "os.exists",
    errno.EBADF: "os.closed",
    errno.EPIPE: "os.closed",
}


def os_reason(error: OSError) -> str:
    """What went wrong with a file, in the interface language.

    In English the system's own words serve (``No space left on device``); in
    Chinese the catalogue's, since the system's are English whatever the locale.
    """
    from bbcs.i18n import language

    key = OS_REASONS.get(error.errno or 0)
    if key and (language() == "zh" or not error.strerror):
        return t(key)
    return str(error.strerror or error)

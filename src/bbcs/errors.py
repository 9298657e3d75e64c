"""The one error hierarchy of bbcs.

The core raises these and never prints; the CLI turns each into one sentence on
stderr and an exit status (``ExitCode``), in one place. The sentence comes from
the message catalogue, so it is Chinese or English as the interface language says.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from bbcs.i18n import t


class ExitCode(IntEnum):
    OK = 0
    ERROR = 1  # a user mistake or a finding: one sentence on stderr
    USAGE = 2  # the command line itself is malformed


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

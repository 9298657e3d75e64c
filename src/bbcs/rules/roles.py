"""Who may run which command, once users are registered (SPEC §8).

``refusal`` is pure: given the acting user (or None for an unregistered actor),
the command, and the departments that hold or held the case, it returns the
error to raise, or None when the command is allowed. ``Ledger._permit`` feeds it
from the ledger. With no users registered everyone may do everything (a
one-person window).

Command names are the words typed after ``bbcs`` (``"dept add"``, ``"policy set"``);
a few name a capability rather than a command: ``"unmask"`` (phone numbers in
full in an export), ``"export events"`` and ``"import events"`` (ledger exchange),
``"import"`` (a cases file) and ``"export"`` (cases, masked).

What roles guard against, honestly: mistakes, and a record of who did what. They
do not stop someone who can write the ledger file or set ``BBCS_USER``; file
permissions, the OS login in every event and the published chain head do that.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from bbcs.errors import BbcsError, Forbidden
from bbcs.models import Role

# cron runs these; nothing in them shows a phone number in full
ANYONE = frozenset({"report", "sweep", "verify", "backup"})

# reading that is not about any one case
GENERAL_READING = frozenset(
    {
        "dept list",
        "policy show",
        "user list",
        "calendar show",
        "calendar due",
        "calendar workdays",
        "calendar check",
        "site list",
    }
)

# what a department user may do, on the cases its department holds or held;
# list and search are narrowed to those cases rather than refused
# a department user's ``extend`` records a request (延期申请) a supervisor answers
DEPT = frozenset({"show", "list", "search", "note", "pushback", "accept", "reply", "extend"})
DEPT_CASE_SCOPED = frozenset({"show", "note", "pushback", "accept", "reply", "extend"})

CLERK = GENERAL_READING | {
    "show",
    "list",
    "search",
    "export",
    "open",
    "assign",
    "transfer",
    "amend",
    "note",
    "suspend",
    "resume",
    "close",
    "review",
    "pushback",
    "import",
    "accept",
    "urge",
    "reply",
    "redo",
    "print",
    "callback",
    "link",
    "refer",
}

SUPERVISOR = CLERK | {
    "escalate",
    "extend",
    "extend answer",
    "ruling",
    "reopen",
    "uphold",
    "void",
    "link undo",
    "unmask",
    "export events",
    "import events",
    "audit",
}

# an admin may do everything; these are what only an admin may do
ADMIN_ONLY = frozenset(
    {
        "init",
        "migrate",
        "dept add",
        "site add",
        "dept rename",
        "dept retire",
        "user add",
        "user role",
        "user retire",
        "calendar add",
        "calendar import",
        "policy set",
    }
)

ALLOWED: dict[Role, frozenset[str]] = {
    Role.DEPT: DEPT | GENERAL_READING,
    Role.CLERK: frozenset(CLERK),
    Role.SUPERVISOR: frozenset(SUPERVISOR),
}


@dataclass(frozen=True)
class User:
    name: str
    role: Role
    dept: str | None = None


def refusal(
    user: User | None,
    actor: str,
    command: str,
    *,
    case: str | None = None,
    held: Collection[str] = (),
    acting_for: str | None = None,
) -> BbcsError | None:
    """Why ``actor`` may not run ``command`` (on ``case``, held by ``held``); None if they may.

    ``user`` is None for an actor who is not registered while others are; a
    department user's ``acting_for`` (``pushback --from``) must be its own department.
    """
    if command in ANYONE:
        return None
    if user is None:
        return Forbidden("role.unregistered", user=actor)
    if user.role is Role.ADMIN:
        return None
    if command not in ALLOWED[user.role]:
        return Forbidden("role.forbidden", user=user.name, role=user.role, command=command)
    if user.role is Role.DEPT and command in DEPT_CASE_SCOPED:
        if user.dept not in held:
            return Forbidden("role.not_held", user=user.name, dept=user.dept, case=case)
        if acting_for is not None and acting_for != user.dept:
            return Forbidden("role.other_dept", user=user.name, dept=user.dept, other=acting_for)
    return None


def first_user_refusal(role: Role) -> BbcsError | None:
    """The first user registered must be an admin, so that someone can manage the rest."""
    return None if role is Role.ADMIN else Forbidden("user.first_admin")

"""Commands that keep the ledger trustworthy: ``verify``, ``audit``, ``backup``, ``user add|list``.

``verify`` and ``backup`` are open to anyone (cron runs them) and never write the
ledger; ``audit`` (supervisors and admins), ``user add`` and ``user list`` go
through the ledger's role checks.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from bbcs.edge import JsonOpt, ledger
from bbcs.help_zh import choices
from bbcs.help_zh import option as _h
from bbcs.i18n import t
from bbcs.models import Role
from bbcs.render import advancing as _progress

if TYPE_CHECKING:
    from bbcs.rules.roles import User

user_app = typer.Typer(help="Register and list users, change their roles, retire them.")


def verify(
    head: Annotated[
        str | None,
        typer.Option(
            "--head",
            help=_h(
                "A chain head N:HASH from an old report; the chain must still pass through it.",
            ),
            show_default=False,
        ),
    ] = None,
    records_head: Annotated[
        str | None,
        typer.Option(
            "--records-head",
            help=_h(
                "A record chain head N:HASH from an earlier verify; the chain must still pass through it.",
            ),
            show_default=False,
        ),
    ] = None,
) -> None:
    """Check every event, the chains, every case, every record and the file; name what is wrong.

    Example: bbcs verify --head 1200:3f5a...
    """
    from bbcs import render
    from bbcs.integrity import Head

    wanted = Head.parse(head) if head is not None else None
    wanted_records = (
        Head.parse(records_head, refusal="verify.bad_records_head")
        if records_head is not None
        else None
    )
    with ledger(write=False) as book, _progress(t("verify.progress")) as advance:
        result = book.verify(wanted, advance, wanted_records)
    if result.readable_by_others:
        render.warn(t("verify.world_readable", path=book.where))
    for finding in result.findings:
        render.warn(str(finding))
    if result.findings:
        raise typer.Exit(1)
    # the records first: reports and scripts read the event head off the end of the output
    render.line(t("verify.records_ok", records=result.records, head=result.records_head))
    render.line(t("verify.ok", events=result.events, cases=result.cases, head=result.head))


def audit(
    as_json: JsonOpt = False,
) -> None:
    """Show the audit log: who unmasked phone numbers, exported events or added users.

    Example: bbcs audit --json
    """
    from bbcs import render
    from bbcs.history import when
    from bbcs.store import canonical_json

    entries = ledger(write=False).audit_log()
    render.emit(
        entries,
        as_json,
        lambda found: render.simple_table(
            t("title.audit"),
            [t("col.when"), t("col.who"), t("col.login"), t("col.action"), t("col.details")],
            [
                (when(e["at"]), e["actor"], e["os_user"], e["action"], canonical_json(e["detail"]))
                for e in found
            ],
        ),
    )


def backup(
    dest: Annotated[
        Path,
        typer.Argument(
            help=_h(
                "File to write, or a folder to put a dated copy in.",
            ),
            show_default=False,
        ),
    ],
) -> None:
    """Copy the ledger safely while others write (SQLite online backup).

    Example: bbcs backup /srv/backup/bbcs/
    """
    from bbcs import render

    with ledger(write=False) as book:
        target = book.backup(dest)
    render.line(t("backup.done", path=book.where, dest=str(target)))


@user_app.command("add")
def user_add(
    name: Annotated[str, typer.Argument(help=_h("Login or chosen name."))],
    role: Annotated[
        str, typer.Option("--role", help=choices("The user's role.", Role), show_default=False)
    ],
    dept: Annotated[
        str | None,
        typer.Option(
            "--dept",
            help=_h("A dept user's department."),
            show_default=False,
        ),
    ] = None,
    site: Annotated[
        str | None,
        typer.Option(
            "--site",
            help=_h("The window the user works at (default: the ledger's first site)."),
            show_default=False,
        ),
    ] = None,
) -> None:
    """Register a user with a role; the first must be an admin.

    Example: bbcs user add wang --role dept --dept ZJJ
    """
    _said(ledger(write=True).add_user(name, role, dept, site), "user.added", "user.added_dept")


@user_app.command("list")
def user_list(
    as_json: JsonOpt = False,
) -> None:
    """List the registered users and their roles. Example: bbcs user list"""
    from bbcs import render
    from bbcs.history import when
    from bbcs.i18n import label
    from bbcs.models import Role

    users = ledger(write=False).users()
    render.emit(
        users,
        as_json,
        lambda found: render.simple_table(
            t("title.users"),
            [
                t("col.user"),
                t("col.role"),
                t("col.dept"),
                t("col.site"),
                t("col.added"),
                t("col.who"),
                t("col.retired"),
            ],
            [
                (
                    u["name"],
                    label(Role(u["role"])),
                    u["dept"] or "",
                    u.get("site") or "",
                    when(u["added_at"]),
                    u["added_by"],
                    u["retired_at"] or "",
                )
                for u in found
            ],
        ),
    )


def _said(user: User, key: str, with_dept: str) -> None:
    """Say what a user now is (added, role set): ``with_dept`` when they have a department."""
    from bbcs import render

    if user.dept:
        render.line(t(with_dept, user=user.name, role=user.role, dept=user.dept))
    else:
        render.line(t(key, user=user.name, role=user.role))


@user_app.command("role")
def user_role(
    name: Annotated[str, typer.Argument(help=_h("Login or chosen name."))],
    role: Annotated[str, typer.Argument(help=choices("The user's role.", Role))],
    dept: Annotated[
        str | None,
        typer.Option("--dept", help=_h("A dept user's department."), show_default=False),
    ] = None,
) -> None:
    """Give a user another role (recorded in the audit log).

    Example: bbcs user role wang supervisor
    """
    _said(ledger(write=True).set_role(name, role, dept), "user.role_set", "user.role_set_dept")


@user_app.command("retire")
def user_retire(
    name: Annotated[str, typer.Argument(help=_h("Login or chosen name."))],
) -> None:
    """Retire a user who has left; what they did stays in the history (audited).

    Example: bbcs user retire wang
    """
    from bbcs import render

    who = ledger(write=True).retire_user(name)
    render.line(t("user.retired_done", user=who))


def register(app: typer.Typer) -> None:
    """Join these commands to the ``bbcs`` app."""
    app.command("verify")(verify)
    app.command("audit")(audit)
    app.command("backup")(backup)
    app.add_typer(user_app, name="user")

"""``bbcs print``: the forms an office prints and hands to a department (SPEC §10).

Printing reads the ledger and never writes to it; docxtpl is imported only here.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from bbcs.edge import ledger
from bbcs.errors import InvalidInput, NotFound
from bbcs.help_zh import option as _h
from bbcs.i18n import t

if TYPE_CHECKING:
    from bbcs.ledger import Ledger


def print_(
    cases: Annotated[
        list[str] | None,
        typer.Argument(help=_h("Cases to print, one page each."), show_default=False),
    ] = None,
    form: Annotated[
        str,
        typer.Option(
            "--form",
            help=_h(
                "assign (交办单), urge (催办通知书), supervise (督办通知书) or reply (反馈单)."
            ),
            show_default=False,
        ),
    ] = "assign",
    dept: Annotated[
        str | None,
        typer.Option(
            "--dept",
            help=_h("With --overdue or --unaccepted: a department's batch."),
            show_default=False,
        ),
    ] = None,
    overdue: Annotated[
        bool, typer.Option("--overdue", help=_h("Every open case of --dept past its due date."))
    ] = False,
    unaccepted: Annotated[
        bool,
        typer.Option("--unaccepted", help=_h("Every case --dept holds and has not signed for.")),
    ] = False,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help=_h("Write to this file."), show_default=False),
    ] = None,
) -> None:
    """Print 交办单, 催办通知书, 督办通知书 or 办理情况反馈单 as one .docx, a page per case.

    Example: bbcs print 42 --form assign
    """
    from bbcs import forms, render

    book = ledger(write=False)
    if unaccepted:
        views = book.printable(_unsigned(book, cases or [], dept, overdue=overdue))
    else:
        views = book.printable(cases or [], dept=dept, overdue=overdue)
    names = {d.code: d.name for d in book.departments()}
    code = book.department(dept) if dept else None
    found = forms.pages(form, views, names, book.today, code)
    title = forms.form_named(form).title
    if output is None:
        which = found[0]["id"] if len(found) == 1 else (dept or book.today.isoformat())
        output = Path(f"{title}-{which}.docx")
    policy = book.policy
    forms.write(
        form, str(policy["site.name"]), found, str(policy["forms.dir"]), output, book.store_path
    )
    render.line(t("print.done", path=str(output), form=title, pages=len(found)))


def _unsigned(book: Ledger, cases: list[str], dept: str | None, *, overdue: bool) -> list[str]:
    """The ``--unaccepted`` batch: the cases of ``list --unaccepted`` that ``dept`` itself
    holds unsigned (催签), earliest accept due date first."""
    if overdue:
        raise InvalidInput("print.overdue_or_unaccepted")
    if cases:
        raise InvalidInput("print.cases_or_batch")
    if dept is None:
        raise InvalidInput("print.nothing")
    code = book.department(dept)
    found, _ = book.find(dept=code, unaccepted=True, mask=False)
    held = [c["id"] for c in found if any(h["dept"] == code for h in c["unaccepted"])]
    if not held:
        raise NotFound("print.none_unaccepted", dept=code)
    return held


def register(app: typer.Typer) -> None:
    """Join ``print`` to the ``bbcs`` app."""
    app.command("print")(print_)

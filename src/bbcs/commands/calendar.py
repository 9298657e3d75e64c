"""``bbcs calendar``: the working-day calendar, its overrides and its coverage (SPEC §5)."""

from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from bbcs.edge import JsonOpt, ledger, ledger_exists
from bbcs.errors import InvalidInput
from bbcs.help_zh import option as _h
from bbcs.i18n import language, t

if TYPE_CHECKING:
    from collections.abc import Mapping

    from bbcs.ledger import Ledger
    from bbcs.rules.calendar import Calendar
    from bbcs.rules.policy import PolicyValue

ZH = language() == "zh"


calendar_app = typer.Typer(help="Working days: show, count, and load holiday schedules.")


def _book(write: bool = False, command: str | None = None) -> "Ledger":
    return ledger(write=write, command=command)


def _calendar(command: str) -> "Calendar":
    """The ledger's calendar, or the statutory one alone when there is no ledger yet."""
    from bbcs.rules.calendar import Calendar

    if not ledger_exists():
        return Calendar()
    return _book(command=command).calendar


def _period(text: str | None) -> tuple[date, date]:
    from bbcs import clock

    if text is None:
        today = clock.local_day(clock.now())
        first = today.replace(day=1)
    else:
        try:
            if len(text) == 4:
                year = clock.check_year(int(text), text)
                return date(year, 1, 1), date(year, 12, 31)
            first = date.fromisoformat(text + "-01")
        except ValueError:
            raise InvalidInput("calendar.bad_period", period=text) from None
        clock.check_year(first.year, text)
    after = (first + timedelta(days=32)).replace(day=1)
    return first, after - timedelta(days=1)


@calendar_app.command("show")
def calendar_show(
    period: Annotated[
        str | None,
        typer.Argument(
            help=_h("A month (YYYY-MM) or a year (YYYY); default this month."), show_default=False
        ),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Show a month (or a year) with holidays and 调休 working days marked.

    Example: bbcs calendar show 2026-10
    """
    from bbcs import render
    from bbcs.calendar_view import calendar_days

    first, last = _period(period)
    cal = _calendar("calendar show")
    days = calendar_days(cal, first, last, _override_names(first, last), zh=ZH)
    render.emit(days, as_json, _draw_months)


def _override_names(first: date, last: date) -> dict[str, tuple[str, str]]:
    if not ledger_exists():
        return {}
    return _book(command="calendar show").calendar_names(first, last)


def _draw_months(days: list[dict[str, Any]]) -> None:
    from rich.table import Table
    from rich.text import Text

    from bbcs import render

    out = render.console()
    months: dict[str, list[dict[str, Any]]] = {}
    for entry in days:
        months.setdefault(entry["date"][:7], []).append(entry)
    for month, entries in months.items():
        title = month + (" *" if entries[0]["provisional"] else "")
        table = Table(title=title, title_justify="left")
        for name in t("weekdays").split():
            table.add_column(name, justify="right")
        week: list[Text | str] = [""] * date.fromisoformat(entries[0]["date"]).weekday()
        for entry in entries:
            number = str(int(entry["date"][8:]))
            if entry["override"]:
                number += "*"
            # marked in words as well as colour: a printout or NO_COLOR has no colour
            if not entry["workday"] and not entry["weekend"]:
                cell = Text(f"{number}休", style="red")
            elif not entry["workday"]:
                cell = Text(number, style="red")
            elif entry["weekend"]:
                cell = Text(f"{number}班", style="bold yellow")
            else:
                cell = Text(number)
            week.append(cell)
            if len(week) == 7:
                table.add_row(*week)
                week = []
        if week:
            table.add_row(*(week + [""] * (7 - len(week))))
        out.print(table)
    out.print(t("calendar.legend"))


@calendar_app.command("due")
def calendar_due(
    start: Annotated[str, typer.Argument(help=_h("Registration date."))],
    limit: Annotated[str, typer.Argument(help=_h("Working days, or a complexity."))],
    as_json: JsonOpt = False,
) -> None:
    """The due date LIMIT working days after DATE. Example: bbcs calendar due 2026-09-30 simple"""
    from bbcs import clock, render
    from bbcs.calendar_view import limit_days

    first = clock.parse_date(start)
    days = limit_days(limit, _policy_values)
    due, provisional = _calendar("calendar due").add_working_days(first, days)
    document = {
        "from": first.isoformat(),
        "limit": days,
        "due": due.isoformat(),
        "provisional": provisional,
    }
    render.emit(document, as_json, _say_due)


def _policy_values() -> "Mapping[str, PolicyValue]":
    """The ledger's policy in force, or the defaults when there is no ledger yet."""
    if ledger_exists():
        return _book(command="calendar due").policy.values
    from bbcs.ledger import policy_defaults

    return policy_defaults()


def _say_due(document: dict[str, Any]) -> None:
    from bbcs import render

    due = document["due"]
    render.line(t("calendar.due", due=due, limit=document["limit"], start=document["from"]))
    if document["provisional"]:
        render.warn(t("out.provisional", year=int(due[:4])))


@calendar_app.command("workdays")
def calendar_workdays(
    start: Annotated[str, typer.Argument(help=_h("First day."))],
    end: Annotated[str, typer.Argument(help=_h("Last day."))],
    as_json: JsonOpt = False,
) -> None:
    """Working days after FROM up to and including TO. Example: bbcs calendar workdays 2026-09-30 2026-10-12"""
    from bbcs import clock, render

    first, last = clock.parse_date(start), clock.parse_date(end)
    count = _calendar("calendar workdays").working_days(first, last)
    document = {"from": first.isoformat(), "to": last.isoformat(), "workdays": count}
    render.emit(
        document,
        as_json,
        lambda found: render.line(
            t("calendar.workdays", count=found["workdays"], start=found["from"], end=found["to"])
        ),
    )


@calendar_app.command("add")
def calendar_add(
    day: Annotated[str, typer.Argument(help=_h("The date."))],
    name: Annotated[str, typer.Argument(help=_h("Why, e.g. 台风停工."))],
    holiday: Annotated[bool, typer.Option("--holiday", help=_h("A day off."))] = False,
    workday: Annotated[bool, typer.Option("--workday", help=_h("A working day."))] = False,
) -> None:
    """Mark a day off or a working day; affected cases are re-dated.

    Example: bbcs calendar add 2026-09-15 台风停工 --holiday
    """
    from bbcs import clock, render

    if holiday == workday:
        raise InvalidInput("calendar.need_kind")
    when = clock.parse_date(day)
    count = _book(write=True).calendar_add(when, workday=workday, name=name)
    kind = t("calendar.workday") if workday else t("calendar.holiday")
    render.line(t("calendar.changed", day=when.isoformat(), kind=kind, name=name, count=count))


@calendar_app.command("import")
def calendar_import(
    path: Annotated[Path, typer.Argument(help=_h("CSV file: date,kind,name."))],
) -> None:
    """Load a year's holiday schedule (CSV date,kind,name); provisional due dates are recomputed.

    Example: bbcs calendar import data/calendar-2027.csv
    """
    from bbcs import render
    from bbcs.calendar_file import read_calendar_file

    rows, years = read_calendar_file(path)
    count = _book(write=True).calendar_import(rows, years)
    render.line(
        t(
            "calendar.imported",
            days=len(rows),
            years=", ".join(map(str, sorted(years))),
            count=count,
        )
    )


@calendar_app.command("check")
def calendar_check() -> None:
    """Exit 1 while a year that open cases' due dates reach has no holiday data (for cron).

    Example: bbcs calendar check
    """
    from bbcs import render

    missing = _book(command="calendar check").uncovered_years()
    if missing:
        render.warn(t("calendar.uncovered", years=", ".join(map(str, missing))))
        raise typer.Exit(1)
    render.line(t("calendar.covered"))

"""Printed forms (SPEC §10): 交办单, 催办通知书, 督办通知书 and 办理情况反馈单 as one .docx.

``pages`` turns a case (as ``Ledger.show`` gives it) into the fields of one page of a
form: the event it prints (the latest of its kind), the addressee, the case's facts,
the deadlines as dates in Chinese (2026年10月10日) and the instruction. ``write``
fills the form's template (``data/forms/FORM.docx``, or the office's own in the
folder ``policy set forms.dir`` names, with the same field names; see
``scripts/make_forms.py``) with one page per case and writes it atomically. Printing
reads the ledger and never writes to it. docxtpl is imported only here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from bbcs import clock
from bbcs.errors import InvalidInput, NotFound
from bbcs.models import EventKind


@dataclass(frozen=True)
class Form:
    title: str
    # the event a page prints: the latest for which this says yes
    prints: Callable[[Mapping[str, Any], str | None], bool]
    instruction: str
    # the event's field printed under ``extra_label``, if any
    extra_field: str | None = None
    extra_label: str = ""
    # whether the page goes to the department the event names (an urge, a reply, the
    # department a 督办 counts against) rather than to the lead; with ``--dept``, only
    # that department's events are printed
    to_event_dept: bool = True


def _made_lead(event: Mapping[str, Any], lead: str | None) -> bool:
    """The assign, transfer or pushback ``--to`` that gave the case to its current lead."""
    data = event["data"]
    kind = event["kind"]
    if kind == EventKind.ASSIGN.value:
        return bool(data.get("lead") == lead)
    if kind == EventKind.TRANSFER.value:
        return bool(data.get("to") == lead)
    return bool(
        kind == EventKind.PUSHBACK.value and data.get("role") == "lead" and data.get("to") == lead
    )


def _written_urge(event: Mapping[str, Any], _: str | None) -> bool:
    return bool(event["kind"] == "urge" and event["data"].get("how") == "written")


def _of(dept: str | None, event: Mapping[str, Any]) -> bool:
    """Whether the event concerns ``dept`` (any department when None)."""
    data = event["data"]
    return dept is None or dept in (
        data.get("dept"),
        data.get("by"),
        data.get("lead"),
        data.get("to"),
    )


def _supervision(event: Mapping[str, Any], _: str | None) -> bool:
    data = event["data"]
    return bool(event["kind"] == EventKind.ESCALATE.value and data.get("to") == "supervise")


def _reply(event: Mapping[str, Any], _: str | None) -> bool:
    return bool(event["kind"] == "reply")


FORMS: dict[str, Form] = {
    "assign": Form(
        "交办单",
        _made_lead,
        "现将上述事项交你单位办理，请于{dept_due}前办结，并将办理情况书面反馈本窗口。"
        "如认为不属你单位职责，请签收后及时书面说明理由和依据。",
        to_event_dept=False,
    ),
    "urge": Form(
        "催办通知书",
        _written_urge,
        "上述事项已交你单位办理，办理期限为{dept_due}。现予书面催办，请抓紧办理，"
        "并于收到本通知后将办理情况书面反馈本窗口；逾期仍未办结的，将予以通报。",
        "note",
        "催办说明",
    ),
    "supervise": Form(
        "督办通知书",
        _supervision,
        "上述事项已列为督办事项。请你单位主要负责同志亲自过问，于{due}前办结，"
        "并将办理结果书面报告本窗口。",
        "reason",
        "督办理由",
    ),
    "reply": Form(
        "办理情况反馈单",
        _reply,
        "以上为你单位反馈的办理情况，经窗口审核后办结或发回重办。",
        "resolution",
        "办理情况",
    ),
}


def chinese_date(iso: str | None) -> str:
    """``2026-10-10`` as 2026年10月10日; no date is 未定."""
    if not iso:
        return "未定"
    day = date.fromisoformat(iso[:10])
    return f"{day.year}年{day.month}月{day.day}日"


def form_named(name: str) -> Form:
    if name not in FORMS:
        raise InvalidInput("print.bad_form", form=name, forms=", ".join(FORMS))
    return FORMS[name]


def pages(
    name: str,
    views: Sequence[Mapping[str, Any]],
    names: Mapping[str, str],
    today: date,
    dept: str | None = None,
) -> list[dict[str, Any]]:
    """One page of form ``name`` per case: refused, naming the case, when a case has no
    event this form prints (no written urge recorded, never raised to 督办, no reply).
    With ``dept``, an urge or a reply is that department's."""
    form = form_named(name)
    found = []
    for view in views:
        lead = view.get("lead_dept")
        events = [e for e in view["events"] if not e.get("superseded")]
        printed = [
            e for e in events if form.prints(e, lead) and (not form.to_event_dept or _of(dept, e))
        ]
        if not printed:
            raise NotFound(f"print.no_event.{name}", case=view["id"])
        found.append(_page(form, view, printed[-1], names, today))
    return found


def _page(
    form: Form,
    view: Mapping[str, Any],
    event: Mapping[str, Any],
    names: Mapping[str, str],
    today: date,
) -> dict[str, Any]:
    def dept(code: str | None) -> str:
        return f"{names.get(code, code)}（{code}）" if code else "—"

    data = event["data"]
    to = (data.get("dept") if form.to_event_dept else None) or view.get("lead_dept")
    opened = clock.parse_datetime(str(view["opened_at"]))
    rows = [
        ("事项编号", view["id"]),
        ("受理时间", f"{chinese_date(opened.date().isoformat())} {opened:%H:%M}"),
        ("反映人", view.get("reporter") or "—"),
        ("联系电话", view.get("phone") or "—"),
        ("企业名称", view.get("company") or "—"),
        ("事项摘要", view.get("summary") or "—"),
        ("详细情况", view.get("detail") or "—"),
        ("牵头单位", dept(view.get("lead_dept"))),
        ("协办单位", "、".join(dept(c) for c in view.get("co_depts") or []) or "—"),
        ("办结期限", chinese_date(view.get("due_date"))),
        ("单位办理期限", chinese_date(view.get("dept_due_date"))),
    ]
    dates = {
        "due": chinese_date(view.get("due_date")),
        "dept_due": chinese_date(view.get("dept_due_date") or view.get("due_date")),
    }
    return {
        "title": form.title,
        "to": names.get(to, to) if to else "—",
        "id": view["id"],
        "seq": event["seq"],
        "event_day": chinese_date(str(event["at"])[:10]),
        "rows": rows,
        "instruction": form.instruction.format(**dates),
        "extra_label": form.extra_label,
        "extra": (data.get(form.extra_field) if form.extra_field else None) or "",
        "printed": chinese_date(today.isoformat()),
    }


def template(name: str, folder: str) -> Path:
    """The office's own template of form ``name`` when ``forms.dir`` names a folder, else ours."""
    from bbcs.resources import data_file

    if folder:
        own = Path(folder).expanduser() / f"{name}.docx"
        if not own.is_file():
            raise NotFound("print.no_template", path=str(own))
        return own
    return data_file(f"forms/{name}.docx")


def write(
    name: str,
    site: str,
    found: Sequence[Mapping[str, Any]],
    folder: str,
    out: Path,
    ledger: Path | None,
) -> None:
    """Fill the template with one page per case and write it to ``out``: all of it or
    nothing, never over the ledger."""
    import io

    from docxtpl import DocxTemplate

    from bbcs.files import write_atomically

    document = DocxTemplate(str(template(name, folder)))
    document.render({"site": site, "cases": list(found)}, autoescape=True)
    buffer = io.BytesIO()
    document.save(buffer)
    write_atomically(out, buffer.getvalue(), ledger=ledger)

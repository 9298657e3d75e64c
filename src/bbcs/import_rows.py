"""One row of a cases file, validated by a pydantic model: every problem of the row at once.

``CaseRow`` takes a row's cells by field name (strings, as read) and gives each
field in the ledger's own form. Each field is checked by the same function a
single write uses (``bbcs.fields``, ``bbcs.clock``), so a cell is refused for the
same reason, in the same words, as the same value typed at ``bbcs open``; pydantic
gathers the refusals of all of a row's cells in one pass, so the clerk fixes a row
once, not once per cell. A problem pydantic finds itself (a cell missing from the
input, say) gets its sentence from the catalogue through ``problem``.

Importing this module imports pydantic (about 100 ms): only ``bbcs import`` does.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, PlainValidator, ValidationError, ValidationInfo
from pydantic_core import ErrorDetails, PydanticCustomError

from bbcs import clock, fields
from bbcs.errors import BbcsError, InvalidInput
from bbcs.i18n import t
from bbcs.models import Channel, Complexity, Escalation, Labelled, Rating, Result, Status
from bbcs.rules import causes

__all__ = ["CaseRow", "ValidationError", "problems"]

_OURS = "bbcs"  # the pydantic error type of a refusal in our own words


def _ours(check: Callable[[str, ValidationInfo], Any]) -> PlainValidator:
    """A cell checked by ``check``; a refusal becomes a pydantic error carrying our sentence."""

    def validate(value: Any, info: ValidationInfo) -> Any:
        try:
            return check(str(value), info)
        except BbcsError as error:
            raise PydanticCustomError(_OURS, "{problem}", {"problem": str(error)}) from None

    return PlainValidator(validate)


def _text(limit: int, *, multiline: bool = False) -> PlainValidator:
    return _ours(lambda v, info: fields.text(v, str(info.field_name), limit, multiline=multiline))


def _optional(limit: int, *, multiline: bool = False) -> PlainValidator:
    return _ours(
        lambda v, info: fields.optional_text(v, str(info.field_name), limit, multiline=multiline)
    )


def _words(enum: type[Labelled]) -> dict[str, str]:
    """What a clerk may type for each member (value or either label) → the value."""
    names: dict[str, str] = {}
    for member in enum:
        for text in (member.value, member.en.lower(), member.zh):
            names[text] = member.value
    return names


def _choice(enum: type[Labelled], default: str | None = None) -> PlainValidator:
    names = _words(enum)

    def check(raw: str, info: ValidationInfo) -> str | None:
        word = raw.strip()
        if not word:
            return default
        value = names.get(word.lower()) or names.get(word)
        return value if value is not None else fields.choice(enum, raw, str(info.field_name)).value

    return _ours(check)


def _case_id(raw: str, _: ValidationInfo) -> str | None:
    case_id = raw.strip().upper()
    if case_id and not fields.CASE_ID.fullmatch(case_id):
        raise InvalidInput("import.bad_case_id", value=raw)
    return case_id or None


def _phone(raw: str, _: ValidationInfo) -> str | None:
    if "*" in raw:
        raise InvalidInput("import.masked_phone", value=raw.strip())
    return fields.phone(raw)


def _moment(raw: str, info: ValidationInfo) -> datetime | None:
    """A time of the row in the ledger's zone, never after now; empty is None unless required."""
    if not raw.strip():
        if info.field_name == "opened_at":
            raise InvalidInput("field.empty", field="opened_at")
        return None
    now: datetime = (info.context or {})["now"]
    moment = clock.parse_datetime(raw).astimezone(clock.zone())
    if moment > now:
        raise InvalidInput("time.future", at=clock.iso(moment), now=clock.iso(now))
    opened = info.data.get("opened_at")  # checked before, being defined before
    if info.field_name == "closed_at" and opened is not None and moment < opened:
        raise InvalidInput("import.before_opening", at=clock.iso(moment), opened=clock.iso(opened))
    return moment


def _day(raw: str, _: ValidationInfo) -> str | None:
    return clock.parse_date(raw.strip()).isoformat() if raw.strip() else None


def _count(raw: str, _: ValidationInfo) -> int:
    word = raw.strip()
    if word and not word.isdigit():
        raise InvalidInput("import.not_count", value=word)
    return int(word) if word else 0


def _flag(raw: str, _: ValidationInfo) -> bool:
    word = raw.strip()
    flag = fields.boolean(word) if word else False
    if flag is None:
        raise InvalidInput("import.not_bool", value=word.lower())
    return flag


def _as_is(raw: str, _: ValidationInfo) -> str:
    return raw


def _cause(raw: str, info: ValidationInfo) -> str | None:
    """A cause (常态建设) by its code or label, from the ledger's policy list."""
    if not raw.strip():
        return None
    return causes.cause_named(raw, (info.context or {})["policy"])


class CaseRow(BaseModel):
    """A cases-file row's own fields. Departments are looked up by the importer, which
    knows the ledger's registry, and the status's consistency with them is checked there."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    id: Annotated[str | None, _ours(_case_id)] = None
    summary: Annotated[str, _text(fields.SUMMARY)]
    detail: Annotated[str | None, _optional(fields.LONG, multiline=True)] = None
    reporter: Annotated[str, _text(fields.SHORT)]
    phone: Annotated[str | None, _ours(_phone)] = None
    company: Annotated[str | None, _optional(fields.SHORT)] = None
    category: Annotated[str | None, _optional(fields.SHORT)] = None
    resolution: Annotated[str | None, _optional(fields.LONG, multiline=True)] = None
    cause: Annotated[str | None, _ours(_cause)] = None
    channel: Annotated[str, _choice(Channel, Channel.WINDOW.value)] = Channel.WINDOW.value
    complexity: Annotated[str, _choice(Complexity, Complexity.NORMAL.value)] = (
        Complexity.NORMAL.value
    )
    escalation: Annotated[str, _choice(Escalation, Escalation.NONE.value)] = Escalation.NONE.value
    result: Annotated[str | None, _choice(Result)] = None
    rating: Annotated[str | None, _choice(Rating)] = None
    status: Annotated[str | None, _choice(Status)] = None
    opened_at: Annotated[datetime | None, _ours(_moment)] = None
    closed_at: Annotated[datetime | None, _ours(_moment)] = None
    due_date: Annotated[str | None, _ours(_day)] = None
    dept_due_date: Annotated[str | None, _ours(_day)] = None
    due_provisional: Annotated[bool, _ours(_flag)] = False
    extensions: Annotated[int, _ours(_count)] = 0
    pushbacks: Annotated[int, _ours(_count)] = 0
    reopened: Annotated[int, _ours(_count)] = 0
    lead_dept: Annotated[str, _ours(_as_is)] = ""
    co_depts: Annotated[str, _ours(_as_is)] = ""

    @classmethod
    def read(
        cls, cells: dict[str, str], now: datetime, policy: Mapping[str, Any] | None = None
    ) -> CaseRow:
        """The row, or ``ValidationError`` naming every bad cell (see ``problems``);
        ``policy`` (the ledger's values) gives the causes a cell may name."""
        context = {"now": now, "policy": policy or {}}
        return cls.model_validate({"opened_at": "", **cells}, context=context)


# pydantic's own error types, in the catalogue's words
_CATALOGUE = {"missing": "field.empty"}


def problems(error: ValidationError) -> list[tuple[str, str]]:
    """Each bad cell of a row as (field, sentence); the row as a whole has field ''."""
    found: list[tuple[str, str]] = []
    for detail in error.errors(include_url=False):
        found.append((_field(detail), _sentence(detail)))
    return found


def _field(detail: ErrorDetails) -> str:
    return str(detail["loc"][0]) if detail["loc"] else ""


def _sentence(detail: ErrorDetails) -> str:
    if detail["type"] == _OURS:
        return str((detail.get("ctx") or {})["problem"])
    key = _CATALOGUE.get(detail["type"], "field.invalid")
    return t(key, field=_field(detail))

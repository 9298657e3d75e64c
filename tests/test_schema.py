"""``bbcs schema``: what ``--json`` prints validates against the schema it publishes.

Each document is checked twice: by the pydantic model (strict, no unknown field)
and by the printed JSON Schema itself, read by the small validator below, so a
script that validates with any JSON Schema library sees what these tests see.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from bbcs import schemas
from bbcs.commands.schema import Document
from conftest import Run

JSON_TYPES = {
    "object": dict,
    "array": list,
    "string": str,
    "integer": int,
    "number": (int, float),
    "boolean": bool,
    "null": type(None),
}
KEYWORDS = {
    "$schema",
    "$defs",
    "$ref",
    "title",
    "description",
    "default",
    "type",
    "properties",
    "required",
    "additionalProperties",
    "items",
    "enum",
    "const",
    "anyOf",
    "oneOf",
    "discriminator",
    "pattern",
    "format",
    "minimum",
    "maximum",
}


def errors(schema: dict[str, Any], value: Any, root: dict[str, Any], at: str = "$") -> list[str]:
    """Where ``value`` breaks ``schema`` (the JSON Schema keywords pydantic emits)."""
    unknown = set(schema) - KEYWORDS
    assert not unknown, f"{at}: keywords this validator does not know: {unknown}"
    if "$ref" in schema:
        name = schema["$ref"].removeprefix("#/$defs/")
        return errors(root["$defs"][name], value, root, at)
    found: list[str] = []
    if "type" in schema:
        kind = JSON_TYPES[schema["type"]]
        if not isinstance(value, kind) or (isinstance(value, bool) and schema["type"] != "boolean"):
            return [f"{at}: {value!r} is not {schema['type']}"]
    if "enum" in schema and value not in schema["enum"]:
        found.append(f"{at}: {value!r} not in {schema['enum']}")
    if "const" in schema and value != schema["const"]:
        found.append(f"{at}: {value!r} is not {schema['const']!r}")
    if "pattern" in schema and not re.search(schema["pattern"], value):
        found.append(f"{at}: {value!r} does not match {schema['pattern']}")
    if "minimum" in schema and value < schema["minimum"]:
        found.append(f"{at}: {value!r} < {schema['minimum']}")
    if "maximum" in schema and value > schema["maximum"]:
        found.append(f"{at}: {value!r} > {schema['maximum']}")
    for choices in ("anyOf", "oneOf"):
        if choices in schema:
            passing = [s for s in schema[choices] if not errors(s, value, root, at)]
            wanted = len(passing) >= 1 if choices == "anyOf" else len(passing) == 1
            if not wanted:
                found.append(f"{at}: {len(passing)} of {choices} match {value!r:.60}")
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        for name in schema.get("required", []):
            if name not in value:
                found.append(f"{at}: {name} is missing")
        for name, item in value.items():
            if name in properties:
                found.extend(errors(properties[name], item, root, f"{at}.{name}"))
            elif schema.get("additionalProperties") is False:
                found.append(f"{at}: {name} is not in the schema")
            elif isinstance(schema.get("additionalProperties"), dict):
                found.extend(errors(schema["additionalProperties"], item, root, f"{at}.{name}"))
    if isinstance(value, list) and "items" in schema:
        for i, item in enumerate(value):
            found.extend(errors(schema["items"], item, root, f"{at}[{i}]"))
    return found


def published(bbcs: Run, document: str) -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(bbcs.ok("schema", document))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    return schema


def check(
    schema: dict[str, Any], model: type[schemas.Document | schemas.Report], text: str
) -> None:
    """``text`` passes both the model and the printed schema."""
    model.model_validate_json(text)
    assert errors(schema, json.loads(text), schema) == []


@pytest.fixture
def case_with_history(desk: Run) -> str:
    """A case that was pushed back, ruled on, extended, suspended, closed, reviewed and reopened."""
    case = desk.open(
        "路灯不亮", "--reporter", "李四", "--phone", "13812345678", "--dept", "ZJJ", "--co", "GTJ"
    )
    steps: list[tuple[str, ...]] = [
        ("pushback", case, "--from", "ZJJ", "--to", "SCJ", "--reason", "不属本局"),
        ("ruling", case, "invalid", "--reason", "属本局职责"),
        ("accept", case, "--dept", "SCJ"),
        ("urge", case, "--dept", "GTJ", "--how", "written"),
        ("escalate", case, "urgent", "--reason", "群众多次反映"),
        ("extend", case, "2", "--reason", "需现场勘验"),
        ("suspend", case, "--reason", "等待鉴定"),
        ("resume", case),
        ("amend", case, "--company", "某公司", "--reason", "登记遗漏"),
        ("note", case, "已电话催办"),
        ("reply", case, "--dept", "GTJ", "--result", "explained", "--resolution", "协办意见"),
        ("reply", case, "--result", "resolved", "--resolution", "已修复"),
        ("redo", case, "--reason", "答复不实"),
        ("reply", case, "--result", "resolved", "--resolution", "已修复"),
        ("close", case),
        ("review", case, "unsatisfied", "--comment", "仍不亮"),
    ]
    for day, step in enumerate(steps, start=3):
        desk.ok(*step, now=f"2026-11-{day:02d}T10:00")
    return case


def test_show_of_a_case_with_its_whole_history_validates(desk: Run, case_with_history: str) -> None:
    schema = published(desk, "case")
    text = desk.ok("show", case_with_history, "--json")
    shown = json.loads(text)
    kinds = {event["kind"] for event in shown["events"]}
    assert {"pushback", "ruling", "close", "review", "reopen"} <= kinds
    assert {"accept", "urge", "reply", "redo"} <= kinds
    assert {hold["ended"] for hold in shown["holds"]} >= {"pushed_back", "replied", None}
    check(schema, schemas.Case, text)


def test_list_and_search_items_validate(desk: Run, case_with_history: str) -> None:
    schema = published(desk, "case")
    desk.open("营业执照变更", "--reporter", "王五", "--complexity", "immediate")
    items = desk.json("list") + desk.json("search", "路灯")
    assert len(items) == 3
    for item in items:
        assert "events" not in item
        check(schema, schemas.Case, json.dumps(item))


def test_each_event_validates(desk: Run, case_with_history: str) -> None:
    schema = published(desk, "event")
    for event in desk.json("show", case_with_history)["events"]:
        del event["superseded"]  # show's mark, not part of the event
        check(schema, schemas.Event, json.dumps(event))


def test_every_report_kind_of_the_demo_validates(bbcs: Run, tmp_path: Path) -> None:
    demo = str(tmp_path / "demo.db")
    bbcs.ok("--db", demo, "demo")
    schema = published(bbcs, "report")
    runs: list[tuple[str, ...]] = [
        ("daily",),
        ("weekly", "--publish"),
        ("weekly", "--published"),
        ("monthly", "--from", "2026-09-01", "--to", "2026-11-30"),
        ("pushback", "--from", "2026-09-01"),
        ("casebook", "--from", "2026-09-01"),
        ("overdue",),
    ]
    kinds = set()
    for run in runs:
        text = bbcs.ok("--db", demo, "report", *run, "--json")
        document = json.loads(text)
        kinds.add(document["kind"])
        check(schema, schemas.Report, text)
    assert kinds == {"daily", "weekly", "monthly", "pushback", "casebook", "overdue"}
    out = tmp_path / "nightly"
    bbcs.ok("--db", demo, "report", "nightly", "--out", str(out))
    (nightly,) = out.glob("*.json")
    check(schema, schemas.Report, nightly.read_text(encoding="utf-8"))
    # after the sweep: system overdue and escalate events on the cases shown
    case_schema = published(bbcs, "case")
    for case in bbcs.json("--db", demo, "list", "--limit", "100"):
        check(case_schema, schemas.Case, bbcs.ok("--db", demo, "show", case["id"], "--json"))


def test_a_field_the_schema_does_not_name_is_refused(desk: Run, case_with_history: str) -> None:
    schema = published(desk, "case")
    shown = desk.json("show", case_with_history)
    shown["holds"][0]["note"] = "new"
    shown["colour"] = "red"
    with pytest.raises(ValidationError):
        schemas.Case.model_validate_json(json.dumps(shown))
    found = errors(schema, shown, schema)
    assert "$: colour is not in the schema" in found
    assert "$.holds[0]: note is not in the schema" in found


def test_a_wrong_value_is_refused(desk: Run, case_with_history: str) -> None:
    schema = published(desk, "case")
    shown = desk.json("show", case_with_history)
    shown["status"] = "lost"
    shown["pushbacks"] = "1"
    with pytest.raises(ValidationError):
        schemas.Case.model_validate_json(json.dumps(shown))
    assert len(errors(schema, shown, schema)) == 2


def test_every_reference_in_a_schema_resolves(bbcs: Run) -> None:
    for document in Document:
        schema = published(bbcs, document)
        refs = re.findall(r'"\$ref": "#/\$defs/([^"]+)"', json.dumps(schema))
        assert refs and set(refs) <= set(schema["$defs"]), document


def test_the_command_names_the_documents_the_models_publish() -> None:
    assert {document.value for document in Document} == set(schemas.DOCUMENTS)


def test_an_unknown_document_is_a_usage_error(bbcs: Run) -> None:
    result = bbcs("schema", "ledger")
    assert result.exit_code == 2


@pytest.mark.sqlite_only  # about the file
def test_schema_reads_no_ledger(bbcs: Run, world: Path) -> None:
    bbcs.ok("schema", "event")
    assert not world.exists()


def test_everyday_commands_do_not_import_pydantic() -> None:
    code = "import sys; from bbcs.cli import app; print('pydantic' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"

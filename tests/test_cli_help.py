"""Every command explains itself, in English and in Chinese (the clerks' language)."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import typer

from bbcs.cli import app

CJK = re.compile(r"[\u4e00-\u9fff]")

WALK = """
import json, typer
from bbcs.cli import app
def walk(command, prefix=""):
    for name, sub in getattr(command, "commands", {}).items():
        yield prefix + name, sub.help or ""
        yield from walk(sub, prefix + name + " ")
print(json.dumps(dict(walk(typer.main.get_command(app)))))
"""


def _helps(lang: str) -> dict[str, str]:
    env = {**os.environ, "BBCS_LANG": lang}
    out = subprocess.run(
        [sys.executable, "-c", WALK], capture_output=True, text=True, env=env, check=True
    )
    import json

    return dict(json.loads(out.stdout))


def test_every_command_has_an_example_in_its_help():
    helps = _helps("en")
    assert {"open", "list", "calendar due", "dept add"} <= set(helps)
    for name, text in helps.items():
        assert text.strip(), name
        is_group = bool(
            getattr(typer.main.get_command(app), "commands", {}).get(name, None)
            and getattr(typer.main.get_command(app).commands[name], "commands", None)
        )
        if not is_group:
            assert "bbcs " in text, f"{name} has no example"


def test_every_command_has_chinese_help():
    for name, text in _helps("zh").items():
        assert CJK.search(text), f"{name} has no Chinese help"

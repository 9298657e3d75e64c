"""The policy: time limits and thresholds, defaults from ``data/policy.toml``, the ledger's overrides on top.

Keys are the file's dotted names (``limits.simple``, ``rules.max_extensions``).
Every value is an integer, a fraction, a boolean or a text (a name, a folder),
checked against the kind and range its default declares, so ``policy set`` can
refuse nonsense in one sentence. The one list of the policy, ``causes.*`` (SPEC §11,
``rules.causes``), also takes new keys: an office adds a cause with ``causes.CODE``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bbcs.errors import InvalidInput
from bbcs.fields import MEDIUM, SHORT, boolean, optional_text
from bbcs.models import Complexity

PolicyValue = int | float | bool | str
CAUSE_KEY = re.compile(r"causes\.[a-z][a-z0-9_]{0,31}")


@dataclass(frozen=True)
class Policy:
    values: Mapping[str, PolicyValue]

    def __getitem__(self, key: str) -> PolicyValue:
        return self.values[key]

    def whole(self, key: str) -> int:
        return int(self.values[key])

    def limit(self, complexity: Complexity) -> int:
        """The time limit in working days for a case of this complexity."""
        return int(self.values[f"limits.{complexity.value}"])


def flatten(table: Mapping[str, Any], prefix: str = "") -> dict[str, PolicyValue]:
    flat: dict[str, PolicyValue] = {}
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flat.update(flatten(value, f"{name}."))
        else:
            flat[name] = value
    return flat


def parse_value(key: str, text: str, defaults: Mapping[str, PolicyValue]) -> PolicyValue:
    """The value ``text`` stands for under ``key``, of the same kind as its default."""
    if key not in defaults and CAUSE_KEY.fullmatch(key):
        return optional_text(text, key, SHORT) or ""  # a cause the office adds
    if key not in defaults and key.startswith("causes."):
        raise InvalidInput("policy.bad_cause_code", key=key)
    if key not in defaults:
        raise InvalidInput("policy.unknown_key", key=key, keys=", ".join(sorted(defaults)))
    default = defaults[key]
    raw = text.strip().lower()
    if isinstance(default, str):
        return optional_text(text, key, MEDIUM) or ""
    if isinstance(default, bool):
        flag = boolean(raw)
        if flag is None:
            raise InvalidInput("policy.bad_bool", key=key, value=text)
        return flag
    if isinstance(default, int):
        try:
            number = int(raw)
        except ValueError:
            raise InvalidInput("policy.bad_int", key=key, value=text) from None
        if number < 0 or number > 366:
            raise InvalidInput("policy.out_of_range", key=key, value=text, low=0, high=366)
        return number
    try:
        fraction = float(raw)
    except ValueError:
        raise InvalidInput("policy.bad_number", key=key, value=text) from None
    if not 0 <= fraction <= 1:
        raise InvalidInput("policy.out_of_range", key=key, value=text, low=0, high=1)
    return fraction

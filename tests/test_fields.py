"""The checks on what people type that are not a command's own: here, yes or no."""

from __future__ import annotations

import pytest

from bbcs import fields


@pytest.mark.parametrize("word", ["true", "TRUE", " yes ", "1", "on", "是"])
def test_a_yes_in_english_or_chinese_is_true(word: str) -> None:
    assert fields.boolean(word) is True


@pytest.mark.parametrize("word", ["false", "No", "0", "off", "否"])
def test_a_no_in_english_or_chinese_is_false(word: str) -> None:
    assert fields.boolean(word) is False


@pytest.mark.parametrize("word", ["", "maybe", "2", "对"])
def test_anything_else_is_neither(word: str) -> None:
    assert fields.boolean(word) is None

"""The message catalog: every key in both languages, the same placeholders in each."""

import string

import pytest

from qkvstudy import i18n


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(i18n.keys()))
def test_every_message_has_both_languages_with_the_same_placeholders(key):
    zh, en = i18n.keys()[key]
    assert zh.strip() and en.strip()
    assert _fields(zh) == _fields(en)


def test_language_switch_and_fallback():
    try:
        assert i18n.set_language("en") == "en"
        assert i18n.t("common.grade.good") == "Good"
        assert i18n.t("common.unit.days", n=3) == "3 d"
        assert i18n.set_language("fr") == "zh"
        assert i18n.t("common.grade.good") == "良好"
        assert i18n.t("no.such.key") == "no.such.key"
        assert i18n.t("common.unit.days") == "{n} 天"
    finally:
        i18n.set_language("zh")

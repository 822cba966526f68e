"""Every label in data files (app/locales/zh.toml, en.toml), complete in Chinese and English."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest
from viewer_testing import PAGES, ROOT

from app.i18n import t
from app.labels import DEFAULT_LANGUAGE, LABELS, LANGUAGES, LOCALES, load_labels

APP_FILES = sorted((ROOT / "app").rglob("*.py"))
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


def _placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field}


KEYS = sorted(LABELS[DEFAULT_LANGUAGE])


def test_both_languages_have_the_same_keys() -> None:
    assert sorted(path.stem for path in LOCALES.glob("*.toml")) == sorted(LANGUAGES)
    assert len(KEYS) > 200
    for language in LANGUAGES:
        assert sorted(LABELS[language]) == KEYS, language


@pytest.mark.parametrize("key", KEYS)
def test_every_label_exists_in_both_languages(key: str) -> None:
    texts = {language: LABELS[language].get(key) for language in LANGUAGES}
    assert all(isinstance(text, str) and text.strip() for text in texts.values()), texts
    assert _placeholders(texts["zh"]) == _placeholders(texts["en"])


def test_labels_are_read_once() -> None:
    """t() reads the labels loaded at import, not the files on each call."""
    assert load_labels("en") == LABELS["en"]
    assert load_labels("en") is not LABELS["en"]
    assert t("app.title") == LABELS["zh"]["app.title"] == "中国大数据产业发展指数"


def _string_constants(path: Path) -> list[ast.Constant]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.FunctionDef | ast.ClassDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


@pytest.mark.parametrize("path", APP_FILES, ids=lambda p: p.name)
def test_no_label_outside_the_dictionary(path: Path) -> None:
    """No Chinese text in the viewer's code: every label comes from app/locales/."""
    offending = [node.value for node in _string_constants(path) if CJK.search(node.value)]
    assert offending == []


def test_every_key_the_code_uses_exists() -> None:
    used: set[str] = set()
    for path in APP_FILES:
        for call in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(call, ast.Call)
                and isinstance(call.func, ast.Name)
                and call.func.id == "t"
                and call.args
                and isinstance(call.args[0], ast.Constant)
            ):
                used.add(call.args[0].value)
    assert len(used) > 100
    assert sorted(used - set(KEYS)) == []
    for page in PAGES:
        assert f"nav.{page}" in KEYS


def test_missing_label_is_an_error_unless_defaulted() -> None:
    with pytest.raises(KeyError):
        t("no.such.label")
    assert t("no.such.label", default="x") == "x"
    assert t("tier.label", tier=2) == "第2梯队"

"""Every label of the viewer and the report document, in Chinese (default) and English.

The labels are data: app/locales/zh.toml and app/locales/en.toml, one label per key, the same
keys in both (tests/app/test_viewer_i18n.py checks). They are read once, when this module is
first imported. Nothing here depends on Streamlit, so that the report document (`make report`)
uses the same labels as the viewer; the viewer's `t()` (app/i18n.py) adds the current language.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

LANGUAGES = ("zh", "en")
DEFAULT_LANGUAGE = "zh"
LOCALES = Path(__file__).resolve().parent / "locales"


def load_labels(language: str) -> dict[str, str]:
    """The labels of one language, by key, as app/locales/<language>.toml has them."""
    with (LOCALES / f"{language}.toml").open("rb") as file:
        return tomllib.load(file)


LABELS: dict[str, dict[str, str]] = {language: load_labels(language) for language in LANGUAGES}

_MISSING = object()


def label(key: str, language: str, default: Any = _MISSING, **values: Any) -> str:
    """The label `key` in `language` (Chinese where English lacks it), formatted with `values`.

    A key missing from the files is a bug: raises unless a `default` is given.
    """
    text = LABELS[language].get(key) or LABELS[DEFAULT_LANGUAGE].get(key)
    if text is None:
        if default is _MISSING:
            raise KeyError(f"no label {key!r} in app/locales/")
        return str(default)
    return text.format(**values) if values else text


def labeller(language: str) -> Callable[..., str]:
    """`t(key, **values)` bound to one language (the figures' and charts' `t`)."""

    def t(key: str, default: Any = _MISSING, **values: Any) -> str:
        return label(key, language, default, **values)

    return t

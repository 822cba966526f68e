"""Every label of the viewer, in Chinese (default) and English.

The labels are data: app/locales/zh.toml and app/locales/en.toml, one label per key, the same
keys in both (tests/app/test_viewer_i18n.py checks). They are read once, when this module is
first imported. `t(key, **values)` returns the label in the current language, formatted with
`values`. A key missing from the files is a bug: `t` raises unless a `default` is given.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import streamlit as st

LANGUAGES = ("zh", "en")
DEFAULT_LANGUAGE = "zh"
LOCALES = Path(__file__).resolve().parent / "locales"


def load_labels(language: str) -> dict[str, str]:
    """The labels of one language, by key, as app/locales/<language>.toml has them."""
    with (LOCALES / f"{language}.toml").open("rb") as file:
        return tomllib.load(file)


LABELS: dict[str, dict[str, str]] = {language: load_labels(language) for language in LANGUAGES}


def lang() -> str:
    """The current language: English when the sidebar switch is on, Chinese otherwise."""
    try:
        return "en" if st.session_state.get("lang_en") else DEFAULT_LANGUAGE
    except Exception:  # outside a Streamlit session (scripts, unit tests)
        return DEFAULT_LANGUAGE


_MISSING = object()


def t(key: str, default: Any = _MISSING, **values: Any) -> str:
    """The label `key` in the current language, formatted with `values`."""
    text = LABELS[lang()].get(key) or LABELS[DEFAULT_LANGUAGE].get(key)
    if text is None:
        if default is _MISSING:
            raise KeyError(f"no label {key!r} in app/locales/")
        return str(default)
    return text.format(**values) if values else text

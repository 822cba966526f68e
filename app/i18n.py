"""The viewer's labels in its current language (the labels themselves: app/labels.py)."""

from __future__ import annotations

from typing import Any

import streamlit as st

from app.labels import _MISSING, DEFAULT_LANGUAGE, LABELS, LANGUAGES, label

__all__ = ["DEFAULT_LANGUAGE", "LABELS", "LANGUAGES", "lang", "t"]


def lang() -> str:
    """The current language: English when the sidebar switch is on, Chinese otherwise."""
    try:
        return "en" if st.session_state.get("lang_en") else DEFAULT_LANGUAGE
    except Exception:  # outside a Streamlit session (scripts, unit tests)
        return DEFAULT_LANGUAGE


def t(key: str, default: Any = _MISSING, **values: Any) -> str:
    """The label `key` in the current language, formatted with `values`."""
    return label(key, lang(), default, **values)

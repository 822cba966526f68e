"""What every figure module needs, in any language and without Streamlit: the index's nodes and
levels, labels bound to a language, names in that language, and the short texts of rank changes,
tiers, units and macro-regions (the viewer's app/ui.py uses the same, in its current language).
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from app.figures.spec import Figure, Reader, Rendered
from app.labels import label, labeller

DIMENSIONS: tuple[str, ...] = ("industry_level", "industry_innovation", "industry_environment")
NODES: tuple[str, ...] = ("total", *DIMENSIONS)
LEVELS: tuple[str, ...] = ("province", "city")
MACRO_REGIONS: tuple[str, ...] = ("east", "central", "west", "northeast")
TOP = 20  # the report's top-20 charts

# The total rank change as shown. Where the previous edition was published, the report reads it
# against the published list (fct_index.total_rank_change_vs_published, shown first) and shows
# the recomputed one (fct_index.total_rank_change) beside it under its own name; otherwise the
# recomputed one alone, under its own name.
RECOMPUTED_CHANGE = "total_rank_change"
PUBLISHED_CHANGE = "total_rank_change_vs_published"
BESIDE_PUBLISHED_CHANGE = "total_rank_change_recomputed"

__all__ = ["labeller"]


def define(kind: str, number: str, chapter: str, builder: Any) -> Figure:
    """A Figure whose label key follows its number ("fig.2_1", "tab2-2" → "tab.2_2") and whose
    build calls `builder(figure, reader, edition, language)`, so one builder serves several
    numbered figures (a tier, a circle, a dimension)."""
    prefix = "fig" if kind == "figure" else "tab"

    def build(reader: Reader, edition: int, language: str) -> Rendered:
        return builder(figure, reader, edition, language)

    figure = Figure(kind, number, f"{prefix}.{number.replace('-', '_')}", chapter, build)
    return figure


def is_missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or bool(pd.isna(value))


def region_names(frame: pd.DataFrame, language: str) -> pd.Series:
    """The regions' names in `language` (English falls back to Chinese)."""
    if language == "en" and "region_name_en" in frame:
        return frame["region_name_en"].fillna(frame["region_name"])
    return frame["region_name"]


def circle_names(frame: pd.DataFrame, language: str) -> pd.Series:
    if language == "en" and "circle_name_en" in frame:
        return frame["circle_name_en"].fillna(frame["circle_name"])
    return frame["circle_name"]


def node_name_column(language: str) -> str:
    return "name_en" if language == "en" else "name_zh"


def rank_change_text(value: Any) -> str:
    """▲3 (moved up three places), ▼2, – (unchanged), empty when there is no earlier edition."""
    if is_missing(value):
        return ""
    value = int(value)
    if value > 0:
        return f"▲{value}"
    if value < 0:
        return f"▼{-value}"
    return "–"


def is_rank_change(column: str) -> bool:
    """Whether a shown column holds a rank change (of the total, a dimension or a circle)."""
    return "rank_change" in column


def total_rank_changes(frame: pd.DataFrame, published: bool) -> pd.DataFrame:
    """A frame with fct_index's two total rank changes (total_rank_change and
    total_rank_change_vs_published) as shown: where the previous edition was published
    (`published`), the change against the published list in the place of total_rank_change and
    the recomputed one right after it as total_rank_change_recomputed; otherwise
    total_rank_change alone. Columns are only selected, ordered and renamed."""
    columns = [column for column in frame.columns if column != PUBLISHED_CHANGE]
    if not published:
        return frame[columns].copy()
    at = columns.index(RECOMPUTED_CHANGE)
    columns[at:at] = [PUBLISHED_CHANGE]
    return frame[columns].rename(columns={RECOMPUTED_CHANGE: BESIDE_PUBLISHED_CHANGE})


def shown_rank_changes(frame: pd.DataFrame) -> list[str]:
    """The total rank change columns `total_rank_changes` left, the main one first."""
    return [
        column
        for column in (PUBLISHED_CHANGE, BESIDE_PUBLISHED_CHANGE, RECOMPUTED_CHANGE)
        if column in frame
    ]


def tier_text(value: Any, language: str) -> str:
    return "" if is_missing(value) else label("tier.label", language, tier=int(value))


def unit_text(value: Any, language: str) -> str:
    """An indicator's unit in `language` (dim_indicator_tree stores it in Chinese)."""
    if is_missing(value) or not str(value).strip():
        return ""
    return label(f"unit.{value}", language, default=str(value))


def macro_text(value: Any, language: str) -> str:
    return label(f"macro.{value}", language, default=str(value))


class Tree:
    """dim_indicator_tree in one language: names, units, parents (indexed by node_code)."""

    def __init__(self, frame: pd.DataFrame, language: str) -> None:
        self.frame = frame.set_index("node_code")
        self.language = language
        self.column = node_name_column(language)

    def name(self, code: str) -> str:
        return str(self.frame.loc[code, self.column])

    def unit(self, code: str) -> str:
        return unit_text(self.frame.loc[code, "unit"], self.language)

    def titled(self, code: str) -> str:
        """An indicator's name with its unit, for axes and legends."""
        unit = self.unit(code)
        return f"{self.name(code)} ({unit})" if unit else self.name(code)

    def indicators_of(self, dimension: str) -> list[str]:
        """The indicators under a dimension, in tree order."""
        tree = self.frame
        return [
            code
            for code in tree.index
            if tree.loc[code, "node_level"] == 3
            and tree.loc[tree.loc[code, "parent_code"], "parent_code"] == dimension
        ]

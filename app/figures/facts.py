"""Which statements of `fct_report_facts` belong where: the viewer shows them above a page's
figures, the report document opens each chapter with them (docs/analyses.md §6).

A fact is placed by its code, and where one code covers several places, by its level or the
prefix of its group (`top20_by_macro_region` for `total:…` opens chapter 2's cities, for
`industry_level:…` the 产业水平 section of chapter 3). Facts with no placement are shown nowhere.
A warehouse without fct_report_facts has no statements (nothing fails).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from app.figures import data
from app.figures.common import DIMENSIONS, MACRO_REGIONS
from app.figures.spec import Reader


@dataclass(frozen=True)
class Placement:
    """Where the statements of one fact code (of a level, of some groups) belong."""

    fact_code: str
    chapter: str  # the report's chapter (app/figures/spec.py CHAPTERS)
    page: str  # the viewer's page (app/pages.py)
    region_level: str | None = None  # None: either level
    group_prefix: str = ""  # only the groups starting with it
    section: str | None = None  # a section of the page (the indicator page's dimension)

    def matches(self, fact_code: str, region_level: str, group_code: str) -> bool:
        return (
            fact_code == self.fact_code
            and (self.region_level is None or region_level == self.region_level)
            and str(group_code).startswith(self.group_prefix)
        )


def _per_level(fact_code: str) -> tuple[Placement, ...]:
    return (
        Placement(fact_code, "2", "provinces", region_level="province"),
        Placement(fact_code, "2", "cities", region_level="city"),
    )


# In the order the statements are read: the chapter's, then the page's.
PLACEMENTS: tuple[Placement, ...] = (
    Placement("top15_by_macro_region", "2", "provinces", group_prefix="total:"),
    Placement("top20_by_macro_region", "2", "cities", group_prefix="total:"),
    Placement("top20_retained", "2", "cities"),
    *_per_level("tier_members"),
    *_per_level("top_rank_streak"),
    *_per_level("largest_rank_rise"),
    *_per_level("largest_rank_fall"),
    Placement("circle_leader", "2", "circles"),
    *(
        Placement("top20_by_macro_region", "3", "indicators", group_prefix=f"{node}:", section=node)
        for node in DIMENSIONS
    ),
    Placement("cities_with_unicorns", "3", "indicators", section="industry_level"),
    Placement("cities_with_management_agency", "3", "indicators", section="industry_environment"),
    Placement("provinces_with_data_exchange", "3", "indicators", section="industry_environment"),
    Placement(
        "provinces_by_data_exchange_count", "3", "indicators", section="industry_environment"
    ),
)


def placement(fact_code: str, region_level: str, group_code: str) -> Placement | None:
    """The first placement of a fact (None: it belongs nowhere)."""
    for candidate in PLACEMENTS:
        if candidate.matches(fact_code, region_level, group_code):
            return candidate
    return None


def _group_order(group_code: str) -> tuple[int, str]:
    """Macro-regions in their usual order (east, central, west, northeast), other groups by code."""
    suffix = str(group_code).rsplit(":", 1)[-1]
    return (MACRO_REGIONS.index(suffix) if suffix in MACRO_REGIONS else len(MACRO_REGIONS), suffix)


def placed_facts(facts: pd.DataFrame) -> pd.DataFrame:
    """The facts that have a placement, with its chapter, page and section, in reading order."""
    rows = []
    for row in facts.itertuples(index=False):
        where = placement(row.fact_code, row.region_level, row.group_code)
        if where is not None:
            rows.append(
                {
                    **row._asdict(),
                    "chapter": where.chapter,
                    "page": where.page,
                    "section": where.section,
                    "_order": (PLACEMENTS.index(where), *_group_order(row.group_code)),
                }
            )
    if not rows:
        return facts.iloc[0:0].assign(chapter=None, page=None, section=None)
    frame = pd.DataFrame(rows)
    return frame.sort_values("_order", kind="stable").drop(columns="_order")


def statements(
    reader: Reader,
    edition: int,
    language: str,
    *,
    page: str | None = None,
    chapter: str | None = None,
    section: str | None = None,
) -> list[str]:
    """The statements of a page (and its `section`: those of the whole page and of that section)
    or of a chapter (all its sections), in `language`, for one edition."""
    facts = placed_facts(data.report_facts(reader, edition))
    if page is not None:
        facts = facts[facts["page"] == page]
        facts = facts[facts["section"].isna() | (facts["section"] == section)]
    if chapter is not None:
        facts = facts[facts["chapter"] == chapter]
    column = "statement_en" if language == "en" else "statement_zh"
    texts = facts[column].fillna(facts["statement_zh"]) if len(facts) else facts[column]
    return [str(text) for text in texts if isinstance(text, str) and text.strip()]


def fact_value(
    reader: Reader, edition: int, fact_code: str, region_level: str, group_code: str
) -> tuple[float, float | None] | None:
    """(value, previous_value) of one fact, or None when the warehouse has no such fact."""
    facts = data.report_facts(reader, edition)
    match = facts[
        (facts["fact_code"] == fact_code)
        & (facts["region_level"] == region_level)
        & (facts["group_code"] == group_code)
    ]
    if match.empty or pd.isna(match["value"].iloc[0]):
        return None
    previous = match["previous_value"].iloc[0]
    return float(match["value"].iloc[0]), None if pd.isna(previous) else float(previous)

"""Which statements of fct_report_facts belong to which chapter of the report (and the viewer's
page that shows the same figures): fact_code → chapter, in the order the chapter states them.

A fact whose code is not listed here is stated nowhere.
"""

from __future__ import annotations

FACT_CHAPTERS: dict[str, str] = {
    "top15_by_macro_region": "2",
    "top20_by_macro_region": "2",
    "top20_retained": "2",
    "top_rank_streak": "2",
    "largest_rank_rise": "2",
    "largest_rank_fall": "2",
    "tier_members": "2",
    "circle_leader": "2",
    "cities_with_unicorns": "3",
    "cities_with_management_agency": "3",
    "provinces_with_data_exchange": "3",
    "provinces_by_data_exchange_count": "3",
}


def chapter_facts(chapter: str) -> list[str]:
    """The fact codes stated at the opening of `chapter`, in order."""
    return [code for code, where in FACT_CHAPTERS.items() if where == chapter]

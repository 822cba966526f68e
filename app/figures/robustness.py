"""Appendix A of the report, 稳健性与统计审计 / robustness and statistical audit (chapter "A"):
how far to trust a rank (docs/analyses.md §1–4), defined once for the viewer's Robustness page
and the report document. In the report's order:

- 图A-1 rank intervals of the top N (fct_rank_uncertainty): nominal rank, median and the 5th–95th
  percentile over the Monte Carlo draws, in the style of the Global Innovation Index's audit;
- 表A-1 each region's rank under every weighting method (fct_method_scenarios);
- 表A-2 / 表A-3 and 图A-2 (app/figures/audit.py): the statistical audit of groups and indicators
  with their flags explained, and inequality over the editions;
- 图A-3 (app/figures/score_change.py): why a region's score moved, by dimension and indicator,
  value and weight effects (fct_score_changes).

This module also holds what those share: the helpers below and the page's small queries. Each
build takes optional selections (level, top N, region) with the report's defaults; the viewer
binds its widgets with functools.partial. A table the warehouse lacks gives a Rendered with no
data and a note saying so. The figures read public tables and compute no statistic.
"""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd

from app.figures import register
from app.figures.spec import Figure, Reader, Rendered, caption, vega_spec
from app.labels import label

METHODS = ("improved_vector", "entropy", "critic", "equal", "expert")
# Each figure of appendix A and the public table it reads (without it, a note instead).
TABLES = {
    "figA-1": "fct_rank_uncertainty",
    "tabA-1": "fct_method_scenarios",
    "tabA-2": "fct_audit_groups",
    "tabA-3": "fct_audit_indicators",
    "figA-2": "fct_inequality",
    "figA-3": "fct_score_changes",
}
NOMINAL_COLOR, MEDIAN_COLOR, INTERVAL_COLOR = "#c0392b", "#1f4e79", "#85c1e9"


def has_table(reader: Reader, table: str) -> bool:
    """Whether the warehouse publishes `table` (schema main)."""
    found = reader.query(
        "select count(*) as n from information_schema.tables"
        " where table_schema = 'main' and table_name = ?",
        [table],
    )
    return bool(found["n"].iloc[0])


def missing(figure: Figure, language: str, table: str, **values: Any) -> Rendered:
    """What a figure shows when the warehouse lacks its table: a note, no data."""
    return Rendered(
        caption=caption(figure, language, **values),
        data=pd.DataFrame(),
        notes=[label("robustness.missing_table", language, table=table)],
    )


def level_name(level: str, language: str) -> str:
    """ "cities" / "城市", as it reads inside a title."""
    return label(f"level.{level}", language).lower()


def column(name: str, language: str) -> str:
    return label(f"robustness.col.{name}", language)


def localized(frame: pd.DataFrame, language: str) -> pd.DataFrame:
    """Headers in `language` (the report's tables and the viewer's downloads show the same);
    weighting methods by their names."""
    names = {name: column(name, language) for name in frame.columns if name not in METHODS}
    names |= {name: label(f"method.{name}", language) for name in frame.columns if name in METHODS}
    return frame.rename(columns=names)


def region_name(frame: pd.DataFrame, language: str) -> pd.Series:
    if language == "en":
        return frame["region_name_en"].fillna(frame["region_name"])
    return frame["region_name"]


def node_name(frame: pd.DataFrame, language: str) -> pd.Series:
    return frame["name_en"] if language == "en" else frame["name_zh"]


# ------------------------------------------------------------------------ A-1 rank intervals

INTERVALS_SQL = """
    select
        uncertainty.region_code,
        idx.region_name,
        regions.region_name_en,
        uncertainty.nominal_rank,
        uncertainty.median_rank,
        uncertainty.rank_q05,
        uncertainty.rank_q95,
        uncertainty.mean_abs_rank_shift,
        uncertainty.tier_kept_share,
        uncertainty.top20_share,
        uncertainty.draws,
        uncertainty.seed
    from fct_rank_uncertainty as uncertainty
    inner join fct_index as idx
        on uncertainty.edition = idx.edition
        and uncertainty.region_level = idx.region_level
        and uncertainty.region_code = idx.region_code
    left join dim_regions as regions
        on uncertainty.region_level = regions.region_level
        and uncertainty.region_code = regions.region_code
    where uncertainty.edition = ? and uncertainty.region_level = ? and uncertainty.nominal_rank <= ?
    order by uncertainty.nominal_rank, uncertainty.region_code
"""

HEADLINE_SQL = """
    select top20_count, top20_narrow_count, top20_narrow_share, draws, seed
    from fct_rank_uncertainty_summary
    where edition = ? and region_level = ?
"""


def rank_intervals(
    reader: Reader, edition: int, language: str, level: str = "city", top: int = 20
) -> Rendered:
    """图A-1: the top `top` regions' 90% rank intervals, median and nominal rank."""
    values = {"edition": edition, "level": level_name(level, language), "top": top}
    if not has_table(reader, "fct_rank_uncertainty"):
        return missing(RANK_INTERVALS, language, "fct_rank_uncertainty", **values)
    rows = reader.query(INTERVALS_SQL, [edition, level, top])
    shown = pd.DataFrame(
        {
            "region": region_name(rows, language),
            "nominal_rank": rows["nominal_rank"],
            "median_rank": rows["median_rank"],
            "rank_q05": rows["rank_q05"],
            "rank_q95": rows["rank_q95"],
            "mean_abs_rank_shift": rows["mean_abs_rank_shift"],
            "tier_kept_share": rows["tier_kept_share"],
            "top20_share": rows["top20_share"],
        }
    )
    data = localized(shown, language)
    order = data[column("region", language)].tolist()
    rank_title = label("robustness.axis.rank", language)
    measures = [column("median_rank", language), column("nominal_rank", language)]
    base = alt.Chart(data).encode(
        y=alt.Y(
            f"{column('region', language)}:N",
            sort=order,
            title=None,
            axis=alt.Axis(labelOverlap=False),
        )
    )
    interval = base.mark_rule(strokeWidth=6, color=INTERVAL_COLOR, opacity=0.9).encode(
        x=alt.X(
            f"{column('rank_q05', language)}:Q",
            title=rank_title,
            scale=alt.Scale(zero=False, nice=False),
        ),
        x2=f"{column('rank_q95', language)}:Q",
        tooltip=list(data.columns),
    )
    marks = (
        base.transform_fold(
            measures,
            as_=["measure", "rank"],
        )
        .mark_point(strokeWidth=2, opacity=1)
        .encode(
            x="rank:Q",
            stroke=alt.Stroke(
                "measure:N",
                title=None,
                scale=alt.Scale(domain=measures, range=[MEDIAN_COLOR, NOMINAL_COLOR]),
                legend=alt.Legend(orient="top"),
            ),
            fill=alt.Fill(
                "measure:N",
                title=None,
                scale=alt.Scale(domain=measures, range=[MEDIAN_COLOR, "transparent"]),
            ),
            shape=alt.Shape(
                "measure:N",
                title=None,
                scale=alt.Scale(domain=measures, range=["circle", "diamond"]),
            ),
            size=alt.Size(
                "measure:O",
                title=None,
                sort=measures,
                scale=alt.Scale(domain=measures, range=[45, 130]),
            ),
            tooltip=list(data.columns),
        )
    )
    chart = (interval + marks).properties(width="container", height=alt.Step(20))
    notes = [label("robustness.intervals.reading", language)]
    if not rows.empty:
        notes.append(
            label(
                "robustness.intervals.draws",
                language,
                draws=int(rows["draws"].iloc[0]),
                seed=int(rows["seed"].iloc[0]),
            )
        )
    summary = headline(reader, edition, level)
    if not summary.empty:
        row = summary.iloc[0]
        notes.append(
            label(
                "robustness.headline",
                language,
                narrow=int(row["top20_narrow_count"]),
                count=int(row["top20_count"]),
                share=float(row["top20_narrow_share"]),
            )
        )
    return Rendered(
        caption=caption(RANK_INTERVALS, language, **values),
        data=data,
        spec=vega_spec(chart),
        notes=notes,
    )


# ---------------------------------------------------------------------- A-1 method scenarios

SCENARIOS_SQL = """
    select
        scenarios.region_code,
        idx.region_name,
        regions.region_name_en,
        idx.total_rank as nominal_rank,
        scenarios.weighting_method,
        scenarios.total_rank
    from fct_method_scenarios as scenarios
    inner join fct_index as idx
        on scenarios.edition = idx.edition
        and scenarios.region_level = idx.region_level
        and scenarios.region_code = idx.region_code
    left join dim_regions as regions
        on scenarios.region_level = regions.region_level
        and scenarios.region_code = regions.region_code
    where scenarios.edition = ? and scenarios.region_level = ? and idx.total_rank <= ?
"""


def method_scenarios(
    reader: Reader, edition: int, language: str, level: str = "city", top: int = 20
) -> Rendered:
    """表A-1: the top regions' total rank under every weighting method."""
    values = {"edition": edition, "level": level_name(level, language), "top": top}
    if not has_table(reader, "fct_method_scenarios"):
        return missing(METHOD_SCENARIOS, language, "fct_method_scenarios", **values)
    rows = reader.query(SCENARIOS_SQL, [edition, level, top])
    rows = rows.assign(region=region_name(rows, language))
    wide = rows.pivot_table(
        index=["nominal_rank", "region_code", "region"],
        columns="weighting_method",
        values="total_rank",
        aggfunc="first",
    )
    methods = [method for method in METHODS if method in wide.columns]
    wide = wide[methods].reset_index().sort_values(["nominal_rank", "region_code"])
    wide.columns.name = None
    data = localized(wide.drop(columns="region_code"), language)
    return Rendered(
        caption=caption(METHOD_SCENARIOS, language, **values),
        data=data.reset_index(drop=True),
        notes=[label("robustness.scenarios.reading", language)],
    )


# ------------------------------------------------------------------- the page's small reads

REGION_INTERVAL_SQL = """
    select nominal_rank, median_rank, rank_q05, rank_q95, tier_kept_share, top20_share
    from fct_rank_uncertainty
    where edition = ? and region_level = ? and region_code = ?
"""


def headline(reader: Reader, edition: int, level: str) -> pd.DataFrame:
    """fct_rank_uncertainty_summary's row for (edition, level); no rows without the table."""
    if not has_table(reader, "fct_rank_uncertainty_summary"):
        return pd.DataFrame()
    return reader.query(HEADLINE_SQL, [edition, level])


def region_interval(reader: Reader, edition: int, level: str, region: str) -> pd.DataFrame:
    """One region's row of fct_rank_uncertainty; no rows without the table."""
    if not has_table(reader, "fct_rank_uncertainty"):
        return pd.DataFrame()
    return reader.query(REGION_INTERVAL_SQL, [edition, level, region])


RANK_INTERVALS = Figure("figure", "A-1", "robustness.intervals", "A", rank_intervals)
METHOD_SCENARIOS = Figure("table", "A-1", "robustness.scenarios", "A", method_scenarios)
register(RANK_INTERVALS, METHOD_SCENARIOS)

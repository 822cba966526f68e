"""图A-3 of appendix A (app/figures/robustness.py): why a region's total score moved since the
previous edition, by dimension and indicator, split into value and weight effects
(fct_score_changes, docs/analyses.md §1)."""

from __future__ import annotations

import json

import altair as alt
import pandas as pd

from app.figures import register
from app.figures.robustness import column, has_table, localized, missing, node_name, region_name
from app.figures.spec import Figure, Reader, Rendered, caption, vega_spec
from app.labels import label

VALUE_COLOR, WEIGHT_COLOR = "#2e86c1", "#f39c12"


CHANGES_SQL = """
    select
        changes.node_code,
        tree.node_level,
        tree.name_zh,
        tree.name_en,
        tree.sort_order,
        changes.previous_edition,
        changes.contribution,
        changes.value_effect,
        changes.weight_effect
    from fct_score_changes as changes
    inner join dim_indicator_tree as tree
        on changes.node_code = tree.node_code
    where changes.edition = ? and changes.region_level = ? and changes.region_code = ?
        and tree.node_level in (0, 1, 3)
    order by tree.sort_order
"""

DEFAULT_REGION_SQL = """
    select idx.region_code
    from fct_index as idx
    where idx.edition = ? and idx.region_level = ?
    order by coalesce(idx.total_rank_change, 0) desc, idx.total_rank, idx.region_code
    limit 1
"""

REGION_SQL = """
    select idx.region_name, regions.region_name_en, idx.total_rank, idx.total_rank_change
    from fct_index as idx
    left join dim_regions as regions
        on idx.region_level = regions.region_level and idx.region_code = regions.region_code
    where idx.edition = ? and idx.region_level = ? and idx.region_code = ?
"""


def change_chart(data: pd.DataFrame, kinds: dict[str, str], language: str) -> alt.LayerChart:
    """Value and weight effects as stacked bars, each dimension (bold) followed by its
    indicators; the contribution (their sum, from the table) as a black tick."""
    node, part = column("node", language), column("part", language)
    long = data.melt(
        id_vars=[part, node, column("contribution", language)],
        value_vars=list(kinds.values()),
        var_name="effect",
        value_name="points",
    )
    dimensions = data.loc[data[part] == label("robustness.change.dimension", language), node]
    y = alt.Y(
        f"{node}:N",
        sort=data[node].tolist(),
        title=None,
        axis=alt.Axis(
            labelOverlap=False,
            labelLimit=220,
            labelFontWeight=alt.expr(
                f"indexof({json.dumps(dimensions.tolist(), ensure_ascii=False)}, datum.value)"
                " >= 0 ? 'bold' : 'normal'"
            ),
        ),
    )
    bars = (
        alt.Chart(long)
        .mark_bar()
        .encode(
            y=y,
            x=alt.X("points:Q", title=label("robustness.axis.points", language), stack="zero"),
            color=alt.Color(
                "effect:N",
                title=None,
                scale=alt.Scale(domain=list(kinds.values()), range=[VALUE_COLOR, WEIGHT_COLOR]),
                legend=alt.Legend(orient="top"),
            ),
            tooltip=[node, "effect:N", alt.Tooltip("points:Q", format="+.3f")],
        )
    )
    net = (
        alt.Chart(data)
        .mark_tick(color="black", thickness=2)
        .encode(
            y=y,
            x=alt.X(f"{column('contribution', language)}:Q"),
            tooltip=[node, alt.Tooltip(f"{column('contribution', language)}:Q", format="+.3f")],
        )
    )
    return (bars + net).properties(width="container", height=alt.Step(20))


def score_change(
    reader: Reader, edition: int, language: str, level: str = "city", region: str | None = None
) -> Rendered:
    """图A-2: why a region's total score moved since the previous edition, by dimension and
    indicator, value effect and weight effect. Default region: the largest rank rise."""
    if region is None:
        found = reader.query(DEFAULT_REGION_SQL, [edition, level])
        region = str(found["region_code"].iloc[0]) if not found.empty else ""
    names = reader.query(REGION_SQL, [edition, level, region])
    name = region_name(names, language).iloc[0] if not names.empty else region
    values = {"edition": edition, "region": name}
    if not has_table(reader, "fct_score_changes"):
        return missing(SCORE_CHANGE, language, "fct_score_changes", **values)
    rows = reader.query(CHANGES_SQL, [edition, level, region])
    if rows.empty:
        return Rendered(
            caption=caption(SCORE_CHANGE, language, **values),
            data=pd.DataFrame(),
            notes=[label("robustness.change.no_previous", language, edition=edition)],
        )
    total = rows[rows["node_level"] == 0].iloc[0]
    parts = rows[rows["node_level"] > 0]
    kinds = {
        "value_effect": column("value_effect", language),
        "weight_effect": column("weight_effect", language),
    }
    shown = pd.DataFrame(
        {
            "part": parts["node_level"]
            .map({1: "dimension", 3: "indicator"})
            .map(lambda part: label(f"robustness.change.{part}", language)),
            "node": node_name(parts, language),
            "contribution": parts["contribution"],
            "value_effect": parts["value_effect"],
            "weight_effect": parts["weight_effect"],
        }
    )
    data = localized(shown, language)
    chart = change_chart(data, kinds, language)
    notes = [
        label(
            "robustness.change.total",
            language,
            previous=int(total["previous_edition"]),
            change=float(total["contribution"]),
            value=float(total["value_effect"]),
            weight=float(total["weight_effect"]),
        ),
        label("robustness.change.reading", language),
    ]
    return Rendered(
        caption=caption(SCORE_CHANGE, language, **values),
        data=data,
        spec=vega_spec(chart),
        notes=notes,
    )


SCORE_CHANGE = Figure("figure", "A-3", "robustness.change", "A", score_change)
register(SCORE_CHANGE)

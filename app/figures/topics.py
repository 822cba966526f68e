"""Chapter 4, special topics (专题; docs/analyses.md §5): figures 4-1 (the topic's map), 4-4 (its
ranking), 4-5 (the word cloud of the year's new policies) and 4-6 (the index against the topic);
figure 4-7 and table 4-1 (the regression) are in topic_regression.py.

Topics are data (the analyst's raw tables topics and topic_values), so the per-topic figures take
the topic and the level: `for_topic(FIGURES["fig4-7"], topic_code, level)` is figure 4-7 for one
topic (the viewer's choice); the report repeats them for each topic of `edition_topics`.
Registered as they are, they show the topic whose province-level regression has the highest R²
(the report's smart factories), else the first topic, at the level with most regions.
Every number comes from the public tables fct_topic_values, fct_topic_regressions,
fct_topic_points, fct_topic_fit_bands, fct_policy_terms and fct_index.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import altair as alt
import pandas as pd

from app import geo
from app.figures import FIGURES, register
from app.figures.spec import Figure, Reader, Rendered, caption, vega_spec
from app.figures.word_cloud import MAX_WORDS, cjk_font, word_cloud_png
from app.labels import label

PROJECTION = {"type": "conicEqualArea", "rotate": [-105, 0], "parallels": [25, 47]}
NO_DATA_FILL, BOUNDARY, LINES = "#e6e6e6", "#ffffff", "#8c8c8c"
BAR_COLOR, SCORE_COLOR = "#e6550d", "#1f4e79"


@dataclass(frozen=True)
class Choice:
    """The topic and level a per-topic figure shows."""

    topic_code: str
    level: str
    name: str  # in the figure's language
    unit: str


TopicBody = Callable[[Reader, int, str, Choice], Rendered]


def edition_topics(reader: Reader, edition: int) -> pd.DataFrame:
    """The edition's topics: code, names, unit, regions per level, the R² of the province-level
    regression (null: none), and the level with most regions (`main_level`), in code order."""
    frame = reader.query(
        "select v.topic_code, any_value(v.topic_name_zh) as topic_name_zh, "
        "any_value(v.topic_name_en) as topic_name_en, any_value(v.unit) as unit, "
        "count(*) filter (where v.region_level = 'province') as province_regions, "
        "count(*) filter (where v.region_level = 'city') as city_regions, "
        "max(r.r_squared) as province_r_squared "
        "from fct_topic_values as v left join fct_topic_regressions as r "
        "on r.topic_code = v.topic_code and r.edition = v.edition "
        "and r.region_level = 'province' and r.fit = 'all' "
        "where v.edition = ? group by v.topic_code order by v.topic_code",
        [edition],
    )
    frame["main_level"] = [
        "province" if row.province_regions >= row.city_regions else "city"
        for row in frame.itertuples()
    ]
    return frame


def default_topic(topics: pd.DataFrame) -> str:
    """The topic shown first: the one whose province-level regression has the highest R² (the
    report's smart factories), else the first."""
    fitted = topics.dropna(subset=["province_r_squared"])
    if len(fitted):
        return str(fitted.sort_values("province_r_squared", ascending=False)["topic_code"].iloc[0])
    return str(topics["topic_code"].iloc[0])


def topic_name(row: Any, language: str) -> str:
    """The topic's name in `language` (Chinese where no English name was given)."""
    english = getattr(row, "topic_name_en", None)
    if language == "en" and isinstance(english, str) and english.strip():
        return english
    return str(row.topic_name_zh)


def choose(
    reader: Reader, edition: int, language: str, topic_code: str | None, level: str | None
) -> Choice | None:
    topics = edition_topics(reader, edition)
    if topics.empty:
        return None
    if topic_code is None or topic_code not in set(topics["topic_code"]):
        topic_code = default_topic(topics)
    row = next(topics[topics["topic_code"] == topic_code].itertuples())
    regions = {"province": row.province_regions, "city": row.city_regions}
    if level not in regions or not regions[level]:
        level = row.main_level
    unit = row.unit if isinstance(row.unit, str) else ""
    return Choice(topic_code, level, topic_name(row, language), unit)


def for_topic(figure: Figure, topic_code: str, level: str | None = None) -> Figure:
    """The per-topic figure for one topic (and level): same number, key and chapter."""
    build = figure.build

    def bound(reader: Reader, edition: int, language: str) -> Rendered:
        return build(reader, edition, language, topic_code, level)  # type: ignore[call-arg]

    return dataclasses.replace(figure, build=bound)


def region_names(frame: pd.DataFrame, language: str) -> pd.Series:
    if language == "en":
        return frame["region_name_en"].fillna(frame["region_name"])
    return frame["region_name"]


def _values(reader: Reader, edition: int, choice: Choice, language: str) -> pd.DataFrame:
    """The topic's values with the regions' names, coordinates and total scores."""
    frame = reader.query(
        "select v.region_code, d.region_name, d.region_name_en, d.longitude, d.latitude, v.value, "
        "i.total_score, i.total_rank from fct_topic_values as v "
        "inner join dim_regions as d on d.region_level = v.region_level "
        "and d.region_code = v.region_code left join fct_index as i on i.edition = v.edition "
        "and i.region_level = v.region_level and i.region_code = v.region_code "
        "where v.topic_code = ? and v.edition = ? and v.region_level = ? "
        "order by v.value desc, v.region_code",
        [choice.topic_code, edition, choice.level],
    )
    return frame.assign(region_name=region_names(frame, language)).drop(columns="region_name_en")


def per_topic(figure_id: str) -> Callable[[TopicBody], Callable[..., Rendered]]:
    """The build of a per-topic figure from its body: the topic and level are chosen (`choose`),
    or the figure says that the edition has no topics."""

    def wrap(body: TopicBody) -> Callable[..., Rendered]:
        def build(
            reader: Reader,
            edition: int,
            language: str,
            topic: str | None = None,
            level: str | None = None,
        ) -> Rendered:
            choice = choose(reader, edition, language, topic, level)
            if choice is None:
                return Rendered(
                    caption=caption(
                        FIGURES[figure_id], language, edition=edition, topic="", level=""
                    ),
                    data=pd.DataFrame(),
                    notes=[label("topics.none", language)],
                )
            return body(reader, edition, language, choice)

        return build

    return wrap


def topic_value_title(choice: Choice, language: str) -> str:
    """The topic's name and unit; in English a Chinese measure word (家, 个) is left out."""
    unit = choice.unit if language == "zh" or choice.unit.isascii() else ""
    return f"{choice.name} ({unit})" if unit else choice.name


def title_values(choice: Choice, language: str, edition: int) -> dict[str, Any]:
    level = label(f"topics.level.{choice.level}", language)
    return {"edition": edition, "topic": choice.name, "level": level}


# --- figure 4-1: the map -----------------------------------------------------------------------


def _map_chart(values: pd.DataFrame, choice: Choice, language: str) -> dict[str, Any]:
    value_title = topic_value_title(choice, language)
    tooltip = [
        alt.Tooltip("region_name:N", title=label("col.region_name", language)),
        alt.Tooltip("value:Q", title=value_title, format=",.0f"),
    ]
    shapes = alt.Data(name="geo_province" if choice.level == "city" else f"geo_{choice.level}")
    base = alt.Chart(shapes).mark_geoshape(fill=NO_DATA_FILL, stroke=BOUNDARY, strokeWidth=0.4)
    layers: list[alt.Chart] = [base]
    if choice.level == "province":
        layers.append(
            alt.Chart(shapes)
            .mark_geoshape(stroke=BOUNDARY, strokeWidth=0.4)
            .transform_lookup(
                lookup="properties.code",
                from_=alt.LookupData(values, "region_code", ["region_name", "value"]),
            )
            .transform_filter("isValid(datum.value)")
            .encode(
                color=alt.Color("value:Q", title=value_title, scale=alt.Scale(scheme="oranges")),
                tooltip=tooltip,
            )
        )
    else:  # cities: a circle per city, sized by its value, on the provinces
        located = alt.Chart(values).encode(longitude="longitude:Q", latitude="latitude:Q")
        layers += [
            located.mark_circle(color=BAR_COLOR, opacity=0.8, stroke="white").encode(
                size=alt.Size("value:Q", title=value_title, scale=alt.Scale(range=[60, 900])),
                tooltip=tooltip,
            ),
            located.mark_text(dy=-12, fontSize=11).encode(text="region_name:N"),
        ]
    layers.append(
        alt.Chart(alt.Data(name="geo_boundaries")).mark_geoshape(
            filled=False, stroke=LINES, strokeWidth=0.8
        )
    )
    chart = alt.layer(*layers).project(**PROJECTION).properties(height=480)
    shape_level = "province" if choice.level == "city" else choice.level
    return vega_spec(
        chart,
        {f"geo_{shape_level}": geo.areas(shape_level), "geo_boundaries": geo.boundary_lines()},
    )


@per_topic("fig4-1")
def build_map(reader: Reader, edition: int, language: str, choice: Choice) -> Rendered:
    figure = FIGURE_MAP
    values = _values(reader, edition, choice, language)
    data = values[["region_code", "region_name", "value"]]
    return Rendered(
        caption=caption(figure, language, **title_values(choice, language, edition)),
        data=data,
        spec=_map_chart(values, choice, language),
        notes=[label("topics.map_note", language, regions=len(values))],
    )


# --- figure 4-4: the ranking -------------------------------------------------------------------


@per_topic("fig4-4")
def build_ranking(reader: Reader, edition: int, language: str, choice: Choice) -> Rendered:
    figure = FIGURE_RANKING
    values = _values(reader, edition, choice, language)
    data = values[["region_code", "region_name", "value"]]  # largest first (fct_topic_values)
    order = data["region_name"].tolist()
    value_title = topic_value_title(choice, language)
    base = alt.Chart(data).encode(
        y=alt.Y(
            "region_name:N",
            sort=order,
            title=None,
            axis=alt.Axis(labelLimit=160, labelOverlap=False),
        ),
        x=alt.X("value:Q", title=value_title),
    )
    bars = base.mark_bar(color=BAR_COLOR).encode(
        tooltip=[
            alt.Tooltip("region_name:N", title=label("col.region_name", language)),
            alt.Tooltip("value:Q", title=value_title, format=",.0f"),
        ]
    )
    text = base.mark_text(align="left", dx=3, fontSize=11).encode(
        text=alt.Text("value:Q", format=",.0f")
    )
    chart = alt.layer(bars, text).properties(height=max(160, 22 * len(data)))
    return Rendered(
        caption=caption(figure, language, **title_values(choice, language, edition)),
        data=data,
        spec=vega_spec(chart),
    )


# --- figure 4-5: the word cloud of the new policies ---------------------------------------------


def build_word_cloud(reader: Reader, edition: int, language: str) -> Rendered:
    figure = FIGURE_WORD_CLOUD
    terms = reader.query(
        "select term_rank, term, policy_count from fct_policy_terms where edition = ? "
        "order by term_rank, term limit ?",
        [edition, MAX_WORDS],
    )
    title = caption(figure, language, edition=edition, year=edition - 1)
    if terms.empty:
        return Rendered(title, terms, notes=[label("topics.no_terms", language)])
    font = cjk_font()
    notes = [label("topics.cloud_note", language, policies=int(terms["policy_count"].max()))]
    if font is None:
        return Rendered(title, terms, notes=[label("topics.no_font", language), *notes])
    pairs = tuple(zip(terms["term"], terms["policy_count"].astype(int), strict=True))
    return Rendered(title, terms, image=word_cloud_png(pairs, str(font)), notes=notes)


# --- figure 4-6: the index against the topic ---------------------------------------------------


@per_topic("fig4-6")
def build_index_versus_topic(
    reader: Reader, edition: int, language: str, choice: Choice
) -> Rendered:
    figure = FIGURE_INDEX_VERSUS_TOPIC
    values = _values(reader, edition, choice, language).dropna(subset=["total_score"])
    values = values.sort_values(["total_rank", "region_code"])
    data = values[["total_rank", "region_code", "region_name", "total_score", "value"]]
    order = data["region_name"].tolist()
    value_title = topic_value_title(choice, language)
    score_title = label("col.total_score", language)
    x = alt.X(
        "region_name:N", sort=order, title=None, axis=alt.Axis(labelAngle=-60, labelOverlap=False)
    )
    tooltip = [
        alt.Tooltip("region_name:N", title=label("col.region_name", language)),
        alt.Tooltip("value:Q", title=value_title, format=",.0f"),
        alt.Tooltip("total_score:Q", title=score_title, format=".2f"),
        alt.Tooltip("total_rank:Q", title=label("col.total_rank", language)),
    ]
    bars = (
        alt.Chart(data)
        .mark_bar(color=BAR_COLOR, opacity=0.85)
        .encode(x=x, y=alt.Y("value:Q", title=value_title), tooltip=tooltip)
    )
    line = (
        alt.Chart(data)
        .mark_line(color=SCORE_COLOR, point=alt.OverlayMarkDef(color=SCORE_COLOR))
        .encode(
            x=x,
            y=alt.Y("total_score:Q", title=score_title, axis=alt.Axis(titleColor=SCORE_COLOR)),
            tooltip=tooltip,
        )
    )
    chart = alt.layer(bars, line).resolve_scale(y="independent").properties(height=380)
    return Rendered(
        caption=caption(figure, language, **title_values(choice, language, edition)),
        data=data,
        spec=vega_spec(chart),
        notes=[label("topics.index_versus_topic_note", language)],
    )


FIGURE_MAP = Figure("figure", "4-1", "fig.4_1", "4", build_map)
FIGURE_RANKING = Figure("figure", "4-4", "fig.4_4", "4", build_ranking)
FIGURE_WORD_CLOUD = Figure("figure", "4-5", "fig.4_5", "4", build_word_cloud)
FIGURE_INDEX_VERSUS_TOPIC = Figure("figure", "4-6", "fig.4_6", "4", build_index_versus_topic)

register(FIGURE_MAP, FIGURE_RANKING, FIGURE_WORD_CLOUD, FIGURE_INDEX_VERSUS_TOPIC)

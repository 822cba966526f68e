"""Chapter 4, special topics (docs/analyses.md §5): figure 4-7, the regression of the total score
on a topic (both fits, the 95% confidence band of the mean response, the outliers marked), and
table 4-1, its statistics. Per topic like the other topic figures (topics.py, `for_topic`).
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from app.figures import register
from app.figures.spec import Figure, Reader, Rendered, caption, vega_spec
from app.figures.topics import (
    Choice,
    per_topic,
    region_names,
    title_values,
    topic_value_title,
)
from app.labels import label

FIT_COLORS = {"all": "#7f7f7f", "excluding_outliers": "#c0392b"}
POINT_COLORS = {"regular": "#1f4e79", "outlier": "#c0392b", "excluded": "#e67e22"}
LABEL_ALL_POINTS_UP_TO = 40  # more points: only the outliers are labelled


def _regressions(reader: Reader, edition: int, choice: Choice) -> pd.DataFrame:
    return reader.query(
        "select fit, n, slope, intercept, r_squared, slope_std_error, slope_t, slope_p_value, "
        "slope_ci_low, slope_ci_high, excluded_regions from fct_topic_regressions "
        "where topic_code = ? and edition = ? and region_level = ? order by fit",
        [choice.topic_code, edition, choice.level],
    )


def _excluded(regressions: pd.DataFrame) -> set[str]:
    rows = regressions.loc[regressions["fit"] == "excluding_outliers", "excluded_regions"]
    return {code for text in rows for code in str(text).split(",") if code}


def _no_fit_note(reader: Reader, edition: int, choice: Choice, language: str) -> str:
    [count] = reader.query(
        "select count(*) as n from fct_topic_values "
        "where topic_code = ? and edition = ? and region_level = ?",
        [choice.topic_code, edition, choice.level],
    )["n"].tolist()
    return label("topics.no_fit", language, regions=int(count))


def _fit_notes(regressions: pd.DataFrame, names: dict[str, str], language: str) -> list[str]:
    notes = []
    for row in regressions.itertuples():
        excluded = [names.get(code, code) for code in str(row.excluded_regions).split(",") if code]
        notes.append(
            label(
                f"topics.fit_note.{row.fit}",
                language,
                r_squared=row.r_squared,
                n=int(row.n),
                slope=row.slope,
                p=row.slope_p_value,
                excluded=", ".join(excluded) or label("topics.none_excluded", language),
            )
        )
    return notes


@per_topic("fig4-7")
def build_regression(reader: Reader, edition: int, language: str, choice: Choice) -> Rendered:
    figure = FIGURE_REGRESSION
    titles = title_values(choice, language, edition)
    regressions = _regressions(reader, edition, choice)
    if regressions.empty:
        note = _no_fit_note(reader, edition, choice, language)
        return Rendered(caption(figure, language, **titles), pd.DataFrame(), notes=[note])
    points = reader.query(
        "select p.region_code, d.region_name, d.region_name_en, p.x, p.y, p.fitted, p.residual, "
        "p.studentized_residual, p.leverage, p.cooks_distance, p.is_outlier "
        "from fct_topic_points as p inner join dim_regions as d "
        "on d.region_level = p.region_level and d.region_code = p.region_code "
        "where p.topic_code = ? and p.edition = ? and p.region_level = ? order by p.region_code",
        [choice.topic_code, edition, choice.level],
    )
    points = points.assign(region_name=region_names(points, language)).drop(
        columns="region_name_en"
    )
    bands = reader.query(
        "select fit, point_index, x, fitted, ci_low, ci_high from fct_topic_fit_bands "
        "where topic_code = ? and edition = ? and region_level = ? order by fit, point_index",
        [choice.topic_code, edition, choice.level],
    )
    fit_labels = {fit: label(f"topics.fit.{fit}", language) for fit in FIT_COLORS}
    bands["fit_label"] = bands["fit"].map(fit_labels)
    excluded = _excluded(regressions)
    status = [
        "outlier" if is_outlier else "excluded" if code in excluded else "regular"
        for code, is_outlier in zip(points["region_code"], points["is_outlier"], strict=True)
    ]
    status_labels = {key: label(f"topics.point.{key}", language) for key in POINT_COLORS}
    points["status"] = [status_labels[key] for key in status]
    chart = _regression_chart(points, bands, fit_labels, status_labels, choice, language)
    names = dict(zip(points["region_code"], points["region_name"], strict=True))
    return Rendered(
        caption=caption(figure, language, **titles),
        data=points.drop(columns="status").rename(columns={"x": "value", "y": "total_score"}),
        spec=vega_spec(chart),
        notes=_fit_notes(regressions, names, language),
    )


def _regression_chart(
    points: pd.DataFrame,
    bands: pd.DataFrame,
    fit_labels: dict[str, str],
    status_labels: dict[str, str],
    choice: Choice,
    language: str,
) -> alt.LayerChart:
    x_title, y_title = topic_value_title(choice, language), label("col.total_score", language)
    fit_color = alt.Color(
        "fit_label:N",
        title=None,
        scale=alt.Scale(domain=list(fit_labels.values()), range=list(FIT_COLORS.values())),
    )
    band = (
        alt.Chart(bands)
        .mark_area(opacity=0.15)
        .encode(
            x=alt.X("x:Q", title=x_title),
            y=alt.Y("ci_low:Q", title=y_title),
            y2="ci_high:Q",
            color=fit_color,
        )
    )
    line = alt.Chart(bands).mark_line(strokeWidth=2).encode(x="x:Q", y="fitted:Q", color=fit_color)
    dots = (
        alt.Chart(points)
        .mark_point(filled=True, size=70)
        .encode(
            x="x:Q",
            y="y:Q",
            shape=alt.Shape("status:N", title=None),
            fill=alt.Fill(
                "status:N",
                title=None,
                scale=alt.Scale(
                    domain=list(status_labels.values()), range=list(POINT_COLORS.values())
                ),
            ),
            tooltip=[
                alt.Tooltip("region_name:N", title=label("col.region_name", language)),
                alt.Tooltip("x:Q", title=x_title, format=",.0f"),
                alt.Tooltip("y:Q", title=y_title, format=".2f"),
                alt.Tooltip("studentized_residual:Q", title="t*", format=".2f"),
                alt.Tooltip("cooks_distance:Q", title="Cook's D", format=".3f"),
            ],
        )
    )
    labelled = points if len(points) <= LABEL_ALL_POINTS_UP_TO else points[points["is_outlier"]]
    names = (
        alt.Chart(labelled)
        .mark_text(dy=-10, fontSize=10)
        .encode(x="x:Q", y="y:Q", text="region_name:N")
    )
    return alt.layer(band, line, dots, names).properties(height=420)


@per_topic("tab4-1")
def build_statistics(reader: Reader, edition: int, language: str, choice: Choice) -> Rendered:
    figure = TABLE_STATISTICS
    regressions = _regressions(reader, edition, choice)
    titles = title_values(choice, language, edition)
    if regressions.empty:
        note = _no_fit_note(reader, edition, choice, language)
        return Rendered(caption(figure, language, **titles), regressions, notes=[note])
    names = reader.query(
        "select region_code, region_name, region_name_en from dim_regions where region_level = ?",
        [choice.level],
    )
    names = dict(zip(names["region_code"], region_names(names, language), strict=True))
    data = regressions.assign(
        fit=[label(f"topics.fit.{fit}", language) for fit in regressions["fit"]],
        excluded_regions=[
            ", ".join(names.get(code, code) for code in str(text).split(",") if code)
            for text in regressions["excluded_regions"]
        ],
    )
    return Rendered(
        caption=caption(figure, language, **titles),
        data=data,
        notes=[label("topics.statistics_note", language)],
    )


FIGURE_REGRESSION = Figure("figure", "4-7", "fig.4_7", "4", build_regression)
TABLE_STATISTICS = Figure("table", "4-1", "tab.4_1", "4", build_statistics)

register(FIGURE_REGRESSION, TABLE_STATISTICS)

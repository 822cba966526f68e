"""Chapter 2 of the report (总体情况): the provinces (表2-1, 图2-1), the cities (表2-2, 图2-2), the
tiers (图2-3 to 2-6), the economic circles (图2-7 to 2-10, 表2-3).

Each figure states its selection in its caption. The counts a figure shows come from
fct_report_facts where the warehouse has the fact, otherwise from a public table (SQL in
app/figures/data.py); nothing is counted here.
"""

from __future__ import annotations

from functools import partial

import altair as alt
import pandas as pd

from app import charts, maps
from app.figures import data as queries
from app.figures import register
from app.figures.common import (
    DIMENSIONS,
    MACRO_REGIONS,
    PUBLISHED_CHANGE,
    RECOMPUTED_CHANGE,
    TOP,
    Tree,
    circle_names,
    define,
    is_rank_change,
    labeller,
    macro_text,
    rank_change_text,
    region_names,
    shown_rank_changes,
    tier_text,
    total_rank_changes,
)
from app.figures.facts import fact_value
from app.figures.spec import Figure, Reader, Rendered, caption, vega_spec

# 图2-7 … 2-10: the report's circles, in the report's order.
CIRCLES: tuple[str, ...] = (
    "jingjinji",
    "yangtze_river_delta",
    "pearl_river_delta",
    "chengdu_chongqing",
)
TIERS: tuple[int, ...] = (1, 2, 3)  # 图2-4 … 2-6
BAR_HEIGHT = 24


def rank_change_notes(reader: Reader, edition: int, level: str, language: str) -> list[str]:
    """Under a figure or table of total rank changes: nothing when the previous edition is not
    published; otherwise what each of the two changes compares with, and how many regions the
    revision of the previous edition moved (fct_index; nothing said when none)."""
    if not queries.compares_with_published(reader, edition):
        return []
    t = labeller(language)
    notes = [t("rank_change.published_note", previous=edition - 1)]
    differing = queries.rank_change_differences(reader, edition, level)
    if differing:
        notes.append(t("rank_change.revised_note", count=differing, previous=edition - 1))
    return notes


def _report_table(
    reader: Reader,
    view: str,
    edition: int,
    level: str,
    language: str,
    order: tuple[str, ...] = (),
) -> pd.DataFrame:
    """A report view (its columns in `order`, where given) with names in `language`, the total
    rank change the report's way (common.total_rank_changes), rank changes as ▲/▼ and tiers
    as text."""
    frame = queries.report_table(reader, view, edition)
    frame = frame[[*order, *(column for column in frame.columns if column not in order)]]
    frame = total_rank_changes(frame, queries.compares_with_published(reader, edition))
    if language == "en":
        english = queries.index_table(reader, edition, level).set_index("region_code")
        frame["region_name"] = (
            frame["region_code"].map(english["region_name_en"]).fillna(frame["region_name"])
        )
    for column in [c for c in frame.columns if is_rank_change(c)]:
        frame[column] = frame[column].map(rank_change_text)
    if "tier" in frame:
        frame["tier"] = frame["tier"].map(lambda value: tier_text(value, language))
    for column in [c for c in frame.columns if c.endswith("_score")]:
        frame[column] = frame[column].astype(float).round(2)
    return frame


def table_2_1(figure: Figure, reader: Reader, edition: int, language: str) -> Rendered:
    frame = _report_table(reader, "rpt_table_2_1_top_provinces", edition, "province", language)
    t = labeller(language)
    notes = [t("tab.2_1.note"), *rank_change_notes(reader, edition, "province", language)]
    return Rendered(caption(figure, language, edition=edition, top=len(frame)), frame, notes=notes)


# 表2-2's columns as the report reads them: each rank beside its change.
TABLE_2_2_ORDER = (
    "total_rank",
    "region_code",
    "region_name",
    "total_score",
    "total_rank_change",
    "tier",
    *(column for node in DIMENSIONS for column in (f"{node}_rank", f"{node}_rank_change")),
)


def table_2_2(figure: Figure, reader: Reader, edition: int, language: str) -> Rendered:
    frame = _report_table(
        reader, "rpt_table_2_2_top_cities", edition, "city", language, TABLE_2_2_ORDER
    )
    t = labeller(language)
    notes = [t("tab.2_2.note"), *rank_change_notes(reader, edition, "city", language)]
    return Rendered(caption(figure, language, edition=edition, top=len(frame)), frame, notes=notes)


def province_map(
    reader: Reader, edition: int, language: str, node: str = "total", title: str | None = None
) -> Rendered:
    """The provinces coloured by the node's score (图2-1 is the total; the viewer also maps
    each dimension)."""
    t = labeller(language)
    tree = Tree(queries.indicator_tree(reader), language)
    index = queries.index_table(reader, edition, "province")
    values = pd.DataFrame(
        {
            "region_code": index["region_code"],
            "region_name": region_names(index, language),
            "score": index[f"{node}_score"].round(2),
            "score_rank": index[f"{node}_rank"],
        }
    )
    chart, datasets = maps.choropleth(
        values,
        "province",
        "score",
        tree.name(node),
        tooltip=[
            alt.Tooltip("region_name:N", title=t("col.region_name")),
            alt.Tooltip("score:Q", title=t("col.score"), format=".2f"),
            alt.Tooltip("score_rank:Q", title=t("col.score_rank")),
        ],
        scheme="orangered",
    )
    text = title or t("fig.province_map.title", edition=edition, node=tree.name(node))
    return Rendered(text, values, vega_spec(chart, datasets), notes=[t("fig.map.note")])


def figure_2_1(figure: Figure, reader: Reader, edition: int, language: str) -> Rendered:
    return province_map(
        reader, edition, language, "total", caption(figure, language, edition=edition)
    )


def _top_by_macro_region(reader: Reader, edition: int, movement: pd.DataFrame) -> dict[str, int]:
    """Cities of each macro-region in the total top 20: fct_report_facts' top20_by_macro_region
    where the warehouse has it, otherwise the count from fct_index."""
    counted = dict(zip(movement["macro_region"], movement["in_top"], strict=True))
    result = {}
    for macro in MACRO_REGIONS:
        fact = fact_value(reader, edition, "top20_by_macro_region", "city", f"total:{macro}")
        result[macro] = int(fact[0]) if fact is not None else int(counted.get(macro, 0))
    return result


def figure_2_2(figure: Figure, reader: Reader, edition: int, language: str) -> Rendered:
    """The top 20 cities' rank change, and where the movers are: per macro-region, how many cities
    moved up, stayed or moved down, and how many are in the top 20. Where the previous edition
    was published, both read the change against the published list (the bars' tooltips and the
    data add the recomputed one)."""
    t = labeller(language)
    published = queries.compares_with_published(reader, edition)
    top = queries.node_top(reader, edition, "city", "total", TOP)
    cities = total_rank_changes(
        pd.DataFrame(
            {
                "part": t("fig.2_2.part_top"),
                "region_name": region_names(top, language),
                "macro_region": top["macro_region"].map(lambda value: macro_text(value, language)),
                "total_rank": top["score_rank"],
                RECOMPUTED_CHANGE: top["rank_change"],
                PUBLISHED_CHANGE: top["rank_change_vs_published"],
            }
        ),
        published,
    )
    main, *beside = shown_rank_changes(cities)
    movement = queries.movement_by_macro_region(
        reader, edition, "city", TOP, PUBLISHED_CHANGE if published else RECOMPUTED_CHANGE
    )
    movement = (
        movement.set_index("macro_region").reindex(list(MACRO_REGIONS)).fillna(0).reset_index()
    )
    in_top = _top_by_macro_region(reader, edition, movement)
    movement["in_top"] = movement["macro_region"].map(in_top)
    macro_names = [macro_text(macro, language) for macro in MACRO_REGIONS]
    moves = {
        "risers": t("fig.2_2.risers"),
        "unchanged": t("fig.2_2.unchanged"),
        "fallers": t("fig.2_2.fallers"),
    }
    long = movement.melt(
        id_vars=["macro_region"], value_vars=list(moves), var_name="movement", value_name="count"
    )
    long = long.assign(
        movement_order=long["movement"].map(list(moves).index),
        movement=long["movement"].map(moves),
        macro_region=long["macro_region"].map(lambda value: macro_text(value, language)),
    )
    has_previous = bool(top["rank_change"].notna().any())
    left = charts.rank_change_bars(
        cities.assign(**{main: cities[main].fillna(0)}),
        "region_name",
        main,
        language=language,
        change_title=t(f"col.{main}") if published else None,
        details={"macro_region": t("col.macro_region"), **{c: t(f"col.{c}") for c in beside}},
    ).properties(title=t("fig.2_2.part_top"), width=260)
    movers = charts.movement_bars(
        long,
        "macro_region",
        "movement",
        "count",
        macro_names,
        list(moves.values()),
        language=language,
    ).properties(title=t("fig.2_2.part_movement"), width=300)
    top_regions = pd.DataFrame(
        {"macro_region": macro_names, "in_top": [in_top[m] for m in MACRO_REGIONS]}
    )
    in_top_bars = charts.ranked_bars(
        top_regions,
        "macro_region",
        "in_top",
        t("col.count"),
        label_field="in_top",
        value_format="d",
        language=language,
    ).properties(title=t("fig.2_2.part_in_top", top=TOP), width=300, height=BAR_HEIGHT * 4)
    summary = pd.DataFrame(
        {
            "part": t("fig.2_2.part_movement"),
            "macro_region": macro_names,
            "regions": movement["regions"].astype(int),
            "in_top": movement["in_top"].astype(int),
            **{column: movement[column].astype(int) for column in moves},
        }
    )
    notes = [
        t(
            "fig.2_2.top_note",
            top=TOP,
            counts=t("list.separator").join(
                t("fig.2_2.macro_count", macro=name, count=in_top[macro])
                for macro, name in zip(MACRO_REGIONS, macro_names, strict=True)
            ),
        )
    ]
    if not has_previous:
        notes.append(t("fig.2_2.no_previous"))
    notes += rank_change_notes(reader, edition, "city", language)
    right = alt.vconcat(movers, in_top_bars).resolve_scale(color="independent")
    spec = vega_spec(alt.hconcat(left, right).resolve_scale(color="independent"))
    return Rendered(
        caption(figure, language, edition=edition, top=TOP),
        pd.concat([cities, summary], ignore_index=True),
        spec,
        notes=notes,
    )


def _tiered_cities(reader: Reader, edition: int, language: str) -> pd.DataFrame:
    index = queries.index_table(reader, edition, "city")
    tiered = index.dropna(subset=["tier"])
    return tiered.assign(
        region_name=region_names(tiered, language),
        tier_text=tiered["tier"].map(lambda value: tier_text(value, language)),
    )


def figure_2_3(figure: Figure, reader: Reader, edition: int, language: str) -> Rendered:
    t = labeller(language)
    tiered = _tiered_cities(reader, edition, language)
    frame = tiered[["total_rank", "region_name", "total_score", "tier_text"]].rename(
        columns={"tier_text": "tier"}
    )
    frame = frame.assign(total_score=frame["total_score"].round(2))
    chart = charts.tier_scatter(
        frame, "region_name", "total_rank", "total_score", "tier", language=language
    )
    sizes = queries.tier_sizes(reader, edition, "city")
    for tier in sizes:
        fact = fact_value(reader, edition, "tier_members", "city", f"tier:{tier}")
        if fact is not None:
            sizes[tier] = int(fact[0])
    ordered = tiered.sort_values(["total_rank", "region_code"])
    notes = [
        t(
            "fig.2_3.tier_members",
            tier=tier_text(tier, language),
            count=count,
            names=t("list.separator").join(ordered.loc[ordered["tier"] == tier, "region_name"]),
        )
        for tier, count in sizes.items()
    ]
    return Rendered(
        caption(figure, language, edition=edition), frame, vega_spec(chart), notes=notes
    )


def tier_dimensions(
    tier: int, figure: Figure, reader: Reader, edition: int, language: str
) -> Rendered:
    """The three dimension scores of the cities of one tier, side by side (图2-4 … 2-6)."""
    t = labeller(language)
    tree = Tree(queries.indicator_tree(reader), language)
    members = _tiered_cities(reader, edition, language)
    members = members[members["tier"] == tier].sort_values(["total_rank", "region_code"])
    long = members.melt(
        id_vars=["region_name", "total_rank"],
        value_vars=[f"{code}_score" for code in DIMENSIONS],
        var_name="node",
        value_name="score",
    )
    long = long.assign(
        node=long["node"].str.removesuffix("_score").map(tree.name), score=long["score"].round(2)
    )
    dimension_names = [tree.name(code) for code in DIMENSIONS]
    chart = charts.grouped_bars(
        long,
        "region_name",
        "node",
        "score",
        t("col.score"),
        category_order=members["region_name"].tolist(),
        group_order=dimension_names,
        language=language,
    )
    notes = [] if len(members) else [t("fig.tier.none", tier=tier_text(tier, language))]
    return Rendered(
        caption(figure, language, edition=edition, tier=tier_text(tier, language)),
        long,
        vega_spec(chart),
        notes=notes,
    )


def circle_map(
    circle: str, figure: Figure, reader: Reader, edition: int, language: str
) -> Rendered:
    """One circle's cities coloured by total score, on the colour scale shared by the four
    circle maps (quantile classes of all their member cities), so that the maps compare."""
    t = labeller(language)
    members = queries.circle_member_scores(reader, edition)
    members = members[members["circle_code"].isin(CIRCLES)]
    edges = maps.quantile_edges(members["total_score"])
    own = members[members["circle_code"] == circle]
    values = pd.DataFrame(
        {
            "region_code": own["region_code"],
            "region_name": region_names(own, language),
            "total_score": own["total_score"].round(2),
            "total_rank": own["total_rank"],
        }
    )
    chart, datasets = maps.choropleth(
        values,
        "city",
        "total_score",
        t("col.total_score"),
        tooltip=[
            alt.Tooltip("region_name:N", title=t("col.region_name")),
            alt.Tooltip("total_score:Q", title=t("col.total_score"), format=".2f"),
            alt.Tooltip("total_rank:Q", title=t("fig.circle_map.national_rank")),
        ],
        height=320,
        codes=set(own["region_code"]),
        scheme="orangered",
        edges=edges,
    )
    name = circle_names(own, language).iloc[0] if len(own) else circle
    return Rendered(
        caption(figure, language, edition=edition, circle=name),
        values,
        vega_spec(chart, datasets),
        notes=[t("fig.circle_map.note")],
    )


def table_2_3(figure: Figure, reader: Reader, edition: int, language: str) -> Rendered:
    t = labeller(language)
    frame = queries.report_table(reader, "rpt_table_2_3_circles", edition)
    if language == "en":
        scores = queries.circle_scores(reader, edition).drop_duplicates("circle_code")
        english = scores.set_index("circle_code")["circle_name_en"]
        frame["circle_name"] = frame["circle_code"].map(english).fillna(frame["circle_name"])
    for column in [c for c in frame.columns if is_rank_change(c)]:
        frame[column] = frame[column].map(rank_change_text)
    for column in [c for c in frame.columns if c.endswith("_score")]:
        frame[column] = frame[column].astype(float).round(2)
    return Rendered(caption(figure, language, edition=edition), frame, notes=[t("tab.2_3.note")])


register(
    define("table", "2-1", "2", table_2_1),
    define("figure", "2-1", "2", figure_2_1),
    define("table", "2-2", "2", table_2_2),
    define("figure", "2-2", "2", figure_2_2),
    define("figure", "2-3", "2", figure_2_3),
    *(define("figure", f"2-{3 + tier}", "2", partial(tier_dimensions, tier)) for tier in TIERS),
    *(
        define("figure", f"2-{7 + number}", "2", partial(circle_map, circle))
        for number, circle in enumerate(CIRCLES)
    ),
    define("table", "2-3", "2", table_2_3),
)

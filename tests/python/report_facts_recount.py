"""Every report fact (docs/analyses.md §6) recounted with pandas from the public tables.

Independent of the SQL in models/marts/facts: it reads fct_index, fct_node_scores,
fct_indicator_values, fct_circle_scores and dim_regions and counts again, by the definitions
of docs/analyses.md §6. `recount` returns the rows fct_report_facts must have (edition,
fact_code, region_level, group_code, value, previous_value, detail) and, for the statements,
the English names a row's sentence must mention.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

import duckdb
import pandas as pd

NODES = ("total", "industry_level", "industry_innovation", "industry_environment")
TOP = {"city": 20, "province": 15}
KEYS = ["edition", "fact_code", "region_level", "group_code"]
NULL_WITHOUT_PREVIOUS = ("top20_retained", "largest_rank_rise", "largest_rank_fall")


def one_decimal(number: float) -> str:
    """As the statements print a share or a score: one decimal, halves rounded up."""
    return str(Decimal(repr(number)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def share(count: int, of: int) -> str:
    return one_decimal(100.0 * count / of) + "%"


def zh(names: Iterable[str]) -> str:
    return "、".join(names)


class Tables:
    """The public tables a recount needs, read once."""

    def __init__(self, connection: duckdb.DuckDBPyConnection) -> None:
        nodes = ", ".join(f"'{node}'" for node in NODES)
        self.regions = connection.execute(
            "select region_level, region_code, region_name, region_name_en, macro_region "
            "from dim_regions"
        ).df()
        ranks = connection.execute(
            "select edition, region_level, region_code, node_code, score_rank "
            f"from fct_node_scores where node_code in ({nodes})"
        ).df()
        self.ranks = ranks.merge(self.regions, on=["region_level", "region_code"])
        index = connection.execute(
            "select edition, region_level, region_code, total_rank, total_rank_change,"
            " total_rank_change_vs_published, tier from fct_index"
        ).df()
        self.index = index.merge(self.regions, on=["region_level", "region_code"])
        self.values = connection.execute(
            "select edition, region_level, region_code, indicator_code, raw_value "
            "from fct_indicator_values "
            "where indicator_code in ('unicorns', 'management_agencies', 'data_exchanges')"
        ).df()
        self.circles = connection.execute(
            "select edition, circle_code, circle_name, node_code, score, score_rank "
            f"from fct_circle_scores where node_code in ({nodes})"
        ).df()
        self.circle_names_en = dict(
            connection.execute(
                "select distinct circle_code, circle_name_en from dim_circle_members"
            ).fetchall()
        )
        self.editions = sorted(int(edition) for edition in index["edition"].unique())
        self.macro_regions = sorted(self.regions["macro_region"].unique())


def row(edition, fact, level, group, value, detail=None, names_en=(), previous=None) -> dict:
    return {
        "edition": int(edition),
        "fact_code": fact,
        "region_level": level,
        "group_code": group,
        "value": None if value is None else float(value),
        "detail": detail,
        "names_en": list(names_en),
        "previous_given": previous,
    }


def in_order(frame: pd.DataFrame, *columns: str) -> pd.DataFrame:
    return frame.sort_values([*columns, "region_code"])


def tops_by_macro_region(tables: Tables) -> list[dict]:
    rows = []
    for edition in tables.editions:
        for level, nodes in (("city", NODES), ("province", ("total",))):
            fact = f"top{TOP[level]}_by_macro_region"
            for node in nodes:
                ranks = tables.ranks
                top = ranks[
                    (ranks["edition"] == edition)
                    & (ranks["region_level"] == level)
                    & (ranks["node_code"] == node)
                    & (ranks["score_rank"] <= TOP[level])
                ]
                for macro in tables.macro_regions:
                    members = in_order(top[top["macro_region"] == macro], "score_rank")
                    detail = zh(members["region_name"])
                    rows.append(row(edition, fact, level, f"{node}:{macro}", len(members), detail))
    return rows


def top20_retained(tables: Tables) -> list[dict]:
    total = tables.ranks[
        (tables.ranks["region_level"] == "city") & (tables.ranks["node_code"] == "total")
    ]
    top = total[total["score_rank"] <= 20]
    rows = []
    for edition in tables.editions:
        if edition - 1 not in tables.editions:
            rows.append(row(edition, "top20_retained", "city", "total", None))
            continue
        now, before = top[top["edition"] == edition], top[top["edition"] == edition - 1]
        entries = in_order(now[~now["region_code"].isin(before["region_code"])], "score_rank")
        exits = in_order(before[~before["region_code"].isin(now["region_code"])], "score_rank")
        retained = int(now["region_code"].isin(before["region_code"]).sum())
        detail = (
            f"entries: {zh(entries['region_name']) or 'none'}; "
            f"exits: {zh(exits['region_name']) or 'none'}"
        )
        names = [*entries["region_name_en"], *exits["region_name_en"]]
        rows.append(row(edition, "top20_retained", "city", "total", retained, detail, names))
    return rows


def rank_streaks(tables: Tables) -> list[dict]:
    rows = []
    index = tables.index
    for level in ("city", "province"):
        ranks = index[index["region_level"] == level].set_index(["edition", "region_code"])
        for edition in tables.editions:
            now = in_order(
                index[(index["edition"] == edition) & (index["region_level"] == level)],
                "total_rank",
            )
            for region in now[now["total_rank"] <= 5].itertuples():
                for prefix, max_rank in (("first:", 1), ("", 5)):
                    if region.total_rank > max_rank:
                        continue
                    streak = 0  # E, E - 1, … until an edition missing or ranked below
                    while (
                        rank := ranks["total_rank"].get((edition - streak, region.region_code))
                    ) is not None and rank <= max_rank:
                        streak += 1
                    group = prefix + region.region_code
                    rows.append(
                        row(edition, "top_rank_streak", level, group, streak, region.region_name,
                            [region.region_name_en])
                    )  # fmt: skip
    return rows


def tier_members(tables: Tables) -> list[dict]:
    rows = []
    tiered = tables.index[tables.index["tier"].notna()]
    for (edition, level, tier), members in tiered.groupby(["edition", "region_level", "tier"]):
        members = in_order(members, "total_rank")
        rows.append(
            row(edition, "tier_members", level, f"tier:{int(tier)}", len(members),
                zh(members["region_name"]), members["region_name_en"])
        )  # fmt: skip
    return rows


def indicator_counts(tables: Tables) -> list[dict]:
    """Every region of dim_regions in every edition; a region without a value has none."""
    rows = []
    values = tables.values.pivot_table(
        index=["edition", "region_level", "region_code"],
        columns="indicator_code",
        values="raw_value",
        aggfunc="max",
    )
    for edition in tables.editions:
        counts = tables.regions.copy()
        counts["edition"] = edition
        counts = counts.join(values, on=["edition", "region_level", "region_code"]).fillna(
            {"unicorns": 0, "management_agencies": 0, "data_exchanges": 0}
        )
        cities = counts[counts["region_level"] == "city"]
        for fact, indicator in (
            ("cities_with_unicorns", "unicorns"),
            ("cities_with_management_agency", "management_agencies"),
        ):
            having = int((cities[indicator] > 0).sum())
            rows.append(row(edition, fact, "city", "all", having, share(having, len(cities))))
        provinces = counts[counts["region_level"] == "province"]
        groups = {"all": provinces}
        groups.update(
            {macro: provinces[provinces["macro_region"] == macro] for macro in tables.macro_regions}
        )
        for group, members in groups.items():
            having = int((members["data_exchanges"] > 0).sum())
            rows.append(
                row(edition, "provinces_with_data_exchange", "province", group, having,
                    share(having, len(members)))
            )  # fmt: skip
        exchanges = provinces["data_exchanges"]
        for group, members in (
            ("0", provinces[exchanges == 0]),
            ("1-2", provinces[(exchanges > 0) & (exchanges <= 2)]),
            ("3+", provinces[exchanges > 2]),
        ):
            members = members.sort_values("region_code")
            rows.append(
                row(edition, "provinces_by_data_exchange_count", "province", group, len(members),
                    zh(members["region_name"]), members["region_name_en"])
            )  # fmt: skip
    return rows


def largest_rank_moves(tables: Tables) -> list[dict]:
    rows = []
    for (edition, level), regions in tables.index.groupby(["edition", "region_level"]):
        for fact, sign in (("largest_rank_rise", 1), ("largest_rank_fall", -1)):
            # against the published list where E - 1 was published (the report's reading)
            change = regions["total_rank_change_vs_published"].astype(float)
            places = sign * change.fillna(regions["total_rank_change"].astype(float))
            if places.isna().all():
                rows.append(row(edition, fact, level, "total", None))
                continue
            largest = places.max()
            if largest <= 0:
                rows.append(row(edition, fact, level, "total", 0))
                continue
            movers = in_order(regions[places == largest], "total_rank")
            rows.append(
                row(edition, fact, level, "total", largest, zh(movers["region_name"]),
                    movers["region_name_en"])
            )  # fmt: skip
    return rows


def circle_leaders(tables: Tables) -> list[dict]:
    rows = []
    leaders = tables.circles[tables.circles["score_rank"] == 1]
    for (edition, node), circles in leaders.groupby(["edition", "node_code"]):
        circles = circles.sort_values("circle_code")
        names_en = [tables.circle_names_en[code] for code in circles["circle_code"]]
        rows.append(
            row(edition, "circle_leader", "city", node, circles["score"].max(),
                zh(circles["circle_name"]), names_en)
        )  # fmt: skip
    return rows


def top_node_ranks(tables: Tables) -> list[dict]:
    rows = []
    ranks = tables.ranks
    before = ranks.set_index(["edition", "region_level", "node_code", "region_code"])["score_rank"]
    index = tables.index.set_index(["edition", "region_level", "region_code"])
    published_before = (index["total_rank"] + index["total_rank_change_vs_published"]).dropna()
    for region in ranks[ranks["score_rank"] <= ranks["region_level"].map(TOP)].itertuples():
        previous = before.get(
            (region.edition - 1, region.region_level, region.node_code, region.region_code)
        )
        if region.node_code == "total":  # its published rank where E - 1 was published
            previous = published_before.get(
                (region.edition, region.region_level, region.region_code), previous
            )
        rows.append(
            row(region.edition, "top_node_rank", region.region_level,
                f"{region.node_code}:{region.region_code}", region.score_rank,
                region.region_name, [region.region_name_en], previous)
        )  # fmt: skip
    return rows


def recount(connection: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The rows of fct_report_facts, counted again; previous_value is the same key in E - 1
    (top_node_rank: the region's rank in E - 1)."""
    tables = Tables(connection)
    facts = pd.DataFrame(
        [
            *tops_by_macro_region(tables),
            *top20_retained(tables),
            *rank_streaks(tables),
            *tier_members(tables),
            *indicator_counts(tables),
            *largest_rank_moves(tables),
            *circle_leaders(tables),
            *top_node_ranks(tables),
        ]
    )
    previous = facts[[*KEYS, "value"]].rename(columns={"value": "previous_value"})
    previous["edition"] += 1
    facts = facts.merge(previous, on=KEYS, how="left")
    given = facts["fact_code"] == "top_node_rank"
    facts.loc[given, "previous_value"] = facts.loc[given, "previous_given"].astype(float)
    return facts.drop(columns="previous_given")

"""Checks of the rank-uncertainty tables (docs/analyses.md §2.2) of a built warehouse.

Reads only public tables. The draws themselves can only come from the project's generator
(bdi.analysis.uncertainty, called with the seed and the number of draws the table records, on
the published normalised values): every summary of them is then recomputed here with numpy
(np.median, np.percentile with the inverted-CDF definition, and the nearest-rank position
⌈q·D⌉ of the sorted ranks by hand), and compared with what the build published. The engine's
unperturbed scores are compared with index_reference (independent of the project) and with
fct_index and fct_method_scenarios.
"""

from __future__ import annotations

import duckdb
import index_reference as ir
import numpy as np
import pandas as pd

from bdi.analysis import uncertainty as mc

KEYS = ["edition", "region_level", "region_code"]
TOP = 20
NARROW = 5  # the headline: a 90% interval of at most 5 ranks


def has_table(connection: duckdb.DuckDBPyConnection, name: str) -> bool:
    return bool(
        connection.execute(
            "select count(*) from information_schema.tables"
            " where table_schema = 'main' and table_name = ?",
            [name],
        ).fetchone()[0]
    )


def published_values(connection: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return connection.execute(
        "select edition, region_level, region_code, indicator_code, raw_value, normalized_value"
        " from fct_indicator_values"
    ).df()


def published_tree(connection: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return connection.execute(
        "select node_code, node_level, parent_code, sort_order from dim_indicator_tree"
    ).df()


def nominal_totals(values: pd.DataFrame, tree: pd.DataFrame) -> pd.DataFrame:
    """The engine without perturbation (factors 1, no indicator left out), one run per method:
    edition, region_level, region_code, weighting_method, total_score, total_rank."""
    engine_tree = mc.Tree.from_frame(tree)
    frames = []
    for (edition, level), sample in values.groupby(["edition", "region_level"]):
        regions, wide = mc.wide_values(sample, engine_tree)
        scores = mc.draw_total_scores(wide, engine_tree, mc.DrawPlan.nominal(engine_tree))
        ranks = mc.competition_ranks(scores)
        for position, method in enumerate(mc.METHODS):
            frames.append(
                pd.DataFrame(
                    {
                        "edition": edition,
                        "region_level": level,
                        "region_code": regions,
                        "weighting_method": method,
                        "total_score": scores[position],
                        "total_rank": ranks[position],
                    }
                )
            )
    return pd.concat(frames, ignore_index=True)


def reference_totals(values: pd.DataFrame) -> pd.DataFrame:
    """index_reference's totals from the published raw values, per method of the engine."""
    frames = []
    for method in mc.METHODS:
        scores = ir.compute_index(
            values[["edition", "region_level", "region_code", "indicator_code", "raw_value"]],
            method=method,
        )
        total = scores.loc[scores["node_code"] == "total"]
        frames.append(
            total.assign(weighting_method=method)[
                [*KEYS, "weighting_method", "score", "score_rank"]
            ].rename(columns={"score": "total_score", "score_rank": "total_rank"})
        )
    return pd.concat(frames, ignore_index=True)


def assert_totals_agree(engine: pd.DataFrame, other: pd.DataFrame, what: str) -> None:
    """Same rows; scores within 1e-9, ranks equal; no null anywhere."""
    keys = [*KEYS, "weighting_method"]
    merged = engine.merge(other, on=keys, how="outer", suffixes=("", "_other"), indicator=True)
    one_side = merged[merged["_merge"] != "both"]
    assert one_side.empty, f"{what}: rows on one side only:\n{one_side[[*keys, '_merge']].head()}"
    score_gap = (merged["total_score"] - merged["total_score_other"].astype(float)).abs()
    bad_score = ~(score_gap <= 1e-9)  # NaN: bad
    bad_rank = merged["total_rank"].astype(float) != merged["total_rank_other"].astype(float)
    bad = merged[bad_score | bad_rank]
    assert bad.empty, (
        f"{what}: {len(bad)} of {len(merged)} rows disagree with the Monte Carlo engine's "
        f"unperturbed scores:\n{bad[[*keys, 'total_score', 'total_score_other']].head(10)}"
    )


def tier_ranges(index: pd.DataFrame, settings: ir.IndexSettings) -> pd.DataFrame:
    """Each tier's rank range: rank_cutoffs (cutoff[t−1], cutoff[t]]; jenks its members' ranks."""
    tiered = index.dropna(subset=["tier"])
    if settings.tier_method == "rank_cutoffs":
        rows = [
            (level, tier, low + 1, high)
            for level, cutoffs in settings.tier_rank_cutoffs.items()
            for tier, (low, high) in enumerate(zip((0, *cutoffs[:-1]), cutoffs, strict=True), 1)
        ]
        ranges = pd.DataFrame(rows, columns=["region_level", "tier", "lowest", "highest"])
        return tiered.merge(ranges, on=["region_level", "tier"], how="left")
    spans = tiered.groupby(["edition", "region_level", "tier"])["total_rank"]
    return tiered.assign(lowest=spans.transform("min"), highest=spans.transform("max"))


def expected_uncertainty(
    connection: duckdb.DuckDBPyConnection, settings: ir.IndexSettings, draws: int, seed: int
) -> pd.DataFrame:
    """fct_rank_uncertainty recomputed: the draws from the engine, every statistic in numpy."""
    values = published_values(connection)
    tree = mc.Tree.from_frame(published_tree(connection))
    index = connection.execute(
        "select edition, region_level, region_code, total_rank, tier from fct_index"
    ).df()
    ranges = tier_ranges(index, settings).set_index(KEYS)
    nominal = index.set_index(KEYS)["total_rank"]
    frames = []
    for (edition, level), sample in values.groupby(["edition", "region_level"]):
        regions, wide = mc.wide_values(sample, tree)
        ranks = mc.simulate_ranks(wide, tree, draws, mc.generator(seed, edition, level))
        ordered = np.sort(ranks, axis=0)
        q05, q95 = ordered[-(-5 * draws // 100) - 1], ordered[-(-95 * draws // 100) - 1]
        for q, by_hand in ((5, q05), (95, q95)):
            np.testing.assert_array_equal(
                np.percentile(ranks, q, axis=0, method="inverted_cdf"), by_hand
            )
        keys = pd.MultiIndex.from_arrays(
            [[edition] * len(regions), [level] * len(regions), regions]
        )
        nominal_rank = nominal.reindex(keys).to_numpy(float)
        low = ranges["lowest"].reindex(keys).to_numpy(float)
        high = ranges["highest"].reindex(keys).to_numpy(float)
        kept = ((ranks >= low) & (ranks <= high)).mean(axis=0)
        frames.append(
            pd.DataFrame(
                {
                    "edition": edition,
                    "region_level": level,
                    "region_code": regions,
                    "nominal_rank": nominal_rank,
                    "median_rank": np.median(ranks, axis=0),
                    "rank_q05": q05,
                    "rank_q95": q95,
                    "mean_abs_rank_shift": np.abs(ranks - nominal_rank).mean(axis=0),
                    "tier_kept_share": np.where(np.isnan(low), np.nan, kept),
                    "top20_share": (ranks <= TOP).mean(axis=0),
                    "draws": draws,
                    "seed": seed,
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def check_rank_uncertainty(
    connection: duckdb.DuckDBPyConnection,
    settings: ir.IndexSettings,
    draws: int | None = None,
    seed: int | None = None,
) -> pd.DataFrame:
    """fct_rank_uncertainty and its headline fct_rank_uncertainty_summary against the numpy
    recomputation; `draws`/`seed`: what the build was asked for (default: what it records)."""
    import warehouse_check as wc

    published = connection.execute("select * from fct_rank_uncertainty").df()
    recorded = published[["draws", "seed"]].drop_duplicates()
    assert len(recorded) == 1, f"draws and seed differ between rows:\n{recorded}"
    draws = int(recorded["draws"].iloc[0]) if draws is None else draws
    seed = int(recorded["seed"].iloc[0]) if seed is None else seed
    expected = expected_uncertainty(connection, settings, draws, seed)
    shares = ["median_rank", "mean_abs_rank_shift", "top20_share"]
    wc.assert_frames_match(
        published,
        expected,
        KEYS,
        close=dict.fromkeys(shares, (1e-12, 0.0)),
        exact=["nominal_rank", "rank_q05", "rank_q95", "draws", "seed", "tier_kept_share"],
        what="fct_rank_uncertainty",
    )
    top = expected[expected["nominal_rank"] <= TOP].assign(
        narrow=lambda frame: frame["rank_q95"] - frame["rank_q05"] <= NARROW
    )
    headline = (
        top.groupby(["edition", "region_level"])
        .agg(top20_count=("narrow", "size"), top20_narrow_count=("narrow", "sum"))
        .reset_index()
        .assign(draws=draws, seed=seed)
    )
    headline["top20_narrow_share"] = headline["top20_narrow_count"] / headline["top20_count"]
    wc.assert_frames_match(
        connection.execute("select * from fct_rank_uncertainty_summary").df(),
        headline,
        ["edition", "region_level"],
        close={"top20_narrow_share": (1e-12, 0.0)},
        exact=["top20_count", "top20_narrow_count", "draws", "seed"],
        what="fct_rank_uncertainty_summary",
    )
    return published

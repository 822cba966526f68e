"""The Monte Carlo of rank uncertainty (docs/analyses.md §2.2): for every region, how many of
the draws gave it each total rank. The numerical work is bdi.analysis.uncertainty; this model
reads its inputs and the settings (int_rank_uncertainty_settings: vars uncertainty_draws and
uncertainty_seed) and returns the counts."""

from bdi.analysis.uncertainty import rank_counts


def model(dbt, session):
    dbt.config(materialized="table")
    values = dbt.ref("int_indicator_values_normalized").df()
    tree = dbt.ref("ref_indicator_tree").df()
    settings = dbt.ref("int_rank_uncertainty_settings").df()
    draws, seed = int(settings["draws"].iloc[0]), int(settings["seed"].iloc[0])
    counts = rank_counts(
        values[["edition", "region_level", "region_code", "indicator_code", "normalized_value"]],
        tree,
        draws,
        seed,
    )
    counts["draws"] = draws
    counts["seed"] = seed
    return counts

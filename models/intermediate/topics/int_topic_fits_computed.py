"""The topic regressions (docs/analyses.md §5), computed once: per topic, edition and level the
fits `all` and `excluding_outliers` (output = regression), the `all` fit's diagnostics per region
(point) and each fit's 95% confidence band (band), stacked in one table.

A thin wrapper: the statistics are bdi/analysis/topics.py (closed-form OLS); the inputs are the ref
int_topic_points_joined and the analyst's settings (int_topic_settings_chosen: the vars
topic_outlier_threshold and topic_excluded_regions).
"""

from bdi.analysis.topics import fit_topics_with_vars


def model(dbt, session):  # noqa: ANN001, ANN201, ARG001 - dbt's Python-model signature
    dbt.config(materialized="table")
    pairs = dbt.ref("int_topic_points_joined").df()
    settings = dbt.ref("int_topic_settings_chosen").df()
    fits = fit_topics_with_vars(
        pairs, settings["outlier_threshold"].iloc[0], settings["excluded_regions"].iloc[0]
    )
    return fits.stacked()

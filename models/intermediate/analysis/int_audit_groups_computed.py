"""The statistical audit of the groups (docs/analyses.md §3): every parent node's children on
the 0–1 scale (indicators' normalised values, sub-dimensions' and dimensions' unit scores),
audited by bdi.analysis.audit (Cronbach's α, correlations, the first principal component)."""

import pandas as pd

from bdi.analysis.audit import audit_groups


def model(dbt, session):
    dbt.config(materialized="table")
    tree = dbt.ref("ref_indicator_tree").df()[["node_code", "parent_code"]]
    indicators = dbt.ref("int_indicator_values_normalized").df()
    indicators = indicators.rename(
        columns={"indicator_code": "child_code", "normalized_value": "child_value"}
    )
    scores = [
        dbt.ref("int_subdimension_scores_aggregated").df(),
        dbt.ref("int_dimension_scores_aggregated").df(),
    ]
    levels = [indicators] + [
        frame.rename(columns={"node_code": "child_code", "unit_score": "child_value"})
        for frame in scores
    ]
    keys = ["edition", "region_level", "region_code", "child_code", "child_value"]
    children = pd.concat([frame[keys] for frame in levels], ignore_index=True)
    children = children.merge(tree, left_on="child_code", right_on="node_code", how="inner")
    return audit_groups(children.drop(columns="node_code"))

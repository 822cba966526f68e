{#-
    Weights of the 6 sub-dimensions within their dimension, per (edition, region_level), from the
    sub-dimension scores on the 0–1 scale (docs/methodology.md §4: no re-normalisation between
    levels), by var('weighting_method'), by the one definition of a level's weights
    (macros/engine/weighting/child_weights.sql).
-#}
{%- set weighting_method = bdi.weighting_method() -%}

with

subdimension_scores_aggregated as (
    select * from {{ ref('int_subdimension_scores_aggregated') }}
),

indicator_tree as (
    select * from {{ ref('ref_indicator_tree') }}
),

expert_weights as (
    select * from {{ ref('ref_expert_weights') }}
),

-- the children weighted here: each sub-dimension's score on the 0–1 scale, under its parent
children_valued as (
    select
        subdimension_scores_aggregated.edition,
        subdimension_scores_aggregated.region_level,
        indicator_tree.parent_code,
        subdimension_scores_aggregated.node_code as child_code,
        subdimension_scores_aggregated.region_code,
        subdimension_scores_aggregated.unit_score as child_value
    from subdimension_scores_aggregated
    inner join indicator_tree
        on subdimension_scores_aggregated.node_code = indicator_tree.node_code
),

weights_computed as (
    {{ bdi.child_weights('children_valued', weighting_method, 'expert_weights') }}
),

final as (
    select
        edition,
        region_level,
        node_code,
        parent_code,
        child_count,
        informative_child_count,
        is_informative,
        raw_weight,
        weight
    from weights_computed
)

select * from final

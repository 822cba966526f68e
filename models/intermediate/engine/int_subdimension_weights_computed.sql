{#-
    Weights of the 6 sub-dimensions within their dimension (methodology §4), from the
    sub-dimension scores on the 0–1 scale, by the method of var('weighting_method').
-#}

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

child_values as (
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
    {{ bdi.compute_weights('child_values', var('weighting_method'), 'expert_weights') }}
),

final as (
    select
        edition,
        region_level,
        child_code as node_code,
        parent_code,
        child_count,
        informative_child_count,
        is_informative,
        {{ bdi.round_for_unit_tests('raw_weight', var('unit_test_decimals', none)) }} as raw_weight,
        {{ bdi.round_for_unit_tests('weight', var('unit_test_decimals', none)) }} as weight
    from weights_computed
)

select * from final

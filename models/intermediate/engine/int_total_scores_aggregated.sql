{#-
    The total index (methodology §5): the weighted sum of the dimension scores on the 0–1
    scale (unit_score) and on the published 0–100 scale (score).
-#}

with

dimension_scores_aggregated as (
    select * from {{ ref('int_dimension_scores_aggregated') }}
),

dimension_weights_computed as (
    select * from {{ ref('int_dimension_weights_computed') }}
),

child_values as (
    select
        edition,
        region_level,
        region_code,
        node_code as child_code,
        unit_score as child_value
    from dimension_scores_aggregated
),

child_weights as (
    select
        edition,
        region_level,
        parent_code,
        node_code as child_code,
        weight
    from dimension_weights_computed
),

scores_aggregated as (
    {{ bdi.aggregate_child_scores('child_values', 'child_weights') }}
),

final as (
    select
        edition,
        region_level,
        region_code,
        node_code,
        {{ bdi.round_for_unit_tests('unit_score', var('unit_test_decimals', none)) }} as unit_score,
        {{ bdi.round_for_unit_tests('100 * unit_score', var('unit_test_decimals', none)) }} as score
    from scores_aggregated
)

select * from final

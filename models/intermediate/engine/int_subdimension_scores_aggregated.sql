{#-
    Scores of the 6 sub-dimensions (methodology §5): the weighted sum of their indicators'
    normalised values, on the 0–1 scale (unit_score) and the published 0–100 scale (score).
-#}

with

indicator_values_normalized as (
    select * from {{ ref('int_indicator_values_normalized') }}
),

indicator_weights_computed as (
    select * from {{ ref('int_indicator_weights_computed') }}
),

child_values as (
    select
        edition,
        region_level,
        region_code,
        indicator_code as child_code,
        normalized_value as child_value
    from indicator_values_normalized
),

child_weights as (
    select
        edition,
        region_level,
        parent_code,
        node_code as child_code,
        weight
    from indicator_weights_computed
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

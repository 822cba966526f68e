{#-
    Weights of the 18 indicators within their sub-dimension (methodology §4), from the
    normalised values, by the method of var('weighting_method').
-#}

with

indicator_values_normalized as (
    select * from {{ ref('int_indicator_values_normalized') }}
),

indicator_tree as (
    select * from {{ ref('ref_indicator_tree') }}
),

expert_weights as (
    select * from {{ ref('ref_expert_weights') }}
),

child_values as (
    select
        indicator_values_normalized.edition,
        indicator_values_normalized.region_level,
        indicator_tree.parent_code,
        indicator_values_normalized.indicator_code as child_code,
        indicator_values_normalized.region_code,
        indicator_values_normalized.normalized_value as child_value
    from indicator_values_normalized
    inner join indicator_tree
        on indicator_values_normalized.indicator_code = indicator_tree.node_code
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

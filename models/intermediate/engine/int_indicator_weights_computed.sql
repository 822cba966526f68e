{#-
    Weights of the 18 indicators within their sub-dimension, per (edition, region_level), from
    the normalised values, by var('weighting_method') (docs/methodology.md §4), by the one
    definition of a level's weights (macros/engine/weighting/child_weights.sql).
-#}
{%- set weighting_method = bdi.weighting_method() -%}

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

-- the children weighted here: each indicator's normalised value, under its sub-dimension
children_valued as (
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

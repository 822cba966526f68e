{#-
    Weights of the 18 indicators within their sub-dimension, per (edition, region_level), from
    the normalised values, by var('weighting_method') (docs/methodology.md §4): the method's raw
    weight for every informative indicator (macros/engine/weighting), then the rules common to
    every method (sibling_weight).
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

children_flagged as (
    select
        edition,
        region_level,
        parent_code,
        child_code,
        {{ bdi.is_informative_child(weighting_method) }} as is_informative
    from children_valued
    group by edition, region_level, parent_code, child_code
),

informative_children_valued as (
    select children_valued.*
    from children_valued
    inner join children_flagged
        using (edition, region_level, parent_code, child_code)
    where children_flagged.is_informative
),

raw_weights_computed as (
    {{ bdi.raw_weights(weighting_method, 'informative_children_valued', 'expert_weights') }}
),

siblings_summed as (
    select
        children_flagged.*,
        raw_weights_computed.raw_weight,
        count(*) over siblings as child_count,
        count(case when children_flagged.is_informative then 1 end) over siblings
            as informative_child_count,
        sum(raw_weights_computed.raw_weight) over siblings as raw_weight_sum
    from children_flagged
    left join raw_weights_computed
        using (edition, region_level, parent_code, child_code)
    -- summed in child order, so that the result is the same to the last bit in every run
    window siblings as (
        partition by
            children_flagged.edition,
            children_flagged.region_level,
            children_flagged.parent_code
        order by children_flagged.child_code
        rows between unbounded preceding and unbounded following
    )
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
        raw_weight,
        {{ bdi.sibling_weight() }} as weight
    from siblings_summed
)

select * from final

{#-
    Weights of the 6 sub-dimensions within their dimension, per (edition, region_level), from the
    sub-dimension scores on the 0–1 scale (docs/methodology.md §4: no re-normalisation between
    levels), by var('weighting_method'): the method's raw weight for every informative
    sub-dimension (macros/engine/weighting), then the rules common to every method.
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

{#-
    The weight of every child within its parent (docs/methodology.md §4), per (edition,
    region_level), by `weighting_method`: which children are informative (is_informative_child),
    the method's raw weight of each informative child (raw_weights), then the rules common to
    every method (sibling_weight). The one definition of a level's weights: the engine's three
    weight models and the method scenarios call it.

    `children_valued`: a relation with one row per (edition, region_level, parent_code,
    child_code, region_code) and the child's value `child_value` on the 0–1 scale.
    `expert_weights`: (node_code, expert_weight), read by `expert` only.
    Returns one row per (edition, region_level, node_code) with parent_code, child_count,
    informative_child_count, is_informative, raw_weight and weight.
-#}
{% macro child_weights(children_valued, weighting_method, expert_weights) %}
    with

    children_flagged as (
        select
            edition,
            region_level,
            parent_code,
            child_code,
            {{ bdi.is_informative_child(weighting_method) }} as is_informative
        from {{ children_valued }}
        group by edition, region_level, parent_code, child_code
    ),

    informative_children_valued as (
        select children_valued.*
        from {{ children_valued }} as children_valued
        inner join children_flagged
            using (edition, region_level, parent_code, child_code)
        where children_flagged.is_informative
    ),

    raw_weights_computed as (
        {{ bdi.raw_weights(weighting_method, 'informative_children_valued', expert_weights) }}
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
    )

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
{% endmacro %}

{#-
    expert (docs/methodology.md §4): the weight of the node in `expert_weights` (node_code,
    expert_weight; the seed ref_expert_weights), renormalised among the siblings by the common
    rules (sibling_weight). Input and output as in raw_weights.
-#}
{% macro expert_weights(child_values, expert_weights) %}
    select distinct
        child_values.edition,
        child_values.region_level,
        child_values.parent_code,
        child_values.child_code,
        cast(expert_weights.expert_weight as double) as raw_weight
    from {{ child_values }} as child_values
    left join {{ expert_weights }} as expert_weights
        on child_values.child_code = expert_weights.node_code
{% endmacro %}

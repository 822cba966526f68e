{#-
    The raw (unnormalised) weight of every informative child by the chosen method
    (docs/methodology.md §4). Each method is its own macro in this folder; this one only picks it.

    `child_values`: a relation with one row per (edition, region_level, parent_code, child_code,
    region_code) of the informative children only, and their value `child_value` on the 0–1
    scale. `expert_weights`: a relation with (node_code, expert_weight), read by `expert` only.
    Returns one row per (edition, region_level, parent_code, child_code) with `raw_weight`.
-#}
{% macro raw_weights(weighting_method, child_values, expert_weights) %}
    {%- if weighting_method == 'improved_vector' -%}
        {{ bdi.improved_vector_weights(child_values) }}
    {%- elif weighting_method == 'entropy' -%}
        {{ bdi.entropy_weights(child_values) }}
    {%- elif weighting_method == 'critic' -%}
        {{ bdi.critic_weights(child_values) }}
    {%- elif weighting_method == 'equal' -%}
        {{ bdi.equal_weights(child_values) }}
    {%- elif weighting_method == 'expert' -%}
        {{ bdi.expert_weights(child_values, expert_weights) }}
    {%- else -%}
        {{ exceptions.raise_compiler_error(
            "Unknown weighting_method '" ~ weighting_method ~ "': use improved_vector, entropy,"
            ~ " critic, equal or expert (dbt --vars '{weighting_method: entropy}' or"
            ~ " BDI_WEIGHTING_METHOD=entropy)."
        ) }}
    {%- endif -%}
{% endmacro %}

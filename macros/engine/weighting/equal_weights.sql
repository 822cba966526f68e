{#-
    equal (docs/methodology.md §4): every child the same raw weight 1, so w = 1 / m.
    Input and output as in raw_weights.
-#}
{% macro equal_weights(child_values) %}
    select distinct
        edition,
        region_level,
        parent_code,
        child_code,
        cast(1 as double) as raw_weight
    from {{ child_values }}
{% endmacro %}

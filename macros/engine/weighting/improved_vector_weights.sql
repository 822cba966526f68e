{#-
    improved_vector (改进向量法, the default; docs/methodology.md §4): the Euclidean distance of
    each child's column from the optimal vector (1 … 1), d_k = sqrt(Σ_r (1 − c_rk)²). The report
    names the method without publishing its formula; weights proportional to this distance are
    this project's reading of it, not the report's own code.
    Input and output as in raw_weights.
-#}
{% macro improved_vector_weights(child_values) %}
    select
        edition,
        region_level,
        parent_code,
        child_code,
        sqrt(sum((1 - child_value) * (1 - child_value))) as raw_weight
    from {{ child_values }}
    group by edition, region_level, parent_code, child_code
{% endmacro %}

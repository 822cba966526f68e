{#-
    entropy (熵权法; docs/methodology.md §4): with p_rk = c_rk / Σ_r c_rk over the n regions,
    e_k = −(1 / ln n) Σ_r p_rk ln p_rk (0 · ln 0 = 0); the raw weight is 1 − e_k.
    Input and output as in raw_weights.
-#}
{% macro entropy_weights(child_values) %}
    select
        edition,
        region_level,
        parent_code,
        child_code,
        1 + sum(
            case when value_share > 0 then value_share * ln(value_share) else 0 end
        ) / ln(count(*)) as raw_weight
    from (
        select
            edition,
            region_level,
            parent_code,
            child_code,
            child_value / sum(child_value) over (
                partition by edition, region_level, parent_code, child_code
            ) as value_share
        from {{ child_values }}
    ) as values_shared
    group by edition, region_level, parent_code, child_code
{% endmacro %}

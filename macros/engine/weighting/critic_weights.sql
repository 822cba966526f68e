{#-
    critic (docs/methodology.md §4): C_k = σ_k · Σ_k' (1 − ρ_kk'), σ_k the population standard
    deviation of child k's column, ρ_kk' its Pearson correlation with each sibling k' (among the
    children given, i.e. the informative ones). A child without a sibling has C_k = 0.
    Input and output as in raw_weights.
-#}
{% macro critic_weights(child_values) %}
    with

    children_dispersed as (
        select
            edition,
            region_level,
            parent_code,
            child_code,
            stddev_pop(child_value) as value_std
        from {{ child_values }}
        group by edition, region_level, parent_code, child_code
    ),

    children_conflicting as (
        select
            edition,
            region_level,
            parent_code,
            child_code,
            sum(1 - correlation) as conflict
        from (
            select
                child_column.edition,
                child_column.region_level,
                child_column.parent_code,
                child_column.child_code,
                corr(child_column.child_value, sibling_column.child_value) as correlation
            from {{ child_values }} as child_column
            inner join {{ child_values }} as sibling_column
                on child_column.edition = sibling_column.edition
                and child_column.region_level = sibling_column.region_level
                and child_column.parent_code = sibling_column.parent_code
                and child_column.region_code = sibling_column.region_code
                and child_column.child_code <> sibling_column.child_code
            group by
                child_column.edition,
                child_column.region_level,
                child_column.parent_code,
                child_column.child_code,
                sibling_column.child_code
        ) as siblings_correlated
        group by edition, region_level, parent_code, child_code
    )

    select
        children_dispersed.edition,
        children_dispersed.region_level,
        children_dispersed.parent_code,
        children_dispersed.child_code,
        children_dispersed.value_std * coalesce(children_conflicting.conflict, 0) as raw_weight
    from children_dispersed
    left join children_conflicting
        using (edition, region_level, parent_code, child_code)
{% endmacro %}

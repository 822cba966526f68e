{#-
    Parents' scores from their children (docs/methodology.md §5): s_p = Σ w_k · c_k over the
    children's values on the 0–1 scale. The one definition of aggregation: the engine's three
    score models and the method scenarios call it.

    `children_valued`: (edition, region_level, region_code, child_code, child_value);
    `child_weights`: (edition, region_level, node_code, parent_code, weight), node_code the child.
    Returns one row per (edition, region_level, region_code, node_code) — node_code the parent —
    with unit_score (0–1) and score (×100, full precision).
-#}
{% macro parent_scores(children_valued, child_weights) %}
    select
        edition,
        region_level,
        region_code,
        node_code,
        unit_score,
        100 * unit_score as score
    from (
        select
            children_valued.edition,
            children_valued.region_level,
            children_valued.region_code,
            child_weights.parent_code as node_code,
            sum(child_weights.weight * children_valued.child_value) as unit_score
        from {{ children_valued }} as children_valued
        inner join {{ child_weights }} as child_weights
            on children_valued.edition = child_weights.edition
            and children_valued.region_level = child_weights.region_level
            and children_valued.child_code = child_weights.node_code
        group by
            children_valued.edition,
            children_valued.region_level,
            children_valued.region_code,
            child_weights.parent_code
    ) as parents_scored
{% endmacro %}

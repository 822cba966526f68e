{#-
    The total index per region (docs/methodology.md §5): s = Σ w · c over the dimensions' scores
    on the 0–1 scale (unit_score) and ×100 (score, full precision).
    The one definition of aggregation: macros/engine/weighting/parent_scores.sql.
-#}

with

dimension_scores_aggregated as (
    select * from {{ ref('int_dimension_scores_aggregated') }}
),

dimension_weights_computed as (
    select * from {{ ref('int_dimension_weights_computed') }}
),

-- the children: each dimension's score on the 0–1 scale
children_valued as (
    select
        edition,
        region_level,
        region_code,
        node_code as child_code,
        unit_score as child_value
    from dimension_scores_aggregated
),

scores_aggregated as (
    {{ bdi.parent_scores('children_valued', 'dimension_weights_computed') }}
),

final as (
    select
        edition,
        region_level,
        region_code,
        node_code,
        unit_score,
        score
    from scores_aggregated
)

select * from final

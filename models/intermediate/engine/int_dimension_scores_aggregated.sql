{#-
    Scores of the 3 dimensions per region (docs/methodology.md §5): s = Σ w · c over their
    sub-dimensions' scores on the 0–1 scale (unit_score) and ×100 (score, full precision).
    The one definition of aggregation: macros/engine/weighting/parent_scores.sql.
-#}

with

subdimension_scores_aggregated as (
    select * from {{ ref('int_subdimension_scores_aggregated') }}
),

subdimension_weights_computed as (
    select * from {{ ref('int_subdimension_weights_computed') }}
),

-- the children: each sub-dimension's score on the 0–1 scale
children_valued as (
    select
        edition,
        region_level,
        region_code,
        node_code as child_code,
        unit_score as child_value
    from subdimension_scores_aggregated
),

scores_aggregated as (
    {{ bdi.parent_scores('children_valued', 'subdimension_weights_computed') }}
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

{#-
    Scores of the 6 sub-dimensions per region (docs/methodology.md §5): s = Σ w · x over their
    indicators' normalised values, on the 0–1 scale (unit_score, the input of the next level's
    weights) and ×100 (score, full precision).
    The one definition of aggregation: macros/engine/weighting/parent_scores.sql.
-#}

with

indicator_values_normalized as (
    select * from {{ ref('int_indicator_values_normalized') }}
),

indicator_weights_computed as (
    select * from {{ ref('int_indicator_weights_computed') }}
),

-- the children: each indicator's normalised value
children_valued as (
    select
        edition,
        region_level,
        region_code,
        indicator_code as child_code,
        normalized_value as child_value
    from indicator_values_normalized
),

scores_aggregated as (
    {{ bdi.parent_scores('children_valued', 'indicator_weights_computed') }}
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

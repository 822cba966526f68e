{#-
    Scores of the 3 dimensions per region (docs/methodology.md §5): s = Σ w · c over their
    sub-dimensions' scores on the 0–1 scale (unit_score) and ×100 (score, full precision).
-#}

with

subdimension_scores_aggregated as (
    select * from {{ ref('int_subdimension_scores_aggregated') }}
),

subdimension_weights_computed as (
    select * from {{ ref('int_subdimension_weights_computed') }}
),

scores_aggregated as (
    select
        subdimension_scores_aggregated.edition,
        subdimension_scores_aggregated.region_level,
        subdimension_scores_aggregated.region_code,
        subdimension_weights_computed.parent_code as node_code,
        sum(subdimension_weights_computed.weight * subdimension_scores_aggregated.unit_score)
            as unit_score
    from subdimension_scores_aggregated
    inner join subdimension_weights_computed
        on subdimension_scores_aggregated.edition = subdimension_weights_computed.edition
        and subdimension_scores_aggregated.region_level = subdimension_weights_computed.region_level
        and subdimension_scores_aggregated.node_code = subdimension_weights_computed.node_code
    group by
        subdimension_scores_aggregated.edition,
        subdimension_scores_aggregated.region_level,
        subdimension_scores_aggregated.region_code,
        subdimension_weights_computed.parent_code
),

final as (
    select
        edition,
        region_level,
        region_code,
        node_code,
        unit_score,
        100 * unit_score as score
    from scores_aggregated
)

select * from final

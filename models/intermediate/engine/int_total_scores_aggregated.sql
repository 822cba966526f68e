{#-
    The total index per region (docs/methodology.md §5): s = Σ w · c over the dimensions' scores
    on the 0–1 scale (unit_score) and ×100 (score, full precision).
-#}

with

dimension_scores_aggregated as (
    select * from {{ ref('int_dimension_scores_aggregated') }}
),

dimension_weights_computed as (
    select * from {{ ref('int_dimension_weights_computed') }}
),

scores_aggregated as (
    select
        dimension_scores_aggregated.edition,
        dimension_scores_aggregated.region_level,
        dimension_scores_aggregated.region_code,
        dimension_weights_computed.parent_code as node_code,
        sum(dimension_weights_computed.weight * dimension_scores_aggregated.unit_score)
            as unit_score
    from dimension_scores_aggregated
    inner join dimension_weights_computed
        on dimension_scores_aggregated.edition = dimension_weights_computed.edition
        and dimension_scores_aggregated.region_level = dimension_weights_computed.region_level
        and dimension_scores_aggregated.node_code = dimension_weights_computed.node_code
    group by
        dimension_scores_aggregated.edition,
        dimension_scores_aggregated.region_level,
        dimension_scores_aggregated.region_code,
        dimension_weights_computed.parent_code
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

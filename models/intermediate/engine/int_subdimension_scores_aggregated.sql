{#-
    Scores of the 6 sub-dimensions per region (docs/methodology.md §5): s = Σ w · x over their
    indicators' normalised values, on the 0–1 scale (unit_score, the input of the next level's
    weights) and ×100 (score, full precision).
-#}

with

indicator_values_normalized as (
    select * from {{ ref('int_indicator_values_normalized') }}
),

indicator_weights_computed as (
    select * from {{ ref('int_indicator_weights_computed') }}
),

scores_aggregated as (
    select
        indicator_values_normalized.edition,
        indicator_values_normalized.region_level,
        indicator_values_normalized.region_code,
        indicator_weights_computed.parent_code as node_code,
        sum(indicator_weights_computed.weight * indicator_values_normalized.normalized_value)
            as unit_score
    from indicator_values_normalized
    inner join indicator_weights_computed
        on indicator_values_normalized.edition = indicator_weights_computed.edition
        and indicator_values_normalized.region_level = indicator_weights_computed.region_level
        and indicator_values_normalized.indicator_code = indicator_weights_computed.node_code
    group by
        indicator_values_normalized.edition,
        indicator_values_normalized.region_level,
        indicator_values_normalized.region_code,
        indicator_weights_computed.parent_code
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

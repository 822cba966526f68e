{#-
    Min–max normalisation (docs/methodology.md §3) over the sample of one (edition, region_level):
    positive indicators (v - min) / (max - min), negative ones (max - v) / (max - min);
    a constant indicator (max = min) is 0 everywhere (and uninformative for the weights).
-#}

with

indicator_values_computed as (
    select * from {{ ref('int_indicator_values_computed') }}
),

indicator_tree as (
    select * from {{ ref('ref_indicator_tree') }}
),

indicators_ranged as (
    select
        edition,
        region_level,
        indicator_code,
        min(raw_value) as min_value,
        max(raw_value) as max_value
    from indicator_values_computed
    group by edition, region_level, indicator_code
),

values_normalized as (
    select
        indicator_values_computed.edition,
        indicator_values_computed.data_year,
        indicator_values_computed.region_level,
        indicator_values_computed.region_code,
        indicator_values_computed.indicator_code,
        indicator_values_computed.raw_value,
        case
            when indicators_ranged.max_value = indicators_ranged.min_value
                then cast(0 as double)
            when indicator_tree.direction = 'positive'
                then (indicator_values_computed.raw_value - indicators_ranged.min_value)
                    / (indicators_ranged.max_value - indicators_ranged.min_value)
            when indicator_tree.direction = 'negative'
                then (indicators_ranged.max_value - indicator_values_computed.raw_value)
                    / (indicators_ranged.max_value - indicators_ranged.min_value)
        end as normalized_value
    from indicator_values_computed
    inner join indicators_ranged
        on indicator_values_computed.edition = indicators_ranged.edition
        and indicator_values_computed.region_level = indicators_ranged.region_level
        and indicator_values_computed.indicator_code = indicators_ranged.indicator_code
    left join indicator_tree
        on indicator_values_computed.indicator_code = indicator_tree.node_code
),

final as (
    select
        edition,
        data_year,
        region_level,
        region_code,
        indicator_code,
        raw_value,
        normalized_value
    from values_normalized
)

select * from final

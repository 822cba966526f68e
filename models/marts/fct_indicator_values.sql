with

int_indicator_values_normalized as (
    select * from {{ ref('int_indicator_values_normalized') }}
),

values_ranked as (
    select
        *,
        rank() over (
            partition by edition, region_level, indicator_code
            order by {{ bdi.round_double('raw_value', bdi.rank_decimals()) }} desc
        ) as value_rank,
        100 * cume_dist() over (
            partition by edition, region_level, indicator_code
            order by {{ bdi.round_double('raw_value', bdi.rank_decimals()) }}
        ) as value_percentile,
        median(raw_value) over (
            partition by edition, region_level, indicator_code
        ) as national_median
    from int_indicator_values_normalized
),

final as (
    select
        cast(edition as integer) as edition,
        cast(data_year as integer) as data_year,
        cast(region_level as varchar) as region_level,
        cast(region_code as varchar) as region_code,
        cast(indicator_code as varchar) as indicator_code,
        cast(raw_value as double) as raw_value,
        cast(normalized_value as double) as normalized_value,
        cast(value_rank as integer) as value_rank,
        cast(value_percentile as double) as value_percentile,
        cast(national_median as double) as national_median
    from values_ranked
)

select * from final

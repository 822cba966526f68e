with

indicator_values as (
    select * from {{ ref('int_indicator_values_normalized') }}
),

final as (
    select
        cast(edition as integer) as edition,
        cast(data_year as integer) as data_year,
        cast(region_level as varchar) as region_level,
        cast(region_code as varchar) as region_code,
        cast(indicator_code as varchar) as indicator_code,
        cast(raw_value as double) as raw_value,
        cast(normalized_value as double) as normalized_value
    from indicator_values
)

select * from final

{#-
    The valid topic values at each region level they belong to (docs/data-contract.md, table
    topic_values): a province code gives a province-level value, a city or district/county code
    a value of its city, a code in a municipality a value at both levels. One row per (topic,
    edition, level, region); edition = data year + 1. Runs only after the gate
    int_invalid_rows_checked passed.
-#}
-- depends_on: {{ ref('int_invalid_rows_checked') }}
with

int_topic_values_validated as (
    select * from {{ ref('int_topic_values_validated') }}
),

valid_values as (
    select * from int_topic_values_validated
    where is_valid
),

province_values as (
    select
        topic_code,
        data_year,
        'province' as region_level,
        province_level_code as region_code,
        value
    from valid_values
    where province_level_code is not null
),

city_values as (
    select
        topic_code,
        data_year,
        'city' as region_level,
        city_level_code as region_code,
        value
    from valid_values
    where city_level_code is not null
),

levels_unioned as (
    select * from province_values
    union all
    select * from city_values
),

final as (
    select
        topic_code,
        cast(data_year + 1 as integer) as edition,
        region_level,
        region_code,
        cast(data_year as integer) as data_year,
        cast(value as double) as value
    from levels_unioned
)

select * from final

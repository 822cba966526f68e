{#-
    One row per raw topic value (optional table, docs/data-contract.md, table topic_values):
    trimmed, typed and checked against the rules that the row alone can break. The topic, the
    region and uniqueness after resolution are checked in int_topic_values_validated. Empty when
    the build has no topics.
-#}
with

source as (
    select * from {{ source('raw', 'topic_values') }}
),

parsed as (
    select
        source_row,
        {{ bdi.clean_text('topic_code') }} as topic_code,
        {{ bdi.clean_text('region_code') }} as region_code,
        {{ bdi.parse_integer('year') }} as data_year,
        {{ bdi.parse_number('value') }} as value,
        {{ bdi.clean_text('topic_code') }} as topic_code_raw,
        {{ bdi.clean_text('region_code') }} as region_code_raw,
        {{ bdi.clean_text('year') }} as year_raw,
        {{ bdi.clean_text('value') }} as value_raw
    from source
),

validated as (
    select
        *,
        {{ bdi.collect_problems([
            ("topic_code is null", 'missing_value', 'topic_code'),
            ("region_code is null", 'missing_value', 'region_code'),
            ("year_raw is null", 'missing_value', 'year'),
            (bdi.is_unparseable('year_raw', 'data_year'), 'unparseable_number', 'year'),
            ("data_year not between 2000 and 2100", 'out_of_range', 'year'),
            ("value_raw is null", 'missing_value', 'value'),
            (bdi.is_unparseable('value_raw', 'value'), 'unparseable_number', 'value'),
        ]) }} as problems
    from parsed
),

final as (
    select
        source_row,
        topic_code,
        region_code,
        data_year,
        value,
        len(problems) = 0 as is_valid,
        problems
    from validated
)

select * from final

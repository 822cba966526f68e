{#-
    One row per raw university: trimmed, typed and checked against the rules that the row alone
    can break (docs/data-contract.md, table universities). Its region is resolved in
    int_universities_validated.
-#}
with

source as (
    select * from {{ source('raw', 'universities') }}
),

parsed as (
    select
        source_row,
        {{ bdi.clean_text('university_id') }} as university_id,
        {{ bdi.clean_text('university_name') }} as university_name,
        {{ bdi.clean_text('region_code') }} as region_code,
        {{ bdi.parse_integer('bigdata_major_since') }} as bigdata_major_since,
        {{ bdi.clean_text('university_id') }} as university_id_raw,
        {{ bdi.clean_text('university_name') }} as university_name_raw,
        {{ bdi.clean_text('region_code') }} as region_code_raw,
        {{ bdi.clean_text('bigdata_major_since') }} as bigdata_major_since_raw
    from source
),

-- each row with how many rows share its key (macros/staging/count_keys.sql)
keys_counted as (
    {{ bdi.count_keys('parsed', ['university_id']) }}
),

validated as (
    select
        *,
        {{ bdi.collect_problems([
            ("university_id is null", 'missing_value', 'university_id'),
            ("university_id is not null and key_count > 1", 'duplicate_key', 'university_id'),
            ("university_name is null", 'missing_value', 'university_name'),
            ("region_code is null", 'missing_value', 'region_code'),
            (bdi.is_unparseable('bigdata_major_since_raw', 'bigdata_major_since'), 'unparseable_number', 'bigdata_major_since'),
            ("bigdata_major_since not between 1900 and 2100", 'out_of_range', 'bigdata_major_since'),
        ]) }} as problems
    from keys_counted
),

final as (
    select
        source_row,
        university_id,
        university_name,
        region_code,
        bigdata_major_since,
        len(problems) = 0 as is_valid,
        problems
    from validated
)

select * from final

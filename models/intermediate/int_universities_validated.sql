{#-
    Every raw university with its region resolved (int_region_codes_resolved) and every contract rule
    checked: the staging model's row rules plus unknown_region. Only valid rows count in the
    indicators.
-#}
with

stg_raw__universities as (
    select * from {{ ref('stg_raw__universities') }}
),

int_region_codes_resolved as (
    select * from {{ ref('int_region_codes_resolved') }}
),

regions_resolved as (
    {{ bdi.join_resolved_region('stg_raw__universities', 'region_code', 'int_region_codes_resolved') }}
),

final as (
    select
        source_row,
        university_id,
        university_name,
        region_code,
        province_code,
        city_code,
        bigdata_major_since,
        is_valid and len(added_problems) = 0 as is_valid,
        list_concat(problems, added_problems) as problems
    from regions_resolved
)

select * from final

{#-
    Every raw enterprise_annual row with every contract rule checked: the staging model's row
    rules plus the reference to its enterprise, which must exist (orphan_reference) and be valid
    (invalid_reference). province_code and city_code are those of the enterprise.
-#}
with

stg_raw__enterprise_annual as (
    select * from {{ ref('stg_raw__enterprise_annual') }}
),

int_enterprises_validated as (
    select * from {{ ref('int_enterprises_validated') }}
),

enterprises_joined as (
    {{ bdi.join_enterprise('stg_raw__enterprise_annual', 'int_enterprises_validated') }}
),

final as (
    select
        source_row,
        enterprise_id,
        data_year,
        province_code,
        city_code,
        is_listed,
        is_unicorn,
        is_gazelle,
        is_high_tech,
        has_website,
        market_cap,
        valuation,
        tech_staff,
        patents,
        software_copyrights,
        is_valid and len(added_problems) = 0 as is_valid,
        list_concat(problems, added_problems) as problems
    from enterprises_joined
)

select * from final
